/**
 * The mentees x mentors score matrix: for every pair the weighted mean of the criteria's raw
 * matches (a number in [0, 1]) and whether the pair is eligible (every required criterion
 * passes and the pair is not excluded).
 *
 * Built criterion by criterion over pre-encoded features with one specialised loop per kind,
 * so the inner loops touch only typed arrays. ml-matrix's element-wise operations were
 * measured for this and lose (see the README's benchmark); they are not used here.
 */
import { atLeastRaw, closenessRaw, coverageRaw, jaccardRaw, popcount32, rangeRaw, rankRaw } from './criterion-math';
import type { ChoiceFeatures, NumberFeatures, ResolvedCriterion, ScoreModel, SetFeatures } from './score-model';

export interface ScoreMatrix {
  nMentees: number;
  nMentors: number;
  /** Row-major nMentees x nMentors, in [0, 1]. */
  scores: Float64Array;
  /** 1 when the pair is allowed by every hard rule. */
  eligible: Uint8Array;
}

/** Pairs excluded by staff, as [menteeIndex, mentorIndex] into the model's sorted lists. */
export type IndexPair = readonly [number, number];

export function buildScoreMatrix(model: ScoreModel, excluded: readonly IndexPair[] = []): ScoreMatrix {
  const n = model.mentees.length;
  const m = model.mentors.length;
  const sum = new Float64Array(n * m);
  const eligible = new Uint8Array(n * m).fill(1);
  const sharedRow = new Int32Array(m);

  for (const criterion of model.criteria) {
    if (criterion.weight === 0 && !criterion.required) continue;
    const features = criterion.features;
    if (features.type === 'set') addSetCriterion(criterion, features, n, m, sum, eligible, sharedRow);
    else if (features.type === 'number') addNumberCriterion(criterion, features, n, m, sum, eligible);
    else addChoiceCriterion(criterion, features, n, m, sum, eligible);
  }

  if (model.totalWeight > 0) {
    const inverse = 1 / model.totalWeight;
    for (let k = 0; k < sum.length; k++) sum[k] *= inverse;
  } else {
    // No weighted criterion: every eligible pair is as good as any other.
    sum.fill(1);
  }
  for (const [i, j] of excluded) eligible[i * m + j] = 0;
  return { nMentees: n, nMentors: m, scores: sum, eligible };
}

/** Number of values mentee i and mentor j share (0 or 1 is enough unless `count`). */
export function sharedCount(f: SetFeatures, i: number, j: number, count: boolean): number {
  if (f.layout === 'scalar') {
    const a = f.menteeCode[i];
    return a >= 0 && a === f.mentorCode[j] ? 1 : 0;
  }
  if (f.layout === 'bits') {
    let shared = 0;
    const w = f.words;
    for (let k = 0; k < w; k++) {
      const x = f.menteeBits[i * w + k] & f.mentorBits[j * w + k];
      if (x !== 0) {
        if (!count) return 1;
        shared += popcount32(x);
      }
    }
    return shared;
  }
  let a = f.menteeOffsets[i];
  const aEnd = f.menteeOffsets[i + 1];
  let b = f.mentorOffsets[j];
  const bEnd = f.mentorOffsets[j + 1];
  let shared = 0;
  while (a < aEnd && b < bEnd) {
    const x = f.menteeCodes[a];
    const y = f.mentorCodes[b];
    if (x === y) {
      if (!count) return 1;
      shared++;
      a++;
      b++;
    } else if (x < y) a++;
    else b++;
  }
  return shared;
}

/** Shared-value test of the two fast layouts, written out so the loops stay monomorphic. */
enum SetRule {
  Same,
  Different,
  ExcludeSame,
  Coverage,
  Jaccard,
}

function setRule(c: ResolvedCriterion): SetRule {
  const input = c.input;
  switch (input.kind) {
    case 'same':
    case 'language':
      return SetRule.Same;
    case 'different':
      return SetRule.Different;
    case 'exclude-same':
      return SetRule.ExcludeSame;
    case 'overlap':
      return input.mode === 'jaccard' ? SetRule.Jaccard : SetRule.Coverage;
    default:
      throw new Error(`criterion kind ${input.kind} has no set features`);
  }
}

function addSetCriterion(
  c: ResolvedCriterion,
  f: SetFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
  shared: Int32Array,
): void {
  const rule = setRule(c);
  if (f.layout === 'scalar') addScalarSet(rule, c.weight, c.required, f, n, m, sum, eligible);
  else if (f.layout === 'bits' && f.words === 1) addOneWordSet(rule, c.weight, c.required, f, n, m, sum, eligible);
  else if (f.layout === 'bits') addMultiWordSet(rule, c.weight, c.required, f, n, m, sum, eligible);
  else addGenericSet(rule, c.weight, c.required, f, n, m, sum, eligible, shared);
}

