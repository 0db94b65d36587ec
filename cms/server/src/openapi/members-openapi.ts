/**
 * The OpenAPI 3.1 document of the members' API, served at /api/mentorship/openapi.json and
 * generated from the zod schemas the controllers validate with (`shared/contracts/members-api.ts`),
 * so the documentation and the behaviour cannot drift. Every example below is checked against its
 * schema by the tests.
 */
import { z } from 'zod';
import { apiRegistry } from '../../../shared/contracts/api-registry';
import { ERROR_CODES, errorResponseSchema, type ErrorCode } from '../../../shared/contracts/errors';
import * as api from '../../../shared/contracts/members-api';

type JsonObject = Record<string, unknown>;
type Auth = 'member' | 'public' | 'optional';

export interface Example {
  summary: string;
  value: unknown;
}

export interface Operation {
  method: 'get' | 'post' | 'put';
  /** Koa path as routed, e.g. /programs/:slug */
  path: string;
  summary: string;
  description?: string;
  auth: Auth;
  params?: Record<string, z.ZodType>;
  query?: z.ZodType;
  body?: { schema: z.ZodType; examples?: Record<string, Example> };
  response: { status: 200 | 201; description: string; schema: z.ZodType | null; examples?: Record<string, Example> };
  errors: number[];
}

/* ---------- examples (each validated against its schema by the tests) ---------- */

const PROGRAM = { documentId: 'k2j4h5g6f7d8s9a0p1o2i3u4', slug: 'pharmacy-mentor-exchange', name: 'Pharmacy Mentor Exchange' };
const MAYA = { documentId: 'q1w2e3r4t5y6u7i8o9p0a1s2', displayName: 'Maya Okonkwo', role: 'mentee' as const };
const OMAR = { documentId: 'z1x2c3v4b5n6m7l8k9j0h1g2', displayName: 'Omar Lindqvist', role: 'mentor' as const };

const requestExample = {
  documentId: 'r9t8y7u6i5o4p3a2s1d0f9g8',
  program: { documentId: PROGRAM.documentId, slug: PROGRAM.slug },
  kind: 'mentoring',
  status: 'open',
  message: 'I am moving from hospital to community pharmacy and would value your view on the first year.',
  sender: MAYA,
  addressee: OMAR,
  choices: null,
  currentChoice: null,
  deadline: '2026-12-14T09:00:00.000Z',
  reason: null,
  history: [{ at: '2026-11-30T09:00:00.000Z', event: 'sent', profile: OMAR.documentId }],
  mentorshipDocumentId: null,
  createdAt: '2026-11-30T09:00:00.000Z',
  contact: null,
};

const LAB = { documentId: 'h7g6f5d4s3a2p1o0i9u8y7t6', slug: 'lab-sciences-open-mentoring' };
const callExample = {
  ...requestExample,
  documentId: 'd1c2a3l4l5e6x7a8m9p0l1e2',
  program: LAB,
  kind: 'discovery-call',
  message: 'Could we talk for half an hour about moving into clinical research?',
  deadline: '2026-12-14T09:00:00.000Z',
};
const acceptedCallExample = {
  ...callExample,
  status: 'accepted',
  history: null,
  contact: { name: MAYA.displayName, email: 'maya.mentee@example.org' },
  mentorship: null,
};

const mentorshipExample = {
  documentId: 'm1n2b3v4c5x6z7a8s9d0f1g2',
  program: PROGRAM,
  status: 'active',
  myRole: 'mentor',
  mentor: { ...OMAR, email: 'omar.mentor@example.org' },
  mentee: { ...MAYA, email: 'maya.mentee@example.org' },
  startDate: '2026-12-01',
  endDate: '2027-06-01',
  agreement: { required: false, text: null, mentorAgreedAt: null, menteeAgreedAt: null },
  plan: { objectives: [{ title: 'Run a medication review clinic', targetDate: '2027-03-01', done: false }], timeline: [{ date: '2027-01-15', label: 'First clinic observed' }] },
  checkIns: [{ documentId: 'c1v2b3n4m5a6s7d8f9g0h1j2', date: '2026-12-10', minutes: 45, note: 'Set the objectives together.', loggedBy: 'mentor' }],
  engagement: { minimumHoursPerMonth: 1, thisMonthHours: 0.75, lastMonthHours: 0, meetsMinimum: false },
  renewal: { allowed: true, mentorAgreedAt: null, menteeAgreedAt: null, count: 0 },
  endedReason: null,
};

