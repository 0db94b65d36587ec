import { useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  Field,
  Flex,
  Grid,
  Link,
  NumberInput,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check } from '@strapi/icons';
import type { ProposedPair, RunOverview } from '../../../shared/contracts/staff';
import { useAction, useStaffPermissions, useRunSummary, useStaffApi } from '../api';
import { IntroductionProgress } from '../components/IntroductionProgress';
import { ProgramNav } from '../components/ProgramNav';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { useT } from '../useT';
import { useFormatDate } from '../components/format';
import { PersonLink } from '../components/run/PersonLink';
import { StabilityReport, StabilitySummary } from '../components/run/StabilityReport';
import { AlternativesDialog } from '../components/run/AlternativesDialog';
import { RunningRun } from '../components/run/RunningRun';
import { ProposalsTable } from '../components/run/ProposalsTable';
import { WaitingList } from '../components/run/WaitingList';
import { ExportButton } from '../components/ExportButton';

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

/** Re-run from what is left, optionally changing as few of this run's pairs as possible. */
const RerunButton = ({ run, busy, onRerun }: { run: RunOverview; busy: boolean; onRerun: (keepPrevious: { tolerance: number } | null) => void }) => {
  const t = useT();
  const [keep, setKeep] = useState(true);
  const [tolerancePercent, setTolerancePercent] = useState<number | undefined>(0);
  const valid = tolerancePercent !== undefined && tolerancePercent >= 0 && tolerancePercent <= 20;
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button variant="secondary" startIcon={<ArrowClockwise />} loading={busy} disabled={busy}>
          {t('run.rerun', 'Re-run')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('run.rerunTitle', 'Run again from what is left?')}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>
              {t('run.rerunBody', 'The new run takes the pool as it is now (approved mentees and taken places are out) with this run\'s weights, its {locked, plural, one {# locked pair} other {# locked pairs}} and {excluded, plural, one {# exclusion} other {# exclusions}}.', {
                locked: run.lockedCount,
                excluded: run.excludedCount,
              })}
            </Typography>
            <Checkbox checked={keep} onCheckedChange={(checked: boolean | 'indeterminate') => setKeep(checked === true)}>
              {t('run.keepPrevious', 'Change as few pairs as possible')}
            </Checkbox>
            {keep ? (
              <Field.Root name="tolerance" hint={t('run.toleranceHint', 'Share of the best total score you accept to give up to keep more of these pairs (0 to 20%). At 0 only ties are used.')} error={valid ? undefined : t('run.toleranceError', 'Between 0 and 20')}>
                <Field.Label>{t('run.tolerance', 'Score you may give up (%)')}</Field.Label>
                <NumberInput value={tolerancePercent} step={0.5} onValueChange={(value: number | undefined) => setTolerancePercent(value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            ) : null}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button disabled={keep && !valid} onClick={() => onRerun(keep ? { tolerance: (tolerancePercent ?? 0) / 100 } : null)}>
              {t('run.rerunConfirm', 'Run again')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

/** One matching run: progress while running, then a summary and pages of proposals with explanations, selections, re-run and approval. */
export const RunPage = () => {
  const t = useT();
  const { programId = '', runId = '' } = useParams();
  const navigate = useNavigate();
  const api = useStaffApi();
  const { data: run, error, reload } = useRunSummary(runId);
  const allowedActions = useStaffPermissions();
  const [whyNot, setWhyNot] = useState<ProposedPair | null>(null);
  const [version, setVersion] = useState(0);
  const rerunAction = useAction();
  const approveAction = useAction();
  const changeAction = useAction();
  const busy = rerunAction.busy ? 'rerun' : approveAction.busy ? 'approve' : changeAction.busy ? 'change' : null;
  const failure = rerunAction.failure ?? approveAction.failure ?? changeAction.failure;
  const clearFailure = () => {
    rerunAction.clearFailure();
    approveAction.clearFailure();
    changeAction.clearFailure();
  };
  const [approvedNote, setApprovedNote] = useState<string | null>(null);
  const formatDate = useFormatDate();

  if (error && !run) return <Page.Error content={error} />;
  if (!run) return <Page.Loading />;

  const open = run.status === 'succeeded' && !run.supersededBy;
  const editable = open && allowedActions.canExecuteRuns;
  const canApprove = open && allowedActions.canApproveRuns;
  const refresh = () => {
    setVersion((value) => value + 1);
    reload();
  };
  const act = (work: () => Promise<unknown>) =>
    changeAction.run(async () => {
      await work();
      refresh();
    });

  const rerun = (keepPrevious: { tolerance: number } | null) =>
    rerunAction.run(async () => {
      const next = await api.rerun(run.documentId, keepPrevious ? { keepPrevious } : {});
      navigate(`/plugins/mentorship/programs/${programId}/runs/${next.documentId}`);
    });

  const approve = () =>
    approveAction.run(async () => {
      const outcome = await api.approveRun(run.documentId);
      setApprovedNote(t('run.approvedNote', '{created} mentorships created; {emails} introduction e-mails queued.', { created: outcome.created, emails: outcome.emailsQueued }));
      refresh();
    });

  const title = t('run.title', 'Matching run of {date}', { date: formatDate(run.startedAt) });
  const finished = run.status === 'succeeded' || run.status === 'approved';

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
            {finished ? <ExportButton path={`/runs/${run.documentId}/export/proposals`} filename="proposals.csv" /> : null}
            {(finished || run.status === 'failed') && allowedActions.canExecuteRuns && !run.supersededBy ? (
              <RerunButton run={run} busy={busy === 'rerun'} onRerun={rerun} />
            ) : null}
            {canApprove ? (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button startIcon={<Check />} disabled={busy !== null || run.remainingCount === 0} loading={busy === 'approve'}>
                    {run.approvedCount > 0
                      ? t('run.approveRest', 'Approve the other {count, plural, one {# pair} other {# pairs}}', { count: run.remainingCount })
                      : t('run.approve', 'Approve {count, plural, one {# pair} other {# pairs}}', { count: run.remainingCount })}
                  </Button>
                </Dialog.Trigger>
                <Dialog.Content>
                  <Dialog.Header>{t('run.approveTitle', 'Approve this run?')}</Dialog.Header>
                  <Dialog.Body>
                    <Typography>
                      {t('run.approveBody', 'This creates {count} mentorships and introduces each pair by e-mail. The run then becomes read-only.', {
                        count: run.remainingCount,
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
                  count: run.mentorshipCount,
                })}{' '}
              <Link tag={NavLink} to={`/plugins/mentorship/programs/${programId}/mentorships`}>
                {t('run.seeMentorships', 'See the mentorships')}
              </Link>
              <IntroductionProgress runId={run.documentId} />
            </Alert>
          ) : null}
          {run.status === 'succeeded' && run.approvedCount > 0 ? (
            <Alert variant="success" title={t('run.partlyApproved', '{count, plural, one {# pair} other {# pairs}} approved; the others are still proposals', { count: run.approvedCount })} closeLabel={t('common.close', 'Close')} onClose={() => undefined} data-testid="run-partly-approved">
              {approvedNote ?? t('run.partlyApprovedBody', 'Approve more, or re-run: a new run starts from the mentees and places left.')}{' '}
              <IntroductionProgress runId={run.documentId} />
            </Alert>
          ) : null}
          {finished ? (
            <>
              <Box background="neutral0" padding={5} hasRadius shadow="tableShadow">
                <Grid.Root gap={4}>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.pairs', 'Pairs')} value={run.pairCount} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.unmatched', 'Unmatched')} value={run.unmatchedCount} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.total', 'Total score')} value={(run.totalScore ?? 0).toFixed(2)} /></Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}>
                    <Fact label={t('run.fact.stability', 'Stability')} value={run.edits.length > 0 && !run.stability ? t('run.stability.edited', 'not known after staff changes') : <StabilitySummary stability={run.stability} />} />
                  </Grid.Item>
                  <Grid.Item col={2} s={4} xs={6}><Fact label={t('run.fact.locked', 'Locked / excluded')} value={`${run.lockedCount} / ${run.excludedCount}`} /></Grid.Item>
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
                  <Flex direction="column" alignItems="stretch" gap={2}>
                    <Typography data-testid="run-diff-summary">
                      {t('run.diff.summary', '{added, plural, one {# new pair} other {# new pairs}}, {removed, plural, one {# pair} other {# pairs}} dropped, {unchanged} unchanged; total score {before} → {after}', {
                        added: run.diff.added,
                        removed: run.diff.removed,
                        unchanged: run.diff.unchanged,
                        before: run.diff.totalScoreBefore.toFixed(2),
                        after: run.diff.totalScoreAfter.toFixed(2),
                      })}
                    </Typography>
                    {run.keep ? (
                      <Typography data-testid="run-keep-report">
                        {t('run.keep.summary', 'Asked to change as few pairs as possible (giving up at most {tolerance}%): {kept} of {previous} previous pairs kept, {changed} changed (the best total alone would have changed {without}); score given up {givenUp} of {best}.', {
                          tolerance: (run.keep.tolerance * 100).toFixed(1),
                          kept: run.keep.kept,
                          previous: run.keep.previousPairs,
                          changed: run.keep.changed,
                          without: run.keep.changedWithoutKeeping,
                          givenUp: run.keep.scoreGivenUp.toFixed(3),
                          best: run.keep.bestTotalScore.toFixed(2),
                        })}
                      </Typography>
                    ) : null}
                    <Typography variant="pi" textColor="neutral600">
                      {t('run.diff.filterHint', 'Tick "Only pairs new since the previous run" above the proposals to list the new pairs.')}
                    </Typography>
                  </Flex>
                </Section>
              ) : null}

              {run.edits.length > 0 ? (
                <Section title={t('run.edits.title', 'Changes made by staff')}>
                  <Flex direction="column" alignItems="stretch" gap={1}>
                    {run.edits.map((edit) => (
                      <Typography key={`${edit.menteeId}|${edit.mentorId}|${edit.at}`} data-testid="run-edit">
                        <PersonLink id={edit.menteeId} name={edit.menteeName} /> ↔ <PersonLink id={edit.mentorId} name={edit.mentorName} />{' '}
                        {t('run.edits.line', '(instead of {previous}; pair {pair}, run total {total}){displaced}', {
                          previous: edit.previousMentorName ?? t('run.edits.noMentor', 'no mentor'),
                          pair: `${edit.pairScoreChange >= 0 ? '+' : ''}${edit.pairScoreChange.toFixed(3)}`,
                          total: `${edit.totalScoreChange >= 0 ? '+' : ''}${edit.totalScoreChange.toFixed(3)}`,
                          displaced: edit.displacedMenteeName ? t('run.edits.displaced', '; {name} now waits unmatched', { name: edit.displacedMenteeName }) : '',
                        })}
                      </Typography>
                    ))}
                  </Flex>
                </Section>
              ) : null}

              {run.stability ? (
                <Section title={t('run.stability.title', 'Stability of the proposals')}>
                  <StabilityReport stability={run.stability} />
                </Section>
              ) : null}

              <Section title={t('run.proposals', 'Proposed pairs')}>
                <ProposalsTable run={run} editable={editable} canApprove={canApprove} version={version} act={act} onWhyNot={setWhyNot} />
              </Section>

              <Section title={run.approvedCount > 0 || run.status === 'approved' ? t('run.waiting.title', 'Waiting list') : t('run.unmatched', 'Unmatched mentees')}>
                <WaitingList run={run} version={version} canAct={allowedActions.canExecuteRuns} act={act} />
              </Section>
            </>
          ) : null}
        </Flex>
        {whyNot ? <AlternativesDialog runId={run.documentId} pair={whyNot} canPairInstead={editable} onClose={() => setWhyNot(null)} onPaired={refresh} /> : null}
      </Layouts.Content>
    </Layouts.Root>
  );
};
