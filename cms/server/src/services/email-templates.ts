import Handlebars from 'handlebars';
import type { Core } from '@strapi/strapi';
import { EMAIL_CATALOG, catalogEntry, type CatalogEntry } from '../../../shared/email-catalog';
import type { Problem } from '../utils/validation-error';
import { UID } from '../utils/uids';

export interface TemplateParts {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedEmail extends TemplateParts {
  key: string;
  /** documentId of the stored template used, or null for the built-in default */
  templateDocumentId: string | null;
}

/** A sample context holding every documented variable, used to test-render a template on save. */
export const sampleContext = (entry: CatalogEntry): Record<string, unknown> => {
  const context: Record<string, unknown> = {};
  for (const variable of entry.variables) {
    const segments = variable.name.split('.');
    let cursor = context;
    segments.forEach((segment, index) => {
      if (index === segments.length - 1) cursor[segment] = `sample ${variable.name}`;
      else cursor = (cursor[segment] ??= {}) as Record<string, unknown>;
    });
  }
  return context;
};

const firstLines = (message: string) => message.split('\n').slice(0, 4).join('\n');

/**
 * Compiles each part and renders it once, strictly, against the documented variables: a syntax
 * error reports the line, a variable the key does not receive is named.
 */
export const checkTemplate = (key: string, parts: Partial<TemplateParts>): Problem[] => {
  const entry = catalogEntry(key);
  if (!entry) {
    return [{ path: ['key'], message: `unknown template key "${key}"; known keys: ${EMAIL_CATALOG.map((item) => item.key).join(', ')}` }];
  }
  const problems: Problem[] = [];
  const context = sampleContext(entry);
  for (const part of ['subject', 'html', 'text'] as const) {
    const source = parts[part];
    if (source === undefined) continue;
    try {
      Handlebars.compile(source, { strict: true, noEscape: part !== 'html' })(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const strictMiss = /^"(.+)" not defined in/.exec(message);
      problems.push({
        path: [part],
        message: strictMiss
          ? `uses "${strictMiss[1]}", which ${key} does not receive; available: ${entry.variables.map((variable) => variable.name).join(', ')}`
          : firstLines(message),
      });
    }
  }
  return problems;
};

export const variablesDocumentation = (key: string): string =>
  catalogEntry(key)?.variables.map((variable) => `{{${variable.name}}}: ${variable.description}`).join('\n') ?? '';

interface StoredTemplate extends TemplateParts {
  documentId: string;
  key: string;
}

const emailTemplates = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Creates the built-in template of every catalog key that has no global template yet. */
  async ensureDefaults(): Promise<number> {
    let created = 0;
    for (const entry of EMAIL_CATALOG) {
      const existing = await strapi.documents(UID.emailTemplate).findFirst({ filters: { key: entry.key, program: { id: { $null: true } } } });
      if (existing) continue;
      await strapi.documents(UID.emailTemplate).create({
        data: { key: entry.key, subject: entry.subject, html: entry.html, text: entry.text },
      });
      created += 1;
    }
    return created;
  },

  /** The program's override when there is one, else the global template, else the built-in default. */
  async resolve(key: string, programDocumentId?: string | null): Promise<{ parts: TemplateParts; documentId: string | null }> {
    const entry = catalogEntry(key);
    if (!entry) throw new Error(`Unknown e-mail template key ${key}`);
    const candidates = (await strapi.documents(UID.emailTemplate).findMany({
      filters: programDocumentId
        ? { key, $or: [{ program: { documentId: programDocumentId } }, { program: { id: { $null: true } } }] }
        : { key, program: { id: { $null: true } } },
      populate: ['program'],
    })) as unknown as (StoredTemplate & { program?: { documentId: string } | null })[];
    const chosen = candidates.find((candidate) => candidate.program) ?? candidates[0];
    if (!chosen) return { parts: { subject: entry.subject, html: entry.html, text: entry.text }, documentId: null };
    return { parts: { subject: chosen.subject, html: chosen.html, text: chosen.text }, documentId: chosen.documentId };
  },

  /** Renders a notification; HTML is escaped by Handlebars, subject and text are not. */
  async render(key: string, variables: Record<string, unknown>, programDocumentId?: string | null): Promise<RenderedEmail> {
    const { parts, documentId } = await this.resolve(key, programDocumentId);
    const render = (source: string, escape: boolean) => Handlebars.compile(source, { noEscape: !escape })(variables);
    return {
      key,
      templateDocumentId: documentId,
      subject: render(parts.subject, false).replace(/\s+/g, ' ').trim(),
      html: render(parts.html, true),
      text: render(parts.text, false),
    };
  },
});

export type EmailTemplatesService = ReturnType<typeof emailTemplates>;
export default emailTemplates;
