import { matchResponseSchema, scoresResponseSchema } from '../../../../../../matcher/src/contract';
import { buildInputs, describeIssues, readMatchResult, readScores } from '../matching-wire';

/** An answer of `POST /v1/match` as the matcher writes it (the shape its own API tests check). */
const matchAnswer = () => ({
  pairs: [
    { menteeId: 'e1', mentorId: 'm1', score: 0.5, locked: false, breakdown: [{ criterion: 'Region', name: 'Region', kind: 'same', weight: 1, raw: 1, contribution: 0.5, required: false, passed: true }] },
    { menteeId: 'e2', mentorId: 'm1', score: 0.9, locked: true, breakdown: [] },
  ],
  unmatched: [{ menteeId: 'e3', reason: 'no-eligible-mentor', detail: 'every mentor is ruled out by Language' }],
  mentorLoads: [{ mentorId: 'm1', capacity: 2, assigned: 2, locked: 1, remaining: 0 }],
  totalScore: 1.4,
  stats: { mentees: 3, mentors: 1, slots: 2, pairs: 2, unmatched: 1, engine: 'jv', engineVersion: '0.1.0', objective: 'max-matches', ms: { validate: 1, queue: 0, score: 2, solve: 3, total: 6 } },
  inputHash: 'abc123',
});

const scoresAnswer = () => ({
  mentees: [
    {
      menteeId: 'e1',
      assigned: null,
      eligibleMentors: 2,
      candidates: [
        { mentorId: 'm2', score: 0.8, eligible: true, rank: 1, failed: [], scoreDifference: null, breakdown: [] },
        { mentorId: 'm1', score: 0.3, eligible: true, rank: 2, failed: [], scoreDifference: null, breakdown: [] },
      ],
    },
  ],
  stats: { mentees: 1, mentors: 2, engineVersion: '0.1.0', ms: { validate: 1, queue: 0, score: 1, total: 2 } },
  inputHash: 'def456',
});

describe('matching wire format, defined by the matcher\'s contract', () => {
  it('when a program criterion has params, then they become fields of the matcher criterion and its name is its id', () => {
    const inputs = buildInputs([], [], [{ name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 4, required: false, params: { mode: 'jaccard' } }], {
      locked: [],
      excluded: [],
      minimumScore: 0,
    });
    expect(inputs.criteria).toEqual([
      { id: 'Shared interests', name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 4, required: false, mode: 'jaccard' },
    ]);
  });

  it('when an exclude-same criterion is sent, then it is always required (the matcher accepts no other value)', () => {
    const inputs = buildInputs([], [], [{ name: 'School', kind: 'exclude-same', menteeAttribute: 'school', mentorAttribute: 'school', weight: 0, required: false }], { locked: [], excluded: [], minimumScore: 0 });
    expect(inputs.criteria[0]).toMatchObject({ kind: 'exclude-same', required: true });
  });

  it('when inputs are built, then mentors carry their free places and the request is the matcher\'s, defaults included', () => {
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
      options: { locked: [], excluded: [], minimumScore: 0.2, engine: 'jv', objective: 'max-matches', topK: 0 },
    });
  });

  it('when a criterion lacks a setting the matcher requires, then building the run is a 400 naming the field', () => {
    expect(() =>
      buildInputs([], [], [{ name: 'Stage', kind: 'closeness', menteeAttribute: 'year', mentorAttribute: 'year', weight: 1, required: false }], { locked: [], excluded: [], minimumScore: 0 }),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', message: expect.stringMatching(/^criteria\.0\.scale: the matcher would refuse this/) }));
  });

  it('when an answer attribute is not a value the matcher takes, then building the run is a 400 naming it', () => {
    expect(() =>
      buildInputs([{ id: 'e1', displayName: 'E', attributes: { region: { nested: true } } }], [], [], { locked: [], excluded: [], minimumScore: 0 }),
    ).toThrow(expect.objectContaining({ message: expect.stringMatching(/^mentees\.0\.attributes\.region: /) }));
  });

  it('when a match answer is read, then names, lock marks, reasons, loads and timings come out', () => {
    const result = readMatchResult(
      matchResponseSchema.parse(matchAnswer()),
      new Map([
        ['e1', 'Eve'],
        ['e2', 'Eli'],
        ['e3', 'Gus'],
        ['m1', 'Ada'],
      ]),
      [],
    );
    expect(result.pairs.map((pair) => [pair.menteeName, pair.mentorName, pair.locked])).toEqual([
      ['Eli', 'Ada', true],
      ['Eve', 'Ada', false],
    ]);
    expect(result.pairs[1]?.breakdown).toEqual([{ criterion: 'Region', weight: 1, match: 1, contribution: 0.5, passed: true }]);
    expect(result.unmatched).toEqual([{ menteeId: 'e3', menteeName: 'Gus', code: 'no-eligible-mentor', reason: 'every mentor is ruled out by Language' }]);
    expect(result.mentorLoads).toEqual([{ mentorId: 'm1', mentorName: 'Ada', load: 2, capacity: 2 }]);
    expect(result).toMatchObject({ engine: 'jv', engineVersion: '0.1.0', inputHash: 'abc123', totalScore: 1.4, timings: { validate: 1, queue: 0, score: 2, solve: 3, total: 6 } });
  });

  it('when a scores answer is read, then one mentee\'s candidates come out best first', () => {
    const answer = scoresResponseSchema.parse(scoresAnswer());
    expect(readScores(answer, 'e1').map((candidate) => candidate.mentorId)).toEqual(['m2', 'm1']);
    expect(readScores(answer, 'e9')).toEqual([]);
  });

  it.each([
    ['a pair names its mentee "mentee"', (body: ReturnType<typeof matchAnswer>) => ({ ...body, pairs: body.pairs.map(({ menteeId, ...rest }) => ({ ...rest, mentee: menteeId })) }), '$.pairs[0].menteeId'],
    ['timings are under "timings"', (body: ReturnType<typeof matchAnswer>) => ({ ...body, stats: { ...body.stats, ms: undefined, timings: body.stats.ms } }), '$.stats.ms'],
    ['a score is a string', (body: ReturnType<typeof matchAnswer>) => ({ ...body, pairs: [{ ...body.pairs[0], score: '0.5' }] }), '$.pairs[0].score'],
    ['loads are keyed by mentor', (body: ReturnType<typeof matchAnswer>) => ({ ...body, mentorLoads: { m1: 2 } }), '$.mentorLoads'],
  ])('when a match answer drifts (%s), then it is refused with the path, never read as 0', (_case, drift, path) => {
    const parsed = matchResponseSchema.safeParse(drift(matchAnswer()));
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toContain(`${path}: `);
  });

  it.each([
    ['the list is under "results"', (body: ReturnType<typeof scoresAnswer>) => ({ results: body.mentees, stats: body.stats, inputHash: body.inputHash }), '$.mentees'],
    ['candidates are under "mentors"', (body: ReturnType<typeof scoresAnswer>) => ({ ...body, mentees: body.mentees.map(({ candidates, ...rest }) => ({ ...rest, mentors: candidates })) }), '$.mentees[0].candidates'],
  ])('when a scores answer drifts (%s), then it is refused with the path', (_case, drift, path) => {
    const parsed = scoresResponseSchema.safeParse(drift(scoresAnswer()));
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toContain(`${path}: `);
  });
});
