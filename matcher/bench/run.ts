/**
 * Benchmarks, one command: `npm run bench -w matcher`. Prints one markdown report:
 *   1. assignment solvers side by side on identical matrices: ours, scipy's
 *      linear_sum_assignment (through python3, when available) and munkres-js (within a bound);
 *   2. score building at 2,000 x 2,000 with ten criteria, and ml-matrix for comparison;
 *   3. a realistic cohort end to end through POST /v1/match.
 * Times are medians of several runs in fresh processes; a benchmark, not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app';
import { buildAssignmentProblem } from '../src/matching/match-service';
import { buildScoreMatrix } from '../src/scoring/score-matrix';
import { buildScoreModel } from '../src/scoring/score-model';
import { criterionSchema, type CriterionInput } from '../src/scoring/scoring-schema';
import { syntheticCohort } from '../src/testing/cohort';
import { seededRandom, uniformMatrix } from '../src/testing/random';

const MUNKRES_BOUND_MS = 30_000;
const matcherRoot = path.resolve(__dirname, '..', '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'matcher-bench-'));

interface Problem {
  label: string;
  rows: number;
  cols: number;
  repetitions: number;
  costs: () => Float64Array;
}

const uniform = (rows: number, cols: number, repetitions: number): Problem => ({
  label: rows === cols ? `uniform n = ${rows}` : `uniform ${rows} x ${cols}`,
  rows,
  cols,
  repetitions,
  costs: () => uniformMatrix(seededRandom(rows * 100_003 + cols), rows, cols),
});

/** The matrix the service itself solves for a cohort (capacity expanded into columns). */
function cohortProblem(label: string, mentees: number, mentors: number, capacity: number): Problem {
  const build = () => {
    const cohort = syntheticCohort(1, mentees, mentors, capacity);
    const criteria = cohort.criteria.map((c) => criterionSchema.parse(c) as CriterionInput);
    const model = buildScoreModel({ ...cohort, criteria });
    const problem = buildAssignmentProblem(model, buildScoreMatrix(model), new Int32Array(mentees).fill(-1), {
      minimumScore: 0,
      objective: 'max-matches',
    });
    return problem;
  };
  const shape = build();
  return { label, rows: shape.short, cols: shape.long, repetitions: 3, costs: () => build().costs };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function runChild(command: string, args: string[], timeoutMs: number): Promise<{ output?: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ timedOut });
      else if (code === 0) resolve({ output, timedOut });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}

