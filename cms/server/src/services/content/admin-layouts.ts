import type { Core } from '@strapi/strapi';
import { UID } from '../../utils/uids';
import { EDITABLE_ONLY, WORKFLOW_TYPES } from '../../policies/content-manager-guard';

/**
 * How the plugin's types read in the Content Manager: the field shown for a relation (mainField),
 * the list columns, and labels and help for each field. Applied once per LAYOUT_VERSION, so an
 * editor's own later arrangement is kept.
 */
const LAYOUT_VERSION = 4;

const COMMON_LABELS: Record<string, string> = { createdAt: 'Created', updatedAt: 'Updated' };

interface LayoutDefinition {
  mainField: string;
  list: string[];
  labels: Record<string, string>;
  help?: Record<string, string>;
  defaultSortBy?: string;
  /** fields only the plugin's services change (their rules live there); shown but not editable */
  readOnly?: string[];
}

/**
 * Fields the Content Manager shows but does not let anyone change: every field of a workflow record,
 * and on profiles and listings all but the few editors may change (the guard refuses the rest).
 */
const readOnlyOf = (uid: string, attributes: string[], layout: LayoutDefinition): string[] => {
  if (WORKFLOW_TYPES.includes(uid)) return attributes;
  const editable = EDITABLE_ONLY[uid];
  if (editable) return attributes.filter((attribute) => !editable.includes(attribute));
  return layout.readOnly ?? [];
};

