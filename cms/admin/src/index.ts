import { PLUGIN_ID } from './pluginId';
import { PluginIcon } from './components/PluginIcon';
import { TemplatePreviewPanel } from './content-manager/TemplatePreviewPanel';
import { ProgramTryPanel } from './content-manager/ProgramTryPanel';
import { KeepEditsOnFailedSave } from './content-manager/KeepEditsOnFailedSave';
import { ENUM_LABELS } from '../../shared/enum-labels';

type TranslationModule = { default: Record<string, string> };

const prefixed = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: {
    addMenuLink: (link: unknown) => void;
    addSettingsLink: (section: string, link: unknown) => void;
    registerPlugin: (plugin: unknown) => void;
    customFields: { register: (fields: unknown[]) => void };
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
    // Questions, eligibility rules, matching criteria and a profile's answers are edited as forms in the Content Manager.
    const customField = (name: string, label: string, description: string, input: () => Promise<{ default: unknown }>) => ({
      name,
      pluginId: PLUGIN_ID,
      type: 'json',
      intlLabel: { id: `${PLUGIN_ID}.customField.${name}`, defaultMessage: label },
      intlDescription: { id: `${PLUGIN_ID}.customField.${name}.description`, defaultMessage: description },
      components: { Input: input },
    });
    app.customFields.register([
      customField('questions', 'Profile questions', 'The questions of a mentor or mentee profile', () => import('./custom-fields/QuestionsInput')),
      customField('eligibility-rules', 'Eligibility rules', "Who may enroll, checked against a member's answers", () => import('./custom-fields/EligibilityRulesInput')),
      customField('matching-criteria', 'Matching criteria', 'How mentors and mentees are scored', () => import('./custom-fields/MatchingCriteriaInput')),
      customField('answers', 'Profile answers', "A member's answers, as the form of the profile's questions", () => import('./custom-fields/AnswersInput')),
    ]);
  },

  bootstrap(app: { getPlugin: (id: string) => { apis: { addEditViewSidePanel: (panels: unknown[]) => void } } }) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([TemplatePreviewPanel, ProgramTryPanel, KeepEditsOnFailedSave]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as TranslationModule;
          // The Content Manager labels an enumeration's options by the stored value as message id.
          return { data: { ...(locale === 'en' ? ENUM_LABELS : {}), ...prefixed(data) }, locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
