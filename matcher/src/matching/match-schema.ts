/**
 * POST /v1/match and POST /v1/scores: request and response schemas (the responses are
 * described for the OpenAPI document and checked in tests).
 */
import { z } from 'zod';
import { pairRefSchema, participantsSchema } from '../scoring/scoring-schema';

export const engineSchema = z
  .enum(['jv', 'munkres'])
  .default('jv')
  .describe('jv: the typed-array shortest augmenting path solver. munkres: munkres-js, for small inputs only.');

export const matchOptionsSchema = z
  .strictObject({
    locked: z
      .array(pairRefSchema)
      .max(100_000)
      .default([])
      .describe('Pairs kept as they are; the rest of the cohort is assigned around them.'),
    excluded: z
      .array(pairRefSchema)
      .max(1_000_000)
      .default([])
      .describe('Pairs that must not be proposed (previous pairs, staff decisions).'),
    minimumScore: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('Pairs scoring below this are never proposed; a mentee with none left stays unmatched.'),
    engine: engineSchema,
    objective: z
      .enum(['max-matches', 'max-score'])
      .default('max-matches')
      .describe(
        'max-matches: match as many mentees as possible, then maximise the total score. ' +
          'max-score: maximise the total score only (may leave a mentee unmatched to place two others better).',
      ),
    topK: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(0)
      .describe('For each pair, also list this many next-best eligible mentors with the score difference.'),
    keepPrevious: z
      .strictObject({
        pairs: z
          .array(pairRefSchema)
          .max(100_000)
          .describe('The previous run\'s pairs (pairs naming people no longer in the request are ignored).'),
        tolerance: z
          .number()
          .min(0)
          .max(0.2)
          .default(0)
          .describe('Share of the best total score that may be given up to keep more previous pairs (0: none, 0.01: 1%).'),
      })
      .optional()
      .describe(
        'Change as few pairs as possible: among assignments whose total is within the tolerance of the best, ' +
          'prefer those keeping previous pairs (a bonus on previous pairs, bounded so the total given up never exceeds the tolerance).',
      ),
  })
  .default({
    locked: [],
    excluded: [],
    minimumScore: 0,
    engine: 'jv',
    objective: 'max-matches',
    topK: 0,
  });

export const matchRequestSchema = z
  .strictObject({ ...participantsSchema, options: matchOptionsSchema })
  .meta({ id: 'MatchRequest' });

export const scoresOptionsSchema = z
  .strictObject({
    topK: z.number().int().min(0).max(100).default(5).describe('Best eligible mentors to list per mentee.'),
    menteeIds: z.array(z.string()).max(100_000).optional().describe('Only report these mentees (default: all).'),
    mentorIds: z
      .array(z.string())
      .max(1000)
      .default([])
      .describe('Always report these mentors for every mentee, eligible or not ("why not mentor X?").'),
    assigned: z
      .array(pairRefSchema)
      .max(100_000)
      .default([])
      .describe('Current assignment; every candidate then carries its score difference against it.'),
    excluded: z.array(pairRefSchema).max(1_000_000).default([]),
  })
  .default({ topK: 5, mentorIds: [], assigned: [], excluded: [] });

export const scoresRequestSchema = z
  .strictObject({ ...participantsSchema, options: scoresOptionsSchema })
  .meta({ id: 'ScoresRequest' });

export type MatchRequest = z.output<typeof matchRequestSchema>;
export type ScoresRequest = z.output<typeof scoresRequestSchema>;

// Responses

export const breakdownEntrySchema = z
  .object({
    criterion: z.string(),
    name: z.string().optional(),
    kind: z.string(),
    weight: z.number(),
    raw: z.number().describe('Raw match in [0, 1].'),
    contribution: z.number().describe('weight x raw / total weight; contributions add up to the score.'),
    required: z.boolean(),
    passed: z.boolean(),
    detail: z.string().optional(),
  })
  .meta({ id: 'BreakdownEntry' });

const alternativeSchema = z.object({
  mentorId: z.string(),
  score: z.number(),
  scoreDifference: z.number().describe('Alternative score minus the assigned score (negative = worse).'),
});

export const matchPairSchema = z
  .object({
    menteeId: z.string(),
    mentorId: z.string(),
    score: z.number().describe('Weighted mean of the raw matches, in [0, 1].'),
    locked: z.boolean(),
    breakdown: z.array(breakdownEntrySchema),
    alternatives: z.array(alternativeSchema).optional(),
  })
  .meta({ id: 'MatchPair' });

export const unmatchedReasonSchema = z
  .enum(['no-eligible-mentor', 'below-minimum-score', 'capacity-exhausted'])
  .describe(
    'no-eligible-mentor: every mentor is ruled out by a hard rule or an exclusion. ' +
      'below-minimum-score: eligible mentors exist but all score under minimumScore. ' +
      'capacity-exhausted: suitable mentors exist but their places went to other mentees.',
  );

