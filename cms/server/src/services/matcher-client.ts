import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { PLUGIN_ID } from '../utils/uids';

/** A failure talking to the matcher, with a message staff can act on. */
export class MatcherError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'MatcherError';
  }
}

const describeBody = (body: unknown): string | null => {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 500) : null;
  const record = body as Record<string, unknown>;
  const error = (record.error ?? record) as Record<string, unknown> | string;
  if (typeof error === 'string') return error;
  const message = typeof error.message === 'string' ? error.message : null;
  const path = Array.isArray(error.path) ? error.path.join('.') : typeof error.path === 'string' ? error.path : null;
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : Array.isArray(error.issues) ? (error.issues as { path?: unknown; message?: unknown }[]) : [];
  const firstDetail = details[0];
  const detailText = firstDetail
    ? `${Array.isArray(firstDetail.path) ? `${firstDetail.path.join('.')}: ` : ''}${String(firstDetail.message ?? '')}`
    : null;
  return [path && message ? `${path}: ${message}` : message, detailText && detailText !== message ? detailText : null].filter(Boolean).join(' — ') || null;
};

/** HTTP client of the matching service (`matcherUrl`, bearer `matcherToken`, `matcherTimeoutMs`). */
const matcherClient = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  const post = async <T>(path: string, body: unknown, timeoutMs?: number): Promise<T> => {
    const { matcherUrl, matcherToken, matcherTimeoutMs } = config();
    const limit = timeoutMs ?? matcherTimeoutMs;
    const url = new URL(path, matcherUrl.endsWith('/') ? matcherUrl : `${matcherUrl}/`).toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${matcherToken}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(limit),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new MatcherError(`The matcher did not answer within ${Math.round(limit / 1000)} s`, null);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new MatcherError(`The matcher could not be reached at ${matcherUrl} (${cause?.code ?? cause?.message ?? (error as Error).message})`, null);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const said = describeBody(parsed);
      throw new MatcherError(`The matcher answered ${response.status}${said ? `: ${said}` : ''}`, response.status);
    }
    return parsed as T;
  };

  return {
    match: <T>(body: unknown) => post<T>('v1/match', body),
    scores: <T>(body: unknown) => post<T>('v1/scores', body),
  };
};

export type MatcherClientService = ReturnType<typeof matcherClient>;
export default matcherClient;
