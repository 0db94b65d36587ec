import { useMemo } from 'react';
import Handlebars from 'handlebars';
import { useForm } from '@strapi/strapi/admin';
import { Box, Flex, Typography } from '@strapi/design-system';
import { catalogEntry, sampleContextOf } from '../../../shared/email-catalog';
import { templateSyntaxProblem } from '../../../shared/template-syntax';
import { useT } from '../useT';

export const TEMPLATE_UID = 'plugin::mentorship.email-template';

type Rendered = { ok: true; output: string } | { ok: false; problem: string };

const render = (source: string, context: Record<string, unknown>, escape: boolean): Rendered => {
  const syntax = templateSyntaxProblem(source);
  if (syntax) return { ok: false, problem: syntax.message };
  try {
    return { ok: true, output: Handlebars.compile(source, { noEscape: !escape })(context) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
};

const Problem = ({ label, problem }: { label: string; problem: string }) => (
  <Box padding={2} background="danger100" hasRadius role="alert">
    <Typography variant="pi" textColor="danger700">
      {label}: {problem}
    </Typography>
  </Box>
);

/**
 * The template open in the Content Manager rendered with sample values of its key's variables, as it
 * is typed (the form's current values, not the saved ones), with the variables it may use beside it.
 */
export const TemplatePreview = () => {
  const t = useT();
  const values = useForm('TemplatePreview', (state) => state.values) as { key?: string; subject?: string; html?: string; text?: string };
  const entry = values.key ? catalogEntry(values.key) : undefined;
  const context = useMemo(() => (entry ? sampleContextOf(entry) : {}), [entry]);
  if (!entry) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('preview.unknownKey', 'Choose a known notification key to preview the template.')}
      </Typography>
    );
  }
  const subject = render(values.subject ?? '', context, false);
  const html = render(values.html ?? '', context, true);
  const text = render(values.text ?? '', context, false);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="template-preview">
      <Typography variant="pi" textColor="neutral600">
        {entry.description}
      </Typography>
      <Box>
        <Typography variant="sigma">{t('preview.subject', 'Subject')}</Typography>
        {subject.ok ? <Typography tag="p" data-testid="preview-subject">{subject.output.replace(/\s+/g, ' ').trim()}</Typography> : <Problem label={t('preview.subject', 'Subject')} problem={subject.problem} />}
      </Box>
      <Box>
        <Typography variant="sigma">{t('preview.html', 'HTML body')}</Typography>
        {html.ok ? (
          <iframe
            title={t('preview.htmlFrame', 'HTML preview')}
            data-testid="preview-html"
            sandbox=""
            srcDoc={`<!doctype html><meta charset="utf-8"><body style="font-family: sans-serif; font-size: 13px; margin: 8px">${html.output}</body>`}
            style={{ width: '100%', minHeight: 220, border: '1px solid #dcdce4', borderRadius: 4, background: 'white' }}
          />
        ) : (
          <Problem label={t('preview.html', 'HTML body')} problem={html.problem} />
        )}
      </Box>
      <Box>
        <Typography variant="sigma">{t('preview.text', 'Plain-text body')}</Typography>
        {text.ok ? (
          <Box padding={2} background="neutral100" hasRadius>
            <pre data-testid="preview-text" style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>
              {text.output}
            </pre>
          </Box>
        ) : (
          <Problem label={t('preview.text', 'Plain-text body')} problem={text.problem} />
        )}
      </Box>
      <Box>
        <Typography variant="sigma">{t('preview.variables', 'Variables this notification receives')}</Typography>
        <Box tag="ul" paddingTop={1} data-testid="preview-variables">
          {entry.variables.map((variable) => (
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
