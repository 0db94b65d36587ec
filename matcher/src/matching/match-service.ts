/**
 * Cohort assignment: scores every mentee-mentor pair, keeps locked pairs, then assigns the
 * rest optimally under capacities and hard rules, and says why each unmatched mentee is.
 *
 * The assignment is a transportation problem between the free mentees (rows) and the mentors
 * (columns, each with its free places as capacity), solved on the mentees x mentors matrix
 * itself (`solveWithCapacities`); mentor places are never copied into columns for engine "jv".
 * Forbidden pairs are not +Infinity here but a large finite cost B, so the problem is always
 * feasible and a solution that lands on B simply leaves that mentee unmatched:
 *   allowed pair: cost 1 - score (max-matches) or -score (max-score);  forbidden: B.
 * With B = min(mentees, places) + 2 every extra matched mentee saves more than any score gain
 * can offset, so max-matches maximises the number of matches first and the total score second.
 * When there are fewer places than mentees, one more column "unmatched" at cost 0 takes the
 * mentees left over, so every place is still offered to some mentee, exactly as when the
 * places are the short side of the copied-columns formulation.
 *
 * Engine "munkres" (small inputs only) still receives the copied-columns matrix: one column
 * per place, never padded to square.
 */
import { AppError, jsonPath } from '../errors';
import { assertWithinCellLimit, type ComputeLimits, type RequestTiming } from '../limits';
import { explainPair } from '../scoring/explain';
import { resolvePairRefs } from '../scoring/pair-refs';
import { topMentors } from '../scoring/ranking';
import { buildScoreMatrix, type IndexPair, type ScoreMatrix } from '../scoring/score-matrix';
import { buildScoreModel, type ScoreModel } from '../scoring/score-model';
import { solveWithCapacities } from '../solver/capacitated-assignment';
import { munkresAssignment, munkresVersion } from '../solver/munkres-engine';
import { epochMs, roundMs } from '../timing';
import { packageVersion } from '../version';
import { inputHash } from './input-hash';
import { findBlockingPairs } from './stability';
import type { MatchRequest, MatchResponse, UnmatchedReason } from './match-schema';

type Pair = MatchResponse['pairs'][number];
type Unmatched = MatchResponse['unmatched'][number];

/**
 * Cells the request materialises: the mentees x mentors score matrix, and the assignment's
 * cost matrix of at most mentees x mentors (plus the one "unmatched" column when places are
 * short): capacity is a column's bound, not copies of the column.
 */
export function matchCells(request: Pick<MatchRequest, 'mentees' | 'mentors'>): { scoreCells: number; assignmentCells: number } {
  const cells = request.mentees.length * request.mentors.length;
  return { scoreCells: cells, assignmentCells: cells };
}

