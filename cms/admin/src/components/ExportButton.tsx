import { useState } from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { errorMessage, useCsvDownload } from '../api';
import { useT } from '../useT';

/** One download button: an export as CSV or XLSX; a failure is shown on the button. */
const DownloadButton = ({ path, filename, label, testId }: { path: string; filename: string; label: string; testId: string }) => {
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
    <Button variant="tertiary" startIcon={<Download />} onClick={run} loading={busy} title={failure ?? undefined} data-testid={testId}>
      {failure ? t('export.failed', 'Export failed: {message}', { message: failure }) : label}
    </Button>
  );
};

/** "Export CSV" and, beside it, the same table as an XLSX workbook (the server's `?format=xlsx`). */
export const ExportButton = ({ path, filename, label }: { path: string; filename: string; label?: string }) => {
  const t = useT();
  return (
    <Flex gap={1}>
      <DownloadButton path={path} filename={filename} label={label ?? t('export.csv', 'Export CSV')} testId="export-csv" />
      <DownloadButton
        path={`${path}?format=xlsx`}
        filename={filename.replace(/\.csv$/, '.xlsx')}
        label={t('export.xlsx', 'XLSX')}
        testId="export-xlsx"
      />
    </Flex>
  );
};
