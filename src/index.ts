import type { Core } from '@strapi/strapi';
import { demoLogins, seedDemo } from '../database/demo/seed';
import { startDevMatcher, stopDevMatcher } from './dev/matcher-process';
import { startMailCatcher, stopMailCatcher } from './dev/mail-catcher';

/**
 * The host app: standing in for an association's CMS. On a development start it loads the demo
 * association (once; later starts find it there) and creates the staff admin, then prints where to
 * sign in.
 */
export const DEMO_ADMIN = {
  email: 'admin@example.org',
  password: 'Demo-admin-2026',
  firstname: 'Programme',
  lastname: 'Staff',
};

const demoEnabled = () => {
  const setting = process.env.DEMO_SEED;
  if (setting !== undefined) return setting === 'true';
  return process.env.NODE_ENV !== 'production' && process.env.NODE_ENV !== 'test';
};

export default {
  register() {},

  async destroy() {
    stopDevMatcher();
    await stopMailCatcher();
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.NODE_ENV === 'development' && process.env.MATCHER_AUTOSTART !== 'false') await startDevMatcher(strapi);
    if (process.env.NODE_ENV === 'development' && process.env.MAIL_CATCHER !== 'false') await startMailCatcher(strapi);
    if (!demoEnabled()) return;
    if (!(await strapi.admin.services.user.exists())) {
      await strapi.admin.services.user.createFirstAdmin(DEMO_ADMIN);
    }
    await seedDemo(strapi);
    const base = strapi.config.get<string>('server.url') || `http://${strapi.config.get('server.host')}:${strapi.config.get('server.port')}`;
    const lines = [
      '',
      'Demo association loaded.',
      `  Admin panel: ${base}/admin`,
      `  Staff admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`,
      ...demoLogins().map((login) => `  Member:      ${login.email} / ${login.password} (${login.description})`),
      `  Member portal: ${base}${strapi.config.get<string>('plugin::mentorship.portalPath') ?? '/mentoring'}`,
      `  Members' API: ${base}/api/mentorship/programs (sign in with POST ${base}/api/auth/local)`,
      '',
    ];
    strapi.log.info(lines.join('\n'));
  },
};
