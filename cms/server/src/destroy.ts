import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';
import { releaseProcessGuard } from './register';

/** Lets matching runs under way finish writing their result before the database closes. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'runs').whenIdle();
  releaseProcessGuard();
};

export default destroy;
