import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { AcceptedRequestView } from '../../../shared/contracts/members';
import { createRequestBody, reasonBody } from '../../../shared/contracts/members-api';
import type { RequestRecord } from '../services/members/requests';
import { forbidden } from '../utils/errors';
import { getService } from '../utils/get-service';
import { bodyOf, documentIdParam, memberOf, parse, slugParam, type Member } from '../utils/parse';

const request = ({ strapi }: { strapi: Core.Strapi }) => {
  const requests = () => getService(strapi, 'requests');

  /** The request and the caller's side of it; strangers get a 404, not a hint that it exists. */
  const load = async (ctx: Context): Promise<{ record: RequestRecord; user: Member; side: 'sender' | 'addressee' }> => {
    const user = memberOf(ctx);
    const record = await requests().findOne(parse(documentIdParam, ctx.params.id, 'id'));
    if (record?.sender.user?.id === user.id) return { record, user, side: 'sender' };
    if (record?.addressee?.user?.id === user.id) return { record, user, side: 'addressee' };
    throw new errors.NotFoundError('No such request');
  };

  const addresseeOnly = (side: string, what: string) => {
    if (side !== 'addressee') throw forbidden(`Only the person asked can ${what} a request`);
  };

  return {
    /** POST /programs/:slug/requests */
    async create(ctx: Context) {
      const user = memberOf(ctx);
      const slug = parse(slugParam, ctx.params.slug, 'slug');
      const body = parse(createRequestBody, bodyOf(ctx), 'body');
      const program = await getService(strapi, 'programs').findVisibleBySlug(slug);
      if (!program) throw new errors.NotFoundError(`No program "${slug}"`);
      const created = await requests().create(user, program, body);
      ctx.status = 201;
      ctx.body = { data: await requests().view(created, true) };
    },

    /** GET /requests/:id */
    async findOne(ctx: Context) {
      const { record, side } = await load(ctx);
      ctx.body = { data: await requests().view(record, side === 'sender') };
    },

    /**
     * POST /requests/:id/accept: creates the mentorship (409 when the mentor has no place left);
     * a discovery call starts none and shares both members' contact details instead. Answers with
     * the request, like every other request route, and the mentorship (or null) embedded in it.
     */
    async accept(ctx: Context) {
      const { record, user, side } = await load(ctx);
      addresseeOnly(side, 'accept');
      parse(reasonBody, bodyOf(ctx), 'body');
      const { request: accepted, mentorship } = await requests().accept(record, user);
      const created = mentorship ? await getService(strapi, 'mentorships').findOne(mentorship.documentId) : null;
      const lifecycle = getService(strapi, 'mentorship-lifecycle');
      const data: AcceptedRequestView = {
        ...(await requests().view(accepted, false)),
        mentorship: created ? await lifecycle.view(created, lifecycle.roleOf(created, user.id) ?? 'mentor') : null,
      };
      ctx.body = { data };
    },

    /** POST /requests/:id/decline */
    async decline(ctx: Context) {
      const { record, side } = await load(ctx);
      addresseeOnly(side, 'decline');
      const { reason } = parse(reasonBody, bodyOf(ctx), 'body');
      const declined = await requests().decline(record, reason || null);
      ctx.body = { data: await requests().view(declined, false) };
    },

    /** POST /requests/:id/let-go: either member of an accepted discovery call lets it go. */
    async letGo(ctx: Context) {
      const { record, side } = await load(ctx);
      parse(z.object({}).strict(), bodyOf(ctx), 'body');
      const by = side === 'sender' ? record.sender : record.addressee!;
      ctx.body = { data: await requests().view(await requests().letGo(record, by), side === 'sender') };
    },

    /** POST /requests/:id/withdraw */
    async withdraw(ctx: Context) {
      const { record, side } = await load(ctx);
      if (side !== 'sender') throw forbidden('Only the sender can withdraw a request');
      parse(z.object({}).strict(), bodyOf(ctx), 'body');
      ctx.body = { data: await requests().view(await requests().withdraw(record), true) };
    },
  };
};

export default request;