const LAYOUTS: Record<string, LayoutDefinition> = {
  [UID.program]: {
    mainField: 'name',
    list: ['name', 'style', 'programStatus', 'relationshipMonths', 'updatedAt'],
    defaultSortBy: 'name',
    labels: {
      name: 'Name',
      slug: 'Web address (slug)',
      style: 'Program style',
      description: 'Description shown to members',
      programStatus: 'Status',
      alwaysOpen: 'Enrollment always open',
      enrollmentOpensAt: 'Enrollment opens',
      enrollmentClosesAt: 'Enrollment closes',
      matchAnnouncedBy: 'Pairs announced by',
      mentorSeats: 'Mentor places',
      menteeSeats: 'Mentee places',
      relationshipMonths: 'Relationship length (months)',
      renewalAllowed: 'Renewal allowed',
      engagementHoursPerMonth: 'Engagement minimum (hours a month)',
      requestResponseDays: 'Days to answer a request',
      rankedChoices: 'Ranked mentor choices',
      agreementRequired: 'Partnership agreement required',
      agreement: 'Partnership agreement',
      mentorApprovalRequired: 'Mentors need approval',
      menteeApprovalRequired: 'Mentees need approval',
      mentorMayApproach: 'Mentors may approach mentees',
      shareRequesterContact: "Share the requester's contact with the person asked",
      maxOpenRequests: 'Open requests per member',
      eligibilityRules: 'Eligibility rules',
      matchingCriteria: 'Matching criteria',
      minimumMatchScore: 'Minimum match score (0 to 1)',
      defaultMentorCapacity: 'Mentees per mentor (default)',
      directoryVisibility: 'Directory visible to',
      staffNotes: 'Staff notes (never shown to members)',
      contactEmail: 'Contact e-mail for members',
      profileTypes: 'Profile types (the questions each role answers)',
    },
    help: {
      relationshipMonths: 'Leave empty for no time limit.',
      eligibilityRules: 'Each rule reads one question of the mentor or mentee profile; a member who does not meet it sees its message and cannot enroll.',
      matchingCriteria: 'How staff matching runs and the directory score a mentor for a mentee; the weights are shares of the score.',
      programStatus: 'Draft: only staff see it. Open: members may enroll. Closed: no new enrollments. Archived: hidden.',
      minimumMatchScore: 'Pairs scoring below this share of the best possible score are never proposed.',
      shareRequesterContact: 'On: the e-mail about a new request (and the request in the member area) gives the name and e-mail address of the person asking. Off: their name only; addresses are exchanged when a mentorship starts.',
    },
  },
  [UID.profileType]: {
    mainField: 'name',
    list: ['name', 'program', 'role', 'updatedAt'],
    labels: { name: 'Name', program: 'Program', role: 'Role', introduction: 'Introduction shown above the form', fields: 'Questions' },
    help: {
      fields: 'Members answer these in this order. Public answers appear on the directory listing; answers used for matching feed the matching criteria.',
    },
  },
  [UID.profile]: {
    mainField: 'displayName',
    list: ['displayName', 'program', 'role', 'profileStatus', 'availability', 'updatedAt'],
    labels: {
      user: 'Member',
      program: 'Program',
      role: 'Role',
      displayName: 'Name shown',
      answers: 'Answers',
      profileStatus: 'Status',
      rejectionReason: 'Reason for rejection (sent to the member)',
      availability: 'Availability',
      awayUntil: 'Away until',
      capacity: 'Mentees at a time',
      bio: 'About me',
      careerPath: 'Career path',
      submittedAt: 'Submitted',
      reviewedAt: 'Reviewed',
      reconfirmedAt: 'Last re-confirmed',
      listing: 'Directory listing',
    },
    help: { profileStatus: 'Approve or reject applications on the Mentorship pages; members pause and withdraw their own profiles.' },
  },
  [UID.listing]: {
    mainField: 'displayName',
    list: ['displayName', 'program', 'availability', 'listed', 'hidden', 'featured', 'reconfirmBy'],
    labels: {
      profile: 'Mentor profile',
      program: 'Program',
      displayName: 'Mentor',
      careerPath: 'Career path',
      bio: 'About me',
      publicAnswers: 'Public answers',
      searchText: 'Search text',
      availability: 'Availability',
      awayUntil: 'Away until',
      capacity: 'Mentees at a time',
      activeMentorships: 'Active mentorships',
      listed: 'Listed',
      hidden: 'Hidden by an editor',
      featured: 'Featured',
      listedAt: 'Listed since',
      reconfirmBy: 'Re-confirm by',
    },
    help: { hidden: 'Hidden listings stay out of the directory whatever the profile says.', featured: 'Featured listings come first in the directory.' },
  },
  [UID.faqEntry]: {
    mainField: 'question',
    list: ['question', 'program', 'audience', 'order'],
    defaultSortBy: 'order',
    labels: { question: 'Question', answer: 'Answer', audience: 'Shown to', program: 'Program (empty: every program)', order: 'Position in the list' },
  },
  [UID.resource]: {
    mainField: 'title',
    list: ['title', 'kind', 'program', 'audience'],
    labels: { title: 'Title', summary: 'Summary', kind: 'Kind', url: 'Link (or upload a file)', file: 'File', audience: 'Shown to', program: 'Program (empty: every program)', order: 'Position in the list' },
  },
  [UID.programPage]: {
    mainField: 'title',
    list: ['title', 'slug', 'program', 'audience'],
    labels: { title: 'Title', slug: 'Web address (slug)', body: 'Body', audience: 'Shown to', program: 'Program', order: 'Position in the menu' },
  },
  [UID.emailTemplate]: {
    mainField: 'key',
    list: ['key', 'program', 'subject', 'updatedAt'],
    defaultSortBy: 'key',
    labels: { key: 'Notification', subject: 'Subject', html: 'HTML body', text: 'Plain-text body', program: 'Only for program (empty: all programs)', variables: 'Variables this notification receives' },
    help: {
      html: 'Handlebars: {{variable}} is HTML-escaped. The preview beside the form shows it with sample values as you type.',
      text: 'Handlebars, sent as the plain-text alternative.',
      variables: 'Filled in from the notification key; the preview lists them too.',
    },
    readOnly: ['variables'],
  },
  [UID.request]: {
    mainField: 'kind',
    list: ['kind', 'program', 'sender', 'addressee', 'requestStatus', 'deadline', 'updatedAt'],
    defaultSortBy: 'updatedAt',
    labels: {
      kind: 'Kind',
      program: 'Program',
      message: 'Message',
      deadline: 'Answer by',
      reason: 'Reason given',
      mentorship: 'Mentorship it became',
      sender: 'From',
      addressee: 'Now with',
      requestStatus: 'Status',
      currentChoice: 'Current choice (0 = first)',
      choices: 'Ranked choices (mentor profiles)',
      remindedAt: 'Reminder sent',
      history: 'History',
      escalatedAt: 'Escalated',
      escalationNote: 'Staff note on the escalation',
      escalationHandledAt: 'Escalation handled',
      escalationHandledBy: 'Handled by',
    },
    readOnly: ['program', 'sender', 'addressee', 'kind', 'message', 'choices', 'currentChoice', 'requestStatus', 'deadline', 'remindedAt', 'history', 'mentorship', 'escalatedAt'],
  },
  [UID.mentorship]: {
    mainField: 'startDate',
    list: ['program', 'mentor', 'mentee', 'mentorshipStatus', 'startDate', 'endDate'],
    defaultSortBy: 'startDate',
    labels: {
      program: 'Program',
      mentor: 'Mentor',
      mentee: 'Mentee',
      mentorshipStatus: 'Status',
      renewalMentorAgreedAt: 'Mentor agreed to renew',
      renewalMenteeAgreedAt: 'Mentee agreed to renew',
      endedAt: 'Ended',
      endedBy: 'Ended by',
      checkIns: 'Check-ins',
      startDate: 'Starts',
      endDate: 'Ends (empty: no end)',
      mentorAgreedAt: 'Mentor accepted the agreement',
      menteeAgreedAt: 'Mentee accepted the agreement',
      plan: 'Mentoring plan',
      renewals: 'Renewals',
      endedReason: 'Reason for ending',
      source: 'Made by',
      sourceRef: 'Request or matching run',
      initiatedBy: 'Created by',
    },
    readOnly: ['program', 'mentor', 'mentee', 'mentorshipStatus', 'mentorAgreedAt', 'menteeAgreedAt', 'renewals', 'renewalMentorAgreedAt', 'renewalMenteeAgreedAt', 'endedAt', 'endedBy', 'source', 'sourceRef', 'initiatedBy', 'checkIns'],
  },
};

