import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Checkbox, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Check, Cross, Search } from '@strapi/icons';
import type { ApplicationSort, ApplicationsQuery, ApplicationView } from '../../../shared/contracts/staff';
import { useAction, useStaffPermissions, useStaffApi, useApplicationsQueue, useBulkReview } from '../api';
import { ProgramNav } from '../components/ProgramNav';
import { useT } from '../useT';
import { ExportButton } from '../components/ExportButton';
import { useFormatDate } from '../components/format';
import { PersonLink } from '../components/run/PersonLink';

const ApplicationCard = ({
  application,
  canReview,
  onReviewed,
  selected,
  onSelect,
}: {
  application: ApplicationView;
  canReview: boolean;
  onReviewed: () => void;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}) => {
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
            {canReview ? (
              <Checkbox
                aria-label={t('applications.select', 'Select {name}', { name: application.displayName })}
                checked={selected}
                onCheckedChange={(checked: boolean | 'indeterminate') => onSelect(checked === true)}
              />
            ) : null}
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
            {/* An application that fails the rules can still be approved, but that is not the obvious next step. */}
            <Button
              variant={application.eligibility.eligible ? 'default' : 'tertiary'}
              startIcon={<Check />}
              onClick={() => review('approve')}
              loading={busy && !rejecting}
              disabled={busy}
            >
              {application.eligibility.eligible ? t('applications.approve', 'Approve') : t('applications.approveAnyway', 'Approve anyway')}
            </Button>
            <Button variant={application.eligibility.eligible ? 'danger-light' : 'danger'} startIcon={<Cross />} onClick={() => setRejecting(true)} disabled={busy}>
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

const PAGE_SIZE = 20;

/** The queue of submitted profiles: filters, search, sorting, pages, and one decision for many. */
export const ApplicationsPage = () => {
  const t = useT();
  const { programId = '' } = useParams();
  const allowedActions = useStaffPermissions();
  const canReview = Boolean(allowedActions.canReviewApplications);
  const [query, setQuery] = useState<ApplicationsQuery>({ sort: 'submitted-asc', page: 1, pageSize: PAGE_SIZE });
  const [search, setSearch] = useState('');
  // The question chosen before its answer: the query changes only once both are set.
  const [questionKey, setQuestionKey] = useState<string | undefined>(undefined);
  const { data, error, reload } = useApplicationsQueue(programId, query);
  const reviewMany = useBulkReview();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkRejecting, setBulkRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const bulk = useAction();

  if (error && !data) return <Page.Error content={error} />;
  if (!data) return <Page.Loading />;
  const { pagination, counts, questions } = data.meta;
  const chosenQuestion = questions.find((question) => question.key === questionKey);
  const change = (next: Partial<ApplicationsQuery>) => {
    setSelected(new Set());
    setQuery((previous) => ({ ...previous, page: 1, ...next }));
  };
  const decide = async (decision: 'approve' | 'reject') => {
    const ids = [...selected];
    let outcome: { reviewed: number; failed: number } | null = null;
    const ok = await bulk.run(async () => {
      const result = await reviewMany(programId, { profileDocumentIds: ids, decision, ...(decision === 'reject' ? { reason } : {}) });
      outcome = { reviewed: result.reviewed.length, failed: result.failed.length };
    });
    if (ok && outcome) {
      const { reviewed, failed } = outcome;
      setNote(t('applications.bulkDone', '{reviewed, plural, one {# application} other {# applications}} reviewed; {failed} could not be', { reviewed, failed }));
      setSelected(new Set());
      setBulkRejecting(false);
      setReason('');
      reload();
    }
  };
  const pageIds = data.data.map((application) => application.documentId);
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  return (
    <Layouts.Root>
      <Page.Title>{t('applications.title', 'Applications')}</Page.Title>
      <Layouts.Header
        title={t('applications.title', 'Applications')}
        subtitle={t('applications.subtitleCounts', '{count} waiting for review: {eligible} eligible, {notEligible} not eligible', {
          count: pagination.total,
          eligible: counts.eligible,
          notEligible: counts.notEligible,
        })}
        primaryAction={<ExportButton path={`/programs/${programId}/export/applications`} filename="applications.csv" />}
      />
      <Layouts.Content>
        <ProgramNav programId={programId} />
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={2} wrap="wrap" data-testid="applications-filters">
            <Box width="240px">
              <TextInput
                startAction={<Search />}
                aria-label={t('applications.search', 'Search by name or e-mail')}
                placeholder={t('applications.search', 'Search by name or e-mail')}
                value={search}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
                onKeyDown={(event: React.KeyboardEvent<HTMLInputElement>) => event.key === 'Enter' && change({ q: search.trim() || undefined })}
                onBlur={() => (search.trim() || undefined) !== query.q && change({ q: search.trim() || undefined })}
              />
            </Box>
            <Box width="160px">
              <SingleSelect aria-label={t('applications.filterRole', 'Role')} value={query.role ?? 'all'} onChange={(value) => {
                  setQuestionKey(undefined);
                  change({ role: value === 'all' ? undefined : (value as 'mentor' | 'mentee'), question: undefined, answer: undefined });
                }}
              >
                <SingleSelectOption value="all">{t('applications.allRoles', 'All roles')}</SingleSelectOption>
                <SingleSelectOption value="mentor">{t('role.mentor', 'Mentors')}</SingleSelectOption>
                <SingleSelectOption value="mentee">{t('role.mentee', 'Mentees')}</SingleSelectOption>
              </SingleSelect>
            </Box>
            <Box width="180px">
              <SingleSelect
                aria-label={t('applications.filterEligible', 'Eligibility')}
                value={query.eligible === undefined ? 'all' : query.eligible ? 'yes' : 'no'}
                onChange={(value) => change({ eligible: value === 'all' ? undefined : value === 'yes' })}
              >
                <SingleSelectOption value="all">{t('applications.anyEligibility', 'Eligible or not')}</SingleSelectOption>
                <SingleSelectOption value="yes">{t('applications.onlyEligible', 'Eligible only')}</SingleSelectOption>
                <SingleSelectOption value="no">{t('applications.onlyNotEligible', 'Not eligible only')}</SingleSelectOption>
              </SingleSelect>
            </Box>
            <Box width="200px">
              <SingleSelect
                aria-label={t('applications.filterQuestion', 'Answer to')}
                value={questionKey ?? 'none'}
                onChange={(value) => {
                  const key = value === 'none' ? undefined : String(value);
                  setQuestionKey(key);
                  if (!key && query.question) change({ question: undefined, answer: undefined });
                }}
              >
                <SingleSelectOption value="none">{t('applications.anyAnswers', 'Any answers')}</SingleSelectOption>
                {questions.map((question) => (
                  <SingleSelectOption key={question.key} value={question.key}>
                    {question.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            {chosenQuestion ? (
              <Box width="200px">
                <SingleSelect
                  aria-label={t('applications.filterAnswer', 'Answer')}
                  placeholder={t('applications.chooseAnswer', 'Choose an answer')}
                  value={query.question === chosenQuestion.key ? query.answer : undefined}
                  onChange={(value) => change({ question: chosenQuestion.key, answer: String(value) })}
                >
                  {chosenQuestion.options.map((option) => (
                    <SingleSelectOption key={option.value} value={option.value}>
                      {option.label}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            ) : null}
            <Box width="180px">
              <SingleSelect aria-label={t('applications.sort', 'Sort')} value={query.sort ?? 'submitted-asc'} onChange={(value) => change({ sort: value as ApplicationSort })}>
                <SingleSelectOption value="submitted-asc">{t('applications.sortOldest', 'Oldest first')}</SingleSelectOption>
                <SingleSelectOption value="submitted-desc">{t('applications.sortNewest', 'Newest first')}</SingleSelectOption>
                <SingleSelectOption value="name">{t('applications.sortName', 'Name')}</SingleSelectOption>
              </SingleSelect>
            </Box>
          </Flex>
          {canReview && data.data.length > 0 ? (
            <Flex gap={3} wrap="wrap">
              <Checkbox
                checked={allSelected}
                onCheckedChange={(checked: boolean | 'indeterminate') => setSelected(checked === true ? new Set([...selected, ...pageIds]) : new Set([...selected].filter((id) => !pageIds.includes(id))))}
              >
                {t('applications.selectPage', 'Select this page')}
              </Checkbox>
              <Button size="S" startIcon={<Check />} disabled={selected.size === 0 || bulk.busy} onClick={() => decide('approve')} loading={bulk.busy && !bulkRejecting}>
                {t('applications.approveSelected', 'Approve {count} selected', { count: selected.size })}
              </Button>
              <Button size="S" variant="danger-light" startIcon={<Cross />} disabled={selected.size === 0 || bulk.busy} onClick={() => setBulkRejecting(true)}>
                {t('applications.rejectSelected', 'Reject {count} selected', { count: selected.size })}
              </Button>
            </Flex>
          ) : null}
          {note ? (
            <Alert variant="success" title={note} closeLabel={t('common.close', 'Close')} onClose={() => setNote(null)}>
              {''}
            </Alert>
          ) : null}
          {bulk.failure ? (
            <Alert variant="danger" title={t('applications.failed', 'The review was not saved')} onClose={bulk.clearFailure} closeLabel={t('common.close', 'Close')}>
              {bulk.failure}
            </Alert>
          ) : null}
          {data.data.length === 0 ? (
            <Box padding={8} background="neutral0" hasRadius shadow="tableShadow">
              <Typography textColor="neutral600">{t('applications.empty', 'No application is waiting for review.')}</Typography>
            </Box>
          ) : (
            data.data.map((application) => (
              <ApplicationCard
                key={application.documentId}
                application={application}
                canReview={canReview}
                onReviewed={reload}
                selected={selected.has(application.documentId)}
                onSelect={(on) =>
                  setSelected((previous) => {
                    const next = new Set(previous);
                    if (on) next.add(application.documentId);
                    else next.delete(application.documentId);
                    return next;
                  })
                }
              />
            ))
          )}
          {pagination.pageCount > 1 ? (
            <Flex gap={3} justifyContent="center" data-testid="applications-pages">
              <Button variant="tertiary" disabled={pagination.page <= 1} onClick={() => setQuery((previous) => ({ ...previous, page: pagination.page - 1 }))}>
                {t('applications.previous', 'Previous')}
              </Button>
              <Typography>{t('applications.pageOf', 'Page {page} of {count}', { page: pagination.page, count: pagination.pageCount })}</Typography>
              <Button variant="tertiary" disabled={pagination.page >= pagination.pageCount} onClick={() => setQuery((previous) => ({ ...previous, page: pagination.page + 1 }))}>
                {t('applications.next', 'Next')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
        {bulkRejecting ? (
          <Modal.Root open onOpenChange={(open: boolean) => !open && setBulkRejecting(false)}>
            <Modal.Content>
              <Modal.Header>
                <Modal.Title>{t('applications.rejectManyTitle', 'Reject {count, plural, one {# application} other {# applications}}', { count: selected.size })}</Modal.Title>
              </Modal.Header>
              <Modal.Body>
                <Field.Root name="reason" required hint={t('applications.reasonHintMany', 'Each member receives this reason by e-mail.')}>
                  <Field.Label>{t('applications.reason', 'Reason')}</Field.Label>
                  <Textarea value={reason} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
                  <Field.Hint />
                </Field.Root>
              </Modal.Body>
              <Modal.Footer>
                <Modal.Close>
                  <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
                </Modal.Close>
                <Button variant="danger" onClick={() => decide('reject')} loading={bulk.busy} disabled={reason.trim().length < 3}>
                  {t('applications.rejectConfirm', 'Reject and notify')}
                </Button>
              </Modal.Footer>
            </Modal.Content>
          </Modal.Root>
        ) : null}
      </Layouts.Content>
    </Layouts.Root>
  );
};
