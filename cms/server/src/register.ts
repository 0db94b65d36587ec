import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';
import { UID } from './utils/uids';

const VALIDATED = new Set<string>([UID.program, UID.profileType, UID.profile, UID.emailTemplate]);

/**
 * Every write to the plugin's content goes through these checks and side effects, whether it comes
 * from the Content Manager, the plugin's API or a script.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
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
