import type { Core } from '@strapi/strapi';

/** Content API actions granted by default, so a fresh install answers without admin clicks. */
export const PUBLIC_ACTIONS = [
  'plugin::mentorship.program.find',
  'plugin::mentorship.program.findOne',
  'plugin::mentorship.program.checkEligibility',
  // a "members" directory still answers 401 to anonymous callers; a "public" one answers
  'plugin::mentorship.directory.search',
  'plugin::mentorship.directory.listing',
  // the mentee directory needs a listed mentor of the program: anonymous callers get a 401
  'plugin::mentorship.directory.mentees',
  'plugin::mentorship.directory.mentee',
];
export const MEMBER_ACTIONS: string[] = [
  ...PUBLIC_ACTIONS,
  ...['me', 'createProfile', 'findProfile', 'updateProfile', 'reconfirm'].map((action) => `plugin::mentorship.member.${action}`),
  ...['create', 'findOne', 'accept', 'decline', 'withdraw', 'letGo'].map((action) => `plugin::mentorship.request.${action}`),
  ...['findOne', 'agree', 'plan', 'checkIn', 'renew', 'end'].map((action) => `plugin::mentorship.mentorship.${action}`),
];

const permissions = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Adds missing role permissions. users-permissions creates its roles on first boot, possibly after
   * this plugin's bootstrap, so it is initialised first (safe to repeat).
   */
  async grantDefaults(extra: { public?: string[]; authenticated?: string[] } = {}): Promise<number> {
    await strapi.plugin('users-permissions').service('users-permissions').initialize();
    const grants: [string, string[]][] = [
      ['public', [...PUBLIC_ACTIONS, ...(extra.public ?? [])]],
      ['authenticated', [...MEMBER_ACTIONS, ...(extra.authenticated ?? [])]],
    ];
    let added = 0;
    for (const [type, actions] of grants) {
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
      if (!role) continue;
      for (const action of actions) {
        const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
        if (exists) continue;
        await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
        added += 1;
      }
    }
    return added;
  },
});

export type PermissionsService = ReturnType<typeof permissions>;
export default permissions;
