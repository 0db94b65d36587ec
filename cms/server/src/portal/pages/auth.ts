import type { Core } from '@strapi/strapi';
import { facingFor, memberFacing, type MemberFacingError, type PortalRequest } from '../context';
import { safeNext, type PortalRoute } from '../router';
import { createRateLimiter, endSession, startSession } from '../session';

/**
 * Sign-in attempts: 5 per identifier in 5 minutes (as users-permissions limits its own route) and
 * 20 per IP address, which members behind one office address share; sign-ups and reset e-mails
 * are counted apart.
 */
const WINDOW_MS = 5 * 60 * 1000;
const perIp = createRateLimiter(20, WINDOW_MS);
const perIdentifier = createRateLimiter(5, WINDOW_MS);
const signUpsPerIp = createRateLimiter(20, WINDOW_MS);
const resetsPerIp = createRateLimiter(10, WINDOW_MS);

const field = (form: Record<string, unknown>, name: string, max = 500) => (typeof form[name] === 'string' ? (form[name] as string).slice(0, max) : '');

/**
 * Runs one of users-permissions' own auth actions (sign-in, register, forgotten and reset password)
 * with the given body, so its rules, settings and e-mails apply unchanged. Returns what it answered.
 */
const usersPermissions = async (strapi: Core.Strapi, request: PortalRequest, action: 'callback' | 'register' | 'forgotPassword' | 'resetPassword', body: Record<string, string>) => {
  const koaRequest = request.ctx.request as { body?: unknown };
  const original = koaRequest.body;
  koaRequest.body = body;
  try {
    await strapi.plugin('users-permissions').controller('auth')[action](request.ctx, async () => undefined);
    return request.ctx.body as { jwt?: string; user?: { id: number } } | undefined;
  } finally {
    koaRequest.body = original;
    request.ctx.body = undefined;
  }
};

const signInForm = async (request: PortalRequest) => {
  if (request.member) return request.redirect(safeNext(request.base, request.ctx.query.next));
  request.render('sign-in', { title: request.t('signIn.title'), next: safeNext(request.base, request.ctx.query.next), identifier: '' });
};

/** One line for a form that shows a single message: in another language than English, the field problems where there are some. */
const shownOf = (facing: MemberFacingError) => (facing.localized && facing.problems.length > 0 ? facing.problems.map((problem) => problem.message).join(' ') : facing.message);

const signIn = async (request: PortalRequest) => {
  const identifier = field(request.form, 'identifier', 200).trim();
  const password = field(request.form, 'password', 200);
  const next = safeNext(request.base, request.form.next);
  const again = (message: string, status: number) => request.render('sign-in', { title: request.t('signIn.title'), next, identifier, error: message }, status);
  if (!perIdentifier.allow(identifier.toLowerCase()) || !perIp.allow(request.ctx.ip)) {
    return again(request.t('signIn.tooMany'), 429);
  }
  if (!identifier || !password) return again(request.t('signIn.missing'), 400);
  try {
    const answer = await usersPermissions(request.strapi, request, 'callback', { identifier, password });
    if (!answer?.jwt) return again(request.t('signIn.failed'), 400);
    startSession(request.ctx, request.base, answer.jwt);
    return request.redirect(next, { kind: 'success', key: 'signIn.done' });
  } catch (error) {
    const facing = memberFacing(error);
    if (!facing) throw error;
    return again(/confirm/i.test(facing.message) ? request.t('signIn.unconfirmed') : /blocked/i.test(facing.message) ? request.t('signIn.blocked') : request.t('signIn.failed'), 400);
  }
};

const signUpForm = async (request: PortalRequest) => {
  if (request.member) return request.redirect(request.base);
  request.render('sign-up', { title: request.t('signUp.title'), values: {} });
};