/** Nobody has more than one value: compare codes (-1 = unknown). */
function addScalarSet(
  rule: SetRule,
  w: number,
  required: boolean,
  f: SetFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
): void {
  const codes = f.mentorCode;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const a = f.menteeCode[i];
    switch (rule) {
      case SetRule.Same:
        for (let j = 0; j < m; j++) {
          if (a >= 0 && codes[j] === a) sum[base + j] += w;
          else if (required) eligible[base + j] = 0;
        }
        break;
      case SetRule.Different:
        for (let j = 0; j < m; j++) {
          const b = codes[j];
          if (a >= 0 && b >= 0 && b !== a) sum[base + j] += w;
          else if (required) eligible[base + j] = 0;
        }
        break;
      case SetRule.ExcludeSame:
        for (let j = 0; j < m; j++) {
          if (a < 0 || codes[j] !== a) sum[base + j] += w;
          else eligible[base + j] = 0;
        }
        break;
      case SetRule.Coverage:
      case SetRule.Jaccard: {
        // One value each: the raw match is 1 exactly when the values are equal, in both modes.
        for (let j = 0; j < m; j++) {
          if (a >= 0 && codes[j] === a) sum[base + j] += w;
          else if (required) eligible[base + j] = 0;
        }
        break;
      }
    }
  }
}

/** Vocabulary of at most 32 values: one AND per pair. */
function addOneWordSet(
  rule: SetRule,
  w: number,
  required: boolean,
  f: SetFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
): void {
  const bits = f.mentorBits;
  const mentorSize = f.mentorSize;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const a = f.menteeBits[i];
    const menteeSize = f.menteeSize[i];
    switch (rule) {
      case SetRule.Same:
        for (let j = 0; j < m; j++) {
          if ((a & bits[j]) !== 0) sum[base + j] += w;
          else if (required) eligible[base + j] = 0;
        }
        break;
      case SetRule.Different:
        for (let j = 0; j < m; j++) {
          if (a !== 0 && bits[j] !== 0 && (a & bits[j]) === 0) sum[base + j] += w;
          else if (required) eligible[base + j] = 0;
        }
        break;
      case SetRule.ExcludeSame:
        for (let j = 0; j < m; j++) {
          if ((a & bits[j]) === 0) sum[base + j] += w;
          else eligible[base + j] = 0;
        }
        break;
      case SetRule.Coverage:
        for (let j = 0; j < m; j++) {
          const common = popcount32(a & bits[j]);
          sum[base + j] += w * coverageRaw(common, menteeSize);
          if (required && common === 0) eligible[base + j] = 0;
        }
        break;
      case SetRule.Jaccard:
        for (let j = 0; j < m; j++) {
          const common = popcount32(a & bits[j]);
          sum[base + j] += w * jaccardRaw(common, menteeSize, mentorSize[j]);
          if (required && common === 0) eligible[base + j] = 0;
        }
        break;
    }
  }
}

/** Vocabulary of a few words: AND word by word. */
function addMultiWordSet(
  rule: SetRule,
  w: number,
  required: boolean,
  f: SetFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
): void {
  const words = f.words;
  const menteeBits = f.menteeBits;
  const bits = f.mentorBits;
  const mentorSize = f.mentorSize;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const aBase = i * words;
    const menteeSize = f.menteeSize[i];
    if (rule === SetRule.Coverage || rule === SetRule.Jaccard) {
      const jaccard = rule === SetRule.Jaccard;
      for (let j = 0; j < m; j++) {
        const bBase = j * words;
        let common = 0;
        for (let k = 0; k < words; k++) {
          const x = menteeBits[aBase + k] & bits[bBase + k];
          if (x !== 0) common += popcount32(x);
        }
        if (common > 0) {
          sum[base + j] += w * (jaccard ? jaccardRaw(common, menteeSize, mentorSize[j]) : coverageRaw(common, menteeSize));
        } else if (required) {
          eligible[base + j] = 0;
        }
      }
      continue;
    }
    for (let j = 0; j < m; j++) {
      const bBase = j * words;
      let any = 0;
      for (let k = 0; k < words; k++) any |= menteeBits[aBase + k] & bits[bBase + k];
      const passed =
        rule === SetRule.Same ? any !== 0 : rule === SetRule.Different ? menteeSize > 0 && mentorSize[j] > 0 && any === 0 : any === 0;
      if (passed) sum[base + j] += w;
      else if (required || rule === SetRule.ExcludeSame) eligible[base + j] = 0;
    }
  }
}

