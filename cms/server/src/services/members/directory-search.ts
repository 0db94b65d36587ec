import type { Core } from '@strapi/strapi';
import { answerLabels, ownAnswer, isCountryCode, isLanguageCode, optionsOf, publicAnswers, type AnswerValue, type Answers, type ProfileField } from '../../../../shared/profile-fields';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type { Availability, Role } from '../../../../shared/vocabulary';
import type { DirectoryResponse, ListingView } from '../../../../shared/contracts/members';
import { matchingCriteriaOf, profileFieldsOf, type ProgramRecord } from '../content/programs';
import type { ScoredMentor } from '../platform/matcher-client';
import { LIVE_STATUSES } from './mentorships';
import { validationError } from '../../utils/validation-error';
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';

/** The directory answers within this even when the matcher is slow; it then sorts by relevance. */
export const DIRECTORY_MATCHER_TIMEOUT_MS = 3000;

const FACET_KINDS = new Set(['single-choice', 'multiple-choice', 'country', 'region', 'languages']);

/** Mentee profiles a mentor may find and approach: accepted into the program. */
const APPROACHABLE_MENTEE = ['approved', 'listed'];

export interface DirectoryQuery {
  q?: string;
  filters?: Record<string, string | string[]>;
  availability?: 'available' | 'any';
  sort?: 'relevance' | 'match' | 'name';
  page: number;
  pageSize: number;
}

/**
 * One person as the directory sees them: the public side only. `id` is the profile's documentId, the one
 * id requests, profiles and mentorships use for the person too.
 */
interface Entry {
  rowId: number;
  id: string;
  displayName: string;
  careerPath: string | null;
  bio: string | null;
  answers: Answers;
  searchText: string;
  availability: Availability;
  awayUntil: string | null;
  placesLeft: number;
  featured: boolean;
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
  profile?: { id: number; documentId: string } | null;
}

interface MenteeRow {
  id: number;
  documentId: string;
  displayName: string;
  careerPath?: string | null;
  bio?: string | null;
  answers?: Answers | null;
}

const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === null || value === undefined || value === '' ? [] : [String(value)]);

const relevanceOf = (entry: Entry, words: string[]) => {
  const name = entry.displayName.toLowerCase();
  const career = (entry.careerPath ?? '').toLowerCase();
  return words.reduce((sum, word) => sum + count(entry.searchText, word) + (name.includes(word) ? 3 : 0) + (career.includes(word) ? 2 : 0), 0) + (entry.featured ? 0.5 : 0);
};

/** Lower-cased text of every public thing an entry shows, for full-text search. */
export const searchTextOf = (person: { displayName: string; careerPath?: string | null; bio?: string | null }, fields: readonly ProfileField[], shown: Answers) =>
  [person.displayName, person.careerPath ?? '', person.bio ?? '', ...fields.flatMap((field) => (Object.hasOwn(shown, field.key) ? answerLabels(field, ownAnswer(shown, field.key) ?? null) : []))]
    .join(' \n')
    .toLowerCase();

/** The labels of each public answer, in the answer's own shape (a list for a list). */
const labelsOf = (fields: readonly ProfileField[], answers: Answers): Record<string, string | string[]> => {
  const labels: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value: AnswerValue | undefined = ownAnswer(answers, field.key);
    if (value === undefined || value === null) continue;
    const named = answerLabels(field, value);
    labels[field.key] = Array.isArray(value) ? named : (named[0] ?? String(value));
  }
  return labels;
};

/**
 * The criteria a member-facing score may use: those that read only what the viewer may see of the other
 * side (its public fields). A criterion on a private answer would let a member guess that answer by
 * editing her own and watching the score, eligibility or order move; staff runs keep every criterion.
 */
export const criteriaVisibleTo = (criteria: MatchingCriterion[], otherSide: 'mentor' | 'mentee', otherFields: readonly ProfileField[]): MatchingCriterion[] => {
  const visible = new Set(otherFields.filter((field) => field.public).map((field) => field.key));
  return criteria.filter((criterion) => {
    const attribute = otherSide === 'mentor' ? criterion.mentorAttribute : criterion.menteeAttribute;
    return attribute === undefined || visible.has(attribute);
  });
};

