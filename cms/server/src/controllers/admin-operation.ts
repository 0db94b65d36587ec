import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { MENTORSHIP_STATUSES, PROFILE_STATUSES, ROLES } from '../../../shared/vocabulary';
import type {
  BulkReviewBody,
  AssignEscalationBody,
  CloseEscalationBody,
  CreateMentorshipBody,
  EndMentorshipBody,
  ReassignMentorshipBody,
  ReviewApplicationBody,
} from '../../../shared/contracts/staff';
import { getService } from '../utils/get-service';
import { validationError } from '../utils/validation-error';
import { bodyOf, documentIdSchema, idParam, noQuery, parse, programParam, programRefSchema, resolveProgram, staffActor } from './admin-input';

const reason = z.string().trim().min(3, 'needs a few words').max(2000);
const reviewSchema = z
  .object({ decision: z.enum(['approve', 'reject']), reason: reason.optional() })
  .strict() satisfies z.ZodType<ReviewApplicationBody>;
const applicationsQuery = z
  .object({
    role: z.enum(ROLES).optional(),
    status: z.enum(PROFILE_STATUSES).optional(),
    eligible: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
    q: z.string().max(200).optional(),
    sort: z.enum(['submitted-asc', 'submitted-desc', 'name']).optional(),
    page: z.coerce.number().int().min(1).max(10000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
    question: z.string().min(1).max(60).optional(),
    answer: z.string().min(1).max(200).optional(),
  })
  .strict();
const bulkReviewSchema = z
  .object({ profileDocumentIds: z.array(documentIdSchema).min(1).max(200), decision: z.enum(['approve', 'reject']), reason: reason.optional() })
  .strict() satisfies z.ZodType<BulkReviewBody>;
const assignSchema = z.object({ mentorProfileDocumentId: documentIdSchema, note: z.string().max(2000).optional() }).strict() satisfies z.ZodType<AssignEscalationBody>;
const closeSchema = z.object({ reason }).strict() satisfies z.ZodType<CloseEscalationBody>;
const createMentorshipSchema = z
  .object({
    programDocumentId: programRefSchema,
    mentorProfileDocumentId: documentIdSchema,
    menteeProfileDocumentId: documentIdSchema,
    note: z.string().max(2000).optional(),
  })
  .strict() satisfies z.ZodType<CreateMentorshipBody>;
const reassignSchema = z.object({ mentorProfileDocumentId: documentIdSchema, reason }).strict() satisfies z.ZodType<ReassignMentorshipBody>;
const endSchema = z.object({ reason }).strict() satisfies z.ZodType<EndMentorshipBody>;
const mentorshipsQuery = z.object({ status: z.enum(MENTORSHIP_STATUSES).optional() }).strict();

/** Applications, dashboard, escalations, mentorships on members' behalf, audit trail. */
const adminOperation = ({ strapi }: { strapi: Core.Strapi }) => ({
  async dashboard(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'dashboard').dashboard(await programParam(strapi, ctx)) };
  },

  async applications(ctx: Context) {
    const query = parse(applicationsQuery, ctx.query, 'query');
    ctx.body = await getService(strapi, 'applications').page(await programParam(strapi, ctx), query);
  },

  async reviewMany(ctx: Context) {
    const programId = await programParam(strapi, ctx);
    const body = parse(bulkReviewSchema, bodyOf(ctx), 'body');
    if (body.decision === 'reject' && !body.reason) throw validationError([{ path: ['reason'], message: 'a rejection needs a reason the members will see' }], 'body');
    ctx.body = { data: await getService(strapi, 'applications').reviewMany(programId, body, staffActor(ctx)) };
  },

  async review(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(reviewSchema, bodyOf(ctx), 'body');
    if (body.decision === 'reject' && !body.reason) throw validationError([{ path: ['reason'], message: 'a rejection needs a reason the member will see' }], 'body');
    ctx.body = { data: await getService(strapi, 'applications').review(id, body, staffActor(ctx)) };
  },

  async escalations(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'escalations').list(await programParam(strapi, ctx)) };
  },

  async assignEscalation(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(assignSchema, bodyOf(ctx), 'body');
    ctx.body = { data: await getService(strapi, 'escalations').assign(id, body, staffActor(ctx)) };
  },

  async closeEscalation(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(closeSchema, bodyOf(ctx), 'body');
    await getService(strapi, 'escalations').close(id, body, staffActor(ctx));
    ctx.body = { data: { documentId: id, status: 'closed' } };
  },

  async mentorships(ctx: Context) {
    const query = parse(mentorshipsQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'staff-mentorships').list(await programParam(strapi, ctx), query.status) };
  },

  async createMentorship(ctx: Context) {
    const parsed = parse(createMentorshipSchema, bodyOf(ctx), 'body');
    const body = { ...parsed, programDocumentId: await resolveProgram(strapi, parsed.programDocumentId) };
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'staff-mentorships').create(body, staffActor(ctx)) };
  },

  async reassignMentorship(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(reassignSchema, bodyOf(ctx), 'body');
    ctx.body = { data: await getService(strapi, 'staff-mentorships').reassign(id, body, staffActor(ctx)) };
  },

  async endMentorship(ctx: Context) {
    const id = idParam(ctx, 'id');
    const body = parse(endSchema, bodyOf(ctx), 'body');
    ctx.body = { data: await getService(strapi, 'staff-mentorships').end(id, body, staffActor(ctx)) };
  },

  async audit(ctx: Context) {
    const query = parse(z.object({ subject: documentIdSchema.optional() }).strict(), ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'audit').list({ programDocumentId: await programParam(strapi, ctx), subjectDocumentId: query.subject }) };
  },
});

export default adminOperation;
