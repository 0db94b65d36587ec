/**
 * The matcher's wire contract in one module: the zod schemas that validate its requests and
 * describe its answers, and the types inferred from them. Clients (the CMS plugin) import this
 * file, build requests with the `...Body` types (what a client sends: defaults may be left out)
 * and parse answers with the response schemas, so a change on either side fails a typecheck or
 * a parse with the path of the field instead of being read as a missing value.
 *
 * Only zod and the schema files come along: nothing of the server, its workers or the solver.
 */
import type { z } from 'zod';
import { errorResponseSchema } from './error-schema';
import { matchRequestSchema, matchResponseSchema, scoresRequestSchema, scoresResponseSchema } from './matching/match-schema';
import { criterionSchema, menteeSchema, mentorSchema, pairRefSchema } from './scoring/scoring-schema';
import { solveRequestSchema, solveResponseSchema } from './solver/solve-schema';

export {
  criterionSchema,
  errorResponseSchema,
  matchRequestSchema,
  matchResponseSchema,
  menteeSchema,
  mentorSchema,
  pairRefSchema,
  scoresRequestSchema,
  scoresResponseSchema,
  solveRequestSchema,
  solveResponseSchema,
};
export { ID_ATTRIBUTE, MIN_POSITIVE_WEIGHT, RESERVED_ATTRIBUTE_KEY } from './scoring/scoring-schema';
export { MAX_ABS_MATRIX_VALUE } from './solver/solve-schema';

/** Requests as a client writes them (fields with defaults are optional). */
export type MatchRequestBody = z.input<typeof matchRequestSchema>;
export type ScoresRequestBody = z.input<typeof scoresRequestSchema>;
export type SolveRequestBody = z.input<typeof solveRequestSchema>;
export type CriterionBody = z.input<typeof criterionSchema>;
export type MenteeBody = z.input<typeof menteeSchema>;
export type MentorBody = z.input<typeof mentorSchema>;
export type PairRefBody = z.input<typeof pairRefSchema>;

/** Answers as the matcher sends them. */
export type MatchResponse = z.output<typeof matchResponseSchema>;
export type ScoresResponse = z.output<typeof scoresResponseSchema>;
export type SolveResponse = z.output<typeof solveResponseSchema>;
export type ErrorResponse = z.output<typeof errorResponseSchema>;
export type BreakdownEntry = MatchResponse['pairs'][number]['breakdown'][number];
