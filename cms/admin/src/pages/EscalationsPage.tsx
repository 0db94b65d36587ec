import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Box, Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import type { EscalationView } from '../../../shared/contracts/staff';
import { useAction, useStaffPermissions, useEscalations, usePool, useStaffApi } from '../api';
import { ProgramQueuePage } from '../components/ProgramQueuePage';
import { useT } from '../useT';
import { useFormatDate } from '../components/format';
import { PersonLink } from '../components/run/PersonLink';

const Escalation = ({ item, programId, canManage, onDone }: { item: EscalationView; programId: string; canManage: boolean; onDone: () => void }) => {
  const t = useT();
  const formatDate = useFormatDate();
  const api = useStaffApi();
  const pool = usePool(programId);
  const [mode, setMode] = useState<'assign' | 'close' | null>(null);
  const [mentor, setMentor] = useState<string>('');
  const [text, setText] = useState('');
  const { busy, failure, clearFailure, run } = useAction();
  const submit = async () => {
    const done = await run(() =>
      mode === 'assign'
        ? api.assignEscalation(item.documentId, { mentorProfileDocumentId: mentor, ...(text ? { note: text } : {}) })
        : api.closeEscalation(item.documentId, { reason: text }),
    );
    if (done) {
      setMode(null);
      onDone();
    }
  };
  return (
    <Box background="neutral0" padding={5} hasRadius shadow="tableShadow">
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
        <Box>
          <Typography variant="delta" tag="h2"><PersonLink id={item.menteeProfileDocumentId} name={item.menteeName} /></Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('escalations.since', 'escalated {date}', { date: formatDate(item.createdAt) })}
          </Typography>
          {item.message ? <Typography tag="p">“{item.message}”</Typography> : null}
          {item.choices.length > 0 ? (
            <Typography tag="p" textColor="neutral600">
              {t('escalations.choicesLabel', 'Lapsed choices:')}{' '}
              {item.choices.map((choice, index) => (
                <span key={choice.mentorProfileDocumentId}>
                  {index > 0 ? ', ' : ''}
                  <PersonLink id={choice.mentorProfileDocumentId} name={choice.mentorName} />
                </span>
              ))}
            </Typography>
          ) : null}
        </Box>
        {canManage ? (
          <Flex gap={2}>
            <Button onClick={() => setMode('assign')}>{t('escalations.assign', 'Assign a mentor')}</Button>
            <Button variant="tertiary" onClick={() => setMode('close')}>{t('escalations.close', 'Close the request')}</Button>
          </Flex>
        ) : null}
      </Flex>
      {mode ? (
        <Modal.Root open onOpenChange={(open: boolean) => !open && setMode(null)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{mode === 'assign' ? t('escalations.assignTitle', 'Assign a mentor to {name}', { name: item.menteeName }) : t('escalations.closeTitle', 'Close the request of {name}', { name: item.menteeName })}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                {failure ? <Alert variant="danger" title={t('escalations.failed', 'Not saved')} onClose={clearFailure} closeLabel={t('common.close', 'Close')}>{failure}</Alert> : null}
                {mode === 'assign' ? (
                  <Field.Root name="mentor" required>
                    <Field.Label>{t('escalations.mentor', 'Mentor with free places')}</Field.Label>
                    <SingleSelect value={mentor} onChange={(value) => setMentor(String(value))} placeholder={t('escalations.pick', 'Pick a mentor')}>
                      {(pool.data?.mentors ?? []).map((candidate) => (
                        <SingleSelectOption key={candidate.id} value={candidate.id}>
                          {t('escalations.mentorOption', '{name} ({free} free)', { name: candidate.displayName, free: candidate.capacity ?? 1 })}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                ) : null}
                <Field.Root name="text" required={mode === 'close'} hint={mode === 'close' ? t('escalations.reasonHint', 'The mentee receives this reason by e-mail.') : undefined}>
                  <Field.Label>{mode === 'assign' ? t('escalations.note', 'Note (optional)') : t('escalations.reason', 'Reason')}</Field.Label>
                  <Textarea value={text} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)} />
                  <Field.Hint />
                </Field.Root>
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
              </Modal.Close>
              <Button onClick={submit} loading={busy} disabled={mode === 'assign' ? !mentor : text.trim().length < 3}>
                {mode === 'assign' ? t('escalations.assignConfirm', 'Create the mentorship') : t('escalations.closeConfirm', 'Close and tell the mentee')}
              </Button>
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>
      ) : null}
    </Box>
  );
};

/** Requests whose ranked choices all lapsed: staff assign a mentor by hand or close them. */
export const EscalationsPage = () => {
  const t = useT();
  const { programId = '' } = useParams();
  const { data, error, reload } = useEscalations(programId);
  const allowedActions = useStaffPermissions();
  return (
    <ProgramQueuePage
      programId={programId}
      title={t('escalations.title', 'Escalations')}
      subtitle={(count) => t('escalations.subtitle', 'Requests whose ranked choices all lapsed ({count})', { count })}
      empty={t('escalations.empty', 'No escalated request. Nothing to do here.')}
      data={data}
      error={error}
      renderItem={(item) => (
        <Escalation key={item.documentId} item={item} programId={programId} canManage={Boolean(allowedActions.canManageEscalations)} onDone={reload} />
      )}
    />
  );
};
