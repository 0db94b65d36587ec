import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  // Strapi 5.54 refuses to start without it ("Missing required middlewares"); with no favicon file it only affects /favicon.ico.
  'strapi::favicon',
  'strapi::public',
];

export default config;
