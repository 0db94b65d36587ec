import { AppError, jsonPath } from '../errors';
import type { ComputeLimits, RequestTiming } from '../limits';
import { epochMs, roundMs } from '../timing';
import { packageVersion } from '../version';
import { linearSumAssignment } from './linear-sum-assignment';
import { munkresAssignment, munkresVersion } from './munkres-engine';
import type { SolveRequest, SolveResponse } from './solve-schema';

export interface SolveTask {
  costs: Float64Array;
  nRows: number;
  nCols: number;
  maximize: boolean;
  engine: SolveRequest['engine'];
}

/** JSON rows to a row-major Float64Array; null becomes the forbidden infinity. */
export function matrixFromRows(request: SolveRequest, limits: ComputeLimits): SolveTask {
  const nRows = request.matrix.length;
  const nCols = nRows > 0 ? request.matrix[0].length : 0;
  const cells = nRows * nCols;
  if (cells > limits.maxCells) {
    throw new AppError(413, 'too-many-cells', `the matrix has ${cells} cells; the limit is ${limits.maxCells}`, {
      details: { cells, limit: limits.maxCells },
    });
  }
  const forbidden = request.maximize ? -Infinity : Infinity;
  const costs = new Float64Array(cells);
  for (let i = 0; i < nRows; i++) {
    const row = request.matrix[i];
    if (row.length !== nCols) {
      const message = `row ${i} has ${row.length} cells; row 0 has ${nCols} (the matrix must be rectangular)`;
      throw new AppError(400, 'invalid-input', message, { issues: [{ path: jsonPath(['matrix', i]), message }] });
    }
    for (let j = 0; j < nCols; j++) {
      const value = row[j];
      costs[i * nCols + j] = value === null ? forbidden : value;
    }
  }
  return { costs, nRows, nCols, maximize: request.maximize, engine: request.engine };
}

export function runSolve(task: SolveTask, limits: ComputeLimits, timing: RequestTiming): SolveResponse {
  const started = epochMs();
  const queueMs = Math.max(0, started - timing.enqueuedAt);
  const { costs, nRows, nCols, maximize, engine } = task;
  const result =
    engine === 'munkres'
      ? munkresAssignment(costs, nRows, nCols, { maximize, maxSize: limits.munkresMaxSize })
      : linearSumAssignment(costs, nRows, nCols, { maximize });
  const solved = epochMs();
  const assignments = Array.from(result.rowIndices, (row, k) => {
    const col = result.colIndices[k];
    return { row, col, value: costs[row * nCols + col] };
  });
  const total = assignments.reduce((sum, a) => sum + a.value, 0);
  return {
    assignments,
    total,
    stats: {
      rows: nRows,
      cols: nCols,
      engine,
      engineVersion: engine === 'munkres' ? `${packageVersion}+munkres-js.${munkresVersion}` : packageVersion,
      ms: {
        validate: roundMs(timing.validateMs),
        queue: roundMs(queueMs),
        solve: roundMs(solved - started),
        total: roundMs(timing.validateMs + queueMs + (solved - started)),
      },
    },
  };
}