const ownProfileExample = {
  documentId: MAYA.documentId,
  program: PROGRAM,
  role: 'mentee',
  displayName: 'Maya Okonkwo',
  answers: { careerPath: 'community-pharmacy', country: 'NG', languages: ['en', 'yo'] },
  status: 'approved',
  rejectionReason: null,
  availability: 'available',
  awayUntil: null,
  capacity: 1,
  bio: 'Hospital pharmacist in Lagos, moving to community practice.',
  careerPath: 'community pharmacy',
  submittedAt: '2026-11-02T10:00:00.000Z',
  reconfirmedAt: null,
  reconfirmBy: null,
};

const listingExample = {
  documentId: OMAR.documentId,
  profileDocumentId: OMAR.documentId,
  displayName: 'Omar Lindqvist',
  careerPath: 'hospital pharmacy',
  bio: 'Clinical pharmacist in Uppsala for twenty years.',
  answers: { careerPath: 'hospital-pharmacy', languages: ['sv', 'en'] },
  labels: { careerPath: 'Hospital pharmacy', languages: ['Swedish', 'English'] },
  availability: 'available',
  awayUntil: null,
  placesLeft: 1,
  featured: false,
  relevance: 3,
};

const errorExample = (status: number, name: string, message: string, details: JsonObject) => ({ data: null, error: { status, name, message, details } });

export const ERROR_EXAMPLES: Record<number, Record<string, Example>> = {
  400: {
    'invalid-input': {
      summary: 'A body field is malformed',
      value: errorExample(400, 'ValidationError', 'body.objectives.0.targetDate: must be a date as YYYY-MM-DD', {
        code: 'invalid-input',
        errors: [{ path: ['objectives', '0', 'targetDate'], message: 'must be a date as YYYY-MM-DD', name: 'ValidationError' }],
      }),
    },
    'unknown-locale': {
      summary: 'An unknown locale',
      value: errorExample(400, 'ValidationError', 'query.locale: unknown locale "xx"; this site has en, fr', {
        code: 'invalid-input',
        errors: [{ path: ['locale'], message: 'unknown locale "xx"; this site has en, fr', name: 'ValidationError' }],
      }),
    },
  },
  401: {
    unauthenticated: {
      summary: 'No token',
      value: errorExample(401, 'UnauthorizedError', 'Sign in first: this needs a member (send the users-permissions JWT as "Authorization: Bearer <jwt>")', { code: 'unauthenticated' }),
    },
  },
  403: {
    forbidden: { summary: 'Not yours to do', value: errorExample(403, 'ForbiddenError', 'Only the person asked can accept a request', { code: 'forbidden' }) },
    'not-eligible': {
      summary: 'Eligibility rules not met',
      value: errorExample(403, 'ForbiddenError', 'Mentors need ten or more years of experience.', {
        code: 'not-eligible',
        reasons: [{ field: 'yearsExperience', message: 'Mentors need ten or more years of experience.' }],
      }),
    },
  },
  404: { 'not-found': { summary: 'No such resource', value: errorExample(404, 'NotFoundError', 'No such request', { code: 'not-found' }) } },
  409: {
    'mentor-full': { summary: 'No place left', value: errorExample(409, 'ConflictError', 'Omar Lindqvist has no place left (capacity 2)', { code: 'mentor-full' }) },
    'not-open': { summary: 'Already answered', value: errorExample(409, 'ConflictError', 'This request is no longer open', { code: 'not-open' }) },
  },
};

/* ---------- operations: one per content-API route of the plugin ---------- */

