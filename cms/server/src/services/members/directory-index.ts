import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import type { Answers } from '../../../../shared/profile-fields';
import { UID } from '../../utils/uids';

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
 * - `mentorship_directory_state`: one row whose generation goes up after every committed write to a
 *   listing. Answers read at one generation (facet counts, totals, relevance pages) are kept in memory
 *   under it: any write makes them unreachable, on every instance, since each reads the generation.
 *
 * Only listings the directory shows are indexed (listed, not hidden, of a program and a person), with
 * whether each takes mentees now and is featured, so that every query reads the index alone and the
 * listing rows only for the page it returns. Every write to a listing goes through Strapi's query
 * engine (the document service, staff and load updates included), whose lifecycles keep the index in
 * the write's own transaction.
 */

export const INDEX_TABLES = {
  text: 'mentorship_directory_text',
  fts: 'mentorship_directory_fts',
  terms: 'mentorship_directory_terms',
  scores: 'mentorship_directory_scores',
  state: 'mentorship_directory_state',
} as const;

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

/** Names of Strapi's tables and columns the index reads, from the model's metadata. */
export const listingTables = (strapi: Core.Strapi) => {
  const meta = strapi.db.metadata.get(UID.listing);
  const attributes = meta.attributes as Record<string, { columnName?: string; joinTable?: JoinTable }>;
  const column = (name: string) => attributes[name]?.columnName ?? name;
  const join = (name: string): JoinTable => {
    const joinTable = attributes[name]?.joinTable;
    if (!joinTable) throw new Error(`The directory listing's ${name} relation has no join table`);
    return joinTable;
  };
  const profileMeta = strapi.db.metadata.get(UID.profile);
  return {
    listing: meta.tableName,
    column,
    program: join('program'),
    profile: join('profile'),
    profileTable: profileMeta.tableName,
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

const flag = (value: boolean | number | null) => value === true || value === 1;

/** Shown in the directory: listed, not hidden by an editor, of a program and a person. */
const isVisible = (row: ListingSource) => flag(row.listed) && !flag(row.hidden) && row.program_id !== null && row.program_id !== undefined && row.profile_id !== null && row.profile_id !== undefined;

/** Taking mentees now: available with a place left (as ListingView's placesLeft counts them). */
const isAvailable = (row: ListingSource) => row.availability === 'available' && (row.capacity ?? 1) - (row.active_mentorships ?? 0) > 0;

const directoryIndex = ({ strapi }: { strapi: Core.Strapi }) => {
  const isSqlite = () => strapi.db.dialect.client === 'sqlite';
  let trigram = false;

  const inTransaction = <T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => work(trx)) as Promise<T>;

  const sourceRows = async (trx: Knex.Transaction, ids: number[]): Promise<ListingSource[]> => {
    const t = listingTables(strapi);
    return (await trx(`${t.listing} as l`)
      .leftJoin(`${t.program.name} as lp`, `lp.${t.program.joinColumn.name}`, 'l.id')
      .leftJoin(`${t.profile.name} as pl`, `pl.${t.profile.joinColumn.name}`, 'l.id')
      .select(
        'l.id as id',
        `lp.${t.program.inverseJoinColumn.name} as program_id`,
        `pl.${t.profile.inverseJoinColumn.name} as profile_id`,
        `l.${t.column('searchText')} as search_text`,
        `l.${t.column('displayName')} as display_name`,
        `l.${t.column('careerPath')} as career_path`,
        `l.${t.column('publicAnswers')} as public_answers`,
        `l.${t.column('listed')} as listed`,
        `l.${t.column('hidden')} as hidden`,
        `l.${t.column('featured')} as featured`,
        `l.${t.column('availability')} as availability`,
        `l.${t.column('capacity')} as capacity`,
        `l.${t.column('activeMentorships')} as active_mentorships`,
      )
      .whereIn('l.id', ids)) as ListingSource[];
  };

  /** Removes the index rows of these listings (and, with `scores`, the scores cached against them). */
  const clear = async (trx: Knex.Transaction, ids: number[], scores: boolean) => {
    for (const chunk of chunked(ids)) {
      await trx(INDEX_TABLES.text).whereIn('listing_id', chunk).delete();
      await trx(INDEX_TABLES.terms).whereIn('listing_id', chunk).delete();
      if (isSqlite()) await trx(INDEX_TABLES.fts).whereIn('rowid', chunk).delete();
      if (scores) await trx(INDEX_TABLES.scores).whereIn('listing_id', chunk).delete();
    }
  };

  const write = async (trx: Knex.Transaction, rows: ListingSource[]) => {
    const text: Record<string, unknown>[] = [];
    const terms: Record<string, unknown>[] = [];
    for (const row of rows) {
      if (!isVisible(row)) continue;
      const answers = parseAnswers(row.public_answers);
      const available = isAvailable(row) ? 1 : 0;
      text.push({
        listing_id: row.id,
        program_id: row.program_id,
        available,
        feature_rank: flag(row.featured) ? 0 : 1,
        search_text: row.search_text ?? '',
        name_lc: (row.display_name ?? '').toLowerCase(),
        display_name: row.display_name ?? '',
        career_lc: (row.career_path ?? '').toLowerCase(),
        answers_hash: hashOf(answers),
      });
      for (const [key, value] of Object.entries(answers)) {
        const seen = new Set<string>();
        answerValues(value).forEach((item, position) => {
          if (seen.has(item) || key.length > 100 || item.length > 255) return;
          seen.add(item);
          terms.push({ listing_id: row.id, program_id: row.program_id, field_key: key, value: item, position, available });
        });
      }
    }
    for (const chunk of chunked(text, 200)) {
      await trx(INDEX_TABLES.text).insert(chunk);
      if (isSqlite()) await trx(INDEX_TABLES.fts).insert(chunk.map((item) => ({ rowid: item.listing_id, search_text: item.search_text })));
    }
    // SQLite writes a multi-row insert as one compound SELECT, capped at 500 rows.
    for (const chunk of chunked(terms, isSqlite() ? CHUNK : 1000)) await trx(INDEX_TABLES.terms).insert(chunk);
  };

  const reindexIn = async (trx: Knex.Transaction, ids: number[]) => {
    const unique = [...new Set(ids)];
    for (const chunk of chunked(unique)) {
      const rows = await sourceRows(trx, chunk);
      await clear(trx, chunk, false);
      await write(trx, rows);
      const present = new Set(rows.map((row) => Number(row.id)));
      const gone = chunk.filter((id) => !present.has(id));
      if (gone.length > 0) await clear(trx, gone, true);
    }
  };

  /**
   * Refreshes the planner's statistics of the index tables after a write of many rows. Without them
   * PostgreSQL plans a freshly filled index as if it were empty, and a facet count that takes
   * milliseconds with statistics runs for minutes as nested loops over every term.
   */
  const analyze = async () => {
    const knex = strapi.db.connection;
    for (const table of [INDEX_TABLES.text, INDEX_TABLES.terms]) await knex.raw(`ANALYZE ${table}`);
  };

  /** Writes of at least this many listings refresh the statistics (autovacuum catches up with the rest). */
  const ANALYZE_AFTER = 500;

  const idsWhere = async (where: unknown): Promise<number[]> =>
    ((await strapi.db.query(UID.listing).findMany({ where: where as Record<string, unknown>, select: ['id'] })) as { id: number }[]).map((row) => row.id);

  const cache = new Map<string, Promise<unknown>>();
  const checkedPrograms = new Set<number>();
  const inFlight = new Map<string, Promise<unknown>>();
  const scoresCompleteAt = new Map<string, string>();

  /** Whether the index has a row for every listing the directory shows (of one program, or all). */
  const covers = async (programId?: number): Promise<boolean> => {
    const knex = strapi.db.connection;
    const t = listingTables(strapi);
    const shown = knex(`${t.listing} as l`)
      .join(`${t.program.name} as lp`, `lp.${t.program.joinColumn.name}`, 'l.id')
      .join(`${t.profile.name} as pl`, `pl.${t.profile.joinColumn.name}`, 'l.id')
      .where(`l.${t.column('listed')}`, true)
      .where(`l.${t.column('hidden')}`, false);
    const indexed = knex(INDEX_TABLES.text);
    if (programId !== undefined) {
      shown.where(`lp.${t.program.inverseJoinColumn.name}`, programId);
      indexed.where('program_id', programId);
    }
    const [listings] = (await shown.countDistinct({ n: 'l.id' })) as { n: number | string }[];
    const [rows] = (await indexed.count({ n: '*' })) as { n: number | string }[];
    return Number(listings?.n ?? 0) === Number(rows?.n ?? 0);
  };

  // Writes seen by this instance: moved at the write and again at its commit, so that a member who
  // changed something reads it on the next request here even before the shared generation moves.
  let localWrites = 0;

  /** Moves the shared generation on once the write's transaction commits (at once outside a transaction). */
  const bumpAfterCommit = async () => {
    localWrites += 1;
    const bump = async () => {
      await strapi.db.connection(INDEX_TABLES.state).where({ id: 1 }).increment('generation', 1);
    };
    if (!strapi.db.inTransaction()) return bump();
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        localWrites += 1;
        bump().catch((error: unknown) => strapi.log.warn(`[mentorship] directory generation not moved: ${error instanceof Error ? error.message : String(error)}`));
      });
    });
  };

  return {
    /** Creates the index tables (once) and rebuilds the index when it does not cover every listing. */
    async ensure(): Promise<void> {
      const knex = strapi.db.connection;
      // A schema builder runs every statement it was given so far: a fresh one for each.
      const schema = () => knex.schema;
      if (!(await schema().hasTable(INDEX_TABLES.text))) {
        await schema().createTable(INDEX_TABLES.text, (table) => {
          table.integer('listing_id').primary();
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
          table.index(['program_id', 'feature_rank', 'name_lc', 'display_name', 'listing_id'], 'mentorship_directory_text_featured_idx');
          table.index(['program_id', 'name_lc', 'display_name', 'listing_id'], 'mentorship_directory_text_name_idx');
          table.index(['program_id', 'available'], 'mentorship_directory_text_available_idx');
        });
      }
      if (!(await schema().hasTable(INDEX_TABLES.terms))) {
        await schema().createTable(INDEX_TABLES.terms, (table) => {
          table.integer('listing_id').notNullable();
          table.integer('program_id').notNullable();
          table.string('field_key', 100).notNullable();
          table.string('value', 255).notNullable();
          table.integer('position').notNullable();
          table.integer('available').notNullable();
          table.primary(['listing_id', 'field_key', 'value']);
          table.index(['program_id', 'field_key', 'value', 'listing_id'], 'mentorship_directory_terms_lookup_idx');
          table.index(['program_id', 'field_key', 'available', 'value'], 'mentorship_directory_terms_facet_idx');
        });
      }
      if (!(await schema().hasTable(INDEX_TABLES.state))) {
        await schema().createTable(INDEX_TABLES.state, (table) => {
          table.integer('id').primary();
          table.bigInteger('generation').notNullable();
        });
      }
      await knex(INDEX_TABLES.state).insert({ id: 1, generation: 1 }).onConflict('id').ignore();
      if (!(await schema().hasTable(INDEX_TABLES.scores))) {
        await schema().createTable(INDEX_TABLES.scores, (table) => {
          table.integer('mentee_profile_id').notNullable();
          table.integer('listing_id').notNullable();
          table.string('mentee_hash', 40).notNullable();
          table.string('listing_hash', 40).notNullable();
          table.double('score').notNullable();
          table.integer('eligible').notNullable();
          table.text('reasons').notNullable();
          table.primary(['mentee_profile_id', 'listing_id']);
          table.index(['listing_id'], 'mentorship_directory_scores_listing_idx');
        });
      }
      if (isSqlite()) {
        await knex.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS ${INDEX_TABLES.fts} USING fts5(search_text, tokenize = 'trigram')`);
      } else {
        // pg_trgm ships with PostgreSQL's contrib; where it cannot be installed the search stays right, only unindexed.
        try {
          await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
          await knex.raw(`CREATE INDEX IF NOT EXISTS mentorship_directory_text_trgm_idx ON ${INDEX_TABLES.text} USING gin (search_text gin_trgm_ops)`);
          trigram = true;
        } catch (error) {
          strapi.log.warn(`[mentorship] directory text search without a trigram index (pg_trgm: ${error instanceof Error ? error.message : String(error)})`);
        }
      }
      if (!(await covers())) await this.rebuild();
    },

    /**
     * Checks once per instance that the index covers a program's shown listings before its first search
     * here, and reindexes the program when it does not (listings written by SQL after the app started,
     * such as a bulk seed). Later writes keep it through the lifecycles.
     */
    async ensureProgram(programId: number): Promise<void> {
      if (checkedPrograms.has(programId)) return;
      if (!(await covers(programId))) {
        const t = listingTables(strapi);
        const ids = ((await strapi.db.connection(`${t.program.name}`).where(t.program.inverseJoinColumn.name, programId).select(`${t.program.joinColumn.name} as id`)) as { id: number }[]).map((row) => Number(row.id));
        await this.reindex(ids);
      }
      checkedPrograms.add(programId);
    },

    /** Whether PostgreSQL's trigram index serves the text search (false on SQLite: FTS5 does). */
    hasTrigramIndex: () => trigram,

    /** Rebuilds the whole index from the listing table (after bulk inserts that bypass the query engine). */
    async rebuild(): Promise<number> {
      const t = listingTables(strapi);
      const ids = ((await strapi.db.connection(t.listing).select('id')) as { id: number }[]).map((row) => Number(row.id));
      await inTransaction(async (trx) => {
        await trx(INDEX_TABLES.text).delete();
        await trx(INDEX_TABLES.terms).delete();
        if (isSqlite()) await trx(INDEX_TABLES.fts).delete();
        for (const chunk of chunked(ids, 2000)) await write(trx, await sourceRows(trx, chunk));
      });
      await analyze();
      await bumpAfterCommit();
      return ids.length;
    },

    /** Brings the index rows of these listings in step with their rows, in the caller's transaction. */
    async reindex(ids: number[]): Promise<void> {
      await inTransaction((trx) => reindexIn(trx, ids));
      if (ids.length >= ANALYZE_AFTER) await analyze();
      await bumpAfterCommit();
    },

    /**
     * The index generation now (read it before the data it keys): answers read under an older one are out
     * of date. Committed writes of every instance move its shared part, this instance's writes its local part.
     */
    async generation(): Promise<string> {
      const local = localWrites;
      const row = (await strapi.db.connection(INDEX_TABLES.state).where({ id: 1 }).first('generation')) as { generation: number | string } | undefined;
      return `${String(row?.generation ?? 0)}.${local}`;
    },

    /** One piece of work per key at a time: callers asking while it runs share it. */
    shared<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = inFlight.get(key) as Promise<T> | undefined;
      if (running) return running;
      const started = work().finally(() => inFlight.delete(key));
      inFlight.set(key, started);
      return started;
    },

    /** Generations at which a mentee's scores were known complete (per instance), so a request need not look again. */
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

    /** Keeps the index in step with every write to listings through Strapi's query engine. */
    subscribe(): void {
      strapi.db.lifecycles.subscribe({
        models: [UID.listing],
        afterCreate: async (event) => {
          const id = (event.result as { id?: number } | undefined)?.id;
          if (id) await inTransaction((trx) => reindexIn(trx, [id]));
          await bumpAfterCommit();
        },
        afterCreateMany: async (event) => {
          const ids = ((event.result as { ids?: (number | string)[] } | undefined)?.ids ?? []).map(Number);
          if (ids.length) await inTransaction((trx) => reindexIn(trx, ids));
          await bumpAfterCommit();
        },
        afterUpdate: async (event) => {
          const id = (event.result as { id?: number } | undefined)?.id;
          if (id) await inTransaction((trx) => reindexIn(trx, [id]));
          await bumpAfterCommit();
        },
        beforeUpdateMany: async (event) => {
          event.state.directoryIds = await idsWhere(event.params.where);
        },
        afterUpdateMany: async (event) => {
          const ids = event.state.directoryIds as number[] | undefined;
          if (ids?.length) await inTransaction((trx) => reindexIn(trx, ids));
          await bumpAfterCommit();
        },
        beforeDelete: async (event) => {
          event.state.directoryIds = await idsWhere(event.params.where);
        },
        afterDelete: async (event) => {
          const ids = event.state.directoryIds as number[] | undefined;
          if (ids?.length) await inTransaction((trx) => clear(trx, ids, true));
          await bumpAfterCommit();
        },
        beforeDeleteMany: async (event) => {
          event.state.directoryIds = await idsWhere(event.params.where);
        },
        afterDeleteMany: async (event) => {
          const ids = event.state.directoryIds as number[] | undefined;
          if (ids?.length) await inTransaction((trx) => clear(trx, ids, true));
          await bumpAfterCommit();
        },
      });
    },
  };
};

export type DirectoryIndexService = ReturnType<typeof directoryIndex>;
export default directoryIndex;
