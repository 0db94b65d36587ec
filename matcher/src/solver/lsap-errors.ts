/**
 * Typed errors of the assignment solvers. The HTTP layer maps them to 400 (bad matrix)
 * and 422 (no complete assignment exists); nothing here knows about HTTP.
 */

export type InvalidCostMatrixReason = 'shape' | 'nan' | 'wrong-sign-infinity';

export class InvalidCostMatrixError extends Error {
  override readonly name = 'InvalidCostMatrixError';
  readonly code = 'invalid-cost-matrix';

  constructor(
    readonly reason: InvalidCostMatrixReason,
    message: string,
    readonly row?: number,
    readonly col?: number,
  ) {
    super(message);
  }
}

export class InfeasibleCostMatrixError extends Error {
  override readonly name = 'InfeasibleCostMatrixError';
  readonly code = 'infeasible-cost-matrix';

  constructor(message = 'cost matrix is infeasible: no assignment avoids every forbidden cell') {
    super(message);
  }
}

/** The reference engine is exponential in practice; it refuses matrices above its size limit. */
export class EngineSizeLimitError extends Error {
  override readonly name = 'EngineSizeLimitError';
  readonly code = 'engine-size-limit';

  constructor(
    readonly engine: string,
    readonly limit: number,
    readonly size: number,
  ) {
    super(`engine "${engine}" accepts at most ${limit} rows and columns (after capacity expansion); got ${size}`);
  }
}