export function runMatch(request: MatchRequest, limits: ComputeLimits, timing: RequestTiming): MatchResponse {
  const started = epochMs();
  const queueMs = Math.max(0, started - timing.enqueuedAt);
  const { scoreCells, assignmentCells } = matchCells(request);
  assertWithinCellLimit(scoreCells, limits.maxCells, 'scoring mentees x mentors');
  assertWithinCellLimit(assignmentCells, limits.maxCells, 'assigning mentees to mentors');
  const options = request.options;

  const model = buildScoreModel(request);
  const n = model.mentees.length;
  const m = model.mentors.length;
  const excluded = resolvePairRefs(options.excluded, model, ['options', 'excluded']);
  const locked = resolvePairRefs(options.locked, model, ['options', 'locked']);
  const matrix = buildScoreMatrix(model, excluded);
  const scored = epochMs();

  const excludedSet = new Set(excluded.map(([i, j]) => i * m + j));
  const lockedMentor = checkLocks(model, matrix, locked, excludedSet);

  const shape = assignmentShape(model, matrix, lockedMentor, options);
  const best = solveAssignment(shape, n, m, options.engine, limits);
  const kept = options.keepPrevious
    ? keepPreviousPairs(model, matrix, lockedMentor, options, best, (bonus) => solveAssignment(assignmentShape(model, matrix, lockedMentor, options, bonus), n, m, options.engine, limits))
    : null;
  const assignedMentor = kept ? kept.assigned : best;
  const solved = epochMs();

  // Results, in mentee id order.
  const scores = matrix.scores;
  const minimumScore = options.minimumScore;
  const pairs: Pair[] = [];
  const unmatched: Unmatched[] = [];
  const assignedCount = new Int32Array(m);
  const lockedCount = new Int32Array(m);
  let totalScore = 0;
  for (let i = 0; i < n; i++) {
    const isLocked = lockedMentor[i] >= 0;
    const j = isLocked ? lockedMentor[i] : assignedMentor[i];
    if (j < 0) {
      unmatched.push(explainUnmatched(model, matrix, i, minimumScore, excludedSet));
      continue;
    }
    assignedCount[j]++;
    if (isLocked) lockedCount[j]++;
    const explanation = explainPair(model, i, j, excludedSet.has(i * m + j));
    const score = scores[i * m + j];
    totalScore += score;
    pairs.push({
      menteeId: model.mentees[i].id,
      mentorId: model.mentors[j].id,
      score,
      locked: isLocked,
      breakdown: explanation.breakdown,
      ...(options.topK > 0 ? { alternatives: alternativesFor(model, matrix, i, j, options.topK, minimumScore) } : {}),
    });
  }
  const mentorLoads = model.mentors.map((mentor, j) => ({
    mentorId: mentor.id,
    capacity: mentor.capacity,
    assigned: assignedCount[j],
    locked: lockedCount[j],
    remaining: mentor.capacity - assignedCount[j],
  }));

  const stability = stabilityOf(model, matrix, lockedMentor, assignedMentor, excludedSet, minimumScore);

  const finished = epochMs();
  const engine = options.engine;
  return {
    pairs,
    unmatched,
    mentorLoads,
    totalScore,
    stability,
    ...(kept ? { keep: kept.report } : {}),
    stats: {
      mentees: n,
      mentors: m,
      slots: shape.totalPlaces,
      pairs: pairs.length,
      unmatched: unmatched.length,
      engine,
      engineVersion: engine === 'munkres' ? `${packageVersion}+munkres-js.${munkresVersion}` : packageVersion,
      objective: options.objective,
      ms: {
        validate: roundMs(timing.validateMs),
        queue: roundMs(queueMs),
        score: roundMs(scored - started),
        solve: roundMs(solved - scored),
        total: roundMs(timing.validateMs + queueMs + (finished - started)),
      },
    },
    inputHash: inputHash(request),
  };
}

/**
 * Locks must respect hard rules, exclusions and capacities; every violation is collected and
 * reported at once (422) with the mentees it concerns. Returns the locked mentor per mentee.
 */
