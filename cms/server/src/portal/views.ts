import fs from 'fs';
import path from 'path';
import Handlebars from 'handlebars';
import { overridesDir, viewsDir } from './paths';
import { translate, type Locale } from './i18n';

/**
 * Server-side rendering of the portal's Handlebars templates. Every `{{value}}` is HTML-escaped by
 * Handlebars; the templates never use triple braces on member-written text. A host app replaces any
 * template by a file of the same relative path under src/extensions/mentorship/portal-views/.
 */
export interface ViewEngine {
  render(page: string, context: Record<string, unknown>): string;
}

const readTree = (dir: string): Map<string, string> => {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.hbs')) files.set(path.relative(dir, full).split(path.sep).join('/').replace(/\.hbs$/, ''), full);
    }
  };
  walk(dir);
  return files;
};

/** The templates a host app may override: every file the plugin ships, by its relative name. */
export const templateNames = (): string[] => [...readTree(viewsDir()).keys()].sort();

const helpers = (hbs: typeof Handlebars) => {
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const root = options.data.root as { locale: Locale };
    return translate(root.locale, key, options.hash as Record<string, unknown>);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('not', (value: unknown) => !value);
  hbs.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.map(String).includes(String(value)));
  hbs.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  hbs.registerHelper('day', (value: unknown, options: Handlebars.HelperOptions) => {
    if (!value) return '';
    const date = new Date(String(value).length === 10 ? `${String(value)}T00:00:00Z` : String(value));
    if (Number.isNaN(date.getTime())) return String(value);
    const root = options.data.root as { locale: Locale };
    return new Intl.DateTimeFormat(root.locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  });
  /** Text an editor or member wrote: escaped, blank lines become paragraphs, "## " lines headings, "1. " and "- " lines lists. */
  hbs.registerHelper('prose', (value: unknown) => {
    const text = typeof value === 'string' ? value : '';
    const escape = (line: string) => hbs.escapeExpression(line);
    const blocks = text.replace(/\r\n/g, '\n').split(/\n{2,}/).map((block) => block.trim()).filter(Boolean);
    const html = blocks.map((block) => {
      const lines = block.split('\n');
      const heading = /^#{2,3}\s/.test(lines[0]!) ? `<h3>${escape(lines.shift()!.replace(/^#+\s*/, ''))}</h3>` : '';
      if (lines.length === 0) return heading;
      if (lines.every((line) => /^\d+\.\s/.test(line))) return `${heading}<ol>${lines.map((line) => `<li>${escape(line.replace(/^\d+\.\s*/, ''))}</li>`).join('')}</ol>`;
      if (lines.every((line) => /^[-*]\s/.test(line))) return `${heading}<ul>${lines.map((line) => `<li>${escape(line.replace(/^[-*]\s*/, ''))}</li>`).join('')}</ul>`;
      return `${heading}<p>${lines.map(escape).join('<br>')}</p>`;
    });
    return new hbs.SafeString(html.join('\n'));
  });
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
};

export const createViewEngine = (appRoot: string, { cache }: { cache: boolean }): ViewEngine => {
  let compiled: { hbs: typeof Handlebars; pages: Map<string, Handlebars.TemplateDelegate> } | null = null;

  const load = () => {
    const hbs = Handlebars.create();
    helpers(hbs);
    const files = readTree(viewsDir());
    for (const [name, file] of readTree(overridesDir(appRoot))) files.set(name, file);
    const pages = new Map<string, Handlebars.TemplateDelegate>();
    for (const [name, file] of files) {
      const source = fs.readFileSync(file, 'utf8');
      if (name.startsWith('partials/')) hbs.registerPartial(name.slice('partials/'.length), source);
      else pages.set(name, hbs.compile(source, { strict: false }));
    }
    return { hbs, pages };
  };

  return {
    render(page, context) {
      const current = cache ? (compiled ??= load()) : load();
      const template = current.pages.get(`pages/${page}`);
      const layout = current.pages.get('layouts/main');
      if (!template || !layout) throw new Error(`The portal template pages/${page} (or layouts/main) is missing`);
      const body = template(context);
      return layout({ ...context, body: new current.hbs.SafeString(body) });
    },
  };
};
