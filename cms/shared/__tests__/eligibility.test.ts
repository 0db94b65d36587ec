import { evaluateEligibility, eligibilityRulesSchema, type EligibilityRule } from '../eligibility';

const now = new Date('2026-06-01T00:00:00Z');
const rule = (partial: Partial<EligibilityRule> & Pick<EligibilityRule, 'field' | 'operator'>): EligibilityRule =>
  eligibilityRulesSchema.parse([{ message: `${partial.field} ${partial.operator}`, ...partial }])[0]!;

describe('eligibility rules', () => {
  const rules = [
    rule({ field: 'memberType', operator: 'in', value: ['in-training', 'full'] }),
    rule({ field: 'trainingCompleted', operator: 'years-since-less-than', value: 10 }),
    rule({ field: 'country', operator: 'not-equals', value: 'US' }),
    rule({ field: 'languages', operator: 'includes', value: 'en' }),
    rule({ field: 'priorAward', operator: 'equals', value: 'none' }),
    rule({ field: 'yearsExperience', operator: 'at-least', value: 10, role: 'mentor' }),
  ];

  it('when every mentee rule holds, then the applicant is eligible and mentor rules are not applied', () => {
    const result = evaluateEligibility(rules, 'mentee', { memberType: 'full', trainingCompleted: 2020, country: 'KE', languages: ['en', 'sw'], priorAward: 'none' }, now);
    expect(result.eligible).toBe(true);
    expect(result.outcomes).toHaveLength(5);
  });

  it('when several rules fail, then each failing rule is reported with its message', () => {
    const result = evaluateEligibility(rules, 'mentee', { memberType: 'affiliate', trainingCompleted: 2010, country: 'US', languages: ['fr'], priorAward: 'travel-grant' }, now);
    expect(result.eligible).toBe(false);
    expect(result.outcomes.filter((outcome) => !outcome.passed).map((outcome) => outcome.message)).toEqual([
      'memberType in',
      'trainingCompleted years-since-less-than',
      'country not-equals',
      'languages includes',
      'priorAward equals',
    ]);
  });

  it('when an answer is missing, then rules that need it fail rather than pass', () => {
    const result = evaluateEligibility(rules, 'mentee', {}, now);
    expect(result.outcomes.map((outcome) => outcome.passed)).toEqual([false, false, true, false, false]);
  });

  it('when a boundary is reached exactly, then at-least and years-since-at-least pass and years-since-less-than fails', () => {
    expect(evaluateEligibility([rule({ field: 'yearsExperience', operator: 'at-least', value: 10, role: 'mentor' })], 'mentor', { yearsExperience: 10 }, now).eligible).toBe(true);
    expect(evaluateEligibility([rule({ field: 'trainingCompleted', operator: 'years-since-less-than', value: 10 })], 'mentee', { trainingCompleted: 2016 }, now).eligible).toBe(false);
    expect(evaluateEligibility([rule({ field: 'trainingCompleted', operator: 'years-since-at-least', value: 10 })], 'mentee', { trainingCompleted: 2016 }, now).eligible).toBe(true);
  });

  it('when a rule has the wrong kind of value for its operator, then the schema names the value', () => {
    const parsed = eligibilityRulesSchema.safeParse([{ field: 'x', operator: 'at-least', value: 'ten', message: 'm' }, { field: 'y', operator: 'in', value: 'a', message: 'm' }]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['0.value', '1.value']);
  });
});
