import { buildScoreMatrix } from '../../scoring/score-matrix';
import { buildScoreModel } from '../../scoring/score-model';
import { solveRowsToColumns } from '../../solver/linear-sum-assignment';
import { syntheticCohort } from '../../testing/cohort';
import { randomInt, seededRandom, type Random } from '../../testing/random';
import { matchRequestSchema, type MatchRequest } from '../match-schema';
import { assignmentShape, buildAssignmentProblem, buildCapacitatedProblem, runMatch } from '../match-service';

const limits = { maxCells: 25_000_000, munkresMaxSize: 200 };
const timing = () => ({ validateMs: 0, enqueuedAt: Date.now() });

/** A small cohort with uneven capacities (0 to 4), exclusions, valid locks and both objectives. */
function randomRequest(random: Random, seed: number): MatchRequest {
  const cohort = syntheticCohort(seed, randomInt(random, 1, 24), randomInt(random, 1, 8));
  for (const mentor of cohort.mentors) mentor.capacity = randomInt(random, 0, 4);
  const draft = matchRequestSchema.parse({ ...cohort, options: {} });
  const model = buildScoreModel(draft);
  const matrix = buildScoreMatrix(model);
  const m = model.mentors.length;
  const left = model.mentors.map((mentor) => mentor.capacity);
  const locked: Array<{ menteeId: string; mentorId: string }> = [];
  const excluded: Array<{ menteeId: string; mentorId: string }> = [];
  model.mentees.forEach((mentee, i) => {
    const j = randomInt(random, 0, m - 1);
    const roll = random();
    if (roll < 0.1 && matrix.eligible[i * m + j] === 1 && left[j] > 0) {
      left[j]--;
      locked.push({ menteeId: mentee.id, mentorId: model.mentors[j].id });
    } else if (roll < 0.25) {
      excluded.push({ menteeId: mentee.id, mentorId: model.mentors[j].id });
    }
  });
  return matchRequestSchema.parse({
    ...cohort,
    options: {
      locked,
      excluded,
      minimumScore: [0, 0, 0.3, 0.5][randomInt(random, 0, 3)],
      objective: random() < 0.5 ? 'max-matches' : 'max-score',
    },
  });
}

/** Matches and total score of the free mentees, solved as the copied-columns matrix. */
function copiedColumnsOptimum(request: MatchRequest): { matches: number; score: number } {
  const model = buildScoreModel(request);
  const matrix = buildScoreMatrix(model);
  const m = model.mentors.length;
  const ids = new Map(model.mentors.map((mentor, j) => [mentor.id, j]));
  const menteeIndex = new Map(model.mentees.map((mentee, i) => [mentee.id, i]));
  const lockedMentor = new Int32Array(model.mentees.length).fill(-1);
  for (const lock of request.options.locked) lockedMentor[menteeIndex.get(lock.menteeId)!] = ids.get(lock.mentorId)!;
  const excluded = new Set(request.options.excluded.map((p) => menteeIndex.get(p.menteeId)! * m + ids.get(p.mentorId)!));
  for (const k of excluded) matrix.eligible[k] = 0;
  const shape = assignmentShape(model, matrix, lockedMentor, request.options);
  const problem = buildAssignmentProblem(shape, m);
  let matches = 0;
  let score = 0;
  if (problem.short === 0) return { matches, score };
  const colForRow = solveRowsToColumns(problem.costs, problem.short, problem.long);
  for (let r = 0; r < problem.short; r++) {
    const i = problem.rows[problem.menteesAreRows ? r : colForRow[r]];
    const j = problem.slotMentor[problem.menteesAreRows ? colForRow[r] : r];
    if (shape.isAllowed(i, j)) {
      matches++;
      score += matrix.scores[i * m + j];
    }
  }
  return { matches, score };
}

describe('assignment with capacities as column bounds', () => {
  it('when 300 seeded random cohorts are solved without copied columns, then matches and total score equal the copied-columns optimum', () => {
    const random = seededRandom(4242);
    let withLocks = 0;
    let withLeftOver = 0;
    for (let trial = 0; trial < 300; trial++) {
      const request = randomRequest(random, 9000 + trial);
      const response = runMatch(request, limits, timing());
      const free = response.pairs.filter((p) => !p.locked);
      const lockedScore = response.pairs.filter((p) => p.locked).reduce((sum, p) => sum + p.score, 0);
      const expected = copiedColumnsOptimum(request);
      expect(free.length).toBe(expected.matches);
      expect(response.totalScore - lockedScore).toBeCloseTo(expected.score, 9);
      for (const load of response.mentorLoads) expect(load.assigned).toBeLessThanOrEqual(load.capacity);
      if (request.options.locked.length > 0) withLocks++;
      if (response.unmatched.some((u) => u.reason === 'capacity-exhausted')) withLeftOver++;
    }
    // The seeded cohorts exercise locks and more mentees than places, not only easy cases.
    expect(withLocks).toBeGreaterThan(50);
    expect(withLeftOver).toBeGreaterThan(30);
  });

  it('when places are fewer than mentees, then the problem gets one "unmatched" column and stays mentees x mentors wide', () => {
    const request = matchRequestSchema.parse({ ...syntheticCohort(3, 12, 3, 2), criteria: [], options: {} });
    const model = buildScoreModel(request);
    const shape = assignmentShape(model, buildScoreMatrix(model), new Int32Array(12).fill(-1), request.options);
    const problem = buildCapacitatedProblem(shape, 3);
    expect(problem).toMatchObject({ nRows: 12, nCols: 4 });
    expect(Array.from(problem.capacity)).toEqual([2, 2, 2, 6]);
    expect(Array.from(problem.colMentor)).toEqual([0, 1, 2, -1]);
    const response = runMatch(request, limits, timing());
    expect(response.pairs).toHaveLength(6);
    expect(response.unmatched).toHaveLength(6);
  });

  it('when mentors have capacity 4, then the cell limit counts mentees x mentors, not mentees x places', () => {
    const request = matchRequestSchema.parse({ ...syntheticCohort(1, 30, 30, 4), options: {} });
    expect(() => runMatch(request, { ...limits, maxCells: 30 * 30 }, timing())).not.toThrow();
    expect(() => runMatch(request, { ...limits, maxCells: 30 * 30 - 1 }, timing())).toThrow(
      expect.objectContaining({ status: 413, code: 'too-many-cells' }),
    );
  });
});