function checkLocks(
  model: ScoreModel,
  matrix: ScoreMatrix,
  locked: readonly IndexPair[],
  excludedSet: Set<number>,
): Int32Array {
  const n = model.mentees.length;
  const m = model.mentors.length;
  const lockedMentor = new Int32Array(n).fill(-1);
  const lockedBy: number[][] = model.mentors.map(() => []);
  const conflicts: Array<{ menteeId: string; mentorId: string; reason: string; detail: string }> = [];

  locked.forEach(([i, j], k) => {
    if (lockedMentor[i] >= 0) {
      throw new AppError(400, 'invalid-input', `mentee "${model.mentees[i].id}" is locked more than once`, {
        issues: [{ path: jsonPath(['options', 'locked', k, 'menteeId']), message: `mentee "${model.mentees[i].id}" is locked more than once` }],
      });
    }
    lockedMentor[i] = j;
    lockedBy[j].push(i);
    const menteeId = model.mentees[i].id;
    const mentorId = model.mentors[j].id;
    if (excludedSet.has(i * m + j)) {
      conflicts.push({ menteeId, mentorId, reason: 'excluded', detail: 'the pair is both locked and excluded' });
    } else if (matrix.eligible[i * m + j] !== 1) {
      const failed = explainPair(model, i, j).failed;
      conflicts.push({ menteeId, mentorId, reason: 'hard-rule', detail: `breaks required criteria: ${failed.join(', ')}` });
    }
  });
  model.mentors.forEach((mentor, j) => {
    if (lockedBy[j].length > mentor.capacity) {
      for (const i of lockedBy[j]) {
        conflicts.push({
          menteeId: model.mentees[i].id,
          mentorId: mentor.id,
          reason: 'capacity',
          detail: `${lockedBy[j].length} mentees locked to a mentor with capacity ${mentor.capacity}`,
        });
      }
    }
  });
  if (conflicts.length > 0) {
    const mentees = Array.from(new Set(conflicts.map((c) => c.menteeId)));
    throw new AppError(
      422,
      'infeasible-locks',
      `locked pairs cannot be kept for mentees ${mentees.map((id) => `"${id}"`).join(', ')}: ` +
        conflicts.map((c) => `${c.menteeId} -> ${c.mentorId}: ${c.detail}`).join('; '),
      { details: { mentees, conflicts } },
    );
  }
  return lockedMentor;
}

/**
 * Who may take whom in the free part of the cohort: rows are the free mentees with at least
 * one allowed mentor, and each mentor offers min(free places, mentees allowed to take them).
 */
export interface AssignmentShape {
  /** Mentee index of each row. */
  rows: number[];
  /** Places each mentor offers to the rows (0 for a mentor nobody free may take). */
  places: Int32Array;
  totalPlaces: number;
  /** The cost of mentee i with mentor j (i a mentee index, j a mentor index). */
  cost(i: number, j: number): number;
  /** Writes mentee i's costs with `mentors` (each offering places) into out[offset...]. */
  writeCosts(i: number, mentors: Int32Array, out: Float64Array, offset: number): void;
  /** The cost where a pair is not allowed (a solution there means "unmatched"). */
  forbiddenCost: number;
  /** Whether mentee i may take mentor j (eligible, at or above the minimum, a place left). */
  isAllowed(i: number, j: number): boolean;
}

/** A bonus on each mentee's previous mentor: subtracted from that one cost (see keepPreviousPairs). */
export interface PreviousBonus {
  /** Previous mentor index per mentee, -1 for none. */
  previousMentor: Int32Array;
  bonus: number;
}

