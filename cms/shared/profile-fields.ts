import { z } from 'zod';

/**
 * Profile types: the questions a mentor or mentee profile asks in a program, and the validation
 * of a member's answers against them. Pure functions, shared by the server and the admin.
 */
export const FIELD_KINDS = [
  'text',
  'long-text',
  'single-choice',
  'multiple-choice',
  'number',
  'year',
  'country',
  'region',
  'languages',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Plain words for each kind of answer, as editors read them. */
export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  text: 'Short text',
  'long-text': 'Long text',
  'single-choice': 'One of a list',
  'multiple-choice': 'Several of a list',
  number: 'Number',
  year: 'Year',
  country: 'Country',
  region: 'World region',
  languages: 'Languages',
};

const CHOICE_KINDS: readonly FieldKind[] = ['single-choice', 'multiple-choice'];

/** World regions used by `region` fields unless the field lists its own options. */
export const REGIONS = [
  'africa',
  'east-asia',
  'europe',
  'latin-america',
  'middle-east',
  'north-america',
  'oceania',
  'south-asia',
  'southeast-asia',
] as const;

const REGION_LABELS: Record<(typeof REGIONS)[number], string> = {
  africa: 'Africa',
  'east-asia': 'East Asia',
  europe: 'Europe',
  'latin-america': 'Latin America',
  'middle-east': 'Middle East',
  'north-america': 'North America',
  oceania: 'Oceania',
  'south-asia': 'South Asia',
  'southeast-asia': 'Southeast Asia',
};

export const fieldOptionSchema = z
  .object({
    value: z.string().min(1).max(80),
    label: z.string().min(1).max(200),
  })
  .strict();

/**
 * Names every JavaScript object already has (`constructor`, `toString`, `valueOf`,
 * `hasOwnProperty`, `__proto__`, ...). As question keys they collide with built-ins wherever
 * answers are read by key, here and in the matcher, so an edit may not introduce them. Reading
 * stays lenient (profile types saved before this check keep working, their answers read through
 * `ownAnswer`), which is why this is not part of `profileFieldSchema`.
 */
export const RESERVED_FIELD_KEYS: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();

/** Why `key` cannot be a question key, or null when it can. */
export const reservedFieldKeyProblem = (key: string): string | null =>
  RESERVED_FIELD_KEYS.includes(key) ? `"${key}" is reserved (every JavaScript object has it built in); choose another key` : null;

/** Fields of an edit whose key is reserved (checked on raw input, so it is reported alongside other problems). */
export const reservedFieldKeys = (fields: unknown): { index: number; key: string; message: string }[] => {
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field: unknown, index) => {
    const key = typeof field === 'object' && field !== null && 'key' in field ? field.key : undefined;
    const message = typeof key === 'string' ? reservedFieldKeyProblem(key) : null;
    return typeof key === 'string' && message ? [{ index, key, message }] : [];
  });
};

