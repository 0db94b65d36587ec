import type { Core } from '@strapi/strapi';
import { answerLabels, ownAnswer, isCountryCode, isLanguageCode, optionsOf, publicAnswers, type AnswerValue, type Answers, type ProfileField } from '../../../../shared/profile-fields';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type { Availability, Role } from '../../../../shared/vocabulary';
import type { DirectoryResponse, ListingView } from '../../../../shared/contracts/members';
import { matchingCriteriaOf, profileFieldsOf, type ProgramRecord } from '../content/programs';
import type { Knex } from 'knex';
import { MAX_NAMED_MENTORS, type ScoredMentor } from '../platform/matcher-client';
import { LISTING_SIDE, MENTEE_SIDE, columnsAs, hashOf, listingTables, menteeTables, type IndexSide } from './directory-index';
import { validationError } from '../../utils/validation-error';
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';

/** The directory answers within this even when the matcher is slow; it then sorts by relevance. */
export const DIRECTORY_MATCHER_TIMEOUT_MS = 3000;
/** Each matcher request of a mentee's score fill, which may run on after the answer that started it. */
const DIRECTORY_FILL_TIMEOUT_MS = 30000;

const FACET_KINDS = new Set(['single-choice', 'multiple-choice', 'country', 'region', 'languages']);

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

const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === null || value === undefined || value === '' ? [] : [String(value)]);

/** Lower-cased text of every public thing an entry shows, for full-text search (kept by the directory index). */
export { searchTextOf } from './directory-index';

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

interface Filter {
  field: ProfileField;
  values: string[];
}

/** The query's filters, each on a public searchable field with values it can hold; a 400 naming the filter otherwise. */
const parseFilters = (fields: readonly ProfileField[], query: DirectoryQuery): Filter[] => {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  return Object.entries(query.filters ?? {}).map(([key, value]) => {
    const field = byKey.get(key);
    if (!field) {
      throw validationError([{ path: ['filters', key], message: `not a searchable field; searchable: ${fields.map((item) => item.key).join(', ') || 'none'}` }]);
    }
    const values = asList(value).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
    const problems = values.map((item) => unknownFilterValue(field, item)).filter((problem): problem is string => problem !== null);
    if (problems.length > 0) throw validationError(problems.map((message) => ({ path: ['filters', key], message })));
    return { field, values };
  });
};

const facetOf = (field: ProfileField, counts: Map<string, number>) => ({
  label: field.label,
  values: [...counts.entries()].map(([value, total]) => ({ value, label: answerLabels(field, value)[0] ?? value, count: total })),
});

const availabilityFacet = (available: number, everyone: number) => ({
  label: 'Availability',
  values: [
    { value: 'available', label: 'Taking mentees now', count: available },
    { value: 'any', label: 'Everyone', count: everyone },
  ],
});

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

/** The viewer a directory ranks for (a signed-in mentee in the mentor directory, a listed mentor in the mentee directory): her answers and the criteria she may be scored on. */
interface RankedViewer {
  id: number;
  documentId: string;
  answers: Answers;
  criteria: MatchingCriterion[];
}

/** One listing of a page, in its order, as the index read it (with the viewer's cached score in match order). */
interface IndexRow {
  id: number | string;
  relevance: number | string;
  answers_hash: string;
  score?: number | null;
  eligible?: number | null;
  reasons?: string | null;
}

/** What a page shows of a listing, read from the listing row. */
interface ListingDetail {
  id: number | string;
  profile_document_id: string;
  display_name: string;
  career_path: string | null;
  bio: string | null;
  public_answers: unknown;
  availability: Availability;
  away_until: string | Date | null;
  capacity: number | null;
  active_mentorships: number | null;
  featured: boolean | number | null;
}

/** Mentors the matcher scores in one /v1/scores request (it names at most this many). */
const SCORE_CHUNK = MAX_NAMED_MENTORS;
/** How often a mentee's cached scores are checked against the matcher (the page shown, after the answer). */
const SPOT_CHECK_MS = 60_000;
/** Requests to the matcher in flight at once while a mentee's missing scores are filled. */
const SCORE_CONCURRENCY = 4;

