/**
 * Rectangular linear sum assignment over typed arrays.
 *
 * Shortest augmenting paths after Jonker and Volgenant, with the rectangular treatment and
 * the input contract of scipy.optimize.linear_sum_assignment (Crouse 2016):
 *
 *   R. Jonker, A. Volgenant. "A shortest augmenting path algorithm for dense and sparse linear
 *   assignment problems". Computing 38 (1987) 325-340.
 *   D. F. Crouse. "On implementing 2D rectangular assignment algorithms". IEEE Transactions on
 *   Aerospace and Electronic Systems 52(4) (2016) 1679-1696.
 *
 * The problem: given an nRows x nCols cost matrix with nRows <= nCols (a taller matrix is solved
 * transposed), pick one distinct column for every row so that the summed cost is minimal. The
 * linear-programming dual has a price v[j] per column and an implicit price u[i] per row with
 * reduced costs c[i][j] - u[i] - v[j] >= 0 everywhere and = 0 on assigned cells. In the
 * rectangular case a column left unassigned must keep the highest price (here 0) and assigned
 * columns may only go lower; every phase below only ever lowers prices of assigned columns,
 * which keeps that condition true for free.
 *
 * Phases (JV 1987, section 4):
 *   1. Column reduction and reduction transfer: v[j] = min_i c[i][j], each column tentatively
 *      assigned to its cheapest row. Only for square matrices, where every column ends up
 *      assigned; in the rectangular case the column prices must start equal.
 *   2. Augmenting row reduction, two passes: a free row takes its cheapest column and lowers that
 *      column's price down to its second-cheapest option, pushing out the previous owner (an
 *      auction step with zero slack). Most rows of a random matrix end up assigned here in O(n^2).
 *   3. Shortest augmenting paths (Dijkstra on reduced costs) for the rows still free, scanning
 *      every column tied at the current minimum at once, then the price update and augmentation.
 *
 * Costs of +Infinity are forbidden cells; a row or column that cannot be completed raises
 * InfeasibleCostMatrixError. Nothing here allocates inside a loop over cells.
 */
import { transposeMatrix, validateCostMatrix } from './cost-matrix';
import { InfeasibleCostMatrixError, InvalidCostMatrixError } from './lsap-errors';

/** JV run augmenting row reduction twice; a third pass rarely pays for its sweep. */
const ROW_REDUCTION_PASSES = 2;

/**
 * Longest chain of evictions one row may start in augmenting row reduction before the evicted
 * row is left to phase 3. Near the end of reduction the chains turn into price wars whose
 * steps cost a full row sweep each; measured on uniform costs at n = 2000 and 5000, about n/12
 * balances the two phases.
 */
function rowReductionChainLimit(nRows: number): number {
  return Math.max(100, Math.floor(nRows / 12));
}

export interface LinearSumAssignmentOptions {
  /** Maximise the summed value instead of minimising it; -Infinity then means forbidden. */
  maximize?: boolean;
}

export interface LinearSumAssignmentResult {
  /** Assigned rows, ascending. */
  rowIndices: Int32Array;
  /** colIndices[k] is the column assigned to rowIndices[k]. */
  colIndices: Int32Array;
}

/**
 * scipy's `linear_sum_assignment` for a row-major Float64Array. Does not modify `costs`.
 * Returns min(nRows, nCols) pairs.
 */
export function linearSumAssignment(
  costs: Float64Array,
  nRows: number,
  nCols: number,
  options: LinearSumAssignmentOptions = {},
): LinearSumAssignmentResult {
  const maximize = options.maximize === true;
  validateCostMatrix(costs, nRows, nCols, maximize);
  if (nRows === 0 || nCols === 0) {
    return { rowIndices: new Int32Array(0), colIndices: new Int32Array(0) };
  }

  const transpose = nRows > nCols;
  let work = costs;
  if (transpose) {
    work = transposeMatrix(costs, nRows, nCols, maximize);
  } else if (maximize) {
    work = new Float64Array(costs.length);
    for (let k = 0; k < costs.length; k++) work[k] = -costs[k];
  }

  if (!transpose) {
    const colForRow = solveRowsToColumns(work, nRows, nCols);
    const rowIndices = new Int32Array(nRows);
    for (let i = 0; i < nRows; i++) rowIndices[i] = i;
    return { rowIndices, colIndices: colForRow };
  }

  // Solved as nCols x nRows: rowOfCol[j] is the original row given to original column j.
  const rowOfCol = solveRowsToColumns(work, nCols, nRows);
  const colOfRow = new Int32Array(nRows).fill(-1);
  for (let j = 0; j < nCols; j++) colOfRow[rowOfCol[j]] = j;
  const rowIndices = new Int32Array(nCols);
  const colIndices = new Int32Array(nCols);
  let k = 0;
  for (let i = 0; i < nRows; i++) {
    if (colOfRow[i] >= 0) {
      rowIndices[k] = i;
      colIndices[k] = colOfRow[i];
      k++;
    }
  }
  return { rowIndices, colIndices };
}

