import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { directoryQuery } from '../../../shared/contracts/members-api';
import type { ProgramRecord } from '../services/content/programs';
import { forbidden } from '../utils/errors';
import { getService } from '../utils/get-service';
import { documentIdParam, memberOf, parse, slugParam, type Member } from '../utils/parse';

const directory = ({ strapi }: { strapi: Core.Strapi }) => {
  const visibleProgram = async (ctx: Context): Promise<ProgramRecord> => {
    const slug = parse(slugParam, ctx.params.slug, 'slug');
    const program = await getService(strapi, 'programs').findVisibleBySlug(slug);
    if (!program) throw new errors.NotFoundError(`No program "${slug}"`);
    return program;
  };

  /** A members-only page needs a verified member: signed in, and counted as a member by the association's rule. */
  const verifiedMember = (ctx: Context, what: string): Member => {
    const viewer = (ctx.state.user as Member | undefined) ?? null;
    if (!viewer) throw new errors.UnauthorizedError(`Sign in to see ${what}`);
    const refusal = getService(strapi, 'membership').refusalOf(viewer);
    if (refusal) throw forbidden(refusal);
    return viewer;
  };

  /** The program, when the caller may see its mentor directory ("members" directories need a verified member). */
  const programFor = async (ctx: Context): Promise<{ program: ProgramRecord; viewer: Member | null }> => {
    const program = await visibleProgram(ctx);
    if (program.directoryVisibility === 'public') return { program, viewer: (ctx.state.user as Member | undefined) ?? null };
    return { program, viewer: verifiedMember(ctx, `the ${program.name} directory`) };
  };

  /** The program and the caller's listed mentor profile, when the program lets mentors approach mentees. */
  const menteesFor = async (ctx: Context) => {
    memberOf(ctx);
    const program = await visibleProgram(ctx);
    const viewer = verifiedMember(ctx, `the mentees of ${program.name}`);
    if (!program.mentorMayApproach) throw new errors.NotFoundError(`${program.name} has no mentee directory: mentors do not approach mentees there`);
    const mentor = await getService(strapi, 'enrollment').profileOf(viewer.id, program.id, 'mentor');
    if (!mentor || mentor.profileStatus !== 'listed') throw forbidden(`Only listed mentors of ${program.name} see its mentees`);
    return { program, mentor };
  };

  return {
    /** GET /programs/:slug/directory */
    async search(ctx: Context) {
      const { program, viewer } = await programFor(ctx);
      const query = parse(directoryQuery, ctx.query, 'query');
      ctx.body = await getService(strapi, 'directory-search').search(program, query, viewer);
    },

    /** GET /programs/:slug/directory/:id (the mentor's profile documentId) */
    async listing(ctx: Context) {
      const { program } = await programFor(ctx);
      const listing = await getService(strapi, 'directory-search').listing(program, parse(documentIdParam, ctx.params.id, 'id'));
      if (!listing) throw new errors.NotFoundError('No such listing');
      ctx.body = { data: listing };
    },

    /** GET /programs/:slug/mentees */
    async mentees(ctx: Context) {
      const { program, mentor } = await menteesFor(ctx);
      const query = parse(directoryQuery, ctx.query, 'query');
      ctx.body = await getService(strapi, 'directory-search').searchMentees(program, query, mentor);
    },

    /** GET /programs/:slug/mentees/:id (the mentee's profile documentId) */
    async mentee(ctx: Context) {
      const { program } = await menteesFor(ctx);
      const entry = await getService(strapi, 'directory-search').mentee(program, parse(documentIdParam, ctx.params.id, 'id'));
      if (!entry) throw new errors.NotFoundError('No such mentee');
      ctx.body = { data: entry };
    },
  };
};

export default directory;
