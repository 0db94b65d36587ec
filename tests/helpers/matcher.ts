import path from 'path';
import type { AddressInfo } from 'net';
import type { Server } from 'http';

/**
 * The real matching service, built in-process from matcher/src/app (its `createApp`) and listening
 * on a free port of 127.0.0.1, as the CMS reaches it in production: over HTTP with a bearer token.
 */
export interface RunningMatcher {
  url: string;
  token: string;
  stop: () => Promise<void>;
}

type MatcherModules = {
  app: { createApp: (config: unknown) => { listen: (port: number, host: string, callback: () => void) => Server } };
  config: { resolveConfig: (input: Record<string, unknown>) => unknown };
};

// Required by path so the CMS tests compile against whatever the matcher package exports.
const load = (): MatcherModules => {
  const root = path.resolve(__dirname, '..', '..', 'matcher', 'src');
  return { app: require(path.join(root, 'app')), config: require(path.join(root, 'config')) } as MatcherModules;
};

export const startMatcher = async (token = process.env.MATCHER_TOKEN ?? 'test-matcher-token'): Promise<RunningMatcher> => {
  const { app, config } = load();
  const instance = app.createApp(config.resolveConfig({ token, workers: 1, logLevel: 'silent' }));
  const server = await new Promise<Server>((resolve) => {
    const listening = instance.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    stop: async () => {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const closable = instance as unknown as { close?: () => Promise<void> | void; locals?: { close?: () => Promise<void> } };
      await closable.locals?.close?.();
    },
  };
};
