import { buildInputs, readMatchResult, readScores, toWireCriterion } from '../matching-wire';

describe('matching wire format', () => {
  it('when a program criterion has params, then they become fields of the matcher criterion and its name is its id', () => {
    expect(
      toWireCriterion({ name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 4, required: false, params: { mode: 'coverage' } }),
    ).toEqual({ id: 'Shared interests', name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 4, required: false, mode: 'coverage' });
  });

  it('when an exclude-same criterion is sent, then it is always required (the matcher accepts no other value)', () => {
    expect(toWireCriterion({ name: 'School', kind: 'exclude-same', menteeAttribute: 'school', mentorAttribute: 'school', weight: 0, required: false }).required).toBe(true);
  });

  it('when inputs are built, then mentors carry their free places and options only what was set', () => {
    const inputs = buildInputs(
      [{ id: 'e1', displayName: 'E', attributes: { region: 'europe' } }],
      [{ id: 'm1', displayName: 'M', attributes: { region: 'europe' }, capacity: 2 }],
      [],
      { locked: [], excluded: [], minimumScore: 0.2 },
    );
    expect(inputs).toEqual({
      mentees: [{ id: 'e1', attributes: { region: 'europe' } }],
      mentors: [{ id: 'm1', attributes: { region: 'europe' }, capacity: 2 }],
      criteria: [],
      options: { locked: [], excluded: [], minimumScore: 0.2 },
    });
  });

  it('when a match answer is read, then names, lock marks, reasons, loads and timings come out', () => {
    const result = readMatchResult(
      {
        pairs: [
          { menteeId: 'e1', mentorId: 'm1', score: 0.5, locked: false, breakdown: [{ criterion: 'Region', name: 'Region', kind: 'same', weight: 1, raw: 1, contribution: 0.5, required: false, passed: true }] },
          { menteeId: 'e2', mentorId: 'm1', score: 0.9, locked: true, breakdown: [] },
        ],
        unmatched: [{ menteeId: 'e3', reason: 'no-eligible-mentor', detail: 'every mentor is ruled out by Language' }],
        mentorLoads: [{ mentorId: 'm1', capacity: 2, assigned: 2, locked: 1, remaining: 0 }],
        totalScore: 1.4,
        stats: { engine: 'jv', engineVersion: '0.1.0', ms: { validate: 1, queue: 0, score: 2, solve: 3, total: 6 } },
        inputHash: 'abc123',
      },
      new Map([
        ['e1', 'Eve'],
        ['e2', 'Eli'],
        ['e3', 'Gus'],
        ['m1', 'Ada'],
      ]),
      new Map([['m1', 2]]),
      [],
    );
    expect(result.pairs.map((pair) => [pair.menteeName, pair.mentorName, pair.locked])).toEqual([
      ['Eli', 'Ada', true],
      ['Eve', 'Ada', false],
    ]);
    expect(result.pairs[1]?.breakdown).toEqual([{ criterion: 'Region', weight: 1, match: 1, contribution: 0.5, passed: true }]);
    expect(result.unmatched).toEqual([{ menteeId: 'e3', menteeName: 'Gus', reason: 'every mentor is ruled out by Language' }]);
    expect(result.mentorLoads).toEqual([{ mentorId: 'm1', mentorName: 'Ada', load: 2, capacity: 2 }]);
    expect(result).toMatchObject({ engine: 'jv', engineVersion: '0.1.0', inputHash: 'abc123', totalScore: 1.4, timings: { validate: 1, queue: 0, score: 2, solve: 3, total: 6 } });
  });

  it('when a scores answer is read, then one mentee\'s candidates come out best first', () => {
    const body = { mentees: [{ menteeId: 'e1', assigned: null, eligibleMentors: 2, candidates: [{ mentorId: 'm2', score: 0.8, breakdown: [] }, { mentorId: 'm1', score: 0.3, breakdown: [] }] }] };
    expect(readScores(body, 'e1').map((candidate) => candidate.mentorId)).toEqual(['m2', 'm1']);
    expect(readScores(body, 'e9')).toEqual([]);
  });
});
