import { Box, Flex, Typography } from '@strapi/design-system';
import type { CriterionContribution } from '../../../shared/contracts/staff';
import { useT } from '../useT';

const percent = (value: number) => `${Math.round(Math.max(0, Math.min(1, value)) * 100)}%`;

/** One bar per criterion: how well the pair meets it (length) and what it adds to the score (label). */
export const ScoreBars = ({ breakdown, compact = false }: { breakdown: CriterionContribution[]; compact?: boolean }) => {
  const t = useT();
  if (breakdown.length === 0) return <Typography textColor="neutral500">{t('bars.none', 'No breakdown')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={1} minWidth={compact ? '260px' : '340px'}>
      {breakdown.map((item) => {
        const failed = item.passed === false;
        // A criterion of weight 0 adds nothing to the score: its bar stays empty whatever the match.
        const filled = item.weight > 0 ? percent(item.match) : '0%';
        return (
          <Flex key={item.criterion} gap={2} title={t('bars.tooltip', '{criterion}: match {match}, weight {weight}, adds {contribution}', {
            criterion: item.criterion,
            match: percent(item.match),
            weight: item.weight,
            contribution: item.contribution.toFixed(3),
          })}>
            <Box width={compact ? '140px' : '180px'} style={{ flexShrink: 0 }}>
              {/* Wrapped, never cut: several criteria share their first words ("Outside the mentee's ..."). */}
              <Typography variant="pi" textColor="neutral700" style={{ overflowWrap: 'anywhere' }}>
                {item.criterion}
              </Typography>
            </Box>
            <Box background="neutral150" hasRadius height="8px" style={{ flexGrow: 1, overflow: 'hidden' }}>
              <Box
                background={failed ? 'danger500' : item.match >= 0.75 ? 'success500' : item.match >= 0.4 ? 'primary500' : 'warning500'}
                height="8px"
                style={{ width: filled }}
                aria-label={`${item.criterion} ${filled}`}
                data-testid="score-bar"
              />
            </Box>
            <Box width="48px" style={{ flexShrink: 0, textAlign: 'right' }}>
              <Typography variant="pi" textColor="neutral600">
                +{item.contribution.toFixed(2)}
              </Typography>
            </Box>
          </Flex>
        );
      })}
    </Flex>
  );
};
