import { AppError } from '../../errors';
import { explainPair, type PairExplanation } from '../explain';
import { buildScoreMatrix } from '../score-matrix';
import { buildScoreModel } from '../score-model';
import { criterionSchema, menteeSchema, mentorSchema, type CriterionInput } from '../scoring-schema';

type Attributes = Record<string, string | number | string[] | null>;

/** Scores one mentee against one mentor under the given criteria. */
function score(
  criteria: Array<Record<string, unknown>>,
  mentee: Attributes,
  mentor: Attributes,
  extra: { choices?: string[]; mentorId?: string } = {},
): PairExplanation & { matrixScore: number; matrixEligible: boolean } {
  const model = buildScoreModel({
    mentees: [menteeSchema.parse({ id: 'mentee', attributes: mentee, ...(extra.choices ? { choices: extra.choices } : {}) })],
    mentors: [mentorSchema.parse({ id: extra.mentorId ?? 'mentor', attributes: mentor })],
    criteria: criteria.map((c) => criterionSchema.parse(c) as CriterionInput),
  });
  const matrix = buildScoreMatrix(model);
  return { ...explainPair(model, 0, 0), matrixScore: matrix.scores[0], matrixEligible: matrix.eligible[0] === 1 };
}

const entry = (result: PairExplanation, index = 0) => result.breakdown[index];

