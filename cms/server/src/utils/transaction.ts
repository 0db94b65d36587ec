import type { Core } from '@strapi/strapi';

type TransactionCallback = Parameters<Core.Strapi['db']['transaction']>[0];
/** What a transaction's work receives: the knex transaction and the after-commit hook. */
export type TransactionScope = Parameters<NonNullable<TransactionCallback>>[0];
export type Knex = TransactionScope['trx'];

/** PostgreSQL aborts one side of a deadlock (40P01) or a serialization conflict (40001); retrying it is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
export const MAX_TRANSACTION_ATTEMPTS = 5;

export const isRetryable = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
};

/**
 * Runs `work` in one database transaction, the only way the plugin opens one. Inside another
 * transaction it joins it (the outermost one retries). When PostgreSQL aborts the transaction for a
 * deadlock or a serialization conflict, the whole of `work` runs again, at most
 * MAX_TRANSACTION_ATTEMPTS times, so `work` reads what it decides on inside the transaction.
 * Side effects belong in `onCommit` (e.g. the outbox worker), which runs once, after the commit
 * that succeeded.
 */
export const withTransaction = async <T>(strapi: Core.Strapi, work: (scope: TransactionScope) => Promise<T>): Promise<T> => {
  if (strapi.db.inTransaction()) return strapi.db.transaction(work) as Promise<T>;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await strapi.db.transaction(work)) as T;
    } catch (error) {
      if (!isRetryable(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
      strapi.log.debug(`[mentorship] transaction aborted by the database (${(error as { code: string }).code}); attempt ${attempt + 1}`);
      // A short random pause, so the two sides of a deadlock do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
};
