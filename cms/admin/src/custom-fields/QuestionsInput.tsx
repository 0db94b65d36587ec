import { useState } from 'react';
import { Box, Button, Checkbox, Field, Flex, Grid, NumberInput, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { FIELD_KIND_LABELS, FIELD_KINDS, type FieldKind, type ProfileField } from '../../../shared/profile-fields';
import { useT } from '../useT';
import { ChoiceField, errorAt, ListField, move, type CustomFieldProps } from './common';

type Option = { value: string; label: string };

const CHOICE_KINDS: readonly FieldKind[] = ['single-choice', 'multiple-choice'];
const OPTIONAL_OPTION_KINDS: readonly FieldKind[] = ['country', 'region', 'languages'];

/** A key editors need not think about: the label in camelCase ("Years in practice" → yearsInPractice). */
export const keyFromLabel = (label: string): string => {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
  const key = words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join('');
  return /^[a-z]/.test(key) ? key : key ? `q${key}` : '';
};

/** A stored option value from its label ("Video call" → video-call). */
export const valueFromLabel = (label: string): string =>
  label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

const OptionsEditor = ({
  options,
  onChange,
  rawError,
  disabled,
  questionIndex,
}: {
  options: Option[];
  onChange: (options: Option[]) => void;
  rawError: unknown;
  disabled?: boolean;
  questionIndex: number;
}) => {
  const t = useT();
  const set = (index: number, patch: Partial<Option>) => onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  return (
    <Box>
      <Typography variant="pi" fontWeight="bold">
        {t('editor.options', 'Options')}
      </Typography>
      {options.map((option, index) => (
        <Flex key={index} gap={2} paddingTop={2} alignItems="flex-start" data-testid={`question-${questionIndex}-option-${index}`}>
          <Field.Root name={`option-label-${questionIndex}-${index}`} error={errorAt(rawError, 'options', index, 'label')} style={{ flex: 2 }}>
            <Field.Label>{t('editor.optionLabel', 'Label members see')}</Field.Label>
            <TextInput
              value={option.label}
              disabled={disabled}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                const label = event.target.value;
                const derived = valueFromLabel(option.label);
                set(index, { label, ...(option.value === '' || option.value === derived ? { value: valueFromLabel(label) } : {}) });
              }}
            />
            <Field.Error />
          </Field.Root>
          <Field.Root name={`option-value-${questionIndex}-${index}`} error={errorAt(rawError, 'options', index, 'value')} style={{ flex: 1 }}>
            <Field.Label>{t('editor.optionValue', 'Stored value')}</Field.Label>
            <TextInput value={option.value} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(index, { value: event.target.value })} />
            <Field.Error />
          </Field.Root>
          <Flex paddingTop={6} gap={1}>
            <Button variant="ghost" size="S" disabled={disabled || index === 0} onClick={() => onChange(move(options, index, index - 1))}>
              {t('editor.optionUp', 'Up')}
            </Button>
            <Button variant="ghost" size="S" disabled={disabled} onClick={() => onChange(options.filter((_, i) => i !== index))}>
              {t('editor.optionRemove', 'Remove option')}
            </Button>
          </Flex>
        </Flex>
      ))}
      <Box paddingTop={2}>
        <Button variant="tertiary" size="S" startIcon={<Plus />} disabled={disabled} onClick={() => onChange([...options, { value: '', label: '' }])}>
          {t('editor.addOption', 'Add option')}
        </Button>
      </Box>
      {typeof errorAt(rawError, 'options') === 'string' ? (
        <Typography variant="pi" textColor="danger600">
          {errorAt(rawError, 'options')}
        </Typography>
      ) : null}
    </Box>
  );
};

