/**
 * Controls for tests of the worker pool that must not depend on the machine's speed: a task that
 * holds a worker thread until the test releases it, and time limits the test expires itself.
 */
import type { TaskTimer, WorkerPool } from '../workers/worker-pool';

export interface HeldWorker {
  /** Settles when the pool answers the hold task (released, timed out or refused). */
  done: Promise<string>;
  release(): void;
}

/** Occupies one worker thread (or a queue place) until `release()` is called. */
export function holdWorker(pool: WorkerPool): HeldWorker {
  const release = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const done = pool.run('hold', { release });
  return {
    done,
    release() {
      Atomics.store(release, 0, 1);
      Atomics.notify(release, 0);
    },
  };
}

export interface ManualTaskTimer {
  timer: TaskTimer;
  /** Time limits started and neither cancelled nor expired. */
  readonly pending: number;
  /** Expires every pending time limit now. */
  expireAll(): void;
}

/** A task timer that never fires by itself. */
export function manualTaskTimer(): ManualTaskTimer {
  const pending = new Set<() => void>();
  return {
    timer: (onTimeout) => {
      const entry = () => onTimeout();
      pending.add(entry);
      return () => {
        pending.delete(entry);
      };
    },
    get pending() {
      return pending.size;
    },
    expireAll() {
      const due = [...pending];
      pending.clear();
      for (const onTimeout of due) onTimeout();
    },
  };
}
