import { NavLink } from 'react-router-dom';
import { Flex, Link, Typography } from '@strapi/design-system';
import { useT } from '../useT';

export const PROGRAM_UID = 'plugin::mentorship.program';

/** Side panel on a program in the Content Manager: try the enrollment form and the rules before members do. */
export const ProgramTryPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const t = useT();
  if (model !== PROGRAM_UID || !documentId) return null;
  const to = `/plugins/mentorship/programs/${documentId}/try`;
  return {
    title: t('tryPanel.title', 'Try it before members do'),
    content: (
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="pi" textColor="neutral600">
          {t('tryPanel.help', 'Save first: the preview reads the saved questions and rules.')}
        </Typography>
        <Link tag={NavLink} to={to}>
          {t('tryPanel.preview', 'Preview the enrollment form')}
        </Link>
        <Link tag={NavLink} to={to}>
          {t('tryPanel.test', 'Test the rules')}
        </Link>
      </Flex>
    ),
  };
};
