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
 *   name and career path (relevance reads them) and a hash of its public answers (match scores cached
 *   against a listing hold while it is unchanged). PostgreSQL: a pg_trgm GIN index on the text serves
 *   the substring search (`LIKE '%word%'`) the directory has always done.
 * - `mentorship_directory_fts` (SQLite only): an FTS5 trigram table over the same text, the embedded
 *   default's substring index.
 * - `mentorship_directory_terms`: one row per listing x public answer value, indexed by
 *   (program, field, value): filters and facet counts.
 * - `mentorship_directory_scores`: a mentee's match scores against listings, valid while the mentee's
 *   answers, the criteria and the listing's public answers hash the same as when scored.
 *
 * Availability, places left, hidden and featured are read from the listing row itself at query time:
 * the index holds only what is derived from text and answers, which changes only when the listing
 * row's text, answers or program change. Every such write goes through Strapi's query engine (the
 * document service included), whose lifecycles keep the index in the write's own transaction.
 */

export const INDEX_TABLES = {
  text: 'mentorship_directory_text',
  fts: 'mentorship_directory_fts',
  terms: 'mentorship_directory_terms',
  scores: 'mentorship_directory_scores',
} as const;

/** Columns of the listing row whose change changes the index. */
const INDEXED_ATTRIBUTES = ['searchText', 'displayName', 'careerPath', 'publicAnswers', 'program', 'profile'];

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
  search_text: string | null;
  display_name: string | null;
  career_path: string | null;
  public_answers: unknown;
}

