/**
 * Child process for one solver measurement, so each run gets a clean heap and its own peak
 * RSS: node solve-child.js <ours|munkres> <matrix.f64> <rows> <cols> <repetitions>
 * Prints one JSON line: times in ms, the optimal total, and memory figures in bytes.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assignmentTotal, linearSumAssignment } from '../src/solver/linear-sum-assignment';
import { munkresAssignment } from '../src/solver/munkres-engine';

const [engine, file, rowsArg, colsArg, repsArg] = process.argv.slice(2);
const nRows = Number(rowsArg);
const nCols = Number(colsArg);
const repetitions = Number(repsArg);

const rssBeforeMatrix = process.memoryUsage().rss;
const buffer = fs.readFileSync(file);
// A view on the file buffer: the matrix is held once, as it would be in the service.
const costs =
  buffer.byteOffset % 8 === 0
    ? new Float64Array(buffer.buffer, buffer.byteOffset, nRows * nCols)
    : new Float64Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + nRows * nCols * 8));

const times: number[] = [];
let total = NaN;
for (let k = 0; k < repetitions; k++) {
  const started = performance.now();
  const result =
    engine === 'munkres'
      ? munkresAssignment(costs, nRows, nCols, { maxSize: Math.max(nRows, nCols) })
      : linearSumAssignment(costs, nRows, nCols);
  times.push(performance.now() - started);
  total = assignmentTotal(costs, nCols, result);
}
// resourceUsage().maxRSS is in kilobytes.
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({ times, total, matrixBytes: costs.byteLength, rssBeforeMatrix, peakRss })}\n`,
);