interface Metadata {
  edit?: Record<string, unknown>;
  list?: Record<string, unknown>;
}

const adminLayouts = ({ strapi }: { strapi: Core.Strapi }) => ({
  async apply(): Promise<boolean> {
    const store = strapi.store({ type: 'plugin', name: 'mentorship', key: 'content-manager-layout' });
    if (((await store.get()) as number | null) === LAYOUT_VERSION) return false;
    const contentTypes = strapi.plugin('content-manager').service('content-types');
    for (const [uid, layout] of Object.entries(LAYOUTS)) {
      const contentType = contentTypes.findContentType(uid);
      if (!contentType) continue;
      const current = await contentTypes.findConfiguration(contentType);
      const metadatas: Record<string, Metadata> = { ...current.metadatas };
      for (const [attribute, label] of Object.entries({ ...COMMON_LABELS, ...layout.labels })) {
        const existing = metadatas[attribute] ?? {};
        metadatas[attribute] = {
          ...existing,
          edit: { ...existing.edit, label, ...(layout.help?.[attribute] ? { description: layout.help[attribute] } : {}) },
          list: { ...existing.list, label },
        };
      }
      for (const attribute of readOnlyOf(uid, Object.keys(contentType.attributes ?? {}), layout)) {
        const existing = metadatas[attribute] ?? {};
        metadatas[attribute] = { ...existing, edit: { ...existing.edit, editable: false } };
      }
      await contentTypes.updateConfiguration(contentType, {
        settings: { ...current.settings, mainField: layout.mainField, ...(layout.defaultSortBy ? { defaultSortBy: layout.defaultSortBy, defaultSortOrder: 'ASC' } : {}) },
        metadatas,
        layouts: { ...current.layouts, list: layout.list },
      });
    }
    await store.set({ value: LAYOUT_VERSION });
    return true;
  },
});

export type AdminLayoutsService = ReturnType<typeof adminLayouts>;
export default adminLayouts;
