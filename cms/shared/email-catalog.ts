/**
 * Every notification the plugin sends, with the variables its template receives. Editors own the
 * templates (subject, HTML and text bodies, in Handlebars); this catalog documents what they can use
 * and supplies the defaults a fresh install starts with.
 */
export interface TemplateVariable {
  name: string;
  description: string;
}

export interface CatalogEntry {
  key: string;
  description: string;
  variables: TemplateVariable[];
  subject: string;
  text: string;
  html: string;
}

const common: TemplateVariable[] = [
  { name: 'program.name', description: 'the program name' },
  { name: 'program.url', description: 'link to the program on the association website' },
  { name: 'recipient.name', description: 'the display name of the person receiving the e-mail' },
  { name: 'page.url', description: 'link to the member portal page this message is about (inbox, requests, mentorships or profile)' },
];

const mentee: TemplateVariable = { name: 'mentee.name', description: "the mentee's display name" };
const mentor: TemplateVariable = { name: 'mentor.name', description: "the mentor's display name" };
const requestMessage: TemplateVariable = { name: 'request.message', description: 'the message written with the request' };
const deadline: TemplateVariable = { name: 'request.deadline', description: 'the date by which the addressee should answer' };

const entry = (
  key: string,
  description: string,
  variables: TemplateVariable[],
  subject: string,
  paragraphs: string[],
): CatalogEntry => ({
  key,
  description,
  variables: [...common, ...variables],
  subject,
  text: ['Hello {{recipient.name}},', '', ...paragraphs.flatMap((paragraph) => [paragraph, '']), '{{program.name}}', '{{page.url}}'].join('\n'),
  html: [
    '<p>Hello {{recipient.name}},</p>',
    ...paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
    '<p><a href="{{page.url}}">{{program.name}}</a></p>',
  ].join('\n'),
});

/**
 * To the program's contact address: what needs staff since the previous digest. Not addressed to a
 * member, so it links to the program's staff pages rather than to the portal.
 */
