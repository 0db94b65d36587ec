import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { evaluateEligibility } from '../../../shared/eligibility';
import { validateAnswers } from '../../../shared/profile-fields';
import { toSummary, eligibilityRulesOf } from '../services/content/programs';
import { getService } from '../utils/get-service';
import { validationError, zodProblems } from '../utils/validation-error';

const slugParam = z.string().regex(/^[a-z0-9-]{1,120}$/, 'must be a program slug (lower-case letters, digits, dashes)');
const localeQuery = z.object({ locale: z.string().regex(/^[a-zA-Z-]{2,20}$/).optional() }).strict();
const eligibilityBody = z
  .object({
    role: z.enum(['mentor', 'mentee']),
    answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()])),
  })
  .strict();

const parse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(zodProblems(where, parsed.error.issues));
  return parsed.data;
};

const program = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    parse(z.object({}).strict(), ctx.query, 'query');
    const programs = await getService(strapi, 'programs').findVisible();
    ctx.body = { data: programs.map((item) => toSummary(item)), meta: { total: programs.length } };
  },

  async findOne(ctx: Context) {
    const slug = parse(slugParam, ctx.params.slug, 'slug');
    const { locale } = parse(localeQuery, ctx.query, 'query');
    const service = getService(strapi, 'programs');
    const found = await service.findVisibleBySlug(slug);
    if (!found) return ctx.notFound(`No program "${slug}"`);
    ctx.body = { data: await service.detail(found, locale) };
  },

  /** Lets a member see, before enrolling, which eligibility rules their answers pass. */
  async checkEligibility(ctx: Context) {
    const slug = parse(slugParam, ctx.params.slug, 'slug');
    const body = parse(eligibilityBody, (ctx.request as { body?: unknown }).body, 'body');
    const service = getService(strapi, 'programs');
    const found = await service.findVisibleBySlug(slug);
    if (!found) return ctx.notFound(`No program "${slug}"`);
    const profileType = (await service.profileTypes(found.documentId)).find((type) => type.role === body.role);
    if (!profileType) return ctx.notFound(`Program "${slug}" has no ${body.role} profile`);
    const problems = validateAnswers(profileType.fields, body.answers, { requireComplete: false });
    if (problems.length > 0) throw validationError(problems.map((problem) => ({ path: ['answers', problem.field], message: problem.message })));
    ctx.body = { data: evaluateEligibility(eligibilityRulesOf(found), body.role, body.answers) };
  },
});

export default program;
