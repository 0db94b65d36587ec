import { Checkbox, Field, Flex, MultiSelect, MultiSelectOption, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput } from '@strapi/design-system';
import { optionsOf, type AnswerValue, type ProfileField } from '../../../shared/profile-fields';
import { useT } from '../useT';

/**
 * One question with an input that fits its kind, as a member answers it: the enrollment preview
 * shows it, and editors correct a profile's answers with it in the Content Manager.
 * Choices read as their labels and store their values; several of a list are checkboxes.
 */
export const AnswerInput = ({
  field,
  value,
  onChange,
  error,
  disabled,
}: {
  field: ProfileField;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  error?: string;
  disabled?: boolean;
}) => {
  const t = useT();
  const options = optionsOf(field);
  const chosen = Array.isArray(value) ? value : [];
  const name = `answer-${field.key}`;
  return (
    <Field.Root name={name} id={name} required={field.required} error={error} hint={field.help}>
      <Field.Label>{field.label}</Field.Label>
      {field.kind === 'long-text' ? (
        <Textarea value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} />
      ) : field.kind === 'number' || field.kind === 'year' ? (
        <NumberInput value={typeof value === 'number' ? value : undefined} disabled={disabled} onValueChange={(number: number | undefined) => onChange(number ?? null)} />
      ) : field.kind === 'multiple-choice' && options ? (
        <Flex role="group" aria-label={field.label} direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
          {options.map((option) => (
            <Checkbox
              key={option.value}
              checked={chosen.includes(option.value)}
              disabled={disabled}
              onCheckedChange={(checked: boolean | 'indeterminate') =>
                // kept in the options' order, whatever order they were ticked in
                onChange(options.map((candidate) => candidate.value).filter((item) => (item === option.value ? checked === true : chosen.includes(item))))
              }
            >
              {option.label}
            </Checkbox>
          ))}
        </Flex>
      ) : field.kind === 'languages' && options ? (
        <MultiSelect value={chosen} withTags disabled={disabled} onChange={(values: string[]) => onChange(values)}>
          {options.map((option) => (
            <MultiSelectOption key={option.value} value={option.value}>
              {option.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      ) : options && (field.kind === 'single-choice' || field.kind === 'region' || field.kind === 'country') ? (
        <SingleSelect
          value={typeof value === 'string' ? value : undefined}
          disabled={disabled}
          placeholder={t('answers.choose', 'Choose one')}
          onClear={field.required ? undefined : () => onChange(null)}
          onChange={(choice: string | number) => onChange(String(choice))}
        >
          {options.map((option) => (
            <SingleSelectOption key={option.value} value={option.value}>
              {option.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : field.kind === 'languages' ? (
        <TextInput
          value={chosen.join(', ')}
          disabled={disabled}
          placeholder={t('try.languagesPlaceholder', 'Language codes separated by commas, such as en, fr')}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            onChange(
              event.target.value
                .split(',')
                .map((item) => item.trim())
                .filter(Boolean),
            )
          }
        />
      ) : (
        <TextInput
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          placeholder={field.kind === 'country' ? t('try.countryPlaceholder', 'Two-letter country code, such as DE') : undefined}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(field.kind === 'country' ? event.target.value.toUpperCase() : event.target.value)}
        />
      )}
      <Field.Error />
      <Field.Hint />
    </Field.Root>
  );
};
