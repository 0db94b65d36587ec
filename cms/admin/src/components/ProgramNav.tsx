import { NavLink, useLocation } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useT } from '../useT';

/** Links between a program's staff pages. */
export const ProgramNav = ({ programId }: { programId: string }) => {
  const t = useT();
  const { pathname } = useLocation();
  const base = `/plugins/mentorship/programs/${programId}`;
  const links = [
    { to: base, label: t('nav.dashboard', 'Dashboard'), end: true },
    { to: `${base}/applications`, label: t('nav.applications', 'Applications') },
    { to: `${base}/matching`, label: t('nav.matching', 'Matching runs') },
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
