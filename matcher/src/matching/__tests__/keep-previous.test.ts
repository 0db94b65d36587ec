import { syntheticCohort } from '../../testing/cohort';
import { seededRandom } from '../../testing/random';
import { matchRequestSchema, matchResponseSchema, type MatchResponse } from '../match-schema';
import { runMatch } from '../match-service';

const limits = { maxCells: 25_000_000, munkresMaxSize: 200 };
const timing = () => ({ validateMs: 0, enqueuedAt: Date.now() });

function match(body: Record<string, unknown>): MatchResponse {
  const response = runMatch(matchRequestSchema.parse(body), limits, timing());
  matchResponseSchema.parse(response);
  return response;
}

const pairsOf = (response: MatchResponse) => response.pairs.map((p) => `${p.menteeId}-${p.mentorId}`);

describe('keepPrevious: change as few pairs as possible', () => {
  const region = { kind: 'same', id: 'region', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1 };
  const background = { kind: 'same', id: 'background', menteeAttribute: 'background', mentorAttribute: 'background', weight: 1 };

  it('when two assignments tie on the total, then the one keeping the previous pairs is proposed and nothing is given up', () => {
    const body = {
      mentees: [
        { id: 'a', attributes: { region: 'eu' } },
        { id: 'b', attributes: { region: 'eu' } },
      ],
      mentors: [
        { id: 'x', attributes: { region: 'eu' } },
        { id: 'y', attributes: { region: 'eu' } },
      ],
      criteria: [region],
    };
    const free = match(body);
    // The previous run paired them the other way round from what the solver picks on its own.
    const previous = free.pairs.map((pair) => ({ menteeId: pair.menteeId, mentorId: pair.mentorId === 'x' ? 'y' : 'x' }));
    const kept = match({ ...body, options: { keepPrevious: { pairs: previous } } });
    expect(pairsOf(kept).sort()).toEqual(previous.map((p) => `${p.menteeId}-${p.mentorId}`).sort());
    expect(kept.totalScore).toBe(free.totalScore);
    expect(kept.keep).toEqual({ tolerance: 0, previousPairs: 2, kept: 2, changed: 0, changedWithoutKeeping: 2, bestTotalScore: 2, scoreGivenUp: 0 });
    expect(free.keep).toBeUndefined();
  });

  it('when keeping a previous pair costs more than the tolerance, then the best assignment is proposed and the change is stated', () => {
    // a-x 1, b-y 0.5 (best, 1.5) against the previous a-y 0, b-x 0.5 (0.5): keeping them gives up 67%.
    const response = match({
      mentees: [
        { id: 'a', attributes: { region: 'eu', background: 'h' } },
        { id: 'b', attributes: { region: 'as', background: 'h' } },
      ],
      mentors: [
        { id: 'x', attributes: { region: 'eu', background: 'h' } },
        { id: 'y', attributes: { region: 'as', background: 'c' } },
      ],
      criteria: [region, background],
      options: { keepPrevious: { pairs: [{ menteeId: 'a', mentorId: 'y' }, { menteeId: 'b', mentorId: 'x' }], tolerance: 0.2 } },
    });
    expect(pairsOf(response)).toEqual(['a-x', 'b-y']);
    expect(response.keep).toMatchObject({ previousPairs: 2, kept: 0, changed: 2, scoreGivenUp: 0, bestTotalScore: 1.5 });
  });

  it('when previous pairs name people who left, then they are ignored rather than refused', () => {
    const response = match({
      mentees: [{ id: 'a', attributes: { region: 'eu' } }],
      mentors: [{ id: 'x', attributes: { region: 'eu' } }],
      criteria: [region],
      options: { keepPrevious: { pairs: [{ menteeId: 'gone', mentorId: 'x' }, { menteeId: 'a', mentorId: 'left' }] } },
    });
    expect(pairsOf(response)).toEqual(['a-x']);
    expect(response.keep).toMatchObject({ previousPairs: 0, kept: 0, changed: 0 });
  });

  it('when previous pairs are random on seeded cohorts, then the score given up never exceeds the tolerance and no fewer mentees are placed', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const cohort = syntheticCohort(seed, 60, 20, 3);
      const random = seededRandom(seed * 7);
      const free = match({ ...cohort });
      // The previous run: the best pairs with a third of the mentees moved to a random mentor.
      const previous = free.pairs.map((pair) =>
        random() < 0.33 ? { menteeId: pair.menteeId, mentorId: cohort.mentors[Math.floor(random() * cohort.mentors.length)].id } : pair,
      ).map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));
      for (const tolerance of [0, 0.01, 0.05]) {
        const kept = match({ ...cohort, options: { keepPrevious: { pairs: previous, tolerance } } });
        const report = kept.keep!;
        expect(report.bestTotalScore).toBeCloseTo(free.totalScore, 9);
        expect(report.scoreGivenUp).toBeLessThanOrEqual(tolerance * free.totalScore + 1e-9);
        expect(report.scoreGivenUp).toBeCloseTo(free.totalScore - kept.totalScore, 9);
        expect(kept.pairs.length).toBeGreaterThanOrEqual(free.pairs.length);
        expect(report.changed).toBeLessThanOrEqual(report.changedWithoutKeeping);
        const keptCount = kept.pairs.filter((pair) => previous.some((p) => p.menteeId === pair.menteeId && p.mentorId === pair.mentorId)).length;
        expect(report.kept).toBe(keptCount);
      }
    }
  });
});
