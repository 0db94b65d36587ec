/** JSON-line logs on stdout (pino): one object per line, ready for any log shipper. */
import pino, { type Logger } from 'pino';
import type { AppConfig } from './config';

export type { Logger };

export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'matcher' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
