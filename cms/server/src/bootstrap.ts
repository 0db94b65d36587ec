import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './utils/actions';
import { getService } from './utils/get-service';
import { CRON_JOBS } from './services/platform/jobs';
import type { PluginConfig } from './config';
import { registerMemberPortal } from './portal';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTION_DEFINITIONS);
  await getService(strapi, 'permissions').grantDefaults();
  await getService(strapi, 'membership').applySettings();
  await registerMemberPortal(strapi);
  await getService(strapi, 'email-templates').ensureDefaults();
  await getService(strapi, 'notifications').ensureIndexes();
  // The directory's search index: kept by every write to listings, rebuilt when it does not cover them all.
  getService(strapi, 'directory-index').subscribe();
  await getService(strapi, 'directory-index').ensure();
  // Runs whose instance stopped (this one, before a restart, or another one) are taken over.
  await getService(strapi, 'run-leases').sweep();
  await getService(strapi, 'admin-layouts').apply();

  // Tests drive the jobs themselves with the plugin clock; elsewhere they run on a schedule.
  if (process.env.NODE_ENV !== 'test') {
    const rules = strapi.config.get<PluginConfig>('plugin::mentorship').jobRules ?? {};
    for (const name of Object.keys(rules)) {
      if (!(name in CRON_JOBS)) throw new Error(`Invalid mentorship plugin config at jobRules.${name}: no such job (${Object.keys(CRON_JOBS).join(', ')})`);
    }
    strapi.cron.add(
      Object.fromEntries(
        Object.entries(CRON_JOBS).map(([name, job]) => [
          name,
          {
            // Recorded (and a failure logged) so that staff see each job's last run.
            task: () => getService(strapi, 'job-runs').run(name, 'schedule'),
            options: { rule: rules[name] ?? job.rule },
          },
        ]),
      ),
    );
  }
};

export default bootstrap;
