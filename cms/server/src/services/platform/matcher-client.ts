import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import type { AnswerValue } from '../../../../shared/profile-fields';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type { PluginConfig } from '../../config';
import { PLUGIN_ID } from '../../utils/uids';
import {
  errorResponseSchema,
  matchResponseSchema,
  scoresRequestSchema,
  scoresResponseSchema,
  type MatchRequestBody,
  type ScoresRequestBody,
  type ScoresResponse,
} from '../../../../../matcher/src/contract';
import { describeIssues, toWireCriterion } from './matching-wire';

/** A failure talking to the matcher, with a message staff can act on (and the HTTP status, if any). */
export class MatcherError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'MatcherError';
  }
}

/** Kept for callers that name the failure by what it means to them. */
export const MatcherUnavailableError = MatcherError;

export interface MatcherParticipant {
  id: string;
  attributes: Record<string, AnswerValue>;
}

export interface ScoredMentor {
  mentorId: string;
  score: number;
  /** false when a hard rule forbids the pair */
  eligible: boolean;
  reasons: { criterion: string; contribution: number }[];
}

/** The matcher's limits on one /v1/scores request. */
export const MAX_TOP_K = 100;
export const MAX_NAMED_MENTORS = 1000;

/** Each mentee's listed mentors from a /v1/scores answer, with the three criteria that add most to each score. */
export const readTopMentors = (answer: ScoresResponse): Map<string, ScoredMentor[]> =>
  new Map(
    answer.mentees.map((entry) => [
      entry.menteeId,
      entry.candidates.map((candidate) => ({
        mentorId: candidate.mentorId,
        score: candidate.score,
        eligible: candidate.eligible,
        reasons: candidate.breakdown
          .map((item) => ({ criterion: item.name ?? item.criterion, contribution: item.contribution }))
          .filter((item) => item.contribution > 0)
          .sort((a, b) => b.contribution - a.contribution)
          .slice(0, 3),
      })),
    ]),
  );

/** What the matcher said when it refused a request: its error message, or the start of a body that is not one. */
const describeRefusal = (parsed: unknown, text: string): string | null => {
  const refusal = errorResponseSchema.safeParse(parsed);
  if (refusal.success) {
    const { message, issues } = refusal.data.error;
    const more = issues && issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
    return `${message}${more}`;
  }
  return text ? text.slice(0, 300) : null;
};

/** HTTP client of the matching service, configured by the plugin's matcherUrl / matcherToken / matcherTimeoutMs. */
const matcherClient = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  /** POSTs a request and parses the answer with the matcher's own response schema. */
  const post = async <S extends z.ZodType>(path: string, body: unknown, answerSchema: S, timeoutMs?: number): Promise<z.output<S>> => {
    const { matcherUrl, matcherToken, matcherTimeoutMs } = config();
    const limit = timeoutMs ?? matcherTimeoutMs;
    let response: Response;
    try {
      response = await fetch(`${matcherUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${matcherToken}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(limit),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new MatcherError(`The matcher did not answer within ${Math.max(1, Math.round(limit / 1000))} s`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new MatcherError(`The matcher could not be reached at ${matcherUrl} (${cause?.code ?? cause?.message ?? (error as Error).message})`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const said = describeRefusal(parsed, text);
      throw new MatcherError(`The matcher answered ${response.status}${said ? `: ${said}` : ''}`, response.status);
    }
    if (parsed === null || typeof parsed !== 'object') throw new MatcherError('The matcher answered with something other than JSON', response.status);
    const answer = answerSchema.safeParse(parsed);
    if (!answer.success) {
      throw new MatcherError(`The matcher's answer to ${path} does not follow its contract: ${describeIssues(answer.error)}`, response.status);
    }
    return answer.data;
  };

  /** POST /v1/scores with a request as the matcher defines it. */
  const scoreRequest = (body: ScoresRequestBody, options: { timeoutMs?: number } = {}) => post('/v1/scores', body, scoresResponseSchema, options.timeoutMs);

  return {
    post,
    scoreRequest,

    /** POST /v1/match with a run's frozen inputs, as they are. */
    match: (body: MatchRequestBody) => post('/v1/match', body, matchResponseSchema),

    /**
     * Scores mentors for mentees through POST /v1/scores: the best `topK` of each mentee, plus every
     * mentor named in `mentorIds` whether eligible or not (the directory names the mentors it shows).
     */
    async scores(
      input: { mentees: MatcherParticipant[]; mentors: (MatcherParticipant & { capacity?: number })[]; criteria: MatchingCriterion[]; topK?: number; mentorIds?: string[] },
      options: { timeoutMs?: number } = {},
    ): Promise<Map<string, ScoredMentor[]>> {
      // The criteria are checked here (a program's settings, named in plain words if wrong); the people
      // are typed as the matcher defines them and checked there, not parsed twice, which for a
      // directory's thousands of mentors cost as much as the scoring.
      const criteria = scoresRequestSchema.shape.criteria.safeParse(input.criteria.map(toWireCriterion));
      if (!criteria.success) throw new MatcherError(`The request to /v1/scores would be refused by the matcher: ${describeIssues(criteria.error)}`);
      const request: ScoresRequestBody = {
        mentees: input.mentees,
        mentors: input.mentors,
        criteria: criteria.data,
        options: { topK: Math.min(MAX_TOP_K, input.topK ?? 5), mentorIds: (input.mentorIds ?? []).slice(0, MAX_NAMED_MENTORS) },
      };
      return readTopMentors(await scoreRequest(request, options));
    },
  };
};

export type MatcherClientService = ReturnType<typeof matcherClient>;
export default matcherClient;
