import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Field, Flex, Modal, Radio, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { STYLE_DEFAULTS } from '../../../shared/program-styles';
import { PROGRAM_STYLES, type ProgramStyle } from '../../../shared/vocabulary';
import { errorMessage, useEditorApi } from '../api';
import { useT } from '../useT';

/**
 * "New program": a name and one of the five styles make a draft program with the style's defaults,
 * starter questions, guide placeholders and e-mail templates; the editor continues in the Content Manager.
 */
export const NewProgramDialog = () => {
  const t = useT();
  const api = useEditorApi();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [style, setStyle] = useState<ProgramStyle>('mentor-exchange');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.createProgram({ name, style });
      setOpen(false);
      navigate(`/content-manager/collection-types/plugin::mentorship.program/${created.documentId}`);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button startIcon={<Plus />}>{t('newProgram.open', 'New program')}</Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('newProgram.title', 'New program from a style')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="program-name" required hint={t('newProgram.nameHint', 'Members see this name; you can change it later.')}>
              <Field.Label>{t('newProgram.name', 'Program name')}</Field.Label>
              <TextInput value={name} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setName(event.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Field.Root name="program-style" required>
              <Field.Label>{t('newProgram.style', 'Style')}</Field.Label>
              <Radio.Group value={style} onValueChange={(value: string) => setStyle(value as ProgramStyle)} aria-label={t('newProgram.style', 'Style')}>
                {PROGRAM_STYLES.map((candidate) => (
                  <Box key={candidate} paddingBottom={2}>
                    <Radio.Item value={candidate}>
                      <Typography fontWeight="bold">{t(`style.${candidate}`, STYLE_DEFAULTS[candidate].label)}</Typography>
                    </Radio.Item>
                    <Box paddingLeft={6}>
                      <Typography variant="pi" textColor="neutral600">
                        {STYLE_DEFAULTS[candidate].summary}
                      </Typography>
                    </Box>
                  </Box>
                ))}
              </Radio.Group>
            </Field.Root>
            <Typography variant="pi" textColor="neutral600">
              {t('newProgram.explain', 'The program starts as a draft with starter questions for mentors and mentees, guide placeholders and its own copy of every e-mail template.')}
            </Typography>
            {failure ? (
              <Typography textColor="danger600" role="alert">
                {failure}
              </Typography>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('newProgram.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={create} loading={busy} disabled={name.trim().length < 2}>
            {t('newProgram.create', 'Create draft program')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
