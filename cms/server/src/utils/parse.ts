import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { validationError, zodProblems } from './validation-error';

/** Validates a value with a zod schema; a failure is a 400 naming the offending field. */
export const parse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(zodProblems(where, parsed.error.issues));
  return parsed.data;
};

export const slugParam = z.string().regex(/^[a-z0-9-]{1,120}$/, 'must be a program slug (lower-case letters, digits, dashes)');
export const documentIdParam = z.string().regex(/^[a-zA-Z0-9]{1,64}$/, 'must be a documentId');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a calendar date');

export interface Member {
  id: number;
  documentId: string;
  email: string;
  username: string;
}

/** The signed-in member (users-permissions), or a 401. */
export const memberOf = (ctx: Context): Member => {
  const user = ctx.state.user as Member | undefined;
  if (!user) throw new errors.UnauthorizedError('Sign in first');
  return user;
};

export const bodyOf = (ctx: Context): unknown => (ctx.request as { body?: unknown }).body ?? {};
