import { ERROR_CODES, type ErrorCode } from '../../../shared/contracts/errors';
import { codeForStatus } from '../middlewares/error-shape';
import type { MemberFacingError } from './context';
import type { Locale } from './i18n';

type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** The documented error code of a service error, as the members' API would answer it (see middlewares/error-shape). */
export const codeOf = (facing: MemberFacingError): ErrorCode => {
  if (facing.code && facing.code in ERROR_CODES) return facing.code as ErrorCode;
  return codeForStatus(facing.status, { invalidInput: facing.problems.length > 0, eligibility: facing.reasons.length > 0 });
};

/** What one field problem of the services says, as a message key and its values. */
const fieldProblem = (message: string): { key: string; vars: Record<string, unknown> } => {
  let found: RegExpExecArray | null;
  if (/ is required$|^required$/i.test(message)) return { key: 'service.field.required', vars: {} };
  if ((found = /at most (\d+) characters/.exec(message))) return { key: 'service.field.tooLong', vars: { max: found[1] } };
  if ((found = /at least (\d+) characters/.exec(message))) return { key: 'service.field.tooShort', vars: { min: found[1] } };
  if ((found = /between (\d+) and (\d+)/.exec(message))) return { key: 'service.field.range', vars: { min: found[1], max: found[2] } };
  if ((found = /must be at least (-?[\d.]+)/.exec(message))) return { key: 'service.field.min', vars: { min: found[1] } };
  if ((found = /must be at most (-?[\d.]+)/.exec(message))) return { key: 'service.field.max', vars: { max: found[1] } };
  if (/must be a number/.test(message)) return { key: 'service.field.number', vars: {} };
  if (/not in the options|one of the options|must be one of|list of options|not an option|language code|country code/.test(message)) return { key: 'service.field.option', vars: {} };
  if (/valid email/i.test(message)) return { key: 'service.field.email', vars: {} };
  if (/already taken/i.test(message)) return { key: 'service.field.taken', vars: {} };
  if (/yourself/.test(message)) return { key: 'service.field.yourself', vars: {} };
  if (/incorrect code/i.test(message)) return { key: 'service.field.resetCode', vars: {} };
  if (/passwords do not match/i.test(message)) return { key: 'service.field.passwordsDiffer', vars: {} };
  return { key: 'service.field.invalid', vars: {} };
};

/** Reasons the services write themselves (the others are the program's own eligibility rules, shown as written). */
const SERVICE_REASONS: Record<string, string> = { enrollment: 'service.reason.enrollment', seats: 'service.reason.seats' };

/** Eligibility reasons in the member's language: the services' own; the program's rules speak for themselves. */
export const reasonsInLocale = <R extends { field: string; message: string }>(reasons: R[], locale: Locale, t: Translate): R[] =>
  locale === 'en' ? reasons : reasons.map((reason) => (SERVICE_REASONS[reason.field] ? { ...reason, message: t(SERVICE_REASONS[reason.field]!) } : reason));

/**
 * A service error in the member's language. The services speak English to every client of the API;
 * English pages keep their precise text, other languages get the portal's own words for the error
 * code and for each field problem, named by the field's label where the page knows it. Messages the
 * portal wrote itself (already in the member's language) pass unchanged.
 */
export const inLocale = (facing: MemberFacingError, locale: Locale, t: Translate, labels: Record<string, string> = {}): MemberFacingError => {
  if (locale === 'en' || facing.localized) return facing;
  const problems = facing.problems.map((problem) => {
    const { key, vars } = fieldProblem(problem.message);
    const label = labels[problem.field] ?? /^(.+) is required$/.exec(problem.message)?.[1] ?? null;
    return { field: problem.field, message: label ? t(`${key}.named`, { ...vars, field: label }) : t(key, vars) };
  });
  const reasons = reasonsInLocale(facing.reasons, locale, t);
  // A message with no field problems may still be one the services say of a field ("already taken").
  const own = problems.length === 0 && facing.status === 400 ? fieldProblem(facing.message).key : 'service.field.invalid';
  const message = own !== 'service.field.invalid' ? t(own) : t(`service.${codeOf(facing)}`);
  return { ...facing, message, problems, reasons, localized: true };
};
