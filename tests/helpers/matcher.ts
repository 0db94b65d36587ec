import http from 'http';
import type { AddressInfo } from 'net';
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

const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** The real matching service, in this process, on a free port, with the test token. */
export const startMatcher = async (token = process.env.MATCHER_TOKEN ?? 'test-matcher-token'): Promise<RunningMatcher> => {
  const app = createApp({ token, workers: 1, logLevel: 'silent' });
  const server = http.createServer(app);
  const url = await listen(server);
  return {
    url,
    token,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
};

/** A server that accepts connections and never answers: a matcher that hangs. */
export const startSilentServer = async (): Promise<RunningMatcher> => {
  const server = http.createServer(() => undefined);
  const url = await listen(server);
  return {
    url,
    token: '',
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
