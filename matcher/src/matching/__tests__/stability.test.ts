import type { ScoreMatrix } from '../../scoring/score-matrix';
import { matchRequestSchema } from '../match-schema';
import { runMatch } from '../match-service';
import { findBlockingPairs, type StabilityInput } from '../stability';

/** A hand-made matrix: rows are mentees, columns mentors; null = forbidden by a hard rule. */
const matrixOf = (rows: (number | null)[][]): ScoreMatrix => {
  const n = rows.length;
  const m = rows[0]?.length ?? 0;
  const scores = new Float64Array(n * m);
  const eligible = new Uint8Array(n * m);
  rows.forEach((row, i) =>
    row.forEach((value, j) => {
      scores[i * m + j] = value ?? 0;
      eligible[i * m + j] = value === null ? 0 : 1;
    }),
  );
  return { nMentees: n, nMentors: m, scores, eligible };
};

const input = (rows: (number | null)[][], assignedMentor: number[], overrides: Partial<StabilityInput> = {}): StabilityInput => ({
  matrix: matrixOf(rows),
  assignedMentor,
  capacity: rows[0].map(() => 1),
  lockedMentee: assignedMentor.map(() => false),
  excluded: new Set(),
  minimumScore: 0,
  ...overrides,
});

describe('findBlockingPairs', () => {
  // a prefers x (0.9) to y (0.8); x prefers a (0.9) to b (0.85). The best total (a-y, b-x = 1.65)
  // beats the stable assignment (a-x, b-y = 1.0), and leaves a and x wanting each other.
  const crossed = [
    [0.9, 0.8],
    [0.85, 0.1],
  ];

  it('when the best total pairs a with y and b with x, then a and x block it, with gains 0.1 and 0.05', () => {
    const blocking = findBlockingPairs(input(crossed, [1, 0]));
    expect(blocking).toHaveLength(1);
    expect(blocking[0]).toMatchObject({ mentee: 0, mentor: 0, score: 0.9, menteeCurrentMentor: 1, menteeCurrentScore: 0.8, mentorDisplacedMentee: 1, mentorDisplacedScore: 0.85 });
    expect(blocking[0].menteeGain).toBeCloseTo(0.1, 12);
    expect(blocking[0].mentorGain).toBeCloseTo(0.05, 12);
  });

  it('when the assignment is the stable one, then there is no blocking pair', () => {
    expect(findBlockingPairs(input(crossed, [0, 1]))).toEqual([]);
  });

  it('when the pair is forbidden, excluded, under the minimum score or the mentee is locked, then it does not block', () => {
    expect(findBlockingPairs(input([[null, 0.8], [0.85, 0.1]], [1, 0]))).toEqual([]);
    expect(findBlockingPairs(input(crossed, [1, 0], { excluded: new Set([0]) }))).toEqual([]);
    expect(findBlockingPairs(input(crossed, [1, 0], { minimumScore: 0.95 }))).toEqual([]);
    expect(findBlockingPairs(input(crossed, [1, 0], { lockedMentee: [true, false] }))).toEqual([]);
  });

  it('when the mentor\'s only mentee is locked, then nobody can displace them', () => {
    expect(findBlockingPairs(input(crossed, [1, 0], { lockedMentee: [false, true] }))).toEqual([]);
  });

  it('when a mentee is unmatched and a mentor has a free place, then they block with the whole score as gains', () => {
    const blocking = findBlockingPairs(input([[0.4, 0.7]], [-1], { capacity: [1, 1] }));
    expect(blocking.map((pair) => [pair.mentee, pair.mentor, pair.menteeGain, pair.mentorGain])).toEqual([
      [0, 1, 0.7, 0.7],
      [0, 0, 0.4, 0.4],
    ]);
    expect(blocking[0]).toMatchObject({ menteeCurrentMentor: -1, menteeCurrentScore: null, mentorDisplacedMentee: -1, mentorDisplacedScore: null });
  });

  it('when a mentor has two places, then they would give up their weaker mentee only', () => {
    // x holds b (0.5) and c (0.3); a sits with y at 0.2 and would rather have x at 0.4: x drops c.
    const blocking = findBlockingPairs(input([[0.4, 0.2], [0.5, 0.1], [0.3, 0.1]], [1, 0, 0], { capacity: [2, 1] }));
    expect(blocking).toHaveLength(1);
    expect(blocking[0]).toMatchObject({ mentee: 0, mentor: 0, mentorDisplacedMentee: 2, mentorDisplacedScore: 0.3 });
    expect(blocking[0].mentorGain).toBeCloseTo(0.1, 12);
  });

  it('when scores tie, then nobody strictly prefers and nothing blocks', () => {
    expect(findBlockingPairs(input([[0.5, 0.5], [0.5, 0.5]], [1, 0]))).toEqual([]);
  });
});

describe('runMatch stability report', () => {
  const limits = { maxCells: 1_000_000, munkresMaxSize: 200 };
  const level = { kind: 'closeness', id: 'level', menteeAttribute: 'level', mentorAttribute: 'level', weight: 1, scale: 10 };
  const abroad = { kind: 'different', id: 'abroad', menteeAttribute: 'country', mentorAttribute: 'country', required: true };
  // a can only have x (y shares a's country); b is closest to x. Matching as many as possible gives
  // a-x and b-y, yet b and x would both rather be together.
  const body = {
    mentees: [
      { id: 'a', attributes: { level: 5, country: 'fr' } },
      { id: 'b', attributes: { level: 1, country: 'de' } },
    ],
    mentors: [
      { id: 'x', attributes: { level: 1, country: 'us' } },
      { id: 'y', attributes: { level: 9, country: 'fr' } },
    ],
    criteria: [level, abroad],
  };
  const run = (extra: Record<string, unknown> = {}) =>
    runMatch(matchRequestSchema.parse({ ...body, ...extra }), limits, { validateMs: 0, enqueuedAt: Date.now() });

  it('when placing everyone leaves a mentee and a mentor wanting each other, then the answer reports that blocking pair with both gains', () => {
    const response = run();
    expect(response.pairs.map((pair) => `${pair.menteeId}-${pair.mentorId}`)).toEqual(['a-x', 'b-y']);
    const score = (mentee: string) => response.pairs.find((pair) => pair.menteeId === mentee)?.score ?? NaN;
    expect(response.stability).toMatchObject({ blockingPairs: 1 });
    const [pair] = response.stability?.pairs ?? [];
    expect(pair).toMatchObject({ menteeId: 'b', mentorId: 'x', menteeCurrentMentorId: 'y', displacedMenteeId: 'a' });
    expect(pair.score).toBeCloseTo(1, 12);
    expect(pair.menteeGain).toBeCloseTo(1 - score('b'), 12);
    expect(pair.mentorGain).toBeCloseTo(1 - score('a'), 12);
    expect(response.stability?.strongestGain).toBeCloseTo(Math.min(pair.menteeGain, pair.mentorGain), 12);
  });

  it('when staff lock the displaced mentee, then nobody can take their place and the run is reported stable', () => {
    expect(run({ options: { locked: [{ menteeId: 'a', mentorId: 'x' }] } }).stability).toEqual({ blockingPairs: 0, strongestGain: 0, pairs: [] });
  });
});