const QuestionForm = ({
  question,
  index,
  onChange,
  rawError,
  disabled,
}: {
  question: ProfileField;
  index: number;
  onChange: (question: ProfileField) => void;
  rawError: unknown;
  disabled?: boolean;
}) => {
  const t = useT();
  const [keyTouched, setKeyTouched] = useState(Boolean(question.key));
  const set = (patch: Partial<ProfileField>) => onChange({ ...question, ...patch });
  const flag = (name: 'required' | 'public' | 'searchable' | 'matching', label: string) => (
    <Checkbox checked={Boolean(question[name])} disabled={disabled} onCheckedChange={(checked: boolean | 'indeterminate') => set({ [name]: checked === true })}>
      {label}
    </Checkbox>
  );
  const numeric = question.kind === 'number' || question.kind === 'year';
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Grid.Root gap={3}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name={`question-label-${index}`} required error={errorAt(rawError, 'label')}>
            <Field.Label>{t('editor.questionLabel', 'Question')}</Field.Label>
            <TextInput
              value={question.label}
              disabled={disabled}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                const label = event.target.value;
                set({ label, ...(keyTouched ? {} : { key: keyFromLabel(label) }) });
              }}
            />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <ChoiceField<FieldKind>
            name={`question-kind-${index}`}
            label={t('editor.questionKind', 'Kind of answer')}
            required
            error={errorAt(rawError, 'kind')}
            value={question.kind}
            disabled={disabled}
            choices={FIELD_KINDS.map((kind) => ({ value: kind, label: t(`editor.kind.${kind}`, FIELD_KIND_LABELS[kind]) }))}
            onChange={(kind) => set({ kind })}
          />
        </Grid.Item>
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <Field.Root name={`question-key-${index}`} required error={errorAt(rawError, 'key')} hint={t('editor.questionKeyHint', 'Stored with each answer; rules and criteria name it.')}>
            <Field.Label>{t('editor.questionKey', 'Key')}</Field.Label>
            <TextInput
              value={question.key}
              disabled={disabled}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                setKeyTouched(true);
                set({ key: event.target.value });
              }}
            />
            <Field.Error />
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Field.Root name={`question-help-${index}`} error={errorAt(rawError, 'help')}>
            <Field.Label>{t('editor.questionHelp', 'Help shown under the question')}</Field.Label>
            <TextInput value={question.help ?? ''} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set({ help: event.target.value || undefined })} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
      <Flex gap={4} wrap="wrap">
        {flag('required', t('editor.flag.required', 'Required'))}
        {flag('public', t('editor.flag.public', 'Shown on the directory listing'))}
        {flag('searchable', t('editor.flag.searchable', 'Members can search by it'))}
        {flag('matching', t('editor.flag.matching', 'Used for matching'))}
      </Flex>
      {numeric ? (
        <Flex gap={3}>
          <Field.Root name={`question-min-${index}`} error={errorAt(rawError, 'min')}>
            <Field.Label>{t('editor.min', 'Lowest accepted')}</Field.Label>
            <NumberInput value={question.min} disabled={disabled} onValueChange={(min: number | undefined) => set({ min })} />
            <Field.Error />
          </Field.Root>
          <Field.Root name={`question-max-${index}`} error={errorAt(rawError, 'max')}>
            <Field.Label>{t('editor.max', 'Highest accepted')}</Field.Label>
            <NumberInput value={question.max} disabled={disabled} onValueChange={(max: number | undefined) => set({ max })} />
            <Field.Error />
          </Field.Root>
        </Flex>
      ) : null}
      {CHOICE_KINDS.includes(question.kind) || OPTIONAL_OPTION_KINDS.includes(question.kind) || question.options ? (
        <OptionsEditor
          options={question.options ?? []}
          onChange={(options) => set({ options: options.length > 0 || CHOICE_KINDS.includes(question.kind) ? options : undefined })}
          rawError={rawError}
          disabled={disabled}
          questionIndex={index}
        />
      ) : null}
    </Flex>
  );
};

const blankQuestion = (): ProfileField => ({ key: '', label: '', kind: 'text', required: false, public: false, searchable: false, matching: false });

/** The questions of a profile type, edited as a form: add, remove, reorder, and every setting of each. */
export const QuestionsInput = (props: CustomFieldProps) => {
  const t = useT();
  return (
    <ListField<ProfileField>
      {...props}
      label={props.label ?? t('editor.questions', 'Questions')}
      testId="questions-editor"
      itemTestId="question"
      addLabel={t('editor.addQuestion', 'Add a question')}
      newItem={blankQuestion}
      titleOf={(question) => question.label || t('editor.newQuestion', 'New question')}
      renderItem={(question, index, { rawError, onChange }) => (
        <QuestionForm question={question} index={index} rawError={rawError} disabled={props.disabled} onChange={onChange} />
      )}
    />
  );
};

export default QuestionsInput;
