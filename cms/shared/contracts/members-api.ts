import { z } from 'zod';
import { profileFieldSchema } from '../profile-fields';
import { AUDIENCES, AVAILABILITIES, PROFILE_STATUSES, PROGRAM_STATUSES, PROGRAM_STYLES, RESOURCE_KINDS, ROLES } from '../vocabulary';
import type { ProgramDetail, ProgramSummary } from './programs';
import type {
  AcceptedRequestView,
  CreateProfileBody,
  CreateRequestBody,
  DirectoryResponse,
  ListingView,
  MeResponse,
  MentorshipView,
  OwnProfileView,
  RequestView,
  UpdateProfileBody,
} from './members';
import { component, described } from './api-registry';

/**
 * The members' API as zod schemas: the controllers validate requests with these, and the OpenAPI
 * document is generated from them (responses are described here too and checked against the
 * response types in `members.ts` at compile time, so neither can drift).
 */

/* ---------- shared pieces ---------- */

export const documentIdParam = described(z.string().regex(/^[a-zA-Z0-9]{1,64}$/, 'must be a documentId'), 'A documentId, as returned by the API.');
export const slugParam = described(
  z.string().regex(/^[a-z0-9-]{1,120}$/, 'must be a program slug (lower-case letters, digits, dashes)'),
  "The program's slug, e.g. pharmacy-mentor-exchange.",
);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a calendar date');

const answerValue = z.union([z.string().max(5000), z.number(), z.array(z.string().max(200)).max(200), z.null()]);
export const answersSchema = component(
  'Answers',
  z.record(z.string().max(60), answerValue),
  "Answers to the program's profile questions, by field key (see the program's profileTypes).",
);
const text = (max: number) => z.string().trim().max(max);
const emptyBody = z.object({}).strict();
const role = z.enum(ROLES);

/* ---------- requests: what members send ---------- */

export const localeQuery = component('LocaleQuery', z.object({ locale: described(z.string().regex(/^[a-zA-Z-]{2,20}$/), 'A locale the site has, e.g. fr.').optional() }).strict());

export const eligibilityBody = component(
  'EligibilityCheck',
  z
    .object({
      role,
      answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()])),
    })
    .strict(),
);

export const createProfileBody = component(
  'CreateProfile',
  z
    .object({
      role,
      displayName: text(120).min(1),
      answers: answersSchema,
      bio: text(2000).nullable().optional(),
      careerPath: text(300).nullable().optional(),
      capacity: z.number().int().min(1).max(50).optional(),
      draft: described(z.boolean(), 'Keep as a draft: incomplete answers allowed, nothing checked or submitted.').optional(),
    })
    .strict() satisfies z.ZodType<CreateProfileBody>,
);

export const updateProfileBody = component(
  'UpdateProfile',
  z
    .object({
      displayName: text(120).min(1).optional(),
      answers: answersSchema.optional(),
      bio: text(2000).nullable().optional(),
      careerPath: text(300).nullable().optional(),
      capacity: z.number().int().min(0).max(50).optional(),
      availability: z.enum(AVAILABILITIES).optional(),
      awayUntil: isoDate.nullable().optional(),
      action: described(z.enum(['submit', 'pause', 'relist', 'withdraw']), 'Submit a draft, pause or re-list a listing, or withdraw.').optional(),
    })
    .strict() satisfies z.ZodType<UpdateProfileBody>,
);

const profileRef = z.string().regex(/^[a-zA-Z0-9]{1,64}$/, 'must be a profile documentId');
export const createRequestBody = component(
  'CreateRequest',
  z
    .object({
      to: described(profileRef, "The addressee's profile documentId (a mentor, or a mentee when a mentor approaches).").optional(),
      choices: described(z.array(profileRef).min(1).max(10), 'Ranked requests: mentor profile documentIds, first choice first.').optional(),
      message: z.string().trim().min(1, 'write a message').max(4000),
      kind: z.enum(['discovery-call', 'mentoring', 'approach']).optional(),
    })
    .strict() satisfies z.ZodType<CreateRequestBody>,
);

export const reasonBody = component('ReasonBody', z.object({ reason: z.string().trim().max(2000).optional() }).strict());
export const noBody = component('EmptyBody', emptyBody);

export const planBody = component(
  'MentorshipPlanInput',
  z
    .object({
      objectives: z
        .array(z.object({ title: z.string().trim().min(1).max(300), targetDate: isoDate.nullable().default(null), done: z.boolean().default(false) }).strict())
        .max(50),
      timeline: z.array(z.object({ date: isoDate, label: z.string().trim().min(1).max(300) }).strict()).max(100).default([]),
    })
    .strict(),
);
export const checkInBody = component(
  'CheckInInput',
  z.object({ date: isoDate, minutes: z.number().int().min(1).max(1440), note: z.string().trim().max(4000).optional() }).strict(),
);
export const endBody = component('EndMentorship', z.object({ reason: z.string().trim().min(1, 'say why the mentorship ends').max(2000) }).strict());

