import { STYLE_DEFAULTS } from './program-styles';
import { PROGRAM_STYLES } from './vocabulary';

/**
 * Plain words for every stored enumeration value of the plugin's content types, as editors read
 * them. The Content Manager shows an enumeration's options through react-intl with the stored value
 * as the message id (its select and its list filters), so the admin registers these under the bare
 * values: the dropdowns read "Open directory with discovery call" and "Pending review" while the
 * stored values stay as they are. One value has one label wherever it appears.
 */
export const ENUM_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(PROGRAM_STYLES.map((style) => [style, STYLE_DEFAULTS[style].label])),
  // program status
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
  archived: 'Archived',
  // directory visibility
  public: 'Everyone (public)',
  members: 'Signed-in members only',
  // roles and audiences
  mentor: 'Mentor',
  mentee: 'Mentee',
  both: 'Mentors and mentees',
  // profile status
  submitted: 'Submitted, awaiting review',
  approved: 'Approved',
  listed: 'Listed in the directory',
  paused: 'Paused',
  withdrawn: 'Withdrawn',
  rejected: 'Rejected',
  // availability
  available: 'Available',
  full: 'Full (no new mentees)',
  away: 'Away',
  // requests
  'discovery-call': 'Discovery call',
  mentoring: 'Mentoring request',
  approach: "Mentor's approach",
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired (no answer in time)',
  escalated: 'Escalated to staff',
  // mentorships
  'pending-agreement': 'Waiting for the agreement',
  active: 'Active',
  ended: 'Ended early',
  completed: 'Completed',
  request: 'A request',
  'matching-run': 'A matching run',
  staff: 'Staff',
  // matching runs
  running: 'Running',
  succeeded: 'Proposals ready',
  failed: 'Failed',
  // outbox
  pending: 'Waiting to be sent',
  sent: 'Sent',
  // resources
  document: 'Document',
  link: 'Link',
  video: 'Video',
  template: 'Template',
};