export function assignmentShape(
  model: ScoreModel,
  matrix: ScoreMatrix,
  lockedMentor: Int32Array,
  options: Pick<MatchRequest['options'], 'minimumScore' | 'objective'>,
  previous?: PreviousBonus,
): AssignmentShape {
  const n = model.mentees.length;
  const m = model.mentors.length;
  const { scores, eligible } = matrix;
  const minimumScore = options.minimumScore;

  // Places left per mentor once locks are kept.
  const remaining = new Int32Array(m);
  model.mentors.forEach((mentor, j) => (remaining[j] = mentor.capacity));
  for (let i = 0; i < n; i++) if (lockedMentor[i] >= 0) remaining[lockedMentor[i]]--;
  const isAllowed = (i: number, j: number) => {
    const k = i * m + j;
    return eligible[k] === 1 && scores[k] >= minimumScore && remaining[j] > 0;
  };

  const rows: number[] = [];
  const allowedCount = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    if (lockedMentor[i] >= 0) continue;
    let any = false;
    for (let j = 0; j < m; j++) {
      if (isAllowed(i, j)) {
        allowedCount[j]++;
        any = true;
      }
    }
    if (any) rows.push(i);
  }
  const places = new Int32Array(m);
  let totalPlaces = 0;
  for (let j = 0; j < m; j++) {
    places[j] = Math.min(remaining[j], allowedCount[j]);
    totalPlaces += places[j];
  }
  const maxMatches = options.objective === 'max-matches';
  const forbiddenCost = maxMatches ? Math.min(rows.length, totalPlaces) + 2 : 0;
  const previousMentor = previous?.previousMentor;
  const bonus = previous?.bonus ?? 0;
  const bonusOf = (i: number, j: number) => (previousMentor !== undefined && previousMentor[i] === j ? bonus : 0);
  const cost = (i: number, j: number) =>
    isAllowed(i, j) ? (maxMatches ? 1 - scores[i * m + j] : -scores[i * m + j]) - bonusOf(i, j) : forbiddenCost;
  // The same formula over typed arrays without a call per cell (25 M cells at the largest
  // cohort); mentors offering places always have one left, so that test is not repeated.
  const writeCosts = (i: number, mentors: Int32Array, out: Float64Array, offset: number) => {
    const base = i * m;
    for (let c = 0; c < mentors.length; c++) {
      const k = base + mentors[c];
      const score = scores[k];
      out[offset + c] = eligible[k] === 1 && score >= minimumScore ? (maxMatches ? 1 - score : -score) : forbiddenCost;
    }
    if (previousMentor !== undefined && bonus > 0 && previousMentor[i] >= 0) {
      const c = mentors.indexOf(previousMentor[i]);
      if (c >= 0 && out[offset + c] !== forbiddenCost) out[offset + c] -= bonus;
    }
  };
  return { rows, places, totalPlaces, cost, writeCosts, forbiddenCost, isAllowed };
}

/**
 * The transportation form solved by engine "jv": rows x columns where the columns are the
 * mentors offering places (capacity = their places), plus one "unmatched" column at cost 0
 * when there are fewer places than rows. Row-major, minimisation, all cells finite.
 */
export interface CapacitatedProblem {
  costs: Float64Array;
  nRows: number;
  nCols: number;
  capacity: Int32Array;
  /** Mentor index of each column; -1 for the "unmatched" column. */
  colMentor: Int32Array;
}

export function buildCapacitatedProblem(shape: AssignmentShape, nMentors: number): CapacitatedProblem {
  const { rows, places, totalPlaces } = shape;
  const nRows = rows.length;
  const offering: number[] = [];
  for (let j = 0; j < nMentors; j++) if (places[j] > 0) offering.push(j);
  const mentorCols = Int32Array.from(offering);
  const leftOver = Math.max(0, nRows - totalPlaces);
  const nCols = mentorCols.length + (leftOver > 0 ? 1 : 0);
  const colMentor = new Int32Array(nCols).fill(-1);
  const capacity = new Int32Array(nCols);
  mentorCols.forEach((j, c) => {
    colMentor[c] = j;
    capacity[c] = places[j];
  });
  if (leftOver > 0) capacity[nCols - 1] = leftOver;
  // The "unmatched" column, when there is one, stays at cost 0.
  const costs = new Float64Array(nRows * nCols);
  for (let r = 0; r < nRows; r++) shape.writeCosts(rows[r], mentorCols, costs, r * nCols);
  return { costs, nRows, nCols, capacity, colMentor };
}

/**
 * The copied-columns form (engine "munkres", and the reference the benchmark gives scipy and
 * lap): a mentor with p places contributes p identical columns, and the matrix is built
 * already oriented with no more rows than columns, never padded to square.
 */
export interface AssignmentProblem {
  /** Mentee index of each problem row (mentee side). */
  rows: number[];
  /** Mentor index of each place (column side before orientation). */
  slotMentor: number[];
  /** Whether the matrix rows are mentees (else they are places: the transposed orientation). */
  menteesAreRows: boolean;
  costs: Float64Array;
  short: number;
  long: number;
}

