import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { RunStability } from '../../../../shared/contracts/staff';
import { useT } from '../../useT';
import { PersonLink } from './PersonLink';

/** The run's blocking pairs in one line, for the facts next to the total score. */
export const StabilitySummary = ({ stability }: { stability: RunStability | null | undefined }) => {
  const t = useT();
  if (!stability) return <span>{t('run.stability.unknown', 'not reported')}</span>;
  if (stability.blockingPairs === 0) return <span data-testid="stability-summary">{t('run.stability.stable', 'stable: no blocking pair')}</span>;
  return (
    <span data-testid="stability-summary">
      {t('run.stability.count', '{count, plural, one {# blocking pair} other {# blocking pairs}}, up to {gain}', {
        count: stability.blockingPairs,
        gain: stability.strongestGain.toFixed(3),
      })}
    </span>
  );
};

/**
 * Who would rather be together than with their proposals, by the scores: a mentee and a mentor
 * who both gain by leaving their partners. The optimum total is not always one members accept.
 */
export const StabilityReport = ({ stability }: { stability: RunStability }) => {
  const t = useT();
  if (stability.blockingPairs === 0) {
    return (
      <Typography textColor="neutral600">
        {t('run.stability.none', 'No mentee and mentor would both rather be together than with their proposed partners: the proposals are stable.')}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography>
        {t(
          'run.stability.explain',
          '{count, plural, one {# mentee and mentor} other {# mentees and mentors}} would both rather be together than with their proposed partners. The gains are score differences; small ones are rarely felt.',
          { count: stability.blockingPairs },
        )}
      </Typography>
      <Table colCount={4} rowCount={stability.pairs.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('run.stability.column.pair', 'Would rather pair')}</Typography></Th>
            <Th><Typography variant="sigma">{t('run.stability.column.mentee', 'Mentee now has')}</Typography></Th>
            <Th><Typography variant="sigma">{t('run.stability.column.mentor', 'Mentor would give up')}</Typography></Th>
            <Th><Typography variant="sigma">{t('run.stability.column.gain', 'Gains (mentee / mentor)')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {stability.pairs.map((pair) => (
            <Tr key={`${pair.menteeId}|${pair.mentorId}`} data-testid="blocking-pair">
              <Td>
                <Typography>
                  <PersonLink id={pair.menteeId} name={pair.menteeName} /> ↔ <PersonLink id={pair.mentorId} name={pair.mentorName} /> ({pair.score.toFixed(3)})
                </Typography>
              </Td>
              <Td>
                <Typography>
                  {pair.menteeCurrentMentorId ? (
                    <>
                      <PersonLink id={pair.menteeCurrentMentorId} name={pair.menteeCurrentMentorName} /> ({(pair.menteeCurrentScore ?? 0).toFixed(3)})
                    </>
                  ) : (
                    t('run.stability.noMentor', 'no mentor')
                  )}
                </Typography>
              </Td>
              <Td>
                <Typography>
                  {pair.displacedMenteeId ? (
                    <>
                      <PersonLink id={pair.displacedMenteeId} name={pair.displacedMenteeName} /> ({(pair.displacedScore ?? 0).toFixed(3)})
                    </>
                  ) : (
                    t('run.stability.freePlace', 'nobody: a place is free')
                  )}
                </Typography>
              </Td>
              <Td>
                <Typography>
                  +{pair.menteeGain.toFixed(3)} / +{pair.mentorGain.toFixed(3)}
                </Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {stability.blockingPairs > stability.pairs.length ? (
        <Box>
          <Typography variant="pi" textColor="neutral600">
            {t('run.stability.more', 'The {shown} strongest of {count} are shown.', { shown: stability.pairs.length, count: stability.blockingPairs })}
          </Typography>
        </Box>
      ) : null}
    </Flex>
  );
};
