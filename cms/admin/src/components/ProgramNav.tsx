import { NavLink, useLocation } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useT } from '../useT';
import { usePrograms } from '../api';
import { usesStaffMatching } from '../../../shared/vocabulary';

/** Links between a program's staff pages. */
export const ProgramNav = ({ programId }: { programId: string }) => {
  const t = useT();
  const { pathname } = useLocation();
  const base = `/plugins/mentorship/programs/${programId}`;
  const programs = usePrograms();
  const style = programs.data?.find((program) => program.documentId === programId)?.style;
  // Matching runs only where staff pair the cohort; members choose their mentors in the other styles.
  const matching = style !== undefined && usesStaffMatching(style);
  const links = [
    { to: base, label: t('nav.dashboard', 'Dashboard'), end: true },
    { to: `${base}/applications`, label: t('nav.applications', 'Applications') },
    ...(matching ? [{ to: `${base}/matching`, label: t('nav.matching', 'Matching runs') }] : []),
    { to: `${base}/mentorships`, label: t('nav.mentorships', 'Mentorships') },
    { to: `${base}/escalations`, label: t('nav.escalations', 'Escalations') },
  ];
  return (
    <Box paddingBottom={4}>
      <Flex gap={5} wrap="wrap">
        <Link tag={NavLink} to="/plugins/mentorship">
          {t('nav.programs', 'All programs')}
        </Link>
        {links.map((link) => {
          const current = link.end ? pathname.endsWith(link.to) : pathname.includes(link.to);
          return current ? (
            <Typography key={link.to} fontWeight="bold" textColor="neutral800" aria-current="page">
              {link.label}
            </Typography>
          ) : (
            <Link key={link.to} tag={NavLink} to={link.to} end={link.end}>
              {link.label}
            </Link>
          );
        })}
      </Flex>
    </Box>
  );
};