export function buildAssignmentProblem(shape: AssignmentShape, nMentors: number): AssignmentProblem {
  const { rows, places } = shape;
  const slotMentor: number[] = [];
  for (let j = 0; j < nMentors; j++) for (let p = 0; p < places[j]; p++) slotMentor.push(j);
  const nRows = rows.length;
  const nSlots = slotMentor.length;
  const menteesAreRows = nRows <= nSlots;
  const short = Math.min(nRows, nSlots);
  const long = Math.max(nRows, nSlots);
  const costs = new Float64Array(short * long);
  const mentorCost = new Float64Array(nMentors);
  for (let r = 0; r < nRows; r++) {
    const i = rows[r];
    for (let j = 0; j < nMentors; j++) mentorCost[j] = places[j] > 0 ? shape.cost(i, j) : shape.forbiddenCost;
    if (menteesAreRows) {
      const base = r * nSlots;
      for (let s = 0; s < nSlots; s++) costs[base + s] = mentorCost[slotMentor[s]];
    } else {
      for (let s = 0; s < nSlots; s++) costs[s * nRows + r] = mentorCost[slotMentor[s]];
    }
  }
  return { rows, slotMentor, menteesAreRows, costs, short, long };
}

/** Solves the problem; returns the assigned mentor per mentee (-1 = none). */
function solveAssignment(
  shape: AssignmentShape,
  nMentees: number,
  nMentors: number,
  engine: MatchRequest['options']['engine'],
  limits: ComputeLimits,
): Int32Array {
  const assigned = new Int32Array(nMentees).fill(-1);
  const { rows, totalPlaces } = shape;
  if (Math.min(rows.length, totalPlaces) === 0) return assigned;

  if (engine === 'munkres') {
    // munkres-js pads to a square of the longer side: that is what the limit bounds. Checked
    // before the copied-columns matrix is built, which could be far larger than the request.
    const size = Math.max(rows.length, totalPlaces);
    if (size > limits.munkresMaxSize) {
      throw new AppError(
        413,
        'engine-size-limit',
        `engine "munkres" accepts at most ${limits.munkresMaxSize} mentees or mentor places after locks and capacity expansion; ` +
          `this run needs ${size}. Use engine "jv".`,
        { details: { engine: 'munkres', limit: limits.munkresMaxSize, size } },
      );
    }
    const problem = buildAssignmentProblem(shape, nMentors);
    const { costs, short, long, slotMentor, menteesAreRows } = problem;
    const result = munkresAssignment(costs, short, long, { maxSize: limits.munkresMaxSize });
    for (let k = 0; k < result.rowIndices.length; k++) {
      const a = result.rowIndices[k];
      const b = result.colIndices[k];
      const i = rows[menteesAreRows ? a : b];
      const j = slotMentor[menteesAreRows ? b : a];
      if (shape.isAllowed(i, j)) assigned[i] = j;
    }
    return assigned;
  }

  const problem = buildCapacitatedProblem(shape, nMentors);
  const colForRow = solveWithCapacities(problem.costs, problem.nRows, problem.nCols, problem.capacity);
  for (let r = 0; r < problem.nRows; r++) {
    const i = rows[r];
    const j = problem.colMentor[colForRow[r]];
    if (j >= 0 && shape.isAllowed(i, j)) assigned[i] = j;
  }
  return assigned;
}

/**
 * "Change as few pairs as possible": re-solves with a bonus b on every previous pair. The bonused
 * optimum maximises total + b x kept, so against the best assignment it gives up at most
 * b x (kept - keptByBest) <= b x previousPairs of total score; b = tolerance x best / previousPairs
 * therefore never gives up more than the tolerance. With tolerance 0 the bonus is tiny (it only
 * breaks ties between equal totals, which cohort-shaped scores have many of) and the result is
 * checked: a bonused answer that gives up more than allowed (or places fewer mentees) halves the
 * bonus, and after a few halvings the best assignment itself is kept.
 */
