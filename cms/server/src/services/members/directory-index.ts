import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { answerLabels, ownAnswer, publicAnswers, type Answers, type ProfileField } from '../../../../shared/profile-fields';
import { LIVE_MENTORSHIP_STATUSES } from '../../../../shared/vocabulary';
import { profileFieldsOf } from '../content/programs';
import { UID, type PluginUid } from '../../utils/uids';

/**
 * The mentor directory's search index: plugin-owned tables beside Strapi's listing table, so that
 * search, filters, facet counts and paging run in the database instead of over every listing in
 * JavaScript.
 *
 * - `mentorship_directory_text`: one row per listing with its program, the lower-cased search text,
 *   name and career path (relevance reads them), the name (name order) and a hash of its public answers (match scores cached
 *   against a listing hold while it is unchanged). PostgreSQL: a pg_trgm GIN index on the text serves
 *   the substring search (`LIKE '%word%'`) the directory has always done.
 * - `mentorship_directory_fts` (SQLite only): an FTS5 trigram table over the same text, the embedded
 *   default's substring index.
 * - `mentorship_directory_terms`: one row per listing x public answer value, indexed by
 *   (program, field, value): filters and facet counts.
 * - `mentorship_directory_scores`: a mentee's match scores against listings, valid while the mentee's
 *   answers, the criteria and the listing's public answers hash the same as when scored.
 *
 * - `mentorship_directory_state` (a row per side, moved by a rebuild) and
 *   `mentorship_directory_program_state` (a row per side and program, moved after every committed
 *   write to that program's index): a program's generation is both. Answers read at one generation
 *   (facet counts, totals, relevance pages, rankings) are kept in memory under it: a write makes its
 *   program's unreachable, on every instance, since each reads the generation; other programs keep theirs.
 *
 * Only listings the directory shows are indexed (listed, not hidden, of a program and a person), with
 * whether each takes mentees now and is featured, so that every query reads the index alone and the
 * listing rows only for the page it returns. Every write to a listing goes through Strapi's query
 * engine (the document service, staff and load updates included), whose lifecycles keep the index in
 * the write's own transaction.
 *
 * The mentee directory (where mentors approach) has the same index in tables of its own
 * (`mentorship_mentee_directory_*`, keyed by the mentee's profile id; its generation is row 2 of the
 * state table): accepted mentees of a program with the public answers the program's mentee questions
 * show, available while in no live mentorship. Writes to profiles, mentorships (the mentee's
 * availability) and mentee profile types (which answers are public) keep it. Each directory is one
 * `IndexSide`; the code below serves both.
 */

export const INDEX_TABLES = {
  text: 'mentorship_directory_text',
  fts: 'mentorship_directory_fts',
  terms: 'mentorship_directory_terms',
  scores: 'mentorship_directory_scores',
  state: 'mentorship_directory_state',
  programState: 'mentorship_directory_program_state',
} as const;

/** One directory's index: its tables, the column its rows are keyed by, and its score cache's columns. */
export interface IndexSide {
  name: 'mentors' | 'mentees';
  tables: { text: string; fts: string; terms: string; scores: string };
  /** The id column of the text, terms (and FTS rowid) rows: the listing's id, or the mentee profile's. */
  key: string;
  /** This side's row of the shared state table. */
  generationRow: number;
  /** Score cache columns: the viewer's profile id and whom she sees, each with the hash scored against. */
  scores: { viewer: string; entry: string; viewerHash: string; entryHash: string };
}

/** The mentor directory: listings, scored for a mentee looking at them. */
export const LISTING_SIDE: IndexSide = {
  name: 'mentors',
  tables: INDEX_TABLES,
  key: 'listing_id',
  generationRow: 1,
  scores: { viewer: 'mentee_profile_id', entry: 'listing_id', viewerHash: 'mentee_hash', entryHash: 'listing_hash' },
};

/** The mentee directory: accepted mentee profiles, scored for a mentor looking at them. */
export const MENTEE_SIDE: IndexSide = {
  name: 'mentees',
  tables: { text: 'mentorship_mentee_directory_text', fts: 'mentorship_mentee_directory_fts', terms: 'mentorship_mentee_directory_terms', scores: 'mentorship_mentee_directory_scores' },
  key: 'profile_id',
  generationRow: 2,
  scores: { viewer: 'mentor_profile_id', entry: 'mentee_profile_id', viewerHash: 'mentor_hash', entryHash: 'mentee_hash' },
};

/** A side by name, as callers of the index service give it (the app and scripts may load this module apart). */
export type SideName = IndexSide['name'];

