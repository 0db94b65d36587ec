import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useState } from 'react';
import type { JobRunView, JobView } from '../../../shared/contracts/staff';
import { useAction, useJobs, useStaffApi, useStaffPermissions } from '../api';
import { useFormatDate } from '../components/format';
import { useT } from '../useT';

/** What a run reports having done, e.g. "reminded 2, unlisted 0". */
const summary = (result: unknown): string => {
  if (result === null || result === undefined) return '';
  if (typeof result !== 'object') return String(result);
  return Object.entries(result as Record<string, unknown>)
    .map(([key, value]) => (Array.isArray(value) ? `${key} ${value.length}` : typeof value === 'object' && value !== null ? `${key}: ${summary(value)}` : `${key} ${String(value)}`))
    .join(', ');
};

const LastRun = ({ run }: { run: JobRunView | null }) => {
  const t = useT();
  const when = useFormatDate();
  if (!run) return <Typography textColor="neutral600">{t('jobs.never', 'Not run since this server started keeping records')}</Typography>;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Flex gap={2}>
        <Badge active={run.ok}>{run.ok ? t('jobs.ok', 'OK') : t('jobs.failed', 'Failed')}</Badge>
        <Typography>{when(run.finishedAt)}</Typography>
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {run.trigger === 'staff'
          ? t('jobs.byStaff', 'run now by {name}, {ms} ms', { name: run.by ?? '', ms: run.durationMs })
          : t('jobs.bySchedule', 'on schedule, {ms} ms', { ms: run.durationMs })}
      </Typography>
      {run.error ? <Typography variant="pi" textColor="danger600">{run.error}</Typography> : null}
      {run.ok && summary(run.result) ? <Typography variant="pi">{summary(run.result)}</Typography> : null}
    </Flex>
  );
};

/** The operator's view of the scheduled jobs: each job's rule, last and next run, and "Run now". */
export const JobsPage = () => {
  const when = useFormatDate();
  const t = useT();
  const api = useStaffApi();
  const { data: jobs, error, reload } = useJobs();
  const { canRunJobs } = useStaffPermissions();
  const { busy, failure, clearFailure, run } = useAction();
  const [running, setRunning] = useState<string | null>(null);

  if (error) return <Page.Error content={t('jobs.error', 'Could not load the scheduled jobs: {message}', { message: error })} />;
  if (!jobs) return <Page.Loading />;

  const runNow = async (job: JobView) => {
    setRunning(job.name);
    if (await run(() => api.runJob(job.name))) reload();
    setRunning(null);
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('jobs.title', 'Scheduled jobs')}</Page.Title>
      <Layouts.Header title={t('jobs.title', 'Scheduled jobs')} subtitle={t('jobs.subtitle', 'Reminders, deadlines, renewals and e-mail delivery: when each job last ran and runs next')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {failure ? <Alert variant="danger" title={t('jobs.runFailed', 'The job did not run')} onClose={clearFailure} closeLabel={t('common.close', 'Close')}>{failure}</Alert> : null}
          <Table colCount={5} rowCount={jobs.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('jobs.column.job', 'Job')}</Typography></Th>
                <Th><Typography variant="sigma">{t('jobs.column.rule', 'Schedule')}</Typography></Th>
                <Th><Typography variant="sigma">{t('jobs.column.last', 'Last run')}</Typography></Th>
                <Th><Typography variant="sigma">{t('jobs.column.next', 'Next run')}</Typography></Th>
                <Th><Typography variant="sigma">{t('jobs.column.actions', 'Actions')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {jobs.map((job) => (
                <Tr key={job.name}>
                  <Td>
                    <Box maxWidth="32rem">
                      <Typography fontWeight="bold" tag="p">{job.name}</Typography>
                      <Typography variant="pi" textColor="neutral600" tag="p" style={{ whiteSpace: 'normal' }}>{job.description}</Typography>
                    </Box>
                  </Td>
                  <Td><Typography><code>{job.rule}</code></Typography></Td>
                  <Td><LastRun run={job.lastRun} /></Td>
                  <Td><Typography>{job.nextRun ? when(job.nextRun) : t('jobs.notScheduled', 'Not scheduled on this server')}</Typography></Td>
                  <Td>
                    {canRunJobs ? (
                      <Button variant="secondary" loading={busy && running === job.name} disabled={busy} onClick={() => runNow(job)}>
                        {t('jobs.runNow', 'Run now')}
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
};
