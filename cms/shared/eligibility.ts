import { z } from 'zod';
import { ownAnswer, type Answers, type FieldKind, type ProfileField } from './profile-fields';

/**
 * Eligibility rules of a program: each names a profile field, an operator, a value and the message
 * a member sees when the rule fails. Every failing rule is reported, not just the first.
 */
export const ELIGIBILITY_OPERATORS = [
  'equals',
  'not-equals',
  'in',
  'not-in',
  'includes',
  'excludes',
  'at-least',
  'at-most',
  'years-since-less-than',
  'years-since-at-least',
  'present',
] as const;
export type EligibilityOperator = (typeof ELIGIBILITY_OPERATORS)[number];

/** The operators that make sense for a question of each kind (what an editor may choose from). */
export const OPERATORS_BY_KIND: Record<FieldKind, readonly EligibilityOperator[]> = {
  text: ['equals', 'not-equals', 'in', 'not-in', 'present'],
  'long-text': ['present'],
  'single-choice': ['equals', 'not-equals', 'in', 'not-in', 'present'],
  'multiple-choice': ['includes', 'excludes', 'present'],
  number: ['at-least', 'at-most', 'equals', 'not-equals', 'present'],
  year: ['at-least', 'at-most', 'years-since-less-than', 'years-since-at-least', 'present'],
  country: ['equals', 'not-equals', 'in', 'not-in', 'present'],
  region: ['equals', 'not-equals', 'in', 'not-in', 'present'],
  languages: ['includes', 'excludes', 'present'],
};

/** What an operator compares the answer with: nothing, one value, a list of values, or a number. */
export const operatorValueShape = (operator: EligibilityOperator): 'none' | 'single' | 'list' | 'number' => {
  if (operator === 'present') return 'none';
  if (operator === 'in' || operator === 'not-in') return 'list';
  if (['at-least', 'at-most', 'years-since-less-than', 'years-since-at-least'].includes(operator)) return 'number';
  return 'single';
};

/** Plain words for each operator, as editors read them. */
export const OPERATOR_LABELS: Record<EligibilityOperator, string> = {
  equals: 'is',
  'not-equals': 'is not',
  in: 'is one of',
  'not-in': 'is none of',
  includes: 'includes',
  excludes: 'does not include',
  'at-least': 'is at least',
  'at-most': 'is at most',
  'years-since-less-than': 'was less than N years ago',
  'years-since-at-least': 'was at least N years ago',
  present: 'is answered',
};

/**
 * Rules checked against the program's questions: the question exists in the profile type of the
 * rule's role and the operator fits its kind. Returns problems with paths relative to the rule list.
 */
export const rulesAgainstQuestions = (
  rules: readonly EligibilityRule[],
  questionsByRole: Partial<Record<'mentor' | 'mentee', readonly ProfileField[]>>,
): { path: (string | number)[]; message: string }[] => {
  const problems: { path: (string | number)[]; message: string }[] = [];
  rules.forEach((rule, index) => {
    const questions = questionsByRole[rule.role];
    if (!questions) return;
    const question = questions.find((candidate) => candidate.key === rule.field);
    if (!question) {
      problems.push({ path: [index, 'field'], message: `the ${rule.role} profile has no question "${rule.field}" (questions: ${questions.map((item) => item.key).join(', ')})` });
      return;
    }
    if (!OPERATORS_BY_KIND[question.kind].includes(rule.operator)) {
      problems.push({
        path: [index, 'operator'],
        message: `"${OPERATOR_LABELS[rule.operator]}" does not fit a ${question.kind} question; choose one of: ${OPERATORS_BY_KIND[question.kind].map((operator) => OPERATOR_LABELS[operator]).join(', ')}`,
      });
    }
  });
  return problems;
};

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const eligibilityRuleSchema = z
  .object({
    field: z.string().min(1),
    operator: z.enum(ELIGIBILITY_OPERATORS),
    value: z.union([scalar, z.array(z.union([z.string(), z.number()]))]).optional(),
    message: z.string().min(1).max(500),
    /** which profiles the rule applies to; mentee by default */
    role: z.enum(['mentor', 'mentee']).default('mentee'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const numeric = ['at-least', 'at-most', 'years-since-less-than', 'years-since-at-least'];
    if (numeric.includes(rule.operator) && typeof rule.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator ${rule.operator} needs a number` });
    }
    if (['in', 'not-in'].includes(rule.operator) && !Array.isArray(rule.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator ${rule.operator} needs a list of values` });
    }
    if (['equals', 'not-equals', 'includes', 'excludes'].includes(rule.operator) && (rule.value === undefined || Array.isArray(rule.value))) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator ${rule.operator} needs a single value` });
    }
  });
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;
export const eligibilityRulesSchema = z.array(eligibilityRuleSchema).max(50);

export interface RuleOutcome {
  field: string;
  operator: EligibilityOperator;
  passed: boolean;
  message: string;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

const holds = (rule: EligibilityRule, answer: unknown, now: Date): boolean => {
  const present = !(answer === undefined || answer === null || answer === '' || (Array.isArray(answer) && answer.length === 0));
  switch (rule.operator) {
    case 'present':
      return present;
    case 'equals':
      return present && answer === rule.value;
    case 'not-equals':
      return answer !== rule.value;
    case 'in':
      return present && (rule.value as unknown[]).includes(answer);
    case 'not-in':
      return !(rule.value as unknown[]).includes(answer);
    case 'includes':
      return asList(answer).includes(rule.value);
    case 'excludes':
      return !asList(answer).includes(rule.value);
    case 'at-least':
      return typeof answer === 'number' && answer >= (rule.value as number);
    case 'at-most':
      return typeof answer === 'number' && answer <= (rule.value as number);
    case 'years-since-less-than':
      return typeof answer === 'number' && now.getUTCFullYear() - answer < (rule.value as number);
    case 'years-since-at-least':
      return typeof answer === 'number' && now.getUTCFullYear() - answer >= (rule.value as number);
  }
};

/** Evaluates the rules that apply to `role` against a profile's answers. */
export const evaluateEligibility = (
  rules: readonly EligibilityRule[],
  role: 'mentor' | 'mentee',
  answers: Answers,
  now: Date = new Date(),
): { eligible: boolean; outcomes: RuleOutcome[] } => {
  const outcomes = rules
    .filter((rule) => rule.role === role)
    .map((rule) => ({ field: rule.field, operator: rule.operator, passed: holds(rule, ownAnswer(answers, rule.field), now), message: rule.message }));
  return { eligible: outcomes.every((outcome) => outcome.passed), outcomes };
};
