import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';
import { releaseProcessGuard } from './register';

interface ClosableProvider {
  close?: () => void;
}

/**
 * Lets matching runs under way finish writing their result and the outbox worker finish its
 * attempts before the database closes, then closes the pooled SMTP connections the worker used.
 */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'runs').whenIdle();
  await getService(strapi, 'notifications').whenIdle();
  const provider = (strapi.plugin('email') as { provider?: ClosableProvider } | undefined)?.provider;
  provider?.close?.();
  releaseProcessGuard();
};

export default destroy;