function scipyVersion(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import scipy, numpy; print(scipy.__version__, numpy.__version__)'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

async function solverTable(scipy: string | undefined): Promise<string[]> {
  const problems: Problem[] = [
    uniform(500, 500, 7),
    uniform(1000, 1000, 5),
    uniform(2000, 2000, 5),
    uniform(5000, 5000, 3),
    uniform(1000, 5000, 5),
    cohortProblem('cohort 2,000 mentees x 500 mentors, capacity 4 (service matrix)', 2000, 500, 4),
  ];
  const lines = [
    '| problem | ours (JV + init phases) | scipy linear_sum_assignment | ours / scipy | munkres-js | munkres-js / scipy | same optimum | ours peak memory / matrix |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  let munkresExceeded: string | undefined;
  for (const problem of problems) {
    const file = path.join(scratch, `${problem.rows}x${problem.cols}.f64`);
    const costs = problem.costs();
    fs.writeFileSync(file, Buffer.from(costs.buffer, costs.byteOffset, costs.byteLength));
    const args = [file, String(problem.rows), String(problem.cols), String(problem.repetitions)];
    process.stderr.write(`solving ${problem.label} ...\n`);

    const ours = JSON.parse(
      (await runChild(process.execPath, ['--max-old-space-size=4096', path.join(__dirname, 'solve-child.js'), 'ours', ...args], 600_000)).output!,
    ) as { times: number[]; total: number; matrixBytes: number; rssBeforeMatrix: number; peakRss: number };
    const oursMs = median(ours.times);
    const extraBytes = ours.peakRss - ours.rssBeforeMatrix;
    const memory = `${(extraBytes / ours.matrixBytes).toFixed(2)} (${Math.round(extraBytes / 2 ** 20)} MB for a ${Math.round(ours.matrixBytes / 2 ** 20)} MB matrix)`;

    let scipyCell = 'python3 with scipy not found';
    let scipyMs: number | undefined;
    let same = 'n/a';
    if (scipy) {
      const result = JSON.parse(
        (await runChild('python3', [path.join(matcherRoot, 'bench', 'scipy_lsap.py'), ...args], 600_000)).output!,
      ) as { times: number[]; total: number };
      scipyMs = median(result.times);
      scipyCell = formatMs(scipyMs);
      same = Math.abs(result.total - ours.total) <= 1e-9 * Math.max(1, Math.abs(result.total)) ? 'yes' : `no (${result.total} vs ${ours.total})`;
    }

    let munkresCell: string;
    let munkresRatio = '-';
    if (munkresExceeded) {
      munkresCell = `> ${MUNKRES_BOUND_MS / 1000} s (not run: ${munkresExceeded} already exceeded the bound)`;
    } else {
      const run = await runChild(process.execPath, [path.join(__dirname, 'solve-child.js'), 'munkres', file, args[1], args[2], '1'], MUNKRES_BOUND_MS);
      if (run.timedOut) {
        munkresCell = `> ${MUNKRES_BOUND_MS / 1000} s (stopped)`;
        munkresExceeded = problem.label;
      } else {
        const result = JSON.parse(run.output!) as { times: number[]; total: number };
        munkresCell = formatMs(result.times[0]);
        if (scipyMs) munkresRatio = ratio(result.times[0], scipyMs);
        if (Math.abs(result.total - ours.total) > 1e-9 * Math.max(1, Math.abs(ours.total))) same += ' (munkres-js differs!)';
      }
    }
    fs.rmSync(file);
    lines.push(
      `| ${problem.label} | ${formatMs(oursMs)} | ${scipyCell} | ${scipyMs ? ratio(oursMs, scipyMs) : '-'} | ${munkresCell} | ${munkresRatio} | ${same} | ${memory} |`,
    );
  }
  return lines;
}

async function scoreTable(): Promise<string[]> {
  const child = async (variant: string) =>
    JSON.parse((await runChild(process.execPath, [path.join(__dirname, 'score-child.js'), variant, '2000', '2000', '5'], 600_000)).output!) as {
      times: number[];
      modelTimes: number[];
      checksum: number;
      rssGrowth: number;
    };
  process.stderr.write('building scores ...\n');
  const typed = await child('typed');
  const typedNumeric = await child('typed-numeric');
  const ml = await child('ml-matrix-numeric');
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  const agree = Math.abs(typedNumeric.checksum - ml.checksum) <= 1e-6 * Math.abs(typedNumeric.checksum) ? 'same scores' : 'scores differ!';
  return [
    '| score building, 2,000 x 2,000 pairs | time (median of 5, after 3 warm-up builds) | of which feature encoding | peak RSS growth |',
    '| --- | --- | --- | --- |',
    `| 10 criteria, typed arrays and bitsets (the service) | ${formatMs(median(typed.times))} | ${formatMs(median(typed.modelTimes))} | ${mb(typed.rssGrowth)} |`,
    `| 3 numeric criteria, typed arrays (the service) | ${formatMs(median(typedNumeric.times))} | ${formatMs(median(typedNumeric.modelTimes))} | ${mb(typedNumeric.rssGrowth)} |`,
    `| 3 numeric criteria, ml-matrix element-wise (${agree}) | ${formatMs(median(ml.times))} (${ratio(median(ml.times), median(typedNumeric.times))}) | - | ${mb(ml.rssGrowth)} |`,
  ];
}

async function cohortTable(): Promise<string[]> {
  process.stderr.write('running the realistic cohort through POST /v1/match ...\n');
  const token = 'bench-token-0123456789abcdef';
  const app = createApp({ token, logLevel: 'silent', workers: 1 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const body = JSON.stringify(syntheticCohort(42, 2000, 500, 4));
  const runs: Array<{ ms: number; stats: { ms: Record<string, number>; pairs: number; unmatched: number } }> = [];
  const warmUps = 3;
  for (let k = 0; k < warmUps + 5; k++) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/v1/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await response.json()) as { stats: { ms: Record<string, number>; pairs: number; unmatched: number } };
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`match answered ${response.status}: ${JSON.stringify(json)}`);
    if (k >= warmUps) runs.push({ ms, stats: json.stats }); // the first runs warm the worker's JIT
  }
  server.close();
  await app.close();
  const phase = (name: string) => formatMs(median(runs.map((r) => r.stats.ms[name])));
  return [
    '| realistic cohort: 2,000 mentees, 500 mentors x capacity 4, 10 criteria | median of 5 (after 3 warm-up requests) |',
    '| --- | --- |',
    `| end to end, client side (POST /v1/match, ${Math.round(body.length / 1024)} KB request) | ${formatMs(median(runs.map((r) => r.ms)))} |`,
    `| server: validate / score / solve (incl. cost matrix) / total | ${phase('validate')} / ${phase('score')} / ${phase('solve')} / ${phase('total')} |`,
    `| result | ${runs[0].stats.pairs} pairs, ${runs[0].stats.unmatched} unmatched |`,
  ];
}

async function main(): Promise<void> {
  const scipy = scipyVersion();
  const startedLoad = os.loadavg()[0];
  const header = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
      (scipy ? `python3 scipy/numpy ${scipy.replace(' ', '/')}` : 'python3 with scipy NOT available: scipy columns are empty') +
      `. Load average at start: ${startedLoad.toFixed(1)}.`,
    '',
  ];
  const solvers = await solverTable(scipy);
  const scores = await scoreTable();
  const cohort = await cohortTable();
  const report = [
    ...header,
    ...solvers,
    '',
    ...scores,
    '',
    ...cohort,
    '',
    `Load average at end: ${os.loadavg()[0].toFixed(1)}. Memory column: (peak RSS - RSS before loading the matrix) / matrix bytes, in a fresh process. ` +
      `munkres-js bound: ${MUNKRES_BOUND_MS / 1000} s per problem.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  const resultsDir = path.join(matcherRoot, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.md`), `${report}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  fs.rmSync(scratch, { recursive: true, force: true });
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
