import { useMemo, useState } from 'react';
import { NavLink, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Link,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Tabs,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { eligibilityRulesSchema, evaluateEligibility, OPERATOR_LABELS, type EligibilityRule, type RuleOutcome } from '../../../shared/eligibility';
import { profileFieldsSchema, REGIONS, validateAnswers, type AnswerValue, type Answers, type ProfileField } from '../../../shared/profile-fields';
import { useEditorApi, useLoad } from '../api';
import { useT } from '../useT';

/** One question as a member sees it in the enrollment form, with an input that fits its kind. */
const QuestionInput = ({
  field,
  value,
  onChange,
  error,
}: {
  field: ProfileField;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  error?: string;
}) => {
  const t = useT();
  const options = field.options ?? (field.kind === 'region' ? REGIONS.map((region) => ({ value: region, label: region })) : undefined);
  const listText = Array.isArray(value) ? value.join(', ') : '';
  return (
    <Field.Root name={`answer-${field.key}`} required={field.required} error={error} hint={field.help}>
      <Field.Label>{field.label}</Field.Label>
      {field.kind === 'long-text' ? (
        <Textarea value={typeof value === 'string' ? value : ''} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} />
      ) : field.kind === 'number' || field.kind === 'year' ? (
        <NumberInput value={typeof value === 'number' ? value : undefined} onValueChange={(number: number | undefined) => onChange(number ?? null)} />
      ) : field.kind === 'multiple-choice' || (field.kind === 'languages' && options) ? (
        <MultiSelect value={Array.isArray(value) ? value : []} withTags onChange={(values: string[]) => onChange(values)}>
          {(options ?? []).map((option) => (
            <MultiSelectOption key={option.value} value={option.value}>
              {option.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      ) : options && (field.kind === 'single-choice' || field.kind === 'region' || field.kind === 'country') ? (
        <SingleSelect value={typeof value === 'string' ? value : undefined} onChange={(choice: string | number) => onChange(String(choice))}>
          {options.map((option) => (
            <SingleSelectOption key={option.value} value={option.value}>
              {option.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : field.kind === 'languages' ? (
        <TextInput
          value={listText}
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
          placeholder={field.kind === 'country' ? t('try.countryPlaceholder', 'Two-letter country code, such as DE') : undefined}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(field.kind === 'country' ? event.target.value.toUpperCase() : event.target.value)}
        />
      )}
      <Field.Error />
      <Field.Hint />
    </Field.Root>
  );
};

/** A rule's value as the member's form shows it (option labels rather than stored values). */
const valueText = (value: EligibilityRule['value'], field: ProfileField | undefined): string => {
  if (value === undefined) return '';
  const one = (item: string | number | boolean) => field?.options?.find((option) => option.value === item)?.label ?? String(item);
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
};

const Outcomes = ({ outcomes, fields, rules }: { outcomes: RuleOutcome[]; fields: ProfileField[]; rules: EligibilityRule[] }) => {
  const t = useT();
  if (outcomes.length === 0) return <Typography>{t('try.noRules', 'No rule applies to this role: everyone may enroll.')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="rule-outcomes">
      {outcomes.map((outcome, index) => {
        const field = fields.find((candidate) => candidate.key === outcome.field);
        return (
          <Flex key={index} gap={3} alignItems="flex-start">
            <Badge
              active={outcome.passed}
              backgroundColor={outcome.passed ? 'success100' : 'danger100'}
              textColor={outcome.passed ? 'success700' : 'danger700'}
            >
              {outcome.passed ? t('try.met', 'met') : t('try.notMet', 'not met')}
            </Badge>
            <Typography>
              <strong>
                {field?.label ?? outcome.field} {OPERATOR_LABELS[outcome.operator]} {valueText(rules[index]?.value, field)}
              </strong>{' '}
              {outcome.message}
            </Typography>
          </Flex>
        );
      })}
    </Flex>
  );
};

/**
 * "Preview the enrollment form" and "Test the rules": the form a member of each role sees, and the
 * program's eligibility rules evaluated rule by rule against answers typed into it.
 */
export const TryProgramPage = () => {
  const t = useT();
  const { programId = '' } = useParams<{ programId: string }>();
  const api = useEditorApi();
  const { data: program, error } = useLoad(() => api.programWithQuestions(programId), `try:${programId}`);
  const [role, setRole] = useState<'mentee' | 'mentor'>('mentee');
  const [answers, setAnswers] = useState<Record<'mentor' | 'mentee', Answers>>({
    mentor: {},
    mentee: {},
  });
  const [tested, setTested] = useState<Record<'mentor' | 'mentee', RuleOutcome[] | null>>({ mentor: null, mentee: null });
  const [checked, setChecked] = useState(false);

  const fieldsByRole = useMemo(() => {
    const byRole: Record<'mentor' | 'mentee', ProfileField[]> = {
      mentor: [],
      mentee: [],
    };
    for (const type of program?.profileTypes ?? []) {
      const parsed = profileFieldsSchema.safeParse(type.fields);
      if (parsed.success) byRole[type.role] = parsed.data;
    }
    return byRole;
  }, [program]);
  const rules = useMemo(() => {
    const parsed = eligibilityRulesSchema.safeParse(program?.eligibilityRules ?? []);
    return parsed.success ? parsed.data : [];
  }, [program]);

  if (error) return <Page.Error content={error} />;
  if (!program) return <Page.Loading />;

  const fields = fieldsByRole[role];
  const problems = checked ? validateAnswers(fields, answers[role]) : [];
  const introduction = program.profileTypes.find((type) => type.role === role)?.introduction;

  return (
    <Layouts.Root>
      <Page.Title>{t('try.title', 'Try {name}', { name: program.name })}</Page.Title>
      <Layouts.Header
        title={t('try.title', 'Try {name}', { name: program.name })}
        subtitle={t('try.subtitle', 'See the enrollment form members get, and test the eligibility rules against answers you type.')}
        navigationAction={
          <Link tag={NavLink} to={`/content-manager/collection-types/plugin::mentorship.program/${programId}`}>
            {t('try.back', 'Back to the program')}
          </Link>
        }
      />
      <Layouts.Content>
        <Tabs.Root value={role} onValueChange={(value: string) => setRole(value === 'mentor' ? 'mentor' : 'mentee')}>
          <Tabs.List aria-label={t('try.roles', 'Role')}>
            <Tabs.Trigger value="mentee">{t('try.asMentee', 'As a mentee')}</Tabs.Trigger>
            <Tabs.Trigger value="mentor">{t('try.asMentor', 'As a mentor')}</Tabs.Trigger>
          </Tabs.List>
        </Tabs.Root>
        <Flex gap={6} alignItems="flex-start" paddingTop={4}>
          <Box flex="2" padding={6} background="neutral0" hasRadius shadow="tableShadow" data-testid="enrollment-preview">
            <Typography variant="beta" tag="h2">
              {t('try.formTitle', 'Enrollment form preview')}
            </Typography>
            {introduction ? (
              <Box paddingTop={2}>
                <Typography textColor="neutral600">{introduction}</Typography>
              </Box>
            ) : null}
            {fields.length === 0 ? (
              <Box paddingTop={4}>
                <Typography>{t('try.noQuestions', 'This role has no profile type yet.')}</Typography>
              </Box>
            ) : (
              <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
                {fields.map((field) => (
                  <QuestionInput
                    key={field.key}
                    field={field}
                    value={answers[role][field.key]}
                    error={problems.find((problem) => problem.field === field.key)?.message}
                    onChange={(value) =>
                      setAnswers((previous) => ({
                        ...previous,
                        [role]: { ...previous[role], [field.key]: value },
                      }))
                    }
                  />
                ))}
              </Flex>
            )}
          </Box>
          <Box flex="1" padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <Typography variant="beta" tag="h2">
              {t('try.rulesTitle', 'Test the rules')}
            </Typography>
            <Box paddingTop={2} paddingBottom={4}>
              <Typography variant="pi" textColor="neutral600">
                {t('try.rulesHelp', 'Fill in the form, then test: each rule for this role is shown with its message.')}
              </Typography>
            </Box>
            <Button
              onClick={() => {
                setChecked(true);
                setTested((previous) => ({
                  ...previous,
                  [role]: evaluateEligibility(rules, role, answers[role]).outcomes,
                }));
              }}
            >
              {t('try.test', 'Test the rules')}
            </Button>
            {tested[role] ? (
              <Box paddingTop={4}>
                <Typography fontWeight="bold" tag="p" data-testid="rules-verdict">
                  {tested[role]!.every((outcome) => outcome.passed)
                    ? t('try.eligible', 'These answers may enroll.')
                    : t('try.notEligible', 'These answers would be turned away.')}
                </Typography>
                <Box paddingTop={2}>
                  <Outcomes outcomes={tested[role]!} fields={fields} rules={rules.filter((rule) => rule.role === role)} />
                </Box>
              </Box>
            ) : null}
          </Box>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
};
