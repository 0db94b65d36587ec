import { PLUGIN_ID } from './pluginId';
import { PluginIcon } from './components/PluginIcon';

type TranslationModule = { default: Record<string, string> };

const prefixed = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: {
    addMenuLink: (link: unknown) => void;
    addSettingsLink: (section: string, link: unknown) => void;
    registerPlugin: (plugin: unknown) => void;
  }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Mentorship' },
      Component: async () => (await import('./pages/App')).App,
      permissions: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
    });
    app.addSettingsLink('global', {
      id: `${PLUGIN_ID}-portal`,
      to: `${PLUGIN_ID}-portal`,
      intlLabel: { id: `${PLUGIN_ID}.portal.title`, defaultMessage: 'Mentorship portal' },
      Component: () => import('./pages/PortalSettingsPage').then((mod) => ({ default: mod.PortalSettingsPage })),
      permissions: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as TranslationModule;
          return { data: prefixed(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
