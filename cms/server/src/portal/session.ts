import crypto from 'crypto';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { Member } from '../utils/parse';
import { UID } from '../utils/uids';

/**
 * The portal's session: the users-permissions JWT in a signed, httpOnly, SameSite=Lax cookie
 * scoped to the portal's path, so the token never reaches scripts or other paths. CSRF tokens are
 * an HMAC of a second random cookie, checked on every POST.
 */
export const SESSION_COOKIE = 'mentoring_session';
export const CSRF_COOKIE = 'mentoring_csrf';
export const FLASH_COOKIE = 'mentoring_flash';
export const LOCALE_COOKIE = 'mentoring_locale';

const SESSION_DAYS = 7;

export const cookieOptions = (ctx: Context, basePath: string, maxAgeMs?: number) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  path: basePath,
  signed: true,
  secure: ctx.secure,
  overwrite: true,
  ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
});

export const startSession = (ctx: Context, basePath: string, jwt: string) => {
  ctx.cookies.set(SESSION_COOKIE, jwt, cookieOptions(ctx, basePath, SESSION_DAYS * 24 * 60 * 60 * 1000));
  // A new CSRF secret with every sign-in, so a token seen before it is worthless after.
  ctx.cookies.set(CSRF_COOKIE, crypto.randomBytes(32).toString('base64url'), cookieOptions(ctx, basePath));
};

export const endSession = (ctx: Context, basePath: string) => {
  ctx.cookies.set(SESSION_COOKIE, '', { ...cookieOptions(ctx, basePath), maxAge: 0, expires: new Date(0) });
  ctx.cookies.set(CSRF_COOKIE, crypto.randomBytes(32).toString('base64url'), cookieOptions(ctx, basePath));
};

/** The signed-in member of this request, or null (bad, expired or revoked tokens read as signed out). */
export const memberOfSession = async (strapi: Core.Strapi, ctx: Context): Promise<Member | null> => {
  const token = ctx.cookies.get(SESSION_COOKIE, { signed: true });
  if (!token) return null;
  try {
    const payload = (await strapi.plugin('users-permissions').service('jwt').verify(token)) as { id?: number };
    if (!payload?.id) return null;
    const user = (await strapi.db.query(UID.user).findOne({
      where: { id: payload.id },
      select: ['id', 'documentId', 'email', 'username', 'blocked', 'confirmed'],
    })) as (Member & { blocked?: boolean | null }) | null;
    if (!user || user.blocked) return null;
    return { id: user.id, documentId: user.documentId, email: user.email, username: user.username };
  } catch {
    return null;
  }
};

const hmac = (secret: string, value: string) => crypto.createHmac('sha256', secret).update(value).digest('base64url');

/** The CSRF token for this browser's forms (creating the browser's secret on first use). */
export const csrfToken = (ctx: Context, basePath: string, secret: string): string => {
  let seed = ctx.cookies.get(CSRF_COOKIE, { signed: true });
  if (!seed) {
    seed = crypto.randomBytes(32).toString('base64url');
    ctx.cookies.set(CSRF_COOKIE, seed, cookieOptions(ctx, basePath));
  }
  return hmac(secret, seed);
};

export const csrfValid = (ctx: Context, secret: string, submitted: unknown): boolean => {
  const seed = ctx.cookies.get(CSRF_COOKIE, { signed: true });
  if (!seed || typeof submitted !== 'string' || submitted.length === 0) return false;
  const expected = Buffer.from(hmac(secret, seed));
  const given = Buffer.from(submitted);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
};

/**
 * A fixed-window counter per key (sign-in attempts per IP and per identifier). In-process: one
 * Strapi instance counts its own attempts, as users-permissions' memory store does.
 */
export const createRateLimiter = (max: number, windowMs: number) => {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one attempt; false when the key is over its limit for this window. */
    allow(key: string, now = Date.now()): boolean {
      if (hits.size > 10000) for (const [stale, entry] of hits) if (entry.resetAt <= now) hits.delete(stale);
      const entry = hits.get(key);
      if (!entry || entry.resetAt <= now) {
        hits.set(key, { count: 1, resetAt: now + windowMs });
        return true;
      }
      entry.count += 1;
      return entry.count <= max;
    },
  };
};
