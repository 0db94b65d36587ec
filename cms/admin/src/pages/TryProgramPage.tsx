import { useMemo, useState } from 'react';
import { NavLink, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Link, Tabs, Typography } from '@strapi/design-system';
import { eligibilityRulesSchema, evaluateEligibility, OPERATOR_LABELS, type EligibilityRule, type RuleOutcome } from '../../../shared/eligibility';
import { profileFieldsSchema, validateAnswers, type Answers, type ProfileField } from '../../../shared/profile-fields';
import { AnswerInput } from '../components/AnswerInput';
import { useEditorApi, useLoad } from '../api';
import { useT } from '../useT';

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
                  <AnswerInput
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
