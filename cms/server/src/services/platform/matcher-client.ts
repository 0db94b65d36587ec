import type { Core } from '@strapi/strapi';
import type { AnswerValue } from '../../../../shared/profile-fields';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type { PluginConfig } from '../../config';
import { PLUGIN_ID } from '../../utils/uids';
import { toWireCriterion } from './matching-wire';

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

/** The program's criteria in the matcher's terms (kept for callers that use this name). */
export const toMatcherCriteria = (criteria: MatchingCriterion[]) => criteria.map(toWireCriterion);

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

/** The matcher's error body ({ error: { message, path } } or similar) as one line. */
const describeBody = (body: unknown): string | null => {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 500) : null;
  const record = body as Json;
  const error = (record.error ?? record) as Json | string;
  if (typeof error === 'string') return error;
  const message = typeof error.message === 'string' ? error.message : null;
  const path = Array.isArray(error.path) ? error.path.join('.') : typeof error.path === 'string' ? error.path : null;
  const details = asArray(error.details ?? error.issues);
  const first = details[0];
  const detail = first ? `${Array.isArray(first.path) ? `${first.path.join('.')}: ` : ''}${String(first.message ?? '')}` : null;
  return [path && message ? `${path}: ${message}` : message, detail && detail !== message ? detail : null].filter(Boolean).join(' — ') || null;
};

/** HTTP client of the matching service, configured by the plugin's matcherUrl / matcherToken / matcherTimeoutMs. */
const matcherClient = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  const post = async <T = unknown>(path: string, body: unknown, timeoutMs?: number): Promise<T> => {
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
      const said = describeBody(parsed);
      throw new MatcherError(`The matcher answered ${response.status}${said ? `: ${said}` : ''}`, response.status);
    }
    if (parsed === null || typeof parsed !== 'object') throw new MatcherError('The matcher answered with something other than JSON', response.status);
    return parsed as T;
  };

  return {
    post,

    /** POST /v1/match with a run's frozen inputs, as they are. */
    match: <T = unknown>(body: unknown) => post<T>('/v1/match', body),

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
          criteria: input.criteria.map(toWireCriterion),
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
