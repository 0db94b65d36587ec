import { OPERATORS_BY_KIND, rulesAgainstQuestions, eligibilityRuleSchema, eligibilityRulesSchema } from '../eligibility';
import { STYLE_DEFAULTS } from '../program-styles';
import { matchingCriteriaSchema } from '../matching-criteria';
import { templateSyntaxProblem } from '../template-syntax';
import { catalogEntry, sampleContextOf } from '../email-catalog';
import { FIELD_KINDS, profileFieldsSchema, type ProfileField } from '../profile-fields';

const question = (key: string, kind: ProfileField['kind']): ProfileField => ({ key, label: key, kind, required: false, public: false, searchable: false, matching: false });

describe('rules read the program\'s questions', () => {
  const questions = { mentee: [question('careerStage', 'single-choice'), question('trainingYear', 'year'), question('languages', 'languages')] };
  const rule = (field: string, operator: string, value?: unknown) => eligibilityRuleSchema.parse({ field, operator, value, message: 'm' });

  it('when every kind is listed, then each offers "is answered" and at least one more operator', () => {
    for (const kind of FIELD_KINDS) expect(OPERATORS_BY_KIND[kind]).toContain('present');
  });

  it('when a rule names a question and an operator that fits it, then there is no problem', () => {
    expect(rulesAgainstQuestions([rule('careerStage', 'equals', 'student'), rule('trainingYear', 'years-since-less-than', 10), rule('languages', 'includes', 'en')], questions)).toEqual([]);
  });

  it('when a rule names an unknown question or an operator that does not fit, then the problem is on that rule\'s field', () => {
    expect(rulesAgainstQuestions([rule('colour', 'equals', 'blue'), rule('languages', 'at-least', 2)], questions).map((problem) => problem.path)).toEqual([[0, 'field'], [1, 'operator']]);
  });

  it('when the program has no questions for the rule\'s role yet, then the rule is not judged', () => {
    expect(rulesAgainstQuestions([rule('anything', 'equals', 'x')], {})).toEqual([]);
  });
});

describe('criteria settings', () => {
  it('when a criterion carries a setting of its kind, then it passes; another kind\'s setting or a wrong value is named', () => {
    const base = { name: 'Years', kind: 'at-least', mentorAttribute: 'years', weight: 1 };
    expect(matchingCriteriaSchema.safeParse([{ ...base, params: { min: 10 } }]).success).toBe(true);
    const result = matchingCriteriaSchema.safeParse([{ ...base, params: { mode: 'coverage' } }, { name: 'Topics', kind: 'overlap', menteeAttribute: 'a', mentorAttribute: 'b', weight: 1, params: { mode: 'most' } }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['0.params.mode', '0.params.min', '1.params.mode']));
  });
});

describe('template syntax in plain words', () => {
  it('when a block is left open, then the line and column are named with the reason', () => {
    expect(templateSyntaxProblem('Hello\n{{#if mentor.name}}x')).toEqual({ line: 2, column: 21, message: 'line 2, column 21: the template ends while a block or a tag is still open (a {{/...}} or a }} is missing)' });
  });

  it('when a tag is not closed or a block is closed under another name, then each says so', () => {
    expect(templateSyntaxProblem('Hi {{recipient.name')?.message).toMatch(/^line 1, column \d+: this \{\{ tag is not closed/);
    expect(templateSyntaxProblem('{{#if a}}\n{{/each}}')?.message).toMatch(/^line 2, column \d+: \{\{\/each\}\} closes a block that was opened as \{\{#if\}\}/);
  });

  it('when the template reads well, then there is no problem', () => {
    expect(templateSyntaxProblem('Hello {{recipient.name}} {{#if x}}y{{/if}}')).toBeNull();
  });
});

describe('sample values', () => {
  it('when a key\'s variables are filled for a preview, then each has a believable value, nested by dots', () => {
    const context = sampleContextOf(catalogEntry('request.received')!) as { program: { name: string }; request: { deadline: string } };
    expect(context.program.name).toBe('Global Virtual Mentors');
    expect(context.request.deadline).toMatch(/2026/);
  });
});

describe('program styles', () => {
  it('when a program is made from any style, then its rules and criteria read its own starter questions, and its questions are valid', () => {
    for (const [style, defaults] of Object.entries(STYLE_DEFAULTS)) {
      expect([style, profileFieldsSchema.safeParse(defaults.mentorQuestions).success, profileFieldsSchema.safeParse(defaults.menteeQuestions).success]).toEqual([style, true, true]);
      expect([style, rulesAgainstQuestions(eligibilityRulesSchema.parse(defaults.eligibilityRules), { mentor: defaults.mentorQuestions, mentee: defaults.menteeQuestions })]).toEqual([style, []]);
      expect([style, matchingCriteriaSchema.safeParse(defaults.matchingCriteria).success]).toEqual([style, true]);
      for (const criterion of defaults.matchingCriteria) {
        if (criterion.menteeAttribute) expect(defaults.menteeQuestions.map((question) => question.key)).toContain(criterion.menteeAttribute);
        if (criterion.mentorAttribute) expect(defaults.mentorQuestions.map((question) => question.key)).toContain(criterion.mentorAttribute);
      }
    }
  });
});
