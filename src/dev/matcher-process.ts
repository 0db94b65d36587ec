import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * In development the host app starts the matching service beside itself, so one command runs the
 * whole system. In production the matcher is its own deployment and MATCHER_URL points at it.
 */
let child: ChildProcess | null = null;

const answers = async (url: string): Promise<boolean> => {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
};

export const startDevMatcher = async (strapi: Core.Strapi): Promise<void> => {
  const config = strapi.config.get<{ matcherUrl: string; matcherToken: string }>('plugin::mentorship');
  if (await answers(config.matcherUrl)) return;
  const entry = path.join(strapi.dirs.app.root, 'matcher', 'dist', 'server.js');
  if (!fs.existsSync(entry)) {
    strapi.log.warn(`[matcher] not built (${entry} is missing): run "npm run build -w matcher"; matching runs and match-score sorting are unavailable until then.`);
    return;
  }
  const url = new URL(config.matcherUrl);
  child = spawn(process.execPath, [entry], {
    env: { ...process.env, NODE_ENV: 'development', HOST: url.hostname, PORT: url.port || '4100', MATCHER_TOKEN: config.matcherToken, LOG_LEVEL: process.env.MATCHER_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code) strapi.log.warn(`[matcher] exited with code ${code}`);
    child = null;
  });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await answers(config.matcherUrl)) {
      strapi.log.info(`[matcher] listening on ${config.matcherUrl}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  strapi.log.warn(`[matcher] did not answer on ${config.matcherUrl} within 5 s`);
};

export const stopDevMatcher = () => {
  child?.kill('SIGTERM');
  child = null;
};