export const directoryQuery = component(
  'DirectoryQuery',
  z
    .object({
      q: described(z.string().trim().max(200), 'Words to look for in names, career paths, bios and public answers.').optional(),
      filters: described(
        z.record(z.string().max(60), z.union([z.string().max(500), z.array(z.string().max(200)).max(50)])),
        'Public, searchable fields of the mentor profile: filters[field]=value (repeat for several values).',
      ).optional(),
      availability: z.enum(['available', 'any']).optional(),
      sort: described(z.enum(['relevance', 'match', 'name']), 'match: ranked by the matcher against your own mentee profile.').optional(),
      page: z.coerce.number().int().min(1).max(10000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    })
    .strict(),
);

/* ---------- responses: what members receive ---------- */

const nullableString = z.string().nullable();
const programRef = z.object({ documentId: z.string(), slug: z.string(), name: z.string() });

export const programSummarySchema = component(
  'ProgramSummary',
  z.object({
    documentId: z.string(),
    name: z.string(),
    slug: z.string(),
    style: z.enum(PROGRAM_STYLES),
    status: z.enum(PROGRAM_STATUSES),
    description: nullableString,
    enrollment: z.object({ alwaysOpen: z.boolean(), opensAt: nullableString, closesAt: nullableString, openNow: z.boolean() }),
    seats: z.object({ mentor: z.number().nullable(), mentee: z.number().nullable() }),
    relationshipMonths: z.number().nullable(),
    term: described(
      z.object({ pairsAnnouncedBy: nullableString, kickoff: nullableString, end: nullableString }),
      "A cohort's dates (YYYY-MM-DD): when pairs are announced, the kick-off and the term's end. Every mentorship of the cohort runs from the kick-off (or from the day staff approve the matching, if later) to the term's end.",
    ),
    renewalAllowed: z.boolean(),
    engagementHoursPerMonth: z.number().nullable(),
    requestResponseDays: z.number().nullable(),
    rankedChoices: z.number(),
    agreementRequired: z.boolean(),
    approvalRequired: z.object({ mentor: z.boolean(), mentee: z.boolean() }),
    mentorMayApproach: z.boolean(),
    shareRequesterContact: described(z.boolean(), 'The person asked sees the name and e-mail address of whoever sends a request, in the e-mail and in the request.'),
    directoryVisibility: z.enum(['public', 'members']),
    contactEmail: nullableString,
  }) satisfies z.ZodType<ProgramSummary>,
);

export const programDetailSchema = component(
  'ProgramDetail',
  programSummarySchema.extend({
    agreement: nullableString,
    eligibility: z.array(z.object({ field: z.string(), role, message: z.string() })),
    profileTypes: z.array(z.object({ role, name: z.string(), introduction: nullableString, fields: z.array(profileFieldSchema) })),
    guide: z.object({
      locale: z.string(),
      faq: z.array(z.object({ documentId: z.string(), question: z.string(), answer: z.string(), audience: z.enum(AUDIENCES), order: z.number(), global: z.boolean() })),
      resources: z.array(
        z.object({ documentId: z.string(), title: z.string(), summary: nullableString, kind: z.enum(RESOURCE_KINDS), url: nullableString, audience: z.enum(AUDIENCES) }),
      ),
      pages: z.array(z.object({ documentId: z.string(), title: z.string(), slug: z.string(), body: nullableString, audience: z.enum(AUDIENCES) })),
    }),
  }) satisfies z.ZodType<ProgramDetail>,
);

export const eligibilityResultSchema = component(
  'EligibilityResult',
  z.object({
    eligible: z.boolean(),
    outcomes: z.array(z.object({ field: z.string(), operator: z.string(), passed: z.boolean(), message: z.string() }).loose()),
  }),
);

export const ownProfileSchema = component(
  'OwnProfile',
  z.object({
    documentId: z.string(),
    program: programRef,
    role,
    displayName: z.string(),
    answers: answersSchema,
    status: z.enum(PROFILE_STATUSES),
    rejectionReason: nullableString,
    availability: z.enum(AVAILABILITIES),
    awayUntil: nullableString,
    capacity: z.number().nullable(),
    bio: nullableString,
    careerPath: nullableString,
    submittedAt: nullableString,
    reconfirmedAt: nullableString,
    reconfirmBy: described(nullableString, 'Mentors: when the yearly re-confirmation is due.'),
  }) satisfies z.ZodType<OwnProfileView>,
  "A member's own profile: everything, private answers included.",
);

export const publicProfileSchema = component(
  'PublicProfile',
  z.object({
    documentId: z.string(),
    program: programRef,
    role,
    displayName: z.string(),
    careerPath: nullableString,
    bio: nullableString,
    answers: answersSchema,
    availability: z.enum(AVAILABILITIES).nullable(),
  }),
  "Another member's profile: public answers only, never contact details.",
);

export const listingSchema = component(
  'Listing',
  z.object({
    documentId: z.string(),
    profileDocumentId: z.string(),
    displayName: z.string(),
    careerPath: nullableString,
    bio: nullableString,
    answers: answersSchema,
    labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    availability: z.enum(AVAILABILITIES),
    awayUntil: nullableString,
    placesLeft: z.number().int(),
    featured: z.boolean(),
    relevance: z.number().optional(),
    match: z
      .object({ score: z.number(), eligible: z.boolean(), reasons: z.array(z.object({ criterion: z.string(), contribution: z.number() })) })
      .nullable()
      .optional(),
  }) satisfies z.ZodType<ListingView>,
  'A mentor in the directory: public fields only.',
);

export const directoryResponseSchema = component(
  'DirectoryResponse',
  z.object({
    data: z.array(listingSchema),
    meta: z.object({
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      pageCount: z.number().int(),
      sort: z.enum(['relevance', 'match', 'name']),
      matcher: z.enum(['ok', 'unavailable', 'not-used']),
      facets: z.record(z.string(), z.object({ label: z.string(), values: z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() })) })),
    }),
  }) satisfies z.ZodType<DirectoryResponse>,
);

