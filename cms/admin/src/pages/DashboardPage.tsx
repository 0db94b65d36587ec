import { NavLink, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { useDashboard } from '../api';
import { BarChart } from '../components/BarChart';
import { ProgramNav } from '../components/ProgramNav';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { useT } from '../useT';
import { useFormatDate } from '../components/format';
import { ImportProfiles } from '../components/ImportProfiles';

const Stat = ({ label, value, tone }: { label: string; value: number; tone?: 'danger' | 'warning' }) => (
  <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" height="100%" width="100%">
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Box paddingTop={1}>
      <Typography variant="alpha" tag="p" textColor={value > 0 && tone ? `${tone}600` : 'neutral800'}>
        {value}
      </Typography>
    </Box>
  </Box>
);

/** One program at a glance: who is enrolled, what waits for staff, how the mentorships are doing. */
export const DashboardPage = () => {
  const t = useT();
  const formatDate = useFormatDate();
  const { programId = '' } = useParams();
  const { data, error, reload } = useDashboard(programId);
  if (error) return <Page.Error content={error} />;
  if (!data) return <Page.Loading />;
  const { counts } = data;
  const stats: { label: string; value: number; tone?: 'danger' | 'warning' }[] = [
    { label: t('dashboard.mentors', 'Enrolled mentors'), value: counts.mentors },
    { label: t('dashboard.mentees', 'Enrolled mentees'), value: counts.mentees },
    { label: t('dashboard.listed', 'Listed mentors'), value: counts.listedMentors },
    { label: t('dashboard.pending', 'Pending applications'), value: counts.pendingApplications, tone: 'warning' },
    { label: t('dashboard.openRequests', 'Open requests'), value: counts.openRequests },
    { label: t('dashboard.overdue', 'Overdue requests'), value: counts.overdueRequests, tone: 'danger' },
    { label: t('dashboard.escalations', 'Escalations'), value: counts.escalations, tone: 'danger' },
    { label: t('dashboard.active', 'Active mentorships'), value: counts.activeMentorships },
    { label: t('dashboard.belowEngagement', 'Pairs below the engagement minimum'), value: counts.belowEngagement, tone: 'warning' },
  ];
  const statuses = data.profilesByStatus.filter((row) => row.mentors + row.mentees > 0);
  return (
    <Layouts.Root>
      <Page.Title>{data.program.name}</Page.Title>
      <Layouts.Header
        title={data.program.name}
        subtitle={t('dashboard.subtitle', '{style} program · {status}', { style: t(`style.${data.program.style}`, data.program.style), status: t(`programStatus.${data.program.status}`, data.program.status) })}
        primaryAction={<ImportProfiles programId={programId} onImported={reload} />}
      />
      <Layouts.Content>
        <ProgramNav programId={programId} />
        <Grid.Root gap={4}>
          {stats.map((stat) => (
            <Grid.Item key={stat.label} col={4} s={6} xs={12} alignItems="stretch">
              <Stat {...stat} />
            </Grid.Item>
          ))}
        </Grid.Root>
        <Box paddingTop={6}>
          <Grid.Root gap={4}>
            <Grid.Item col={7} xs={12} alignItems="stretch" direction="column">
              <BarChart
                title={t('dashboard.chart.statuses', 'Profiles by status')}
                categories={statuses.map((row) => t(`profileStatus.${row.status}`, row.status))}
                series={[
                  { label: t('role.mentor', 'Mentors'), color: '#4945ff' },
                  { label: t('role.mentee', 'Mentees'), color: '#ee5e52' },
                ]}
                values={statuses.map((row) => [row.mentors, row.mentees])}
              />
            </Grid.Item>
            <Grid.Item col={5} xs={12} alignItems="stretch" direction="column">
              <BarChart
                title={t('dashboard.chart.load', 'Mentors by number of mentees')}
                categories={data.mentorLoad.map((row) => String(row.load))}
                series={[{ label: t('role.mentor', 'Mentors'), color: '#328048' }]}
                values={data.mentorLoad.map((row) => [row.mentors])}
              />
            </Grid.Item>
          </Grid.Root>
        </Box>
        <Box paddingTop={6}>
          <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
            <Typography variant="delta" tag="h3">
              {t('dashboard.runs', 'Recent matching runs')}
            </Typography>
            <Box paddingTop={3}>
              {data.recentRuns.length === 0 ? (
                <Typography textColor="neutral600">{t('dashboard.noRuns', 'No matching runs yet.')}</Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  {data.recentRuns.map((run) => (
                    <Flex key={run.documentId} gap={3}>
                      <RunStatusBadge status={run.status} />
                      <Link tag={NavLink} to={`/plugins/mentorship/programs/${programId}/runs/${run.documentId}`}>
                        {t('dashboard.runLine', '{pairs} pairs, {unmatched} unmatched', { pairs: run.pairCount, unmatched: run.unmatchedCount })}
                      </Link>
                      <Typography variant="pi" textColor="neutral600">
                        {formatDate(run.startedAt)}
                      </Typography>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Box>
          </Box>
        </Box>
      </Layouts.Content>
    </Layouts.Root>
  );
};
