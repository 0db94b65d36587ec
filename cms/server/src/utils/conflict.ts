import type { Context } from 'koa';

/** A request that is well-formed but clashes with the current state (a run already approved, a full mentor): HTTP 409. */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

const isConflict = (error: unknown): error is Error & { details?: unknown } =>
  error instanceof Error && ((error as { status?: unknown }).status === 409 || error.name === 'ConflictError');

/** Runs a controller body, answering 409 with Strapi's error shape for conflicts from any service. */
export const answering409 = async (ctx: Context, run: () => Promise<void>): Promise<void> => {
  try {
    await run();
  } catch (error) {
    if (!isConflict(error)) throw error;
    ctx.status = 409;
    ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: error.message, details: error.details ?? {} } };
  }
};
