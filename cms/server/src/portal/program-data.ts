import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { answerLabels, countryName, isCountryCode, isLanguageCode, REGIONS, type Answers, type ProfileField } from '../../../shared/profile-fields';
import type { Role } from '../../../shared/vocabulary';
import { profileFieldsOf, toSummary, type ProgramRecord } from '../services/content/programs';
import { cohortPlaces } from '../services/staff/cohort-selection';
import { getService } from '../utils/get-service';
import { UID } from '../utils/uids';

/** Profile statuses that hold one of a program's places (as enrollment counts them). */
const SEATED = ['submitted', 'approved', 'listed', 'paused'];
/** Styles where the program office pairs people; members do not send requests there. */
export const STAFF_MATCHED = ['guided-cohort', 'international-virtual'];

export const programOr404 = async (strapi: Core.Strapi, slug: unknown): Promise<ProgramRecord> => {
  const value = typeof slug === 'string' && /^[a-z0-9-]{1,120}$/.test(slug) ? slug : null;
  const program = value ? await getService(strapi, 'programs').findVisibleBySlug(value) : null;
  if (!program) throw new errors.NotFoundError('No such program');
  return program;
};

/** Places left per role, when the program caps them. */
export const placesLeft = async (strapi: Core.Strapi, program: ProgramRecord) => {
  // Where staff select, a place is taken by being selected (paired), not by applying.
  const selected = await cohortPlaces(strapi, program.documentId);
  if (selected) return { mentor: selected.mentor, mentee: selected.mentee };
  const left = async (role: Role, seats: number | null | undefined) => {
    if (seats === null || seats === undefined) return null;
    const taken = await strapi.db.query(UID.profile).count({ where: { program: program.id, role, profileStatus: { $in: SEATED } } });
    return Math.max(0, seats - taken);
  };
  return { mentor: await left('mentor', program.mentorSeats), mentee: await left('mentee', program.menteeSeats) };
};

export const summaryOf = (strapi: Core.Strapi, program: ProgramRecord) => toSummary(program, getService(strapi, 'clock').now());

export const fieldsOf = async (strapi: Core.Strapi, program: ProgramRecord, role: Role): Promise<ProfileField[]> => {
  const row = (await strapi.db.query(UID.profileType).findOne({ where: { program: program.id, role } })) as { fields?: unknown } | null;
  return row ? profileFieldsOf(row.fields) : [];
};

let countries: { value: string; label: string }[] | null = null;
let languages: { value: string; label: string }[] | null = null;
const letters = 'abcdefghijklmnopqrstuvwxyz';
const pairs = () => [...letters].flatMap((a) => [...letters].map((b) => a + b));

/** Every ISO country this runtime names, for country questions without their own options. */
const allCountries = () =>
  (countries ??= pairs()
    .map((pair) => pair.toUpperCase())
    .filter(isCountryCode)
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label)));

const allLanguages = () => {
  if (languages) return languages;
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  languages = pairs()
    .filter(isLanguageCode)
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return languages;
};

const titleCase = (value: string) => value.replace(/-/g, ' ').replace(/^./, (first) => first.toUpperCase());

export interface FormField {
  key: string;
  id: string;
  label: string;
  help: string | null;
  required: boolean;
  kind: ProfileField['kind'];
  control: 'text' | 'textarea' | 'number' | 'radio' | 'checkbox' | 'select' | 'multiselect';
  options: { value: string; label: string; checked: boolean }[];
  value: string;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  error: string | null;
}

/** One form control per question of the profile type, with the member's answers filled in. */
export const formFields = (fields: ProfileField[], answers: Answers, problems: { field: string; message: string }[] = []): FormField[] =>
  fields.map((field) => {
    const answer = answers[field.key];
    const chosen = Array.isArray(answer) ? answer.map(String) : answer === null || answer === undefined ? [] : [String(answer)];
    const options =
      field.kind === 'country'
        ? (field.options ?? allCountries())
        : field.kind === 'languages'
          ? (field.options ?? allLanguages())
          : field.kind === 'region'
            ? (field.options ?? REGIONS.map((value) => ({ value, label: titleCase(value) })))
            : (field.options ?? []);
    const control: FormField['control'] = (() => {
      switch (field.kind) {
        case 'long-text':
          return 'textarea';
        case 'number':
        case 'year':
          return 'number';
        case 'single-choice':
          return options.length <= 6 ? 'radio' : 'select';
        case 'multiple-choice':
          return 'checkbox';
        case 'country':
        case 'region':
          return 'select';
        case 'languages':
          return field.options && field.options.length <= 12 ? 'checkbox' : 'multiselect';
        default:
          return 'text';
      }
    })();
    return {
      key: field.key,
      id: `answer-${field.key}`,
      label: field.label,
      help: field.help ?? null,
      required: field.required,
      kind: field.kind,
      control,
      options: options.map((option) => ({ value: option.value, label: option.label, checked: chosen.includes(option.value) })),
      value: chosen[0] ?? '',
      min: field.min ?? (field.kind === 'year' ? 1900 : null),
      max: field.max ?? null,
      maxLength: field.maxLength ?? (field.kind === 'text' ? 200 : field.kind === 'long-text' ? 5000 : null),
      error: problems.find((problem) => problem.field === field.key)?.message ?? null,
    };
  });

/** Reads the form's answers into the shapes the profile type expects; blanks are left out. */
export const answersFromForm = (fields: ProfileField[], raw: unknown): Answers => {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const answers: Answers = {};
  for (const field of fields) {
    const value = source[field.key];
    const list = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String).filter((item) => item !== '');
    if (list.length === 0) continue;
    switch (field.kind) {
      case 'multiple-choice':
      case 'languages':
        answers[field.key] = [...new Set(list)];
        break;
      case 'number':
      case 'year': {
        const number = Number(list[0]);
        answers[field.key] = Number.isFinite(number) ? number : list[0]!;
        break;
      }
      default:
        answers[field.key] = list[0]!;
    }
  }
  return answers;
};

/** An answer's words: option labels, country and language names, and world regions written out. */
export const labelsOf = (field: ProfileField, value: Answers[string]): string[] =>
  field.kind === 'region' && !field.options ? (Array.isArray(value) ? value : value === null || value === undefined ? [] : [String(value)]).map(titleCase) : answerLabels(field, value ?? null);

/** Public answers as label/value lines for a mentor's page or a directory card. */
export const answerLines = (fields: ProfileField[], answers: Answers) =>
  fields
    .filter((field) => field.key in answers)
    .map((field) => ({ label: field.label, value: labelsOf(field, answers[field.key] ?? null).join(', ') }))
    .filter((line) => line.value !== '');
