import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';

/**
 * Child processes for the browser tests, each the leader of its own process group, so stopping it
 * stops everything it started (npx, node, esbuild...) and nothing else.
 */
export interface GroupProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

export const startGroup = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): GroupProcess => {
  const log = fs.openSync(options.logFile, 'w');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pid = child.pid;
  if (!pid) throw new Error(`could not start ${command}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopped = false;
  return {
    child,
    pid,
    exited,
    stop: async () => {
      if (stopped || child.exitCode !== null) return;
      stopped = true;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 8000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** Runs a command in its own process group to completion; rejects with the log's tail on failure. */
export const runGroup = async (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number }): Promise<void> => {
  const started = startGroup(command, args, options);
  const timer = setTimeout(() => void started.stop(), options.timeoutMs);
  const code = await started.exited;
  clearTimeout(timer);
  if (code !== 0) {
    const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${tail}`);
  }
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Polls a URL until it answers 2xx (or the process dies, or the time is up). */
export const waitForHttp = async (url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> => {
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      /* not yet */
    }
    if (!alive()) throw new Error(`the server behind ${url} stopped before answering`);
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};
