import { en } from './messages-en';
import { fr } from './messages-fr';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const MESSAGES: Record<Locale, Record<string, string>> = { en, fr };

/** The member's language: their choice (cookie), else the browser's first supported language, else English. */
export const localeFrom = (cookie: string | undefined, acceptLanguage: string): Locale => {
  if (cookie && (LOCALES as readonly string[]).includes(cookie)) return cookie as Locale;
  for (const part of acceptLanguage.split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(code)) return code as Locale;
  }
  return 'en';
};

/**
 * A message with its {placeholders} filled. A message with "one|other" forms picks by `count`
 * (Intl plural rules). An unknown key falls back to English, then to the key itself.
 */
export const translate = (locale: Locale, key: string, vars: Record<string, unknown> = {}): string => {
  const template = MESSAGES[locale][key] ?? MESSAGES.en[key] ?? key;
  let chosen = template;
  if (template.includes('|') && typeof vars.count === 'number') {
    const [one, other] = template.split('|') as [string, string];
    chosen = new Intl.PluralRules(locale).select(vars.count) === 'one' ? one : other;
  } else if (template.includes('|')) {
    chosen = template.split('|')[1] ?? template;
  }
  return chosen.replace(/\{(\w+)\}/g, (match, name: string) => (vars[name] === undefined || vars[name] === null ? match : String(vars[name])));
};
