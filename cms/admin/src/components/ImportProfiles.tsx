import { useState } from 'react';
import { useRBAC } from '@strapi/strapi/admin';
import { Alert, Box, Button, Flex, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import type { ProfileImportResult } from '../../../shared/contracts/staff';
import { errorMessage, useProfileImport } from '../api';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../useT';

const MANAGE_PROGRAMS = [{ action: `plugin::${PLUGIN_ID}.programs.manage`, subject: null }];

/**
 * "Import profiles": staff pick a CSV (email, name, role, capacity, one column per question key),
 * see every problem by line and column from a dry run, and import only a file without problems.
 */
export const ImportProfiles = ({ programId, onImported }: { programId: string; onImported: () => void }) => {
  const t = useT();
  const rbac = useRBAC(MANAGE_PROGRAMS);
  const importProfiles = useProfileImport();
  const [open, setOpen] = useState(false);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [checked, setChecked] = useState<ProfileImportResult | null>(null);
  const [done, setDone] = useState<ProfileImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!rbac.allowedActions.canManage) return null;

  const reset = () => {
    setCsv(null);
    setFileName('');
    setChecked(null);
    setDone(null);
    setFailure(null);
  };
  const act = async (dryRun: boolean) => {
    if (csv === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await importProfiles(programId, { csv, dryRun });
      if (dryRun) setChecked(result);
      else {
        setDone(result);
        onImported();
      }
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root
      open={open}
      onOpenChange={(next: boolean) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Upload />}>
          {t('import.open', 'Import profiles')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('import.title', 'Import members\' profiles from a CSV')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography textColor="neutral600">
              {t('import.help', 'Columns: email, name, role (mentor or mentee), capacity (mentors), then one column per question key; lists separated by ";". Every row is checked before anything is written.')}
            </Typography>
            <input
              type="file"
              accept=".csv,text/csv"
              aria-label={t('import.file', 'CSV file')}
              data-testid="import-file"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                setChecked(null);
                setDone(null);
                if (!file) return;
                setFileName(file.name);
                setCsv(await file.text());
              }}
            />
            {failure ? (
              <Alert variant="danger" title={t('import.failed', 'The import did not work')} closeLabel={t('common.close', 'Close')} onClose={() => setFailure(null)}>
                {failure}
              </Alert>
            ) : null}
            {done ? (
              <Alert variant="success" title={t('import.done', '{count, plural, one {# profile} other {# profiles}} imported', { count: done.created })} closeLabel={t('common.close', 'Close')} onClose={() => setDone(null)}>
                {fileName}
              </Alert>
            ) : null}
            {checked && !done ? (
              <Box data-testid="import-report">
                <Typography fontWeight="bold">
                  {t('import.report', '{valid} of {rows} rows can be imported', { valid: checked.valid, rows: checked.rows })}
                </Typography>
                {checked.problems.length > 0 ? (
                  <Table colCount={3} rowCount={checked.problems.length + 1}>
                    <Thead>
                      <Tr>
                        <Th><Typography variant="sigma">{t('import.line', 'Line')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('import.column', 'Column')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('import.problem', 'Problem')}</Typography></Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {checked.problems.map((problem, index) => (
                        <Tr key={`${problem.line}-${problem.column ?? ''}-${index}`}>
                          <Td><Typography>{problem.line}</Typography></Td>
                          <Td><Typography>{problem.column ?? '—'}</Typography></Td>
                          <Td><Typography>{problem.message}</Typography></Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                ) : null}
              </Box>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close', 'Close')}</Button>
          </Modal.Close>
          <Flex gap={2}>
            <Button variant="secondary" onClick={() => act(true)} disabled={csv === null || busy} loading={busy && !checked}>
              {t('import.check', 'Check the file')}
            </Button>
            <Button onClick={() => act(false)} disabled={!checked || checked.problems.length > 0 || checked.valid === 0 || busy || done !== null} loading={busy && Boolean(checked)}>
              {t('import.run', 'Import {count, plural, one {# profile} other {# profiles}}', { count: checked?.valid ?? 0 })}
            </Button>
          </Flex>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
