import type { Core } from '@strapi/strapi';
import { errorShape } from './middlewares/error-shape';
import { getService } from './utils/get-service';
import { UID } from './utils/uids';

const VALIDATED = new Set<string>([UID.program, UID.profileType, UID.profile, UID.emailTemplate, UID.resource]);

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * A mentorship written through the document service (including a staff edit in the Content
 * Manager) keeps its mentor's load and availability right: the mentor before and after the write.
 */
const keepMentorLoad = async (strapi: Core.Strapi, context: Parameters<Middleware>[0], next: Parameters<Middleware>[1]) => {
  if (!['create', 'update', 'delete'].includes(context.action)) return next();
  const mentorOf = async (documentId: string | undefined) =>
    documentId
      ? ((await strapi.db.query(UID.mentorship).findOne({ where: { documentId }, populate: { mentor: { select: ['id'] } } })) as { mentor?: { id: number } | null } | null)?.mentor?.id
      : undefined;
  const params = context.params as { documentId?: string };
  const before = await mentorOf(params.documentId);
  const result = await next();
  const after = await mentorOf((result as { documentId?: string } | null)?.documentId ?? params.documentId);
  for (const mentorId of new Set([before, after])) if (mentorId) await getService(strapi, 'mentorships').refreshMentorLoad(mentorId);
  return result;
};

/**
 * Every write to the plugin's content goes through these checks and side effects, whether it comes
 * from the Content Manager, the plugin's API or a script.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Added before Strapi's own middlewares (they are added after every plugin's register), so it wraps them.
  strapi.server.use(errorShape());

  strapi.documents.use(async (context, next) => {
    if (context.uid === UID.mentorship) return keepMentorLoad(strapi, context, next);
    if (!VALIDATED.has(context.uid)) return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };

    if ((context.action === 'create' || context.action === 'update') && params.data) {
      await getService(strapi, 'content-validation').check(context.uid, params.data, params.documentId);
    }
    if (context.uid === UID.profile && context.action === 'delete' && params.documentId) {
      await getService(strapi, 'directory').removeListingOf(params.documentId);
    }

    const result = await next();

    const written = result as { documentId?: string } | null;
    if (context.uid === UID.profile && (context.action === 'create' || context.action === 'update') && written?.documentId) {
      await getService(strapi, 'directory').syncListing(written.documentId, getService(strapi, 'clock').now());
    }
    if (context.uid === UID.profileType && (context.action === 'create' || context.action === 'update') && written?.documentId) {
      const profileType = (await strapi.documents(UID.profileType).findOne({ documentId: written.documentId, populate: ['program'] })) as unknown as {
        role: string;
        program?: { documentId: string } | null;
      } | null;
      if (profileType?.role === 'mentor' && profileType.program) await getService(strapi, 'directory').syncProgram(profileType.program.documentId);
    }
    return result;
  });
};

export default register;
