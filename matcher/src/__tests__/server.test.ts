import { spawn } from 'node:child_process';
import path from 'node:path';

const matcherRoot = path.join(__dirname, '..', '..');
const register = path.join(matcherRoot, 'src', 'testing', 'register-ts.cjs');
const entry = path.join(matcherRoot, 'src', 'server.ts');

interface Run {
  lines: Array<Record<string, unknown>>;
  code: number | null;
}

/**
 * Starts src/server.ts as a real process (through the TypeScript require hook) with the given
 * environment; `whenListening` runs once it logs its address, then SIGTERM is sent.
 */
function runServer(env: Record<string, string>, whenListening?: (port: number) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', register, entry], {
      cwd: matcherRoot,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', MATCHER_WORKERS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Array<Record<string, unknown>> = [];
    let buffer = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (typeof parsed.port === 'number' && String(parsed.msg).startsWith('matcher listening')) {
          void (whenListening ? whenListening(parsed.port) : Promise.resolve()).finally(() => child.kill('SIGTERM'));
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ lines, code });
    });
  });
}

describe('server process', () => {
  it(
    'when NODE_ENV is production and MATCHER_TOKEN is missing, then it refuses to start with a fatal JSON log line',
    async () => {
      const run = await runServer({ NODE_ENV: 'production' });
      expect(run.code).toBe(1);
      expect(run.lines).toEqual([expect.objectContaining({ level: 'fatal', msg: expect.stringContaining('MATCHER_TOKEN') })]);
    },
    40_000,
  );

  it(
    'when started without a token in development, then it warns, serves, and shuts down cleanly on SIGTERM',
    async () => {
      let health: unknown;
      const run = await runServer({ NODE_ENV: 'development' }, async (port) => {
        health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
        await fetch(`http://127.0.0.1:${port}/openapi.json`);
      });
      expect(run.code).toBe(0);
      expect(health).toMatchObject({ status: 'ok' });
      const messages = run.lines.map((line) => `${line.level}: ${line.msg}`);
      expect(messages[0]).toMatch(/^warn: MATCHER_TOKEN is not set/);
      expect(messages).toEqual(expect.arrayContaining(['info: shutting down', 'info: shut down cleanly']));
      // Health probes log at debug level; other requests get one info line each.
      expect(run.lines.filter((line) => line.msg === 'request')).toEqual([
        expect.objectContaining({ method: 'GET', path: '/openapi.json', status: 200, requestId: expect.any(String) }),
      ]);
    },
    40_000,
  );

  it(
    'when a setting is invalid, then it exits with a message naming the variable',
    async () => {
      const run = await runServer({ MATCHER_MAX_CELLS: 'lots' });
      expect(run.code).toBe(1);
      expect(run.lines[0]).toMatchObject({ level: 'fatal', msg: expect.stringContaining('MATCHER_MAX_CELLS') });
    },
    40_000,
  );
});
