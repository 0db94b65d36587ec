/**
 * munkres-js behind guards. It is kept as the reference engine (test oracle, `engine: "munkres"`
 * for small inputs) but it loops forever on NaN, undefined, -Infinity, a row with no allowed
 * cell or any infeasible pattern of forbidden cells, and its time grows like n^3.7. So it only
 * ever sees a dense, finite, non-negative matrix whose feasibility has been proven first, and
 * never one larger than `maxSize` on either side.
 */
import computeMunkres from 'munkres-js';
import { maximumMatchingSize } from './bipartite-matching';
import { validateCostMatrix } from './cost-matrix';
import type { LinearSumAssignmentOptions, LinearSumAssignmentResult } from './linear-sum-assignment';
import { EngineSizeLimitError, InfeasibleCostMatrixError } from './lsap-errors';

export const MUNKRES_DEFAULT_MAX_SIZE = 200;
export const munkresVersion: string = computeMunkres.version;

export interface MunkresOptions extends LinearSumAssignmentOptions {
  /** Largest number of rows or columns accepted (munkres-js pads to a square of this side). */
  maxSize?: number;
}

/** Same contract as linearSumAssignment, solved by munkres-js. */
export function munkresAssignment(
  costs: Float64Array,
  nRows: number,
  nCols: number,
  options: MunkresOptions = {},
): LinearSumAssignmentResult {
  const maximize = options.maximize === true;
  const maxSize = options.maxSize ?? MUNKRES_DEFAULT_MAX_SIZE;
  validateCostMatrix(costs, nRows, nCols, maximize);
  if (nRows === 0 || nCols === 0) {
    return { rowIndices: new Int32Array(0), colIndices: new Int32Array(0) };
  }
  const size = Math.max(nRows, nCols);
  if (size > maxSize) throw new EngineSizeLimitError('munkres', maxSize, size);

  const sign = maximize ? -1 : 1;
  const k = Math.min(nRows, nCols);
  if (maximumMatchingSize(costs, nRows, nCols, Number.isFinite) < k) {
    throw new InfeasibleCostMatrixError();
  }

  // Shift to [0, range] and give forbidden cells a cost no complete assignment through allowed
  // cells can reach: any assignment using one then costs more than every one that does not.
  let min = Infinity;
  let max = -Infinity;
  for (let c = 0; c < costs.length; c++) {
    const value = sign * costs[c];
    if (Number.isFinite(value)) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  const forbidden = (max - min) * (k + 1) + 1;
  const matrix: number[][] = [];
  for (let i = 0; i < nRows; i++) {
    const row = new Array<number>(nCols);
    for (let j = 0; j < nCols; j++) {
      const value = sign * costs[i * nCols + j];
      row[j] = Number.isFinite(value) ? value - min : forbidden;
    }
    matrix.push(row);
  }

  const colOfRow = new Int32Array(nRows).fill(-1);
  for (const [i, j] of computeMunkres(matrix)) {
    if (i < nRows && j < nCols) colOfRow[i] = j;
  }
  const rowIndices = new Int32Array(k);
  const colIndices = new Int32Array(k);
  let count = 0;
  for (let i = 0; i < nRows; i++) {
    const j = colOfRow[i];
    if (j < 0) continue;
    if (!Number.isFinite(costs[i * nCols + j])) {
      // Cannot happen after the feasibility proof; refuse rather than return a forbidden pair.
      throw new InfeasibleCostMatrixError();
    }
    rowIndices[count] = i;
    colIndices[count] = j;
    count++;
  }
  if (count !== k) throw new InfeasibleCostMatrixError();
  return { rowIndices, colIndices };
}
