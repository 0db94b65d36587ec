import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch with sub-millisecond precision, comparable across threads. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
