import Handlebars from 'handlebars';
import type { Core } from '@strapi/strapi';
import { EMAIL_CATALOG, catalogEntry, sampleContextOf, type CatalogEntry } from '../../../../shared/email-catalog';
import type { TemplatePreview } from '../../../../shared/contracts/admin';
import { templateSyntaxProblem } from '../../../../shared/template-syntax';
import type { Problem } from '../../utils/validation-error';
import { UID } from '../../utils/uids';

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

/** A sample context holding every documented variable, used to test-render a template on save and to preview it. */
export const sampleContext = (entry: CatalogEntry): Record<string, unknown> => sampleContextOf(entry);

const firstLines = (message: string) => message.split('\n').slice(0, 4).join('\n');

const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

/** Every variable path a template reads, with its line, from the Handlebars syntax tree. */
const variablesRead = (source: string): { name: string; line: number }[] => {
  const found: { name: string; line: number }[] = [];
  const visitor = new Handlebars.Visitor();
  const helperPaths = new WeakSet<object>();
  const markHelper = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression) => {
    const path = node.path as hbs.AST.PathExpression;
    if (path.type === 'PathExpression' && (BUILT_IN_HELPERS.has(path.original) || node.params.length > 0)) helperPaths.add(path);
  };
  const base = visitor as unknown as Record<string, (node: never) => void>;
  const visitMustache = base.MustacheStatement!.bind(visitor);
  const visitBlock = base.BlockStatement!.bind(visitor);
  const visitSub = base.SubExpression!.bind(visitor);
  Object.assign(visitor, {
    MustacheStatement(node: hbs.AST.MustacheStatement) {
      markHelper(node);
      visitMustache(node as never);
    },
    BlockStatement(node: hbs.AST.BlockStatement) {
      markHelper(node);
      visitBlock(node as never);
    },
    SubExpression(node: hbs.AST.SubExpression) {
      markHelper(node);
      visitSub(node as never);
    },
    PathExpression(node: hbs.AST.PathExpression) {
      if (helperPaths.has(node) || node.data || node.original === 'this' || node.original.startsWith('this.') || node.depth > 0) return;
      found.push({ name: node.original, line: node.loc.start.line });
    },
  });
  visitor.accept(Handlebars.parse(source));
  return found;
};

/**
 * Compiles each part and checks every variable it reads against the documented variables of the
 * key: a syntax error reports its line, an unknown variable is named with its line.
 */
export const checkTemplate = (key: string, parts: Partial<TemplateParts>): Problem[] => {
  const entry = catalogEntry(key);
  if (!entry) {
    return [{ path: ['key'], message: `unknown template key "${key}"; known keys: ${EMAIL_CATALOG.map((item) => item.key).join(', ')}` }];
  }
  const documented = entry.variables.map((variable) => variable.name);
  const allowed = new Set(documented.flatMap((name) => name.split('.').map((_, index, segments) => segments.slice(0, index + 1).join('.'))));
  const problems: Problem[] = [];
  const context = sampleContext(entry);
  for (const part of ['subject', 'html', 'text'] as const) {
    const source = parts[part];
    if (source === undefined) continue;
    const syntax = templateSyntaxProblem(source);
    if (syntax) {
      problems.push({ path: [part], message: syntax.message });
      continue;
    }
    try {
      const unknown = variablesRead(source).filter((variable) => !allowed.has(variable.name));
      if (unknown.length > 0) {
        problems.push({
          path: [part],
          message: `${unknown.map((variable) => `line ${variable.line}: "${variable.name}"`).join(', ')} is not a variable ${key} receives; available: ${documented.join(', ')}`,
        });
        continue;
      }
      Handlebars.compile(source, { strict: true, noEscape: part !== 'html' })(context);
    } catch (error) {
      problems.push({ path: [part], message: firstLines(error instanceof Error ? error.message : String(error)) });
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

/**
 * A template as it would be sent, rendered with sample values of its key's variables; each part
 * that cannot be rendered says why instead (the same checks as on save).
 */
export const previewTemplate = (key: string, parts: TemplateParts): TemplatePreview => {
  const entry = catalogEntry(key);
  if (!entry) return { known: false, description: null, variables: [], subject: null, html: null, text: null };
  const problems = checkTemplate(key, parts);
  const context = sampleContext(entry);
  const part = (name: keyof TemplateParts, escape: boolean) => {
    const problem = problems.find((candidate) => candidate.path[0] === name);
    if (problem) return { output: null, problem: problem.message };
    try {
      const output = Handlebars.compile(parts[name], { noEscape: !escape })(context);
      return { output: name === 'subject' ? output.replace(/\s+/g, ' ').trim() : output, problem: null };
    } catch (error) {
      return { output: null, problem: firstLines(error instanceof Error ? error.message : String(error)) };
    }
  };
  return { known: true, description: entry.description, variables: entry.variables, subject: part('subject', false), html: part('html', true), text: part('text', false) };
};

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
