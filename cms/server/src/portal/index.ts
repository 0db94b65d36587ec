import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { PLUGIN_ID } from '../utils/uids';
import { registerPortal } from './router';
import { programRoutes } from './pages/programs';
import { authRoutes } from './pages/auth';
import { directoryRoutes } from './pages/directory';
import { menteeRoutes } from './pages/mentees';
import { profileRoutes } from './pages/profiles';
import { requestRoutes } from './pages/requests';
import { mentorshipRoutes } from './pages/mentorships';
import { homeRoutes } from './pages/home';

/**
 * The member portal: server-rendered pages at the configured path (default /mentoring) over the
 * plugin's own services. Called from the plugin's bootstrap, before the server mounts its router.
 */
export const registerMemberPortal = async (strapi: Core.Strapi) => {
  const { base } = registerPortal(strapi, [...homeRoutes, ...programRoutes, ...authRoutes, ...directoryRoutes, ...menteeRoutes, ...profileRoutes, ...requestRoutes, ...mentorshipRoutes]);

  // users-permissions' own reset e-mail links to its "reset password page" setting; when the
  // association has not set one, that page is the portal's.
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = (await store.get({})) as Record<string, unknown> | null;
  if (advanced && !advanced.email_reset_password) {
    const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
    await store.set({ value: { ...advanced, email_reset_password: `${config.siteUrl.replace(/\/$/, '')}${base}/reset-password` } });
  }
};
