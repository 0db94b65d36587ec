import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { AdminProgramOverview } from '../../../shared/contracts/admin';
import { PLUGIN_ID } from '../pluginId';

const t = (id: string) => `${PLUGIN_ID}.${id}`;

export const HomePage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [programs, setPrograms] = useState<AdminProgramOverview[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ data: AdminProgramOverview[] }>(`/${PLUGIN_ID}/programs`)
      .then((response) => setPrograms(response.data.data))
      .catch((failure: Error) => setError(failure.message));
  }, [get]);

  if (error) {
    return <Page.Error content={formatMessage({ id: t('home.error'), defaultMessage: 'Could not load programs: {message}' }, { message: error })} />;
  }
  if (!programs) return <Page.Loading />;

  return (
    <Layouts.Root>
      <Page.Title>{formatMessage({ id: t('home.title'), defaultMessage: 'Mentorship programs' })}</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: t('home.title'), defaultMessage: 'Mentorship programs' })}
        subtitle={formatMessage({ id: t('home.subtitle'), defaultMessage: 'Programs, applications, matching runs and mentorships' })}
      />
      <Layouts.Content>
        {programs.length === 0 ? (
          <Box padding={8} background="neutral0" hasRadius>
            <Typography>{formatMessage({ id: t('home.empty'), defaultMessage: 'No programs yet.' })}</Typography>
          </Box>
        ) : (
          <Table colCount={5} rowCount={programs.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{formatMessage({ id: t('home.column.name'), defaultMessage: 'Program' })}</Typography></Th>
                <Th><Typography variant="sigma">{formatMessage({ id: t('home.column.style'), defaultMessage: 'Style' })}</Typography></Th>
                <Th><Typography variant="sigma">{formatMessage({ id: t('home.column.status'), defaultMessage: 'Status' })}</Typography></Th>
                <Th><Typography variant="sigma">{formatMessage({ id: t('home.column.mentors'), defaultMessage: 'Mentors' })}</Typography></Th>
                <Th><Typography variant="sigma">{formatMessage({ id: t('home.column.mentees'), defaultMessage: 'Mentees' })}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {programs.map((program) => (
                <Tr key={program.documentId}>
                  <Td><Typography fontWeight="bold">{program.name}</Typography></Td>
                  <Td><Typography>{program.style}</Typography></Td>
                  <Td><Badge>{program.status}</Badge></Td>
                  <Td><Typography>{program.counts.mentors}</Typography></Td>
                  <Td><Typography>{program.counts.mentees}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
};
