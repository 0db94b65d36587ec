/**
 * Exhaustive reference for tiny matrices: tries every way of giving each row of the shorter
 * side a distinct column. Returns Infinity when no assignment avoids forbidden cells.
 */
export function bruteForceMinimum(costs: Float64Array, nRows: number, nCols: number): number {
  const tall = nRows > nCols;
  const rows = tall ? nCols : nRows;
  const cols = tall ? nRows : nCols;
  const at = (i: number, j: number) => (tall ? costs[j * nCols + i] : costs[i * nCols + j]);
  const used = new Array<boolean>(cols).fill(false);
  let best = Infinity;
  const visit = (i: number, sum: number): void => {
    if (i === rows) {
      if (sum < best) best = sum;
      return;
    }
    for (let j = 0; j < cols; j++) {
      const c = at(i, j);
      if (used[j] || c === Infinity) continue;
      used[j] = true;
      visit(i + 1, sum + c);
      used[j] = false;
    }
  };
  visit(0, 0);
  return rows === 0 ? 0 : best;
}

export function negate(costs: Float64Array): Float64Array {
  return costs.map((c) => -c);
}

export function transpose(costs: Float64Array, nRows: number, nCols: number): Float64Array {
  const out = new Float64Array(costs.length);
  for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) out[j * nRows + i] = costs[i * nCols + j];
  return out;
}
