import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ServiceUnavailableError } from '../utils/errors';

/** What a client is told to wait before trying again while the database is down or busy. */
export const RETRY_AFTER_SECONDS = 5;

/** How long the "is the database there?" probe waits before calling it busy. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Error codes of a database that cannot answer now (as opposed to a query that is wrong): connection
 * refused or lost, PostgreSQL shutting down, starting up or out of connections, SQLite locked.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
  'SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE',
]);
const UNAVAILABLE_MESSAGES = [
  /Timeout acquiring a connection/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /terminating connection due to administrator command/i,
  /database is locked/i,
];

/** True when an error (or one it wraps) says the database is down or busy. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (candidate.name === 'KnexTimeoutError') return true;
    if (typeof candidate.code === 'string' && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
    // AggregateError (a connection refused on both IPv4 and IPv6)
    if (Array.isArray(candidate.errors) && candidate.errors.some(isDatabaseUnavailable)) return true;
    current = candidate.cause;
  }
  return false;
};

/** Whether the database answers a trivial read within the probe's time. */
export const databaseAnswers = async (strapi: Core.Strapi): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  // A read of a real table: SQLite answers "select 1" without touching the (possibly locked) file.
  const probe = strapi.db.connection.select('id').from(strapi.db.metadata.get('strapi::core-store').tableName).limit(1).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const unavailable = () => new ServiceUnavailableError('The service is busy or briefly unavailable; please try again in a moment.', RETRY_AFTER_SECONDS);

/**
 * Placed just inside Strapi's error middleware: a database that is down or busy answers 503 with
 * `Retry-After` instead of a 500, and instead of the 401 users-permissions gives when it could not
 * load the signed-in member (a 401 makes a website sign its member out). Nothing is kept between
 * requests: the next request after the database is back goes through as usual.
 */
const outage = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => async (ctx: Context, next: Next) => {
  try {
    await next();
    // Strapi answers a failed authentication with ctx.unauthorized() rather than a throw.
    if (ctx.status === 401 && !(await databaseAnswers(strapi))) {
      strapi.log.warn(`[mentorship] ${ctx.method} ${ctx.path}: a 401 while the database does not answer; answered 503`);
      throw unavailable();
    }
  } catch (error) {
    let answer: unknown = error;
    if (error instanceof ServiceUnavailableError) {
      answer = error;
    } else if (isDatabaseUnavailable(error)) {
      strapi.log.warn(`[mentorship] ${ctx.method} ${ctx.path}: database unavailable (${(error as Error).message}); answered 503`);
      answer = unavailable();
    } else if (error instanceof errors.UnauthorizedError && !(await databaseAnswers(strapi))) {
      strapi.log.warn(`[mentorship] ${ctx.method} ${ctx.path}: a 401 while the database does not answer; answered 503`);
      answer = unavailable();
    }
    if (answer instanceof ServiceUnavailableError) ctx.set('Retry-After', String(answer.retryAfterSeconds));
    throw answer;
  }
};

export default outage;

/**
 * Background work (an e-mail worker, a matching run, a job) that meets an exhausted pool or a database
 * that went away must not end the process: Node ends it on an unhandled rejection. Such a rejection is
 * logged and the process lives on; any other unhandled rejection still ends it, as Node would.
 * Returns the function that removes the guard.
 */
export const guardProcess = (strapi: Core.Strapi): (() => void) => {
  const onRejection = (reason: unknown) => {
    if (isDatabaseUnavailable(reason)) {
      strapi.log.error(`[mentorship] background work stopped, the database is unavailable: ${reason instanceof Error ? reason.message : String(reason)}`);
      return;
    }
    throw reason;
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
};

/** Puts the outage middleware just inside Strapi's error middleware, unless the app's config places it. */
export const installOutageMiddleware = (strapi: Core.Strapi) => {
  const name = 'plugin::mentorship.outage';
  const stack = strapi.config.get('middlewares') as (string | { name?: string })[] | undefined;
  if (!Array.isArray(stack) || stack.some((entry) => (typeof entry === 'string' ? entry : entry.name) === name)) return;
  const errorsAt = stack.findIndex((entry) => (typeof entry === 'string' ? entry : entry.name) === 'strapi::errors');
  strapi.config.set('middlewares', [...stack.slice(0, errorsAt + 1), name, ...stack.slice(errorsAt + 1)]);
};
