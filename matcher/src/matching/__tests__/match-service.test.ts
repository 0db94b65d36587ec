import { AppError } from '../../errors';
import { buildScoreMatrix } from '../../scoring/score-matrix';
import { buildScoreModel } from '../../scoring/score-model';
import { syntheticCohort } from '../../testing/cohort';
import { randomInt, seededRandom } from '../../testing/random';
import { matchRequestSchema, matchResponseSchema, type MatchResponse } from '../match-schema';
import { runMatch } from '../match-service';

const limits = { maxCells: 25_000_000, munkresMaxSize: 200 };
const timing = () => ({ validateMs: 0, enqueuedAt: Date.now() });

function match(body: Record<string, unknown>): MatchResponse {
  const response = runMatch(matchRequestSchema.parse(body), limits, timing());
  // The response must satisfy the schema the OpenAPI document publishes.
  matchResponseSchema.parse(response);
  return response;
}

const pairsOf = (response: MatchResponse) => response.pairs.map((p) => `${p.menteeId}-${p.mentorId}`);

describe('runMatch', () => {
  const region = { kind: 'same', id: 'region', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1 };
  const abroad = { kind: 'different', id: 'abroad', menteeAttribute: 'country', mentorAttribute: 'country', required: true };

  it('when a mentor has capacity 2, then two mentees can be assigned to them', () => {
    const response = match({
      mentees: [
        { id: 'a', attributes: { region: 'eu' } },
        { id: 'b', attributes: { region: 'eu' } },
        { id: 'c', attributes: { region: 'as' } },
      ],
      mentors: [
        { id: 'x', capacity: 2, attributes: { region: 'eu' } },
        { id: 'y', attributes: { region: 'as' } },
      ],
      criteria: [region],
    });
    expect(pairsOf(response)).toEqual(['a-x', 'b-x', 'c-y']);
    expect(response.totalScore).toBe(3);
    expect(response.mentorLoads).toEqual([
      { mentorId: 'x', capacity: 2, assigned: 2, locked: 0, remaining: 0 },
      { mentorId: 'y', capacity: 1, assigned: 1, locked: 0, remaining: 0 },
    ]);
    expect(response.stats).toMatchObject({ mentees: 3, mentors: 2, slots: 3, engine: 'jv', pairs: 3, unmatched: 0 });
    expect(response.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when every mentor breaks a hard rule for a mentee, then it is unmatched with no-eligible-mentor and the rule named', () => {
    const response = match({
      mentees: [{ id: 'a', attributes: { country: 'FR' } }],
      mentors: [
        { id: 'x', attributes: { country: 'FR' } },
        { id: 'y', attributes: { country: 'fr' } },
      ],
      criteria: [abroad],
    });
    expect(response.pairs).toEqual([]);
    expect(response.unmatched).toEqual([
      expect.objectContaining({ menteeId: 'a', reason: 'no-eligible-mentor', detail: expect.stringContaining('abroad rules out 2') }),
    ]);
  });

  it('when the best eligible score is under the minimum, then the mentee is unmatched with below-minimum-score', () => {
    const response = match({
      mentees: [{ id: 'a', attributes: { region: 'eu' } }],
      mentors: [{ id: 'x', attributes: { region: 'as' } }],
      criteria: [region],
      options: { minimumScore: 0.5 },
    });
    expect(response.unmatched).toEqual([
      { menteeId: 'a', reason: 'below-minimum-score', detail: expect.any(String), bestMentorId: 'x', bestScore: 0 },
    ]);
  });

  it('when suitable mentors are full, then the mentee left over is unmatched with capacity-exhausted', () => {
    const response = match({
      mentees: [
        { id: 'a', attributes: { region: 'eu' } },
        { id: 'b', attributes: { region: 'eu' } },
      ],
      mentors: [{ id: 'x', attributes: { region: 'eu' } }],
      criteria: [region],
    });
    expect(pairsOf(response)).toHaveLength(1);
    expect(response.unmatched).toEqual([
      expect.objectContaining({ reason: 'capacity-exhausted', bestMentorId: 'x', bestScore: 1 }),
    ]);
  });

  it('when a pair is locked, then it is kept even against a better assignment', () => {
    const body = {
      mentees: [
        { id: 'a', attributes: { region: 'eu' } },
        { id: 'b', attributes: { region: 'as' } },
      ],
      mentors: [
        { id: 'x', attributes: { region: 'eu' } },
        { id: 'y', attributes: { region: 'as' } },
      ],
      criteria: [region],
    };
    expect(pairsOf(match(body))).toEqual(['a-x', 'b-y']);
    const locked = match({ ...body, options: { locked: [{ menteeId: 'a', mentorId: 'y' }] } });
    expect(pairsOf(locked)).toEqual(['a-y', 'b-x']);
    expect(locked.pairs[0].locked).toBe(true);
    expect(locked.pairs[1].locked).toBe(false);
    expect(locked.mentorLoads.find((l) => l.mentorId === 'y')).toMatchObject({ assigned: 1, locked: 1 });
  });

  it('when a pair is excluded, then it is never proposed', () => {
    const response = match({
      mentees: [{ id: 'a', attributes: { region: 'eu' } }],
      mentors: [
        { id: 'x', attributes: { region: 'eu' } },
        { id: 'y', attributes: { region: 'as' } },
      ],
      criteria: [region],
      options: { excluded: [{ menteeId: 'a', mentorId: 'x' }] },
    });
    expect(pairsOf(response)).toEqual(['a-y']);
  });

  it('when a lock breaks a hard rule, then it is a 422 naming the mentee and the rule', () => {
    const call = () =>
      match({
        mentees: [{ id: 'a', attributes: { country: 'FR' } }],
        mentors: [{ id: 'x', attributes: { country: 'FR' } }],
        criteria: [abroad],
        options: { locked: [{ menteeId: 'a', mentorId: 'x' }] },
      });
    expect(call).toThrow(AppError);
    try {
      call();
    } catch (error) {
      const appError = error as AppError;
      expect(appError.status).toBe(422);
      expect(appError.code).toBe('infeasible-locks');
      expect(appError.message).toContain('"a"');
      expect(appError.extra.details).toMatchObject({
        mentees: ['a'],
        conflicts: [{ menteeId: 'a', mentorId: 'x', reason: 'hard-rule', detail: expect.stringContaining('abroad') }],
      });
    }
  });

  it('when locks exceed a capacity, then it is a 422 naming every mentee locked to that mentor', () => {
    expect(() =>
      match({
        mentees: [
          { id: 'a', attributes: {} },
          { id: 'b', attributes: {} },
        ],
        mentors: [{ id: 'x', capacity: 1, attributes: {} }],
        criteria: [],
        options: { locked: [{ menteeId: 'a', mentorId: 'x' }, { menteeId: 'b', mentorId: 'x' }] },
      }),
    ).toThrow(expect.objectContaining({ status: 422, extra: { details: expect.objectContaining({ mentees: ['a', 'b'] }) } }));
  });

  it('when a lock is also excluded, then it is a 422', () => {
    const pair = { menteeId: 'a', mentorId: 'x' };
    expect(() =>
      match({
        mentees: [{ id: 'a', attributes: {} }],
        mentors: [{ id: 'x', attributes: {} }],
        criteria: [],
        options: { locked: [pair], excluded: [pair] },
      }),
    ).toThrow(expect.objectContaining({ status: 422 }));
  });

  it('when a lock names an unknown mentor, then it is a 400 with the path of the reference', () => {
    expect(() =>
      match({
        mentees: [{ id: 'a', attributes: {} }],
        mentors: [{ id: 'x', attributes: {} }],
        criteria: [],
        options: { locked: [{ menteeId: 'a', mentorId: 'nobody' }] },
      }),
    ).toThrow(expect.objectContaining({ status: 400, extra: { issues: [expect.objectContaining({ path: '$.options.locked[0].mentorId' })] } }));
  });

  it('when maximising matches, then both mentees are placed; when maximising score only, then the stronger pair wins alone', () => {
    // a: x scores 1, y 0.75. b: x scores 0.2, y 0 (under the minimum, so forbidden).
    const body = {
      mentees: [
        { id: 'a', attributes: { wants: ['x', 'y', 'z', 'w'] } },
        { id: 'b', attributes: { wants: ['q', 'r', 's', 't', 'x'] } },
      ],
      mentors: ['x', 'y'].map((id) => ({ id, attributes: { key: id } })),
      criteria: [{ kind: 'ranked-choice', id: 'fit', menteeAttribute: 'wants', mentorAttribute: 'key' }],
    };
    const matches = match({ ...body, options: { minimumScore: 0.1 } });
    expect(pairsOf(matches)).toEqual(['a-y', 'b-x']);
    expect(matches.totalScore).toBeCloseTo(0.95, 12);
    const scoreOnly = match({ ...body, options: { minimumScore: 0.1, objective: 'max-score' } });
    expect(pairsOf(scoreOnly)).toEqual(['a-x']);
    expect(scoreOnly.totalScore).toBe(1);
    expect(scoreOnly.unmatched).toEqual([expect.objectContaining({ menteeId: 'b', reason: 'capacity-exhausted' })]);
  });

  it('when topK is set, then each pair lists the next-best mentors with the score difference', () => {
    const response = match({
      mentees: [{ id: 'a', attributes: { wants: ['y', 'x', 'z'] } }],
      mentors: ['x', 'y', 'z'].map((id) => ({ id, attributes: { key: id } })),
      criteria: [{ kind: 'ranked-choice', menteeAttribute: 'wants', mentorAttribute: 'key' }],
      options: { topK: 2 },
    });
    expect(response.pairs[0].mentorId).toBe('y');
    expect(response.pairs[0].alternatives).toEqual([
      { mentorId: 'x', score: 2 / 3, scoreDifference: 2 / 3 - 1 },
      { mentorId: 'z', score: 1 / 3, scoreDifference: 1 / 3 - 1 },
    ]);
  });

  it('when the input is shuffled, then the pairs are identical', () => {
    const cohort = syntheticCohort(11, 120, 40, 3);
    const first = match({ ...cohort });
    const random = seededRandom(3);
    const shuffle = <T>(items: T[]) => {
      const out = [...items];
      for (let k = out.length - 1; k > 0; k--) {
        const r = randomInt(random, 0, k);
        [out[k], out[r]] = [out[r], out[k]];
      }
      return out;
    };
    const second = match({ ...cohort, mentees: shuffle(cohort.mentees), mentors: shuffle(cohort.mentors) });
    expect(second.pairs).toEqual(first.pairs);
    expect(second.unmatched).toEqual(first.unmatched);
    expect(second.totalScore).toBe(first.totalScore);
    const again = match({ ...cohort });
    expect(again.inputHash).toBe(first.inputHash);
    expect(second.inputHash).not.toBe(first.inputHash);
  });

  it('when the same random cohorts are solved by jv and munkres, then matches and total score agree', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 25; trial++) {
      const cohort = syntheticCohort(100 + trial, randomInt(random, 1, 30), randomInt(random, 1, 15), randomInt(random, 1, 3));
      const minimumScore = trial % 3 === 0 ? 0.4 : 0;
      const jv = match({ ...cohort, options: { minimumScore } });
      const munkres = match({ ...cohort, options: { minimumScore, engine: 'munkres' } });
      expect(munkres.pairs).toHaveLength(jv.pairs.length);
      expect(munkres.totalScore).toBeCloseTo(jv.totalScore, 9);
      expect(munkres.stats.engineVersion).toContain('munkres-js');
    }
  });

  it('when munkres would get more than its size limit, then it is a 413 suggesting jv', () => {
    const cohort = syntheticCohort(1, 210, 210);
    expect(() => match({ ...cohort, criteria: [], options: { engine: 'munkres' } })).toThrow(
      expect.objectContaining({ status: 413, code: 'engine-size-limit' }),
    );
  });

  it('when the cells exceed the limit, then it is a 413', () => {
    const cohort = syntheticCohort(1, 30, 30);
    expect(() => runMatch(matchRequestSchema.parse(cohort), { ...limits, maxCells: 100 }, timing())).toThrow(
      expect.objectContaining({ status: 413, code: 'too-many-cells' }),
    );
  });

  it('when there are no mentees or no mentors, then the result is empty but well formed', () => {
    expect(match({ mentees: [], mentors: [{ id: 'x', attributes: {} }], criteria: [] })).toMatchObject({ pairs: [], unmatched: [] });
    expect(match({ mentees: [{ id: 'a', attributes: {} }], mentors: [], criteria: [] }).unmatched).toEqual([
      expect.objectContaining({ reason: 'no-eligible-mentor', detail: 'there are no mentors in this run' }),
    ]);
  });

  it('when brute-forced on tiny random cohorts, then the number of matches and the total score are optimal', () => {
    const random = seededRandom(12);
    for (let trial = 0; trial < 60; trial++) {
      const cohort = syntheticCohort(500 + trial, randomInt(random, 1, 6), randomInt(random, 1, 4), randomInt(random, 1, 2));
      const response = match({ ...cohort });
      const best = bruteForce(cohort);
      expect(response.pairs.length).toBe(best.matches);
      expect(response.totalScore).toBeCloseTo(best.score, 9);
    }
  });
});

/** Best (matches, score) over every capacity-respecting assignment of allowed pairs. */
function bruteForce(cohort: ReturnType<typeof syntheticCohort>): { matches: number; score: number } {
  const request = matchRequestSchema.parse(cohort);
  const model = buildScoreModel(request);
  const matrix = buildScoreMatrix(model);
  const m = model.mentors.length;
  const capacity = model.mentors.map((mentor) => mentor.capacity);
  let best = { matches: 0, score: 0 };
  const visit = (i: number, matches: number, score: number) => {
    if (i === model.mentees.length) {
      if (matches > best.matches || (matches === best.matches && score > best.score + 1e-12)) best = { matches, score };
      return;
    }
    visit(i + 1, matches, score);
    for (let j = 0; j < m; j++) {
      if (matrix.eligible[i * m + j] !== 1 || capacity[j] === 0) continue;
      capacity[j]--;
      visit(i + 1, matches + 1, score + matrix.scores[i * m + j]);
      capacity[j]++;
    }
  };
  visit(0, 0, 0);
  return best;
}
