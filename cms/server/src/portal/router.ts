import fs from 'fs';
import path from 'path';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { PLUGIN_ID } from '../utils/uids';
import { assetsDir } from './paths';
import { facingFor, type Flash, type PortalRequest } from './context';
import { LOCALES, localeFrom, translate, type Locale } from './i18n';
import { readPortalSettings } from './settings';
import { createViewEngine } from './views';
import { csrfToken, csrfValid, FLASH_COOKIE, LOCALE_COOKIE, cookieOptions, memberOfSession } from './session';

export interface PortalRoute {
  method: 'GET' | 'POST';
  /** relative to the portal's path; "" is its home */
  path: string;
  handler: (request: PortalRequest) => Promise<void>;
  /** a signed-out visitor is sent to sign in first */
  signedIn?: boolean;
  /** answers JSON (progressive enhancement); CSRF comes in the x-csrf-token header */
  json?: boolean;
}

const ASSET_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** Where a signed-out visitor goes after signing in: a portal path only, never another site. */
export const safeNext = (base: string, value: unknown): string => {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith(`${base}/`) || next === base ? next.replace(/[\r\n]/g, '') : base;
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export const registerPortal = (strapi: Core.Strapi, routes: PortalRoute[]) => {
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
  const base = config.portalPath ?? '/mentoring';
  const views = createViewEngine(strapi.dirs.app.root, { cache: process.env.NODE_ENV !== 'development' });
  const secret = (strapi.config.get('server.app.keys') as string[] | undefined)?.[0] ?? '';
  if (!secret) throw new Error('The member portal needs server.app.keys (APP_KEYS) to sign its cookies');

  const readFlash = (ctx: Context): Flash | null => {
    const raw = ctx.cookies.get(FLASH_COOKIE, { signed: true });
    if (!raw) return null;
    ctx.cookies.set(FLASH_COOKIE, '', { ...cookieOptions(ctx, base), maxAge: 0, expires: new Date(0) });
    try {
      return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flash;
    } catch {
      return null;
    }
  };

  const wrap = (route: PortalRoute) => async (ctx: Context) => {
    ctx.set('Content-Security-Policy', CSP);
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'no-store');

    const requested = typeof ctx.query.lang === 'string' ? ctx.query.lang : null;
    if (requested && ctx.method === 'GET' && (LOCALES as readonly string[]).includes(requested)) {
      ctx.cookies.set(LOCALE_COOKIE, requested, { ...cookieOptions(ctx, base, 365 * 24 * 60 * 60 * 1000), signed: false });
      const url = new URL(ctx.originalUrl, 'http://portal.invalid');
      url.searchParams.delete('lang');
      ctx.status = 303;
      ctx.redirect(`${url.pathname}${url.search}`);
      return;
    }
    const locale: Locale = localeFrom(ctx.cookies.get(LOCALE_COOKIE), ctx.get('accept-language'));
    const settings = await readPortalSettings(strapi);
    const member = await memberOfSession(strapi, ctx);
    const csrf = csrfToken(ctx, base, secret);
    const form = ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;
    const t = (key: string, vars?: Record<string, unknown>) => translate(locale, key, vars);

    const request: PortalRequest = {
      strapi,
      ctx,
      base,
      member,
      locale,
      settings,
      csrf,
      flash: ctx.method === 'GET' && !route.json ? readFlash(ctx) : null,
      views,
      form,
      t,
      render(page, data, status = 200) {
        const here = new URL(ctx.originalUrl, 'http://portal.invalid');
        const switchTo = (code: Locale) => {
          here.searchParams.set('lang', code);
          return `${here.pathname}${here.search}`;
        };
        ctx.status = status;
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = views.render(page, {
          ...data,
          page,
          base,
          locale,
          member,
          settings,
          csrf,
          flash: request.flash,
          languages: LOCALES.map((code) => ({ code, label: translate(code, 'language.name'), current: code === locale, url: switchTo(code) })),
          here: `${here.pathname}`,
        });
      },
      redirect(to, flash) {
        if (flash) ctx.cookies.set(FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), cookieOptions(ctx, base, 5 * 60 * 1000));
        ctx.status = 303;
        ctx.redirect(to.startsWith('/') ? to : `${base}/${to}`);
      },
    };

    if (ctx.method === 'POST') {
      const submitted = route.json ? ctx.get('x-csrf-token') : form._csrf;
      if (!csrfValid(ctx, secret, submitted)) {
        if (route.json) {
          ctx.status = 403;
          ctx.body = { error: t('error.csrf') };
          return;
        }
        request.render('error', { title: t('error.csrf.title'), message: t('error.csrf') }, 403);
        return;
      }
    }
    if (route.signedIn && !member) {
      if (route.json) {
        ctx.status = 401;
        ctx.body = { error: t('error.signIn') };
        return;
      }
      const next = ctx.method === 'GET' ? ctx.path : base;
      request.redirect(`${base}/sign-in?next=${encodeURIComponent(next)}`);
      return;
    }

    try {
      await route.handler(request);
    } catch (error) {
      const facing = facingFor(request, error);
      if (facing?.status === 404) {
        request.render('error', { title: t('error.notFound.title'), message: t('error.notFound') }, 404);
        return;
      }
      if (facing?.status === 401) {
        request.redirect(`${base}/sign-in?next=${encodeURIComponent(ctx.path)}`);
        return;
      }
      if (facing) {
        request.render('error', { title: t('error.problem.title'), message: facing.message, reasons: facing.reasons }, facing.status);
        return;
      }
      strapi.log.error(`[mentorship] portal ${ctx.method} ${ctx.path} failed: ${error instanceof Error ? error.stack : String(error)}`);
      request.render('error', { title: t('error.server.title'), message: t('error.server') }, 500);
    }
  };

  const serveAsset = async (ctx: Context) => {
    const name = String(ctx.params.file ?? '');
    const type = ASSET_TYPES[path.extname(name)];
    if (!/^[a-z0-9-]+\.(css|js|svg)$/.test(name) || !type) return ctx.notFound();
    const file = path.join(assetsDir(), name);
    if (!fs.existsSync(file)) return ctx.notFound();
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = fs.createReadStream(file);
  };

  const themeCss = async (ctx: Context) => {
    const settings = await readPortalSettings(strapi);
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = `:root { --brand: ${settings.primaryColour}; --accent: ${settings.accentColour}; }\n`;
  };

  strapi.server.routes([
    { method: 'GET', path: `${base}/assets/theme.css`, handler: themeCss, config: { auth: false } },
    { method: 'GET', path: `${base}/assets/:file`, handler: serveAsset, config: { auth: false } },
    ...routes.map((route) => ({
      method: route.method,
      path: `${base}${route.path}`,
      handler: wrap(route),
      config: { auth: false as const },
    })),
  ]);
  return { base };
};
