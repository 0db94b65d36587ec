import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { inputError } from './validation-error';

/**
 * Validates a value with a zod schema; a failure is a 400 naming the offending field. `where` is
 * "body" or "query" (error paths then start at its root) or the name of a URL parameter.
 */
export const parse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw inputError(where === 'body' || where === 'query' ? where : { param: where }, parsed.error.issues);
  return parsed.data;
};

export { documentIdParam, isoDate, slugParam } from '../../../shared/contracts/members-api';

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
