import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './utils/actions';
import { getService } from './utils/get-service';
import { CRON_JOBS } from './services/platform/jobs';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTION_DEFINITIONS);
  await getService(strapi, 'permissions').grantDefaults();
  await getService(strapi, 'email-templates').ensureDefaults();
  await getService(strapi, 'notifications').ensureIndexes();
  await getService(strapi, 'runs').failInterrupted();
  await getService(strapi, 'admin-layouts').apply();

  // Tests drive the jobs themselves with the plugin clock; elsewhere they run on a schedule.
  if (process.env.NODE_ENV !== 'test') {
    strapi.cron.add(
      Object.fromEntries(
        Object.entries(CRON_JOBS).map(([name, job]) => [
          name,
          {
            // Recorded (and a failure logged) so that staff see each job's last run.
            task: () => getService(strapi, 'job-runs').run(name, 'schedule'),
            options: { rule: job.rule },
          },
        ]),
      ),
    );
  }
};

export default bootstrap;