const profileRefView = z.object({ documentId: z.string(), displayName: z.string(), role });

export const requestSchema = component(
  'Request',
  z.object({
    documentId: z.string(),
    program: z.object({ documentId: z.string(), slug: z.string() }),
    kind: z.enum(['discovery-call', 'mentoring', 'approach']),
    status: z.enum(['open', 'accepted', 'declined', 'withdrawn', 'expired', 'escalated', 'closed']),
    message: nullableString,
    sender: profileRefView,
    addressee: profileRefView.nullable(),
    choices: described(z.array(profileRefView).nullable(), 'Ranked requests: the mentors in order (shown to the sender only).'),
    currentChoice: z.number().int().nullable(),
    deadline: nullableString,
    reason: nullableString,
    history: z
      .array(z.object({ at: z.string(), event: z.string(), choice: z.number().optional(), profile: z.string().optional(), note: z.string().optional() }))
      .nullable(),
    mentorshipDocumentId: nullableString,
    createdAt: z.string(),
    contact: described(
      z.object({ name: z.string(), email: nullableString }).nullable(),
      "The other person's name and e-mail address where they are shared with you: both ways once a discovery call is accepted (until it is let go), and the sender's with the person asked where the program shares the requester's contact (`shareRequesterContact`). Null otherwise.",
    ),
  }) satisfies z.ZodType<RequestView>,
);

const partner = profileRefView.extend({ email: described(nullableString, 'Contact details: only ever shown to the other member of the mentorship.') });

export const mentorshipSchema = component(
  'Mentorship',
  z.object({
    documentId: z.string(),
    program: programRef,
    status: z.enum(['pending-agreement', 'active', 'ended', 'completed']),
    myRole: role,
    mentor: partner,
    mentee: partner,
    startDate: described(nullableString, 'Null while the mentorship waits for the partnership agreement: its term (and the mentor’s place) starts on the day both have accepted it.'),
    endDate: nullableString,
    agreement: z.object({ required: z.boolean(), text: nullableString, mentorAgreedAt: nullableString, menteeAgreedAt: nullableString }),
    plan: z.object({
      objectives: z.array(z.object({ title: z.string(), targetDate: nullableString, done: z.boolean() })),
      timeline: z.array(z.object({ date: z.string(), label: z.string() })),
    }),
    checkIns: z.array(z.object({ documentId: z.string(), date: z.string(), minutes: z.number(), note: nullableString, loggedBy: nullableString })),
    engagement: z.object({ minimumHoursPerMonth: z.number().nullable(), thisMonthHours: z.number(), lastMonthHours: z.number(), meetsMinimum: z.boolean().nullable() }),
    renewal: z.object({ allowed: z.boolean(), mentorAgreedAt: nullableString, menteeAgreedAt: nullableString, count: z.number().int() }),
    endedReason: nullableString,
  }) satisfies z.ZodType<MentorshipView>,
);

export const acceptedRequestSchema = component(
  'AcceptedRequest',
  requestSchema.extend({ mentorship: mentorshipSchema.nullable() }) satisfies z.ZodType<AcceptedRequestView>,
  'The accepted request with the mentorship it started embedded.',
);

export const meSchema = component(
  'MeResponse',
  z.object({
    data: z.object({
      member: z.object({ documentId: z.string(), username: z.string(), email: z.string() }),
      profiles: z.array(ownProfileSchema),
      requests: z.object({ sent: z.array(requestSchema), received: z.array(requestSchema) }),
      mentorships: z.array(mentorshipSchema),
    }),
  }) satisfies z.ZodType<MeResponse>,
);
