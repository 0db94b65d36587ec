import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { MeResponse } from '../../../shared/contracts/members';
import { toOwnView, type OwnedProfile } from '../services/members/enrollment';
import { getService } from '../utils/get-service';
import { createProfileBody, updateProfileBody } from '../../../shared/contracts/members-api';
import { bodyOf, documentIdParam, memberOf, parse, slugParam } from '../utils/parse';

const member = ({ strapi }: { strapi: Core.Strapi }) => {
  const enrollment = () => getService(strapi, 'enrollment');

  const ownProfile = async (ctx: Context): Promise<OwnedProfile> => {
    const user = memberOf(ctx);
    const profile = await enrollment().findOwned(parse(documentIdParam, ctx.params.id, 'id'));
    // Someone else's profile answers like an unknown id: nothing tells a stranger it exists.
    if (!profile || profile.user?.id !== user.id) throw new errors.NotFoundError('No such profile');
    return profile;
  };

  return {
    /** GET /me: everything that is the member's: profiles, requests both ways, mentorships. */
    async me(ctx: Context) {
      const user = memberOf(ctx);
      parse(z.object({}).strict(), ctx.query, 'query');
      const profiles = await enrollment().profilesOf(user.id);
      const ids = profiles.map((profile) => profile.id);
      const requests = getService(strapi, 'requests');
      const sent = ids.length ? await requests.findMany({ sender: { id: { $in: ids } } }) : [];
      const received = ids.length ? await requests.findMany({ addressee: { id: { $in: ids } } }) : [];
      const lifecycle = getService(strapi, 'mentorship-lifecycle');
      const mentorships = await lifecycle.forMember(user.id);
      const body: MeResponse = {
        data: {
          member: { documentId: user.documentId, username: user.username, email: user.email },
          profiles: profiles.map(toOwnView),
          requests: {
            sent: await Promise.all(sent.map((request) => requests.view(request, true))),
            received: await Promise.all(received.map((request) => requests.view(request, false))),
          },
          mentorships: await Promise.all(mentorships.map((item) => lifecycle.view(item, lifecycle.roleOf(item, user.id) ?? 'mentee'))),
        },
      };
      ctx.body = body;
    },

    /** POST /programs/:slug/profiles: enroll as mentor or mentee. */
    async createProfile(ctx: Context) {
      const user = memberOf(ctx);
      const slug = parse(slugParam, ctx.params.slug, 'slug');
      const body = parse(createProfileBody, bodyOf(ctx), 'body');
      const program = await getService(strapi, 'programs').findVisibleBySlug(slug);
      if (!program) throw new errors.NotFoundError(`No program "${slug}"`);
      const profile = await enrollment().create(user.id, program, body);
      ctx.status = 201;
      ctx.body = { data: toOwnView(profile) };
    },

    /** GET /profiles/:id: the owner sees everything; others only the public side, and only when they have a reason to. */
    async findProfile(ctx: Context) {
      const user = memberOf(ctx);
      const profile = await enrollment().findOwned(parse(documentIdParam, ctx.params.id, 'id'));
      if (!profile) throw new errors.NotFoundError('No such profile');
      if (profile.user?.id === user.id) {
        ctx.body = { data: toOwnView(profile) };
        return;
      }
      const view = await enrollment().publicView(profile, user.id);
      if (!view) throw new errors.NotFoundError('No such profile');
      ctx.body = { data: view };
    },

    /** PUT /profiles/:id: edit answers, availability and capacity; submit, pause, re-list or withdraw. */
    async updateProfile(ctx: Context) {
      const profile = await ownProfile(ctx);
      const body = parse(updateProfileBody, bodyOf(ctx), 'body');
      ctx.body = { data: toOwnView(await enrollment().update(profile, body)) };
    },

    /** POST /profiles/:id/reconfirm: the mentor's yearly "still available". */
    async reconfirm(ctx: Context) {
      const profile = await ownProfile(ctx);
      parse(z.object({}).strict(), bodyOf(ctx), 'body');
      ctx.body = { data: toOwnView(await enrollment().reconfirm(profile)) };
    },
  };
};

export default member;
