import type { Core } from '@strapi/strapi';
import { UID } from '../../utils/uids';

/**
 * How the plugin's types read in the Content Manager: the field shown for a relation (mainField),
 * the list columns, and labels and help for each field. Applied once per LAYOUT_VERSION, so an
 * editor's own later arrangement is kept.
 */
const LAYOUT_VERSION = 2;

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

const LAYOUTS: Record<string, LayoutDefinition> = {
  [UID.program]: {
    mainField: 'name',
    list: ['name', 'style', 'programStatus', 'relationshipMonths', 'updatedAt'],
    defaultSortBy: 'name',
    labels: {
      name: 'Name',
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
      maxOpenRequests: 'Open requests per member',
      eligibilityRules: 'Eligibility rules',
      matchingCriteria: 'Matching criteria',
      minimumMatchScore: 'Minimum match score (0 to 1)',
      defaultMentorCapacity: 'Mentees per mentor (default)',
      directoryVisibility: 'Directory visible to',
      staffNotes: 'Staff notes (never shown to members)',
    },
    help: {
      relationshipMonths: 'Leave empty for no time limit.',
      eligibilityRules:
        'A list of { "field", "operator", "value", "message", "role" }. Operators: equals, not-equals, in, not-in, includes, excludes, at-least, at-most, years-since-less-than, years-since-at-least, present. Role is mentee unless given.',
      matchingCriteria:
        'A list of { "name", "kind", "menteeAttribute", "mentorAttribute", "weight", "required", "params" }. Kinds: same, different, overlap, at-least, range, closeness, language, ranked-choice, exclude-same.',
    },
  },
  [UID.profileType]: {
    mainField: 'name',
    list: ['name', 'program', 'role', 'updatedAt'],
    labels: { name: 'Name', program: 'Program', role: 'Role', introduction: 'Introduction shown above the form', fields: 'Questions' },
    help: {
      fields:
        'An ordered list of { "key", "label", "help", "kind", "options", "required", "public", "searchable", "matching" }. Kinds: text, long-text, single-choice, multiple-choice, number, year, country, region, languages. Options: [{ "value", "label" }].',
    },
  },
  [UID.profile]: {
    mainField: 'displayName',
    list: ['displayName', 'program', 'role', 'profileStatus', 'availability', 'updatedAt'],
    labels: { displayName: 'Name shown', profileStatus: 'Status', rejectionReason: 'Reason for rejection (sent to the member)', awayUntil: 'Away until', careerPath: 'Career path', reconfirmedAt: 'Last re-confirmed' },
  },
  [UID.listing]: {
    mainField: 'displayName',
    list: ['displayName', 'program', 'availability', 'listed', 'hidden', 'featured', 'reconfirmBy'],
    labels: { displayName: 'Mentor', publicAnswers: 'Public answers', listed: 'Listed', hidden: 'Hidden by an editor', featured: 'Featured', reconfirmBy: 'Re-confirm by', activeMentorships: 'Active mentorships' },
  },
  [UID.faqEntry]: { mainField: 'question', list: ['question', 'program', 'audience', 'order'], defaultSortBy: 'order', labels: { question: 'Question', answer: 'Answer', audience: 'Audience', order: 'Order' } },
  [UID.resource]: { mainField: 'title', list: ['title', 'kind', 'program', 'audience'], labels: { title: 'Title', summary: 'Summary', kind: 'Kind', url: 'Link (or upload a file)' } },
  [UID.programPage]: { mainField: 'title', list: ['title', 'slug', 'program', 'audience'], labels: { title: 'Title', body: 'Body' } },
  [UID.emailTemplate]: {
    mainField: 'key',
    list: ['key', 'program', 'subject', 'updatedAt'],
    defaultSortBy: 'key',
    labels: { key: 'Notification', subject: 'Subject', html: 'HTML body', text: 'Plain-text body', program: 'Only for program (empty: all programs)', variables: 'Variables this notification receives' },
    help: { html: 'Handlebars: {{variable}} is HTML-escaped; the variables are listed below.', text: 'Handlebars, sent as the plain-text alternative.' },
  },
  [UID.request]: {
    mainField: 'kind',
    list: ['kind', 'program', 'sender', 'addressee', 'requestStatus', 'deadline', 'updatedAt'],
    defaultSortBy: 'updatedAt',
    labels: {
      kind: 'Kind',
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
      mentor: 'Mentor',
      mentee: 'Mentee',
      mentorshipStatus: 'Status',
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
      for (const attribute of layout.readOnly ?? []) {
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
