import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { Role } from '../../../shared/vocabulary';
import type { MentorshipRecord } from '../services/members/mentorships';
import { getService } from '../utils/get-service';
import { checkInBody, endBody, planBody } from '../../../shared/contracts/members-api';
import { bodyOf, documentIdParam, memberOf, parse } from '../utils/parse';

const mentorship = ({ strapi }: { strapi: Core.Strapi }) => {
  const lifecycle = () => getService(strapi, 'mentorship-lifecycle');

  /** The mentorship and the caller's role in it; anyone outside the pair gets a 404. */
  const load = async (ctx: Context): Promise<{ record: MentorshipRecord; role: Role; userDocumentId: string }> => {
    const user = memberOf(ctx);
    const record = await getService(strapi, 'mentorships').findOne(parse(documentIdParam, ctx.params.id, 'id'));
    const role = record ? lifecycle().roleOf(record, user.id) : null;
    if (!record || !role) throw new errors.NotFoundError('No such mentorship');
    return { record, role, userDocumentId: user.documentId };
  };

  const respond = async (ctx: Context, record: MentorshipRecord, role: Role) => {
    ctx.body = { data: await lifecycle().view(record, role) };
  };

  return {
    async findOne(ctx: Context) {
      const { record, role } = await load(ctx);
      await respond(ctx, record, role);
    },

    /** POST /mentorships/:id/agree: accept the partnership agreement. */
    async agree(ctx: Context) {
      const { record, role } = await load(ctx);
      parse(z.object({}).strict(), bodyOf(ctx), 'body');
      await respond(ctx, await lifecycle().agree(record, role), role);
    },

    /** PUT /mentorships/:id/plan */
    async plan(ctx: Context) {
      const { record, role } = await load(ctx);
      const plan = parse(planBody, bodyOf(ctx), 'body');
      await respond(ctx, await lifecycle().setPlan(record, plan), role);
    },

    /** POST /mentorships/:id/check-ins */
    async checkIn(ctx: Context) {
      const { record, role } = await load(ctx);
      const body = parse(checkInBody, bodyOf(ctx), 'body');
      await lifecycle().addCheckIn(record, role, body);
      ctx.status = 201;
      await respond(ctx, (await getService(strapi, 'mentorships').findOne(record.documentId))!, role);
    },

    /** POST /mentorships/:id/renew: this member wants to continue; both make it happen. */
    async renew(ctx: Context) {
      const { record, role } = await load(ctx);
      parse(z.object({}).strict(), bodyOf(ctx), 'body');
      await respond(ctx, await lifecycle().renew(record, role), role);
    },

    /** POST /mentorships/:id/end: end early, with a reason both will read. */
    async end(ctx: Context) {
      const { record, role, userDocumentId } = await load(ctx);
      const { reason } = parse(endBody, bodyOf(ctx), 'body');
      await respond(ctx, await getService(strapi, 'mentorships').end(record.documentId, { reason, by: `member:${userDocumentId}` }), role);
    },
  };
};

export default mentorship;
