import type { Core } from '@strapi/strapi';
import type { AnswerValue } from '../../../shared/profile-fields';
import type { MatchingCriterion } from '../../../shared/matching-criteria';
import type { PluginConfig } from '../config';
import { PLUGIN_ID } from '../utils/uids';

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

export class MatcherUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatcherUnavailableError';
  }
}

/** The program's criteria in the matcher's terms (its params are flattened into the criterion). */
export const toMatcherCriteria = (criteria: MatchingCriterion[]) =>
  criteria.map((criterion) => ({
    name: criterion.name,
    kind: criterion.kind,
    weight: criterion.weight,
    // the matcher treats exclude-same as a hard rule only
    required: criterion.kind === 'exclude-same' ? true : criterion.required,
    ...(criterion.menteeAttribute ? { menteeAttribute: criterion.menteeAttribute } : {}),
    ...(criterion.mentorAttribute ? { mentorAttribute: criterion.mentorAttribute } : {}),
    ...(criterion.params ?? {}),
  }));

/** The matcher's limits on one /v1/scores request. */
export const MAX_TOP_K = 100;
export const MAX_NAMED_MENTORS = 1000;

type Json = Record<string, unknown>;
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const firstArray = (record: Json, keys: string[]) => asArray(keys.map((key) => record[key]).find(Array.isArray));
const firstString = (record: Json, keys: string[]) => keys.map((key) => record[key]).find((value): value is string => typeof value === 'string');

/** Reads the top mentors of each mentee from a /v1/scores answer. */
export const readScores = (body: unknown): Map<string, ScoredMentor[]> => {
  const result = new Map<string, ScoredMentor[]>();
  const record = (body ?? {}) as Json;
  for (const entry of firstArray(record, ['results', 'mentees', 'scores', 'data'])) {
    const menteeId = firstString(entry, ['menteeId', 'id']);
    if (!menteeId) continue;
    const mentors = firstArray(entry, ['mentors', 'top', 'candidates', 'suggestions']).map((candidate): ScoredMentor => {
      const breakdown = firstArray(candidate, ['breakdown', 'criteria']);
      return {
        mentorId: firstString(candidate, ['mentorId', 'id']) ?? '',
        score: Number(candidate.score ?? 0),
        eligible: candidate.eligible !== false,
        reasons: breakdown
          .map((item) => ({ criterion: firstString(item, ['name', 'criterion', 'criterionId', 'id']) ?? '', contribution: Number(item.contribution ?? 0) }))
          .filter((item) => item.contribution > 0)
          .sort((a, b) => b.contribution - a.contribution)
          .slice(0, 3),
      };
    });
    result.set(menteeId, mentors);
  }
  return result;
};

/** HTTP client of the matching service, configured by the plugin's matcherUrl / matcherToken / matcherTimeoutMs. */
const matcherClient = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  const post = async (path: string, body: unknown, timeoutMs?: number): Promise<unknown> => {
    const { matcherUrl, matcherToken, matcherTimeoutMs } = config();
    let response: Response;
    try {
      response = await fetch(`${matcherUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${matcherToken}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs ?? matcherTimeoutMs),
      });
    } catch (error) {
      throw new MatcherUnavailableError(`matcher did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw new MatcherUnavailableError(`matcher answered ${response.status}: ${text.slice(0, 500)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new MatcherUnavailableError('matcher answered with something other than JSON');
    }
  };

  return {
    post,

    /**
     * Scores mentors for mentees through POST /v1/scores: the best `topK` of each mentee, plus every
     * mentor named in `mentorIds` whether eligible or not (the directory names the mentors it shows).
     */
    async scores(
      input: { mentees: MatcherParticipant[]; mentors: (MatcherParticipant & { capacity?: number })[]; criteria: MatchingCriterion[]; topK?: number; mentorIds?: string[] },
      options: { timeoutMs?: number } = {},
    ): Promise<Map<string, ScoredMentor[]>> {
      const body = await post(
        '/v1/scores',
        {
          mentees: input.mentees,
          mentors: input.mentors,
          criteria: toMatcherCriteria(input.criteria),
          options: { topK: Math.min(MAX_TOP_K, input.topK ?? 5), mentorIds: (input.mentorIds ?? []).slice(0, MAX_NAMED_MENTORS) },
        },
        options.timeoutMs,
      );
      return readScores(body);
    },
  };
};

export type MatcherClientService = ReturnType<typeof matcherClient>;
export default matcherClient;
