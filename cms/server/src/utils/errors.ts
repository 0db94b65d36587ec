import { errors } from '@strapi/utils';
import type { ERROR_CODES, ErrorCode } from '../../../shared/contracts/errors';

/** The 409 codes, from the one list of error codes the members' API documents. */
export type ConflictCode = { [K in ErrorCode]: (typeof ERROR_CODES)[K]['status'] extends 409 ? K : never }[ErrorCode];

/**
 * A request that clashes with the current state (a mentor with no place left, a pair that exists,
 * a request already answered). Answered with HTTP 409 by Strapi's error middleware, which formats
 * any `HttpError` with its own status: the prototype is linked to http-errors' `HttpError` for that
 * (its constructor is abstract and cannot be extended the usual way).
 */
export class ConflictError extends Error {
  readonly status = 409;
  readonly statusCode = 409;
  readonly expose = true;
  readonly details: { code: ConflictCode };

  constructor(message: string, code: ConflictCode) {
    super(message);
    this.name = 'ConflictError';
    this.details = { code };
  }
}
Object.setPrototypeOf(ConflictError.prototype, errors.HttpError.prototype);

export const isConflict = (error: unknown): error is ConflictError => error instanceof ConflictError;

/**
 * A 403 whose message reaches the member. Strapi's content-API authorisation step replaces any
 * ForbiddenError thrown downstream with a bare "Forbidden", except a PolicyError; so this is one,
 * named as the 403 it is.
 */
export const forbidden = (message: string, details?: Record<string, unknown>) => {
  const error = new errors.PolicyError(message, details);
  Object.defineProperty(error, 'name', { value: 'ForbiddenError' });
  return error;
};

/**
 * A 503: the database (or a system the request needs) is down or busy. `retryAfterSeconds` is sent as
 * `Retry-After`, so clients wait and try again rather than treat it as a failed sign-in or a bug.
 */
export class ServiceUnavailableError extends Error {
  readonly status = 503;
  readonly statusCode = 503;
  readonly expose = true;
  readonly details: { code: 'unavailable'; retryAfterSeconds: number };

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
    this.name = 'ServiceUnavailableError';
    this.details = { code: 'unavailable', retryAfterSeconds };
  }
}
Object.setPrototypeOf(ServiceUnavailableError.prototype, errors.HttpError.prototype);
