import { Alert, Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import type { AlternativesResponse, ProposedPair, RunDetail } from '../../../../shared/contracts/staff';
import { useLoad, useStaffApi } from '../../api';
import { ScoreBars } from '../ScoreBars';
import { useT } from '../../useT';
import { PersonLink } from './PersonLink';

/** "Why not others?": the next-best mentors for one proposed mentee, each with its score difference. */
export const AlternativesDialog = ({ run, pair, onClose }: { run: RunDetail; pair: ProposedPair; onClose: () => void }) => {
  const t = useT();
  const api = useStaffApi();
  const { data, error } = useLoad<AlternativesResponse>(() => api.alternatives(run.documentId, pair.menteeId), `${run.documentId}:${pair.menteeId}`);
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
            {!data && !error ? <Loader small>{t('common.loading', 'Loading')}</Loader> : null}
            {data && data.alternatives.length === 0 ? <Typography textColor="neutral600">{t('run.whyNot.none', 'No other mentor is eligible for this mentee.')}</Typography> : null}
            {data?.alternatives.map((alternative) => (
              <Box key={alternative.mentorId} padding={3} background="neutral100" hasRadius>
                <Flex justifyContent="space-between" paddingBottom={2}>
                  <Typography fontWeight="bold">
                    <PersonLink id={alternative.mentorId} name={alternative.mentorName} />
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {alternative.difference === null
                      ? t('run.whyNot.score', 'score {score}', { score: alternative.score.toFixed(3) })
                      : t('run.whyNot.diff', 'score {score}, {difference} below the proposal', { score: alternative.score.toFixed(3), difference: alternative.difference.toFixed(3) })}
                  </Typography>
                </Flex>
                <ScoreBars breakdown={alternative.breakdown} compact />
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
