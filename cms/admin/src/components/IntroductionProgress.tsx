import { Typography } from '@strapi/design-system';
import { useIntroductions } from '../api';
import { useT } from '../useT';

/** How an approved run's introduction e-mails are getting on: queued, sent, failed, updated while some are queued. */
export const IntroductionProgress = ({ runId }: { runId: string }) => {
  const t = useT();
  const { data } = useIntroductions(runId);
  if (!data || data.queued + data.sent + data.failed === 0) return null;
  return (
    <Typography tag="p" variant="pi" aria-live="polite" data-testid="introduction-progress">
      {t('run.introductions', 'Introduction e-mails: {sent} sent, {queued} waiting, {failed} failed (retried automatically).', {
        sent: data.sent,
        queued: data.queued,
        failed: data.failed,
      })}
    </Typography>
  );
};