/** Mentee profiles a mentor may find and approach: accepted into the program. */
export const APPROACHABLE_MENTEE = ['approved', 'listed'];

/** Lower-cased text of every public thing an entry shows, for full-text search. */
export const searchTextOf = (person: { displayName: string; careerPath?: string | null; bio?: string | null }, fields: readonly ProfileField[], shown: Answers) =>
  [person.displayName, person.careerPath ?? '', person.bio ?? '', ...fields.flatMap((field) => (Object.hasOwn(shown, field.key) ? answerLabels(field, ownAnswer(shown, field.key) ?? null) : []))]
    .join(' \n')
    .toLowerCase();

/** Directory answers kept in memory per instance, each under the index generation it was read at. */
const CACHE_ENTRIES = 500;

const CHUNK = 400;

const chunked = <T>(items: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
};

/** JSON with object keys sorted, so equal values hash the same whichever database stored them. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

export const hashOf = (value: unknown) => createHash('sha1').update(canonical(value)).digest('hex');

/** The values of one answer as the directory filters them: each element of a list, a scalar as text. */
export const answerValues = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === null || value === undefined || value === '' ? [] : [String(value)];

const parseAnswers = (value: unknown): Answers => {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Answers) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers) : {};
};

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** A model's table, its attributes' column names and its relations' join tables, from Strapi's metadata. */
const tablesOf = (strapi: Core.Strapi, uid: string) => {
  const meta = strapi.db.metadata.get(uid);
  const attributes = meta.attributes as Record<string, { columnName?: string; joinTable?: JoinTable }>;
  return {
    table: meta.tableName,
    column: (name: string) => attributes[name]?.columnName ?? name,
    join: (name: string): JoinTable => {
      const joinTable = attributes[name]?.joinTable;
      if (!joinTable) throw new Error(`${uid}'s ${name} relation has no join table`);
      return joinTable;
    },
  };
};

/** `alias.column as name` for each attribute named (attribute: name), in the model's own column names. */
export const columnsAs = (alias: string, column: (attribute: string) => string, names: Record<string, string>) =>
  Object.entries(names).map(([attribute, name]) => `${alias}.${column(attribute)} as ${name}`);

/** Names of Strapi's tables and columns the index reads, from the model's metadata. */
export const listingTables = (strapi: Core.Strapi) => {
  const listing = tablesOf(strapi, UID.listing);
  return {
    listing: listing.table,
    column: listing.column,
    program: listing.join('program'),
    profile: listing.join('profile'),
    profileTable: strapi.db.metadata.get(UID.profile).tableName,
  };
};

/** Names of Strapi's tables and columns the mentee index reads: profiles, and mentorships' mentees. */
export const menteeTables = (strapi: Core.Strapi) => {
  const profile = tablesOf(strapi, UID.profile);
  const mentorship = tablesOf(strapi, UID.mentorship);
  const profileType = tablesOf(strapi, UID.profileType);
  return {
    profile: profile.table,
    column: profile.column,
    program: profile.join('program'),
    mentorship: mentorship.table,
    mentorshipStatus: mentorship.column('mentorshipStatus'),
    mentee: mentorship.join('mentee'),
    profileType: profileType.table,
    profileTypeRole: profileType.column('role'),
    profileTypeProgram: profileType.join('program'),
  };
};

interface ListingSource {
  id: number;
  program_id: number | null;
  profile_id: number | null;
  search_text: string | null;
  display_name: string | null;
  career_path: string | null;
  public_answers: unknown;
  listed: boolean | number | null;
  hidden: boolean | number | null;
  featured: boolean | number | null;
  availability: string | null;
  capacity: number | null;
  active_mentorships: number | null;
}

interface MenteeSource {
  id: number;
  program_id: number | null;
  role: string | null;
  status: string | null;
  display_name: string | null;
  career_path: string | null;
  bio: string | null;
  answers: unknown;
}

/** One row of a side as the index keeps it; `shown` false for a row the directory does not show. */
interface IndexSource {
  id: number;
  program_id: number;
  shown: boolean;
  available: boolean;
  featured: boolean;
  search_text: string;
  display_name: string;
  career_path: string;
  answers: Answers;
}

const flag = (value: boolean | number | null) => value === true || value === 1;

/** Shown in the directory: listed, not hidden by an editor, of a program and a person. */
const isVisible = (row: ListingSource) => flag(row.listed) && !flag(row.hidden) && row.program_id !== null && row.program_id !== undefined && row.profile_id !== null && row.profile_id !== undefined;

