import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { parse } from '../utils/parse';
import { PLUGIN_ID } from '../utils/uids';
import { contrastRatio, portalSettingsSchema, readPortalSettings, writePortalSettings } from './settings';
import { templateNames } from './views';

/** Staff read and change how the member portal presents the association (admin: Settings > Mentorship portal). */
const portalSettings = ({ strapi }: { strapi: Core.Strapi }) => {
  const describe = async () => {
    const settings = await readPortalSettings(strapi);
    const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
    return {
      data: settings,
      meta: {
        portalUrl: `${config.siteUrl.replace(/\/$/, '')}${config.portalPath}`,
        templates: templateNames(),
        contrast: { primaryOnWhite: Math.round(contrastRatio(settings.primaryColour, '#ffffff') * 100) / 100, accentOnWhite: Math.round(contrastRatio(settings.accentColour, '#ffffff') * 100) / 100 },
      },
    };
  };
  return {
    async find(ctx: Context) {
      ctx.body = await describe();
    },
    async update(ctx: Context) {
      const settings = parse(portalSettingsSchema, (ctx.request as { body?: unknown }).body, 'body');
      await writePortalSettings(strapi, settings);
      ctx.body = await describe();
    },
  };
};

export default portalSettings;
