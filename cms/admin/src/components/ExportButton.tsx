import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { errorMessage, useCsvDownload } from '../api';
import { useT } from '../useT';

/** "Export CSV": downloads one of the plugin's exports; a failure is shown on the button's title. */
export const ExportButton = ({ path, filename, label }: { path: string; filename: string; label?: string }) => {
  const t = useT();
  const download = useCsvDownload();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await download(path, filename);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="tertiary" startIcon={<Download />} onClick={run} loading={busy} title={failure ?? undefined} data-testid="export-csv">
      {failure ? t('export.failed', 'Export failed: {message}', { message: failure }) : (label ?? t('export.csv', 'Export CSV'))}
    </Button>
  );
};
