/**
 * The portal page each e-mail speaks of, by catalog key. E-mails link there (through SITE_URL and
 * the portal's path), so a member lands where they can act.
 */
const PAGE_OF_KEY: Record<string, string> = {
  'request.received': '/inbox',
  'request.reminder': '/inbox',
  'request.withdrawn': '/inbox',
  'request.accepted': '/mentorships',
  'request.declined': '/requests',
  'request.forwarded': '/requests',
  'request.expired': '/requests',
  'request.passed-on': '/inbox',
  'cohort.not-selected': '/profile',
  'escalation.opened': '/requests',
  'escalation.closed': '/requests',
  'escalation.assigned': '/mentorships',
  'match.introduction': '/mentorships',
  'mentorship.agreement-due': '/mentorships',
  'mentorship.renewal-due': '/mentorships',
  'mentorship.engagement-low': '/mentorships',
  'mentorship.renewed': '/mentorships',
  'mentorship.ended': '/mentorships',
  'application.approved': '/profile',
  'application.rejected': '/profile',
  'listing.reconfirm': '/profile',
  'listing.unlisted': '/profile',
};

const join = (siteUrl: string, portalPath: string, page: string) => `${siteUrl.replace(/\/$/, '')}${portalPath}${page}`;

export const portalProgramUrl = (siteUrl: string, portalPath: string, slug: string) => join(siteUrl, portalPath, `/programs/${slug}`);

/** The portal page for an e-mail of this key (the portal's home for a key it does not know). */
export const portalPageUrl = (siteUrl: string, portalPath: string, key: string) => join(siteUrl, portalPath, PAGE_OF_KEY[key] ?? '');
