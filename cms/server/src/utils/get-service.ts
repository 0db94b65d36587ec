import type { Core } from '@strapi/strapi';
import type { Services } from '../services';
import { PLUGIN_ID } from './uids';

/** Typed access to this plugin's services. */
export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[K];
