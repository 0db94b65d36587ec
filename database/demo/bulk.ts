import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * Writes many rows of a content type at once, as the document service would store them (document
 * id, timestamps, published: the plugin's types have no drafts), with their relations written to
 * the join tables in a few multi-row inserts at the end. The demo's first start used to create
 * its members and profiles one document at a time, each with its relation handling and the
 * plugin's checks, about ten queries a row; rows written here are checked by the caller.
 */

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}

export interface BulkRow {
  data: Record<string, unknown>;
  /** relation attribute → id of the target row */
  relations?: Record<string, number | null | undefined>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DOCUMENT_ID_ALPHABET = `${LETTERS}0123456789`;
const CHUNK = 200;

/**
 * A document id in the shape Strapi's own have: 24 lower-case letters and digits, starting with a
 * letter (the document service reads a relation given as a string starting with a digit as a row id).
 */
export const newDocumentId = (): string =>
  Array.from(randomBytes(24), (byte, index) => (index === 0 ? LETTERS[byte % LETTERS.length] : DOCUMENT_ID_ALPHABET[byte % DOCUMENT_ID_ALPHABET.length])).join('');

type Transaction = Parameters<Parameters<Core.Strapi['db']['transaction']>[0]>[0]['trx'];

export const bulkWriter = (strapi: Core.Strapi, trx: Transaction, now: Date) => {
  const pending = new Map<string, { table: JoinTable; rows: Record<string, number>[] }>();

  const link = (uid: string, attribute: string, id: number, target: number) => {
    const key = `${uid}.${attribute}`;
    if (!pending.has(key)) {
      const meta = strapi.db.metadata.get(uid).attributes[attribute] as { joinTable?: JoinTable } | undefined;
      if (!meta?.joinTable) throw new Error(`${key} has no join table`);
      pending.set(key, { table: meta.joinTable, rows: [] });
    }
    const entry = pending.get(key)!;
    entry.rows.push({ [entry.table.joinColumn.name]: id, [entry.table.inverseJoinColumn.name]: target });
  };

  return {
    /** Notes a relation of a written row, written to its join table by flushRelations. */
    link,

    /** Inserts the rows (in chunks, keeping their order) and returns each one's id and document id. */
    async insert(uid: string, rows: BulkRow[]): Promise<{ id: number; documentId: string }[]> {
      const stamp = now.toISOString();
      const written: { id: number; documentId: string }[] = [];
      const query = strapi.db.query(uid as 'plugin::mentorship.profile');
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK).map((row) => ({ row, documentId: newDocumentId() }));
        await query.createMany({ data: chunk.map(({ row, documentId }) => ({ createdAt: stamp, updatedAt: stamp, publishedAt: stamp, ...row.data, documentId })) });
        // ids read back by document id: multi-row inserts do not return them on every database
        const found = (await query.findMany({ where: { documentId: { $in: chunk.map((item) => item.documentId) } }, select: ['id', 'documentId'] })) as { id: number; documentId: string }[];
        const idOf = new Map(found.map((item) => [item.documentId, item.id]));
        for (const { row, documentId } of chunk) {
          const id = idOf.get(documentId);
          if (id === undefined) throw new Error(`${uid} row ${documentId} was not written`);
          for (const [attribute, target] of Object.entries(row.relations ?? {})) if (target) link(uid, attribute, id, target);
          written.push({ id, documentId });
        }
      }
      return written;
    },

    /** Writes the collected relations, each target listing its new rows after any it already had. */
    async flushRelations(): Promise<void> {
      for (const { table, rows } of pending.values()) {
        if (table.orderColumnName) rows.forEach((row) => (row[table.orderColumnName!] = 1));
        if (table.inverseOrderColumnName) {
          const targets = [...new Set(rows.map((row) => row[table.inverseJoinColumn.name]!))];
          const existing = (await strapi.db
            .connection(table.name)
            .transacting(trx)
            .select(table.inverseJoinColumn.name)
            .max(table.inverseOrderColumnName, { as: 'max' })
            .whereIn(table.inverseJoinColumn.name, targets)
            .groupBy(table.inverseJoinColumn.name)) as Record<string, number>[];
          const next = new Map(existing.map((row) => [Number(row[table.inverseJoinColumn.name]), Number(row.max ?? 0)]));
          for (const row of rows) {
            const target = row[table.inverseJoinColumn.name]!;
            const order = (next.get(target) ?? 0) + 1;
            next.set(target, order);
            row[table.inverseOrderColumnName] = order;
          }
        }
        for (let start = 0; start < rows.length; start += CHUNK) await strapi.db.connection(table.name).transacting(trx).insert(rows.slice(start, start + CHUNK));
      }
      pending.clear();
    },
  };
};
