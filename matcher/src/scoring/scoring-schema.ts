/**
 * Request schemas shared by /v1/match and /v1/scores: participants and criteria. They validate
 * requests and generate the OpenAPI document, so the two cannot drift apart.
 */
import { z } from 'zod';

export const ID_ATTRIBUTE = '$id';

/**
 * A key JavaScript objects cannot hold as data: assigning it sets the object's prototype, so
 * JSON.parse keeps it but zod (and every copy) drops it. parseBody refuses it as a key anywhere in
 * a body, and a criterion cannot name it. Other built-in names (`constructor`, `toString`, ...)
 * are ordinary attribute keys.
 */
export const RESERVED_ATTRIBUTE_KEY = '__proto__';
const reservedKeyMessage = `"${RESERVED_ATTRIBUTE_KEY}" is reserved and cannot be an attribute key`;

const id = z.string().min(1).max(200);
const attributeName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => name !== RESERVED_ATTRIBUTE_KEY, reservedKeyMessage)
  .describe(`Attribute key in the participants' \`attributes\`, or "${ID_ATTRIBUTE}" for the participant id.`);

export const attributeValueSchema = z
  .union([z.string().max(2000), z.number(), z.array(z.string().max(2000)).max(1000), z.null()])
  .describe('A single value, a number, a set of values, or null (unknown).');

const attributes = z
  .record(z.string().min(1).max(200), attributeValueSchema)
  .default({})
  .describe('Attribute values by key, e.g. { "country": "FR", "interests": ["oncology"], "yearsOfPractice": 12 }.');

export const menteeSchema = z
  .strictObject({
    id: id.describe('Stable mentee id (the CMS profile id).'),
    attributes,
    choices: z
      .array(id)
      .max(50)
      .optional()
      .describe('Mentor ids in order of preference (first = most wanted), used by `ranked-choice`.'),
  })
  .meta({ id: 'Mentee' });

export const mentorSchema = z
  .strictObject({
    id: id.describe('Stable mentor id (the CMS profile id).'),
    attributes,
    capacity: z.number().int().min(0).max(1000).default(1).describe('How many mentees this mentor takes (default 1).'),
  })
  .meta({ id: 'Mentor' });

/**
 * Smallest weight above 0. Scores divide by the total weight: below this its inverse overflows
 * and a score would come out as NaN (null in JSON) instead of a number in [0, 1].
 */
export const MIN_POSITIVE_WEIGHT = 1e-6;
const weightValue = z
  .number()
  .min(0)
  .max(1000)
  .refine((value) => value === 0 || value >= MIN_POSITIVE_WEIGHT, `must be 0, or between ${MIN_POSITIVE_WEIGHT} and 1000`);
const weight = weightValue.default(1).describe(`Relative weight of this criterion in the score: 0, or ${MIN_POSITIVE_WEIGHT} to 1000.`);
const required = z
  .boolean()
  .default(false)
  .describe('When true, a pair that does not pass this criterion is forbidden.');

const base = {
  id: id.optional().describe('Criterion id shown in breakdowns; defaults to "<kind>-<position>".'),
  name: z.string().max(200).optional().describe('Human-readable label, echoed in breakdowns.'),
  weight,
  required,
};
const both = { menteeAttribute: attributeName, mentorAttribute: attributeName };
const scale = z.number().positive().describe('Width of the partial-credit slope outside the target (same unit as the values).');

export const criterionSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({ kind: z.literal('same'), ...base, ...both })
      .describe('1 when the values are equal (for sets: share at least one value). Example: same region.'),
    z
      .strictObject({ kind: z.literal('different'), ...base, ...both })
      .describe('1 when the values differ (for sets: share no value). Example: mentor outside the mentee\'s country.'),
    z
      .strictObject({
        kind: z.literal('exclude-same'),
        ...base,
        weight: weightValue.default(0),
        required: z.literal(true).default(true).describe('Always a hard rule.'),
        ...both,
      })
      .describe(
        'Hard rule: forbids pairs whose values are the same (share a value); unknown values never exclude. ' +
          'Examples: same institution; previous mentors ("previousMentors" against "$id").',
      ),
    z
      .strictObject({
        kind: z.literal('overlap'),
        ...base,
        ...both,
        mode: z
          .enum(['coverage', 'jaccard'])
          .default('coverage')
          .describe('coverage: share of the mentee\'s values the mentor has; jaccard: |A and B| / |A or B|.'),
      })
      .describe('Overlap of two sets of values, e.g. interests or practice areas.'),
    z
      .strictObject({ kind: z.literal('language'), ...base, ...both })
      .describe('1 when the two sides share a language; "en-GB" matches "en" (primary subtag).'),
    z
      .strictObject({
        kind: z.literal('at-least'),
        ...base,
        mentorAttribute: attributeName,
        menteeAttribute: attributeName
          .optional()
          .describe('When set, the compared value is mentor minus mentee (e.g. N more years than the mentee).'),
        min: z.number().describe('Threshold the value must reach.'),
        scale: scale.optional(),
      })
      .describe('Number at least `min` (mentor value, or mentor minus mentee). Example: 10+ years of experience.'),
    z
      .strictObject({
        kind: z.literal('range'),
        ...base,
        mentorAttribute: attributeName,
        menteeAttribute: attributeName
          .optional()
          .describe('When set, the compared value is mentor minus mentee.'),
        min: z.number().optional(),
        max: z.number().optional(),
        scale: scale.optional(),
      })
      .refine((c) => c.min !== undefined || c.max !== undefined, {
        message: 'range needs min, max or both',
        path: ['min'],
      })
      .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
        message: 'min must not exceed max',
        path: ['max'],
      })
      .describe('Number within [min, max] (mentor value, or mentor minus mentee).'),
    z
      .strictObject({
        kind: z.literal('closeness'),
        ...base,
        ...both,
        offset: z.number().default(0).describe('Preferred mentor-minus-mentee difference.'),
        scale: scale.describe('Difference from `offset` at which the match reaches 0.'),
      })
      .describe('1 - |mentor - mentee - offset| / scale, floored at 0. Example: similar career stage.'),
    z
      .strictObject({
        kind: z.literal('ranked-choice'),
        ...base,
        menteeAttribute: attributeName
          .optional()
          .describe('Attribute holding the ranked list; defaults to the mentee\'s `choices`.'),
        mentorAttribute: attributeName.default(ID_ATTRIBUTE).describe('What the choices name; defaults to the mentor id.'),
      })
      .describe('The mentee\'s ranked choice: with k choices, rank r (1-based) scores (k - r + 1) / k, unlisted 0.'),
  ])
  .meta({ id: 'Criterion' });

export const participantsSchema = {
  mentees: z.array(menteeSchema).max(100_000),
  mentors: z.array(mentorSchema).max(100_000),
  criteria: z.array(criterionSchema).max(100),
};

export const pairRefSchema = z.strictObject({ menteeId: id, mentorId: id }).meta({ id: 'PairRef' });

export type MenteeInput = z.output<typeof menteeSchema>;
export type MentorInput = z.output<typeof mentorSchema>;
export type CriterionInput = z.output<typeof criterionSchema>;
export type CriterionKind = CriterionInput['kind'];
export type AttributeValue = z.output<typeof attributeValueSchema>;
export type PairRef = z.output<typeof pairRefSchema>;

export const CRITERION_KINDS: readonly CriterionKind[] = [
  'same',
  'different',
  'exclude-same',
  'overlap',
  'language',
  'at-least',
  'range',
  'closeness',
  'ranked-choice',
];
