import type { z } from 'zod';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type { CriterionContribution, MentorLoad, PairRef, PoolMember, ProposedPair, RunResult, RunStability, UnmatchedMentee } from '../../../../shared/contracts/staff';
import { validationError } from '../../utils/validation-error';
import {
  matchRequestSchema,
  type BreakdownEntry,
  type MatchRequestBody,
  type MatchResponse,
  type ScoresResponse,
} from '../../../../../matcher/src/contract';

/**
 * The CMS side of the matcher's wire contract. The request and answer schemas are the matcher's
 * own (`matcher/src/contract.ts`); here program criteria and pools become requests of those types,
 * and parsed answers become the shapes staff pages show. Nothing is guessed: an answer that does
 * not follow the contract is refused by the client (matcher-client.ts) before it gets here.
 */

/** Exactly what `POST /v1/match` received for a run (kept on the run, so it can be replayed). */
export type FrozenInputs = MatchRequestBody;

/**
 * A program criterion as the matcher writes it: its name doubles as the id breakdowns refer to, and
 * kind-specific settings (`mode`, `min`, `scale`, ...) kept in `params` become fields of their own.
 * Checked with the rest of the request, against the matcher's criterion schema.
 */
export const toWireCriterion = (criterion: MatchingCriterion): Record<string, unknown> => ({
  ...(criterion.params ?? {}),
  id: criterion.name,
  name: criterion.name,
  kind: criterion.kind,
  weight: criterion.weight,
  required: criterion.kind === 'exclude-same' ? true : Boolean(criterion.required),
  ...(criterion.menteeAttribute ? { menteeAttribute: criterion.menteeAttribute } : {}),
  ...(criterion.mentorAttribute ? { mentorAttribute: criterion.mentorAttribute } : {}),
});

/** JSONPath of a zod issue, as the matcher writes paths: $.pairs[0].menteeId */
const jsonPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$');

/** The first problems of a failed parse, one line: "$.pairs[0].menteeId: Invalid input: expected string, ...". */
export const describeIssues = (error: z.ZodError, limit = 3): string => {
  const shown = error.issues.slice(0, limit).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return `${shown.join('; ')}${more}`;
};

/**
 * The request of a matching run, checked against the matcher's request schema before the run is
 * stored: a criterion or an answer the matcher would refuse is a 400 naming it here.
 */
export const buildInputs = (
  mentees: PoolMember[],
  mentors: PoolMember[],
  criteria: MatchingCriterion[],
  options: { locked: PairRef[]; excluded: PairRef[]; minimumScore: number; engine?: 'jv' | 'munkres'; keepPrevious?: { pairs: PairRef[]; tolerance: number } },
): FrozenInputs => {
  const parsed = matchRequestSchema.safeParse({
    mentees: mentees.map((mentee) => ({ id: mentee.id, attributes: mentee.attributes })),
    mentors: mentors.map((mentor) => ({ id: mentor.id, attributes: mentor.attributes, capacity: mentor.capacity ?? 1 })),
    criteria: criteria.map(toWireCriterion),
    options: {
      locked: options.locked,
      excluded: options.excluded,
      minimumScore: options.minimumScore,
      ...(options.engine ? { engine: options.engine } : {}),
      ...(options.keepPrevious ? { keepPrevious: options.keepPrevious } : {}),
    },
  });
  if (!parsed.success) {
    throw validationError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
        message: `the matcher would refuse this: ${issue.message}`,
      })),
    );
  }
  return parsed.data;
};

export const readBreakdown = (entries: readonly BreakdownEntry[]): CriterionContribution[] =>
  entries.map((entry) => ({
    criterion: entry.name ?? entry.criterion,
    weight: entry.weight,
    match: entry.raw,
    contribution: entry.contribution,
    passed: entry.passed,
  }));

/**
 * The matcher writes participant ids into its explanations ("best: hwbc36... at 0.6"); staff read
 * names. Replaces every id of the run's pool found in the text by that person's name.
 */
export const namePeople = (text: string, names: ReadonlyMap<string, string>): string => {
  if (names.size === 0) return text;
  const ids = [...names.keys()].filter((id) => id.length > 0).sort((a, b) => b.length - a.length);
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(`\\b(?:${escaped.join('|')})\\b`, 'g'), (id) => names.get(id) ?? id);
};

/** A `POST /v1/match` answer as a run's result; names come from the frozen pool. */
export const readMatchResult = (
  answer: MatchResponse,
  names: Map<string, string>,
  locked: PairRef[],
): RunResult & { inputHash: string; engine: string; engineVersion: string; timings: Record<string, number> } => {
  const isLocked = new Set(locked.map((pair) => `${pair.menteeId}|${pair.mentorId}`));
  const nameOf = (id: string) => names.get(id) ?? id;
  const pairs: ProposedPair[] = answer.pairs.map((pair) => ({
    menteeId: pair.menteeId,
    mentorId: pair.mentorId,
    menteeName: nameOf(pair.menteeId),
    mentorName: nameOf(pair.mentorId),
    score: pair.score,
    breakdown: readBreakdown(pair.breakdown),
    locked: pair.locked || isLocked.has(`${pair.menteeId}|${pair.mentorId}`),
  }));
  const unmatched: UnmatchedMentee[] = answer.unmatched.map((item) => ({
    menteeId: item.menteeId,
    menteeName: nameOf(item.menteeId),
    reason: namePeople(item.detail || item.reason, names),
    code: item.reason,
    ...(item.bestMentorId ? { bestMentorId: item.bestMentorId, bestMentorName: nameOf(item.bestMentorId) } : {}),
    ...(item.bestScore !== undefined ? { bestScore: item.bestScore } : {}),
  }));
  const stability: RunStability | null = answer.stability
    ? {
        blockingPairs: answer.stability.blockingPairs,
        strongestGain: answer.stability.strongestGain,
        pairs: answer.stability.pairs.map((pair) => ({
          ...pair,
          menteeName: nameOf(pair.menteeId),
          mentorName: nameOf(pair.mentorId),
          menteeCurrentMentorName: pair.menteeCurrentMentorId ? nameOf(pair.menteeCurrentMentorId) : null,
          displacedMenteeName: pair.displacedMenteeId ? nameOf(pair.displacedMenteeId) : null,
        })),
      }
    : null;
  const mentorLoads: MentorLoad[] = answer.mentorLoads.map((load) => ({
    mentorId: load.mentorId,
    mentorName: nameOf(load.mentorId),
    load: load.assigned,
    capacity: load.capacity,
  }));
  return {
    pairs: pairs.sort((a, b) => b.score - a.score || a.menteeName.localeCompare(b.menteeName)),
    unmatched,
    mentorLoads,
    totalScore: answer.totalScore,
    stats: answer.stats,
    stability,
    keep: answer.keep ?? null,
    inputHash: answer.inputHash,
    engine: answer.stats.engine,
    engineVersion: answer.stats.engineVersion,
    timings: { ...answer.stats.ms },
  };
};

/** One mentee's candidates from a `POST /v1/scores` answer, best first (empty when the mentee is not in it). */
export const readScores = (answer: ScoresResponse, menteeId: string): { mentorId: string; score: number; breakdown: CriterionContribution[] }[] =>
  (answer.mentees.find((entry) => entry.menteeId === menteeId)?.candidates ?? []).map((candidate) => ({
    mentorId: candidate.mentorId,
    score: candidate.score,
    breakdown: readBreakdown(candidate.breakdown),
  }));