/** Sum of the assigned cells, for callers and tests. */
export function assignmentTotal(
  costs: Float64Array,
  nCols: number,
  result: LinearSumAssignmentResult,
): number {
  let total = 0;
  for (let k = 0; k < result.rowIndices.length; k++) {
    total += costs[result.rowIndices[k] * nCols + result.colIndices[k]];
  }
  return total;
}

/**
 * The solver proper, for callers that already hold a minimisation matrix with nRows <= nCols
 * whose cells are finite or +Infinity (the matching service builds its matrix this way and so
 * skips the copies). Returns the column assigned to each row. Does not modify `costs`.
 */
export function solveRowsToColumns(costs: Float64Array, nRows: number, nCols: number): Int32Array {
  if (nRows > nCols) throw new InvalidCostMatrixError('shape', 'solveRowsToColumns needs nRows <= nCols');
  const colForRow = new Int32Array(nRows).fill(-1);
  if (nRows === 0) return colForRow;
  const rowForCol = new Int32Array(nCols).fill(-1);
  const v = new Float64Array(nCols);
  const free = new Int32Array(nRows);

  let numFree: number;
  if (nRows === nCols) {
    numFree = columnReduction(costs, nRows, v, colForRow, rowForCol, free);
  } else {
    for (let i = 0; i < nRows; i++) free[i] = i;
    numFree = nRows;
  }
  numFree = augmentingRowReduction(costs, nRows, nCols, v, colForRow, rowForCol, free, numFree);
  augmentFreeRows(costs, nCols, v, colForRow, rowForCol, free, numFree);
  return colForRow;
}

/**
 * Phase 1 (square only): column reduction, then reduction transfer from rows that won exactly
 * one column. Returns the number of free rows, listed in `free`.
 */
function columnReduction(
  costs: Float64Array,
  n: number,
  v: Float64Array,
  colForRow: Int32Array,
  rowForCol: Int32Array,
  free: Int32Array,
): number {
  // Row-major sweep instead of JV's column-wise one: same minima, sequential memory access.
  const cheapestRow = new Int32Array(n);
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const c = costs[base + j];
      if (c < v[j]) {
        v[j] = c;
        cheapestRow[j] = i;
      }
    }
  }
  const matches = new Int32Array(n);
  // Reverse column order as in JV: it leaves better starting assignments on random data.
  for (let j = n - 1; j >= 0; j--) {
    if (v[j] === Infinity) {
      throw new InfeasibleCostMatrixError(`cost matrix is infeasible: column ${j} has only forbidden cells`);
    }
    const i = cheapestRow[j];
    if (++matches[i] === 1) {
      colForRow[i] = j;
      rowForCol[j] = i;
    } else if (v[j] < v[colForRow[i]]) {
      rowForCol[colForRow[i]] = -1;
      colForRow[i] = j;
      rowForCol[j] = i;
    }
  }

  let numFree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[numFree++] = i;
    } else if (matches[i] === 1) {
      // Reduction transfer: move the row's slack onto its column so that the row's best
      // alternative becomes as cheap as its assignment.
      const j1 = colForRow[i];
      const base = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j++) {
        if (j !== j1) {
          const h = costs[base + j] - v[j];
          if (h < min) min = h;
        }
      }
      if (min !== Infinity) v[j1] -= min;
    }
  }
  return numFree;
}

/**
 * Phase 2: augmenting row reduction (two passes as in JV). A row whose two best options are
 * both forbidden-free but only one is finite cannot move a price by an infinite amount, so it
 * is left to phase 3, as are rows beyond a step budget (a safeguard against long price wars on
 * near-tied data; phase 3 is exact whatever state this phase leaves).
 */
function augmentingRowReduction(
  costs: Float64Array,
  nRows: number,
  nCols: number,
  v: Float64Array,
  colForRow: Int32Array,
  rowForCol: Int32Array,
  free: Int32Array,
  numFree: number,
): number {
  const chainLimit = rowReductionChainLimit(nRows);
  for (let pass = 0; pass < ROW_REDUCTION_PASSES && numFree > 0; pass++) {
    let k = 0;
    const previousNumFree = numFree;
    numFree = 0;
    let chain = 0;
    while (k < previousNumFree) {
      const i = free[k++];
      const base = i * nCols;
      let uMin = costs[base] - v[0];
      let j1 = 0;
      let uSubMin = Infinity;
      let j2 = -1;
      for (let j = 1; j < nCols; j++) {
        const h = costs[base + j] - v[j];
        if (h < uSubMin) {
          if (h >= uMin) {
            uSubMin = h;
            j2 = j;
          } else {
            uSubMin = uMin;
            j2 = j1;
            uMin = h;
            j1 = j;
          }
        }
      }
      if (uMin === Infinity) {
        throw new InfeasibleCostMatrixError(`cost matrix is infeasible: row ${i} has only forbidden cells`);
      }
      let i0 = rowForCol[j1];
      if (uSubMin === Infinity) {
        // Only one finite option: take it if it is free, otherwise leave the row to phase 3.
        if (i0 < 0) {
          colForRow[i] = j1;
          rowForCol[j1] = i;
        } else {
          free[numFree++] = i;
        }
        chain = 0;
        continue;
      }
      if (uMin < uSubMin) {
        v[j1] -= uSubMin - uMin;
      } else if (i0 >= 0) {
        // Tie: prefer the second column, which may be unassigned; when it is not, look for any
        // unassigned column at the same reduced cost. Identical columns (a mentor's places)
        // tie like this all the time, and taking a free one beats evicting a row for nothing.
        j1 = j2;
        i0 = rowForCol[j2];
        if (i0 >= 0) {
          for (let j = 0; j < nCols; j++) {
            if (rowForCol[j] < 0 && costs[base + j] - v[j] === uMin) {
              j1 = j;
              i0 = -1;
              break;
            }
          }
        }
      }
      colForRow[i] = j1;
      rowForCol[j1] = i;
      if (i0 >= 0) {
        colForRow[i0] = -1;
        if (uMin < uSubMin) {
          // Continue the augmenting chain with the row just pushed out.
          if (++chain < chainLimit) {
            free[--k] = i0;
            continue;
          }
          free[numFree++] = i0;
        } else {
          free[numFree++] = i0;
        }
      }
      chain = 0;
    }
  }
  return numFree;
}


