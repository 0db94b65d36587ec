/**
 * Benchmarks, one command: `npm run bench -w matcher`. Prints one markdown report:
 *   1. assignment solvers side by side on identical problems: ours, scipy's
 *      linear_sum_assignment (through python3, when available), gatagat/lap's C++ LAPJV (built
 *      with g++ -O3 from the source folder named by LAP_SRC, when given) and munkres-js (within
 *      a bound); uniform costs, integer costs with many ties, and the cohort problems the
 *      matching service solves (ours with capacities as column bounds, the references on the
 *      copied-columns matrix of the same problem);
 *   2. score building at 2,000 x 2,000 with ten criteria, and ml-matrix for comparison;
 *   3. a realistic cohort end to end through POST /v1/match;
 *   4. larger cohorts end to end with the default limits: how the cost grows.
 * BENCH_ONLY=solvers,scores,cohort,scale runs a subset. Times are medians of several runs in
 * fresh processes; a benchmark, not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app';
import { assignmentShape, buildAssignmentProblem, buildCapacitatedProblem } from '../src/matching/match-service';
import { buildScoreMatrix } from '../src/scoring/score-matrix';
import { buildScoreModel } from '../src/scoring/score-model';
import { criterionSchema, type CriterionInput } from '../src/scoring/scoring-schema';
import { syntheticCohort } from '../src/testing/cohort';
import { randomInt, seededRandom, uniformMatrix } from '../src/testing/random';

const MUNKRES_BOUND_MS = 30_000;
const matcherRoot = path.resolve(__dirname, '..', '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'matcher-bench-'));

interface Problem {
  label: string;
  rows: number;
  cols: number;
  repetitions: number;
  /** The matrix scipy, lap and munkres-js solve (and ours, unless `capacitated` is given). */
  costs: () => Float64Array;
  /** What the matching service solves instead: the mentees x mentors matrix with capacities. */
  capacitated?: () => { costs: Float64Array; rows: number; cols: number; capacity: Int32Array };
}

const uniform = (rows: number, cols: number, repetitions: number): Problem => ({
  label: rows === cols ? `uniform n = ${rows}` : `uniform ${rows} x ${cols}`,
  rows,
  cols,
  repetitions,
  costs: () => uniformMatrix(seededRandom(rows * 100_003 + cols), rows, cols),
});

/**
 * Integer costs with many ties, made "hard" the way gatagat/lap's own benchmark does
 * (lap/tests/test_utils.py, get_dense_int(hard=True)): uniform integers 1..range plus a random
 * integer 0..range-1 added to each row and to each column, which leaves the optimal assignment
 * as it was but defeats shortcuts through cells of cost 0.
 */
const hardIntegers = (n: number, range: number, repetitions: number): Problem => ({
  label: `integers 1-${range} + row and column offsets (lap's "dense hard"), n = ${n}`,
  rows: n,
  cols: n,
  repetitions,
  costs: () => {
    const random = seededRandom(n * 31 + range);
    const out = new Float64Array(n * n);
    for (let k = 0; k < out.length; k++) out[k] = randomInt(random, 1, range);
    for (let i = 0; i < n; i++) {
      const offset = randomInt(random, 0, range - 1);
      for (let j = 0; j < n; j++) out[i * n + j] += offset;
    }
    for (let j = 0; j < n; j++) {
      const offset = randomInt(random, 0, range - 1);
      for (let i = 0; i < n; i++) out[i * n + j] += offset;
    }
    return out;
  },
});

/**
 * A synthetic cohort's assignment problem as the service builds it: ours solves the mentees x
 * mentors matrix with capacities; the references get the same problem as the copied-columns
 * matrix (a mentor with 4 places = 4 identical columns), the only form they accept.
 */
