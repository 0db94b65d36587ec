import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { Member } from '../utils/parse';
import type { PortalSettings } from './settings';
import type { Locale } from './i18n';
import { inLocale } from './service-messages';
import type { ViewEngine } from './views';

export interface Flash {
  kind: 'success' | 'error';
  key: string;
  vars?: Record<string, string>;
}

/** Everything a portal page handler needs for one request. */
export interface PortalRequest {
  strapi: Core.Strapi;
  ctx: Context;
  /** the portal's path, e.g. "/mentoring" */
  base: string;
  member: Member | null;
  locale: Locale;
  settings: PortalSettings;
  csrf: string;
  flash: Flash | null;
  views: ViewEngine;
  /** the form fields of a POST (urlencoded, parsed with qs) */
  form: Record<string, unknown>;
  render(page: string, data: Record<string, unknown>, status?: number): void;
  /** 303 to a portal path, with a message shown once on the next page */
  redirect(path: string, flash?: Flash): void;
  t(key: string, vars?: Record<string, unknown>): string;
}

/** The signed-in member; the wrapper only calls handlers marked `signedIn` with one. */
export const memberOf = (request: PortalRequest): Member => {
  if (!request.member) throw new Error('portal handler marked signedIn called without a member');
  return request.member;
};

/** An error a member caused and can act on (bad input, a rule, a conflict): shown on the form. */
export interface MemberFacingError {
  status: number;
  message: string;
  problems: { field: string; message: string }[];
  reasons: { field: string; message: string }[];
  /** the documented error code (details.code), when the service set one */
  code?: string;
  /** already in the member's language (written by the portal itself) */
  localized?: boolean;
}

/** A problem with what the member sent, worded by the portal in the member's language. */
export const portalInputError = (message: string, field?: string) =>
  new errors.ValidationError(message, { code: 'invalid-input', localized: true, errors: field ? [{ path: [field], message }] : [] });

/** Reads Strapi's error classes (400 validation, 403 policy, 404, 409 conflict) into something a page can show. */
export const memberFacing = (error: unknown): MemberFacingError | null => {
  if (!(error instanceof Error)) return null;
  const byName: Record<string, number> = { ValidationError: 400, ApplicationError: 400, UnauthorizedError: 401, ForbiddenError: 403, PolicyError: 403, NotFoundError: 404, RateLimitError: 429 };
  const status = (error as { status?: number }).status ?? byName[error.name] ?? 0;
  if (status < 400 || status >= 500) return null;
  const details = (error as { details?: { errors?: { path: string[]; message: string }[]; reasons?: { field: string; message: string }[]; code?: unknown; localized?: unknown } }).details ?? {};
  return {
    status,
    message: error.message,
    ...(typeof details.code === 'string' ? { code: details.code } : error.name === 'ValidationError' ? { code: 'invalid-input' } : {}),
    ...(details.localized === true ? { localized: true } : {}),
    problems: (details.errors ?? []).map((problem) => ({ field: problem.path.filter((segment) => segment !== 'body' && segment !== 'answers').join('.'), message: problem.message })),
    reasons: details.reasons ?? [],
  };
};

/**
 * `memberFacing`, in the member's language: the portal's words for the error code and each field problem
 * on pages other than English (`labels` names the page's fields by their keys).
 */
export const facingFor = (request: Pick<PortalRequest, 'locale' | 't'>, error: unknown, labels: Record<string, string> = {}): MemberFacingError | null => {
  const facing = memberFacing(error);
  return facing ? inLocale(facing, request.locale, request.t, labels) : null;
};