describe('criterion kinds', () => {
  describe('same', () => {
    const same = { kind: 'same', id: 'region', menteeAttribute: 'region', mentorAttribute: 'region' };

    it('when both sides hold the same value (ignoring case and spaces), then raw is 1', () => {
      const result = score([same], { region: ' Europe' }, { region: 'europe' });
      expect(entry(result)).toMatchObject({ criterion: 'region', kind: 'same', raw: 1, passed: true, contribution: 1 });
      expect(entry(result).detail).toContain('shared: europe');
    });

    it('when the values differ, then raw is 0 and the detail shows both', () => {
      const result = score([same], { region: 'europe' }, { region: 'asia' });
      expect(entry(result)).toMatchObject({ raw: 0, passed: false, detail: 'mentee: europe; mentor: asia' });
    });

    it('when a side is unknown, then raw is 0', () => {
      expect(entry(score([same], { region: null }, { region: 'asia' })).raw).toBe(0);
      expect(entry(score([same], {}, { region: 'asia' })).detail).toBe('mentee: unknown; mentor: asia');
    });

    it('when one side is a set, then sharing any value counts as the same', () => {
      expect(entry(score([same], { region: ['asia', 'europe'] }, { region: 'europe' })).raw).toBe(1);
    });
  });

  describe('different', () => {
    const different = { kind: 'different', id: 'abroad', menteeAttribute: 'country', mentorAttribute: 'country', required: true };

    it('when the countries differ, then it passes', () => {
      expect(entry(score([different], { country: 'FR' }, { country: 'US' }))).toMatchObject({ raw: 1, passed: true });
    });

    it('when the countries are the same, then the required rule forbids the pair', () => {
      const result = score([different], { country: 'FR' }, { country: 'fr' });
      expect(result).toMatchObject({ eligible: false, failed: ['abroad'], matrixEligible: false });
    });

    it('when a country is unknown, then it cannot be confirmed different and fails', () => {
      expect(score([different], { country: 'FR' }, {})).toMatchObject({ eligible: false, matrixEligible: false });
    });
  });

  describe('exclude-same', () => {
    const institution = { kind: 'exclude-same', id: 'other-institution', menteeAttribute: 'institution', mentorAttribute: 'institution' };

    it('when both work at the same institution, then the pair is forbidden', () => {
      const result = score([institution], { institution: 'Hospital A' }, { institution: 'hospital a' });
      expect(result).toMatchObject({ eligible: false, failed: ['other-institution'], matrixEligible: false });
      expect(entry(result)).toMatchObject({ required: true, weight: 0, passed: false });
    });

    it('when an institution is unknown, then nothing excludes the pair', () => {
      expect(score([institution], { institution: null }, { institution: 'hospital a' }).eligible).toBe(true);
    });

    it('when required is set to false, then the criterion is refused', () => {
      expect(criterionSchema.safeParse({ ...institution, required: false }).success).toBe(false);
    });

    it('when previous mentors are listed against "$id", then the previous pair is forbidden and ids compare exactly', () => {
      const previous = { kind: 'exclude-same', id: 'new-mentor', menteeAttribute: 'previousMentors', mentorAttribute: '$id' };
      expect(score([previous], { previousMentors: ['M-7'] }, {}, { mentorId: 'M-7' }).eligible).toBe(false);
      expect(score([previous], { previousMentors: ['m-7'] }, {}, { mentorId: 'M-7' }).eligible).toBe(true);
    });
  });

  describe('overlap', () => {
    const interests = { kind: 'overlap', id: 'interests', menteeAttribute: 'interests', mentorAttribute: 'interests' };

    it('when in coverage mode, then raw is the share of the mentee\'s values the mentor covers', () => {
      const result = score([interests], { interests: ['a', 'b', 'c'] }, { interests: ['b', 'c', 'd'] });
      expect(entry(result).raw).toBeCloseTo(2 / 3, 12);
      expect(entry(result).detail).toContain("2 of the mentee's 3 covered");
    });

    it('when in jaccard mode, then raw is |A and B| / |A or B|', () => {
      const result = score([{ ...interests, mode: 'jaccard' }], { interests: ['a', 'b', 'c'] }, { interests: ['b', 'c', 'd'] });
      expect(entry(result).raw).toBe(0.5);
    });

    it('when required and nothing is shared, then the pair is forbidden', () => {
      expect(score([{ ...interests, required: true }], { interests: ['a'] }, { interests: ['b'] }).eligible).toBe(false);
    });

    it('when the mentee has no values, then raw is 0', () => {
      expect(entry(score([interests], { interests: [] }, { interests: ['b'] })).raw).toBe(0);
    });
  });

  describe('language', () => {
    const language = { kind: 'language', id: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages' };

    it('when tags share a primary subtag, then they match ("en-GB" and "EN")', () => {
      expect(entry(score([language], { languages: ['en-GB', 'fr'] }, { languages: ['EN', 'de'] }))).toMatchObject({ raw: 1, passed: true });
    });

    it('when no language is shared, then raw is 0', () => {
      expect(entry(score([language], { languages: ['fr'] }, { languages: ['de', 'it'] })).raw).toBe(0);
    });
  });

  describe('at-least', () => {
    const experienced = { kind: 'at-least', id: 'experienced', mentorAttribute: 'years', min: 10 };

    it('when the mentor reaches the threshold, then raw is 1', () => {
      expect(entry(score([experienced], {}, { years: 12 }))).toMatchObject({ raw: 1, passed: true, detail: 'mentor 12 >= 10' });
    });

    it('when below the threshold without scale, then raw is 0', () => {
      expect(entry(score([experienced], {}, { years: 9 }))).toMatchObject({ raw: 0, passed: false });
    });

    it('when below the threshold with a scale, then partial credit falls linearly', () => {
      expect(entry(score([{ ...experienced, scale: 5 }], {}, { years: 8 }))).toMatchObject({ passed: false });
      expect(entry(score([{ ...experienced, scale: 5 }], {}, { years: 8 })).raw).toBeCloseTo(0.6, 12);
      expect(entry(score([{ ...experienced, scale: 5 }], {}, { years: 2 })).raw).toBe(0);
    });

    it('when a mentee attribute is given, then the mentor must exceed the mentee by min', () => {
      const gap = { kind: 'at-least', id: 'gap', menteeAttribute: 'years', mentorAttribute: 'years', min: 5, required: true };
      expect(score([gap], { years: 3 }, { years: 9 }).eligible).toBe(true);
      expect(score([gap], { years: 6 }, { years: 9 })).toMatchObject({ eligible: false, failed: ['gap'] });
    });

    it('when the value is unknown, then raw is 0', () => {
      expect(entry(score([experienced], {}, { years: null }))).toMatchObject({ raw: 0, detail: 'value unknown' });
    });

    it('when a value is not a number, then it is a 400 naming the attribute path', () => {
      expect(() => score([experienced], {}, { years: 'ten' })).toThrow(AppError);
      try {
        score([experienced], {}, { years: 'ten' });
      } catch (error) {
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).extra.issues?.[0].path).toBe('$.mentors[0].attributes.years');
      }
    });
  });

  describe('range', () => {
    const range = { kind: 'range', id: 'band', mentorAttribute: 'age', min: 40, max: 60 };

    it('when inside [min, max], then raw is 1', () => {
      expect(entry(score([range], {}, { age: 60 }))).toMatchObject({ raw: 1, passed: true, detail: 'mentor 60 within [40, 60]' });
    });

    it('when outside with a scale, then partial credit decreases with the distance', () => {
      expect(entry(score([{ ...range, scale: 10 }], {}, { age: 63 })).raw).toBeCloseTo(0.7, 12);
      expect(entry(score([{ ...range, scale: 10 }], {}, { age: 35 })).raw).toBeCloseTo(0.5, 12);
    });

    it('when only max is given, then everything up to it matches', () => {
      expect(entry(score([{ kind: 'range', mentorAttribute: 'age', max: 50 }], {}, { age: -3 })).raw).toBe(1);
    });

    it('when min exceeds max or both are missing, then the criterion is refused', () => {
      expect(criterionSchema.safeParse({ ...range, min: 70 }).success).toBe(false);
      expect(criterionSchema.safeParse({ kind: 'range', mentorAttribute: 'age' }).success).toBe(false);
    });
  });

  describe('closeness', () => {
    const closeness = { kind: 'closeness', id: 'stage', menteeAttribute: 'stage', mentorAttribute: 'stage', offset: 10, scale: 20 };

    it('when the difference equals the preferred offset, then raw is 1', () => {
      expect(entry(score([closeness], { stage: 5 }, { stage: 15 })).raw).toBe(1);
    });

    it('when the difference is off by a quarter of the scale, then raw is 0.75', () => {
      expect(entry(score([closeness], { stage: 5 }, { stage: 20 })).raw).toBe(0.75);
      expect(entry(score([closeness], { stage: 5 }, { stage: 10 })).raw).toBe(0.75);
    });

    it('when the difference is a full scale away or more, then raw is 0 and it does not pass', () => {
      expect(entry(score([closeness], { stage: 5 }, { stage: 40 }))).toMatchObject({ raw: 0, passed: false });
    });
  });

  describe('ranked-choice', () => {
    const choice = { kind: 'ranked-choice', id: 'choice' };

    it('when the mentor is the 1st, 2nd or 3rd of three choices, then raw is 1, 2/3 or 1/3', () => {
      expect(entry(score([choice], {}, {}, { choices: ['mentor', 'x', 'y'] })).raw).toBe(1);
      expect(entry(score([choice], {}, {}, { choices: ['x', 'mentor', 'y'] })).raw).toBeCloseTo(2 / 3, 12);
      const third = entry(score([choice], {}, {}, { choices: ['x', 'y', 'mentor'] }));
      expect(third.raw).toBeCloseTo(1 / 3, 12);
      expect(third.detail).toBe('choice 3 of 3');
    });

    it('when the mentor was not chosen, then raw is 0, and a required choice forbids the pair', () => {
      expect(entry(score([choice], {}, {}, { choices: ['x'] }))).toMatchObject({ raw: 0, passed: false });
      expect(score([{ ...choice, required: true }], {}, {}, { choices: ['x'] }).matrixEligible).toBe(false);
    });

    it('when choices come from an attribute naming a mentor attribute, then they are used', () => {
      const byTeam = { kind: 'ranked-choice', menteeAttribute: 'teams', mentorAttribute: 'team' };
      expect(entry(score([byTeam], { teams: ['blue', 'red'] }, { team: 'red' })).raw).toBe(0.5);
    });
  });
});

