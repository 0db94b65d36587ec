/**
 * Child process for one score-building measurement:
 *   node score-child.js <typed|typed-numeric|ml-matrix-numeric> <mentees> <mentors> <repetitions>
 * typed: the service's builder with the ten synthetic criteria.
 * typed-numeric / ml-matrix-numeric: the three numeric criteria (at-least, range, closeness),
 * built by the service's builder and with ml-matrix element-wise operations, for comparison.
 * Prints one JSON line with times (ms), peak RSS growth (bytes) and a checksum.
 */
import { Matrix } from 'ml-matrix';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildScoreMatrix } from '../src/scoring/score-matrix';
import { buildScoreModel } from '../src/scoring/score-model';
import { criterionSchema, type CriterionInput } from '../src/scoring/scoring-schema';
import { syntheticCohort } from '../src/testing/cohort';

const [variant, menteesArg, mentorsArg, repsArg] = process.argv.slice(2);
const nMentees = Number(menteesArg);
const nMentors = Number(mentorsArg);
const repetitions = Number(repsArg);

const cohort = syntheticCohort(7, nMentees, nMentors);
const numeric = new Set(['at-least', 'range', 'closeness']);
const criteria = cohort.criteria
  .filter((c) => variant === 'typed' || numeric.has(c.kind))
  .map((c) => criterionSchema.parse(c) as CriterionInput);

const rssBefore = process.memoryUsage().rss;
const times: number[] = [];
const modelTimes: number[] = [];
let checksum = 0;

// The first builds run while V8 is still compiling the kernels (each kernel runs only a few
// times per build); a service worker is long-lived, so three untimed builds come first.
for (let k = -3; k < repetitions; k++) {
  const started = performance.now();
  if (variant === 'ml-matrix-numeric') {
    const scores = mlMatrixScores(criteria);
    if (k >= 0) times.push(performance.now() - started);
    checksum = scores.sum();
  } else {
    const model = buildScoreModel({ mentees: cohort.mentees, mentors: cohort.mentors, criteria });
    const modelBuilt = performance.now();
    const matrix = buildScoreMatrix(model);
    if (k >= 0) {
      times.push(performance.now() - started);
      modelTimes.push(modelBuilt - started);
    }
    checksum = 0;
    for (let c = 0; c < matrix.scores.length; c++) checksum += matrix.scores[c];
  }
}
const peakRss = peakResidentBytes();
process.stdout.write(`${JSON.stringify({ times, modelTimes, checksum, rssGrowth: peakRss - rssBefore })}\n`);

/** Peak resident set; see solve-child.ts for why not getrusage. */
function peakResidentBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** The same three numeric criteria with ml-matrix: repeat vectors into matrices, then element-wise ops. */
function mlMatrixScores(list: CriterionInput[]): Matrix {
  const numberOf = (attributes: Record<string, unknown>, key: string) => Number(attributes[key]);
  let sum = Matrix.zeros(nMentees, nMentors);
  let totalWeight = 0;
  for (const c of list) {
    totalWeight += c.weight;
    if (c.kind !== 'at-least' && c.kind !== 'range' && c.kind !== 'closeness') continue;
    const mentor = Matrix.rowVector(cohort.mentors.map((m) => numberOf(m.attributes, c.mentorAttribute))).repeat({ rows: nMentees });
    const x =
      c.menteeAttribute !== undefined
        ? mentor.sub(Matrix.columnVector(cohort.mentees.map((m) => numberOf(m.attributes, c.menteeAttribute!))).repeat({ columns: nMentors }))
        : mentor;
    let raw: Matrix;
    if (c.kind === 'closeness') {
      raw = Matrix.abs(Matrix.sub(x, c.offset)).div(c.scale).mul(-1).add(1);
    } else if (c.kind === 'at-least') {
      // 1 - (min - x) / scale, clamped to [0, 1]: 1 from min up, linear below.
      raw = Matrix.sub(x, c.min).div(c.scale ?? Number.EPSILON).add(1);
    } else {
      const below = Matrix.mul(x, -1).add(c.min ?? -Infinity);
      const above = Matrix.sub(x, c.max ?? Infinity);
      const distance = Matrix.max(Matrix.max(below, above), Matrix.zeros(nMentees, nMentors));
      raw = distance.div(c.scale ?? Number.EPSILON).mul(-1).add(1);
    }
    raw = Matrix.min(Matrix.max(raw, Matrix.zeros(nMentees, nMentors)), Matrix.ones(nMentees, nMentors));
    sum = sum.add(raw.mul(c.weight));
  }
  return sum.div(totalWeight);
}
