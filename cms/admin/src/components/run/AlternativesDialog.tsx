import { useState } from 'react';
import { Alert, Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import type { Alternative, AlternativesResponse, ProposedPair } from '../../../../shared/contracts/staff';
import { errorMessage, useLoad, useStaffApi } from '../../api';
import { ScoreBars } from '../ScoreBars';
import { useT } from '../../useT';
import { PersonLink } from './PersonLink';

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`;

/**
 * "Why not others?": the next-best mentors for one proposed mentee, each with its score difference
 * and, while the run can change, what pairing them instead would do (checked again by the server).
 */
export const AlternativesDialog = ({
  runId,
  pair,
  canPairInstead,
  onClose,
  onPaired,
}: {
  runId: string;
  pair: ProposedPair;
  canPairInstead: boolean;
  onClose: () => void;
  onPaired: () => void;
}) => {
  const t = useT();
  const api = useStaffApi();
  const { data, error } = useLoad<AlternativesResponse>(() => api.alternatives(runId, pair.menteeId), `${runId}:${pair.menteeId}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const pairInstead = async (alternative: Alternative) => {
    setBusy(alternative.mentorId);
    setFailure(null);
    try {
      await api.pairInstead(runId, { menteeId: pair.menteeId, mentorId: alternative.mentorId });
      onPaired();
      onClose();
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('run.whyNot.title', 'Why {mentor} for {mentee}?', { mentor: pair.mentorName, mentee: pair.menteeName })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Box>
              <Typography variant="sigma" textColor="neutral600">
                {t('run.whyNot.assigned', 'Proposed: {mentor}, score {score}', { mentor: pair.mentorName, score: pair.score.toFixed(3) })}
              </Typography>
              <Box paddingTop={2}>
                <ScoreBars breakdown={pair.breakdown} />
              </Box>
            </Box>
            {error ? (
              <Alert variant="danger" title={t('run.whyNot.error', 'Could not load the alternatives')} closeLabel={t('common.close', 'Close')} onClose={onClose}>
                {error}
              </Alert>
            ) : null}
            {failure ? (
              <Alert variant="danger" title={t('run.pairInstead.failed', 'Could not pair them')} closeLabel={t('common.close', 'Close')} onClose={() => setFailure(null)}>
                {failure}
              </Alert>
            ) : null}
            {!data && !error ? <Loader small>{t('common.loading', 'Loading')}</Loader> : null}
            {data && data.alternatives.length === 0 ? <Typography textColor="neutral600">{t('run.whyNot.none', 'No other mentor is eligible for this mentee.')}</Typography> : null}
            {data?.alternatives.map((alternative) => (
              <Box key={alternative.mentorId} padding={3} background="neutral100" hasRadius data-testid="alternative">
                <Flex justifyContent="space-between" paddingBottom={2} gap={2}>
                  <Typography fontWeight="bold">
                    <PersonLink id={alternative.mentorId} name={alternative.mentorName} />
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {alternative.difference === null
                      ? t('run.whyNot.score', 'score {score}', { score: alternative.score.toFixed(3) })
                      : alternative.difference < 0
                        ? t('run.whyNot.above', 'score {score}, {difference} above the proposal (the mentor\'s places went to others)', {
                            score: alternative.score.toFixed(3),
                            difference: (-alternative.difference).toFixed(3),
                          })
                        : t('run.whyNot.diff', 'score {score}, {difference} below the proposal', { score: alternative.score.toFixed(3), difference: alternative.difference.toFixed(3) })}
                  </Typography>
                </Flex>
                <ScoreBars breakdown={alternative.breakdown} compact />
                {alternative.impact ? (
                  <Flex paddingTop={2} gap={3} justifyContent="space-between" wrap="wrap">
                    <Typography variant="pi" data-testid="pair-instead-impact">
                      {alternative.impact.possible
                        ? alternative.impact.displaced
                          ? t('run.pairInstead.impactDisplaced', 'Pair score {pair}, run total {total}; {mentee} gives up the place and waits unmatched.', {
                              pair: signed(alternative.impact.pairScoreChange),
                              total: signed(alternative.impact.totalScoreChange),
                              mentee: alternative.impact.displaced.menteeName,
                            })
                          : t('run.pairInstead.impact', 'Pair score {pair}, run total {total}; the mentor has a free place.', {
                              pair: signed(alternative.impact.pairScoreChange),
                              total: signed(alternative.impact.totalScoreChange),
                            })
                        : t('run.pairInstead.blocked', 'Not possible: {reason}', { reason: alternative.impact.blockedBy ?? '' })}
                    </Typography>
                    {canPairInstead && alternative.impact.possible ? (
                      <Button size="S" variant="secondary" loading={busy === alternative.mentorId} disabled={busy !== null} onClick={() => pairInstead(alternative)}>
                        {t('run.pairInstead', 'Pair with this mentor instead')}
                      </Button>
                    ) : null}
                  </Flex>
                ) : null}
              </Box>
            ))}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
