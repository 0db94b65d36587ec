import { useEffect, useState } from 'react';
import { useForm } from '@strapi/strapi/admin';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { RenderedPart, TemplatePreview as Preview } from '../../../shared/contracts/admin';
import { errorMessage, useEditorApi } from '../api';
import { useT } from '../useT';

export const TEMPLATE_UID = 'plugin::mentorship.email-template';

/** How long typing pauses before the preview is rendered again. */
const PAUSE_MS = 250;

const Problem = ({ label, problem }: { label: string; problem: string }) => (
  <Box padding={2} background="danger100" hasRadius role="alert">
    <Typography variant="pi" textColor="danger700">
      {label}: {problem}
    </Typography>
  </Box>
);

const Part = ({ label, part, children }: { label: string; part: RenderedPart | null; children: (output: string) => React.ReactNode }) => (
  <Box>
    <Typography variant="sigma">{label}</Typography>
    {part?.problem ? <Problem label={label} problem={part.problem} /> : part?.output !== null && part?.output !== undefined ? children(part.output) : null}
  </Box>
);

/**
 * The template open in the Content Manager rendered with sample values of its key's variables, as it
 * is typed (the form's current values, not the saved ones), with the variables it may use beside it.
 * The server renders it, with the same Handlebars and checks as real mail (the admin's content
 * security policy forbids compiling templates in the browser).
 */
export const TemplatePreview = () => {
  const t = useT();
  const api = useEditorApi();
  const values = useForm('TemplatePreview', (state) => state.values) as { key?: string; subject?: string; html?: string; text?: string };
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { key = '', subject = '', html = '', text = '' } = values;

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      api
        .previewTemplate({ key, subject, html, text })
        .then((result) => {
          if (cancelled) return;
          setPreview(result);
          setFailure(null);
        })
        .catch((error: unknown) => !cancelled && setFailure(errorMessage(error)));
    }, PAUSE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api.previewTemplate, key, subject, html, text]);

  if (failure) return <Problem label={t('preview.failed', 'Preview')} problem={failure} />;
  if (!preview) return <Loader small>{t('preview.loading', 'Rendering the preview')}</Loader>;
  if (!preview.known) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('preview.unknownKey', 'Choose a known notification key to preview the template.')}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="template-preview">
      <Typography variant="pi" textColor="neutral600">
        {preview.description}
      </Typography>
      <Part label={t('preview.subject', 'Subject')} part={preview.subject}>
        {(output) => (
          <Typography tag="p" data-testid="preview-subject">
            {output}
          </Typography>
        )}
      </Part>
      <Part label={t('preview.html', 'HTML body')} part={preview.html}>
        {(output) => (
          <iframe
            title={t('preview.htmlFrame', 'HTML preview')}
            data-testid="preview-html"
            sandbox=""
            srcDoc={`<!doctype html><meta charset="utf-8"><body style="font-family: sans-serif; font-size: 13px; margin: 8px">${output}</body>`}
            style={{ width: '100%', boxSizing: 'border-box', minHeight: 220, border: '1px solid #dcdce4', borderRadius: 4, background: 'white' }}
          />
        )}
      </Part>
      <Part label={t('preview.text', 'Plain-text body')} part={preview.text}>
        {(output) => (
          <Box padding={2} background="neutral100" hasRadius>
            <pre data-testid="preview-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12, margin: 0 }}>
              {output}
            </pre>
          </Box>
        )}
      </Part>
      <Box>
        <Typography variant="sigma">{t('preview.variables', 'Variables this notification receives')}</Typography>
        <Box tag="ul" paddingTop={1} data-testid="preview-variables">
          {preview.variables.map((variable) => (
            <li key={variable.name}>
              <Typography variant="pi">
                <code>{`{{${variable.name}}}`}</code> {variable.description}
              </Typography>
            </li>
          ))}
        </Box>
      </Box>
    </Flex>
  );
};

/** Side panel of the Content Manager's edit view, shown on e-mail templates only. */
export const TemplatePreviewPanel = ({ model }: { model: string }) => {
  const t = useT();
  if (model !== TEMPLATE_UID) return null;
  return { title: t('preview.title', 'Preview with sample values'), content: <TemplatePreview /> };
};
