import { useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Field, Flex, Grid, Link, NumberInput, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { errorMessage, useStaffPermissions, usePool, useRuns, useStaffApi } from '../api';
import { ProgramNav } from '../components/ProgramNav';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { useT } from '../useT';
import { useFormatDate } from '../components/format';
import { ExpandableList } from '../components/ExpandableList';
import { usesStaffMatching } from '../../../shared/vocabulary';

const Panel = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={5} hasRadius shadow="tableShadow" height="100%">
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={3}>{children}</Box>
  </Box>
);

/** Who is in the pool, the criteria and this run's weights, the program's runs, and the Run button. */
export const MatchingPage = () => {
  const t = useT();
  const formatDate = useFormatDate();
  const { programId = '' } = useParams();
  const navigate = useNavigate();
  const api = useStaffApi();
  const pool = usePool(programId);
  const [starting, setStarting] = useState(false);
  const runs = useRuns(programId, false);
  const allowedActions = useStaffPermissions();
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [failure, setFailure] = useState<string | null>(null);

  if (pool.error && !pool.data) return <Page.Error content={pool.error} />;
  if (!pool.data) return <Page.Loading />;
  const { program, criteria, mentees, mentors } = pool.data;
  const capacity = mentors.reduce((sum, mentor) => sum + (mentor.capacity ?? 1), 0);

  const run = async () => {
    setStarting(true);
    setFailure(null);
    try {
      const overrides = Object.fromEntries(Object.entries(weights).filter(([name, weight]) => criteria.find((criterion) => criterion.name === name)?.weight !== weight));
      const started = await api.startRun({ programDocumentId: programId, weights: overrides });
      navigate(`/plugins/mentorship/programs/${programId}/runs/${started.documentId}`);
    } catch (error) {
      setFailure(errorMessage(error));
      setStarting(false);
    }
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('matching.title', 'Matching runs: {program}', { program: program.name })}</Page.Title>
      <Layouts.Header
        title={t('matching.title', 'Matching runs: {program}', { program: program.name })}
        subtitle={t('matching.subtitle', 'Pair the cohort at once: the matcher proposes, staff review and approve.')}
        primaryAction={
          allowedActions.canExecuteRuns ? (
            <Button startIcon={<Play />} onClick={run} loading={starting} disabled={mentees.length === 0 || mentors.length === 0 || criteria.length === 0 || !usesStaffMatching(program.style)}>
              {t('matching.run', 'Run matching')}
            </Button>
          ) : null
        }
      />
      <Layouts.Content>
        <ProgramNav programId={programId} />
        {usesStaffMatching(program.style) ? null : (
          <Box paddingBottom={4}>
            <Alert variant="default" title={t('matching.notStaffStyle', 'Members choose their mentors in this program')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
              {t('matching.notStaffStyleBody', 'Matching runs are for programs where staff pair the cohort (guided cohort, international virtual).')}
            </Alert>
          </Box>
        )}
        {failure ? (
          <Box paddingBottom={4}>
            <Alert variant="danger" title={t('matching.startFailed', 'The run could not start')} onClose={() => setFailure(null)} closeLabel={t('common.close', 'Close')}>
              {failure}
            </Alert>
          </Box>
        ) : null}
        <Grid.Root gap={4}>
          <Grid.Item col={5} xs={12} alignItems="stretch" direction="column">
            <Panel title={t('matching.pool', 'Pool')}>
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Typography>
                  {t('matching.poolMentees', '{count} approved mentees without a mentor', { count: mentees.length })}
                </Typography>
                <Typography>
                  {t('matching.poolMentors', '{count} available mentors with {capacity} free places', { count: mentors.length, capacity })}
                </Typography>
                <Typography textColor="neutral600" variant="pi">
                  {t('matching.minimum', 'Minimum match score: {score}', { score: program.minimumMatchScore ?? 0 })}
                </Typography>
                {mentees.length === 0 ? (
                  <Typography textColor="neutral600">{t('matching.noMentees', 'No mentee is waiting for a mentor.')}</Typography>
                ) : (
                  <Box>
                    <Typography variant="sigma" textColor="neutral600">
                      {t('matching.someMentees', 'Mentees waiting')}
                    </Typography>
                    <Box paddingTop={1}>
                      <ExpandableList items={mentees} limit={24} render={(mentee) => <Badge key={mentee.id}>{mentee.displayName}</Badge>} />
                    </Box>
                  </Box>
                )}
              </Flex>
            </Panel>
          </Grid.Item>
          <Grid.Item col={7} xs={12} alignItems="stretch" direction="column">
            <Panel title={t('matching.criteria', 'Criteria and weights for this run')}>
              {criteria.length === 0 ? (
                <Typography textColor="neutral600">{t('matching.noCriteria', 'The program has no matching criteria yet; add them to the program first.')}</Typography>
              ) : (
                <Table colCount={3} rowCount={criteria.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('matching.criterion', 'Criterion')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('matching.kind', 'Kind')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('matching.weight', 'Weight')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {criteria.map((criterion) => (
                      <Tr key={criterion.name}>
                        <Td>
                          <Typography fontWeight="semiBold">{criterion.name}</Typography>
                          {criterion.required ? (
                            <Box paddingLeft={2} tag="span">
                              <Badge>{t('matching.required', 'required')}</Badge>
                            </Box>
                          ) : null}
                        </Td>
                        <Td><Typography>{t(`criterionKind.${criterion.kind}`, criterion.kind)}</Typography></Td>
                        <Td>
                          <Box width="110px">
                            <Field.Root name={`weight-${criterion.name}`}>
                              <Field.Label>
                                <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                                  {t('matching.weightOf', 'Weight of {criterion}', { criterion: criterion.name })}
                                </span>
                              </Field.Label>
                              <NumberInput
                                size="S"
                                value={weights[criterion.name] ?? criterion.weight}
                                disabled={!allowedActions.canExecuteRuns}
                                onValueChange={(value) => setWeights((previous) => ({ ...previous, [criterion.name]: Math.max(0, Math.min(100, value ?? 0)) }))}
                              />
                            </Field.Root>
                          </Box>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </Panel>
          </Grid.Item>
        </Grid.Root>
        <Box paddingTop={6}>
          <Panel title={t('matching.runs', 'Runs')}>
            {!runs.data || runs.data.length === 0 ? (
              <Typography textColor="neutral600">{t('matching.noRuns', 'No run yet. Press "Run matching" to get proposals.')}</Typography>
            ) : (
              <Table colCount={6} rowCount={runs.data.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('matching.column.started', 'Started')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('matching.column.status', 'Status')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('matching.column.pairs', 'Pairs')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('matching.column.unmatched', 'Unmatched')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('matching.column.score', 'Total score')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('matching.column.by', 'By')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {runs.data.map((item) => (
                    <Tr key={item.documentId}>
                      <Td>
                        <Link tag={NavLink} to={`/plugins/mentorship/programs/${programId}/runs/${item.documentId}`}>
                          {formatDate(item.startedAt) || t('matching.notStarted', 'not started')}
                        </Link>
                      </Td>
                      <Td><RunStatusBadge status={item.status} /></Td>
                      <Td><Typography>{item.pairCount}</Typography></Td>
                      <Td><Typography>{item.unmatchedCount}</Typography></Td>
                      <Td><Typography>{item.totalScore === null ? '' : item.totalScore.toFixed(2)}</Typography></Td>
                      <Td><Typography>{item.createdBy?.name ?? ''}</Typography></Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Panel>
        </Box>
      </Layouts.Content>
    </Layouts.Root>
  );
};