function keepPreviousPairs(
  model: ScoreModel,
  matrix: ScoreMatrix,
  lockedMentor: Int32Array,
  options: MatchRequest['options'],
  best: Int32Array,
  solveWith: (bonus: PreviousBonus) => Int32Array,
): { assigned: Int32Array; report: NonNullable<MatchResponse['keep']> } {
  const keep = options.keepPrevious!;
  const n = model.mentees.length;
  const m = model.mentors.length;
  const previousMentor = new Int32Array(n).fill(-1);
  let previousPairs = 0;
  for (const ref of keep.pairs) {
    const i = model.menteeIndex.get(ref.menteeId);
    const j = model.mentorIndex.get(ref.mentorId);
    if (i === undefined || j === undefined || lockedMentor[i] >= 0 || previousMentor[i] >= 0) continue;
    previousMentor[i] = j;
    previousPairs++;
  }
  const totalOf = (assigned: Int32Array) => {
    let total = 0;
    let placed = 0;
    for (let i = 0; i < n; i++) {
      const j = lockedMentor[i] >= 0 ? lockedMentor[i] : assigned[i];
      if (j < 0) continue;
      total += matrix.scores[i * m + j];
      if (lockedMentor[i] < 0) placed++;
    }
    return { total, placed };
  };
  const keptIn = (assigned: Int32Array) => {
    let count = 0;
    for (let i = 0; i < n; i++) if (previousMentor[i] >= 0 && assigned[i] === previousMentor[i]) count++;
    return count;
  };
  const bestTotals = totalOf(best);
  const allowed = keep.tolerance * bestTotals.total;
  // Float sums of the same scores in another order differ in the last bits, not more.
  const slack = 1e-9 * Math.max(1, bestTotals.total);
  let chosen = best;
  if (previousPairs > 0) {
    let bonus = allowed > 0 ? allowed / previousPairs : 1e-6 / previousPairs;
    for (let attempt = 0; attempt < 6; attempt++, bonus /= 2) {
      const candidate = solveWith({ previousMentor, bonus });
      const totals = totalOf(candidate);
      if (totals.placed >= bestTotals.placed && bestTotals.total - totals.total <= allowed + slack) {
        if (keptIn(candidate) > keptIn(best)) chosen = candidate;
        break;
      }
    }
  }
  const kept = keptIn(chosen);
  const givenUp = bestTotals.total - totalOf(chosen).total;
  return {
    assigned: chosen,
    report: {
      tolerance: keep.tolerance,
      previousPairs,
      kept,
      changed: previousPairs - kept,
      changedWithoutKeeping: previousPairs - keptIn(best),
      bestTotalScore: bestTotals.total,
      scoreGivenUp: Math.max(0, Math.round(givenUp * 1e9) / 1e9),
    },
  };
}

function explainUnmatched(
  model: ScoreModel,
  matrix: ScoreMatrix,
  i: number,
  minimumScore: number,
  excludedSet: Set<number>,
): Unmatched {
  const m = model.mentors.length;
  const menteeId = model.mentees[i].id;
  let eligibleCount = 0;
  let aboveMinimum = 0;
  let best = -1;
  for (let j = 0; j < m; j++) {
    const k = i * m + j;
    if (matrix.eligible[k] !== 1) continue;
    eligibleCount++;
    if (matrix.scores[k] >= minimumScore) aboveMinimum++;
    if (best < 0 || matrix.scores[k] > matrix.scores[i * m + best]) best = j;
  }
  const bestFields =
    best >= 0 ? { bestMentorId: model.mentors[best].id, bestScore: matrix.scores[i * m + best] } : {};
  let reason: UnmatchedReason;
  let detail: string;
  if (eligibleCount === 0) {
    reason = 'no-eligible-mentor';
    detail = m === 0 ? 'there are no mentors in this run' : `no mentor passes every hard rule (${failureSummary(model, i, excludedSet)})`;
  } else if (aboveMinimum === 0) {
    reason = 'below-minimum-score';
    detail =
      `${eligibleCount} eligible mentor${eligibleCount === 1 ? '' : 's'}, best ${model.mentors[best].id} ` +
      `at ${formatScore(matrix.scores[i * m + best])}, under the minimum score ${formatScore(minimumScore)}`;
  } else {
    reason = 'capacity-exhausted';
    detail =
      `${aboveMinimum} eligible mentor${aboveMinimum === 1 ? '' : 's'} at or above the minimum score, ` +
      `all places taken by other mentees (best: ${model.mentors[best].id} at ${formatScore(matrix.scores[i * m + best])})`;
  }
  return { menteeId, reason, detail, ...bestFields };
}

