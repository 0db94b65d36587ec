import { Checkbox, Field, Grid, NumberInput, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { CRITERION_KIND_LABELS, CRITERION_KINDS, CRITERION_PARAMS, type CriterionKind, type MatchingCriterion } from '../../../shared/matching-criteria';
import type { ProfileField } from '../../../shared/profile-fields';
import { useT } from '../useT';
import { ChoiceField, errorAt, ListField, useProgramQuestions, type CustomFieldProps } from './common';

type Params = NonNullable<MatchingCriterion['params']>;

/** A question of one side, chosen from that profile type (typed only while the program has none). */
const AttributeSelect = ({
  label,
  value,
  questions,
  onChange,
  error,
  disabled,
  name,
  required,
}: {
  label: string;
  value: string | undefined;
  questions: ProfileField[] | undefined;
  onChange: (value: string | undefined) => void;
  error?: string;
  disabled?: boolean;
  name: string;
  required?: boolean;
}) => {
  const t = useT();
  const known = questions?.some((question) => question.key === value);
  return (
    <Field.Root name={name} error={error} required={required}>
      <Field.Label>{label}</Field.Label>
      {questions && questions.length > 0 ? (
        <SingleSelect
          value={known ? value : undefined}
          placeholder={value && !known ? value : t('editor.rule.chooseQuestion', 'Choose a question')}
          disabled={disabled}
          onChange={(key: string | number) => onChange(String(key))}
          onClear={required ? undefined : () => onChange(undefined)}
        >
          {questions.map((question) => (
            <SingleSelectOption key={question.key} value={question.key}>
              {question.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : (
        <TextInput value={value ?? ''} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value || undefined)} />
      )}
      <Field.Error />
    </Field.Root>
  );
};

const CriterionForm = ({
  criterion,
  index,
  total,
  mentee,
  mentor,
  onChange,
  rawError,
  disabled,
}: {
  criterion: MatchingCriterion;
  index: number;
  total: number;
  mentee: ProfileField[] | undefined;
  mentor: ProfileField[] | undefined;
  onChange: (criterion: MatchingCriterion) => void;
  rawError: unknown;
  disabled?: boolean;
}) => {
  const t = useT();
  const set = (patch: Partial<MatchingCriterion>) => onChange({ ...criterion, ...patch });
  const setParam = (param: string, value: string | number | undefined) => {
    const params: Params = { ...(criterion.params ?? {}) };
    if (value === undefined || value === '') delete params[param];
    else params[param] = value;
    set({ params: Object.keys(params).length > 0 ? params : undefined });
  };
  const share = total > 0 ? Math.round((criterion.weight / total) * 100) : 0;
  const needsMentee = !['ranked-choice', 'at-least', 'range'].includes(criterion.kind);
  const showsAttributes = criterion.kind !== 'ranked-choice';
  return (
    <Grid.Root gap={3}>
      <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
        <Field.Root name={`criterion-name-${index}`} required error={errorAt(rawError, 'name')}>
          <Field.Label>{t('editor.criterion.name', 'Name shown to staff')}</Field.Label>
          <TextInput value={criterion.name} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set({ name: event.target.value })} />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={4} s={6} direction="column" alignItems="stretch">
        <ChoiceField<CriterionKind>
          name={`criterion-kind-${index}`}
          label={t('editor.criterion.kind', 'Comparison')}
          required
          error={errorAt(rawError, 'kind')}
          value={criterion.kind}
          disabled={disabled}
          choices={CRITERION_KINDS.map((kind) => ({ value: kind, label: t(`editor.criterionKind.${kind}`, CRITERION_KIND_LABELS[kind]) }))}
          onChange={(kind) => set({ kind, params: undefined })}
        />
      </Grid.Item>
      <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
        <Field.Root name={`criterion-weight-${index}`} required error={errorAt(rawError, 'weight')} hint={t('editor.criterion.share', '{share}% of the score', { share })}>
          <Field.Label>{t('editor.criterion.weight', 'Weight')}</Field.Label>
          <NumberInput value={criterion.weight} disabled={disabled} step={1} onValueChange={(weight: number | undefined) => set({ weight: weight ?? 0 })} />
          <input
            type="range"
            min={0}
            max={10}
            step={1}
            value={Math.min(10, criterion.weight)}
            disabled={disabled}
            aria-label={t('editor.criterion.weightSlider', 'Weight slider')}
            onChange={(event) => set({ weight: Number(event.target.value) })}
            style={{ width: '100%' }}
          />
          <Field.Error />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      {showsAttributes ? (
        <>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <AttributeSelect
              name={`criterion-mentee-${index}`}
              label={needsMentee ? t('editor.criterion.mentee', "Mentee's question") : t('editor.criterion.menteeOptional', "Mentee's question (optional: compares the difference)")}
              value={criterion.menteeAttribute}
              questions={mentee}
              required={needsMentee}
              disabled={disabled}
              error={errorAt(rawError, 'menteeAttribute')}
              onChange={(menteeAttribute) => set({ menteeAttribute })}
            />
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <AttributeSelect
              name={`criterion-mentor-${index}`}
              label={t('editor.criterion.mentor', "Mentor's question")}
              value={criterion.mentorAttribute}
              questions={mentor}
              required
              disabled={disabled}
              error={errorAt(rawError, 'mentorAttribute')}
              onChange={(mentorAttribute) => set({ mentorAttribute })}
            />
          </Grid.Item>
        </>
      ) : null}
      {CRITERION_PARAMS[criterion.kind].map((param) => (
        <Grid.Item key={param.name} col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name={`criterion-${param.name}-${index}`} required={param.required} error={errorAt(rawError, 'params', param.name)}>
            <Field.Label>{t(`editor.param.${criterion.kind}.${param.name}`, param.label)}</Field.Label>
            {param.type === 'number' ? (
              <NumberInput
                value={typeof criterion.params?.[param.name] === 'number' ? (criterion.params[param.name] as number) : undefined}
                disabled={disabled}
                onValueChange={(value: number | undefined) => setParam(param.name, value)}
              />
            ) : (
              <SingleSelect
                value={typeof criterion.params?.[param.name] === 'string' ? (criterion.params[param.name] as string) : undefined}
                disabled={disabled}
                onChange={(value: string | number) => setParam(param.name, String(value))}
              >
                {(param.choices ?? []).map((choice) => (
                  <SingleSelectOption key={choice.value} value={choice.value}>
                    {choice.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            )}
            <Field.Error />
          </Field.Root>
        </Grid.Item>
      ))}
      <Grid.Item col={12} direction="column" alignItems="flex-start">
        <Checkbox checked={criterion.required} disabled={disabled} onCheckedChange={(checked: boolean | 'indeterminate') => set({ required: checked === true })}>
          {t('editor.criterion.required', 'Required: a pair that fails it is never proposed')}
        </Checkbox>
      </Grid.Item>
    </Grid.Root>
  );
};

/** A program's matching criteria as a form: questions chosen from each side, weights with their share. */
export const MatchingCriteriaInput = (props: CustomFieldProps) => {
  const t = useT();
  const questions = useProgramQuestions();
  return (
    <ListField<MatchingCriterion>
      {...props}
      required={undefined}
      label={props.label ?? t('editor.criteria', 'Matching criteria')}
      testId="criteria-editor"
      itemTestId="criterion"
      emptyText={t('editor.criteria.none', 'No criteria: every pair scores the same.')}
      addLabel={t('editor.addCriterion', 'Add a criterion')}
      newItem={() => ({ name: '', kind: 'same', weight: 1, required: false })}
      titleOf={(criterion) => criterion.name || t('editor.newCriterion', 'New criterion')}
      renderItem={(criterion, index, { rawError, onChange, items }) => (
        <CriterionForm
          criterion={criterion}
          index={index}
          total={items.reduce((sum, item) => sum + (Number.isFinite(item.weight) ? item.weight : 0), 0)}
          mentee={questions.mentee}
          mentor={questions.mentor}
          rawError={rawError}
          disabled={props.disabled}
          onChange={onChange}
        />
      )}
    />
  );
};

export default MatchingCriteriaInput;
