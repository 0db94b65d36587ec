import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { directoryQuery } from '../../../shared/contracts/members-api';
import type { ProgramRecord } from '../services/content/programs';
import { getService } from '../utils/get-service';
import { documentIdParam, parse, slugParam, type Member } from '../utils/parse';

const directory = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The program, when the caller may see its directory ("members" directories need a signed-in member). */
  const programFor = async (ctx: Context): Promise<{ program: ProgramRecord; viewer: Member | null }> => {
    const slug = parse(slugParam, ctx.params.slug, 'slug');
    const program = await getService(strapi, 'programs').findVisibleBySlug(slug);
    if (!program) throw new errors.NotFoundError(`No program "${slug}"`);
    const viewer = (ctx.state.user as Member | undefined) ?? null;
    if (program.directoryVisibility !== 'public' && !viewer) throw new errors.UnauthorizedError(`Sign in to see the ${program.name} directory`);
    return { program, viewer };
  };

  return {
    /** GET /programs/:slug/directory */
    async search(ctx: Context) {
      const { program, viewer } = await programFor(ctx);
      const query = parse(directoryQuery, ctx.query, 'query');
      ctx.body = await getService(strapi, 'directory-search').search(program, query, viewer);
    },

    /** GET /programs/:slug/directory/:id */
    async listing(ctx: Context) {
      const { program } = await programFor(ctx);
      const listing = await getService(strapi, 'directory-search').listing(program, parse(documentIdParam, ctx.params.id, 'id'));
      if (!listing) throw new errors.NotFoundError('No such listing');
      ctx.body = { data: listing };
    },
  };
};

export default directory;