function cohortProblem(mentees: number, mentors: number, capacity: number, repetitions: number, copiedColumnsToo = false): Problem[] {
  const build = () => {
    const cohort = syntheticCohort(1, mentees, mentors, capacity);
    const criteria = cohort.criteria.map((c) => criterionSchema.parse(c) as CriterionInput);
    const model = buildScoreModel({ ...cohort, criteria });
    return assignmentShape(model, buildScoreMatrix(model), new Int32Array(mentees).fill(-1), {
      minimumScore: 0,
      objective: 'max-matches',
    });
  };
  const copied = buildAssignmentProblem(build(), mentors);
  const label = `cohort ${mentees.toLocaleString('en')} x ${mentors.toLocaleString('en')}, capacity ${capacity}`;
  const base = { rows: copied.short, cols: copied.long, repetitions, costs: () => buildAssignmentProblem(build(), mentors).costs };
  const problems: Problem[] = [
    {
      ...base,
      label: `${label} (ours: ${mentees.toLocaleString('en')} x ${mentors.toLocaleString('en')} with capacities; others: ${copied.short.toLocaleString('en')} x ${copied.long.toLocaleString('en')} copied columns)`,
      capacitated: () => {
        const problem = buildCapacitatedProblem(build(), mentors);
        return { costs: problem.costs, rows: problem.nRows, cols: problem.nCols, capacity: problem.capacity };
      },
    },
  ];
  if (copiedColumnsToo) problems.push({ ...base, label: `${label}, all on the copied columns (the former approach)` });
  return problems;
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

/** Builds lap's LAPJV with our timing harness, or says why not. */
function buildLap(): { binary?: string; note: string } {
  const source = process.env.LAP_SRC;
  if (!source) return { note: 'not measured (set LAP_SRC to a folder with gatagat/lap\'s lapjv.cpp and lapjv.h)' };
  if (!fs.existsSync(path.join(source, 'lapjv.cpp')) || !fs.existsSync(path.join(source, 'lapjv.h'))) {
    return { note: `not measured (no lapjv.cpp and lapjv.h in ${source})` };
  }
  const binary = path.join(scratch, 'lap-child');
  try {
    execFileSync('g++', ['-O3', '-I', source, path.join(matcherRoot, 'bench', 'lap-child.cpp'), path.join(source, 'lapjv.cpp'), '-o', binary], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const compiler = execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    return { binary, note: `gatagat/lap lapjv.cpp from ${source}, built with ${compiler} -O3` };
  } catch (error) {
    return { note: `not measured (g++ failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
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

/** What every solver child prints: wall and CPU times per repetition (ms), and its optimum. */
interface Timed {
  times: number[];
  cpuTimes: number[];
  total: number;
}

/**
 * CPU time first: this machine is shared, and under load the wall clock mostly measures the
 * wait for a core (a solve of 0.55 s CPU took 5.7 s wall at load average 15), so the ratios
 * are taken on CPU time, measured the same way in each child (process CPU time around the
 * solve call only).
 */
const timeCell = (t: Timed) => `${formatMs(median(t.cpuTimes))} (${formatMs(median(t.times))})`;

const sameTotal = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

async function solverTable(scipy: string | undefined, lap: { binary?: string }): Promise<string[]> {
  const problems: Problem[] = [
    uniform(500, 500, 7),
    uniform(1000, 1000, 5),
    uniform(2000, 2000, 5),
    uniform(5000, 5000, 3),
    uniform(1000, 5000, 5),
    hardIntegers(2000, 100, 5),
    hardIntegers(2000, 1000, 5),
    ...cohortProblem(2000, 500, 4, 5, true),
    ...cohortProblem(5000, 1250, 4, 3),
  ];
  const lines = [
    '| problem | ours: CPU (wall) | scipy linear_sum_assignment: CPU (wall) | lap (C++ LAPJV): CPU (wall) | ours / scipy (CPU) | ours / lap (CPU) | munkres-js (wall) | same optimum | ours peak memory / its matrix |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  let munkresExceeded: string | undefined;
  for (const problem of problems) {
    const file = path.join(scratch, `${problem.rows}x${problem.cols}.f64`);
    const costs = problem.costs();
    fs.writeFileSync(file, Buffer.from(costs.buffer, costs.byteOffset, costs.byteLength));
    const args = [file, String(problem.rows), String(problem.cols), String(problem.repetitions)];
    process.stderr.write(`solving ${problem.label} ...\n`);

    let oursArgs = ['ours', ...args];
    if (problem.capacitated) {
      const compact = problem.capacitated();
      const compactFile = path.join(scratch, 'capacitated.f64');
      const capacityFile = path.join(scratch, 'capacity.i32');
      fs.writeFileSync(compactFile, Buffer.from(compact.costs.buffer, compact.costs.byteOffset, compact.costs.byteLength));
      fs.writeFileSync(capacityFile, Buffer.from(compact.capacity.buffer, compact.capacity.byteOffset, compact.capacity.byteLength));
      oursArgs = ['capacities', compactFile, String(compact.rows), String(compact.cols), String(problem.repetitions), capacityFile];
    }
    const ours = JSON.parse(
      (await runChild(process.execPath, ['--max-old-space-size=4096', path.join(__dirname, 'solve-child.js'), ...oursArgs], 900_000)).output!,
    ) as Timed & { matrixBytes: number; rssBeforeMatrix: number; peakRss: number };
    const oursMs = median(ours.cpuTimes);
    const extraBytes = ours.peakRss - ours.rssBeforeMatrix;
    const memory = `${(extraBytes / ours.matrixBytes).toFixed(2)} (${Math.round(extraBytes / 2 ** 20)} MB for a ${Math.round(ours.matrixBytes / 2 ** 20)} MB matrix)`;
    const mismatches: string[] = [];

    let scipyCell = 'python3 with scipy not found';
    let scipyMs: number | undefined;
    if (scipy) {
      const result = JSON.parse(
        (await runChild('python3', [path.join(matcherRoot, 'bench', 'scipy_lsap.py'), ...args], 900_000)).output!,
      ) as Timed;
      scipyMs = median(result.cpuTimes);
      scipyCell = timeCell(result);
      if (!sameTotal(result.total, ours.total)) mismatches.push(`scipy ${result.total} vs ours ${ours.total}`);
    }

    let lapCell = 'not measured';
    let lapMs: number | undefined;
    if (lap.binary) {
      const result = JSON.parse((await runChild(lap.binary, args, 900_000)).output!) as Timed;
      lapMs = median(result.cpuTimes);
      lapCell = timeCell(result);
      if (!sameTotal(result.total, ours.total)) mismatches.push(`lap ${result.total} vs ours ${ours.total}`);
    }

    let munkresCell: string;
    if (munkresExceeded) {
      munkresCell = 'not run (slower than the bound on a smaller problem)';
    } else {
      const run = await runChild(process.execPath, [path.join(__dirname, 'solve-child.js'), 'munkres', file, args[1], args[2], '1'], MUNKRES_BOUND_MS);
      if (run.timedOut) {
        munkresCell = `> ${MUNKRES_BOUND_MS / 1000} s (stopped)`;
        munkresExceeded = problem.label;
      } else {
        const result = JSON.parse(run.output!) as { times: number[]; total: number };
        munkresCell = formatMs(result.times[0]);
        if (!sameTotal(result.total, ours.total)) mismatches.push(`munkres-js ${result.total} vs ours ${ours.total}`);
      }
    }
    for (const name of fs.readdirSync(scratch)) if (/\.(f64|i32)$/.test(name)) fs.rmSync(path.join(scratch, name));
    const same = !scipy && !lap.binary ? 'n/a' : mismatches.length === 0 ? 'yes' : `NO (${mismatches.join('; ')})`;
    lines.push(
      `| ${problem.label} | ${timeCell(ours)} | ${scipyCell} | ${lapCell} | ${scipyMs ? ratio(oursMs, scipyMs) : '-'} | ${lapMs ? ratio(oursMs, lapMs) : '-'} | ${munkresCell} | ${same} | ${memory} |`,
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

/**
 * Larger cohorts through POST /v1/match with the service's default limits (25 M cells,
 * 120 s task timeout): how time grows with the cohort.
 */
async function scaleTable(): Promise<string[]> {
  const token = 'bench-token-0123456789abcdef';
  const app = createApp({ token, logLevel: 'silent', workers: 1 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const post = async (body: string) => {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/v1/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await response.json()) as {
      stats?: { ms: Record<string, number>; pairs: number; unmatched: number };
      error?: { code: string };
    };
    const ms = performance.now() - started;
    // This process hosts the client, the server and its worker: CPU time is the request's work
    // (the client side only waits), whatever the machine's load.
    const cpu = process.cpuUsage(cpuStarted);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, status: response.status, json };
  };
  const sizes: Array<[mentees: number, mentors: number, runs: number]> = [
    [2000, 500, 3],
    [5000, 1250, 3],
    [10000, 2500, 3],
  ];
  const lines = [
    '| cohort (capacity 4, 10 criteria) | pairs scored | request | runs | end to end (client), wall | process CPU per request | score (wall) | solve incl. cost matrix (wall) | server total (wall) | result |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  await post(JSON.stringify(syntheticCohort(7, 2000, 500, 4))); // warm the worker's JIT
  for (const [mentees, mentors, runs] of sizes) {
    process.stderr.write(`matching ${mentees} x ${mentors} through POST /v1/match ...\n`);
    const body = JSON.stringify(syntheticCohort(42, mentees, mentors, 4));
    const results: Array<Awaited<ReturnType<typeof post>>> = [];
    for (let k = 0; k < runs; k++) results.push(await post(body));
    const failed = results.find((r) => r.status !== 200);
    const size = `${mentees.toLocaleString('en')} x ${mentors.toLocaleString('en')}`;
    const cells = `${((mentees * mentors) / 1e6).toFixed(2)} M`;
    const request = `${(body.length / 2 ** 20).toFixed(1)} MB`;
    if (failed) {
      lines.push(`| ${size} | ${cells} | ${request} | ${runs} | answered ${failed.status} ${failed.json.error?.code ?? ''} | - | - | - | - | - |`);
      continue;
    }
    const phase = (name: string) => formatMs(median(results.map((r) => r.json.stats!.ms[name])));
    const stats = results[0].json.stats!;
    lines.push(
      `| ${size} | ${cells} | ${request} | ${runs} | ${formatMs(median(results.map((r) => r.ms)))} | ${formatMs(median(results.map((r) => r.cpuMs)))} | ${phase('score')} | ${phase('solve')} | ${phase('total')} | ${stats.pairs} pairs, ${stats.unmatched} unmatched |`,
    );
  }
  server.close();
  await app.close();
  return lines;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
  const runs = (part: string) => !only || only.includes(part);
  const scipy = scipyVersion();
  const lap = runs('solvers') ? buildLap() : { note: 'not run' };
  const startedLoad = os.loadavg()[0];
  const header = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
      (scipy ? `python3 scipy/numpy ${scipy.replace(' ', '/')}` : 'python3 with scipy NOT available: scipy columns are empty') +
      `; lap: ${lap.note}. Load average at start: ${startedLoad.toFixed(1)}.`,
    '',
  ];
  const sections: string[][] = [];
  if (runs('solvers')) sections.push(await solverTable(scipy, lap));
  if (runs('scores')) sections.push(await scoreTable());
  if (runs('cohort')) sections.push(await cohortTable());
  if (runs('scale')) sections.push(await scaleTable());
  const report = [
    ...header,
    ...sections.flatMap((section) => [...section, '']),
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
