import { ACTIONS, adminPolicies } from '../utils/actions';

export default {
  type: 'admin' as const,
  routes: [{ method: 'GET', path: '/programs', handler: 'admin-program.overview', config: { policies: adminPolicies(ACTIONS.read) } }],
};
