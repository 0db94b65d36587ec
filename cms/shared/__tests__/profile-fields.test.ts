import { evaluateEligibility } from '../eligibility';
import { RESERVED_FIELD_KEYS, profileFieldsSchema, publicAnswers, reservedFieldKeyProblem, reservedFieldKeys, validateAnswers, type ProfileField } from '../profile-fields';

const field = (partial: Partial<ProfileField> & Pick<ProfileField, 'key' | 'kind'>): ProfileField => ({
  label: partial.key,
  required: false,
  public: false,
  searchable: false,
  matching: false,
  ...partial,
});

const fields: ProfileField[] = [
  field({ key: 'bio', kind: 'long-text', maxLength: 20 }),
  field({ key: 'path', kind: 'single-choice', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], required: true, public: true }),
  field({ key: 'topics', kind: 'multiple-choice', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] }),
  field({ key: 'years', kind: 'number', min: 0, max: 60 }),
  field({ key: 'graduated', kind: 'year', min: 1990, max: 2030 }),
  field({ key: 'country', kind: 'country', public: true }),
  field({ key: 'region', kind: 'region' }),
  field({ key: 'languages', kind: 'languages' }),
];

const problemsOf = (answers: Record<string, unknown>, options?: Parameters<typeof validateAnswers>[2]) =>
  Object.fromEntries(validateAnswers(fields, answers, options).map((problem) => [problem.field, problem.message]));

describe('profile answers against a profile type', () => {
  it('when every answer fits its field, then there is no problem', () => {
    expect(problemsOf({ bio: 'short', path: 'a', topics: ['x', 'y'], years: 12, graduated: 2001, country: 'NG', region: 'africa', languages: ['en', 'yo'] })).toEqual({});
  });

  it('when each kind receives the wrong thing, then each field is named with a reason', () => {
    const problems = problemsOf({ bio: 'x'.repeat(21), path: 'c', topics: ['x', 'z'], years: 'ten', graduated: 1989.5, country: 'Nigeria', region: 'atlantis', languages: ['english'], extra: 1 });
    expect(Object.keys(problems).sort()).toEqual(['bio', 'country', 'extra', 'graduated', 'languages', 'path', 'region', 'topics', 'years']);
    expect(problems.path).toContain('"c" is not one of the options');
    expect(problems.topics).toContain('"z"');
    expect(problems.extra).toContain('is not a question');
  });

  it('when a required answer is missing, then it is reported unless the profile is a draft', () => {
    expect(problemsOf({})).toEqual({ path: 'path is required' });
    expect(problemsOf({}, { requireComplete: false })).toEqual({});
  });

  it('when answers are not an object, then a single problem says so', () => {
    expect(validateAnswers(fields, ['a'])).toEqual([{ field: '', message: 'answers must be an object keyed by field' }]);
  });

  it('when answers are shown to others, then only public fields remain', () => {
    expect(publicAnswers(fields, { bio: 'private', path: 'a', country: 'NG', years: 3 })).toEqual({ path: 'a', country: 'NG' });
  });
});

describe('question keys named like built-in object properties', () => {
  const builtIns = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

  it('when an edit uses a reserved name as a question key, then that field\'s key is named with the reason', () => {
    const edit = [{ key: 'country', label: 'Country', kind: 'country' }, ...builtIns.map((key) => ({ key, label: 'Odd', kind: 'text' }))];
    expect(reservedFieldKeys(edit)).toEqual(builtIns.map((key, k) => ({ index: k + 1, key, message: reservedFieldKeyProblem(key) })));
    for (const key of builtIns) expect(RESERVED_FIELD_KEYS).toContain(key);
    expect(reservedFieldKeyProblem('constructor')).toBe('"constructor" is reserved (every JavaScript object has it built in); choose another key');
    expect(reservedFieldKeyProblem('constructorName')).toBeNull();
    expect(reservedFieldKeys('not a list')).toEqual([]);
  });

  it('when a profile type saved before the check is read, then its fields still parse (nothing silently vanishes)', () => {
    const parsed = profileFieldsSchema.safeParse([{ key: 'constructor', label: 'Odd', kind: 'text' }]);
    expect(parsed.success).toBe(true);
  });

  // Profile types saved before the check may still hold such keys: reading answers must not find Object.prototype.
  const legacy: ProfileField[] = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'].map((key) => field({ key, kind: 'text', required: true, public: true }));

  it('when such a question is unanswered, then it is missing (not a function) and nothing is shown for it', () => {
    expect(validateAnswers(legacy, {}).map((problem) => [problem.field, problem.message])).toEqual([
      ['constructor', 'constructor is required'],
      ['toString', 'toString is required'],
      ['valueOf', 'valueOf is required'],
      ['hasOwnProperty', 'hasOwnProperty is required'],
    ]);
    expect(publicAnswers(legacy, {})).toEqual({});
    expect(publicAnswers(legacy, { toString: 'shown' })).toEqual({ toString: 'shown' });
  });

  it('when an eligibility rule reads such a key that was not answered, then the rule fails', () => {
    const rules = [{ field: 'constructor', operator: 'present' as const, message: 'needed', role: 'mentee' as const }];
    expect(evaluateEligibility(rules, 'mentee', {}).eligible).toBe(false);
    expect(evaluateEligibility(rules, 'mentee', { constructor: 'yes' }).eligible).toBe(true);
  });
});
