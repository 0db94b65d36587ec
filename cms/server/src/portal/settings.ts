import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PLUGIN_ID } from '../utils/uids';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb');
const link = z
  .object({
    label: z.string().trim().min(1, 'give the link a label').max(60),
    url: z
      .string()
      .trim()
      .max(500)
      .refine((value) => /^https?:\/\//.test(value) || /^\/(?!\/)/.test(value) || /^mailto:/.test(value), 'must start with https://, http://, mailto: or /'),
  })
  .strict();

/** What the association sets to make the portal its own (Settings > Mentorship portal in the admin). */
export const portalSettingsSchema = z
  .object({
    associationName: z.string().trim().min(1, 'give the association a name').max(120),
    logoUrl: z
      .string()
      .trim()
      .max(500)
      .refine((value) => value === '' || /^https?:\/\//.test(value) || /^\/(?!\/)/.test(value), 'must be empty, or start with https://, http:// or /'),
    logoAlt: z.string().trim().max(200),
    primaryColour: colour,
    accentColour: colour,
    headerLinks: z.array(link).max(8),
    footerLinks: z.array(link).max(12),
  })
  .strict();

export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  associationName: 'Mentoring',
  logoUrl: '',
  logoAlt: '',
  primaryColour: '#1f4e8c',
  accentColour: '#b4461b',
  headerLinks: [],
  footerLinks: [],
};

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'portal-settings' });

/** The stored settings over the defaults; a stored value that no longer validates falls back per field. */
export const readPortalSettings = async (strapi: Core.Strapi): Promise<PortalSettings> => {
  const stored = (await store(strapi).get({})) as Partial<PortalSettings> | null;
  const merged = { ...DEFAULT_PORTAL_SETTINGS, ...(stored ?? {}) };
  const parsed = portalSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PORTAL_SETTINGS;
};

export const writePortalSettings = async (strapi: Core.Strapi, settings: PortalSettings): Promise<PortalSettings> => {
  await store(strapi).set({ value: settings });
  return settings;
};

/** WCAG relative luminance contrast between two #rrggbb colours. */
export const contrastRatio = (a: string, b: string): number => {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((start) => {
      const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};
