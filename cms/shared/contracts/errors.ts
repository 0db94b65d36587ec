import { z } from 'zod';
import { component, described } from './api-registry';

/**
 * The one error shape of every 4xx the plugin's routes answer (members' API and staff routes):
 * Strapi's `{ data: null, error: { status, name, message, details } }` with a machine-readable
 * `details.code` and, for bad input, `details.errors[]` whose `path` starts at the root of the body
 * or of the query (a URL parameter is named by itself, e.g. `["id"]`).
 */
export const ERROR_CODES = {
  'invalid-input': { status: 400, description: 'A field of the body, the query or the URL is malformed or refused; `errors[]` names each one.' },
  'bad-request': { status: 400, description: 'The request cannot be carried out as asked (the message says why).' },
  unauthenticated: { status: 401, description: 'Sign in first: no, an expired or an invalid token where a member (or staff) is needed.' },
  forbidden: { status: 403, description: 'Signed in, but this member (or staff role) may not do this.' },
  'not-eligible': { status: 403, description: "The member's answers do not pass the program's eligibility rules; `reasons[]` lists them." },
  'not-found': { status: 404, description: 'No such resource, or one the caller may not see.' },
  'method-not-allowed': { status: 405, description: 'The route exists, not with this HTTP method.' },
  'not-open': { status: 409, description: 'The resource is no longer in a state that allows this (a request already answered, a mentorship ended).' },
  'mentor-full': { status: 409, description: 'The mentor has no place left.' },
  'pair-exists': { status: 409, description: 'The two are already paired, or the mentee already has a mentorship in the program.' },
  'too-many-open-requests': { status: 409, description: 'The member has as many open requests as the program allows.' },
  duplicate: { status: 409, description: 'The same thing exists already (a profile of this role, an open request to this mentor).' },
  'discovery-call-open': {
    status: 409,
    description: 'The member already has a discovery call with this mentor, waiting for an answer or accepted: send the formal request or let the call go first.',
  },
  'term-ended': { status: 409, description: "A cohort's term is over: no new pair can start in it." },
  superseded: { status: 409, description: 'Staff: a later matching run of the program was approved, so this one can no longer be.' },
  conflict: { status: 409, description: 'Any other clash with the current state.' },
  'payload-too-large': { status: 413, description: 'The body is larger than the server accepts.' },
  'rate-limited': { status: 429, description: 'Too many attempts; wait and try again.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export const fieldErrorSchema = component(
  'FieldError',
  z.object({
    path: described(
      z.array(z.string()),
      'Where the offending value is, from the root of the body or of the query (a URL parameter by its own name), e.g. ["objectives", "0", "title"].',
    ),
    message: z.string(),
    name: z.string().optional(),
  }),
);

export const errorResponseSchema = component(
  'ErrorResponse',
  z.object({
    data: z.null(),
    error: z.object({
      status: z.number().int().min(400).max(499),
      name: described(z.string(), 'Strapi error class, e.g. ValidationError, UnauthorizedError, ForbiddenError, NotFoundError, ConflictError.'),
      message: described(z.string(), 'For people: names the first offending field and says what is wrong.'),
      details: z
        .object({
          code: described(z.enum(ERROR_CODE_LIST as [ErrorCode, ...ErrorCode[]]), 'Stable and machine-readable; the codes are listed in the description of this API.'),
          errors: described(z.array(fieldErrorSchema), 'Bad input: every offending field.').optional(),
          reasons: described(z.array(z.object({ field: z.string(), message: z.string() })), 'not-eligible: the rules the answers do not pass.').optional(),
        })
        .catchall(z.unknown()),
    }),
  }),
  'Every 4xx of the plugin\'s routes.',
);

export type ErrorResponse = z.infer<typeof errorResponseSchema>;
