/**
 * Child process for one solver measurement, so each run gets a clean heap and its own peak
 * RSS: node solve-child.js <ours|capacities|munkres> <matrix.f64> <rows> <cols> <repetitions> [capacities.i32]
 * `capacities` solves the mentees x mentors matrix with column capacities (what the matching
 * service runs); the others solve the matrix as a plain assignment.
 * Prints one JSON line: wall and CPU times in ms, the optimal total, and memory figures in bytes.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { solveWithCapacities } from '../src/solver/capacitated-assignment';
import { assignmentTotal, linearSumAssignment } from '../src/solver/linear-sum-assignment';
import { munkresAssignment } from '../src/solver/munkres-engine';

const [engine, file, rowsArg, colsArg, repsArg, capacityFile] = process.argv.slice(2);
const nRows = Number(rowsArg);
const nCols = Number(colsArg);
const repetitions = Number(repsArg);

// Warm up on a small matrix first so compiled code and the heap's baseline are not counted
// as the solver's memory.
const warmUp = new Float64Array(64 * 64).map((_, k) => ((k * 7919) % 64) / 64);
if (engine === 'munkres') munkresAssignment(warmUp, 64, 64);
else if (engine === 'capacities') solveWithCapacities(warmUp, 64, 64, new Int32Array(64).fill(1));
else linearSumAssignment(warmUp, 64, 64);
const rssBeforeMatrix = process.memoryUsage().rss;
const buffer = fs.readFileSync(file);
// A view on the file buffer: the matrix is held once, as it would be in the service.
const costs =
  buffer.byteOffset % 8 === 0
    ? new Float64Array(buffer.buffer, buffer.byteOffset, nRows * nCols)
    : new Float64Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + nRows * nCols * 8));

const capacity = capacityFile ? new Int32Array(new Uint8Array(fs.readFileSync(capacityFile)).buffer) : undefined;

const solve = () => {
  if (engine === 'munkres') return munkresAssignment(costs, nRows, nCols, { maxSize: Math.max(nRows, nCols) });
  if (engine === 'capacities') {
    if (!capacity) throw new Error('engine "capacities" needs a capacities file');
    const colIndices = solveWithCapacities(costs, nRows, nCols, capacity);
    return { rowIndices: Int32Array.from({ length: nRows }, (_, i) => i), colIndices };
  }
  return linearSumAssignment(costs, nRows, nCols);
};
// One untimed run on the same matrix: the service's workers are long-lived, so the JIT-warm
// time is the one that matters (scipy gets the same untimed first run). munkres-js is too slow.
if (engine !== 'munkres') solve();

const times: number[] = [];
const cpuTimes: number[] = [];
let total = NaN;
for (let k = 0; k < repetitions; k++) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const result = solve();
  times.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  total = assignmentTotal(costs, nCols, result);
}
const peakRss = peakResidentBytes();
process.stdout.write(
  `${JSON.stringify({ times, cpuTimes, total, matrixBytes: costs.byteLength, rssBeforeMatrix, peakRss })}\n`,
);

/**
 * Peak resident set of this process. On Linux, VmHWM from /proc: getrusage's maxRSS can carry
 * the parent's peak across fork and exec, which would charge the benchmark's own memory here.
 */
function peakResidentBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