function addGenericSet(
  rule: SetRule,
  w: number,
  required: boolean,
  f: SetFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
  shared: Int32Array,
): void {
  const mentorSize = f.mentorSize;
  const count = rule === SetRule.Coverage || rule === SetRule.Jaccard;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const menteeSize = f.menteeSize[i];
    for (let j = 0; j < m; j++) shared[j] = sharedCount(f, i, j, count);
    for (let j = 0; j < m; j++) {
      const common = shared[j];
      let raw: number;
      let passed: boolean;
      switch (rule) {
        case SetRule.Same:
          raw = common > 0 ? 1 : 0;
          passed = raw === 1;
          break;
        case SetRule.Different:
          raw = menteeSize > 0 && mentorSize[j] > 0 && common === 0 ? 1 : 0;
          passed = raw === 1;
          break;
        case SetRule.ExcludeSame:
          raw = common === 0 ? 1 : 0;
          passed = raw === 1;
          break;
        case SetRule.Coverage:
          raw = coverageRaw(common, menteeSize);
          passed = common > 0;
          break;
        case SetRule.Jaccard:
          raw = jaccardRaw(common, menteeSize, mentorSize[j]);
          passed = common > 0;
          break;
      }
      if (raw !== 0) sum[base + j] += w * raw;
      if ((required || rule === SetRule.ExcludeSame) && !passed) eligible[base + j] = 0;
    }
  }
}

/** Bounds of a numeric criterion: [min, max] for range, min for at-least. */
export function numericParameters(c: ResolvedCriterion): { min: number; max: number; scale: number; offset: number } {
  const input = c.input;
  if (input.kind === 'at-least') return { min: input.min, max: Infinity, scale: input.scale ?? 0, offset: 0 };
  if (input.kind === 'range') {
    return { min: input.min ?? -Infinity, max: input.max ?? Infinity, scale: input.scale ?? 0, offset: 0 };
  }
  if (input.kind === 'closeness') return { min: -Infinity, max: Infinity, scale: input.scale, offset: input.offset };
  throw new Error(`criterion kind ${input.kind} is not numeric`);
}

function addNumberCriterion(
  c: ResolvedCriterion,
  f: NumberFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
): void {
  const w = c.weight;
  const required = c.required;
  const { min, max, scale, offset } = numericParameters(c);
  const mentor = f.mentor;
  const mentee = f.mentee;
  if (mentee === null && c.kind !== 'closeness') {
    // Only the mentor's value counts ("10+ years"): one weighted match and one pass flag per
    // mentor, added to every row. x = mentor - 0 exactly as in the general loops and explain.
    const weighted = new Float64Array(m);
    const passes = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      const x = mentor[j] - 0;
      weighted[j] = w * (c.kind === 'at-least' ? atLeastRaw(x, min, scale) : rangeRaw(x, min, max, scale));
      passes[j] = x >= min && x <= max ? 1 : 0;
    }
    for (let i = 0; i < n; i++) {
      const base = i * m;
      for (let j = 0; j < m; j++) sum[base + j] += weighted[j];
      if (required) for (let j = 0; j < m; j++) eligible[base + j] &= passes[j];
    }
    return;
  }
  switch (c.kind) {
    case 'at-least':
      for (let i = 0; i < n; i++) {
        const base = i * m;
        const menteeValue = mentee ? mentee[i] : 0;
        for (let j = 0; j < m; j++) {
          const x = mentor[j] - menteeValue;
          sum[base + j] += w * atLeastRaw(x, min, scale);
          if (required && !(x >= min)) eligible[base + j] = 0;
        }
      }
      break;
    case 'range':
      for (let i = 0; i < n; i++) {
        const base = i * m;
        const menteeValue = mentee ? mentee[i] : 0;
        for (let j = 0; j < m; j++) {
          const x = mentor[j] - menteeValue;
          sum[base + j] += w * rangeRaw(x, min, max, scale);
          if (required && !(x >= min && x <= max)) eligible[base + j] = 0;
        }
      }
      break;
    case 'closeness':
      for (let i = 0; i < n; i++) {
        const base = i * m;
        const menteeValue = mentee ? mentee[i] : 0;
        for (let j = 0; j < m; j++) {
          const raw = closenessRaw(mentor[j] - menteeValue, offset, scale);
          sum[base + j] += w * raw;
          if (required && !(raw > 0)) eligible[base + j] = 0;
        }
      }
      break;
    default:
      throw new Error(`criterion kind ${c.kind} has no number features`);
  }
}

function addChoiceCriterion(
  c: ResolvedCriterion,
  f: ChoiceFeatures,
  n: number,
  m: number,
  sum: Float64Array,
  eligible: Uint8Array,
): void {
  const w = c.weight;
  const listed = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const count = f.choiceCount[i];
    for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) {
      const j = f.mentorIndex[k];
      sum[base + j] += w * rankRaw(f.rank[k], count);
      listed[j] = i + 1;
    }
    if (c.required) {
      for (let j = 0; j < m; j++) if (listed[j] !== i + 1) eligible[base + j] = 0;
    }
  }
}
