import { useEffect, useMemo, useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import {
  Alert,
  Badge,
  Box,
  Button,
  Dialog,
  Field,
  Flex,
  Grid,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, Cross, Lock, Search } from '@strapi/icons';
import type { PairRef, ProposedPair } from '../../../shared/contracts/staff';
import { useAction, useStaffPermissions, useRun, useStaffApi } from '../api';
import { IntroductionProgress } from '../components/IntroductionProgress';
import { ProgramNav } from '../components/ProgramNav';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { ScoreBars } from '../components/ScoreBars';
import { useT } from '../useT';
import { useFormatDate } from '../components/format';
import { PersonLink } from '../components/run/PersonLink';
import { StabilityReport, StabilitySummary } from '../components/run/StabilityReport';
import { UnmatchedMentees } from '../components/run/UnmatchedMentees';
import { AlternativesDialog } from '../components/run/AlternativesDialog';
import { RunningRun } from '../components/run/RunningRun';
import { ExportButton } from '../components/ExportButton';

type Sort = 'score-desc' | 'score-asc' | 'mentee' | 'mentor';
const keyOf = (pair: PairRef) => `${pair.menteeId}|${pair.mentorId}`;

const Section = ({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) => (
  <Box background="neutral0" padding={5} hasRadius shadow="tableShadow">
    <Flex justifyContent="space-between" gap={3}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {action}
    </Flex>
    <Box paddingTop={3}>{children}</Box>
  </Box>
);

const Fact = ({ label, value }: { label: string; value: React.ReactNode }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography>{value}</Typography>
  </Flex>
);

/** One matching run: progress while running, then proposals with explanations, locks, exclusions, re-run and approval. */
export const RunPage = () => {
  const t = useT();
  const { programId = '', runId = '' } = useParams();
  const navigate = useNavigate();
  const api = useStaffApi();
  const { data: run, error, reload } = useRun(runId);
  const allowedActions = useStaffPermissions();
  const [locked, setLocked] = useState<Map<string, PairRef>>(new Map());
  const [excluded, setExcluded] = useState<Map<string, PairRef>>(new Map());
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>('score-desc');
  const [whyNot, setWhyNot] = useState<ProposedPair | null>(null);
  const rerunAction = useAction();
  const approveAction = useAction();
  const busy = rerunAction.busy ? 'rerun' : approveAction.busy ? 'approve' : null;
  const failure = rerunAction.failure ?? approveAction.failure;
  const clearFailure = () => {
    rerunAction.clearFailure();
    approveAction.clearFailure();
  };
  const [approvedNote, setApprovedNote] = useState<string | null>(null);
  const formatDate = useFormatDate();

  useEffect(() => {
    if (!run) return;
    setLocked(new Map(run.locked.map((pair) => [keyOf(pair), pair])));
    setExcluded(new Map(run.excluded.map((pair) => [keyOf(pair), pair])));
  }, [run?.documentId, run?.status]);

  const pairs = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = (run?.result?.pairs ?? []).filter((pair) => !needle || `${pair.menteeName} ${pair.mentorName}`.toLowerCase().includes(needle));
    const sorted = [...list];
    if (sort === 'score-desc') sorted.sort((a, b) => b.score - a.score);
    if (sort === 'score-asc') sorted.sort((a, b) => a.score - b.score);
    if (sort === 'mentee') sorted.sort((a, b) => a.menteeName.localeCompare(b.menteeName));
    if (sort === 'mentor') sorted.sort((a, b) => a.mentorName.localeCompare(b.mentorName));
    return sorted;
  }, [run?.result, filter, sort]);

  if (error && !run) return <Page.Error content={error} />;
  if (!run) return <Page.Loading />;

  const editable = run.status === 'succeeded' && allowedActions.canExecuteRuns;
  const changed =
    [...locked.keys()].sort().join() !== run.locked.map(keyOf).sort().join() || [...excluded.keys()].sort().join() !== run.excluded.map(keyOf).sort().join();

  const rerun = () =>
    rerunAction.run(async () => {
      const next = await api.startRun({
        programDocumentId: programId,
        weights: run.weightOverrides,
        locked: [...locked.values()],
        excluded: [...excluded.values()],
        previousRunDocumentId: run.documentId,
    });
    navigate(`/plugins/mentorship/programs/${programId}/runs/${next.documentId}`);
    });

  const approve = () =>
    approveAction.run(async () => {
      const outcome = await api.approveRun(run.documentId);
      setApprovedNote(t('run.approvedNote', '{created} mentorships created; {emails} introduction e-mails queued.', { created: outcome.created, emails: outcome.emailsQueued }));
      reload();
    });

  const toggle = (setter: typeof setLocked, pair: PairRef) =>
    setter((previous) => {
      const next = new Map(previous);
      if (next.has(keyOf(pair))) next.delete(keyOf(pair));
      else next.set(keyOf(pair), { menteeId: pair.menteeId, mentorId: pair.mentorId });
      return next;
    });

  const result = run.result;
  const title = t('run.title', 'Matching run of {date}', { date: formatDate(run.startedAt) });

  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={
          <Flex gap={2} paddingTop={1}>
            <RunStatusBadge status={run.status} />
            {run.createdBy ? <Typography textColor="neutral600">{t('run.by', 'started by {name}', { name: run.createdBy.name })}</Typography> : null}
          </Flex>
        }
        navigationAction={
          <Link tag={NavLink} to={`/plugins/mentorship/programs/${programId}/matching`}>
            {t('run.back', 'Back to the runs')}
          </Link>
        }
        primaryAction={
          <Flex gap={2}>
            {run.result ? <ExportButton path={`/runs/${run.documentId}/export/proposals`} filename="proposals.csv" /> : null}
            {editable ? (
              <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={rerun} loading={busy === 'rerun'} disabled={busy !== null}>
                {changed ? t('run.rerunChanges', 'Re-run with these locks and exclusions') : t('run.rerun', 'Re-run')}
              </Button>
            ) : null}
            {run.status === 'failed' && allowedActions.canExecuteRuns ? (
              <Button startIcon={<ArrowClockwise />} onClick={rerun} loading={busy === 'rerun'}>
                {t('run.retry', 'Retry')}
              </Button>
            ) : null}
            {run.status === 'succeeded' && !run.supersededBy && allowedActions.canApproveRuns ? (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button startIcon={<Check />} disabled={busy !== null || changed || (result?.pairs.length ?? 0) === 0} loading={busy === 'approve'}>
                    {t('run.approve', 'Approve {count, plural, one {# pair} other {# pairs}}', { count: result?.pairs.length ?? 0 })}
                  </Button>
                </Dialog.Trigger>
                <Dialog.Content>
                  <Dialog.Header>{t('run.approveTitle', 'Approve this run?')}</Dialog.Header>
                  <Dialog.Body>
                    <Typography>
                      {t('run.approveBody', 'This creates {count} mentorships and introduces each pair by e-mail. The run then becomes read-only.', {
                        count: result?.pairs.length ?? 0,
                      })}
                    </Typography>
                  </Dialog.Body>
                  <Dialog.Footer>
                    <Dialog.Cancel>
                      <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
                    </Dialog.Cancel>
                    <Dialog.Action>
                      <Button onClick={approve}>{t('run.approveConfirm', 'Approve and introduce')}</Button>
                    </Dialog.Action>
                  </Dialog.Footer>
                </Dialog.Content>
              </Dialog.Root>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <ProgramNav programId={programId} />
        <Flex direction="column" alignItems="stretch" gap={5}>
          {failure ? (
            <Alert variant="danger" title={t('run.actionFailed', 'That did not work')} onClose={clearFailure} closeLabel={t('common.close', 'Close')}>
              {failure}
            </Alert>
          ) : null}
          {run.supersededBy && run.status === 'succeeded' ? (
            <Alert variant="warning" title={t('run.superseded', 'Superseded: this run can no longer be approved')} closeLabel={t('common.close', 'Close')} onClose={() => undefined} data-testid="run-superseded">
              {t('run.supersededBody', 'A later run of this program was approved, so these proposals were drawn from a pool that no longer exists.')}{' '}
              <Link tag={NavLink} to={`/plugins/mentorship/programs/${programId}/runs/${run.supersededBy}`}>
                {t('run.supersededLink', 'Open the approved run')}
              </Link>
            </Alert>
          ) : null}
          {run.status === 'running' ? <RunningRun run={run} /> : null}
          {run.status === 'failed' ? (
            <Alert variant="danger" title={t('run.failed', 'The run failed; nothing was created')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
              {run.errorMessage ?? t('run.failedUnknown', 'No message was given.')}
            </Alert>
          ) : null}
          {run.status === 'approved' ? (
            <Alert variant="success" title={t('run.approvedTitle', 'Approved: this run is read-only')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
              {approvedNote ??
                t('run.approvedBody', 'Approved by {name} on {date}; {count} mentorships were created.', {
                  name: run.approvedBy?.name ?? '',
                  date: formatDate(run.approvedAt),
                  count: run.mentorshipDocumentIds.length,
                })}{' '}
              <Link tag={NavLink} to={`/plugins/mentorship/programs/${programId}/mentorships`}>
                {t('run.seeMentorships', 'See the mentorships')}
              </Link>
              <IntroductionProgress runId={run.documentId} />
            </Alert>
          ) : null}
          {result ? (
            <>
              <Box background="neutral0" padding={5} hasRadius shadow="tableShadow">
                <Grid.Root gap={4}>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.pairs', 'Pairs')} value={result.pairs.length} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.unmatched', 'Unmatched')} value={result.unmatched.length} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.total', 'Total score')} value={result.totalScore.toFixed(2)} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.stability', 'Stability')} value={<StabilitySummary stability={result.stability} />} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}>
                    <Fact label={t('run.fact.engine', 'Engine')} value={`${run.engine ?? '—'}${run.engineVersion ? ` ${run.engineVersion}` : ''}`} />
                  </Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.duration', 'Duration')} value={run.durationMs === null ? '—' : `${run.durationMs} ms`} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}>
                    <Fact label={t('run.fact.hash', 'Input hash')} value={<span title={run.inputHash ?? ''}>{run.inputHash ? `${run.inputHash.slice(0, 12)}…` : '—'}</span>} />
                  </Grid.Item>
                </Grid.Root>
                {Object.keys(run.weightOverrides).length > 0 ? (
                  <Box paddingTop={3}>
                    <Typography variant="pi" textColor="neutral600">
                      {t('run.weights', 'Weights changed for this run: {list}', {
                        list: Object.entries(run.weightOverrides).map(([name, weight]) => `${name} = ${weight}`).join(', '),
                      })}
                    </Typography>
                  </Box>
                ) : null}
              </Box>

              {run.diff ? (
                <Section title={t('run.diff.title', 'Changes against the previous run')}>
                  <Flex direction="column" alignItems="stretch" gap={3}>
                    <Typography data-testid="run-diff-summary">
                      {t('run.diff.summary', '{added, plural, one {# new pair} other {# new pairs}}, {removed, plural, one {# pair} other {# pairs}} dropped, {unchanged} unchanged; total score {before} → {after}', {
                        added: run.diff.added.length,
                        removed: run.diff.removed.length,
                        unchanged: run.diff.unchanged,
                        before: run.diff.totalScoreBefore.toFixed(2),
                        after: run.diff.totalScoreAfter.toFixed(2),
                      })}
                    </Typography>
                    <Grid.Root gap={4}>
                      <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                        <Typography variant="sigma" textColor="success600">{t('run.diff.added', 'New pairs')}</Typography>
                        {run.diff.added.length === 0 ? <Typography textColor="neutral600">{t('run.diff.noneAdded', 'None')}</Typography> : null}
                        {run.diff.added.map((pair) => (
                          <Typography key={keyOf(pair)}>+ <PersonLink id={pair.menteeId} name={pair.menteeName} /> ↔ <PersonLink id={pair.mentorId} name={pair.mentorName} /> ({pair.score.toFixed(3)})</Typography>
                        ))}
                      </Grid.Item>
                      <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                        <Typography variant="sigma" textColor="danger600">{t('run.diff.removed', 'Dropped pairs')}</Typography>
                        {run.diff.removed.length === 0 ? <Typography textColor="neutral600">{t('run.diff.noneRemoved', 'None')}</Typography> : null}
                        {run.diff.removed.map((pair) => (
                          <Typography key={keyOf(pair)}>− <PersonLink id={pair.menteeId} name={pair.menteeName} /> ↔ <PersonLink id={pair.mentorId} name={pair.mentorName} /> ({pair.score.toFixed(3)})</Typography>
                        ))}
                      </Grid.Item>
                    </Grid.Root>
                  </Flex>
                </Section>
              ) : null}

              {result.stability ? (
                <Section title={t('run.stability.title', 'Stability of the proposals')}>
                  <StabilityReport stability={result.stability} />
                </Section>
              ) : null}

              <Section
                title={t('run.proposals', 'Proposed pairs')}
                action={
                  <Flex gap={2}>
                    <Box width="240px">
                      <Field.Root name="filter">
                        <TextInput
                          startAction={<Search />}
                          placeholder={t('run.filter', 'Filter by name')}
                          aria-label={t('run.filter', 'Filter by name')}
                          value={filter}
                          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setFilter(event.target.value)}
                        />
                      </Field.Root>
                    </Box>
                    <Box width="200px">
                      <SingleSelect aria-label={t('run.sort', 'Sort')} value={sort} onChange={(value) => setSort(value as Sort)}>
                        <SingleSelectOption value="score-desc">{t('run.sort.scoreDesc', 'Best score first')}</SingleSelectOption>
                        <SingleSelectOption value="score-asc">{t('run.sort.scoreAsc', 'Lowest score first')}</SingleSelectOption>
                        <SingleSelectOption value="mentee">{t('run.sort.mentee', 'Mentee name')}</SingleSelectOption>
                        <SingleSelectOption value="mentor">{t('run.sort.mentor', 'Mentor name')}</SingleSelectOption>
                      </SingleSelect>
                    </Box>
                  </Flex>
                }
              >
                {pairs.length === 0 ? (
                  <Typography textColor="neutral600">{t('run.noPairs', 'No pair to show.')}</Typography>
                ) : (
                  <Table colCount={5} rowCount={pairs.length + 1}>
                    <Thead>
                      <Tr>
                        <Th><Typography variant="sigma">{t('run.column.mentee', 'Mentee')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('run.column.mentor', 'Mentor')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('run.column.score', 'Score')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('run.column.why', 'Why (per criterion)')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('run.column.actions', 'Actions')}</Typography></Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {pairs.map((pair) => {
                        const isLocked = locked.has(keyOf(pair));
                        const isExcluded = excluded.has(keyOf(pair));
                        return (
                          <Tr key={keyOf(pair)} data-testid="proposal-row">
                            <Td>
                              <Typography fontWeight="semiBold">
                                <PersonLink id={pair.menteeId} name={pair.menteeName} />
                              </Typography>
                            </Td>
                            <Td>
                              <Flex gap={2}>
                                <Typography>
                                  <PersonLink id={pair.mentorId} name={pair.mentorName} />
                                </Typography>
                                {isLocked ? <Badge backgroundColor="primary100" textColor="primary700">{t('run.locked', 'locked')}</Badge> : null}
                                {isExcluded ? <Badge backgroundColor="danger100" textColor="danger700">{t('run.excluded', 'excluded')}</Badge> : null}
                              </Flex>
                            </Td>
                            <Td><Typography fontWeight="bold">{pair.score.toFixed(3)}</Typography></Td>
                            <Td><ScoreBars breakdown={pair.breakdown} compact /></Td>
                            <Td>
                              <Flex gap={1} wrap="wrap">
                                {editable ? (
                                  <>
                                    <Button
                                      size="S"
                                      variant={isLocked ? 'default' : 'tertiary'}
                                      startIcon={<Lock />}
                                      onClick={() => toggle(setLocked, pair)}
                                      disabled={isExcluded}
                                    >
                                      {isLocked ? t('run.unlock', 'Unlock') : t('run.lock', 'Lock')}
                                    </Button>
                                    <Button
                                      size="S"
                                      variant={isExcluded ? 'danger' : 'tertiary'}
                                      startIcon={<Cross />}
                                      onClick={() => toggle(setExcluded, pair)}
                                      disabled={isLocked}
                                    >
                                      {isExcluded ? t('run.include', 'Allow') : t('run.exclude', 'Exclude')}
                                    </Button>
                                  </>
                                ) : null}
                                <Button size="S" variant="ghost" onClick={() => setWhyNot(pair)}>
                                  {t('run.whyNot', 'Why not others?')}
                                </Button>
                              </Flex>
                            </Td>
                          </Tr>
                        );
                      })}
                    </Tbody>
                  </Table>
                )}
              </Section>

              {excluded.size > 0 ? (
                <Section title={t('run.exclusions', 'Excluded pairs')}>
                  <Flex direction="column" alignItems="stretch" gap={2}>
                    <Typography variant="pi" textColor="neutral600">
                      {t('run.exclusionsHelp', 'These pairs are never proposed; a re-run keeps them out unless you allow them again.')}
                    </Typography>
                    {[...excluded.values()].map((pair) => (
                      <Flex key={keyOf(pair)} gap={3}>
                        <Typography>
                          <PersonLink id={pair.menteeId} name={run.names[pair.menteeId]} /> ↔ <PersonLink id={pair.mentorId} name={run.names[pair.mentorId]} />
                        </Typography>
                        {editable ? (
                          <Button size="S" variant="tertiary" onClick={() => toggle(setExcluded, pair)}>
                            {t('run.include', 'Allow')}
                          </Button>
                        ) : null}
                      </Flex>
                    ))}
                  </Flex>
                </Section>
              ) : null}

              <Section title={t('run.unmatched', 'Unmatched mentees')}>
                <UnmatchedMentees unmatched={result.unmatched} />
              </Section>
            </>
          ) : null}
        </Flex>
        {whyNot ? <AlternativesDialog run={run} pair={whyNot} onClose={() => setWhyNot(null)} /> : null}
      </Layouts.Content>
    </Layouts.Root>
  );
};
