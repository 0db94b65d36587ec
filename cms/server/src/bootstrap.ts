import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './utils/actions';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTION_DEFINITIONS);
  await getService(strapi, 'permissions').grantDefaults();
  await getService(strapi, 'email-templates').ensureDefaults();
  await getService(strapi, 'notifications').ensureIndexes();
  await getService(strapi, 'runs').failInterrupted();
  await getService(strapi, 'admin-layouts').apply();
};

export default bootstrap;
