import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { ProgramRecord } from '../services/content/programs';
import { getService } from '../utils/get-service';
import { documentIdParam, parse, slugParam, type Member } from '../utils/parse';

const directoryQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    filters: z.record(z.string().max(60), z.union([z.string().max(500), z.array(z.string().max(200)).max(50)])).optional(),
    availability: z.enum(['available', 'any']).optional(),
    sort: z.enum(['relevance', 'match', 'name']).optional(),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

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
