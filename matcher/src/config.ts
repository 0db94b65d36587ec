/**
 * Service configuration: one validated schema, read once at start. `loadConfig` reads the
 * environment (server.ts); `resolveConfig` fills defaults for callers that build the app
 * in-process (tests, the CMS test suite).
 */
import os from 'node:os';
import { z } from 'zod';

const defaultWorkers = Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));

export const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(4100),
  /** Bearer token for /v1; without one the API is open (refused in production by server.ts). */
  token: z.string().min(1).optional(),
  production: z.boolean().default(false),
  /** Largest score or cost matrix accepted, in cells (mentees x mentors, or mentees x slots). */
  maxCells: z.number().int().positive().default(25_000_000),
  /** Largest request body, as understood by body-parser ("32mb", or bytes). */
  bodyLimit: z.union([z.string().min(1), z.number().int().positive()]).default('32mb'),
  /** Worker threads for scoring and solving. */
  workers: z.number().int().min(1).max(64).default(defaultWorkers),
  /** Requests allowed to wait for a worker; beyond that the API answers 503 with Retry-After. */
  queueLimit: z.number().int().min(0).max(1000).default(4),
  /** Largest side (rows or columns after capacity expansion) given to munkres-js. */
  munkresMaxSize: z.number().int().min(1).max(1000).default(200),
  /** A computation running longer than this is stopped and answered with 503. */
  taskTimeoutMs: z.number().int().positive().default(120_000),
  shutdownTimeoutMs: z.number().int().positive().default(10_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AppConfig = z.output<typeof configSchema>;
export type AppConfigInput = z.input<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Environment variable behind each setting, for error messages and the README. */
export const ENVIRONMENT: Record<keyof AppConfig, string> = {
  host: 'HOST',
  port: 'PORT',
  token: 'MATCHER_TOKEN',
  production: 'NODE_ENV',
  maxCells: 'MATCHER_MAX_CELLS',
  bodyLimit: 'MATCHER_BODY_LIMIT',
  workers: 'MATCHER_WORKERS',
  queueLimit: 'MATCHER_QUEUE_LIMIT',
  munkresMaxSize: 'MATCHER_MUNKRES_MAX_SIZE',
  taskTimeoutMs: 'MATCHER_TASK_TIMEOUT_MS',
  shutdownTimeoutMs: 'MATCHER_SHUTDOWN_TIMEOUT_MS',
  logLevel: 'LOG_LEVEL',
};

export function resolveConfig(input: AppConfigInput = {}): AppConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path[0] as keyof AppConfig | undefined;
      return `${key ? `${key} (${ENVIRONMENT[key]})` : 'config'}: ${issue.message}`;
    });
    throw new ConfigError(`invalid matcher configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Reads the environment; throws ConfigError naming the variable when a value is unusable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const integer = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const text = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const bodyLimit = text('MATCHER_BODY_LIMIT');
  return resolveConfig({
    host: text('HOST'),
    port: integer('PORT'),
    token: text('MATCHER_TOKEN'),
    production: env.NODE_ENV === 'production',
    maxCells: integer('MATCHER_MAX_CELLS'),
    bodyLimit: bodyLimit !== undefined && /^\d+$/.test(bodyLimit) ? Number(bodyLimit) : bodyLimit,
    workers: integer('MATCHER_WORKERS'),
    queueLimit: integer('MATCHER_QUEUE_LIMIT'),
    munkresMaxSize: integer('MATCHER_MUNKRES_MAX_SIZE'),
    taskTimeoutMs: integer('MATCHER_TASK_TIMEOUT_MS'),
    shutdownTimeoutMs: integer('MATCHER_SHUTDOWN_TIMEOUT_MS'),
    logLevel: text('LOG_LEVEL') as AppConfig['logLevel'] | undefined,
  });
}