function staffDigestEntry(): CatalogEntry {
  const variables: TemplateVariable[] = [
    { name: 'digest.since', description: 'when the previous digest was sent (or a day before this one), e.g. "29 November 2026, 07:45 UTC"' },
    { name: 'digest.applications', description: 'how many applications were submitted since then and wait for review (0 for none)' },
    { name: 'digest.applicants', description: 'their names, e.g. "Dr Lucas Moreau, Dr Ines Duarte and 3 more"' },
    { name: 'digest.escalations', description: 'how many requests were escalated to staff since then and are still waiting (0 for none)' },
    { name: 'digest.escalationsWaiting', description: 'how many escalated requests wait for staff in all' },
    { name: 'digest.runs', description: 'how many matching runs finished since then (0 for none)' },
    { name: 'digest.runList', description: 'each finished run with its outcome, e.g. "30 November 2026: proposals ready, 12 pairs"' },
    { name: 'digest.belowEngagement', description: 'how many pairs fell below the engagement minimum since then (0 for none)' },
    { name: 'digest.belowEngagementPairs', description: 'those pairs, mentor and mentee, e.g. "Dr Amara Okafor and Dr Lucas Moreau"' },
    { name: 'digest.belowEngagementTotal', description: 'how many pairs are below the minimum in all' },
    { name: 'digest.adminUrl', description: "link to the program's dashboard in the Strapi admin" },
  ];
  const lines = [
    '{{#if digest.applications}}New applications: {{digest.applications}} ({{digest.applicants}}).{{/if}}',
    '{{#if digest.escalations}}Escalated requests: {{digest.escalations}} new, {{digest.escalationsWaiting}} waiting in all.{{/if}}',
    '{{#if digest.runs}}Matching runs finished: {{digest.runList}}.{{/if}}',
    '{{#if digest.belowEngagement}}Pairs below the engagement minimum: {{digest.belowEngagement}} new ({{digest.belowEngagementPairs}}), {{digest.belowEngagementTotal}} in all.{{/if}}',
  ];
  return {
    key: 'staff.digest',
    description: "To the program's contact address each morning (when the program's staff digest is on): what needs staff since the previous digest. Not sent when there is nothing new.",
    variables: [...common, ...variables],
    subject: '{{program.name}}: what needs staff since {{digest.since}}',
    text: ['Since {{digest.since}} in {{program.name}}:', '', ...lines, '', 'Open the program: {{digest.adminUrl}}'].join('\n'),
    html: [
      '<p>Since {{digest.since}} in {{program.name}}:</p>',
      '<ul>',
      ...lines.map((line) => line.replace(/^\{\{#if ([^}]+)\}\}(.*)\{\{\/if\}\}$/, '{{#if $1}}<li>$2</li>{{/if}}')),
      '</ul>',
      '<p><a href="{{digest.adminUrl}}">Open {{program.name}} in the admin</a></p>',
    ].join('\n'),
  };
}

export const EMAIL_CATALOG: readonly CatalogEntry[] = [
  entry(
    'request.received',
    'To the addressee of a new request (a discovery call, a mentoring request, or a forwarded ranked choice).',
    [
      mentee,
      mentor,
      requestMessage,
      deadline,
      { name: 'request.sender', description: 'display name of whoever sent the request' },
      {
        name: 'request.senderEmail',
        description: "the e-mail address of whoever sent the request, where the program shares the requester's contact with the person asked (empty otherwise)",
      },
      { name: 'request.kind', description: 'discovery-call, mentoring or approach' },
    ],
    '{{request.sender}} would like to start a mentorship with you',
    [
      '{{request.sender}} has asked you, through {{program.name}}, to start a mentorship.{{#if request.senderEmail}} You can reach {{request.sender}} at {{request.senderEmail}}.{{/if}}',
      'Their message: "{{request.message}}"',
      '{{#if request.deadline}}Please accept or decline by {{request.deadline}}.{{/if}}',
    ],
  ),
  entry(
    'request.accepted',
    'To the sender when the addressee accepts.',
    [mentee, mentor, { name: 'mentorship.start', description: 'start date of the mentorship (empty while it waits for the partnership agreement)' }],
    'Your request was accepted',
    [
      'Good news: {{mentor.name}} and {{mentee.name}} are now paired in {{program.name}}{{#if mentorship.start}}, starting {{mentorship.start}}{{else}}. The mentorship starts on the day you have both accepted the partnership agreement{{/if}}.',
    ],
  ),
  entry(
    'discovery-call.accepted',
    'To both members when a discovery call is accepted: each is given the other\'s name and e-mail address to arrange the call. No mentorship starts yet.',
    [
      mentee,
      mentor,
      requestMessage,
      { name: 'partner.name', description: 'the other person' },
      { name: 'partner.email', description: "the other person's e-mail address" },
    ],
    'Your discovery call with {{partner.name}}',
    [
      '{{mentor.name}} has agreed to a discovery call with {{mentee.name}} in {{program.name}}: a first conversation before either of you commits.',
      'You can reach {{partner.name}} at {{partner.email}} to arrange it.',
      'If the call goes well, either of you can send the formal mentoring request from the program pages; the mentorship starts once you have both accepted the partnership agreement. If not, simply let it go: nothing else is needed.',
    ],
  ),
  entry(
    'request.declined',
    'To the sender when the addressee declines.',
    [mentee, mentor, { name: 'request.reason', description: 'the reason given, if any' }],
    'Your request was declined',
    [
      'Your request could not be accepted this time.{{#if request.reason}} The reason given: "{{request.reason}}".{{/if}}',
      'Mentors decline for many reasons (workload, a full schedule). Please look for another mentor in the directory.',
    ],
  ),
  entry(
    'request.forwarded',
    'To the mentee when a ranked request passes to the next choice.',
    [mentee, mentor, { name: 'request.choice', description: 'the position (1, 2 or 3) of the mentor it now goes to' }],
    'Your request has moved to your next choice',
    ['Your previous choice was not able to take you on, so your request is now with your choice number {{request.choice}}. We will keep you informed.'],
  ),
  entry(
    'request.passed-on',
    "To a mentor whose time to answer a ranked request ran out: the request has been passed on to the mentee's next choice (or, after the last choice, to the program office).",
    [
      mentee,
      mentor,
      deadline,
      { name: 'request.escalated', description: 'set ("yes") when no choice was left and the request went to the program office; empty otherwise' },
    ],
    'The request from {{mentee.name}} has been passed on',
    [
      'We did not hear from you by {{request.deadline}} about the mentoring request from {{mentee.name}}, so we have passed it on to {{#if request.escalated}}the program office, who will help {{mentee.name}} find a mentor{{else}}their next choice of mentor{{/if}}.',
      'There is nothing you need to do. If you would like to take on a mentee later, keep your availability up to date on your profile.',
    ],
  ),
  entry(
    'request.expired',
    'To the sender when a request lapses without an answer (and, for ranked choices, when every choice has lapsed).',
    [mentee, mentor],
    'Your request has lapsed',
    ['Your request received no answer in time. The program office will be in touch about next steps.'],
  ),
  entry(
    'request.reminder',
    'To the addressee shortly before the answer deadline.',
    [mentee, mentor, deadline],
    'Reminder: a mentorship request is waiting for your answer',
    ['A request from {{mentee.name}} is waiting for you. Please answer by {{request.deadline}}.'],
  ),
  entry(
    'match.introduction',
    'To each member of a pair proposed by staff, introducing them with each other\'s contact details.',
    [
      mentee,
      mentor,
      { name: 'partner.name', description: 'the other person in the pair' },
      { name: 'partner.email', description: "the other person's e-mail address" },
      { name: 'mentorship.start', description: 'start date' },
      { name: 'mentorship.end', description: 'end date, if the program has one' },
    ],
    'Meet your {{program.name}} partner: {{partner.name}}',
    [
      'We are delighted to introduce you to {{partner.name}}, your partner in {{program.name}}.',
      'You can reach them at {{partner.email}}. The mentorship starts on {{mentorship.start}}{{#if mentorship.end}} and runs until {{mentorship.end}}{{/if}}.',
    ],
  ),
  entry(
    'application.approved',
    'To a member whose profile application staff approved.',
    [{ name: 'profile.role', description: 'mentor or mentee' }],
    'Your {{profile.role}} application was approved',
    ['Your application to take part in {{program.name}} as a {{profile.role}} has been approved.'],
  ),
  entry(
    'application.rejected',
    'To a member whose profile application staff rejected.',
    [{ name: 'profile.role', description: 'mentor or mentee' }, { name: 'profile.reason', description: 'the reason given' }],
    'About your {{profile.role}} application',
    ['Thank you for applying to {{program.name}}. We are not able to offer you a place this time: {{profile.reason}}'],
  ),
  entry(
    'mentorship.renewal-due',
    'To both members as a mentorship nears its end, when the program allows renewal.',
    [mentee, mentor, { name: 'mentorship.end', description: 'end date' }],
    'Your mentorship ends on {{mentorship.end}}: renew?',
    ['Your mentorship between {{mentor.name}} and {{mentee.name}} ends on {{mentorship.end}}. If you both wish to continue, renew it from your mentorship page.'],
  ),
  entry(
    'mentorship.engagement-low',
    'To both members when their logged time falls below the program\'s engagement minimum.',
    [mentee, mentor, { name: 'engagement.minimum', description: 'hours per month the program asks for' }, { name: 'engagement.logged', description: 'hours logged last month' }],
    'Time for a check-in?',
    ['{{program.name}} asks pairs to meet about {{engagement.minimum}} hour(s) a month; last month {{engagement.logged}} hour(s) were logged.'],
  ),
  entry(
    'listing.reconfirm',
    'To a listed mentor whose yearly re-confirmation is due.',
    [mentor, { name: 'listing.reconfirmBy', description: 'the date by which to re-confirm' }],
    'Please confirm you are still available to mentor',
    ['Once a year we ask mentors to confirm they still wish to be listed. Please confirm by {{listing.reconfirmBy}}, or your listing will be paused.'],
  ),
  entry(
    'listing.unlisted',
    'To a mentor whose listing was paused because the yearly re-confirmation did not arrive.',
    [mentor],
    'Your mentor listing has been paused',
    ['We did not hear from you, so your listing in {{program.name}} is paused. You can re-list yourself at any time from your profile.'],
  ),
  entry(
    'escalation.opened',
    'To the mentee when every ranked choice has lapsed and staff will follow up.',
    [mentee],
    'We will help you find a mentor',
    ['None of your chosen mentors was able to take you on. A member of the program office will contact you to discuss next steps.'],
  ),
  entry(
    'escalation.assigned',
    'To the mentee when staff pair them with a mentor after every ranked choice lapsed (the mentor receives the introduction, match.introduction).',
    [
      mentee,
      mentor,
      { name: 'partner.name', description: 'the mentor' },
      { name: 'partner.email', description: "the mentor's e-mail address" },
      { name: 'mentorship.start', description: 'start date' },
    ],
    'The program office has found you a mentor',
    [
      'Following up on your request, the program office has paired you with {{mentor.name}}, starting {{mentorship.start}}.',
      'You can reach {{partner.name}} at {{partner.email}}; {{partner.name}} has your e-mail address too. It is up to the two of you to arrange your first meeting.',
    ],
  ),
  entry(
    'escalation.closed',
    'To the mentee when staff close an escalated request without a mentorship.',
    [mentee, { name: 'request.reason', description: 'why the request was closed' }],
    'About your mentoring request',
    ['The program office has closed your mentoring request: {{request.reason}}'],
  ),
  entry(
    'request.withdrawn',
    'To the addressee when the sender withdraws an open request.',
    [mentee, mentor, { name: 'request.sender', description: 'display name of whoever sent the request' }],
    '{{request.sender}} withdrew their request',
    ['{{request.sender}} has withdrawn their request in {{program.name}}. There is nothing you need to do.'],
  ),
  entry(
    'mentorship.agreement-due',
    'To both members when a new mentorship waits for both to accept the partnership agreement.',
    [mentee, mentor, { name: 'partner.name', description: 'the other person in the pair' }],
    'One step left: the {{program.name}} partnership agreement',
    ['You and {{partner.name}} have agreed to work together. Before the mentorship starts, each of you accepts the partnership agreement from your mentorship page.'],
  ),
  entry(
    'mentorship.renewed',
    'To both members when they have both agreed to renew their mentorship.',
    [mentee, mentor, { name: 'mentorship.end', description: 'the new end date, if any' }],
    'Your mentorship has been renewed',
    ['You have both chosen to continue: the mentorship between {{mentor.name}} and {{mentee.name}} now runs{{#if mentorship.end}} until {{mentorship.end}}{{else}} without an end date{{/if}}.'],
  ),
  entry(
    'mentorship.ended',
    'To both members when a mentorship ends before its end date.',
    [mentee, mentor, { name: 'partner.name', description: 'the other person in the pair' }, { name: 'mentorship.reason', description: 'the reason given' }],
    'Your mentorship with {{partner.name}} has ended',
    ['Your mentorship with {{partner.name}} in {{program.name}} has ended. The reason given: "{{mentorship.reason}}". Thank you for taking part.'],
  ),
  entry(
    'cohort.not-selected',
    "To a mentee who applied to a cohort but was not selected when staff approved the matching, because the cohort's places were filled.",
    [
      mentee,
      { name: 'cohort.places', description: 'how many mentee places the cohort has' },
      { name: 'cohort.kickoff', description: "the cohort's kick-off date, if it has one" },
    ],
    'About your application to {{program.name}}',
    [
      'Thank you for applying to {{program.name}}. We received more applications than the {{cohort.places}} places this cohort has, and we are sorry that we cannot offer you a place this time.',
      'This is no judgement of your application: places went to the pairs whose interests and backgrounds matched most closely. We would be glad to see you apply again for a future cohort.',
    ],
  ),
  staffDigestEntry(),
];

export const EMAIL_TEMPLATE_KEYS = EMAIL_CATALOG.map((catalogEntry) => catalogEntry.key);

export const catalogEntry = (key: string): CatalogEntry | undefined => EMAIL_CATALOG.find((candidate) => candidate.key === key);

/** Believable values for each documented variable, for previews and test renders of a template. */
const SAMPLE_VALUES: Record<string, string> = {
  'program.name': 'Global Virtual Mentors',
  'program.url': 'https://www.example.org/mentoring/global-virtual-mentors',
  'recipient.name': 'Dr Amara Okafor',
  'mentee.name': 'Dr Lucas Moreau',
  'mentor.name': 'Dr Amara Okafor',
  'partner.name': 'Dr Lucas Moreau',
  'partner.email': 'lucas.moreau@example.org',
  'request.sender': 'Dr Lucas Moreau',
  'request.senderEmail': 'lucas.moreau@example.org',
  'request.kind': 'mentoring',
  'request.message': 'I am preparing my first grant application and would value your advice.',
  'request.deadline': '21 December 2026',
  'request.reason': 'My practice is full until the spring.',
  'request.choice': '2',
  'profile.role': 'mentor',
  'profile.reason': 'The program is for members who finished training less than ten years ago.',
  'mentorship.start': '1 January 2027',
  'mentorship.end': '30 June 2027',
  'mentorship.reason': 'Both of you agreed to close the mentorship.',
  'listing.reconfirmBy': '30 November 2027',
  'engagement.logged': '0.5',
  'engagement.minimum': '1',
  'request.escalated': '',
  'cohort.places': '20',
  'cohort.kickoff': '1 October 2027',
  'digest.since': '29 November 2026, 07:45 UTC',
  'digest.applications': '3',
  'digest.applicants': 'Dr Lucas Moreau, Dr Ines Duarte and Dr Kwame Mensah',
  'digest.escalations': '1',
  'digest.escalationsWaiting': '2',
  'digest.runs': '1',
  'digest.runList': '30 November 2026: proposals ready, 12 pairs',
  'digest.belowEngagement': '1',
  'digest.belowEngagementPairs': 'Dr Amara Okafor and Dr Lucas Moreau',
  'digest.belowEngagementTotal': '2',
  'digest.adminUrl': 'https://cms.example.org/admin/plugins/mentorship/programs/global-virtual-mentors',
};

export const sampleValue = (name: string): string => SAMPLE_VALUES[name] ?? `(${name})`;

/** A context holding every documented variable of an entry with a sample value, nested by dots. */
export const sampleContextOf = (entry: CatalogEntry): Record<string, unknown> => {
  const context: Record<string, unknown> = {};
  for (const variable of entry.variables) {
    const segments = variable.name.split('.');
    let cursor = context;
    segments.forEach((segment, index) => {
      if (index === segments.length - 1) cursor[segment] = sampleValue(variable.name);
      else {
        const next = cursor[segment];
        cursor = (next && typeof next === 'object' ? next : (cursor[segment] = {})) as Record<string, unknown>;
      }
    });
  }
  return context;
};