/** Taking mentees now: available with a place left (as ListingView's placesLeft counts them). */
const isAvailable = (row: ListingSource) => row.availability === 'available' && (row.capacity ?? 1) - (row.active_mentorships ?? 0) > 0;

/** Where one side's rows come from. */
interface SideSource {
  side: IndexSide;
  /** These rows as the index keeps them (rows that no longer exist are left out). */
  rows(trx: Knex.Transaction, ids: number[]): Promise<IndexSource[]>;
  /** Rows the directory shows, with the columns of their id and program. */
  shown(knex: Knex): { builder: Knex.QueryBuilder; id: string; program: string };
  /** Every row of this side (of one program, or all) that the directory might show. */
  ids(programId?: number): Promise<number[]>;
}

const directoryIndex = ({ strapi }: { strapi: Core.Strapi }) => {
  const isSqlite = () => strapi.db.dialect.client === 'sqlite';
  let trigram = false;

  const inTransaction = <T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => work(trx)) as Promise<T>;
  const idsOf = (rows: { id: number | string }[]) => rows.map((row) => Number(row.id));

  const listings: SideSource = {
    side: LISTING_SIDE,
    async rows(trx, ids) {
      const t = listingTables(strapi);
      const rows = (await trx(`${t.listing} as l`)
        .leftJoin(`${t.program.name} as lp`, `lp.${t.program.joinColumn.name}`, 'l.id')
        .leftJoin(`${t.profile.name} as pl`, `pl.${t.profile.joinColumn.name}`, 'l.id')
        .select(
          'l.id as id',
          `lp.${t.program.inverseJoinColumn.name} as program_id`,
          `pl.${t.profile.inverseJoinColumn.name} as profile_id`,
          ...columnsAs('l', t.column, {
            searchText: 'search_text',
            displayName: 'display_name',
            careerPath: 'career_path',
            publicAnswers: 'public_answers',
            listed: 'listed',
            hidden: 'hidden',
            featured: 'featured',
            availability: 'availability',
            capacity: 'capacity',
            activeMentorships: 'active_mentorships',
          }),
        )
        .whereIn('l.id', ids)) as ListingSource[];
      return rows.map((row) => ({
        id: Number(row.id),
        program_id: Number(row.program_id),
        shown: isVisible(row),
        available: isAvailable(row),
        featured: flag(row.featured),
        search_text: row.search_text ?? '',
        display_name: row.display_name ?? '',
        career_path: row.career_path ?? '',
        answers: parseAnswers(row.public_answers),
      }));
    },
    shown(knex) {
      const t = listingTables(strapi);
      const builder = knex(`${t.listing} as l`)
        .join(`${t.program.name} as lp`, `lp.${t.program.joinColumn.name}`, 'l.id')
        .join(`${t.profile.name} as pl`, `pl.${t.profile.joinColumn.name}`, 'l.id')
        .where(`l.${t.column('listed')}`, true)
        .where(`l.${t.column('hidden')}`, false);
      return { builder, id: 'l.id', program: `lp.${t.program.inverseJoinColumn.name}` };
    },
    async ids(programId) {
      const t = listingTables(strapi);
      if (programId === undefined) return idsOf((await strapi.db.connection(t.listing).select('id')) as { id: number }[]);
      return idsOf((await strapi.db.connection(`${t.program.name}`).where(t.program.inverseJoinColumn.name, programId).select(`${t.program.joinColumn.name} as id`)) as { id: number }[]);
    },
  };

  const mentees: SideSource = {
    side: MENTEE_SIDE,
    async rows(trx, ids) {
      const t = menteeTables(strapi);
      const rows = (await trx(`${t.profile} as p`)
        .leftJoin(`${t.program.name} as pp`, `pp.${t.program.joinColumn.name}`, 'p.id')
        .select(
          'p.id as id',
          `pp.${t.program.inverseJoinColumn.name} as program_id`,
          ...columnsAs('p', t.column, { role: 'role', profileStatus: 'status', displayName: 'display_name', careerPath: 'career_path', bio: 'bio', answers: 'answers' }),
        )
        .whereIn('p.id', ids)) as MenteeSource[];
      const isShown = (row: MenteeSource) => row.role === 'mentee' && APPROACHABLE_MENTEE.includes(row.status ?? '') && row.program_id !== null && row.program_id !== undefined;
      // A mentee in a live mentorship is shown as full (no place left), as she was before the index.
      const paired = new Set(
        idsOf(
          (await trx(`${t.mentee.name} as ml`)
            .join(`${t.mentorship} as m`, 'm.id', `ml.${t.mentee.joinColumn.name}`)
            .whereIn(`ml.${t.mentee.inverseJoinColumn.name}`, ids)
            .whereIn(`m.${t.mentorshipStatus}`, [...LIVE_MENTORSHIP_STATUSES])
            .distinct(`ml.${t.mentee.inverseJoinColumn.name} as id`)) as { id: number }[],
        ),
      );
      // The program's mentee questions say which answers are public (and so shown and searchable).
      const fieldsOf = new Map<number, ProfileField[]>();
      for (const programId of new Set(rows.filter(isShown).map((row) => Number(row.program_id)))) {
        const type = (await strapi.db.query(UID.profileType).findOne({ where: { program: programId, role: 'mentee' }, select: ['id', 'fields'] })) as { fields?: unknown } | null;
        fieldsOf.set(programId, profileFieldsOf(type?.fields));
      }
      return rows.map((row) => {
        const shown = isShown(row);
        const fields = fieldsOf.get(Number(row.program_id)) ?? [];
        const answers = shown ? publicAnswers(fields, parseAnswers(row.answers)) : {};
        const person = { displayName: row.display_name ?? '', careerPath: row.career_path, bio: row.bio };
        return {
          id: Number(row.id),
          program_id: Number(row.program_id),
          shown,
          available: !paired.has(Number(row.id)),
          featured: false,
          search_text: shown ? searchTextOf(person, fields, answers) : '',
          display_name: person.displayName,
          career_path: row.career_path ?? '',
          answers,
        };
      });
    },
    shown(knex) {
      const t = menteeTables(strapi);
      const builder = knex(`${t.profile} as p`)
        .join(`${t.program.name} as pp`, `pp.${t.program.joinColumn.name}`, 'p.id')
        .where(`p.${t.column('role')}`, 'mentee')
        .whereIn(`p.${t.column('profileStatus')}`, APPROACHABLE_MENTEE);
      return { builder, id: 'p.id', program: `pp.${t.program.inverseJoinColumn.name}` };
    },
    ids(programId) {
      const t = menteeTables(strapi);
      // Also read inside a write's transaction (a profile type's lifecycle): on its connection.
      return inTransaction(async (trx) => {
        const builder = trx(`${t.profile} as p`).where(`p.${t.column('role')}`, 'mentee').select('p.id as id');
        if (programId !== undefined) builder.join(`${t.program.name} as pp`, `pp.${t.program.joinColumn.name}`, 'p.id').where(`pp.${t.program.inverseJoinColumn.name}`, programId);
        return idsOf((await builder) as { id: number }[]);
      });
    },
  };

  const SOURCES = [listings, mentees];
  const sourceOf = (side: SideName) => (side === 'mentees' ? mentees : listings);

  /** Removes the index rows of these ids (and, with `scores`, the scores cached against them); the programs they were in. */
  const clear = async (source: SideSource, trx: Knex.Transaction, ids: number[], scores: boolean): Promise<Set<number>> => {
    const { tables, key } = source.side;
    const programs = new Set<number>();
    for (const chunk of chunked(ids)) {
      for (const row of (await trx(tables.text).whereIn(key, chunk).distinct('program_id')) as { program_id: number | string }[]) programs.add(Number(row.program_id));
      await trx(tables.text).whereIn(key, chunk).delete();
      await trx(tables.terms).whereIn(key, chunk).delete();
      if (isSqlite()) await trx(tables.fts).whereIn('rowid', chunk).delete();
      if (scores) await trx(tables.scores).whereIn(source.side.scores.entry, chunk).delete();
    }
    return programs;
  };

  /** Writes the index rows of these rows (those shown); the programs they are in. */
  const write = async (source: SideSource, trx: Knex.Transaction, rows: IndexSource[]): Promise<Set<number>> => {
    const { tables, key } = source.side;
    const text: Record<string, unknown>[] = [];
    const terms: Record<string, unknown>[] = [];
    const programs = new Set<number>();
    for (const row of rows) {
      if (!row.shown) continue;
      programs.add(row.program_id);
      const available = row.available ? 1 : 0;
      text.push({
        [key]: row.id,
        program_id: row.program_id,
        available,
        feature_rank: row.featured ? 0 : 1,
        search_text: row.search_text,
        name_lc: row.display_name.toLowerCase(),
        display_name: row.display_name,
        career_lc: row.career_path.toLowerCase(),
        answers_hash: hashOf(row.answers),
      });
      for (const [field, value] of Object.entries(row.answers)) {
        const seen = new Set<string>();
        answerValues(value).forEach((item, position) => {
          if (seen.has(item) || field.length > 100 || item.length > 255) return;
          seen.add(item);
          terms.push({ [key]: row.id, program_id: row.program_id, field_key: field, value: item, position, available });
        });
      }
    }
    for (const chunk of chunked(text, 200)) {
      await trx(tables.text).insert(chunk);
      if (isSqlite()) await trx(tables.fts).insert(chunk.map((item) => ({ rowid: item[key], search_text: item.search_text })));
    }
    // SQLite writes a multi-row insert as one compound SELECT, capped at 500 rows.
    for (const chunk of chunked(terms, isSqlite() ? CHUNK : 1000)) await trx(tables.terms).insert(chunk);
    return programs;
  };

  /** Brings these rows' index in step; the programs whose index changed (those the rows were in, and are in). */
  const reindexIn = async (source: SideSource, trx: Knex.Transaction, ids: number[]): Promise<Set<number>> => {
    const unique = [...new Set(ids)];
    const programs = new Set<number>();
    const touched = (found: Set<number>) => found.forEach((program) => programs.add(program));
    for (const chunk of chunked(unique)) {
      const rows = await source.rows(trx, chunk);
      touched(await clear(source, trx, chunk, false));
      touched(await write(source, trx, rows));
      const present = new Set(rows.map((row) => row.id));
      const gone = chunk.filter((id) => !present.has(id));
      if (gone.length > 0) touched(await clear(source, trx, gone, true));
    }
    return programs;
  };

  /**
   * Refreshes the planner's statistics of a side's index tables after a write of many rows. Without
   * them PostgreSQL plans a freshly filled index as if it were empty, and a facet count that takes
   * milliseconds with statistics runs for minutes as nested loops over every term.
   */
  const analyze = async (side: IndexSide) => {
    const run = async () => {
      const knex = strapi.db.connection;
      for (const table of [side.tables.text, side.tables.terms]) await knex.raw(`ANALYZE ${table}`);
    };
    // Inside a caller's transaction (a run's approval) it waits for the commit: SQLite's one connection is the transaction's.
    if (!strapi.db.inTransaction()) return run();
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        run().catch((error: unknown) => strapi.log.warn(`[mentorship] directory statistics not refreshed: ${error instanceof Error ? error.message : String(error)}`));
      });
    });
  };

  /** Writes of at least this many rows refresh the statistics (autovacuum catches up with the rest). */
  const ANALYZE_AFTER = 500;

  const idsWhere = async (uid: PluginUid, where: unknown): Promise<number[]> =>
    ((await strapi.db.query(uid).findMany({ where: where as Record<string, unknown>, select: ['id'] })) as { id: number }[]).map((row) => row.id);

  const cache = new Map<string, Promise<unknown>>();
  const checkedPrograms = new Set<string>();
  const inFlight = new Map<string, Promise<unknown>>();
  const scoresCompleteAt = new Map<string, string>();

  /** Whether the index has a row for every row the directory shows (of one program, or all). */
  const covers = async (source: SideSource, programId?: number): Promise<boolean> => {
    const knex = strapi.db.connection;
    const shown = source.shown(knex);
    const indexed = knex(source.side.tables.text);
    if (programId !== undefined) {
      shown.builder.where(shown.program, programId);
      indexed.where('program_id', programId);
    }
    const [listed] = (await shown.builder.countDistinct({ n: shown.id })) as { n: number | string }[];
    const [rows] = (await indexed.count({ n: '*' })) as { n: number | string }[];
    return Number(listed?.n ?? 0) === Number(rows?.n ?? 0);
  };

  // Writes seen by this instance, per side and program ('*' for the whole side): moved at the write and
  // again at its commit, so that a member who changed something reads it on the next request here even
  // before the shared generation moves.
  const localWrites = new Map<string, number>();
  const localKey = (side: IndexSide, program: number | '*') => `${side.name}:${program}`;
  const wrote = (side: IndexSide, programs: Set<number> | 'all') => {
    for (const program of programs === 'all' ? ['*' as const] : programs) localWrites.set(localKey(side, program), (localWrites.get(localKey(side, program)) ?? 0) + 1);
  };

  /**
   * Moves the shared generation of the programs whose index changed (or of the whole side, after a
   * rebuild) once the write's transaction commits (at once outside a transaction): a write in one
   * program leaves what is kept for the others.
   */
  const bumpAfterCommit = async (side: IndexSide, programs: Set<number> | 'all') => {
    if (programs !== 'all' && programs.size === 0) return;
    wrote(side, programs);
    const bump = async () => {
      const knex = strapi.db.connection;
      if (programs === 'all') {
        await knex(INDEX_TABLES.state).where({ id: side.generationRow }).increment('generation', 1);
        return;
      }
      for (const program of programs) {
        await knex(INDEX_TABLES.programState)
          .insert({ side_row: side.generationRow, program_id: program, generation: 1 })
          .onConflict(['side_row', 'program_id'])
          .merge({ generation: knex.raw('?? + 1', [`${INDEX_TABLES.programState}.generation`]) });
      }
    };
    if (!strapi.db.inTransaction()) return bump();
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        wrote(side, programs);
        bump().catch((error: unknown) => strapi.log.warn(`[mentorship] directory generation not moved: ${error instanceof Error ? error.message : String(error)}`));
      });
    });
  };

  /** Brings these rows' index in step, in the caller's transaction, and moves the generation at commit. */
  const reindexSide = async (source: SideSource, ids: number[]) => {
    if (ids.length) await bumpAfterCommit(source.side, await inTransaction((trx) => reindexIn(source, trx, ids)));
  };

  /** Each side's rows a write to these rows of a model touches. */
  type Affected = (ids: number[]) => Promise<[SideSource, number[]][]>;

  const merged = (...lists: [SideSource, number[]][][]) => {
    const bySource = new Map<SideSource, number[]>();
    for (const [source, ids] of lists.flat()) bySource.set(source, [...(bySource.get(source) ?? []), ...ids]);
    return [...bySource.entries()];
  };

  /**
   * Keeps the index in step with every write to `uid` through Strapi's query engine: the rows a write
   * touches are read before it (updates of many, deletes; single updates too with `before`, where a
   * write can move a relation) and after it.
   */
  const follow = (uid: PluginUid, affected: Affected, options: { before?: boolean } = {}) => {
    type Event = { result?: unknown; params: { where?: unknown }; state: Record<string, unknown> };
    const after = async (event: Event, ids: number[]) => {
      const before = (event.state.directoryBefore as [SideSource, number[]][] | undefined) ?? [];
      for (const [source, touched] of merged(before, ids.length ? await affected(ids) : [])) await reindexSide(source, touched);
    };
    const capture = async (event: Event) => {
      const ids = await idsWhere(uid, event.params.where);
      event.state.directoryIds = ids;
      event.state.directoryBefore = ids.length ? await affected(ids) : [];
    };
    const resultId = (event: Event) => {
      const id = (event.result as { id?: number } | undefined)?.id;
      return id ? [id] : [];
    };
    strapi.db.lifecycles.subscribe({
      models: [uid],
      afterCreate: (event) => after(event, resultId(event)),
      afterCreateMany: (event) => after(event, ((event.result as { ids?: (number | string)[] } | undefined)?.ids ?? []).map(Number)),
      ...(options.before ? { beforeUpdate: capture } : {}),
      afterUpdate: (event) => after(event, resultId(event)),
      beforeUpdateMany: capture,
      afterUpdateMany: (event) => after(event, (event.state.directoryIds as number[] | undefined) ?? []),
      beforeDelete: capture,
      afterDelete: (event) => after(event, []),
      beforeDeleteMany: capture,
      afterDeleteMany: (event) => after(event, []),
    });
  };

  /** Mentee profiles in these mentorships. */
  const menteesOfMentorships = async (ids: number[]): Promise<[SideSource, number[]][]> => {
    const t = menteeTables(strapi);
    const rows = await inTransaction((trx) => trx(t.mentee.name).whereIn(t.mentee.joinColumn.name, ids).select(`${t.mentee.inverseJoinColumn.name} as id`));
    return [[mentees, idsOf(rows as { id: number }[])]];
  };

  /** Mentee profiles of the programs of these mentee profile types (their questions say what is public). */
  const menteesOfTypes = async (ids: number[]): Promise<[SideSource, number[]][]> => {
    const t = menteeTables(strapi);
    const programs = (await inTransaction((trx) =>
      trx(`${t.profileType} as pt`)
        .join(`${t.profileTypeProgram.name} as ptp`, `ptp.${t.profileTypeProgram.joinColumn.name}`, 'pt.id')
        .whereIn('pt.id', ids)
        .where(`pt.${t.profileTypeRole}`, 'mentee')
        .distinct(`ptp.${t.profileTypeProgram.inverseJoinColumn.name} as id`),
    )) as { id: number }[];
    const found: number[] = [];
    for (const programId of idsOf(programs)) found.push(...(await mentees.ids(programId)));
    return [[mentees, found]];
  };

  return {
    /** Creates the index tables (once) and rebuilds a side's index when it does not cover every row it shows. */
    async ensure(): Promise<void> {
      const knex = strapi.db.connection;
      // A schema builder runs every statement it was given so far: a fresh one for each.
      const schema = () => knex.schema;
      for (const { side } of SOURCES) {
        const { tables, key } = side;
        // Index names follow the tables' (the mentor side's are those it always had).
        const indexName = (suffix: string) => `${tables.text.replace(/_text$/, '')}_${suffix}`;
        if (!(await schema().hasTable(tables.text))) {
          await schema().createTable(tables.text, (table) => {
            table.integer(key).primary();
            table.integer('program_id').notNullable();
            table.integer('available').notNullable();
            // 0 for a featured listing, 1 otherwise: featured first in an ascending index.
            table.integer('feature_rank').notNullable();
            table.text('search_text').notNullable();
            table.string('name_lc', 255).notNullable();
            table.string('display_name', 255).notNullable();
            table.text('career_lc').notNullable();
            table.string('answers_hash', 40).notNullable();
            // The first page of each order, read in index order: featured then name (relevance without words), and name.
            table.index(['program_id', 'feature_rank', 'name_lc', 'display_name', key], indexName('text_featured_idx'));
            table.index(['program_id', 'name_lc', 'display_name', key], indexName('text_name_idx'));
            table.index(['program_id', 'available'], indexName('text_available_idx'));
          });
        }
        if (!(await schema().hasTable(tables.terms))) {
          await schema().createTable(tables.terms, (table) => {
            table.integer(key).notNullable();
            table.integer('program_id').notNullable();
            table.string('field_key', 100).notNullable();
            table.string('value', 255).notNullable();
            table.integer('position').notNullable();
            table.integer('available').notNullable();
            table.primary([key, 'field_key', 'value']);
            table.index(['program_id', 'field_key', 'value', key], indexName('terms_lookup_idx'));
            table.index(['program_id', 'field_key', 'available', 'value'], indexName('terms_facet_idx'));
          });
        }
        if (!(await schema().hasTable(tables.scores))) {
          await schema().createTable(tables.scores, (table) => {
            table.integer(side.scores.viewer).notNullable();
            table.integer(side.scores.entry).notNullable();
            table.string(side.scores.viewerHash, 40).notNullable();
            table.string(side.scores.entryHash, 40).notNullable();
            table.double('score').notNullable();
            table.integer('eligible').notNullable();
            table.text('reasons').notNullable();
            table.primary([side.scores.viewer, side.scores.entry]);
            table.index([side.scores.entry], indexName(`scores_${side.scores.entry.replace(/_id$/, '')}_idx`));
          });
        }
      }
      if (!(await schema().hasTable(INDEX_TABLES.state))) {
        await schema().createTable(INDEX_TABLES.state, (table) => {
          table.integer('id').primary();
          table.bigInteger('generation').notNullable();
        });
      }
      for (const { side } of SOURCES) await knex(INDEX_TABLES.state).insert({ id: side.generationRow, generation: 1 }).onConflict('id').ignore();
      if (!(await schema().hasTable(INDEX_TABLES.programState))) {
        await schema().createTable(INDEX_TABLES.programState, (table) => {
          table.integer('side_row').notNullable();
          table.integer('program_id').notNullable();
          table.bigInteger('generation').notNullable();
          table.primary(['side_row', 'program_id']);
        });
      }
      if (isSqlite()) {
        for (const { side } of SOURCES) await knex.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS ${side.tables.fts} USING fts5(search_text, tokenize = 'trigram')`);
      } else {
        // pg_trgm ships with PostgreSQL's contrib; where it cannot be installed the search stays right, only unindexed.
        try {
          await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
          for (const { side } of SOURCES) await knex.raw(`CREATE INDEX IF NOT EXISTS ${side.tables.text}_trgm_idx ON ${side.tables.text} USING gin (search_text gin_trgm_ops)`);
          trigram = true;
        } catch (error) {
          strapi.log.warn(`[mentorship] directory text search without a trigram index (pg_trgm: ${error instanceof Error ? error.message : String(error)})`);
        }
      }
      for (const source of SOURCES) if (!(await covers(source))) await this.rebuild(source.side.name);
    },

    /**
     * Checks once per instance that the index covers a program's shown rows before its first search
     * here, and reindexes the program when it does not (rows written by SQL after the app started,
     * such as a bulk seed). Later writes keep it through the lifecycles.
     */
    async ensureProgram(programId: number, side: SideName = 'mentors'): Promise<void> {
      const checked = `${side}:${programId}`;
      if (checkedPrograms.has(checked)) return;
      const source = sourceOf(side);
      if (!(await covers(source, programId))) await this.reindex(await source.ids(programId), side);
      checkedPrograms.add(checked);
    },

    /** Whether PostgreSQL's trigram index serves the text search (false on SQLite: FTS5 does). */
    hasTrigramIndex: () => trigram,

    /** Rebuilds a side's whole index from its rows (after bulk inserts that bypass the query engine). */
    async rebuild(side: SideName = 'mentors'): Promise<number> {
      const source = sourceOf(side);
      const { tables } = source.side;
      const ids = await source.ids();
      await inTransaction(async (trx) => {
        await trx(tables.text).delete();
        await trx(tables.terms).delete();
        if (isSqlite()) await trx(tables.fts).delete();
        for (const chunk of chunked(ids, 2000)) await write(source, trx, await source.rows(trx, chunk));
      });
      await analyze(source.side);
      await bumpAfterCommit(source.side, 'all');
      return ids.length;
    },

    /** Brings the index rows of these listings (or of another side's rows) in step with their rows, in the caller's transaction. */
    async reindex(ids: number[], side: SideName = 'mentors'): Promise<void> {
      const source = sourceOf(side);
      const programs = await inTransaction((trx) => reindexIn(source, trx, ids));
      if (ids.length >= ANALYZE_AFTER) await analyze(source.side);
      await bumpAfterCommit(source.side, programs);
    },

    /**
     * A side's index generation now (read it before the data it keys): answers read under an older one are
     * out of date. Committed writes of every instance move its shared part, this instance's writes its local part.
     */
    async generation(side: SideName, programId: number): Promise<string> {
      const { side: indexSide } = sourceOf(side);
      const local = `${localWrites.get(localKey(indexSide, '*')) ?? 0}.${localWrites.get(localKey(indexSide, programId)) ?? 0}`;
      const [row] = (await strapi.db.connection.select(
        strapi.db.connection(INDEX_TABLES.state).where({ id: indexSide.generationRow }).select('generation').as('whole'),
        strapi.db.connection(INDEX_TABLES.programState).where({ side_row: indexSide.generationRow, program_id: programId }).select('generation').as('program'),
      )) as { whole: number | string | null; program: number | string | null }[];
      return `${String(row?.whole ?? 0)}.${String(row?.program ?? 0)}.${local}`;
    },

    /** One piece of work per key at a time: callers asking while it runs share it. */
    shared<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = inFlight.get(key) as Promise<T> | undefined;
      if (running) return running;
      const started = work().finally(() => inFlight.delete(key));
      inFlight.set(key, started);
      return started;
    },

    /** Generations at which a viewer's scores were known complete (per instance), so a request need not look again. */
    scoresComplete: scoresCompleteAt,

    /** When each mentee's cached scores were last checked against the matcher (per instance). */
    spotChecked: new Map<string, number>(),

    /** Times this instance dropped a mentee's cached scores as stale: rankings read before are out of date. */
    scoresDropped: 0,

    /** The answer kept under `key` (which names the generation it was read at), or `read`'s, kept; requests asking at once share one read. */
    remember<T>(key: string, read: () => Promise<T>): Promise<T> {
      const kept = cache.get(key) as Promise<T> | undefined;
      if (kept) {
        cache.delete(key);
        cache.set(key, kept);
        return kept;
      }
      const reading = read();
      cache.set(key, reading);
      reading.catch(() => cache.delete(key));
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      return reading;
    },

    /**
     * Keeps the index in step with every write through Strapi's query engine: to listings (the mentor
     * side), and to profiles, mentorships (a mentee's availability) and profile types (which of a
     * mentee's answers are public) for the mentee side.
     */
    subscribe(): void {
      follow(UID.listing, async (ids) => [[listings, ids]]);
      follow(UID.profile, async (ids) => [[mentees, ids]]);
      follow(UID.mentorship, menteesOfMentorships, { before: true });
      follow(UID.profileType, menteesOfTypes, { before: true });
    },
  };
};

export type DirectoryIndexService = ReturnType<typeof directoryIndex>;
export default directoryIndex;