const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value !== 'string') return (value ?? fallback) as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

/** A date column as the document service returns it (YYYY-MM-DD), whether the driver gives a string or a local Date. */
const dateOnly = (value: string | Date | null): string | null =>
  value instanceof Date ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}` : value;

/** A set of row ids as one bit each over the span they cover: small enough to keep many per generation. */
class IdSet {
  private constructor(
    private readonly base: number,
    private readonly bits: Uint32Array,
  ) {}

  static of(ids: number[]): IdSet {
    const base = ids.length ? ids.reduce((least, id) => Math.min(least, id), Infinity) : 0;
    const span = ids.length ? ids.reduce((most, id) => Math.max(most, id), 0) - base + 1 : 0;
    const bits = new Uint32Array(Math.ceil(span / 32));
    for (const id of ids) bits[(id - base) >>> 5]! |= 1 << ((id - base) & 31);
    return new IdSet(base, bits);
  }

  has(id: number): boolean {
    const at = id - this.base;
    return at >= 0 && at >>> 5 < this.bits.length && (this.bits[at >>> 5]! & (1 << (at & 31))) !== 0;
  }
}

const placesLeftOf = (row: Pick<ListingDetail, 'capacity' | 'active_mentorships'>) => Math.max(0, (row.capacity ?? 1) - (row.active_mentorships ?? 0));

/**
 * One directory as the search reads it: its index (directory-index.ts), what a page shows of each
 * entry, and how the matcher scores the viewer against entries (keyed by the entry's profile documentId).
 */
interface DirectorySide {
  index: IndexSide;
  details(strapi: Core.Strapi, ids: number[], allFields: readonly ProfileField[]): Promise<Map<number, ListingDetail>>;
  score(strapi: Core.Strapi, viewer: RankedViewer, entries: ListingDetail[], timeoutMs: number): Promise<Map<string, ScoredMentor>>;
}

/** The mentor directory: listings, read from the listing rows; the viewer is a mentee, scored against each listed mentor. */
const LISTINGS: DirectorySide = {
  index: LISTING_SIDE,
  async details(strapi, ids) {
    const knex = strapi.db.connection;
    const t = listingTables(strapi);
    const col = (name: string) => `l.${t.column(name)}`;
    const found = new Map<number, ListingDetail>();
    for (let at = 0; at < ids.length; at += 500) {
      const rows = (await knex(`${t.listing} as l`)
        .join(`${t.profile.name} as pl`, `pl.${t.profile.joinColumn.name}`, 'l.id')
        .join(`${t.profileTable} as p`, 'p.id', `pl.${t.profile.inverseJoinColumn.name}`)
        .whereIn('l.id', ids.slice(at, at + 500))
        .select(
          'l.id as id',
          'p.document_id as profile_document_id',
          `${col('displayName')} as display_name`,
          `${col('careerPath')} as career_path`,
          `${col('bio')} as bio`,
          `${col('publicAnswers')} as public_answers`,
          `${col('availability')} as availability`,
          `${col('awayUntil')} as away_until`,
          `${col('capacity')} as capacity`,
          `${col('activeMentorships')} as active_mentorships`,
          `${col('featured')} as featured`,
        )) as ListingDetail[];
      for (const row of rows) found.set(Number(row.id), row);
    }
    return found;
  },
  async score(strapi, viewer, mentors, timeoutMs) {
    const top = await getService(strapi, 'matcher-client').scores(
      {
        mentees: [{ id: viewer.documentId, attributes: viewer.answers }],
        mentors: mentors.map((detail) => ({ id: detail.profile_document_id, attributes: parseJson<Answers>(detail.public_answers, {}), capacity: Math.max(1, placesLeftOf(detail)) })),
        criteria: viewer.criteria,
        topK: mentors.length,
        mentorIds: mentors.map((detail) => detail.profile_document_id),
      },
      { timeoutMs },
    );
    return new Map((top.get(viewer.documentId) ?? []).map((item) => [item.mentorId, item]));
  },
};

/**
 * The mentee directory: accepted mentees, read from their profiles with the answers the program's
 * mentee questions make public, full while in a live mentorship (as the index has it); the viewer is
 * a listed mentor, who is scored against each mentee as the one mentor named.
 */
const MENTEES: DirectorySide = {
  index: MENTEE_SIDE,
  async details(strapi, ids, allFields) {
    const knex = strapi.db.connection;
    const t = menteeTables(strapi);
    const found = new Map<number, ListingDetail>();
    for (let at = 0; at < ids.length; at += 500) {
      const rows = (await knex(`${t.profile} as p`)
        .join(`${MENTEE_SIDE.tables.text} as x`, `x.${MENTEE_SIDE.key}`, 'p.id')
        .whereIn('p.id', ids.slice(at, at + 500))
        .select(
          'p.id as id',
          'p.document_id as profile_document_id',
          ...columnsAs('p', t.column, { displayName: 'display_name', careerPath: 'career_path', bio: 'bio', answers: 'answers' }),
          'x.available as available',
        )) as (Pick<ListingDetail, 'id' | 'profile_document_id' | 'display_name' | 'career_path' | 'bio'> & { answers: unknown; available: number | string })[];
      for (const row of rows) {
        const free = Number(row.available) === 1;
        found.set(Number(row.id), {
          id: row.id,
          profile_document_id: row.profile_document_id,
          display_name: row.display_name,
          career_path: row.career_path,
          bio: row.bio,
          public_answers: publicAnswers(allFields, parseJson<Answers>(row.answers, {})),
          availability: free ? 'available' : 'full',
          away_until: null,
          capacity: 1,
          active_mentorships: free ? 0 : 1,
          featured: false,
        });
      }
    }
    return found;
  },
  async score(strapi, viewer, mentees, timeoutMs) {
    const top = await getService(strapi, 'matcher-client').scores(
      {
        mentees: mentees.map((detail) => ({ id: detail.profile_document_id, attributes: parseJson<Answers>(detail.public_answers, {}) })),
        mentors: [{ id: viewer.documentId, attributes: viewer.answers, capacity: 1 }],
        criteria: viewer.criteria,
        topK: 1,
        mentorIds: [viewer.documentId],
      },
      { timeoutMs },
    );
    const scores = new Map<string, ScoredMentor>();
    for (const [menteeId, mentors] of top) {
      const scored = mentors.find((item) => item.mentorId === viewer.documentId);
      if (scored) scores.set(menteeId, scored);
    }
    return scores;
  },
};

/** A page's entry as the directory shows it. */
const viewOf = (detail: ListingDetail, publicFields: readonly ProfileField[], extra: Partial<ListingView> = {}): ListingView => {
  const featured = detail.featured === true || detail.featured === 1;
  const answers = parseJson<Answers>(detail.public_answers, {});
  return {
    documentId: detail.profile_document_id,
    profileDocumentId: detail.profile_document_id,
    displayName: detail.display_name,
    careerPath: detail.career_path ?? null,
    bio: detail.bio ?? null,
    answers,
    labels: labelsOf(publicFields, answers),
    availability: detail.availability,
    awayUntil: detail.availability === 'away' ? dateOnly(detail.away_until) : null,
    placesLeft: placesLeftOf(detail),
    featured,
    ...extra,
  };
};

/**
 * A directory in the database (the mentor directory's listings, or the mentee directory's mentees):
 * search (every word a substring of the entry's public text), filters, facet counts, availability,
 * relevance and paging, each a query over the directory index alone (directory-index.ts); the rows
 * themselves are read for the page only. Counts and relevance pages are kept per index generation.
 * Match order reads the viewer's cached scores, scoring only entries that match and have no valid
 * score yet; without search words its pages come from the viewer's ranking kept per generation. Now
 * and then the page shown is scored again after the answer, so the matcher stays the authority on what
 * a member sees (a score that moved drops the cache, and the next request fills it anew).
 */
const searchIndex = async (strapi: Core.Strapi, side: DirectorySide, program: ProgramRecord, allFields: ProfileField[], query: DirectoryQuery, viewer: RankedViewer | null): Promise<DirectoryResponse> => {
  const fields = allFields.filter((field) => field.public && field.searchable);
  const filters = parseFilters(fields, query);
  const knex = strapi.db.connection;
  const sqlite = strapi.db.dialect.client === 'sqlite';
  const { tables, key } = side.index;
  const cols = side.index.scores;
  const words = tokens(query.q ?? '');
  const index = getService(strapi, 'directory-index');
  await index.ensureProgram(program.id, side.index.name);
  // Read before the data it keys: an answer kept under it is never older than the index it names.
  const generation = await index.generation(side.index.name, program.id);
  const cacheKey = JSON.stringify([side.index.name, generation, program.id, hashOf(allFields), words, filters.map((filter) => [filter.field.key, filter.values]), query.availability ?? 'any']);

  /** Indexed entries of the program matching the words, and the filters but `except`'s. */
  const scope = (options: { except?: string; availability: boolean }) => {
    const builder = knex(`${tables.text} as x`).where('x.program_id', program.id);
    for (const word of words) {
      // FTS5's trigram index needs three characters; shorter words read the program's own rows.
      if (sqlite && [...word].length >= 3) builder.whereIn(`x.${key}`, knex(tables.fts).select('rowid').where('search_text', 'like', `%${word}%`));
      else builder.where('x.search_text', 'like', `%${word}%`);
    }
    if (options.availability && query.availability === 'available') builder.where('x.available', 1);
    for (const filter of filters) {
      if (filter.field.key === options.except || filter.values.length === 0) continue;
      builder.whereIn(`x.${key}`, knex(tables.terms).select(key).where({ program_id: program.id, field_key: filter.field.key }).whereIn('value', filter.values));
    }
    return builder;
  };

  const { facets, everyone, available } = await index.remember(`meta:${cacheKey}`, async () => {
    const facets: DirectoryResponse['meta']['facets'] = {};
    const facetFields = fields.filter((item) => FACET_KINDS.has(item.kind));
    const filtered = new Set(filters.filter((filter) => filter.values.length > 0).map((filter) => filter.field.key));
    // A field without a filter of its own is counted under all the filters: such fields share one query.
    const groups = [facetFields.filter((field) => !filtered.has(field.key)), ...facetFields.filter((field) => filtered.has(field.key)).map((field) => [field])].filter((group) => group.length > 0);
    const counted = new Map<string, { value: string; total: number | string; first_seen: number | string }[]>();
    for (const group of groups) {
      const except = group.length === 1 && filtered.has(group[0]!.key) ? group[0]!.key : undefined;
      const counting = knex(`${tables.terms} as t`)
        .select('t.field_key', 't.value', knex.raw('COUNT(*) AS total'), knex.raw(`MIN(CAST(t.${key} AS BIGINT) * 10000 + t.position) AS first_seen`))
        .where('t.program_id', program.id)
        .whereIn('t.field_key', group.map((field) => field.key))
        .groupBy('t.field_key', 't.value');
      if (query.availability === 'available') counting.where('t.available', 1);
      // Without words or other filters a field's own rows are the scope: counted from its index alone.
      if (words.length > 0 || [...filtered].some((key) => key !== except)) {
        counting.whereIn(`t.${key}`, scope({ except, availability: false }).select(`x.${key}`));
      }
      for (const row of (await counting) as { field_key: string; value: string; total: number | string; first_seen: number | string }[]) {
        counted.set(row.field_key, [...(counted.get(row.field_key) ?? []), row]);
      }
    }
    for (const field of facetFields) {
      const counts = new Map<string, number>();
      for (const option of optionsOf(field) ?? []) counts.set(option.value, 0);
      // Values no option names follow the options in the order the listings first show them, as the entries above count them.
      for (const row of (counted.get(field.key) ?? []).sort((a, b) => Number(a.first_seen) - Number(b.first_seen))) counts.set(row.value, Number(row.total));
      facets[field.key] = facetOf(field, counts);
    }
    const [totals] = (await scope({ availability: false }).select(knex.raw('COUNT(*) AS everyone'), knex.raw('SUM(x.available) AS available'))) as {
      everyone: number | string;
      available: number | string | null;
    }[];
    const everyone = Number(totals?.everyone ?? 0);
    const available = Number(totals?.available ?? 0);
    facets.availability = availabilityFacet(available, everyone);
    return { facets, everyone, available };
  });
  const total = query.availability === 'available' ? available : everyone;

  // Relevance as the entries above count it: occurrences of each word in the text, 3 more when the name has it, 2 when the career path does.
  const relevance = words.length
    ? {
        sql: `(${words.map(() => `((LENGTH(x.search_text) - LENGTH(REPLACE(x.search_text, ?, ''))) / ?) + (CASE WHEN x.name_lc LIKE ? THEN 3 ELSE 0 END) + (CASE WHEN x.career_lc LIKE ? THEN 2 ELSE 0 END)`).join(' + ')})`,
        bindings: words.flatMap((word) => [word, [...word].length, `%${word}%`, `%${word}%`]),
      }
    : { sql: '0', bindings: [] };
  const byName = ['x.name_lc ASC', 'x.display_name ASC', `x.${key} ASC`];
  const byRelevance = [...(words.length ? ['relevance DESC'] : []), 'x.feature_rank ASC', ...byName];
  const offset = (query.page - 1) * query.pageSize;

  const scored = (builder: Knex.QueryBuilder, mentee: RankedViewer, menteeHash: string) =>
    builder.leftJoin(`${tables.scores} as s`, function joinScores() {
      this.on(`s.${cols.entry}`, '=', `x.${key}`)
        .andOn(`s.${cols.entryHash}`, '=', 'x.answers_hash')
        .andOn(`s.${cols.viewer}`, '=', knex.raw('?', [mentee.id]))
        .andOn(`s.${cols.viewerHash}`, '=', knex.raw('?', [menteeHash]));
    });

  const pageOf = async (order: 'relevance' | 'name' | 'match', mentee: RankedViewer | null, menteeHash: string): Promise<IndexRow[]> => {
    let builder = scope({ availability: true }).select(`x.${key} as id`, 'x.answers_hash as answers_hash', knex.raw(`${relevance.sql} AS relevance`, relevance.bindings));
    if (order === 'match' && mentee) {
      builder = scored(builder, mentee, menteeHash).select('s.score as score', 's.eligible as eligible', 's.reasons as reasons');
      builder.orderByRaw(['CASE WHEN s.eligible = 1 THEN s.score ELSE -1 END DESC', ...byRelevance].join(', '));
    } else {
      builder.orderByRaw((order === 'name' ? byName : byRelevance).join(', '));
    }
    return (await builder.limit(query.pageSize).offset(offset)) as IndexRow[];
  };

  /**
   * A page in match order without search words, from the viewer's ranking kept in memory: every entry
   * of the program in the order the query above gives (score, featured, name), read once per index
   * generation when her scores are complete, then walked past what the filters and availability leave
   * out. The database answers the page's scores by their keys; no request sorts the program again.
   */
  const rankedPage = async (mentee: RankedViewer, menteeHash: string, wholeKey: string): Promise<IndexRow[]> => {
    const ranking = await index.remember(`rank:${wholeKey}:${generation}:${index.scoresDropped}`, async () => {
      const ranked = (await scored(knex(`${tables.text} as x`).where('x.program_id', program.id), mentee, menteeHash)
        .select(`x.${key} as id`)
        .orderByRaw(['CASE WHEN s.eligible = 1 THEN s.score ELSE -1 END DESC', 'x.feature_rank ASC', ...byName].join(', '))) as { id: number | string }[];
      return Int32Array.from(ranked, (row) => Number(row.id));
    });
    const narrowed = query.availability === 'available' || filters.some((filter) => filter.values.length > 0);
    // Which listings the filters and availability keep, as a bitmap over entry ids (kept per generation and query).
    const kept = narrowed
      ? await index.remember(`scope:${cacheKey}`, async () => {
          const ids = ((await scope({ availability: true }).select(`x.${key} as id`)) as { id: number | string }[]).map((row) => Number(row.id));
          return IdSet.of(ids);
        })
      : null;
    const pageIds: number[] = [];
    let seen = 0;
    for (let at = 0; at < ranking.length && pageIds.length < query.pageSize; at += 1) {
      const id = ranking[at]!;
      if (kept && !kept.has(id)) continue;
      if (seen >= offset) pageIds.push(id);
      seen += 1;
    }
    if (pageIds.length === 0) return [];
    const found = (await scored(knex(`${tables.text} as x`).whereIn(`x.${key}`, pageIds), mentee, menteeHash).select(
      `x.${key} as id`,
      'x.answers_hash as answers_hash',
      knex.raw('0 AS relevance'),
      's.score as score',
      's.eligible as eligible',
      's.reasons as reasons',
    )) as IndexRow[];
    const byId = new Map(found.map((row) => [Number(row.id), row]));
    return pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [row] : [];
    });
  };

  const details = (ids: number[]) => side.details(strapi, ids, allFields);

  const wantsMatch = query.sort === 'match' || (query.sort === undefined && viewer !== null);
  let sort: DirectoryResponse['meta']['sort'] = query.sort === 'name' ? 'name' : 'relevance';
  let matcher: DirectoryResponse['meta']['matcher'] = 'not-used';
  let rows: IndexRow[] | null = null;
  if (wantsMatch && viewer && total > 0) {
    try {
      // Scores are kept per matcher: one that answers elsewhere scores afresh.
      const matcherUrl = strapi.config.get<{ matcherUrl?: string }>('plugin::mentorship').matcherUrl ?? '';
      const menteeHash = hashOf({ answers: viewer.answers, criteria: viewer.criteria, matcher: matcherUrl });
      const fresh = new Map<number, ScoredMentor>();
      /** Scores these entries for the viewer through the matcher and keeps the scores, chunk by chunk. */
      const scoreListings = async (listings: { id: number; answers_hash: string }[], timeoutMs: number) => {
        const work: { id: number; answers_hash: string }[][] = [];
        for (let at = 0; at < listings.length; at += SCORE_CHUNK) work.push(listings.slice(at, at + SCORE_CHUNK));
        const next = async (): Promise<void> => {
          const chunk = work.shift();
          if (!chunk) return;
          const shown = await details(chunk.map((row) => row.id));
          const mentors = chunk.flatMap((row) => {
            const detail = shown.get(row.id);
            return detail ? [{ row, detail }] : [];
          });
          if (mentors.length > 0) {
            const byMentor = await side.score(strapi, viewer, mentors.map(({ detail }) => detail), timeoutMs);
            const kept: Record<string, unknown>[] = [];
            for (const { row, detail } of mentors) {
              const item = byMentor.get(detail.profile_document_id);
              if (!item) continue;
              fresh.set(row.id, item);
              kept.push({ [cols.viewer]: viewer.id, [cols.entry]: row.id, [cols.viewerHash]: menteeHash, [cols.entryHash]: row.answers_hash, score: item.score, eligible: item.eligible ? 1 : 0, reasons: JSON.stringify(item.reasons) });
            }
            // Kept as each chunk arrives: a fill cut short keeps what it scored.
            for (let at = 0; at < kept.length; at += 500) {
              await knex(tables.scores).insert(kept.slice(at, at + 500)).onConflict([cols.viewer, cols.entry]).merge();
            }
          }
          return next();
        };
        await Promise.all(Array.from({ length: Math.min(SCORE_CONCURRENCY, work.length) }, next));
      };
      const missing = async () =>
        ((await scored(scope({ availability: false }), viewer, menteeHash).whereNull(`s.${cols.entry}`).select(`x.${key} as id`, 'x.answers_hash as answers_hash').orderBy(`x.${key}`)) as IndexRow[]).map(
          (row) => ({ id: Number(row.id), answers_hash: row.answers_hash }),
        );

      // Listings the mentee has no valid score for are scored once and kept. The fill runs on after this
      // answer when it takes longer than the directory waits (a first visit to a large program), so the
      // next request finds the scores; one fill per mentee at a time.
      const wholeKey = `${side.index.name}:${program.id}:${viewer.id}:${menteeHash}`;
      const completeKey = `${wholeKey}:${words.join(' ')}:${JSON.stringify(filters.map((filter) => [filter.field.key, filter.values]))}`;
      if (index.scoresComplete.get(completeKey) !== generation && index.scoresComplete.get(wholeKey) !== generation) {
        const fill = index.shared(`scores:${viewer.id}:${menteeHash}:${completeKey}`, async () => {
          const unscored = await missing();
          if (unscored.length > 0) await scoreListings(unscored, DIRECTORY_FILL_TIMEOUT_MS);
          if (index.scoresComplete.size > 10000) index.scoresComplete.clear();
          index.scoresComplete.set(completeKey, generation);
          if (words.length === 0 && !filters.some((filter) => filter.values.length > 0)) index.scoresComplete.set(wholeKey, generation);
        });
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`scores not ready within ${DIRECTORY_MATCHER_TIMEOUT_MS} ms (still being filled)`)), DIRECTORY_MATCHER_TIMEOUT_MS);
        });
        fill.catch((error: unknown) => strapi.log.warn(`[mentorship] directory scores of a mentee of ${program.slug} not filled: ${error instanceof Error ? error.message : String(error)}`));
        try {
          await Promise.race([fill, deadline]);
        } finally {
          clearTimeout(timer);
        }
      }
      rows = words.length === 0 && index.scoresComplete.get(wholeKey) === generation ? await rankedPage(viewer, menteeHash, wholeKey) : await pageOf('match', viewer, menteeHash);
      // The matcher stays the authority on what a member sees: now and then (not on every request, and
      // after this answer) the page shown is scored again; a score that moved (a new scoring engine, say)
      // means the mentee's cached scores are stale as a whole, and the next request fills them anew.
      const checkKey = `${side.index.name}:${viewer.id}:${menteeHash}`;
      const checkedAt = index.spotChecked.get(checkKey);
      const page = rows.filter((row) => !fresh.has(Number(row.id)));
      if (page.length > 0 && (checkedAt === undefined || Date.now() - checkedAt >= SPOT_CHECK_MS)) {
        if (index.spotChecked.size > 10000) index.spotChecked.clear();
        index.spotChecked.set(checkKey, Date.now());
        const shownRows = page;
        void index
          .shared(`check:${checkKey}`, async () => {
            await scoreListings(
              shownRows.map((row) => ({ id: Number(row.id), answers_hash: row.answers_hash })),
              DIRECTORY_FILL_TIMEOUT_MS,
            );
            const moved = shownRows.some((row) => {
              const now = fresh.get(Number(row.id));
              return !now || row.score === null || row.score === undefined || Math.abs(now.score - Number(row.score)) > 1e-9 || now.eligible !== (Number(row.eligible) === 1);
            });
            if (moved) {
              await knex(tables.scores).where({ [cols.viewer]: viewer.id }).delete();
              index.scoresComplete.clear();
              index.scoresDropped += 1;
            }
          })
          .catch((error: unknown) => strapi.log.warn(`[mentorship] directory scores of a viewer in ${program.slug} not checked: ${error instanceof Error ? error.message : String(error)}`));
      }
      sort = 'match';
      matcher = 'ok';
    } catch (error) {
      strapi.log.warn(`[mentorship] directory of ${program.slug} sorted by relevance: ${error instanceof Error ? error.message : String(error)}`);
      matcher = 'unavailable';
      rows = null;
    }
  }
  if (!rows) {
    const order = sort === 'name' ? 'name' : 'relevance';
    rows = await index.remember(`page:${order}:${query.page}:${query.pageSize}:${cacheKey}`, () => pageOf(order, null, ''));
  }

  const shown = await details(rows.map((row) => Number(row.id)));
  const publicFields = allFields.filter((field) => field.public);
  const data = rows.flatMap((row): ListingView[] => {
    const detail = shown.get(Number(row.id));
    if (!detail) return [];
    const featured = detail.featured === true || detail.featured === 1;
    const match =
      sort === 'match'
        ? {
            match:
              row.score === null || row.score === undefined
                ? null
                : { score: Number(row.score), eligible: Number(row.eligible) === 1, reasons: parseJson<ScoredMentor['reasons']>(row.reasons, []) },
          }
        : {};
    return [viewOf(detail, publicFields, { relevance: Number(row.relevance) + (featured ? 0.5 : 0), ...match })];
  });
  return { data, meta: { total, page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), sort, matcher, facets } };
};

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

  return {
    /** Fields of the mentor profile type a member can filter on: public and searchable. */
    async facetFields(program: ProgramRecord): Promise<ProfileField[]> {
      return (await fieldsOf(program, 'mentor')).filter((field) => field.public && field.searchable);
    },

    /**
     * The mentor directory. A signed-in mentee is ranked against each mentor by the matcher on what she
     * may see of the mentor (public answers, and only the criteria that read them). Search, filters,
     * facets, sort and paging run in the database over the directory index (see directory-index.ts).
     */
    async search(program: ProgramRecord, query: DirectoryQuery, viewer: { id: number } | null): Promise<DirectoryResponse> {
      const fields = await fieldsOf(program, 'mentor');
      // What ranking needs of the viewer's mentee profile, and nothing else (one query).
      const mentee = viewer
        ? ((await strapi.db.query(UID.profile).findOne({ where: { user: { id: viewer.id }, program: program.id, role: 'mentee' }, select: ['id', 'documentId', 'answers'] })) as {
            id: number;
            documentId: string;
            answers?: Answers | null;
          } | null)
        : null;
      const criteria = criteriaVisibleTo(matchingCriteriaOf(program), 'mentor', fields);
      return searchIndex(strapi, LISTINGS, program, fields, query, mentee ? { id: mentee.id, documentId: mentee.documentId, answers: mentee.answers ?? {}, criteria } : null);
    },

    /** One listed mentor by the person's id (the profile documentId; public fields only), or null. */
    async listing(program: ProgramRecord, documentId: string): Promise<ListingView | null> {
      const [entry] = await mentorEntries(program, { profile: { documentId } });
      if (!entry) return null;
      return toView(entry, (await fieldsOf(program, 'mentor')).filter((field) => field.public));
    },

    /**
     * The mentee directory of a program that lets mentors approach, for one of its listed mentors:
     * public mentee answers only, the same search, filters, facets and paging as the mentor directory
     * (in the database, over the mentee side of the directory index), ranked for the mentor on what the
     * mentor may see of each mentee.
     */
    async searchMentees(program: ProgramRecord, query: DirectoryQuery, mentor: { id: number; documentId: string; answers?: Answers | null }): Promise<DirectoryResponse> {
      const fields = await fieldsOf(program, 'mentee');
      const criteria = criteriaVisibleTo(matchingCriteriaOf(program), 'mentee', fields);
      return searchIndex(strapi, MENTEES, program, fields, query, { id: mentor.id, documentId: mentor.documentId, answers: mentor.answers ?? {}, criteria });
    },

    /** One approachable mentee by the person's id (public fields only), or null. */
    async mentee(program: ProgramRecord, documentId: string): Promise<ListingView | null> {
      await getService(strapi, 'directory-index').ensureProgram(program.id, 'mentees');
      const t = menteeTables(strapi);
      const found = (await strapi.db
        .connection(`${MENTEE_SIDE.tables.text} as x`)
        .join(`${t.profile} as p`, 'p.id', `x.${MENTEE_SIDE.key}`)
        .where('x.program_id', program.id)
        .where('p.document_id', documentId)
        .first(`x.${MENTEE_SIDE.key} as id`)) as { id: number | string } | undefined;
      if (!found) return null;
      const fields = await fieldsOf(program, 'mentee');
      const detail = (await MENTEES.details(strapi, [Number(found.id)], fields)).get(Number(found.id));
      return detail ? viewOf(detail, fields.filter((field) => field.public)) : null;
    },
  };
};

export type DirectorySearchService = ReturnType<typeof directorySearch>;
export default directorySearch;