const id = { id: api.documentIdParam };
const slug = { slug: api.slugParam };
const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/programs',
    summary: 'List the programs',
    auth: 'public',
    query: z.object({}).strict(),
    response: { status: 200, description: 'Open and closed programs.', schema: z.object({ data: z.array(api.programSummarySchema), meta: z.object({ total: z.number().int() }) }) },
    errors: [400],
  },
  {
    method: 'get',
    path: '/programs/:slug',
    summary: 'One program with its profile questions, rules and guide',
    description: 'The guide (FAQ, resources, pages) comes in `locale` where translated, otherwise in the default locale; a locale the site does not have is a 400.',
    auth: 'public',
    params: slug,
    query: api.localeQuery,
    response: { status: 200, description: 'The program.', schema: data(api.programDetailSchema) },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/programs/:slug/eligibility',
    summary: 'Check answers against the eligibility rules before enrolling',
    auth: 'public',
    params: slug,
    body: { schema: api.eligibilityBody, examples: { mentee: { summary: 'A mentee checks', value: { role: 'mentee', answers: { memberType: 'full', country: 'NG' } } } } },
    response: {
      status: 200,
      description: 'Rule by rule.',
      schema: data(api.eligibilityResultSchema),
      examples: { passed: { summary: 'Every rule passed', value: { data: { eligible: true, outcomes: [{ field: 'memberType', operator: 'one-of', passed: true, message: 'Open to full members.' }] } } } },
    },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/me',
    summary: "The member's profiles, requests both ways and mentorships",
    auth: 'member',
    query: z.object({}).strict(),
    response: { status: 200, description: 'Everything that is the member’s.', schema: api.meSchema },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/programs/:slug/profiles',
    summary: 'Enroll as mentor or mentee',
    auth: 'member',
    params: slug,
    body: {
      schema: api.createProfileBody,
      examples: {
        mentee: {
          summary: 'A mentee profile',
          value: { role: 'mentee', displayName: 'Maya Okonkwo', answers: { careerPath: 'community-pharmacy', country: 'NG', languages: ['en', 'yo'] } },
        },
      },
    },
    response: { status: 201, description: 'The new profile.', schema: data(api.ownProfileSchema), examples: { created: { summary: 'Created', value: { data: ownProfileExample } } } },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/profiles/:id',
    summary: 'A profile: all of one’s own, the public side of another’s',
    auth: 'member',
    params: id,
    response: { status: 200, description: 'The profile.', schema: data(z.union([api.ownProfileSchema, api.publicProfileSchema])) },
    errors: [400, 401, 404],
  },
  {
    method: 'put',
    path: '/profiles/:id',
    summary: 'Edit one’s profile; submit, pause, re-list or withdraw it',
    auth: 'member',
    params: id,
    body: { schema: api.updateProfileBody, examples: { away: { summary: 'Away for a while', value: { availability: 'away', awayUntil: '2027-02-01' } }, submit: { summary: 'Submit a draft', value: { action: 'submit' } } } },
    response: { status: 200, description: 'The profile.', schema: data(api.ownProfileSchema) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/profiles/:id/reconfirm',
    summary: 'A mentor’s yearly “still available”',
    auth: 'member',
    params: id,
    body: { schema: api.noBody },
    response: { status: 200, description: 'The profile with its next re-confirmation date.', schema: data(api.ownProfileSchema) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/programs/:slug/directory',
    summary: 'Search the mentor directory',
    description: 'Public or members-only, as the program says (members-only answers anonymous callers 401).',
    auth: 'optional',
    params: slug,
    query: api.directoryQuery,
    response: {
      status: 200,
      description: 'One page of listings with facets.',
      schema: api.directoryResponseSchema,
      examples: {
        page: {
          summary: 'A page of one',
          value: {
            data: [listingExample],
            meta: { total: 1, page: 1, pageSize: 20, pageCount: 1, sort: 'relevance', matcher: 'not-used', facets: { availability: { label: 'Availability', values: [{ value: 'available', label: 'Available', count: 1 }] } } },
          },
        },
      },
    },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/programs/:slug/directory/:id',
    summary: 'One directory listing',
    auth: 'optional',
    params: { ...slug, ...id },
    response: { status: 200, description: 'The listing.', schema: data(api.listingSchema) },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/programs/:slug/mentees',
    summary: 'Search the mentee directory',
    description: 'For the listed mentors of a program that lets mentors approach mentees: public mentee answers only, with the same search, filters, facets, paging and match sort as the mentor directory. An entry’s documentId is the `to` of an approach request.',
    auth: 'member',
    params: slug,
    query: api.directoryQuery,
    response: { status: 200, description: 'One page of mentees with facets.', schema: api.directoryResponseSchema },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/programs/:slug/mentees/:id',
    summary: 'One mentee of the mentee directory',
    auth: 'member',
    params: { ...slug, ...id },
    response: { status: 200, description: 'The mentee’s public side.', schema: data(api.listingSchema) },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/programs/:slug/requests',
    summary: 'Ask a mentor (or, where the program allows it, approach a mentee)',
    description:
      'In an open directory a request is a discovery call unless `kind` says `mentoring` (the formal request, e.g. after the call). A second discovery call to a mentor while one is waiting or accepted is a 409 `discovery-call-open`. Where the program shares the requester’s contact (`shareRequesterContact`), the person asked is e-mailed the sender’s name and e-mail address.',
    auth: 'member',
    params: slug,
    body: {
      schema: api.createRequestBody,
      examples: {
        direct: { summary: 'To one mentor', value: { to: OMAR.documentId, message: 'I would value your view on my first year in community pharmacy.' } },
        formal: { summary: 'The formal request after a discovery call', value: { to: OMAR.documentId, kind: 'mentoring', message: 'Thank you for the call: I would like you to be my mentor.' } },
        ranked: { summary: 'Ranked choices', value: { choices: [OMAR.documentId, 'a9s8d7f6g5h4j3k2l1z0x9c8'], message: 'I hope to grow into research.' } },
      },
    },
    response: { status: 201, description: 'The request.', schema: data(api.requestSchema), examples: { sent: { summary: 'Sent', value: { data: requestExample } } } },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/requests/:id',
    summary: 'A request one sent or received',
    auth: 'member',
    params: id,
    response: { status: 200, description: 'The request.', schema: data(api.requestSchema) },
    errors: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/requests/:id/accept',
    summary: 'Accept a request',
    description:
      'Starts the mentorship (409 `mentor-full` when the mentor has no place left) and answers with the request, the mentorship embedded. Where the program asks for the partnership agreement, the mentorship waits for it (`pending-agreement`, no dates, no place taken) and starts on the day both have accepted it. A discovery call starts no mentorship (`mentorship: null`) and takes none of the mentor’s places: both members are e-mailed each other’s name and e-mail address, also given in `contact`; afterwards either sends the formal request (`kind: mentoring`, or an approach from the mentor) or lets the call go.',
    auth: 'member',
    params: id,
    body: { schema: api.reasonBody },
    response: {
      status: 200,
      description: 'The accepted request with its mentorship.',
      schema: data(api.acceptedRequestSchema),
      examples: {
        accepted: {
          summary: 'Accepted',
          value: { data: { ...requestExample, status: 'accepted', history: null, mentorshipDocumentId: mentorshipExample.documentId, mentorship: mentorshipExample } },
        },
        discoveryCall: { summary: 'A discovery call accepted: contact details shared, no mentorship', value: { data: acceptedCallExample } },
      },
    },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/requests/:id/decline',
    summary: 'Decline a request',
    auth: 'member',
    params: id,
    body: { schema: api.reasonBody, examples: { reason: { summary: 'With a reason', value: { reason: 'My places are taken until spring.' } } } },
    response: { status: 200, description: 'The request.', schema: data(api.requestSchema) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/requests/:id/let-go',
    summary: 'Let an accepted discovery call go',
    description:
      'Either member of an accepted discovery call closes it without a formal request: nothing else happens (no e-mail, no mentorship) and the contact details are no longer shown. 409 `not-open` for anything but an accepted discovery call.',
    auth: 'member',
    params: id,
    body: { schema: api.noBody },
    response: {
      status: 200,
      description: 'The discovery call, closed.',
      schema: data(api.requestSchema),
      examples: { letGo: { summary: 'Let go', value: { data: { ...callExample, status: 'closed', history: null } } } },
    },
    errors: [400, 401, 404, 409],
  },
  {
    method: 'post',
    path: '/requests/:id/withdraw',
    summary: 'Withdraw a request one sent',
    auth: 'member',
    params: id,
    body: { schema: api.noBody },
    response: { status: 200, description: 'The request.', schema: data(api.requestSchema) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/mentorships/:id',
    summary: 'A mentorship one is part of',
    auth: 'member',
    params: id,
    response: { status: 200, description: 'The mentorship, with the partner’s contact details.', schema: data(api.mentorshipSchema), examples: { active: { summary: 'Active', value: { data: mentorshipExample } } } },
    errors: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/mentorships/:id/agree',
    summary: 'Accept the partnership agreement',
    auth: 'member',
    params: id,
    body: { schema: api.noBody },
    response: { status: 200, description: 'The mentorship.', schema: data(api.mentorshipSchema) },
    errors: [400, 401, 404, 409],
  },
  {
    method: 'put',
    path: '/mentorships/:id/plan',
    summary: 'Set the mentoring plan',
    auth: 'member',
    params: id,
    body: { schema: api.planBody, examples: { plan: { summary: 'Objectives and milestones', value: mentorshipExample.plan } } },
    response: { status: 200, description: 'The mentorship.', schema: data(api.mentorshipSchema) },
    errors: [400, 401, 404, 409],
  },
  {
    method: 'post',
    path: '/mentorships/:id/check-ins',
    summary: 'Log a meeting',
    auth: 'member',
    params: id,
    body: { schema: api.checkInBody, examples: { meeting: { summary: 'Forty-five minutes', value: { date: '2026-12-10', minutes: 45, note: 'Set the objectives together.' } } } },
    response: { status: 201, description: 'The mentorship with the check-in.', schema: data(api.mentorshipSchema) },
    errors: [400, 401, 404, 409],
  },
  {
    method: 'post',
    path: '/mentorships/:id/renew',
    summary: 'Ask to continue for another term (both must)',
    auth: 'member',
    params: id,
    body: { schema: api.noBody },
    response: { status: 200, description: 'The mentorship.', schema: data(api.mentorshipSchema) },
    errors: [400, 401, 404, 409],
  },
  {
    method: 'post',
    path: '/mentorships/:id/end',
    summary: 'End a mentorship early',
    auth: 'member',
    params: id,
    body: { schema: api.endBody, examples: { moved: { summary: 'With a reason', value: { reason: 'I am moving abroad and cannot keep the meetings.' } } } },
    response: { status: 200, description: 'The ended mentorship.', schema: data(api.mentorshipSchema) },
    errors: [400, 401, 404, 409],
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    auth: 'public',
    response: { status: 200, description: 'OpenAPI 3.1 document.', schema: null },
    errors: [],
  },
];

/* ---------- conversion ---------- */

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: `details.code` is `invalid-input` and `details.errors[]` names each field by its path from the root of the body or the query.',
  401: 'No token, or an invalid one, where a member is needed (`unauthenticated`).',
  403: 'Signed in, but not allowed (`forbidden`), or not eligible (`not-eligible`, with `reasons[]`).',
  404: 'No such resource, or one the caller may not see (`not-found`).',
  409: 'The state does not allow it: `not-open`, `mentor-full`, `pair-exists`, `too-many-open-requests`, `duplicate`.',
};

const componentsOf = (): Record<string, JsonObject> => {
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(apiRegistry, { io, target: 'draft-2020-12', unrepresentable: 'any', metadata: apiRegistry, uri: (name) => `#/components/schemas/${name}` }).schemas as Record<
      string,
      JsonObject
    >;
  const inputs = convert('input');
  const outputs = convert('output');
  const requestIds = new Set(['LocaleQuery', 'EligibilityCheck', 'CreateProfile', 'UpdateProfile', 'CreateRequest', 'ReasonBody', 'EmptyBody', 'MentorshipPlanInput', 'CheckInInput', 'EndMentorship', 'DirectoryQuery']);
  const out: Record<string, JsonObject> = {};
  for (const name of Object.keys(outputs)) {
    if (name === '__shared') continue;
    const schema = { ...(requestIds.has(name) ? inputs[name] : outputs[name]) };
    delete schema.$schema;
    delete schema.$id;
    out[name] = schema;
  }
  return out;
};

/** A zod schema as JSON Schema, referring to the components where it uses them. */
const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const idOf = apiRegistry.get(schema)?.id;
  if (idOf) return { $ref: `#/components/schemas/${idOf}` };
  const converted = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', metadata: apiRegistry }) as JsonObject;
  delete converted.$schema;
  // Named schemas used inside are components already: the converter's local $defs are not needed.
  const defs = converted.$defs as Record<string, unknown> | undefined;
  if (defs) {
    delete converted.$defs;
    return JSON.parse(JSON.stringify(converted).replace(/"#\/\$defs\/([^"]+)"/g, (_, name: string) => `"#/components/schemas/${name}"`)) as JsonObject;
  }
  return converted;
};

const json = (schema: JsonObject, examples?: Record<string, Example>) => ({
  content: { 'application/json': { schema, ...(examples ? { examples } : {}) } },
});

const errorResponses = (statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: ERROR_DESCRIPTIONS[status], ...json({ $ref: '#/components/schemas/ErrorResponse' }, ERROR_EXAMPLES[status]) }]));

