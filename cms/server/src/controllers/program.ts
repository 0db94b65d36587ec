import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { evaluateEligibility } from '../../../shared/eligibility';
import { validateAnswers } from '../../../shared/profile-fields';
import { toSummary, eligibilityRulesOf } from '../services/content/programs';
import { getService } from '../utils/get-service';
import { eligibilityBody, localeQuery } from '../../../shared/contracts/members-api';
import { parse, slugParam } from '../utils/parse';
import { validationError } from '../utils/validation-error';

const program = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    parse(z.object({}).strict(), ctx.query, 'query');
    const programs = await getService(strapi, 'programs').findVisible();
    ctx.body = { data: programs.map((item) => toSummary(item)), meta: { total: programs.length } };
  },

  async findOne(ctx: Context) {
    const slug = parse(slugParam, ctx.params.slug, 'slug');
    const { locale } = parse(localeQuery, ctx.query, 'query');
    if (locale) {
      const known = ((await strapi.plugin('i18n').service('locales').find()) as { code: string }[]).map((entry) => entry.code);
      if (!known.includes(locale)) throw validationError([{ path: ['locale'], message: `unknown locale "${locale}"; this site has ${known.join(', ')}` }], 'query');
    }
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