export const profileFieldSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase letters and digits, starting with a lower-case letter')
      .max(60),
    label: z.string().min(1).max(200),
    help: z.string().max(1000).optional(),
    kind: z.enum(FIELD_KINDS),
    options: z.array(fieldOptionSchema).max(200).optional(),
    required: z.boolean().default(false),
    public: z.boolean().default(false),
    searchable: z.boolean().default(false),
    matching: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (CHOICE_KINDS.includes(field.kind) && (!field.options || field.options.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${field.kind} field needs at least one option` });
    }
    if (field.options) {
      const seen = new Set<string>();
      field.options.forEach((option, index) => {
        if (seen.has(option.value)) {
          ctx.addIssue({ code: 'custom', path: ['options', index, 'value'], message: `duplicate option "${option.value}"` });
        }
        seen.add(option.value);
      });
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not be greater than max' });
    }
  });
export type ProfileField = z.infer<typeof profileFieldSchema>;

/** Indexes of fields whose key an earlier field already uses (checked on raw input too, so it is reported alongside other problems). */
export const duplicateFieldKeys = (fields: unknown): { index: number; key: string }[] => {
  if (!Array.isArray(fields)) return [];
  const seen = new Set<string>();
  const duplicates: { index: number; key: string }[] = [];
  fields.forEach((field, index) => {
    const key = (field as { key?: unknown } | null)?.key;
    if (typeof key !== 'string') return;
    if (seen.has(key)) duplicates.push({ index, key });
    seen.add(key);
  });
  return duplicates;
};

export const profileFieldsSchema = z.array(profileFieldSchema).max(100).superRefine((fields, ctx) => {
  for (const { index, key } of duplicateFieldKeys(fields)) {
    ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `duplicate field key "${key}"` });
  }
});

export type AnswerValue = string | number | string[] | null;
export type Answers = Record<string, AnswerValue>;

/**
 * The value stored under `key` in answers (or any record keyed by question keys), never a member of
 * Object.prototype: `answers.constructor` is a function when nobody answered a "constructor" question.
 */
export const ownAnswer = <T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

export interface FieldProblem {
  /** the answer's key (a profile field key) */
  field: string;
  message: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** True for an ISO 3166-1 alpha-2 country code the runtime knows by name. */
export const isCountryCode = (value: string): boolean => {
  if (!/^[A-Z]{2}$/.test(value)) return false;
  try {
    const name = regionNames.of(value);
    return Boolean(name) && name !== value;
  } catch {
    return false;
  }
};

/** True for an ISO 639-1 (or 639-2) language code the runtime knows by name. */
export const isLanguageCode = (value: string): boolean => {
  if (!/^[a-z]{2,3}$/.test(value)) return false;
  try {
    const name = languageNames.of(value);
    return Boolean(name) && name !== value;
  } catch {
    return false;
  }
};

export const countryName = (code: string): string => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const describe = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`);

const checkOne = (field: ProfileField, value: unknown, currentYear: number): string | null => {
  const optionValues = field.options?.map((option) => option.value);
  switch (field.kind) {
    case 'text':
    case 'long-text': {
      if (typeof value !== 'string') return `must be text, got ${describe(value)}`;
      const limit = field.maxLength ?? (field.kind === 'text' ? 200 : 5000);
      if (value.length > limit) return `must be at most ${limit} characters`;
      return null;
    }
    case 'single-choice':
      if (typeof value !== 'string') return `must be one of the options, got ${describe(value)}`;
      if (!optionValues?.includes(value)) return `"${value}" is not one of the options (${optionValues?.join(', ')})`;
      return null;
    case 'multiple-choice': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        return `must be a list of options, got ${describe(value)}`;
      }
      const unknown = value.filter((item) => !optionValues?.includes(item));
      if (unknown.length > 0) return `${unknown.map((item) => `"${item}"`).join(', ')} not in the options (${optionValues?.join(', ')})`;
      if (new Set(value).size !== value.length) return 'lists an option twice';
      return null;
    }
    case 'number':
    case 'year': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${describe(value)}`;
      if (field.kind === 'year') {
        if (!Number.isInteger(value)) return 'must be a whole year';
        const min = field.min ?? 1900;
        const max = field.max ?? currentYear + 10;
        if (value < min || value > max) return `must be a year between ${min} and ${max}`;
        return null;
      }
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return null;
    }
    case 'country':
      if (typeof value !== 'string' || !isCountryCode(value)) return 'must be an ISO 3166 two-letter country code such as "DE"';
      if (optionValues && !optionValues.includes(value)) return `"${value}" is not one of the options`;
      return null;
    case 'region': {
      const allowed = optionValues ?? [...REGIONS];
      if (typeof value !== 'string' || !allowed.includes(value)) return `must be one of ${allowed.join(', ')}`;
      return null;
    }
    case 'languages': {
      if (!Array.isArray(value)) return `must be a list of language codes, got ${describe(value)}`;
      const bad = value.filter((item) => typeof item !== 'string' || !isLanguageCode(item));
      if (bad.length > 0) return `${bad.map((item) => JSON.stringify(item)).join(', ')} not ISO 639 language codes such as "en"`;
      if (optionValues) {
        const unknown = value.filter((item) => !optionValues.includes(item as string));
        if (unknown.length > 0) return `${unknown.join(', ')} not in the options`;
      }
      return null;
    }
  }
};

/**
 * Checks answers against a profile type's fields: unknown keys, missing required answers,
 * wrong kinds and options not in the list. `partial` skips the required check for keys not given
 * (a draft may be saved incomplete).
 */
export const validateAnswers = (
  fields: readonly ProfileField[],
  answers: unknown,
  { requireComplete = true, now = new Date() }: { requireComplete?: boolean; now?: Date } = {},
): FieldProblem[] => {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ field: '', message: 'answers must be an object keyed by field' }];
  }
  const problems: FieldProblem[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) problems.push({ field: key, message: `is not a question of this profile (known: ${[...byKey.keys()].join(', ')})` });
  }
  const record = answers as Record<string, unknown>;
  for (const field of fields) {
    const value = ownAnswer(record, field.key);
    if (isBlank(value)) {
      if (field.required && requireComplete) problems.push({ field: field.key, message: `${field.label} is required` });
      continue;
    }
    const problem = checkOne(field, value, now.getUTCFullYear());
    if (problem) problems.push({ field: field.key, message: problem });
  }
  return problems;
};

/** The answers a stranger may see: only fields marked public. */
export const publicAnswers = (fields: readonly ProfileField[], answers: Answers): Answers => {
  const result: Answers = {};
  for (const field of fields) {
    const value = ownAnswer(answers, field.key);
    if (field.public && !isBlank(value)) result[field.key] = value ?? null;
  }
  return result;
};

/**
 * The options a member can choose from, as published to websites and used for facets: the field's own
 * list, or for a `region` field without one the world regions with their names.
 */
export const optionsOf = (field: Pick<ProfileField, 'kind' | 'options'>): { value: string; label: string }[] | undefined => {
  if (field.options) return field.options;
  if (field.kind === 'region') return REGIONS.map((value) => ({ value, label: REGION_LABELS[value] }));
  return undefined;
};

/** A human label for an answer (option labels, country names), for search text and e-mails. */
export const answerLabels = (field: ProfileField, value: AnswerValue): string[] => {
  if (value === null || value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.map((item) => {
    const option = optionsOf(field)?.find((candidate) => candidate.value === item);
    if (option) return option.label;
    if (field.kind === 'country' && typeof item === 'string') return countryName(item);
    if (field.kind === 'languages' && typeof item === 'string') return languageNames.of(item) ?? item;
    return String(item);
  });
};