export const unmatchedSchema = z
  .object({
    menteeId: z.string(),
    reason: unmatchedReasonSchema,
    detail: z.string(),
    bestMentorId: z.string().optional().describe('Best-scoring eligible mentor, when there is one.'),
    bestScore: z.number().optional(),
  })
  .meta({ id: 'Unmatched' });

export const mentorLoadSchema = z.object({
  mentorId: z.string(),
  capacity: z.number(),
  assigned: z.number().describe('Mentees assigned, locked ones included.'),
  locked: z.number(),
  remaining: z.number(),
});

export const blockingPairSchema = z
  .object({
    menteeId: z.string(),
    mentorId: z.string(),
    score: z.number().describe('Score of the pair the two would rather form.'),
    menteeCurrentMentorId: z.string().nullable().describe('The mentee\'s proposed mentor; null when unmatched.'),
    menteeCurrentScore: z.number().nullable(),
    displacedMenteeId: z.string().nullable().describe('The mentee the mentor would give up; null when the mentor has a free place.'),
    displacedScore: z.number().nullable(),
    menteeGain: z.number().describe('score minus the mentee\'s proposed score (0 when unmatched).'),
    mentorGain: z.number().describe('score minus the displaced mentee\'s score (0 for a free place).'),
  })
  .meta({ id: 'BlockingPair' });

export const stabilitySchema = z
  .object({
    blockingPairs: z.number().int().describe('Mentee-mentor pairs who would both rather be together than with their proposals.'),
    strongestGain: z.number().describe('Largest, over blocking pairs, of the smaller of the two gains; 0 when stable.'),
    pairs: z.array(blockingPairSchema).describe('The strongest blocking pairs first, at most 50.'),
  })
  .meta({ id: 'Stability' });

const msSchema = z.object({
  validate: z.number(),
  queue: z.number().describe('Waiting for a worker thread.'),
  score: z.number(),
  solve: z.number(),
  total: z.number(),
});

export const keepReportSchema = z
  .object({
    tolerance: z.number(),
    previousPairs: z.number().int().describe('Previous pairs whose mentee and mentor are both in this request (locked ones excluded).'),
    kept: z.number().int().describe('Of those, pairs proposed again.'),
    changed: z.number().int().describe('Of those, pairs not proposed again.'),
    changedWithoutKeeping: z.number().int().describe('Pairs that would have changed with the best total alone.'),
    bestTotalScore: z.number().describe('Total score of the best assignment, ignoring previous pairs.'),
    scoreGivenUp: z.number().describe('bestTotalScore minus this total score (0 or more, never above tolerance x bestTotalScore).'),
  })
  .meta({ id: 'KeepReport' });

export const matchResponseSchema = z
  .object({
    pairs: z.array(matchPairSchema).describe('Ordered by mentee id.'),
    unmatched: z.array(unmatchedSchema),
    mentorLoads: z.array(mentorLoadSchema),
    totalScore: z.number(),
    stability: stabilitySchema
      .optional()
      .describe('Blocking pairs of the proposed assignment, by the scores (Gale-Shapley stability).'),
    keep: keepReportSchema.optional().describe('Present when options.keepPrevious was given.'),
    stats: z.object({
      mentees: z.number(),
      mentors: z.number(),
      slots: z.number().describe('Columns of the assignment problem after capacity expansion.'),
      pairs: z.number(),
      unmatched: z.number(),
      engine: z.enum(['jv', 'munkres']),
      engineVersion: z.string(),
      objective: z.enum(['max-matches', 'max-score']),
      ms: msSchema,
    }),
    inputHash: z.string().describe('sha256 of the canonical JSON of the validated input (keys sorted).'),
  })
  .meta({ id: 'MatchResponse' });

export const candidateSchema = z.object({
  mentorId: z.string(),
  score: z.number(),
  eligible: z.boolean(),
  rank: z.number().nullable().describe('1-based rank among the eligible mentors; null when not eligible.'),
  failed: z.array(z.string()).describe('Hard rules this pair breaks.'),
  scoreDifference: z.number().nullable().describe('Score minus the assigned mentor\'s score (null without one).'),
  breakdown: z.array(breakdownEntrySchema),
});

export const scoresResponseSchema = z
  .object({
    mentees: z.array(
      z.object({
        menteeId: z.string(),
        assigned: z.object({ mentorId: z.string(), score: z.number() }).nullable(),
        eligibleMentors: z.number(),
        candidates: z.array(candidateSchema),
      }),
    ),
    stats: z.object({ mentees: z.number(), mentors: z.number(), engineVersion: z.string(), ms: msSchema.omit({ solve: true }) }),
    inputHash: z.string(),
  })
  .meta({ id: 'ScoresResponse' });

export type MatchResponse = z.output<typeof matchResponseSchema>;
export type ScoresResponse = z.output<typeof scoresResponseSchema>;
export type Stability = z.output<typeof stabilitySchema>;
export type UnmatchedReason = z.output<typeof unmatchedReasonSchema>;