describe('scores and breakdowns', () => {
  const criteria = [
    { kind: 'same', id: 'region', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1 },
    { kind: 'overlap', id: 'interests', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 3 },
    { kind: 'at-least', id: 'experienced', mentorAttribute: 'years', min: 10, weight: 0 },
  ];

  it('when criteria are weighted, then the score is the weighted mean and contributions add up to it', () => {
    const result = score(criteria, { region: 'asia', interests: ['a', 'b'] }, { region: 'asia', interests: ['a'], years: 1 });
    expect(result.score).toBeCloseTo((1 * 1 + 3 * 0.5) / 4, 12);
    expect(result.breakdown.reduce((sum, e) => sum + e.contribution, 0)).toBeCloseTo(result.score, 12);
    expect(result.breakdown.map((e) => e.criterion)).toEqual(['region', 'interests', 'experienced']);
    expect(result.breakdown[2]).toMatchObject({ weight: 0, contribution: 0, passed: false });
    expect(result.matrixScore).toBe(result.score);
  });

  it('when no criterion has weight, then every eligible pair scores 1', () => {
    expect(score([{ kind: 'same', menteeAttribute: 'r', mentorAttribute: 'r', weight: 0 }], {}, {}).score).toBe(1);
  });

  it('when criteria have no id, then ids are derived from kind and position', () => {
    const result = score([{ kind: 'same', menteeAttribute: 'r', mentorAttribute: 'r' }, { kind: 'ranked-choice' }], {}, {});
    expect(result.breakdown.map((e) => e.criterion)).toEqual(['same-1', 'ranked-choice-2']);
  });

  it('when two criteria share an id, then it is a 400 at the second one', () => {
    expect(() => score([{ ...criteria[0] }, { ...criteria[1], id: 'region' }], {}, {})).toThrow(
      expect.objectContaining({ status: 400, extra: { issues: [expect.objectContaining({ path: '$.criteria[1].id' })] } }),
    );
  });

  it('when a numeric criterion names "$id", then it is a 400 at the criterion', () => {
    expect(() => score([{ kind: 'at-least', mentorAttribute: '$id', min: 1 }], {}, {})).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
