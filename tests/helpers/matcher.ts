import type { AddressInfo } from 'net';
import type { Server } from 'http';
import { createApp } from '../../matcher/src/app';

/**
 * The real matching service, built in-process with its `createApp` and listening on a free port of
 * 127.0.0.1, so the CMS reaches it as in production: over HTTP with a bearer token.
 */
export interface RunningMatcher {
  url: string;
  token: string;
  stop: () => Promise<void>;
}

export const startMatcher = async (token = process.env.MATCHER_TOKEN ?? 'test-matcher-token'): Promise<RunningMatcher> => {
  const app = createApp({ token, workers: 1, logLevel: 'silent' });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
};
