import type { AppConfig } from './config';
import type { ComputeLimits } from './limits';
import type { Logger } from './logger';
import type { WorkerPool } from './workers/worker-pool';

/** What route handlers need from the app: configuration, the worker pool, the logger. */
export interface AppContext {
  config: AppConfig;
  limits: ComputeLimits;
  pool: WorkerPool;
  logger: Logger;
  /** True once shutdown has begun: /ready answers 503. */
  isDraining(): boolean;
}
