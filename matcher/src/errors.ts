/**
 * One error type for the whole service. Whatever goes wrong, a client gets JSON:
 *   { "error": { "status": 400, "code": "invalid-input", "message": "...", "issues": [{ "path": "$.mentees[2].id", "message": "..." }] } }
 * Errors raised inside a worker thread travel back as plain data (toSerializedError) and are
 * rebuilt on the main thread (fromSerializedError).
 */
import type { ZodError } from 'zod';
import { EngineSizeLimitError, InfeasibleCostMatrixError, InvalidCostMatrixError } from './solver/lsap-errors';

export interface ErrorIssue {
  /** JSONPath of the offending field in the request body, e.g. `$.mentees[2].attributes.country`. */
  path: string;
  message: string;
}

export interface SerializedError {
  status: number;
  code: string;
  message: string;
  issues?: ErrorIssue[];
  details?: Record<string, unknown>;
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { issues?: ErrorIssue[]; details?: Record<string, unknown>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  /** 4xx errors are the client's; 5xx are ours and get logged with a stack. */
  get isClientError(): boolean {
    return this.status < 500;
  }

  toJSON(): SerializedError {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.extra.issues ? { issues: this.extra.issues } : {}),
      ...(this.extra.details ? { details: this.extra.details } : {}),
    };
  }
}

export function badRequest(message: string, issues: ErrorIssue[], code = 'invalid-input'): AppError {
  return new AppError(400, code, message, { issues });
}

/** Formats a path of keys and indices as JSONPath: ['mentees', 2, 'id'] -> $.mentees[2].id */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function fromZodError(error: ZodError): AppError {
  const issues: ErrorIssue[] = error.issues.slice(0, 50).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // Point at the unexpected key itself rather than at its parent object.
      const keys = issue.keys;
      return {
        path: jsonPath([...issue.path, keys[0]]),
        message: `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
      };
    }
    // JSON numbers beyond about 1.8e308 parse as Infinity: say what is wrong with them.
    if (isInfiniteNumber(issue) || (issue.code === 'invalid_union' && issue.errors.some((branch) => branch.some(isInfiniteNumber)))) {
      return { path: jsonPath(issue.path), message: 'expected a finite number' };
    }
    if (issue.code === 'invalid_union' && issue.path.at(-1) !== 'kind') {
      return { path: jsonPath(issue.path), message: `${issue.message}: value does not match any allowed type` };
    }
    return { path: jsonPath(issue.path), message: issue.message };
  });
  const first = issues[0];
  const message = first ? `invalid request body at ${first.path}: ${first.message}` : 'invalid request body';
  return badRequest(message, issues);
}

/** zod's issue for Infinity (it adds `received`, which its issue type does not declare). */
function isInfiniteNumber(issue: ZodError['issues'][number]): boolean {
  return issue.code === 'invalid_type' && issue.expected === 'number' && 'received' in issue && issue.received === 'Infinity';
}

/** Maps anything thrown to an AppError; unknown errors become a 500 without internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof InvalidCostMatrixError) {
    const path = error.row !== undefined ? jsonPath(['matrix', error.row, error.col ?? 0]) : '$.matrix';
    return badRequest(error.message, [{ path, message: error.message }], error.code);
  }
  if (error instanceof InfeasibleCostMatrixError) {
    return new AppError(422, error.code, error.message);
  }
  if (error instanceof EngineSizeLimitError) {
    return new AppError(413, error.code, error.message, {
      details: { engine: error.engine, limit: error.limit, size: error.size },
    });
  }
  if (isHttpError(error)) {
    // body-parser errors: malformed JSON, body too large, unsupported charset.
    if (error.type === 'entity.too.large') {
      return new AppError(413, 'body-too-large', `request body exceeds the limit of ${error.limit} bytes`);
    }
    if (error.type === 'entity.parse.failed') {
      return badRequest('request body is not valid JSON', [{ path: '$', message: error.message }], 'invalid-json');
    }
    if (error.status >= 400 && error.status < 500) {
      return new AppError(error.status, error.type ?? 'bad-request', error.message);
    }
  }
  return new AppError(500, 'internal-error', 'internal error');
}

interface HttpErrorLike {
  status: number;
  type?: string;
  limit?: number;
  message: string;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function toSerializedError(error: unknown): SerializedError {
  const appError = toAppError(error);
  const serialized = appError.toJSON();
  if (appError.status >= 500 && error instanceof Error) {
    // Keep the original message for the log on the main thread; the client never sees it.
    serialized.details = { cause: error.message, stack: error.stack };
  }
  return serialized;
}

export function fromSerializedError(serialized: SerializedError): AppError {
  return new AppError(serialized.status, serialized.code, serialized.message, {
    issues: serialized.issues,
    details: serialized.details,
    retryAfterSeconds: serialized.retryAfterSeconds,
  });
}
