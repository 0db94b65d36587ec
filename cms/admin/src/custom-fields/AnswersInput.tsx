import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Loader, Typography } from '@strapi/design-system';
import { profileFieldsSchema, type AnswerValue, type Answers, type ProfileField } from '../../../shared/profile-fields';
import { AnswerInput } from '../components/AnswerInput';
import { useT } from '../useT';
import { errorAt, type CustomFieldProps } from './common';

const PROFILE = 'plugin::mentorship.profile';
const PROFILE_TYPE = 'plugin::mentorship.profile-type';

/** The stored answers as an object: as saved, or a JSON string left by the old JSON editor. */
const asAnswers = (value: unknown): Answers => {
  const parsed: unknown = typeof value === 'string' && value.trim() !== '' ? safeParse(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Answers) : {};
};
const safeParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const blank = (value: AnswerValue | undefined) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

type Questions = { state: 'loading' } | { state: 'none' } | { state: 'ready'; fields: ProfileField[] };

/** The questions of the profile type this profile answers: its program's profile type for its role. */
const useProfileQuestions = (documentId: string | undefined, role: unknown): Questions => {
  const { get } = useFetchClient();
  const [questions, setQuestions] = useState<Questions>({ state: 'loading' });
  useEffect(() => {
    if (!documentId || documentId === 'create' || (role !== 'mentor' && role !== 'mentee')) {
      setQuestions({ state: 'none' });
      return;
    }
    let cancelled = false;
    (async () => {
      const { data: relation } = await get<{ results: { documentId: string }[] }>(`/content-manager/relations/${PROFILE}/${documentId}/program`);
      const program = relation.results[0]?.documentId;
      if (!program) return { state: 'none' } as const;
      const { data } = await get<{ results: { fields: unknown }[] }>(`/content-manager/collection-types/${PROFILE_TYPE}`, {
        params: { page: 1, pageSize: 1, filters: { program: { documentId: { $eq: program } }, role: { $eq: role } } },
      });
      const parsed = profileFieldsSchema.safeParse(data.results[0]?.fields ?? null);
      return parsed.success ? ({ state: 'ready', fields: parsed.data } as const) : ({ state: 'none' } as const);
    })()
      .then((result) => !cancelled && setQuestions(result))
      .catch(() => !cancelled && setQuestions({ state: 'none' }));
    return () => {
      cancelled = true;
    };
  }, [get, documentId, role]);
  return questions;
};

/**
 * A profile's answers as the form its profile type asks: every question with an input for its kind,
 * its label, help and required mark, choices by their labels. The server checks the answers against
 * the same questions when the Content Manager saves, and its errors land on each question.
 */
export const AnswersInput = ({ name, value, onChange, rawError, error, disabled, label, hint }: CustomFieldProps) => {
  const t = useT();
  const { id } = useParams<{ id?: string }>();
  const role = useForm('AnswersInput', (state) => (state.values as Record<string, unknown>).role);
  const questions = useProfileQuestions(id, role);
  const answers = asAnswers(value);
  // Two edits in quick succession (tick a box, then type) can both arrive before the form hands back the
  // first: build on the last change made from this same value, so the first edit is not lost.
  const lastChange = useRef<{ from: unknown; next: Answers } | null>(null);
  const set = (key: string, answer: AnswerValue | undefined) => {
    const base = lastChange.current && lastChange.current.from === value ? lastChange.current.next : answers;
    const next: Answers = { ...base };
    if (blank(answer)) delete next[key];
    else next[key] = answer ?? null;
    lastChange.current = { from: value, next };
    onChange(name, next);
  };
  const known = questions.state === 'ready' ? new Set(questions.fields.map((field) => field.key)) : null;
  const unasked = known ? Object.keys(answers).filter((key) => !known.has(key)) : [];
  return (
    <Field.Root name={name} error={typeof rawError === 'string' ? rawError : error} hint={hint}>
      <Field.Label>{label ?? t('answers.label', 'Answers')}</Field.Label>
      <Box paddingTop={2} data-testid="answers-editor">
        {questions.state === 'loading' ? (
          <Loader small>{t('answers.loading', 'Loading the questions')}</Loader>
        ) : questions.state === 'none' ? (
          <Typography variant="pi" textColor="neutral600">
            {t('answers.noQuestions', "This profile's program has no profile type for its role: there is nothing to answer.")}
          </Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4} padding={4} hasRadius borderColor="neutral200" background="neutral0">
            {questions.fields.map((field) => (
              <AnswerInput
                key={field.key}
                field={field}
                value={answers[field.key]}
                disabled={disabled}
                error={errorAt(rawError, field.key)}
                onChange={(answer) => set(field.key, answer)}
              />
            ))}
            {unasked.map((key) => (
              <Flex key={key} gap={3} justifyContent="space-between" data-testid={`unasked-${key}`}>
                <Typography variant="pi" textColor="danger600">
                  {errorAt(rawError, key) ??
                    t('answers.unasked', 'An answer to "{key}", which the profile type no longer asks: {answer}', { key, answer: JSON.stringify(answers[key]) })}
                </Typography>
                <Button variant="danger-light" size="S" disabled={disabled} onClick={() => set(key, undefined)}>
                  {t('answers.removeUnasked', 'Remove this answer')}
                </Button>
              </Flex>
            ))}
          </Flex>
        )}
      </Box>
      <Field.Error />
      <Field.Hint />
    </Field.Root>
  );
};

export default AnswersInput;
