import { AppError } from './errors';

/** Bounds every computation receives, from the service configuration. */
export interface ComputeLimits {
  maxCells: number;
  munkresMaxSize: number;
}

export interface RequestTiming {
  validateMs: number;
  /** Epoch ms at which the request was handed to the worker pool. */
  enqueuedAt: number;
}

export function assertWithinCellLimit(cells: number, limit: number, what: string): void {
  if (cells > limit) {
    throw new AppError(413, 'too-many-cells', `${what} needs ${cells} cells; the limit is ${limit}`, {
      details: { cells, limit },
    });
  }
}
