import type { Context } from 'koa';
import { z } from 'zod';
import { actorOf } from '../services/platform/audit';
import { validationError, zodProblems } from '../utils/validation-error';

/** Input parsing shared by the admin controllers: a 400 naming the field for anything malformed. */
export const documentIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/, 'must be a document id');

export const parse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(zodProblems(where, parsed.error.issues));
  return parsed.data;
};

export const bodyOf = (ctx: Context): unknown => (ctx.request as { body?: unknown }).body ?? {};

export const idParam = (ctx: Context, name: string) => parse(documentIdSchema, ctx.params[name], name);

export const staffActor = (ctx: Context) => actorOf(ctx.state.user as Parameters<typeof actorOf>[0]);

export const noQuery = z.object({}).strict();
