import type { Context, Next } from 'koa';
import { ERROR_CODES, type ErrorCode } from '../../../shared/contracts/errors';

/** The plugin's routes: the members' API (content API) and the staff routes (admin API). */
const PLUGIN_PATHS = /^\/(api\/)?mentorship(\/|$)/;

const NAMES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  429: 'RateLimitError',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented code for an error that names none, from its status (the portal words its pages by the same codes). */
export const codeForStatus = (status: number, hints: { invalidInput: boolean; eligibility: boolean }): ErrorCode => {
  switch (status) {
    case 400:
      return hints.invalidInput ? 'invalid-input' : 'bad-request';
    case 401:
      return 'unauthenticated';
    case 403:
      return hints.eligibility ? 'not-eligible' : 'forbidden';
    case 404:
      return 'not-found';
    case 405:
      return 'method-not-allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 429:
      return 'rate-limited';
    default:
      return 'bad-request';
  }
};

const codeFor = (status: number, name: string, details: Record<string, unknown>): ErrorCode =>
  typeof details.code === 'string' && details.code in ERROR_CODES
    ? (details.code as ErrorCode)
    : codeForStatus(status, { invalidInput: name === 'ValidationError', eligibility: Array.isArray(details.reasons) });

/** A validation message that starts with a field ("mentorProfileDocumentId: not a mentor profile") names its path. */
const errorsFromMessage = (message: string) => {
  const field = /^([A-Za-z][\w-]*(?:\.[\w-]+)*): /.exec(message)?.[1];
  return field ? [{ path: field.split('.'), message: message.slice(field.length + 2), name: 'ValidationError' }] : [];
};

/**
 * One error shape for every 4xx of the plugin's routes, whoever threw it (a controller, a service,
 * Strapi's permission check, the router): `{ data: null, error: { status, name, message, details } }`
 * with `details.code` from the documented list and, for bad input, `details.errors[]`. It runs
 * outside Strapi's error middleware, so it sees the answer that middleware formatted.
 *
 * A caller who sent no token and was refused by the permission check is told to sign in (401),
 * not that they may not (403): every member route answers anonymous callers the same way.
 */
export const errorShape = () => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.status < 400 || ctx.status >= 500 || !PLUGIN_PATHS.test(ctx.path)) return;
  const body = isRecord(ctx.body) ? ctx.body : {};
  const error = isRecord(body.error) ? body.error : {};
  let status = ctx.status;
  let name = typeof error.name === 'string' ? error.name : (NAMES[status] ?? 'BadRequestError');
  let message = typeof error.message === 'string' && error.message ? error.message : (ctx.message || name);
  const details: Record<string, unknown> = isRecord(error.details) ? { ...error.details } : {};

  const anonymous = !ctx.state.user && !ctx.get('authorization');
  if (status === 403 && anonymous) {
    status = 401;
    name = 'UnauthorizedError';
    message = 'Sign in first: this needs a member (send the users-permissions JWT as "Authorization: Bearer <jwt>")';
    delete details.code;
  }
  details.code = codeFor(status, name, details);
  if (details.code === 'invalid-input' && !Array.isArray(details.errors)) details.errors = errorsFromMessage(message);

  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details } };
};
