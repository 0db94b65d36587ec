/** Content-type identifiers of the plugin, in one place. */
export const PLUGIN_ID = 'mentorship';

export const UID = {
  program: 'plugin::mentorship.program',
  profileType: 'plugin::mentorship.profile-type',
  profile: 'plugin::mentorship.profile',
  listing: 'plugin::mentorship.directory-listing',
  faqEntry: 'plugin::mentorship.faq-entry',
  resource: 'plugin::mentorship.resource',
  programPage: 'plugin::mentorship.program-page',
  emailTemplate: 'plugin::mentorship.email-template',
  matchingRun: 'plugin::mentorship.matching-run',
  auditEntry: 'plugin::mentorship.audit-entry',
  request: 'plugin::mentorship.request',
  mentorship: 'plugin::mentorship.mentorship',
  checkIn: 'plugin::mentorship.check-in',
  outbox: 'plugin::mentorship.outbox-message',
  user: 'plugin::users-permissions.user',
} as const;

export type PluginUid = (typeof UID)[keyof typeof UID];
