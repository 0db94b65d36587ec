import { Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { UnmatchedMentee } from '../../../../shared/contracts/staff';
import { useT } from '../../useT';
import { PersonLink } from './PersonLink';

/** Mentees left without a proposal, each with the matcher's reason and the best mentor they had, by name. */
export const UnmatchedMentees = ({ unmatched }: { unmatched: UnmatchedMentee[] }) => {
  const t = useT();
  if (unmatched.length === 0) return <Typography textColor="neutral600">{t('run.noUnmatched', 'Every mentee in the pool got a proposal.')}</Typography>;
  return (
    <Table colCount={2} rowCount={unmatched.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('run.column.mentee', 'Mentee')}</Typography></Th>
          <Th><Typography variant="sigma">{t('run.column.reason', 'Reason')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {unmatched.map((item) => (
          <Tr key={item.menteeId} data-testid="unmatched-row">
            <Td>
              <Typography fontWeight="semiBold">
                <PersonLink id={item.menteeId} name={item.menteeName} />
              </Typography>
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography>{item.reason}</Typography>
                {item.bestMentorId ? (
                  <Typography variant="pi" textColor="neutral600">
                    {t('run.unmatched.best', 'Best mentor for them:')} <PersonLink id={item.bestMentorId} name={item.bestMentorName} />
                    {item.bestScore === undefined ? null : ` (${item.bestScore.toFixed(3)})`}
                  </Typography>
                ) : null}
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
