import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { errorShape } from './middlewares/error-shape';
import { getService } from './utils/get-service';
import { UID } from './utils/uids';
import { guardProcess, installOutageMiddleware } from './middlewares/outage';
import { registerCustomFields } from './custom-fields';

/** Removes the process guard when Strapi is destroyed (tests boot several apps in one process). */
export let releaseProcessGuard: () => void = () => {};

/** Registration goes through the association's membership rule (see services/members/membership.ts). */
const gateRegistration = (strapi: Core.Strapi) => {
  const auth = strapi.controller('plugin::users-permissions.auth');
  const register = auth.register;
  if (typeof register !== 'function') throw new Error('users-permissions has no auth.register action to check members on');
  auth.register = (ctx: Context, next: Next) => getService(strapi, 'membership').register(ctx, async () => register.call(auth, ctx, next));
};

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
/**
 * Adds the plugin's guard to the Content Manager's routes that name a model, so the plugin's
 * permissions and workflows hold there too (see policies/content-manager-guard.ts).
 */
const guardContentManager = (strapi: Core.Strapi) => {
  const routes = (strapi.plugin('content-manager').routes as Record<string, { routes?: { path: string; config?: { policies?: unknown[] } }[] }>).admin?.routes ?? [];
  for (const route of routes) {
    if (!route.path.includes(':model')) continue;
    route.config = { ...route.config, policies: [...(route.config?.policies ?? []), 'plugin::mentorship.content-manager-guard'] };
  }
};

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  installOutageMiddleware(strapi);
  releaseProcessGuard = guardProcess(strapi);
  gateRegistration(strapi);
  registerCustomFields(strapi);
  guardContentManager(strapi);
  // Added before Strapi's own middlewares (they are added after every plugin's register), so it wraps them.
  strapi.server.use(errorShape());

  strapi.documents.use(async (context, next) => {
    if (context.uid === UID.mentorship) return keepMentorLoad(strapi, context, next);
    if (!VALIDATED.has(context.uid)) return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };

    if ((context.action === 'create' || context.action === 'update') && params.data) {
      // A return date belongs to an away mentor only: whoever sets another availability clears it.
      if (context.uid === UID.profile && typeof params.data.availability === 'string' && params.data.availability !== 'away') params.data.awayUntil = null;
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
