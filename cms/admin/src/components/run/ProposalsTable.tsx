import { useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Dialog,
  Field,
  Flex,
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
import { Check, Cross, Lock, Search } from '@strapi/icons';
import type { PairRef, ProposalRow, ProposalSort, ProposalsPage, ProposalsQuery, RunOverview } from '../../../../shared/contracts/staff';
import { useLoad, useStaffApi } from '../../api';
import { ScoreBars } from '../ScoreBars';
import { useT } from '../../useT';
import { PersonLink } from './PersonLink';

const PAGE_SIZES = [10, 25, 50, 100];
const keyOf = (pair: PairRef) => `${pair.menteeId}|${pair.mentorId}`;
const refOf = (pair: PairRef): PairRef => ({ menteeId: pair.menteeId, mentorId: pair.mentorId });
type Flag = 'all' | 'yes' | 'no';

/**
 * The run's proposals a page at a time, searched, filtered and sorted by the server; a selection
 * that survives paging, acted on in one request (lock, unlock, exclude, approve).
 */
export const ProposalsTable = ({
  run,
  editable,
  canApprove,
  version,
  act,
  onWhyNot,
}: {
  run: RunOverview;
  editable: boolean;
  canApprove: boolean;
  /** bumped by the page after a change, to read the page again */
  version: number;
  act: (work: () => Promise<unknown>) => void;
  onWhyNot: (pair: ProposalRow) => void;
}) => {
  const t = useT();
  const api = useStaffApi();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [sort, setSort] = useState<ProposalSort>('score-desc');
  const [locked, setLocked] = useState<Flag>('all');
  const [status, setStatus] = useState<'all' | 'proposed' | 'approved'>('all');
  const [changedOnly, setChangedOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [selected, setSelected] = useState<Map<string, PairRef>>(new Map());

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  useEffect(() => setPage(1), [debounced, sort, locked, status, changedOnly, pageSize]);

  const query: ProposalsQuery = {
    page,
    pageSize,
    sort,
    ...(debounced ? { search: debounced } : {}),
    ...(locked !== 'all' ? { locked: locked === 'yes' } : {}),
    ...(status !== 'all' ? { status } : {}),
    ...(changedOnly ? { changed: true } : {}),
  };
  const key = `${run.documentId}:${JSON.stringify(query)}:${version}:${run.status}:${run.edits.length}`;
  const { data, error } = useLoad<ProposalsPage>(() => api.proposals(run.documentId, query), key);
  const rows = data?.items ?? [];
  const selectable = rows.filter((row) => !row.approved);
  const selection = [...selected.values()];
  const clearAfter = (work: () => Promise<unknown>) => () =>
    act(async () => {
      await work();
      setSelected(new Map());
    });
  const toggle = (pair: PairRef, on: boolean) =>
    setSelected((previous) => {
      const next = new Map(previous);
      if (on) next.set(keyOf(pair), refOf(pair));
      else next.delete(keyOf(pair));
      return next;
    });
  const allOnPage = selectable.length > 0 && selectable.every((row) => selected.has(keyOf(row)));

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={2} wrap="wrap">
        <Box width="240px">
          <Field.Root name="proposal-search">
            <TextInput
              startAction={<Search />}
              placeholder={t('run.filter', 'Filter by name')}
              aria-label={t('run.filter', 'Filter by name')}
              value={search}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
            />
          </Field.Root>
        </Box>
        <Box width="190px">
          <SingleSelect aria-label={t('run.sort', 'Sort')} value={sort} onChange={(value) => setSort(value as ProposalSort)}>
            <SingleSelectOption value="score-desc">{t('run.sort.scoreDesc', 'Best score first')}</SingleSelectOption>
            <SingleSelectOption value="score-asc">{t('run.sort.scoreAsc', 'Lowest score first')}</SingleSelectOption>
            <SingleSelectOption value="mentee">{t('run.sort.mentee', 'Mentee name')}</SingleSelectOption>
            <SingleSelectOption value="mentor">{t('run.sort.mentor', 'Mentor name')}</SingleSelectOption>
          </SingleSelect>
        </Box>
        <Box width="170px">
          <SingleSelect aria-label={t('run.filter.locked', 'Locked or not')} value={locked} onChange={(value) => setLocked(value as Flag)}>
            <SingleSelectOption value="all">{t('run.filter.lockedAll', 'Locked or not')}</SingleSelectOption>
            <SingleSelectOption value="yes">{t('run.filter.lockedYes', 'Locked only')}</SingleSelectOption>
            <SingleSelectOption value="no">{t('run.filter.lockedNo', 'Not locked')}</SingleSelectOption>
          </SingleSelect>
        </Box>
        <Box width="200px">
          <SingleSelect aria-label={t('run.filter.status', 'Approved or not')} value={status} onChange={(value) => setStatus(value as typeof status)}>
            <SingleSelectOption value="all">{t('run.filter.statusAll', 'Approved or not')}</SingleSelectOption>
            <SingleSelectOption value="proposed">{t('run.filter.statusProposed', 'Still proposals')}</SingleSelectOption>
            <SingleSelectOption value="approved">{t('run.filter.statusApproved', 'Approved')}</SingleSelectOption>
          </SingleSelect>
        </Box>
        <Box width="160px">
          <SingleSelect aria-label={t('run.pageSize', 'Pairs per page')} value={String(pageSize)} onChange={(value) => setPageSize(Number(value))}>
            {PAGE_SIZES.map((size) => (
              <SingleSelectOption key={size} value={String(size)}>
                {t('run.pageSizeOption', '{count} per page', { count: size })}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        {run.diff ? (
          <Checkbox checked={changedOnly} onCheckedChange={(checked: boolean | 'indeterminate') => setChangedOnly(checked === true)}>
            {t('run.filter.changed', 'Only pairs new since the previous run')}
          </Checkbox>
        ) : null}
      </Flex>

      {(editable || canApprove) && selection.length > 0 ? (
        <Flex gap={2} padding={3} background="primary100" hasRadius data-testid="selection-bar" wrap="wrap">
          <Typography fontWeight="semiBold">{t('run.selected', '{count, plural, one {# pair selected} other {# pairs selected}}', { count: selection.length })}</Typography>
          {editable ? (
            <>
              <Button size="S" variant="secondary" startIcon={<Lock />} onClick={clearAfter(() => api.changePairs(run.documentId, { lock: selection }))}>
                {t('run.lockSelected', 'Lock')}
              </Button>
              <Button size="S" variant="tertiary" onClick={clearAfter(() => api.changePairs(run.documentId, { unlock: selection }))}>
                {t('run.unlockSelected', 'Unlock')}
              </Button>
              <Button size="S" variant="danger-light" startIcon={<Cross />} onClick={clearAfter(() => api.changePairs(run.documentId, { exclude: selection }))}>
                {t('run.excludeSelected', 'Exclude')}
              </Button>
            </>
          ) : null}
          {canApprove ? (
            <Dialog.Root>
              <Dialog.Trigger>
                <Button size="S" startIcon={<Check />}>
                  {t('run.approveSelected', 'Approve {count, plural, one {# pair} other {# pairs}}', { count: selection.length })}
                </Button>
              </Dialog.Trigger>
              <Dialog.Content>
                <Dialog.Header>{t('run.approveSelectedTitle', 'Approve the selected pairs?')}</Dialog.Header>
                <Dialog.Body>
                  <Typography>
                    {t('run.approveSelectedBody', 'This creates {count} mentorships and introduces each pair by e-mail. The other pairs stay proposals; a re-run starts from the mentees and places left.', {
                      count: selection.length,
                    })}
                  </Typography>
                </Dialog.Body>
                <Dialog.Footer>
                  <Dialog.Cancel>
                    <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
                  </Dialog.Cancel>
                  <Dialog.Action>
                    <Button onClick={clearAfter(() => api.approveRun(run.documentId, selection))}>{t('run.approveConfirm', 'Approve and introduce')}</Button>
                  </Dialog.Action>
                </Dialog.Footer>
              </Dialog.Content>
            </Dialog.Root>
          ) : null}
          <Button size="S" variant="ghost" onClick={() => setSelected(new Map())}>
            {t('run.clearSelection', 'Clear the selection')}
          </Button>
        </Flex>
      ) : null}

      {error ? <Typography textColor="danger600">{error}</Typography> : null}
      {data && rows.length === 0 ? <Typography textColor="neutral600">{t('run.noPairs', 'No pair to show.')}</Typography> : null}
      {rows.length > 0 ? (
        <Table colCount={6} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th>
                {editable || canApprove ? (
                  <Checkbox
                    aria-label={t('run.selectPage', 'Select this page')}
                    checked={allOnPage}
                    onCheckedChange={(checked: boolean | 'indeterminate') => selectable.forEach((row) => toggle(row, checked === true))}
                  />
                ) : null}
              </Th>
              <Th><Typography variant="sigma">{t('run.column.mentee', 'Mentee')}</Typography></Th>
              <Th><Typography variant="sigma">{t('run.column.mentor', 'Mentor')}</Typography></Th>
              <Th><Typography variant="sigma">{t('run.column.score', 'Score')}</Typography></Th>
              <Th><Typography variant="sigma">{t('run.column.why', 'Why (per criterion)')}</Typography></Th>
              <Th><Typography variant="sigma">{t('run.column.actions', 'Actions')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => (
              <Tr key={keyOf(row)} data-testid="proposal-row">
                <Td>
                  {(editable || canApprove) && !row.approved ? (
                    <Checkbox
                      aria-label={t('run.selectPair', 'Select {mentee} and {mentor}', { mentee: row.menteeName, mentor: row.mentorName })}
                      checked={selected.has(keyOf(row))}
                      onCheckedChange={(checked: boolean | 'indeterminate') => toggle(row, checked === true)}
                    />
                  ) : null}
                </Td>
                <Td>
                  <Flex gap={2} wrap="wrap">
                    <Typography fontWeight="semiBold">
                      <PersonLink id={row.menteeId} name={row.menteeName} />
                    </Typography>
                    {row.carriedOver ? <Badge>{t('run.carriedOver', 'carried over')}</Badge> : null}
                  </Flex>
                </Td>
                <Td>
                  <Flex gap={2} wrap="wrap">
                    <Typography>
                      <PersonLink id={row.mentorId} name={row.mentorName} />
                    </Typography>
                    {row.locked ? <Badge backgroundColor="primary100" textColor="primary700">{t('run.locked', 'locked')}</Badge> : null}
                    {row.excluded ? <Badge backgroundColor="danger100" textColor="danger700">{t('run.excluded', 'excluded')}</Badge> : null}
                    {row.approved ? <Badge backgroundColor="success100" textColor="success700">{t('run.approvedPair', 'approved')}</Badge> : null}
                    {row.changed ? <Badge backgroundColor="warning100" textColor="warning700">{t('run.newPair', 'new')}</Badge> : null}
                  </Flex>
                </Td>
                <Td><Typography fontWeight="bold">{row.score.toFixed(3)}</Typography></Td>
                <Td><ScoreBars breakdown={row.breakdown} compact /></Td>
                <Td>
                  <Flex gap={1} wrap="wrap">
                    {editable && !row.approved ? (
                      <>
                        <Button
                          size="S"
                          variant={row.locked ? 'default' : 'tertiary'}
                          startIcon={<Lock />}
                          disabled={row.excluded}
                          onClick={() => act(() => api.changePairs(run.documentId, row.locked ? { unlock: [refOf(row)] } : { lock: [refOf(row)] }))}
                        >
                          {row.locked ? t('run.unlock', 'Unlock') : t('run.lock', 'Lock')}
                        </Button>
                        <Button
                          size="S"
                          variant={row.excluded ? 'danger' : 'tertiary'}
                          startIcon={<Cross />}
                          onClick={() => act(() => api.changePairs(run.documentId, row.excluded ? { allow: [refOf(row)] } : { exclude: [refOf(row)] }))}
                        >
                          {row.excluded ? t('run.include', 'Allow') : t('run.exclude', 'Exclude')}
                        </Button>
                      </>
                    ) : null}
                    <Button size="S" variant="ghost" onClick={() => onWhyNot(row)}>
                      {t('run.whyNot', 'Why not others?')}
                    </Button>
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {data && data.pageCount > 1 ? (
        <Flex gap={3} justifyContent="center">
          <Button variant="tertiary" disabled={data.page <= 1} onClick={() => setPage(data.page - 1)}>
            {t('run.previousPage', 'Previous page')}
          </Button>
          <Typography data-testid="proposals-page">
            {t('run.pageOf', 'Page {page} of {count} ({total} pairs)', { page: data.page, count: data.pageCount, total: data.total })}
          </Typography>
          <Button variant="tertiary" disabled={data.page >= data.pageCount} onClick={() => setPage(data.page + 1)}>
            {t('run.nextPage', 'Next page')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
};
