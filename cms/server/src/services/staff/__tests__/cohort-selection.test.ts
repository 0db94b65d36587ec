import type { ProposedPair, RunResult } from '../../../../../shared/contracts/staff';
import { limitToPlaces, NO_PLACE_LEFT, type CohortPlaces } from '../cohort-selection';
import { termProblems } from '../../content/content-validation';
import { programRules } from '../../../utils/program-rules';
import type { ProgramRecord } from '../../content/programs';

const pair = (menteeName: string, mentorName: string, score: number, locked = false): ProposedPair => ({
  menteeId: `id-${menteeName}`,
  mentorId: `id-${mentorName}`,
  menteeName,
  mentorName,
  score,
  breakdown: [],
  locked,
});

const resultOf = (pairs: ProposedPair[]): RunResult => ({
  pairs,
  unmatched: [],
  mentorLoads: [...new Set(pairs.map((item) => item.mentorId))].map((mentorId) => ({ mentorId, mentorName: mentorId, load: pairs.filter((item) => item.mentorId === mentorId).length, capacity: 2 })),
  totalScore: pairs.reduce((sum, item) => sum + item.score, 0),
  stats: { pairs: pairs.length, unmatched: 0 },
  stability: null,
});

const places = (mentee: number | null, mentor: number | null, seated: string[] = []): CohortPlaces => ({ mentee, mentor, menteeSeats: mentee, seatedMentors: new Set(seated) });

describe('selecting a cohort within its places', () => {
  const proposals = [pair('Cai', 'Trial', 0.7), pair('Ana', 'Heart', 0.95), pair('Dia', 'Ward', 0.7), pair('Ben', 'Heart', 0.9)];

  it('when nothing limits the run, then the result is unchanged', () => {
    const result = resultOf(proposals);
    expect(limitToPlaces(result, null)).toBe(result);
    expect(limitToPlaces(result, places(10, null))).toBe(result);
  });

  it('when there are fewer mentee places than pairs, then the best-scoring pairs keep them and the others are explained as having no place', () => {
    const limited = limitToPlaces(resultOf(proposals), places(2, null));
    expect(limited.pairs.map((item) => item.menteeName)).toEqual(['Ana', 'Ben']);
    expect(limited.unmatched.map((item) => [item.menteeName, item.code, item.bestMentorName, item.bestScore])).toEqual([
      ['Cai', NO_PLACE_LEFT, 'Trial', 0.7],
      ['Dia', NO_PLACE_LEFT, 'Ward', 0.7],
    ]);
    expect(limited.unmatched[0]!.reason).toBe('No place left in this cohort: its 2 mentee places went to higher-scoring pairs');
    expect(limited.totalScore).toBeCloseTo(1.85);
    expect(limited.stats).toMatchObject({ pairs: 2, unmatched: 2, notSelected: 2 });
    expect(limited.mentorLoads.map((load) => [load.mentorId, load.load])).toEqual([['id-Trial', 0], ['id-Heart', 2], ['id-Ward', 0]]);
  });

  it('when a pair is locked, then it keeps its place before any better-scoring pair', () => {
    const limited = limitToPlaces(resultOf([...proposals.slice(0, 3), pair('Ben', 'Heart', 0.9), pair('Eve', 'Ward', 0.1, true)]), places(1, null));
    expect(limited.pairs.map((item) => item.menteeName)).toEqual(['Eve']);
  });

  it('when mentor places run out, then a mentor who already holds one still takes a second mentee, and a new mentor does not', () => {
    const limited = limitToPlaces(resultOf(proposals), places(null, 1));
    expect(limited.pairs.map((item) => item.menteeName).sort()).toEqual(['Ana', 'Ben']);
    expect(limited.unmatched.every((item) => item.reason.startsWith('No place left in this cohort: every mentor place is taken'))).toBe(true);
    const seated = limitToPlaces(resultOf(proposals), places(null, 1, ['id-Trial']));
    expect(seated.pairs.map((item) => item.menteeName).sort()).toEqual(['Ana', 'Ben', 'Cai']);
  });
});

describe("a cohort's term", () => {
  const program = (data: Partial<ProgramRecord>): ProgramRecord => ({ id: 1, documentId: 'p', name: 'Cohort', slug: 'cohort', style: 'guided-cohort', programStatus: 'open', relationshipMonths: 6, ...data });

  it('when a cohort has a term, then pairs made before the kick-off start on it, pairs made later start that day, and all end at the term end', () => {
    const rules = programRules(program({ kickoffOn: '2031-10-01', termEndsOn: '2032-03-31' }));
    expect(rules.startDate('2031-09-20')).toBe('2031-10-01');
    expect(rules.startDate('2031-10-12')).toBe('2031-10-12');
    expect(rules.endDate('2031-10-12')).toBe('2032-03-31');
  });

  it('when a program has no term, then pairs start the day they are made and run for the relationship length', () => {
    const rules = programRules(program({}));
    expect(rules.term).toBeNull();
    expect(rules.startDate('2031-09-20')).toBe('2031-09-20');
    expect(rules.endDate('2031-09-20')).toBe('2032-03-20');
  });

  it('when the term dates are incomplete or out of order, then each problem names its field', () => {
    expect(termProblems(null, '2031-10-01', null)).toEqual([{ path: ['termEndsOn'], message: 'a cohort with a kick-off date needs a term end' }]);
    expect(termProblems(null, null, '2032-03-31')).toEqual([{ path: ['kickoffOn'], message: 'a cohort with a term end needs a kick-off date' }]);
    expect(termProblems(null, '2032-04-01', '2032-03-31').map((problem) => problem.path)).toEqual([['termEndsOn']]);
    expect(termProblems('2031-10-02', '2031-10-01', '2032-03-31').map((problem) => problem.path)).toEqual([['matchAnnouncedBy']]);
    expect(termProblems('2031-09-30', '2031-10-01', '2032-03-31')).toEqual([]);
  });
});
