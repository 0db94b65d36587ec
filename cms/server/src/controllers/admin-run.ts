import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { ApproveRunBody, CarryOverBody, PairInsteadBody, PairsChangeBody, ProposalsQuery, StartRunBody } from '../../../shared/contracts/staff';
import { getService } from '../utils/get-service';
import { bodyOf, documentIdSchema, idParam, noQuery, parse, programParam, programRefSchema, resolveProgram, staffActor } from './admin-input';

const pairSchema = z.object({ menteeId: documentIdSchema, mentorId: documentIdSchema }).strict();
/** Share of the best total a re-run may give up to keep previous pairs: 0 to 20%. */
const keepPreviousSchema = z.object({ tolerance: z.number().min(0).max(0.2).default(0) }).strict();
const pairListSchema = z.array(pairSchema).max(5000).optional();
const flagSchema = z.enum(['true', 'false']).transform((value) => value === 'true');
const proposalsQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100000).optional(),
    pageSize: z.coerce.number().int().min(1).max(200).optional(),
    search: z.string().max(100).optional(),
    sort: z.enum(['score-desc', 'score-asc', 'mentee', 'mentor']).optional(),
    locked: flagSchema.optional(),
    changed: flagSchema.optional(),
    status: z.enum(['proposed', 'approved']).optional(),
  })
  .strict() satisfies z.ZodType<ProposalsQuery, unknown>;
const pairsChangeSchema = z
  .object({ lock: pairListSchema, unlock: pairListSchema, exclude: pairListSchema, allow: pairListSchema })
  .strict()
  .refine((body) => Object.values(body).some((list) => list && list.length > 0), { message: 'name at least one pair to lock, unlock, exclude or allow' }) satisfies z.ZodType<PairsChangeBody>;
const approveSchema = z.object({ pairs: z.array(pairSchema).min(1).max(5000).optional() }).strict() satisfies z.ZodType<ApproveRunBody>;
const pairInsteadSchema = pairSchema satisfies z.ZodType<PairInsteadBody>;
const rerunSchema = z.object({ keepPrevious: keepPreviousSchema.optional() }).strict();
const carryOverSchema = z.object({ menteeIds: z.array(documentIdSchema).min(1).max(5000).optional() }).strict() satisfies z.ZodType<CarryOverBody>;
const startRunSchema = z
  .object({
    programDocumentId: programRefSchema,
    weights: z.record(z.string().min(1).max(80), z.number().min(0).max(100)).optional(),
    locked: z.array(pairSchema).max(5000).optional(),
    excluded: z.array(pairSchema).max(20000).optional(),
    previousRunDocumentId: documentIdSchema.optional(),
    engine: z.enum(['jv', 'munkres']).optional(),
    keepPrevious: keepPreviousSchema.optional(),
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
    ctx.body = { data: await getService(strapi, 'run-review').alternatives(idParam(ctx, 'id'), query.menteeId, query.limit) };
  },

  async summary(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'run-review').overview(idParam(ctx, 'id')) };
  },

  async proposals(ctx: Context) {
    const query = parse(proposalsQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'run-review').proposals(idParam(ctx, 'id'), query) };
  },

  async changePairs(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(pairsChangeSchema, bodyOf(ctx), 'body');
    ctx.body = { data: await getService(strapi, 'run-review').changePairs(id, body, staffActor(ctx)) };
  },

  async pairInstead(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(pairInsteadSchema, bodyOf(ctx), 'body');
    ctx.body = { data: await getService(strapi, 'run-review').pairInstead(id, body, staffActor(ctx)) };
  },

  async rerun(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(rerunSchema, bodyOf(ctx), 'body');
    ctx.status = 202;
    ctx.body = { data: await getService(strapi, 'run-review').rerun(id, body, staffActor(ctx)) };
  },

  async waiting(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'run-review').waiting(idParam(ctx, 'id')) };
  },

  async carryOver(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(carryOverSchema, bodyOf(ctx), 'body');
    ctx.body = { data: await getService(strapi, 'run-review').carryOver(id, body, staffActor(ctx)) };
  },

  async introductions(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'runs').introductions(idParam(ctx, 'id')) };
  },

  async approve(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(approveSchema, bodyOf(ctx), 'body');
    await getService(strapi, 'runs').assertNotSuperseded(id);
    ctx.body = { data: await getService(strapi, 'runs').approve(id, staffActor(ctx), body.pairs) };
  },
});

export default adminRun;
