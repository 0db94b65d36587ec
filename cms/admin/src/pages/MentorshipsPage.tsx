import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { StaffMentorshipView } from '../../../shared/contracts/staff';
import { useAction, useStaffPermissions, useAudit, useMentorships, usePool, useStaffApi } from '../api';
import { ProgramNav } from '../components/ProgramNav';
import { useT } from '../useT';
import { ExportButton } from '../components/ExportButton';
import { useFormatDate } from '../components/format';
import { PersonLink } from '../components/run/PersonLink';

type Action = { kind: 'end' | 'reassign'; mentorship: StaffMentorshipView };

const ActionModal = ({ action, programId, onClose, onDone }: { action: Action; programId: string; onClose: () => void; onDone: () => void }) => {
  const t = useT();
  const api = useStaffApi();
  const pool = usePool(programId);
  const [reason, setReason] = useState('');
  const [mentor, setMentor] = useState('');
  const { busy, failure, clearFailure, run } = useAction();
  const submit = async () => {
    const done = await run(() =>
      action.kind === 'end'
        ? api.end(action.mentorship.documentId, { reason })
        : api.reassign(action.mentorship.documentId, { reason, mentorProfileDocumentId: mentor }),
    );
    if (done) onDone();
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {action.kind === 'end'
              ? t('mentorships.endTitle', 'End the mentorship of {mentor} and {mentee}', { mentor: action.mentorship.mentorName, mentee: action.mentorship.menteeName })
              : t('mentorships.reassignTitle', 'Give {mentee} another mentor', { mentee: action.mentorship.menteeName })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {failure ? <Alert variant="danger" title={t('mentorships.failed', 'Not saved')} onClose={clearFailure} closeLabel={t('common.close', 'Close')}>{failure}</Alert> : null}
            {action.kind === 'reassign' ? (
              <Field.Root name="mentor" required>
                <Field.Label>{t('mentorships.newMentor', 'New mentor')}</Field.Label>
                <SingleSelect value={mentor} onChange={(value) => setMentor(String(value))} placeholder={t('escalations.pick', 'Pick a mentor')}>
                  {(pool.data?.mentors ?? [])
                    .filter((candidate) => candidate.id !== action.mentorship.mentorProfileDocumentId)
                    .map((candidate) => (
                      <SingleSelectOption key={candidate.id} value={candidate.id}>
                        {t('escalations.mentorOption', '{name} ({free} free)', { name: candidate.displayName, free: candidate.capacity ?? 1 })}
                      </SingleSelectOption>
                    ))}
                </SingleSelect>
              </Field.Root>
            ) : null}
            <Field.Root name="reason" required>
              <Field.Label>{t('mentorships.reason', 'Reason (kept in the audit trail)')}</Field.Label>
              <Textarea value={reason} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button variant={action.kind === 'end' ? 'danger' : 'default'} onClick={submit} loading={busy} disabled={reason.trim().length < 3 || (action.kind === 'reassign' && !mentor)}>
            {action.kind === 'end' ? t('mentorships.endConfirm', 'End the mentorship') : t('mentorships.reassignConfirm', 'Reassign')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** The program's mentorships, with staff actions on members' behalf, and the audit trail. */
export const MentorshipsPage = () => {
  const t = useT();
  const formatDate = useFormatDate();
  const { programId = '' } = useParams();
  const mentorships = useMentorships(programId);
  const audit = useAudit(programId);
  const allowedActions = useStaffPermissions();
  const [action, setAction] = useState<Action | null>(null);
  if (mentorships.error && !mentorships.data) return <Page.Error content={mentorships.error} />;
  if (!mentorships.data) return <Page.Loading />;
  const list = mentorships.data;
  const current = (status: string) => status === 'active' || status === 'pending-agreement';
  return (
    <Layouts.Root>
      <Page.Title>{t('mentorships.title', 'Mentorships')}</Page.Title>
      <Layouts.Header
        title={t('mentorships.title', 'Mentorships')}
        subtitle={t('mentorships.subtitle', '{count} current', { count: list.filter((item) => current(item.status)).length })}
        primaryAction={
          <Flex gap={2}>
            <ExportButton path={`/programs/${programId}/export/mentorships`} filename="mentorships.csv" label={t('export.mentorships', 'Export mentorships')} />
            <ExportButton path={`/programs/${programId}/export/engagement`} filename="engagement.csv" label={t('export.engagement', 'Export engagement')} />
          </Flex>
        }
      />
      <Layouts.Content>
        <ProgramNav programId={programId} />
        <Flex direction="column" alignItems="stretch" gap={6}>
          {list.length === 0 ? (
            <Box padding={8} background="neutral0" hasRadius shadow="tableShadow">
              <Typography textColor="neutral600">{t('mentorships.empty', 'No mentorship yet.')}</Typography>
            </Box>
          ) : (
            <Table colCount={6} rowCount={list.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('run.column.mentor', 'Mentor')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('run.column.mentee', 'Mentee')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('mentorships.status', 'Status')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('mentorships.source', 'Started from')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('mentorships.dates', 'Dates')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('run.column.actions', 'Actions')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {list.map((item) => (
                  <Tr key={item.documentId} data-testid="mentorship-row">
                    <Td><Typography fontWeight="semiBold"><PersonLink id={item.mentorProfileDocumentId} name={item.mentorName} /></Typography></Td>
                    <Td><Typography><PersonLink id={item.menteeProfileDocumentId} name={item.menteeName} /></Typography></Td>
                    <Td><Badge>{t(`mentorshipStatus.${item.status}`, item.status)}</Badge></Td>
                    <Td><Typography>{item.source ? t(`source.${item.source}`, item.source) : ''}</Typography></Td>
                    <Td><Typography>{[formatDate(item.startedAt, false), formatDate(item.endsAt, false)].filter(Boolean).join(' → ')}</Typography></Td>
                    <Td>
                      {allowedActions.canManageMentorships && current(item.status) ? (
                        <Flex gap={1}>
                          <Button size="S" variant="tertiary" onClick={() => setAction({ kind: 'reassign', mentorship: item })}>{t('mentorships.reassign', 'Reassign')}</Button>
                          <Button size="S" variant="danger-light" onClick={() => setAction({ kind: 'end', mentorship: item })}>{t('mentorships.end', 'End')}</Button>
                        </Flex>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Box background="neutral0" padding={5} hasRadius shadow="tableShadow">
            <Typography variant="delta" tag="h2">{t('audit.title', 'Audit trail')}</Typography>
            <Box paddingTop={3}>
              {!audit.data || audit.data.length === 0 ? (
                <Typography textColor="neutral600">{t('audit.empty', 'No staff action recorded yet.')}</Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  {audit.data.map((entry) => (
                    <Flex key={entry.documentId} gap={3}>
                      <Typography variant="pi" textColor="neutral600">{formatDate(entry.at)}</Typography>
                      <Typography fontWeight="semiBold">{entry.actor?.name ?? t('audit.system', 'system')}</Typography>
                      <Typography>{t(`audit.action.${entry.action}`, entry.action)}</Typography>
                      {typeof entry.details.reason === 'string' ? <Typography textColor="neutral600">“{entry.details.reason}”</Typography> : null}
                    </Flex>
                  ))}
                </Flex>
              )}
            </Box>
          </Box>
        </Flex>
        {action ? (
          <ActionModal
            action={action}
            programId={programId}
            onClose={() => setAction(null)}
            onDone={() => {
              setAction(null);
              mentorships.reload();
              audit.reload();
            }}
          />
        ) : null}
      </Layouts.Content>
    </Layouts.Root>
  );
};