/** Why a filter value cannot match anything on this field, or null when it can. */
const unknownFilterValue = (field: ProfileField, value: string): string | null => {
  const options = optionsOf(field);
  if (options) return options.some((option) => option.value === value) ? null : `"${value}" is not an option of ${field.label} (${options.map((option) => option.value).join(', ')})`;
  if (field.kind === 'country') return isCountryCode(value) ? null : `"${value}" is not an ISO 3166 two-letter country code such as "DE"`;
  if (field.kind === 'languages') return isLanguageCode(value) ? null : `"${value}" is not an ISO 639 language code such as "en"`;
  if ((field.kind === 'number' || field.kind === 'year') && !Number.isFinite(Number(value))) return `"${value}" is not a number`;
  return null;
};

const toView = (entry: Entry, fields: readonly ProfileField[], extra: Partial<ListingView> = {}): ListingView => ({
  documentId: entry.id,
  profileDocumentId: entry.id,
  displayName: entry.displayName,
  careerPath: entry.careerPath,
  bio: entry.bio,
  answers: entry.answers,
  labels: labelsOf(fields, entry.answers),
  availability: entry.availability,
  awayUntil: entry.awayUntil,
  placesLeft: entry.placesLeft,
  featured: entry.featured,
  ...extra,
});

const directorySearch = ({ strapi }: { strapi: Core.Strapi }) => {
  const fieldsOf = async (program: ProgramRecord, role: Role): Promise<ProfileField[]> => {
    const type = await strapi.db.query(UID.profileType).findOne({ where: { program: program.id, role } });
    return profileFieldsOf(type?.fields);
  };

  const mentorEntry = (row: ListingRow): Entry => ({
    rowId: row.id,
    id: row.profile?.documentId ?? '',
    displayName: row.displayName,
    careerPath: row.careerPath ?? null,
    bio: row.bio ?? null,
    answers: row.publicAnswers ?? {},
    searchText: row.searchText ?? '',
    availability: row.availability,
    awayUntil: row.availability === 'away' ? (row.awayUntil ?? null) : null,
    placesLeft: Math.max(0, (row.capacity ?? 1) - (row.activeMentorships ?? 0)),
    featured: Boolean(row.featured),
  });

  const mentorEntries = async (program: ProgramRecord, where: Record<string, unknown> = {}): Promise<Entry[]> => {
    const rows = (await strapi.db.query(UID.listing).findMany({
      where: { program: program.id, listed: true, hidden: false, ...where },
      populate: { profile: { select: ['id', 'documentId'] } },
      limit: 100000,
    })) as ListingRow[];
    return rows.filter((row) => row.profile).map(mentorEntry);
  };

  /** Mentees of the program accepted into it, public answers only; one already paired has no place left. */
  const menteeEntries = async (program: ProgramRecord, fields: readonly ProfileField[], where: Record<string, unknown> = {}): Promise<Entry[]> => {
    const rows = (await strapi.db.query(UID.profile).findMany({
      where: { program: program.id, role: 'mentee', profileStatus: { $in: APPROACHABLE_MENTEE }, ...where },
      select: ['id', 'documentId', 'displayName', 'careerPath', 'bio', 'answers'],
      limit: 100000,
    })) as MenteeRow[];
    const paired = rows.length
      ? ((await strapi.db.query(UID.mentorship).findMany({
          where: { mentee: { id: { $in: rows.map((row) => row.id) } }, mentorshipStatus: { $in: LIVE_STATUSES } },
          populate: { mentee: { select: ['id'] } },
          limit: 100000,
        })) as { mentee?: { id: number } | null }[])
      : [];
    const pairedIds = new Set(paired.map((item) => item.mentee?.id));
    return rows.map((row) => {
      const shown = publicAnswers(fields, row.answers ?? {});
      const free = !pairedIds.has(row.id);
      return {
        rowId: row.id,
        id: row.documentId,
        displayName: row.displayName,
        careerPath: row.careerPath ?? null,
        bio: row.bio ?? null,
        answers: shown,
        searchText: searchTextOf(row, fields, shown),
        availability: free ? 'available' : 'full',
        awayUntil: null,
        placesLeft: free ? 1 : 0,
        featured: false,
      };
    });
  };

  /**
   * Search, filters, facets, sort and paging over one side of a program. `scoreAll` ranks the entries
   * for the viewer (member-facing: it sees only what the viewer may see), or is null when there is
   * nothing to rank the viewer by.
   */
  const run = async (
    entries: Entry[],
    allFields: ProfileField[],
    query: DirectoryQuery,
    scoreAll: ((results: Entry[]) => Promise<Map<string, ScoredMentor>>) | null,
    programSlug: string,
  ): Promise<DirectoryResponse> => {
    const fields = allFields.filter((field) => field.public && field.searchable);
    const byKey = new Map(fields.map((field) => [field.key, field]));
    const filters = Object.entries(query.filters ?? {}).map(([key, value]) => {
      const field = byKey.get(key);
      if (!field) {
        throw validationError([{ path: ['filters', key], message: `not a searchable field; searchable: ${fields.map((item) => item.key).join(', ') || 'none'}` }]);
      }
      const values = asList(value).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
      const problems = values.map((item) => unknownFilterValue(field, item)).filter((problem): problem is string => problem !== null);
      if (problems.length > 0) throw validationError(problems.map((message) => ({ path: ['filters', key], message })));
      return { field, values };
    });

    const words = tokens(query.q ?? '');
    const matchesText = (entry: Entry) => words.every((word) => entry.searchText.includes(word));
    const isAvailable = (entry: Entry) => entry.availability === 'available' && entry.placesLeft > 0;
    const matchesAvailability = (entry: Entry) => query.availability !== 'available' || isAvailable(entry);
    const matchesFilter = (entry: Entry, filter: (typeof filters)[number]) => {
      if (filter.values.length === 0) return true;
      const answer = asList(ownAnswer(entry.answers, filter.field.key));
      return filter.values.some((value) => answer.includes(value));
    };
    const base = entries.filter((entry) => matchesText(entry) && matchesAvailability(entry));
    const results = base.filter((entry) => filters.every((filter) => matchesFilter(entry, filter)));

    // Facet counts: for each field, the results under every other filter (so a member sees what choosing more would give).
    const facets: DirectoryResponse['meta']['facets'] = {};
    for (const field of fields.filter((item) => FACET_KINDS.has(item.kind))) {
      const scope = base.filter((entry) => filters.every((filter) => filter.field.key === field.key || matchesFilter(entry, filter)));
      const counts = new Map<string, number>();
      for (const option of optionsOf(field) ?? []) counts.set(option.value, 0);
      for (const entry of scope) for (const value of new Set(asList(ownAnswer(entry.answers, field.key)))) counts.set(value, (counts.get(value) ?? 0) + 1);
      facets[field.key] = {
        label: field.label,
        values: [...counts.entries()].map(([value, total]) => ({ value, label: answerLabels(field, value)[0] ?? value, count: total })),
      };
    }
    const availableScope = entries.filter((entry) => matchesText(entry) && filters.every((filter) => matchesFilter(entry, filter)));
    facets.availability = {
      label: 'Availability',
      values: [
        { value: 'available', label: 'Taking mentees now', count: availableScope.filter(isAvailable).length },
        { value: 'any', label: 'Everyone', count: availableScope.length },
      ],
    };

    const relevance = new Map(results.map((entry) => [entry.rowId, relevanceOf(entry, words)]));
    const wantsMatch = query.sort === 'match' || (query.sort === undefined && scoreAll !== null);
    let sort: DirectoryResponse['meta']['sort'] = query.sort === 'name' ? 'name' : 'relevance';
    let matcher: DirectoryResponse['meta']['matcher'] = 'not-used';
    let scores = new Map<string, ScoredMentor>();
    if (wantsMatch && scoreAll && results.length > 0) {
      try {
        scores = await scoreAll(results);
        sort = 'match';
        matcher = 'ok';
      } catch (error) {
        strapi.log.warn(`[mentorship] directory of ${programSlug} sorted by relevance: ${error instanceof Error ? error.message : String(error)}`);
        matcher = 'unavailable';
      }
    }

    const byName = (a: Entry, b: Entry) => a.displayName.localeCompare(b.displayName) || a.rowId - b.rowId;
    const byRelevance = (a: Entry, b: Entry) => (relevance.get(b.rowId) ?? 0) - (relevance.get(a.rowId) ?? 0) || Number(b.featured) - Number(a.featured) || byName(a, b);
    // A pair a hard rule forbids (or one the matcher did not score) sorts after every eligible one.
    const scoreOf = (entry: Entry) => {
      const scored = scores.get(entry.id);
      return scored?.eligible ? scored.score : -1;
    };
    results.sort(sort === 'match' ? (a, b) => scoreOf(b) - scoreOf(a) || byRelevance(a, b) : sort === 'name' ? byName : byRelevance);

    const start = (query.page - 1) * query.pageSize;
    const publicFields = allFields.filter((field) => field.public);
    const data = results.slice(start, start + query.pageSize).map((entry): ListingView => {
      const scored = scores.get(entry.id);
      return toView(entry, publicFields, {
        relevance: relevance.get(entry.rowId) ?? 0,
        ...(sort === 'match' ? { match: scored ? { score: scored.score, eligible: scored.eligible, reasons: scored.reasons } : null } : {}),
      });
    });
    return {
      data,
      meta: { total: results.length, page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(results.length / query.pageSize), sort, matcher, facets },
    };
  };

  return {
    /** Fields of the mentor profile type a member can filter on: public and searchable. */
    async facetFields(program: ProgramRecord): Promise<ProfileField[]> {
      return (await fieldsOf(program, 'mentor')).filter((field) => field.public && field.searchable);
    },

    /**
     * The mentor directory. A signed-in mentee is ranked against each mentor by the matcher on what she
     * may see of the mentor (public answers, and only the criteria that read them).
     */
    async search(program: ProgramRecord, query: DirectoryQuery, viewer: { id: number } | null): Promise<DirectoryResponse> {
      const fields = await fieldsOf(program, 'mentor');
      const entries = await mentorEntries(program);
      const mentee = viewer ? await getService(strapi, 'enrollment').profileOf(viewer.id, program.id, 'mentee') : null;
      const criteria = criteriaVisibleTo(matchingCriteriaOf(program), 'mentor', fields);
      const scoreAll = mentee
        ? async (results: Entry[]) => {
            const top = await getService(strapi, 'matcher-client').scores(
              {
                mentees: [{ id: mentee.documentId, attributes: mentee.answers ?? {} }],
                mentors: results.map((entry) => ({ id: entry.id, attributes: entry.answers, capacity: Math.max(1, entry.placesLeft) })),
                criteria,
                topK: results.length,
                mentorIds: results.map((entry) => entry.id),
              },
              { timeoutMs: DIRECTORY_MATCHER_TIMEOUT_MS },
            );
            return new Map((top.get(mentee.documentId) ?? []).map((item) => [item.mentorId, item]));
          }
        : null;
      return run(entries, fields, query, scoreAll, program.slug);
    },

    /** One listed mentor by the person's id (the profile documentId; public fields only), or null. */
    async listing(program: ProgramRecord, documentId: string): Promise<ListingView | null> {
      const [entry] = await mentorEntries(program, { profile: { documentId } });
      if (!entry) return null;
      return toView(entry, (await fieldsOf(program, 'mentor')).filter((field) => field.public));
    },

    /**
     * The mentee directory of a program that lets mentors approach, for one of its listed mentors:
     * public mentee answers only, the same search, filters, facets and paging as the mentor directory,
     * ranked for the mentor on what the mentor may see of each mentee.
     */
    async searchMentees(program: ProgramRecord, query: DirectoryQuery, mentor: { documentId: string; answers?: Answers | null }): Promise<DirectoryResponse> {
      const fields = await fieldsOf(program, 'mentee');
      const entries = await menteeEntries(program, fields);
      const criteria = criteriaVisibleTo(matchingCriteriaOf(program), 'mentee', fields);
      const scoreAll = async (results: Entry[]) => {
        const top = await getService(strapi, 'matcher-client').scores(
          {
            mentees: results.map((entry) => ({ id: entry.id, attributes: entry.answers })),
            mentors: [{ id: mentor.documentId, attributes: mentor.answers ?? {}, capacity: 1 }],
            criteria,
            topK: 1,
            mentorIds: [mentor.documentId],
          },
          { timeoutMs: DIRECTORY_MATCHER_TIMEOUT_MS },
        );
        const scores = new Map<string, ScoredMentor>();
        for (const [menteeId, mentors] of top) {
          const scored = mentors.find((item) => item.mentorId === mentor.documentId);
          if (scored) scores.set(menteeId, scored);
        }
        return scores;
      };
      return run(entries, fields, query, scoreAll, program.slug);
    },

    /** One approachable mentee by the person's id (public fields only), or null. */
    async mentee(program: ProgramRecord, documentId: string): Promise<ListingView | null> {
      const fields = await fieldsOf(program, 'mentee');
      const [entry] = await menteeEntries(program, fields, { documentId });
      return entry ? toView(entry, fields.filter((field) => field.public)) : null;
    },
  };
};

export type DirectorySearchService = ReturnType<typeof directorySearch>;
export default directorySearch;
