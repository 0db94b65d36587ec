import { NavLink } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Badge, Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { usePrograms } from '../api';
import { useT } from '../useT';
import { NewProgramDialog } from '../components/NewProgramDialog';
import { usesStaffMatching } from '../../../shared/vocabulary';

/** The plugin's landing page: every program with its head counts and links to its staff pages. */
export const HomePage = () => {
  const t = useT();
  const { data: programs, error } = usePrograms();

  if (error) return <Page.Error content={t('home.error', 'Could not load programs: {message}', { message: error })} />;
  if (!programs) return <Page.Loading />;

  return (
    <Layouts.Root>
      <Page.Title>{t('home.title', 'Mentorship programs')}</Page.Title>
      <Layouts.Header
        title={t('home.title', 'Mentorship programs')}
        subtitle={t('home.subtitle', 'Programs, applications, matching runs and mentorships')}
        primaryAction={<NewProgramDialog />}
        secondaryAction={<Link tag={NavLink} to="/plugins/mentorship/jobs">{t('home.jobs', 'Scheduled jobs')}</Link>}
      />
      <Layouts.Content>
        {programs.length === 0 ? (
          <Box padding={8} background="neutral0" hasRadius shadow="tableShadow">
            <Typography>{t('home.empty', 'No programs yet. Create one in the Content Manager.')}</Typography>
          </Box>
        ) : (
          <Table colCount={6} rowCount={programs.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('home.column.name', 'Program')}</Typography></Th>
                <Th><Typography variant="sigma">{t('home.column.style', 'Style')}</Typography></Th>
                <Th><Typography variant="sigma">{t('home.column.status', 'Status')}</Typography></Th>
                <Th><Typography variant="sigma">{t('home.column.mentors', 'Mentors')}</Typography></Th>
                <Th><Typography variant="sigma">{t('home.column.mentees', 'Mentees')}</Typography></Th>
                <Th><Typography variant="sigma">{t('home.column.pages', 'Staff pages')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {programs.map((program) => {
                const base = `/plugins/mentorship/programs/${program.documentId}`;
                return (
                  <Tr key={program.documentId}>
                    <Td>
                      <Link tag={NavLink} to={base}>
                        <Typography fontWeight="bold">{program.name}</Typography>
                      </Link>
                    </Td>
                    <Td><Typography>{t(`style.${program.style}`, program.style)}</Typography></Td>
                    <Td><Badge>{t(`programStatus.${program.status}`, program.status)}</Badge></Td>
                    <Td><Typography>{program.counts.mentors}</Typography></Td>
                    <Td><Typography>{program.counts.mentees}</Typography></Td>
                    <Td>
                      <Flex gap={3} wrap="wrap">
                        <Link tag={NavLink} to={base}>{t('nav.dashboard', 'Dashboard')}</Link>
                        <Link tag={NavLink} to={`${base}/applications`}>
                          {t('home.applications', 'Applications ({count})', { count: program.counts.submitted })}
                        </Link>
                        {usesStaffMatching(program.style) ? <Link tag={NavLink} to={`${base}/matching`}>{t('nav.matching', 'Matching runs')}</Link> : null}
                        <Link tag={NavLink} to={`${base}/escalations`}>{t('nav.escalations', 'Escalations')}</Link>
                        <Link tag={NavLink} to={`${base}/try`}>{t('home.try', 'Preview the enrollment form')}</Link>
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
};
