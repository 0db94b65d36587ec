/**
 * A small fixed pool of worker threads for scoring and solving, so that a 5,000 x 5,000 solve
 * never blocks /health. At most `size` tasks run and `queueLimit` wait; beyond that `run`
 * rejects with 503 and a Retry-After estimate instead of queueing without bound.
 *
 * Workers start lazily and are unref'd while idle, so an app that is never closed (a test that
 * forgets) does not keep the process alive. A task over `taskTimeoutMs` terminates its worker.
 *
 * Running from source (jest, ts tooling) there is no compiled .js worker: the pool then starts
 * an eval worker that registers @swc/core (a dev dependency) as a require hook for .ts and loads
 * the same TypeScript entry. From dist/ it loads compute-worker.js directly.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, fromSerializedError, type SerializedError } from '../errors';
import type { Logger } from '../logger';
import { epochMs } from '../timing';
import type { TaskMessage } from './compute-worker';
import type { TaskKind, TaskPayloads } from './tasks';

export interface WorkerPoolOptions {
  size: number;
  queueLimit: number;
  taskTimeoutMs: number;
  logger: Logger;
  /** Starts each task's time limit; tests pass one they expire themselves. */
  taskTimer?: TaskTimer;
}

/** Calls `onTimeout` after `ms` unless the returned cancel function runs first. */
export type TaskTimer = (onTimeout: () => void, ms: number) => () => void;

const realTaskTimer: TaskTimer = (onTimeout, ms) => {
  const timer = setTimeout(onTimeout, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface WorkerPoolStats {
  size: number;
  started: number;
  busy: number;
  queued: number;
  completed: number;
}

type Reply = { id: number; ok: true; json: string } | { id: number; ok: false; error: SerializedError };

interface Task {
  id: number;
  kind: TaskKind;
  payload: unknown;
  transfer: ArrayBuffer[];
  resolve: (json: string) => void;
  reject: (error: Error) => void;
  /** Settles when the task has been answered either way. */
  settled: Promise<void>;
  startedAt?: number;
  cancelTimeout?: () => void;
}

interface Slot {
  worker: Worker;
  online: Promise<void>;
  task?: Task;
}

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const swc = require(workerData.swcPath);
Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

function startWorker(): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `compute-worker${extension}`);
  if (extension === '.ts') {
    return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { entry, swcPath: require.resolve('@swc/core') } });
  }
  return new Worker(entry);
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private completed = 0;
  /** Exponential moving average of task durations, for Retry-After. */
  private averageMs = 1000;
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  get stats(): WorkerPoolStats {
    return {
      size: this.options.size,
      started: this.slots.length,
      busy: this.slots.filter((s) => s.task).length,
      queued: this.queue.length,
      completed: this.completed,
    };
  }

  /** Runs a task in a worker; resolves with the JSON body it produced. */
  run<K extends TaskKind>(kind: K, payload: TaskPayloads[K], transfer: ArrayBuffer[] = []): Promise<string> {
    if (this.closing) {
      return Promise.reject(new AppError(503, 'shutting-down', 'the service is shutting down', { retryAfterSeconds: 5 }));
    }
    const busy = this.slots.filter((s) => s.task).length;
    if (busy + this.queue.length >= this.options.size + this.options.queueLimit) {
      const retryAfterSeconds = Math.min(
        60,
        Math.max(1, Math.ceil((this.averageMs * (this.queue.length + 1)) / this.options.size / 1000)),
      );
      return Promise.reject(
        new AppError(503, 'busy', `all ${this.options.size} workers are busy and ${this.queue.length} requests wait; retry later`, {
          retryAfterSeconds,
        }),
      );
    }
    return new Promise<string>((resolve, reject) => {
      let settle!: () => void;
      const settled = new Promise<void>((done) => (settle = done));
      this.queue.push({
        id: this.nextId++,
        kind,
        payload,
        transfer,
        resolve: (json) => {
          settle();
          resolve(json);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        settled,
      });
      this.dispatch();
    });
  }

  /** Resolves once a worker thread is up (starting one if needed); used by /ready. */
  async ready(): Promise<void> {
    if (this.closing) throw new AppError(503, 'shutting-down', 'the service is shutting down');
    const slot = this.slots[0] ?? this.addSlot();
    await slot.online;
  }

  /** Rejects queued tasks, lets running ones finish (bounded by the caller), stops the threads. */
  async close(): Promise<void> {
    this.closing = true;
    for (const task of this.queue.splice(0)) {
      task.reject(new AppError(503, 'shutting-down', 'the service is shutting down', { retryAfterSeconds: 5 }));
    }
    await Promise.all(this.slots.map((slot) => slot.task?.settled));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private addSlot(): Slot {
    const worker = startWorker();
    const online = new Promise<void>((resolve, reject) => {
      worker.once('online', resolve);
      worker.once('error', reject);
    });
    online.catch(() => undefined);
    const slot: Slot = { worker, online };
    worker.unref();
    worker.on('message', (reply: Reply) => this.onReply(slot, reply));
    worker.on('error', (error) => this.onWorkerGone(slot, error));
    worker.on('exit', (code) => this.onWorkerGone(slot, new Error(`worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.options.size) slot = this.addSlot();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      task.startedAt = epochMs();
      slot.worker.ref();
      const startTimer = this.options.taskTimer ?? realTaskTimer;
      const busySlot = slot;
      task.cancelTimeout = startTimer(() => this.onTimeout(busySlot, task), this.options.taskTimeoutMs);
      const message: TaskMessage = { id: task.id, kind: task.kind, payload: task.payload as TaskPayloads[TaskKind] };
      slot.worker.postMessage(message, task.transfer);
    }
  }

  private finish(slot: Slot): Task | undefined {
    const task = slot.task;
    if (!task) return undefined;
    task.cancelTimeout?.();
    slot.task = undefined;
    if (task.startedAt !== undefined) {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (epochMs() - task.startedAt);
    }
    this.completed++;
    return task;
  }

  private onReply(slot: Slot, reply: Reply): void {
    if (!slot.task || slot.task.id !== reply.id) return;
    const task = this.finish(slot)!;
    slot.worker.unref();
    if (reply.ok) task.resolve(reply.json);
    else task.reject(fromSerializedError(reply.error));
    this.dispatch();
  }

  private onTimeout(slot: Slot, task: Task): void {
    if (slot.task !== task) return;
    this.options.logger.warn({ task: task.kind, timeoutMs: this.options.taskTimeoutMs }, 'task timed out; stopping its worker');
    this.finish(slot);
    this.removeSlot(slot);
    void slot.worker.terminate();
    task.reject(
      new AppError(503, 'compute-timeout', `the computation took longer than ${this.options.taskTimeoutMs} ms and was stopped`, {
        retryAfterSeconds: 60,
      }),
    );
    this.dispatch();
  }

  private onWorkerGone(slot: Slot, error: Error): void {
    if (!this.removeSlot(slot)) return;
    const task = this.finish(slot);
    if (task) {
      this.options.logger.error({ err: error, task: task.kind }, 'worker thread failed during a task');
      task.reject(new AppError(500, 'worker-failed', 'the computation failed'));
    } else if (!this.closing) {
      this.options.logger.warn({ err: error }, 'idle worker thread stopped');
    }
    if (!this.closing) this.dispatch();
  }

  private removeSlot(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }
}
