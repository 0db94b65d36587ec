import { Badge, Box, Button, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { RunOverview, WaitingList as WaitingListData } from '../../../../shared/contracts/staff';
import { useLoad, useStaffApi } from '../../api';
import { useT } from '../../useT';
import { PersonLink } from './PersonLink';

const SHOWN_GROUPS = 8;

/** The recruiting brief staff send: which mentors would place the mentees still waiting. */
const inviteHref = (data: WaitingListData) => {
  const lines = data.wanted.map(
    (group) =>
      `- ${group.mentorsNeeded} mentor${group.mentorsNeeded === 1 ? '' : 's'} with ${group.answers.map((answer) => `${answer.criterion}: ${answer.value}`).join(', ') || 'any answers'} (${group.mentees} mentee${group.mentees === 1 ? '' : 's'} waiting)`,
  );
  const body = [
    `${data.mentees.length} mentees of ${data.programName} are still waiting for a mentor. These mentors (about ${data.usualCapacity} mentees each) would place them:`,
    '',
    ...lines,
    '',
    'Please invite members who fit to apply as mentors.',
  ].join('\n');
  return `mailto:${encodeURIComponent(data.contactEmail ?? '')}?subject=${encodeURIComponent(`Mentors wanted for ${data.programName}`)}&body=${encodeURIComponent(body)}`;
};

/**
 * Mentees of the run still without a mentorship (unmatched, and after an approval the proposals
 * not approved), with the matcher's reasons, what would place them, and what staff can do:
 * carry them over to the next run, or ask the program contact to recruit mentors.
 */
export const WaitingList = ({ run, version, canAct, act }: { run: RunOverview; version: number; canAct: boolean; act: (work: () => Promise<unknown>) => void }) => {
  const t = useT();
  const api = useStaffApi();
  const { data, error, reload } = useLoad(() => api.waiting(run.documentId), `waiting:${run.documentId}:${version}:${run.status}:${run.approvedCount}:${run.edits.length}`);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return null;
  if (data.mentees.length === 0) return <Typography textColor="neutral600">{t('run.noUnmatched', 'Every mentee in the pool got a proposal.')}</Typography>;
  const notCarried = data.mentees.filter((mentee) => !mentee.carriedOver);
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="waiting-list">
      {data.wanted.length > 0 ? (
        <Box padding={4} background="neutral100" hasRadius>
          <Typography variant="sigma" textColor="neutral600">{t('run.waiting.wanted', 'What would help')}</Typography>
          <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2}>
            {data.wanted.slice(0, SHOWN_GROUPS).map((group) => (
              <Typography key={JSON.stringify(group.answers)} data-testid="mentors-wanted">
                {t('run.waiting.group', '{mentors, plural, one {# more mentor} other {# more mentors}} with {answers} would place {mentees, plural, one {# mentee} other {# mentees}} ({names})', {
                  mentors: group.mentorsNeeded,
                  answers: group.answers.map((answer) => `${answer.criterion}: ${answer.value}`).join(', ') || t('run.waiting.anyAnswers', 'any answers'),
                  mentees: group.mentees,
                  names: group.menteeNames.slice(0, 5).join(', ') + (group.menteeNames.length > 5 ? '…' : ''),
                })}
              </Typography>
            ))}
            {data.wanted.length > SHOWN_GROUPS ? (
              <Typography variant="pi" textColor="neutral600">
                {t('run.waiting.moreGroups', 'and {count, plural, one {# more kind of mentor} other {# more kinds of mentor}}, listed in the mentor call', { count: data.wanted.length - SHOWN_GROUPS })}
              </Typography>
            ) : null}
            <Typography variant="pi" textColor="neutral600">
              {t('run.waiting.capacityNote', 'Counted at {capacity} mentees per mentor, the usual capacity in this run.', { capacity: data.usualCapacity })}
            </Typography>
          </Flex>
          <Flex gap={2} paddingTop={3} wrap="wrap">
            {canAct && notCarried.length > 0 ? (
              <Button size="S" onClick={() => act(async () => { await api.carryOver(run.documentId, {}); reload(); })}>
                {t('run.waiting.carryOver', 'Carry {count, plural, one {# mentee} other {# mentees}} over to the next run', { count: notCarried.length })}
              </Button>
            ) : null}
            <Link href={inviteHref(data)} isExternal data-testid="invite-mentors">
              {data.contactEmail
                ? t('run.waiting.invite', 'Ask {email} to invite mentors (e-mail)', { email: data.contactEmail })
                : t('run.waiting.inviteNoContact', 'Write a mentor call (e-mail; the program has no contact address)')}
            </Link>
          </Flex>
        </Box>
      ) : null}
      <Table colCount={2} rowCount={data.mentees.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('run.column.mentee', 'Mentee')}</Typography></Th>
            <Th><Typography variant="sigma">{t('run.column.reason', 'Reason')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {data.mentees.map((mentee) => (
            <Tr key={mentee.menteeId} data-testid="unmatched-row">
              <Td>
                <Flex gap={2}>
                  <Typography fontWeight="semiBold">
                    <PersonLink id={mentee.menteeId} name={mentee.menteeName} />
                  </Typography>
                  {mentee.carriedOver ? <Badge data-testid="carried-over">{t('run.carriedOver', 'carried over')}</Badge> : null}
                </Flex>
              </Td>
              <Td>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography>{mentee.reason}</Typography>
                  {mentee.bestMentorId ? (
                    <Typography variant="pi" textColor="neutral600">
                      {t('run.unmatched.best', 'Best mentor for them:')} <PersonLink id={mentee.bestMentorId} name={mentee.bestMentorName} />
                      {mentee.bestScore === undefined ? null : ` (${mentee.bestScore.toFixed(3)})`}
                    </Typography>
                  ) : null}
                </Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
};