/**
 * Phase 3: for each row still free, Dijkstra over reduced costs from that row until an
 * unassigned column is settled (Crouse 2016, algorithm 4, with JV's implicit row prices
 * u[i] = c[i][col(i)] - v[col(i)]); then lower the prices of the settled columns and flip the
 * alternating path.
 *
 * Two departures from a literal port, both for speed in a JIT without SIMD:
 *   - Each step sweeps all columns in memory order instead of a compacted "remaining" list;
 *     settled columns hold NaN in `dist`, which every comparison rejects, so they need no branch.
 *   - Predecessors are not written in the sweep (a data-dependent store in the hottest loop).
 *     After the sink is found, each path column's predecessor is recovered as the first scanned
 *     row that produced its final distance, recomputed with the same floating-point expression,
 *     hence bit-identical. This costs O(path length x steps), far below one sweep per step.
 */
function augmentFreeRows(
  costs: Float64Array,
  nCols: number,
  v: Float64Array,
  colForRow: Int32Array,
  rowForCol: Int32Array,
  free: Int32Array,
  numFree: number,
): void {
  const dist = new Float64Array(nCols);
  // Step s scans scannedRows[s] with scanOffsets[s] and settles one column; settled columns
  // (the sink excluded) are recorded in step order in settledCols / settledDist.
  const scannedRows = new Int32Array(nCols + 1);
  const scanOffsets = new Float64Array(nCols + 1);
  const settledCols = new Int32Array(nCols);
  const settledDist = new Float64Array(nCols);
  const settleStep = new Int32Array(nCols);
  const pathRows = new Int32Array(nCols + 1);

  for (let f = 0; f < numFree; f++) {
    const freeRow = free[f];
    dist.fill(Infinity);
    let step = 0;
    let minVal = 0;
    let row = freeRow;
    let sink = -1;
    while (sink < 0) {
      const base = row * nCols;
      const rowPrice = row === freeRow ? 0 : costs[base + colForRow[row]] - v[colForRow[row]];
      const offset = minVal - rowPrice;
      scannedRows[step] = row;
      scanOffsets[step] = offset;
      let lowest = Infinity;
      let index = -1;
      for (let j = 0; j < nCols; j++) {
        let m = dist[j];
        const r = costs[base + j] - v[j] + offset;
        if (r < m) {
          dist[j] = r;
          m = r;
        }
        // On a tie prefer an unassigned column: the search ends there.
        if (m < lowest || (m === lowest && rowForCol[j] < 0)) {
          lowest = m;
          index = j;
        }
      }
      if (lowest === Infinity) {
        throw new InfeasibleCostMatrixError(
          `cost matrix is infeasible: row ${freeRow} cannot reach a free column through allowed cells`,
        );
      }
      minVal = lowest;
      settleStep[index] = step;
      if (rowForCol[index] < 0) {
        sink = index;
      } else {
        settledCols[step] = index;
        settledDist[step] = lowest;
        dist[index] = NaN;
        row = rowForCol[index];
      }
      step++;
    }
    const numSettled = step - 1;

    // Recover the alternating path before any price moves (the recomputation needs them).
    let pathLength = 0;
    let col = sink;
    let target = minVal;
    for (;;) {
      const lastStep = settleStep[col];
      const vCol = v[col];
      let t = 0;
      while (t < lastStep && costs[scannedRows[t] * nCols + col] - vCol + scanOffsets[t] !== target) t++;
      const predRow = scannedRows[t];
      pathRows[pathLength++] = predRow;
      if (predRow === freeRow) break;
      col = colForRow[predRow];
      target = settledDist[settleStep[col]];
    }

    for (let s = 0; s < numSettled; s++) {
      v[settledCols[s]] -= minVal - settledDist[s];
    }

    col = sink;
    for (let k = 0; k < pathLength; k++) {
      const predRow = pathRows[k];
      const previousCol = colForRow[predRow];
      rowForCol[col] = predRow;
      colForRow[predRow] = col;
      col = previousCol;
    }
  }
}
