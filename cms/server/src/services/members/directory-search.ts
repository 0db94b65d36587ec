import type { Core } from '@strapi/strapi';
import { answerLabels, ownAnswer, type Answers, type ProfileField } from '../../../../shared/profile-fields';
import type { Availability } from '../../../../shared/vocabulary';
import type { DirectoryResponse, ListingView } from '../../../../shared/contracts/members';
import { matchingCriteriaOf, profileFieldsOf, type ProgramRecord } from '../content/programs';
import type { ScoredMentor } from '../platform/matcher-client';
import { validationError } from '../../utils/validation-error';
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';

/** The directory answers within this even when the matcher is slow; it then sorts by relevance. */
export const DIRECTORY_MATCHER_TIMEOUT_MS = 3000;

const FACET_KINDS = new Set(['single-choice', 'multiple-choice', 'country', 'region', 'languages']);

export interface DirectoryQuery {
  q?: string;
  filters?: Record<string, string | string[]>;
  availability?: 'available' | 'any';
  sort?: 'relevance' | 'match' | 'name';
  page: number;
  pageSize: number;
}

interface ListingRow {
  id: number;
  documentId: string;
  displayName: string;
  careerPath?: string | null;
  bio?: string | null;
  publicAnswers?: Answers | null;
  searchText?: string | null;
  availability: Availability;
  awayUntil?: string | null;
  capacity?: number | null;
  activeMentorships?: number | null;
  featured?: boolean | null;
  profile?: { id: number; documentId: string; answers?: Answers | null } | null;
}

const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === null || value === undefined || value === '' ? [] : [String(value)]);

const relevanceOf = (listing: ListingRow, words: string[]) => {
  const text = listing.searchText ?? '';
  const name = listing.displayName.toLowerCase();
  const career = (listing.careerPath ?? '').toLowerCase();
  return words.reduce((sum, word) => sum + count(text, word) + (name.includes(word) ? 3 : 0) + (career.includes(word) ? 2 : 0), 0) + (listing.featured ? 0.5 : 0);
};

const placesLeft = (listing: ListingRow) => Math.max(0, (listing.capacity ?? 1) - (listing.activeMentorships ?? 0));

