import { useEffect, useState } from 'react';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { Alert, Box, Button, Field, Flex, Grid, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { PortalLink, PortalSettingsBody, PortalSettingsResponse } from '../../../shared/contracts/portal';
import { errorMessage } from '../api';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../useT';

const MANAGE = [{ action: `plugin::${PLUGIN_ID}.programs.manage`, subject: null }];

const LinkList = ({ name, links, onChange, disabled }: { name: string; links: PortalLink[]; onChange: (links: PortalLink[]) => void; disabled: boolean }) => {
  const t = useT();
  const update = (index: number, patch: Partial<PortalLink>) => onChange(links.map((link, at) => (at === index ? { ...link, ...patch } : link)));
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {links.map((link, index) => (
        <Flex key={index} gap={3} alignItems="flex-end">
          <Box flex="1">
            <Field.Root name={`${name}-${index}-label`}>
              <Field.Label>{t('portal.linkLabel', 'Label')}</Field.Label>
              <TextInput value={link.label} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => update(index, { label: event.target.value })} />
            </Field.Root>
          </Box>
          <Box flex="2">
            <Field.Root name={`${name}-${index}-url`}>
              <Field.Label>{t('portal.linkUrl', 'Address')}</Field.Label>
              <TextInput value={link.url} disabled={disabled} onChange={(event: React.ChangeEvent<HTMLInputElement>) => update(index, { url: event.target.value })} />
            </Field.Root>
          </Box>
          <IconButton label={t('portal.removeLink', 'Remove this link')} disabled={disabled} onClick={() => onChange(links.filter((_, at) => at !== index))}>
            <Trash />
          </IconButton>
        </Flex>
      ))}
      <Box>
        <Button variant="secondary" startIcon={<Plus />} disabled={disabled} onClick={() => onChange([...links, { label: '', url: '' }])}>
          {t('portal.addLink', 'Add a link')}
        </Button>
      </Box>
    </Flex>
  );
};

/** Settings > Mentorship portal: the association's name, logo, colours and links on the member pages. */
export const PortalSettingsPage = () => {
  const t = useT();
  const { get, put } = useFetchClient();
  const { allowedActions } = useRBAC(MANAGE);
  const canEdit = Boolean(allowedActions.canManage);
  const [loaded, setLoaded] = useState<PortalSettingsResponse | null>(null);
  const [form, setForm] = useState<PortalSettingsBody | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<PortalSettingsResponse>(`/${PLUGIN_ID}/portal-settings`)
      .then((response) => {
        setLoaded(response.data);
        setForm(response.data.data);
      })
      .catch((error: unknown) => setFailure(errorMessage(error)));
  }, [get]);

  const save = async () => {
    if (!form) return;
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      const response = await put<PortalSettingsResponse>(`/${PLUGIN_ID}/portal-settings`, form);
      setLoaded(response.data);
      setForm(response.data.data);
      setSaved(true);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof PortalSettingsBody>(key: K, value: PortalSettingsBody[K]) => {
    setSaved(false);
    setForm((previous) => (previous ? { ...previous, [key]: value } : previous));
  };
  const text = (key: 'associationName' | 'logoUrl' | 'logoAlt' | 'primaryColour' | 'accentColour', label: string, hint?: string, type: 'text' | 'color' = 'text') => (
    <Field.Root name={key} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <TextInput type={type} value={form?.[key] ?? ''} disabled={!canEdit} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(key, event.target.value)} />
      <Field.Hint />
    </Field.Root>
  );

  const lowContrast = loaded && (loaded.meta.contrast.primaryOnWhite < 4.5 || loaded.meta.contrast.accentOnWhite < 3);
  return (
    <Layouts.Root>
      <Page.Title>{t('portal.title', 'Mentorship portal')}</Page.Title>
      <Layouts.Header
        title={t('portal.title', 'Mentorship portal')}
        subtitle={loaded ? t('portal.subtitle', 'How the member pages at {url} present the association', { url: loaded.meta.portalUrl }) : undefined}
        primaryAction={
          <Button onClick={save} loading={busy} disabled={!canEdit || !form}>
            {t('portal.save', 'Save')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {failure ? (
            <Alert variant="danger" title={t('portal.failed', 'Not saved')} onClose={() => setFailure(null)} closeLabel={t('common.close', 'Close')}>
              {failure}
            </Alert>
          ) : null}
          {saved ? (
            <Alert variant="success" title={t('portal.saved', 'Saved')} onClose={() => setSaved(false)} closeLabel={t('common.close', 'Close')}>
              {t('portal.savedText', 'Members see the new settings on their next page.')}
            </Alert>
          ) : null}
          {lowContrast ? (
            <Alert variant="warning" title={t('portal.contrast', 'Low contrast')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
              {t('portal.contrastText', 'Text in these colours is hard to read on white (contrast {primary}:1 and {accent}:1; aim for 4.5:1).', {
                primary: loaded?.meta.contrast.primaryOnWhite ?? 0,
                accent: loaded?.meta.contrast.accentOnWhite ?? 0,
              })}
            </Alert>
          ) : null}
          {!canEdit ? <Typography textColor="neutral600">{t('portal.readOnly', 'You may read these settings; changing them needs the permission to manage programs.')}</Typography> : null}
          {form ? (
            <>
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2">{t('portal.identity', 'The association')}</Typography>
                <Grid.Root gap={4} paddingTop={4}>
                  <Grid.Item col={6} s={12}>{text('associationName', t('portal.name', 'Name shown on every page'))}</Grid.Item>
                  <Grid.Item col={6} s={12}>{text('logoUrl', t('portal.logo', 'Logo address'), t('portal.logoHint', 'An https:// address, or a path on this site such as /uploads/logo.png. Leave empty for none.'))}</Grid.Item>
                  <Grid.Item col={6} s={12}>{text('logoAlt', t('portal.logoAlt', 'Logo description'), t('portal.logoAltHint', 'Read out by screen readers; leave empty when the name is written next to it.'))}</Grid.Item>
                  <Grid.Item col={3} s={6}>{text('primaryColour', t('portal.primary', 'Main colour'), t('portal.colourHint', 'As #rrggbb'), 'color')}</Grid.Item>
                  <Grid.Item col={3} s={6}>{text('accentColour', t('portal.accent', 'Accent colour (focus outline)'), t('portal.colourHint', 'As #rrggbb'), 'color')}</Grid.Item>
                </Grid.Root>
              </Box>
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2">{t('portal.headerLinks', 'Links in the header')}</Typography>
                <Box paddingTop={4}>
                  <LinkList name="header" links={form.headerLinks} disabled={!canEdit} onChange={(links) => set('headerLinks', links)} />
                </Box>
              </Box>
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2">{t('portal.footerLinks', 'Links in the footer')}</Typography>
                <Box paddingTop={4}>
                  <LinkList name="footer" links={form.footerLinks} disabled={!canEdit} onChange={(links) => set('footerLinks', links)} />
                </Box>
              </Box>
              {loaded ? (
                <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                  <Typography variant="delta" tag="h2">{t('portal.templates', 'Templates the website may replace')}</Typography>
                  <Typography tag="p" textColor="neutral600">
                    {t('portal.templatesText', 'The host app replaces any of these with a file of the same name under src/extensions/mentorship/portal-views/ (see the README).')}
                  </Typography>
                  <Typography tag="p" variant="pi">{loaded.meta.templates.join(', ')}</Typography>
                </Box>
              ) : null}
            </>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
};