const parametersOf = (operation: Operation) => {
  const parameters: JsonObject[] = Object.entries(operation.params ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    description: apiRegistry.get(schema)?.description,
    schema: { type: 'string', pattern: (schemaOf(schema, 'input').pattern as string | undefined) ?? undefined },
  }));
  const query = operation.query ? schemaOf(operation.query, 'input') : null;
  const properties = query?.$ref
    ? ((componentsOf()[String(query.$ref).split('/').pop()!]?.properties as Record<string, JsonObject> | undefined) ?? {})
    : ((query?.properties as Record<string, JsonObject> | undefined) ?? {});
  for (const [name, schema] of Object.entries(properties)) {
    const object = schema.type === 'object';
    parameters.push({
      name,
      in: 'query',
      required: false,
      ...(schema.description ? { description: schema.description } : {}),
      ...(object ? { style: 'deepObject', explode: true } : {}),
      schema,
    });
  }
  return parameters;
};

/** `/programs/:slug` as OpenAPI writes it: `/programs/{slug}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

const CODES_DESCRIPTION = Object.entries(ERROR_CODES)
  .map(([code, { status, description }]) => `- \`${code}\` (${status}): ${description}`)
  .join('\n');

let cached: JsonObject | undefined;

export const membersOpenApi = (version: string): JsonObject => {
  if (cached) return cached;
  const paths: Record<string, JsonObject> = {};
  for (const operation of OPERATIONS) {
    const security = operation.auth === 'member' ? [{ member: [] }] : operation.auth === 'optional' ? [{}, { member: [] }] : [];
    paths[openApiPath(operation.path)] = {
      ...paths[openApiPath(operation.path)],
      [operation.method]: {
        summary: operation.summary,
        ...(operation.description ? { description: operation.description } : {}),
        security,
        parameters: parametersOf(operation),
        ...(operation.body ? { requestBody: { required: true, ...json(schemaOf(operation.body.schema, 'input'), operation.body.examples) } } : {}),
        responses: {
          [String(operation.response.status)]: {
            description: operation.response.description,
            ...(operation.response.schema ? json(schemaOf(operation.response.schema, 'output'), operation.response.examples) : {}),
          },
          ...errorResponses(operation.errors),
        },
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: "Mentorship members' API",
      version,
      description:
        'What an association website calls for its members: programs, enrollment, the mentor directory, requests and mentorships. ' +
        'Members sign in with users-permissions (`POST /api/auth/local`) and send the JWT as a bearer token.\n\n' +
        'Every 4xx has one shape: `{ data: null, error: { status, name, message, details: { code, errors? } } }`. The codes:\n\n' +
        CODES_DESCRIPTION,
    },
    servers: [{ url: '/api/mentorship' }],
    components: {
      securitySchemes: { member: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'users-permissions JWT from POST /api/auth/local' } },
      schemas: componentsOf(),
    },
    paths,
  };
  return cached;
};

/** The error codes the document lists (for the README and tests). */
export const documentedCodes = (): ErrorCode[] => Object.keys(ERROR_CODES) as ErrorCode[];
export { errorResponseSchema };