const directorySearch = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Fields of the mentor profile type a member can filter on: public and searchable. */
  async facetFields(program: ProgramRecord): Promise<ProfileField[]> {
    const type = await strapi.db.query(UID.profileType).findOne({ where: { program: program.id, role: 'mentor' } });
    return profileFieldsOf(type?.fields).filter((field) => field.public && field.searchable);
  },

  async search(program: ProgramRecord, query: DirectoryQuery, viewer: { id: number } | null): Promise<DirectoryResponse> {
    const fields = await this.facetFields(program);
    const byKey = new Map(fields.map((field) => [field.key, field]));
    const filters = Object.entries(query.filters ?? {}).map(([key, value]) => {
      const field = byKey.get(key);
      if (!field) {
        throw validationError([{ path: ['filters', key], message: `not a searchable field; searchable: ${fields.map((item) => item.key).join(', ') || 'none'}` }]);
      }
      return { field, values: asList(value).flatMap((item) => item.split(',')).filter(Boolean) };
    });

    const rows = (await strapi.db.query(UID.listing).findMany({
      where: { program: program.id, listed: true, hidden: false },
      populate: { profile: { select: ['id', 'documentId', 'answers'] } },
      limit: 100000,
    })) as ListingRow[];

    const words = tokens(query.q ?? '');
    const matchesText = (row: ListingRow) => words.every((word) => (row.searchText ?? '').includes(word));
    const matchesAvailability = (row: ListingRow) => query.availability !== 'available' || (row.availability === 'available' && placesLeft(row) > 0);
    const matchesFilter = (row: ListingRow, filter: (typeof filters)[number]) => {
      if (filter.values.length === 0) return true;
      const answer = asList(ownAnswer(row.publicAnswers, filter.field.key));
      return filter.values.some((value) => answer.includes(value));
    };
    const base = rows.filter((row) => matchesText(row) && matchesAvailability(row));
    const results = base.filter((row) => filters.every((filter) => matchesFilter(row, filter)));

    // Facet counts: for each field, the results under every other filter (so a member sees what choosing more would give).
    const facets: DirectoryResponse['meta']['facets'] = {};
    for (const field of fields.filter((item) => FACET_KINDS.has(item.kind))) {
      const scope = base.filter((row) => filters.every((filter) => filter.field.key === field.key || matchesFilter(row, filter)));
      const counts = new Map<string, number>();
      for (const option of field.options ?? []) counts.set(option.value, 0);
      for (const row of scope) for (const value of new Set(asList(ownAnswer(row.publicAnswers, field.key)))) counts.set(value, (counts.get(value) ?? 0) + 1);
      facets[field.key] = {
        label: field.label,
        values: [...counts.entries()].map(([value, total]) => ({ value, label: answerLabels(field, value)[0] ?? value, count: total })),
      };
    }
    const availableScope = rows.filter((row) => matchesText(row) && filters.every((filter) => matchesFilter(row, filter)));
    facets.availability = {
      label: 'Availability',
      values: [
        { value: 'available', label: 'Taking mentees now', count: availableScope.filter((row) => row.availability === 'available' && placesLeft(row) > 0).length },
        { value: 'any', label: 'Everyone', count: availableScope.length },
      ],
    };

    const relevance = new Map(results.map((row) => [row.id, relevanceOf(row, words)]));
    const mentee = viewer ? await getService(strapi, 'enrollment').profileOf(viewer.id, program.id, 'mentee') : null;
    const wantsMatch = query.sort === 'match' || (query.sort === undefined && mentee !== null);
    let sort: DirectoryResponse['meta']['sort'] = query.sort === 'name' ? 'name' : 'relevance';
    let matcher: DirectoryResponse['meta']['matcher'] = 'not-used';
    let scores = new Map<string, ScoredMentor>();

    if (wantsMatch && mentee && results.length > 0) {
      try {
        const top = await getService(strapi, 'matcher-client').scores(
          {
            mentees: [{ id: mentee.documentId, attributes: mentee.answers ?? {} }],
            mentors: results.map((row) => ({ id: row.profile?.documentId ?? row.documentId, attributes: row.profile?.answers ?? {}, capacity: Math.max(1, row.capacity ?? 1) })),
            criteria: matchingCriteriaOf(program),
            topK: results.length,
            mentorIds: results.map((row) => row.profile?.documentId ?? row.documentId),
          },
          { timeoutMs: DIRECTORY_MATCHER_TIMEOUT_MS },
        );
        scores = new Map((top.get(mentee.documentId) ?? []).map((item) => [item.mentorId, item]));
        sort = 'match';
        matcher = 'ok';
      } catch (error) {
        strapi.log.warn(`[mentorship] directory of ${program.slug} sorted by relevance: ${error instanceof Error ? error.message : String(error)}`);
        matcher = 'unavailable';
      }
    }

    const byName = (a: ListingRow, b: ListingRow) => a.displayName.localeCompare(b.displayName) || a.id - b.id;
    const byRelevance = (a: ListingRow, b: ListingRow) => (relevance.get(b.id) ?? 0) - (relevance.get(a.id) ?? 0) || Number(Boolean(b.featured)) - Number(Boolean(a.featured)) || byName(a, b);
    // A pair a hard rule forbids (or one the matcher did not score) sorts after every eligible one.
    const scoreOf = (row: ListingRow) => {
      const scored = scores.get(row.profile?.documentId ?? '');
      return scored?.eligible ? scored.score : -1;
    };
    results.sort(sort === 'match' ? (a, b) => scoreOf(b) - scoreOf(a) || byRelevance(a, b) : sort === 'name' ? byName : byRelevance);

    const start = (query.page - 1) * query.pageSize;
    const data = results.slice(start, start + query.pageSize).map((row): ListingView => {
      const scored = scores.get(row.profile?.documentId ?? '');
      return {
        documentId: row.documentId,
        profileDocumentId: row.profile?.documentId ?? '',
        displayName: row.displayName,
        careerPath: row.careerPath ?? null,
        bio: row.bio ?? null,
        answers: row.publicAnswers ?? {},
        availability: row.availability,
        awayUntil: row.awayUntil ?? null,
        placesLeft: placesLeft(row),
        featured: Boolean(row.featured),
        relevance: relevance.get(row.id) ?? 0,
        ...(sort === 'match' ? { match: scored ? { score: scored.score, eligible: scored.eligible, reasons: scored.reasons } : null } : {}),
      };
    });
    return {
      data,
      meta: { total: results.length, page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(results.length / query.pageSize), sort, matcher, facets },
    };
  },

  /** One listing by its documentId (public fields only), or null when it is not listed. */
  async listing(program: ProgramRecord, documentId: string): Promise<ListingView | null> {
    const row = (await strapi.db.query(UID.listing).findOne({
      where: { documentId, program: program.id, listed: true, hidden: false },
      populate: { profile: { select: ['documentId'] } },
    })) as ListingRow | null;
    if (!row) return null;
    return {
      documentId: row.documentId,
      profileDocumentId: row.profile?.documentId ?? '',
      displayName: row.displayName,
      careerPath: row.careerPath ?? null,
      bio: row.bio ?? null,
      answers: row.publicAnswers ?? {},
      availability: row.availability,
      awayUntil: row.awayUntil ?? null,
      placesLeft: placesLeft(row),
      featured: Boolean(row.featured),
    };
  },
});

export type DirectorySearchService = ReturnType<typeof directorySearch>;
export default directorySearch;
