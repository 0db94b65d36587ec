import { useEffect, useState } from 'react';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { RunSummary } from '../../../../shared/contracts/staff';
import { useT } from '../../useT';

/** A run the matcher is working on: what it matches and how long it has taken so far. */
export const RunningRun = ({ run }: { run: RunSummary }) => {
  const t = useT();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = run.startedAt ? Math.max(0, Math.round((now - new Date(run.startedAt).getTime()) / 1000)) : 0;
  return (
    <Box background="neutral0" padding={8} hasRadius shadow="tableShadow">
      <Flex direction="column" gap={4}>
        <Loader>{t('run.running', 'The matcher is working')}</Loader>
        <Typography variant="beta" tag="p">
          {t('run.runningTitle', 'Matching {mentees} mentees with {mentors} mentors…', { mentees: run.menteeCount, mentors: run.mentorCount })}
        </Typography>
        <Typography textColor="neutral600">
          {t('run.runningElapsed', '{seconds} s so far. You can leave this page; the run carries on and its result is kept.', { seconds })}
        </Typography>
      </Flex>
    </Box>
  );
};
