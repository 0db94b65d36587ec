import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { actorOf } from '../services/platform/audit';
import { parse } from '../utils/parse';
import { UID } from '../utils/uids';

/** Input parsing shared by the admin controllers: a 400 naming the field for anything malformed. */
export const documentIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/, 'must be a document id');

export { parse };

export const bodyOf = (ctx: Context): unknown => (ctx.request as { body?: unknown }).body ?? {};

export const idParam = (ctx: Context, name: string) => parse(documentIdSchema, ctx.params[name], name);

export const staffActor = (ctx: Context) => actorOf(ctx.state.user as Parameters<typeof actorOf>[0]);

export const noQuery = z.object({}).strict();

/** A program named by its documentId or, as staff read it in the address bar, by its slug. */
export const programRefSchema = z.string().regex(/^[a-z0-9-]{1,120}$/, 'must be a program documentId or slug');

/**
 * The documentId of the program a staff route names by documentId or slug. An unknown one is
 * passed through unchanged, so the service answers its usual 404.
 */
export const resolveProgram = async (strapi: Core.Strapi, ref: string): Promise<string> => {
  const byId = await strapi.db.query(UID.program).findOne({ where: { documentId: ref }, select: ['documentId'] });
  if (byId) return ref;
  const bySlug = (await strapi.db.query(UID.program).findOne({ where: { slug: ref }, select: ['documentId'] })) as { documentId: string } | null;
  return bySlug?.documentId ?? ref;
};

/** The `:programId` URL parameter (a documentId or a slug) as a documentId. */
export const programParam = (strapi: Core.Strapi, ctx: Context, name = 'programId') => resolveProgram(strapi, parse(programRefSchema, ctx.params[name], name));
