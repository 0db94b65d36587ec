import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Badge, Box, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import type { ApplicationView } from '../../../shared/contracts/staff';
import { useAction, useStaffPermissions, useApplications, useStaffApi } from '../api';
import { ProgramQueuePage } from '../components/ProgramQueuePage';
import { useT } from '../useT';
import { ExportButton } from '../components/ExportButton';
import { useFormatDate } from '../components/format';
import { PersonLink } from '../components/run/PersonLink';

const ApplicationCard = ({ application, canReview, onReviewed }: { application: ApplicationView; canReview: boolean; onReviewed: () => void }) => {
  const t = useT();
  const formatDate = useFormatDate();
  const api = useStaffApi();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, failure, clearFailure, run } = useAction();
  const review = async (decision: 'approve' | 'reject') => {
    if (await run(() => api.review(application.documentId, decision === 'reject' ? { decision, reason } : { decision }))) {
      setRejecting(false);
      onReviewed();
    }
  };
  return (
    <Box background="neutral0" padding={5} hasRadius shadow="tableShadow" data-testid="application">
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
        <Box>
          <Flex gap={2}>
            <Typography variant="delta" tag="h2">
              <PersonLink id={application.documentId} name={application.displayName} />
            </Typography>
            <Badge>{t(`role.one.${application.role}`, application.role)}</Badge>
            {application.eligibility.eligible ? (
              <Badge backgroundColor="success100" textColor="success700">{t('applications.eligible', 'eligible')}</Badge>
            ) : (
              <Badge backgroundColor="danger100" textColor="danger700">{t('applications.notEligible', 'not eligible')}</Badge>
            )}
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {[application.email, application.submittedAt ? t('applications.submitted', 'submitted {date}', { date: formatDate(application.submittedAt) }) : null]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </Box>
        {canReview ? (
          <Flex gap={2}>
            <Button startIcon={<Check />} onClick={() => review('approve')} loading={busy && !rejecting} disabled={busy}>
              {t('applications.approve', 'Approve')}
            </Button>
            <Button variant="danger-light" startIcon={<Cross />} onClick={() => setRejecting(true)} disabled={busy}>
              {t('applications.reject', 'Reject')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
      {failure ? (
        <Box paddingTop={3}>
          <Alert variant="danger" title={t('applications.failed', 'The review was not saved')} onClose={clearFailure} closeLabel={t('common.close', 'Close')}>
            {failure}
          </Alert>
        </Box>
      ) : null}
      <Flex paddingTop={4} gap={6} alignItems="flex-start" wrap="wrap">
        <Box style={{ flex: '1 1 320px' }}>
          <Typography variant="sigma" textColor="neutral600">
            {t('applications.rules', 'Eligibility, rule by rule')}
          </Typography>
          {application.eligibility.outcomes.length === 0 ? (
            <Typography tag="p" textColor="neutral600">{t('applications.noRules', 'The program sets no eligibility rule for this role.')}</Typography>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2}>
              {application.eligibility.outcomes.map((outcome, index) => (
                <Flex key={`${outcome.field}-${index}`} gap={2}>
                  <Typography textColor={outcome.passed ? 'success600' : 'danger600'} fontWeight="bold">
                    {outcome.passed ? '✓' : '✗'}
                  </Typography>
                  <Typography>
                    <Typography fontWeight="semiBold">{outcome.label}</Typography>
                    {' — '}
                    {outcome.message}
                    {outcome.passed ? '' : ` ${t('applications.ruleFailed', '(not met)')}`}
                  </Typography>
                </Flex>
              ))}
            </Flex>
          )}
        </Box>
        <Box style={{ flex: '1 1 320px' }}>
          <Typography variant="sigma" textColor="neutral600">
            {t('applications.answers', 'Answers')}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2}>
            {application.answers.map((answer) => (
              <Typography key={answer.key}>
                <Typography fontWeight="semiBold">{/[?:]$/.test(answer.label) ? answer.label : `${answer.label}:`}</Typography> {answer.value}
              </Typography>
            ))}
          </Flex>
        </Box>
      </Flex>
      {rejecting ? (
        <Modal.Root open onOpenChange={(open: boolean) => !open && setRejecting(false)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{t('applications.rejectTitle', 'Reject {name}', { name: application.displayName })}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Field.Root name="reason" required hint={t('applications.reasonHint', 'The member receives this reason by e-mail.')}>
                <Field.Label>{t('applications.reason', 'Reason')}</Field.Label>
                <Textarea value={reason} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
                <Field.Hint />
              </Field.Root>
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
              </Modal.Close>
              <Button variant="danger" onClick={() => review('reject')} loading={busy} disabled={reason.trim().length < 3}>
                {t('applications.rejectConfirm', 'Reject and notify')}
              </Button>
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>
      ) : null}
    </Box>
  );
};

/** The queue of submitted profiles, oldest first. */
export const ApplicationsPage = () => {
  const t = useT();
  const { programId = '' } = useParams();
  const { data, error, reload } = useApplications(programId);
  const allowedActions = useStaffPermissions();
  return (
    <ProgramQueuePage
      programId={programId}
      title={t('applications.title', 'Applications')}
      subtitle={(count) => t('applications.subtitle', '{count} waiting for review', { count })}
      empty={t('applications.empty', 'No application is waiting for review.')}
      data={data}
      error={error}
      primaryAction={<ExportButton path={`/programs/${programId}/export/applications`} filename="applications.csv" />}
      renderItem={(application) => (
        <ApplicationCard key={application.documentId} application={application} canReview={Boolean(allowedActions.canReviewApplications)} onReviewed={reload} />
      )}
    />
  );
};
