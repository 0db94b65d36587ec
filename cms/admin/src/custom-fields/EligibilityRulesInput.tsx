import { Field, Grid, MultiSelect, MultiSelectOption, NumberInput, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { ELIGIBILITY_OPERATORS, OPERATOR_LABELS, OPERATORS_BY_KIND, operatorValueShape, type EligibilityOperator, type EligibilityRule } from '../../../shared/eligibility';
import { REGIONS, type ProfileField } from '../../../shared/profile-fields';
import { useT } from '../useT';
import { ChoiceField, errorAt, ListField, useProgramQuestions, type CustomFieldProps } from './common';

type RuleValue = EligibilityRule['value'];

/** The choices a question offers as rule values (its options, or the regions), if it has a fixed list. */
const choicesOf = (question: ProfileField | undefined): { value: string; label: string }[] | null => {
  if (!question) return null;
  if (question.options && question.options.length > 0) return question.options;
  if (question.kind === 'region') return REGIONS.map((region) => ({ value: region, label: region }));
  return null;
};

/** An input that fits the question's kind and the operator: a number, one option, several options or text. */
const ValueInput = ({
  rule,
  question,
  onChange,
  error,
  disabled,
  index,
}: {
  rule: EligibilityRule;
  question: ProfileField | undefined;
  onChange: (value: RuleValue) => void;
  error?: string;
  disabled?: boolean;
  index: number;
}) => {
  const t = useT();
  const shape = operatorValueShape(rule.operator);
  if (shape === 'none') return null;
  const choices = choicesOf(question);
  const label = shape === 'number' && rule.operator.startsWith('years-since') ? t('editor.rule.years', 'Years') : t('editor.rule.value', 'Value');
  return (
    <Field.Root name={`rule-value-${index}`} error={error} required>
      <Field.Label>{label}</Field.Label>
      {shape === 'number' || (question?.kind === 'number' && shape === 'single') ? (
        <NumberInput value={typeof rule.value === 'number' ? rule.value : undefined} disabled={disabled} onValueChange={(value: number | undefined) => onChange(value)} />
      ) : shape === 'list' && choices ? (
        <MultiSelect
          value={Array.isArray(rule.value) ? rule.value.map(String) : []}
          disabled={disabled}
          withTags
          onChange={(values: string[]) => onChange(values)}
        >
          {choices.map((choice) => (
            <MultiSelectOption key={choice.value} value={choice.value}>
              {choice.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      ) : shape === 'single' && choices ? (
        <SingleSelect value={typeof rule.value === 'string' ? rule.value : undefined} disabled={disabled} onChange={(value: string | number) => onChange(String(value))}>
          {choices.map((choice) => (
            <SingleSelectOption key={choice.value} value={choice.value}>
              {choice.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : (
        <TextInput
          value={Array.isArray(rule.value) ? rule.value.join(', ') : rule.value === undefined ? '' : String(rule.value)}
          disabled={disabled}
          placeholder={shape === 'list' ? t('editor.rule.listPlaceholder', 'Values separated by commas') : undefined}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
            const text = event.target.value;
            onChange(shape === 'list' ? text.split(',').map((item) => item.trim()).filter(Boolean) : text);
          }}
        />
      )}
      <Field.Error />
    </Field.Root>
  );
};

const RuleForm = ({
  rule,
  index,
  questions,
  onChange,
  rawError,
  disabled,
}: {
  rule: EligibilityRule;
  index: number;
  questions: ProfileField[] | undefined;
  onChange: (rule: EligibilityRule) => void;
  rawError: unknown;
  disabled?: boolean;
}) => {
  const t = useT();
  const question = questions?.find((candidate) => candidate.key === rule.field);
  const operators: readonly EligibilityOperator[] = question ? OPERATORS_BY_KIND[question.kind] : ELIGIBILITY_OPERATORS;
  const set = (patch: Partial<EligibilityRule>) => onChange({ ...rule, ...patch });
  return (
    <Grid.Root gap={3}>
      <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
        <ChoiceField<'mentee' | 'mentor'>
          name={`rule-role-${index}`}
          label={t('editor.rule.role', 'Applies to')}
          error={errorAt(rawError, 'role')}
          value={rule.role}
          disabled={disabled}
          choices={[
            { value: 'mentee', label: t('editor.role.mentee', 'Mentees') },
            { value: 'mentor', label: t('editor.role.mentor', 'Mentors') },
          ]}
          onChange={(role) => set({ role })}
        />
      </Grid.Item>
      <Grid.Item col={5} s={6} direction="column" alignItems="stretch">
        <Field.Root name={`rule-field-${index}`} required error={errorAt(rawError, 'field')}>
          <Field.Label>{t('editor.rule.question', 'Question')}</Field.Label>
          {questions && questions.length > 0 ? (
            <SingleSelect
              value={question ? rule.field : undefined}
              placeholder={rule.field && !question ? rule.field : t('editor.rule.chooseQuestion', 'Choose a question')}
              disabled={disabled}
              onChange={(field: string | number) => {
                const chosen = questions.find((candidate) => candidate.key === field);
                const valid = chosen ? OPERATORS_BY_KIND[chosen.kind] : ELIGIBILITY_OPERATORS;
                set({ field: String(field), ...(valid.includes(rule.operator) ? {} : { operator: valid[0]!, value: undefined }) });
              }}
            >
              {questions.map((candidate) => (
                <SingleSelectOption key={candidate.key} value={candidate.key}>
                  {candidate.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          ) : (
            <TextInput value={rule.field} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set({ field: event.target.value })} />
          )}
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
        <Field.Root name={`rule-operator-${index}`} required error={errorAt(rawError, 'operator')}>
          <Field.Label>{t('editor.rule.operator', 'Condition')}</Field.Label>
          <SingleSelect
            value={rule.operator}
            disabled={disabled}
            onChange={(operator: string | number) => {
              const next = String(operator) as EligibilityOperator;
              set({ operator: next, ...(operatorValueShape(next) === operatorValueShape(rule.operator) ? {} : { value: undefined }) });
            }}
          >
            {operators.map((operator) => (
              <SingleSelectOption key={operator} value={operator}>
                {t(`editor.operator.${operator}`, OPERATOR_LABELS[operator])}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
        <ValueInput rule={rule} question={question} index={index} disabled={disabled} error={errorAt(rawError, 'value')} onChange={(value) => set({ value })} />
      </Grid.Item>
      <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
        <Field.Root name={`rule-message-${index}`} required error={errorAt(rawError, 'message')} hint={t('editor.rule.messageHint', 'Shown to a member the rule turns away.')}>
          <Field.Label>{t('editor.rule.message', 'Message when not met')}</Field.Label>
          <TextInput value={rule.message} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set({ message: event.target.value })} />
          <Field.Error />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
};

/** A program's eligibility rules as a form: the question is chosen from the program's questions. */
export const EligibilityRulesInput = (props: CustomFieldProps) => {
  const t = useT();
  const questions = useProgramQuestions();
  return (
    <ListField<EligibilityRule>
      {...props}
      required={undefined}
      label={props.label ?? t('editor.rules', 'Eligibility rules')}
      testId="rules-editor"
      itemTestId="rule"
      emptyText={t('editor.rules.none', 'No rules: every member may enroll.')}
      addLabel={t('editor.addRule', 'Add a rule')}
      newItem={() => ({ field: '', operator: 'present', message: '', role: 'mentee' })}
      titleOf={(rule) => rule.message || t('editor.newRule', 'New rule')}
      renderItem={(rule, index, { rawError, onChange }) => (
        <RuleForm rule={rule} index={index} questions={questions[rule.role]} rawError={rawError} disabled={props.disabled} onChange={onChange} />
      )}
    />
  );
};

export default EligibilityRulesInput;
