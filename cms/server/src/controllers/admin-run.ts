import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { StartRunBody } from '../../../shared/contracts/staff';
import { getService } from '../utils/get-service';
import { bodyOf, documentIdSchema, idParam, noQuery, parse, programParam, programRefSchema, resolveProgram, staffActor } from './admin-input';

const pairSchema = z.object({ menteeId: documentIdSchema, mentorId: documentIdSchema }).strict();
const startRunSchema = z
  .object({
    programDocumentId: programRefSchema,
    weights: z.record(z.string().min(1).max(80), z.number().min(0).max(100)).optional(),
    locked: z.array(pairSchema).max(5000).optional(),
    excluded: z.array(pairSchema).max(20000).optional(),
    previousRunDocumentId: documentIdSchema.optional(),
    engine: z.enum(['jv', 'munkres']).optional(),
  })
  .strict() satisfies z.ZodType<StartRunBody>;
const alternativesQuery = z
  .object({ menteeId: documentIdSchema, limit: z.coerce.number().int().min(1).max(20).default(5) })
  .strict();

/** Matching runs: the pool, starting a run, reading it, "why not" alternatives, approval. */
const adminRun = ({ strapi }: { strapi: Core.Strapi }) => ({
  async pool(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'runs').pool(await programParam(strapi, ctx)) };
  },

  async list(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'runs').list(await programParam(strapi, ctx)) };
  },

  async start(ctx: Context) {
    const parsed = parse(startRunSchema, bodyOf(ctx), 'body');
    const body = { ...parsed, programDocumentId: await resolveProgram(strapi, parsed.programDocumentId) };
    ctx.status = 202;
    ctx.body = { data: await getService(strapi, 'runs').start(body, staffActor(ctx)) };
  },

  async findOne(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'runs').get(idParam(ctx, 'id')) };
  },

  async alternatives(ctx: Context) {
    const query = parse(alternativesQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'runs').alternatives(idParam(ctx, 'id'), query.menteeId, query.limit) };
  },

  async introductions(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'runs').introductions(idParam(ctx, 'id')) };
  },

  async approve(ctx: Context) {
    const id = idParam(ctx, 'id');
    parse(z.object({}).strict(), bodyOf(ctx), 'body');
    await getService(strapi, 'runs').assertNotSuperseded(id);
    ctx.body = { data: await getService(strapi, 'runs').approve(id, staffActor(ctx)) };
  },
});

export default adminRun;