const STABILITY_PAIRS_SHOWN = 50;

/** The assignment's blocking pairs, by participant id (see stability.ts). */
function stabilityOf(
  model: ScoreModel,
  matrix: ScoreMatrix,
  lockedMentor: ArrayLike<number>,
  assignedMentor: ArrayLike<number>,
  excludedSet: Set<number>,
  minimumScore: number,
): NonNullable<MatchResponse['stability']> {
  const n = model.mentees.length;
  const finalMentor = Int32Array.from({ length: n }, (_, i) => (lockedMentor[i] >= 0 ? lockedMentor[i] : assignedMentor[i]));
  const blocking = findBlockingPairs({
    matrix,
    assignedMentor: finalMentor,
    capacity: model.mentors.map((mentor) => mentor.capacity),
    lockedMentee: Array.from({ length: n }, (_, i) => lockedMentor[i] >= 0),
    excluded: excludedSet,
    minimumScore,
  });
  const menteeId = (i: number) => (i >= 0 ? model.mentees[i].id : null);
  const mentorId = (j: number) => (j >= 0 ? model.mentors[j].id : null);
  return {
    blockingPairs: blocking.length,
    strongestGain: blocking.length > 0 ? Math.min(blocking[0].menteeGain, blocking[0].mentorGain) : 0,
    pairs: blocking.slice(0, STABILITY_PAIRS_SHOWN).map((pair) => ({
      menteeId: model.mentees[pair.mentee].id,
      mentorId: model.mentors[pair.mentor].id,
      score: pair.score,
      menteeCurrentMentorId: mentorId(pair.menteeCurrentMentor),
      menteeCurrentScore: pair.menteeCurrentScore,
      displacedMenteeId: menteeId(pair.mentorDisplacedMentee),
      displacedScore: pair.mentorDisplacedScore,
      menteeGain: pair.menteeGain,
      mentorGain: pair.mentorGain,
    })),
  };
}

/** "different-country rules out 310, excluded pair 2": how many mentors each hard rule removes. */
function failureSummary(model: ScoreModel, i: number, excludedSet: Set<number>): string {
  const m = model.mentors.length;
  const counts = new Map<string, number>();
  // Explaining every pair is O(mentors x criteria) allocations; fine for the few mentees this
  // concerns, bounded for pathological inputs.
  const limit = Math.min(m, 5000);
  for (let j = 0; j < limit; j++) {
    for (const id of explainPair(model, i, j, excludedSet.has(i * m + j)).failed) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const parts = Array.from(counts, ([id, count]) => `${id} rules out ${count}`);
  return (parts.join(', ') || 'no rule failed') + (limit < m ? ` among the first ${limit} mentors` : '');
}

function alternativesFor(
  model: ScoreModel,
  matrix: ScoreMatrix,
  i: number,
  assignedMentor: number,
  k: number,
  minimumScore: number,
): Array<{ mentorId: string; score: number; scoreDifference: number }> {
  const m = model.mentors.length;
  const assignedScore = matrix.scores[i * m + assignedMentor];
  const best = topMentors(matrix, i, k, (j) => j !== assignedMentor && matrix.scores[i * m + j] >= minimumScore);
  return best.map((j) => {
    const score = matrix.scores[i * m + j];
    return { mentorId: model.mentors[j].id, score, scoreDifference: score - assignedScore };
  });
}

function formatScore(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}
