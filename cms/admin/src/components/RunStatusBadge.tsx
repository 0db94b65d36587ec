import { Badge } from '@strapi/design-system';
import type { RunStatus } from '../../../shared/contracts/staff';
import { useT } from '../useT';

const COLORS: Record<RunStatus, { background: string; text: string }> = {
  running: { background: 'primary100', text: 'primary700' },
  succeeded: { background: 'success100', text: 'success700' },
  failed: { background: 'danger100', text: 'danger700' },
  approved: { background: 'secondary100', text: 'secondary700' },
};

export const RunStatusBadge = ({ status }: { status: RunStatus }) => {
  const t = useT();
  return (
    <Badge backgroundColor={COLORS[status].background} textColor={COLORS[status].text}>
      {t(`runStatus.${status}`, status)}
    </Badge>
  );
};