const directoryIndex = ({ strapi }: { strapi: Core.Strapi }) => {
  const isSqlite = () => strapi.db.dialect.client === 'sqlite';
  let trigram = false;

  const inTransaction = <T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => work(trx)) as Promise<T>;

  const sourceRows = async (trx: Knex.Transaction, ids: number[]): Promise<ListingSource[]> => {
    const t = listingTables(strapi);
    return (await trx(`${t.listing} as l`)
      .leftJoin(`${t.program.name} as lp`, `lp.${t.program.joinColumn.name}`, 'l.id')
      .select(
        'l.id as id',
        `lp.${t.program.inverseJoinColumn.name} as program_id`,
        `l.${t.column('searchText')} as search_text`,
        `l.${t.column('displayName')} as display_name`,
        `l.${t.column('careerPath')} as career_path`,
        `l.${t.column('publicAnswers')} as public_answers`,
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
      if (row.program_id === null || row.program_id === undefined) continue;
      const answers = parseAnswers(row.public_answers);
      text.push({
        listing_id: row.id,
        program_id: row.program_id,
        search_text: row.search_text ?? '',
        name_lc: (row.display_name ?? '').toLowerCase(),
        career_lc: (row.career_path ?? '').toLowerCase(),
        answers_hash: hashOf(answers),
      });
      for (const [key, value] of Object.entries(answers)) {
        const seen = new Set<string>();
        answerValues(value).forEach((item, position) => {
          if (seen.has(item) || key.length > 100 || item.length > 255) return;
          seen.add(item);
          terms.push({ listing_id: row.id, program_id: row.program_id, field_key: key, value: item, position });
        });
      }
    }
    for (const chunk of chunked(text, 200)) {
      await trx(INDEX_TABLES.text).insert(chunk);
      if (isSqlite()) await trx(INDEX_TABLES.fts).insert(chunk.map((item) => ({ rowid: item.listing_id, search_text: item.search_text })));
    }
    for (const chunk of chunked(terms, 1000)) await trx(INDEX_TABLES.terms).insert(chunk);
  };

  const reindexIn = async (trx: Knex.Transaction, ids: number[]) => {
    const unique = [...new Set(ids)];
    for (const chunk of chunked(unique)) {
      const rows = await sourceRows(trx, chunk);
      await clear(trx, chunk, false);
      await write(trx, rows);
      const present = new Set(rows.map((row) => row.id));
      const gone = chunk.filter((id) => !present.has(id));
      if (gone.length > 0) await clear(trx, gone, true);
    }
  };

  const idsWhere = async (where: unknown): Promise<number[]> =>
    ((await strapi.db.query(UID.listing).findMany({ where: where as Record<string, unknown>, select: ['id'] })) as { id: number }[]).map((row) => row.id);

  const touchesIndex = (data: unknown) => !data || typeof data !== 'object' || INDEXED_ATTRIBUTES.some((key) => Object.hasOwn(data, key));

  return {
    /** Creates the index tables (once) and rebuilds the index when it does not cover every listing. */
    async ensure(): Promise<void> {
      const knex = strapi.db.connection;
      // A schema builder runs every statement it was given so far: a fresh one for each.
      const schema = () => knex.schema;
      if (!(await schema().hasTable(INDEX_TABLES.text))) {
        await schema().createTable(INDEX_TABLES.text, (table) => {
          table.integer('listing_id').primary();
          table.integer('program_id').notNullable().index('mentorship_directory_text_program_idx');
          table.text('search_text').notNullable();
          table.text('name_lc').notNullable();
          table.text('career_lc').notNullable();
          table.string('answers_hash', 40).notNullable();
        });
      }
      if (!(await schema().hasTable(INDEX_TABLES.terms))) {
        await schema().createTable(INDEX_TABLES.terms, (table) => {
          table.integer('listing_id').notNullable();
          table.integer('program_id').notNullable();
          table.string('field_key', 100).notNullable();
          table.string('value', 255).notNullable();
          table.integer('position').notNullable();
          table.primary(['listing_id', 'field_key', 'value']);
          table.index(['program_id', 'field_key', 'value', 'listing_id'], 'mentorship_directory_terms_lookup_idx');
        });
      }
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
      const t = listingTables(strapi);
      const [{ listings }] = (await knex(t.listing).count({ listings: '*' })) as { listings: number | string }[];
      const [{ indexed }] = (await knex(INDEX_TABLES.text).count({ indexed: '*' })) as { indexed: number | string }[];
      if (Number(listings) !== Number(indexed)) await this.rebuild();
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
      return ids.length;
    },

    /** Brings the index rows of these listings in step with their rows, in the caller's transaction. */
    reindex: (ids: number[]) => inTransaction((trx) => reindexIn(trx, ids)),

    /** Keeps the index in step with every write to listings through Strapi's query engine. */
    subscribe(): void {
      strapi.db.lifecycles.subscribe({
        models: [UID.listing],
        afterCreate: async (event) => {
          const id = (event.result as { id?: number } | undefined)?.id;
          if (id) await inTransaction((trx) => reindexIn(trx, [id]));
        },
        afterCreateMany: async (event) => {
          const ids = ((event.result as { ids?: (number | string)[] } | undefined)?.ids ?? []).map(Number);
          if (ids.length) await inTransaction((trx) => reindexIn(trx, ids));
        },
        afterUpdate: async (event) => {
          const id = (event.result as { id?: number } | undefined)?.id;
          if (id && touchesIndex(event.params.data)) await inTransaction((trx) => reindexIn(trx, [id]));
        },
        beforeUpdateMany: async (event) => {
          if (touchesIndex(event.params.data)) event.state.directoryIds = await idsWhere(event.params.where);
        },
        afterUpdateMany: async (event) => {
          const ids = event.state.directoryIds as number[] | undefined;
          if (ids?.length) await inTransaction((trx) => reindexIn(trx, ids));
        },
        beforeDelete: async (event) => {
          event.state.directoryIds = await idsWhere(event.params.where);
        },
        afterDelete: async (event) => {
          const ids = event.state.directoryIds as number[] | undefined;
          if (ids?.length) await inTransaction((trx) => clear(trx, ids, true));
        },
        beforeDeleteMany: async (event) => {
          event.state.directoryIds = await idsWhere(event.params.where);
        },
        afterDeleteMany: async (event) => {
          const ids = event.state.directoryIds as number[] | undefined;
          if (ids?.length) await inTransaction((trx) => clear(trx, ids, true));
        },
      });
    },
  };
};

export type DirectoryIndexService = ReturnType<typeof directoryIndex>;
export default directoryIndex;
