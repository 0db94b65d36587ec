import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from './errors';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * `Authorization: Bearer <token>` check. Both sides are hashed first so the comparison is
 * constant-time whatever the length of the presented token. Without a configured token the
 * API is open (server.ts refuses that in production).
 */
export function bearerAuth(token: string | undefined): RequestHandler {
  if (token === undefined) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const presented = digest(match ? match[1] : '');
    if (match && timingSafeEqual(presented, expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="matcher"');
    next(new AppError(401, 'unauthorized', match ? 'invalid bearer token' : 'missing bearer token (Authorization: Bearer <MATCHER_TOKEN>)'));
  };
}
