import { syntheticCohort } from '../../testing/cohort';
import { pick, randomInt, seededRandom, type Random } from '../../testing/random';
import { explainPair } from '../explain';
import { buildScoreMatrix } from '../score-matrix';
import { buildScoreModel, type SetFeatures } from '../score-model';
import { criterionSchema, menteeSchema, mentorSchema, type CriterionInput } from '../scoring-schema';

/** A random cohort whose set attributes use vocabularies of 1, 40 and 400 values. */
function randomInput(random: Random, nMentees: number, nMentors: number) {
  const vocabulary = (size: number) => Array.from({ length: size }, (_, k) => `v${k}`);
  const small = vocabulary(20);
  const medium = vocabulary(40);
  const large = vocabulary(2000);
  const values = (pool: string[], max: number) =>
    Array.from({ length: randomInt(random, 0, max) }, () => pick(random, pool));
  const attributes = () => ({
    one: random() < 0.1 ? null : pick(random, small),
    few: values(small, 4),
    medium: values(medium, 6),
    many: values(large, 16),
    number: random() < 0.1 ? null : randomInt(random, 0, 40),
  });
  const mentors = Array.from({ length: nMentors }, (_, k) =>
    mentorSchema.parse({ id: `r${k}`, capacity: randomInt(random, 0, 3), attributes: attributes() }),
  );
  const mentees = Array.from({ length: nMentees }, (_, k) =>
    menteeSchema.parse({
      id: `e${k}`,
      attributes: attributes(),
      choices: values(mentors.map((m) => m.id), 3),
    }),
  );
  const kinds: Array<Record<string, unknown>> = [];
  for (const attribute of ['one', 'few', 'medium', 'many']) {
    kinds.push({ kind: 'same', menteeAttribute: attribute, mentorAttribute: attribute });
    kinds.push({ kind: 'different', menteeAttribute: attribute, mentorAttribute: attribute });
    kinds.push({ kind: 'exclude-same', menteeAttribute: attribute, mentorAttribute: attribute, weight: 0.5 });
    kinds.push({ kind: 'overlap', menteeAttribute: attribute, mentorAttribute: attribute, mode: 'coverage' });
    kinds.push({ kind: 'overlap', menteeAttribute: attribute, mentorAttribute: attribute, mode: 'jaccard' });
    kinds.push({ kind: 'language', menteeAttribute: attribute, mentorAttribute: attribute });
  }
  kinds.push({ kind: 'at-least', mentorAttribute: 'number', min: 20, scale: 7 });
  kinds.push({ kind: 'at-least', menteeAttribute: 'number', mentorAttribute: 'number', min: 3 });
  kinds.push({ kind: 'range', mentorAttribute: 'number', min: 10, max: 25, scale: 4 });
  kinds.push({ kind: 'range', menteeAttribute: 'number', mentorAttribute: 'number', min: -5 });
  kinds.push({ kind: 'closeness', menteeAttribute: 'number', mentorAttribute: 'number', offset: 3, scale: 11 });
  kinds.push({ kind: 'ranked-choice' });
  const criteria = Array.from({ length: randomInt(random, 1, 8) }, () => ({
    ...pick(random, kinds),
    weight: random() < 0.2 ? 0 : Math.round(random() * 50) / 10,
    required: random() < 0.25,
  })).map((c) => {
    const parsed = criterionSchema.safeParse(c);
    // exclude-same refuses required: false; drop the flag for it.
    return (parsed.success ? parsed.data : criterionSchema.parse({ ...c, required: undefined })) as CriterionInput;
  });
  return { mentees, mentors, criteria };
}

describe('buildScoreMatrix', () => {
  it('when compared pair by pair with explainPair on 60 random cohorts, then scores and eligibility are identical', () => {
    const random = seededRandom(31);
    const layouts = new Set<string>();
    const mismatches: unknown[] = [];
    let pairs = 0;
    for (let trial = 0; trial < 60; trial++) {
      const input = randomInput(random, randomInt(random, 1, 40), randomInt(random, 1, 40));
      const model = buildScoreModel(input);
      for (const c of model.criteria) if (c.features.type === 'set') layouts.add(`${(c.features as SetFeatures).layout}:${(c.features as SetFeatures).words}`);
      const matrix = buildScoreMatrix(model);
      const m = model.mentors.length;
      for (let i = 0; i < model.mentees.length; i++) {
        for (let j = 0; j < m; j++) {
          const explanation = explainPair(model, i, j);
          const cell = { trial, i, j, score: matrix.scores[i * m + j], eligible: matrix.eligible[i * m + j] === 1 };
          if (cell.score !== explanation.score || cell.eligible !== explanation.eligible || !(cell.score >= 0 && cell.score <= 1)) {
            mismatches.push({ ...cell, explained: explanation });
          }
          pairs++;
        }
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(pairs).toBeGreaterThan(5000);
    // Every feature layout must have been exercised for this test to mean anything.
    expect(Array.from(layouts).some((l) => l.startsWith('scalar'))).toBe(true);
    expect(layouts.has('bits:1')).toBe(true);
    expect(layouts.has('bits:2')).toBe(true);
    expect(Array.from(layouts).some((l) => l.startsWith('list'))).toBe(true);
  });

  it('when participants arrive in another order, then each pair gets the same score', () => {
    const cohort = syntheticCohort(5, 60, 40);
    const criteria = cohort.criteria.map((c) => criterionSchema.parse(c) as CriterionInput);
    const forward = buildScoreModel({ ...cohort, criteria });
    const backward = buildScoreModel({ mentees: [...cohort.mentees].reverse(), mentors: [...cohort.mentors].reverse(), criteria });
    const a = buildScoreMatrix(forward);
    const b = buildScoreMatrix(backward);
    expect(backward.mentees.map((x) => x.id)).toEqual(forward.mentees.map((x) => x.id));
    expect(b.scores).toEqual(a.scores);
    expect(b.eligible).toEqual(a.eligible);
  });

  it('when pairs are excluded, then exactly those cells become ineligible and explain says so', () => {
    const cohort = syntheticCohort(6, 10, 10);
    const model = buildScoreModel({ ...cohort, criteria: [] });
    const matrix = buildScoreMatrix(model, [[2, 3]]);
    expect(Array.from(matrix.eligible).filter((e) => e === 0)).toHaveLength(1);
    expect(matrix.eligible[2 * 10 + 3]).toBe(0);
    expect(explainPair(model, 2, 3, true)).toMatchObject({ eligible: false, failed: ['excluded-pair'] });
  });

  it('when two mentees share an id, then it is a 400 pointing at the duplicate', () => {
    const mentee = menteeSchema.parse({ id: 'same', attributes: {} });
    expect(() => buildScoreModel({ mentees: [mentee, { ...mentee }], mentors: [], criteria: [] })).toThrow(
      expect.objectContaining({ status: 400, extra: { issues: [expect.objectContaining({ path: '$.mentees[1].id' })] } }),
    );
  });
});