const signUp = async (request: PortalRequest) => {
  const values = { username: field(request.form, 'username', 100).trim(), email: field(request.form, 'email', 200).trim() };
  const password = field(request.form, 'password', 200);
  const again = (message: string, status = 400) => request.render('sign-up', { title: request.t('signUp.title'), values, error: message }, status);
  if (!signUpsPerIp.allow(request.ctx.ip)) return again(request.t('signIn.tooMany'), 429);
  if (password !== field(request.form, 'passwordConfirmation', 200)) return again(request.t('signUp.mismatch'));
  try {
    const answer = await usersPermissions(request.strapi, request, 'register', { ...values, password });
    if (!answer?.jwt) return request.render('message', { title: request.t('signUp.confirmTitle'), message: request.t('signUp.confirm', { email: values.email }) });
    startSession(request.ctx, request.base, answer.jwt);
    return request.redirect(request.base, { kind: 'success', key: 'signUp.done' });
  } catch (error) {
    const facing = facingFor(request, error, { username: request.t('signUp.username'), email: request.t('signUp.email'), password: request.t('signUp.password') });
    if (!facing) throw error;
    return again(shownOf(facing));
  }
};

const signOut = async (request: PortalRequest) => {
  endSession(request.ctx, request.base);
  request.redirect(request.base, { kind: 'success', key: 'signOut.done' });
};

const forgotForm = async (request: PortalRequest) => request.render('forgot-password', { title: request.t('forgot.title') });

const forgot = async (request: PortalRequest) => {
  const email = field(request.form, 'email', 200).trim();
  if (!resetsPerIp.allow(request.ctx.ip)) return request.render('forgot-password', { title: request.t('forgot.title'), error: request.t('signIn.tooMany') }, 429);
  try {
    await usersPermissions(request.strapi, request, 'forgotPassword', { email });
  } catch (error) {
    const facing = memberFacing(error);
    if (!facing) throw error;
    return request.render('forgot-password', { title: request.t('forgot.title'), error: request.t('forgot.invalid'), email }, 400);
  }
  // The same answer whether or not the address is known, so the page tells no one who is a member.
  request.render('message', { title: request.t('forgot.sentTitle'), message: request.t('forgot.sent') });
};

const resetForm = async (request: PortalRequest) => {
  // The code arrives in the e-mail's link; it is carried on in the form, and the page is not cached or referred.
  request.ctx.set('Referrer-Policy', 'no-referrer');
  const code = typeof request.ctx.query.code === 'string' ? request.ctx.query.code.slice(0, 300) : '';
  request.render('reset-password', { title: request.t('reset.title'), code });
};

const reset = async (request: PortalRequest) => {
  const code = field(request.form, 'code', 300);
  const password = field(request.form, 'password', 200);
  const passwordConfirmation = field(request.form, 'passwordConfirmation', 200);
  try {
    const answer = await usersPermissions(request.strapi, request, 'resetPassword', { code, password, passwordConfirmation });
    if (answer?.jwt) startSession(request.ctx, request.base, answer.jwt);
    return request.redirect(request.base, { kind: 'success', key: 'reset.done' });
  } catch (error) {
    const facing = facingFor(request, error, { password: request.t('reset.password'), passwordConfirmation: request.t('signUp.passwordConfirmation'), code: request.t('reset.title') });
    if (!facing) throw error;
    return request.render('reset-password', { title: request.t('reset.title'), code, error: shownOf(facing) }, 400);
  }
};

export const authRoutes: PortalRoute[] = [
  { method: 'GET', path: '/sign-in', handler: signInForm },
  { method: 'POST', path: '/sign-in', handler: signIn },
  { method: 'GET', path: '/sign-up', handler: signUpForm },
  { method: 'POST', path: '/sign-up', handler: signUp },
  { method: 'POST', path: '/sign-out', handler: signOut },
  { method: 'GET', path: '/forgot-password', handler: forgotForm },
  { method: 'POST', path: '/forgot-password', handler: forgot },
  { method: 'GET', path: '/reset-password', handler: resetForm },
  { method: 'POST', path: '/reset-password', handler: reset },
];
