import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type { CriterionContribution, MentorLoad, PairRef, PoolMember, ProposedPair, RunResult, UnmatchedMentee } from '../../../../shared/contracts/staff';

/**
 * The matcher's wire format, in one place: what the CMS sends to `POST /v1/match` and
 * `POST /v1/scores`, and how their answers are read into the shapes staff pages show.
 */
export interface WireCriterion {
  id: string;
  name: string;
  kind: MatchingCriterion['kind'];
  weight: number;
  required: boolean;
  menteeAttribute?: string;
  mentorAttribute?: string;
  [param: string]: unknown;
}

/** Exactly what `POST /v1/match` received for a run (kept on the run, so it can be replayed). */
export interface FrozenInputs {
  mentees: { id: string; attributes: Record<string, unknown> }[];
  mentors: { id: string; attributes: Record<string, unknown>; capacity: number }[];
  criteria: WireCriterion[];
  options: { locked: PairRef[]; excluded: PairRef[]; minimumScore: number; engine?: 'jv' | 'munkres'; topK?: number };
}

/**
 * A program criterion in the matcher's terms: its name doubles as the id breakdowns refer to, and
 * kind-specific settings (`mode`, `min`, `scale`, ...) kept in `params` become fields of their own.
 */
export const toWireCriterion = (criterion: MatchingCriterion): WireCriterion => ({
  ...(criterion.params ?? {}),
  id: criterion.name,
  name: criterion.name,
  kind: criterion.kind,
  weight: criterion.weight,
  required: criterion.kind === 'exclude-same' ? true : Boolean(criterion.required),
  ...(criterion.menteeAttribute ? { menteeAttribute: criterion.menteeAttribute } : {}),
  ...(criterion.mentorAttribute ? { mentorAttribute: criterion.mentorAttribute } : {}),
});

export const buildInputs = (
  mentees: PoolMember[],
  mentors: PoolMember[],
  criteria: MatchingCriterion[],
  options: FrozenInputs['options'],
): FrozenInputs => ({
  mentees: mentees.map((mentee) => ({ id: mentee.id, attributes: mentee.attributes })),
  mentors: mentors.map((mentor) => ({ id: mentor.id, attributes: mentor.attributes, capacity: mentor.capacity ?? 1 })),
  criteria: criteria.map(toWireCriterion),
  options: {
    locked: options.locked,
    excluded: options.excluded,
    minimumScore: options.minimumScore,
    ...(options.engine ? { engine: options.engine } : {}),
  },
});

type Loose = Record<string, unknown>;
const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback);
const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

export const readBreakdown = (raw: unknown): CriterionContribution[] => {
  const list: Loose[] = Array.isArray(raw)
    ? (raw as Loose[])
    : raw && typeof raw === 'object'
      ? Object.entries(raw as Record<string, Loose>).map(([criterion, value]): Loose => ({ criterion, ...value }))
      : [];
  return list.map((item) => ({
    criterion: str(item.name ?? item.criterion),
    weight: num(item.weight),
    match: num(item.match ?? item.raw ?? item.value),
    contribution: num(item.contribution),
    ...(typeof item.passed === 'boolean' ? { passed: item.passed } : {}),
  }));
};

/** Reads a `POST /v1/match` answer; names come from the frozen pool. */
export const readMatchResult = (
  body: Loose,
  names: Map<string, string>,
  capacities: Map<string, number>,
  locked: PairRef[],
): RunResult & { inputHash: string | null; engine: string | null; engineVersion: string | null; timings: Record<string, number> } => {
  const isLocked = new Set(locked.map((pair) => `${pair.menteeId}|${pair.mentorId}`));
  const pairs: ProposedPair[] = ((body.pairs as Loose[] | undefined) ?? []).map((pair) => {
    const menteeId = str(pair.menteeId ?? pair.mentee);
    const mentorId = str(pair.mentorId ?? pair.mentor);
    return {
      menteeId,
      mentorId,
      menteeName: names.get(menteeId) ?? menteeId,
      mentorName: names.get(mentorId) ?? mentorId,
      score: num(pair.score),
      breakdown: readBreakdown(pair.breakdown),
      locked: Boolean(pair.locked) || isLocked.has(`${menteeId}|${mentorId}`),
    };
  });
  const unmatched: UnmatchedMentee[] = ((body.unmatched as Loose[] | undefined) ?? []).map((item) => {
    const menteeId = str(item.menteeId ?? item.mentee ?? item.id);
    return { menteeId, menteeName: names.get(menteeId) ?? menteeId, reason: str(item.detail ?? item.message ?? item.reason) || 'no reason given' };
  });
  const loadsRaw = body.mentorLoads;
  const loadEntries: [string, number, number | undefined][] = Array.isArray(loadsRaw)
    ? (loadsRaw as Loose[]).map((item) => [str(item.mentorId ?? item.mentor ?? item.id), num(item.load ?? item.assigned), item.capacity === undefined ? undefined : num(item.capacity)])
    : loadsRaw && typeof loadsRaw === 'object'
      ? Object.entries(loadsRaw as Record<string, unknown>).map(([id, value]) =>
          typeof value === 'object' && value ? [id, num((value as Loose).load ?? (value as Loose).assigned), num((value as Loose).capacity)] : [id, num(value), undefined],
        )
      : [];
  const mentorLoads: MentorLoad[] = loadEntries.map(([mentorId, load, capacity]) => ({
    mentorId,
    mentorName: names.get(mentorId) ?? mentorId,
    load,
    capacity: capacity ?? capacities.get(mentorId) ?? 1,
  }));
  const stats = (body.stats as Loose | undefined) ?? {};
  const timingSource = (stats.timings ?? stats.ms ?? stats.millis ?? stats.durations ?? {}) as Record<string, unknown>;
  const timings = Object.fromEntries(Object.entries(timingSource).filter(([, value]) => typeof value === 'number')) as Record<string, number>;
  return {
    pairs: pairs.sort((a, b) => b.score - a.score || a.menteeName.localeCompare(b.menteeName)),
    unmatched,
    mentorLoads,
    totalScore: num(body.totalScore, pairs.reduce((sum, pair) => sum + pair.score, 0)),
    stats,
    inputHash: typeof body.inputHash === 'string' ? body.inputHash : null,
    engine: typeof stats.engine === 'string' ? stats.engine : null,
    engineVersion: typeof stats.engineVersion === 'string' ? stats.engineVersion : typeof stats.version === 'string' ? stats.version : typeof body.version === 'string' ? body.version : null,
    timings,
  };
};

/** Reads a `POST /v1/scores` answer for one mentee: its candidates, best first. */
export const readScores = (body: Loose, menteeId: string): { mentorId: string; score: number; breakdown: CriterionContribution[] }[] => {
  const lists = (body.mentees ?? body.results ?? body.scores ?? body.top) as unknown;
  let entry: Loose | undefined;
  if (Array.isArray(lists)) entry = (lists as Loose[]).find((item) => str(item.menteeId ?? item.mentee ?? item.id) === menteeId);
  else if (lists && typeof lists === 'object') entry = { candidates: (lists as Record<string, unknown>)[menteeId] };
  const candidates = (entry?.candidates ?? entry?.mentors ?? entry?.top ?? entry?.scores ?? []) as Loose[];
  return (Array.isArray(candidates) ? candidates : []).map((item) => ({
    mentorId: str(item.mentorId ?? item.mentor ?? item.id),
    score: num(item.score),
    breakdown: readBreakdown(item.breakdown),
  }));
};
