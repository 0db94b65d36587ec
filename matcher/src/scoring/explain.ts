/**
 * Why a pair scores what it scores: one breakdown entry per criterion with its weight, raw
 * match, contribution to the score and whether it passed. Uses the same features and formulas
 * as the matrix builder, accumulated in the same order, so the numbers are bit-identical.
 */
import { atLeastRaw, closenessRaw, coverageRaw, jaccardRaw, rangeRaw, rankRaw } from './criterion-math';
import type { ResolvedCriterion, ScoreModel, SetFeatures } from './score-model';
import { numericParameters, sharedCount } from './score-matrix';

export interface BreakdownEntry {
  criterion: string;
  name?: string;
  kind: string;
  weight: number;
  /** Raw match in [0, 1]. */
  raw: number;
  /** weight x raw / total weight: the entries' contributions add up to the score. */
  contribution: number;
  required: boolean;
  passed: boolean;
  detail?: string;
}

export interface PairExplanation {
  score: number;
  eligible: boolean;
  /** Ids of the hard rules this pair breaks ("excluded-pair" for a staff exclusion). */
  failed: string[];
  breakdown: BreakdownEntry[];
}

export const EXCLUDED_PAIR_CRITERION = 'excluded-pair';

export function explainPair(model: ScoreModel, i: number, j: number, excluded = false): PairExplanation {
  const inverse = model.totalWeight > 0 ? 1 / model.totalWeight : 0;
  let sum = 0;
  const failed: string[] = [];
  const breakdown: BreakdownEntry[] = model.criteria.map((c) => {
    const { raw, passed, detail } = evaluate(c, i, j);
    const weighted = c.weight * raw;
    sum += weighted;
    if (c.required && !passed) failed.push(c.id);
    return {
      criterion: c.id,
      ...(c.name !== undefined ? { name: c.name } : {}),
      kind: c.kind,
      weight: c.weight,
      raw,
      contribution: weighted * inverse,
      required: c.required,
      passed,
      ...(detail ? { detail } : {}),
    };
  });
  if (excluded) {
    failed.push(EXCLUDED_PAIR_CRITERION);
    breakdown.push({
      criterion: EXCLUDED_PAIR_CRITERION,
      kind: 'excluded-pair',
      weight: 0,
      raw: 0,
      contribution: 0,
      required: true,
      passed: false,
      detail: 'pair excluded for this run',
    });
  }
  const score = model.totalWeight > 0 ? sum * inverse : 1;
  return { score, eligible: failed.length === 0, failed, breakdown };
}

interface Evaluation {
  raw: number;
  passed: boolean;
  detail?: string;
}

function evaluate(c: ResolvedCriterion, i: number, j: number): Evaluation {
  const f = c.features;
  const input = c.input;
  if (f.type === 'set') {
    const shared = sharedCount(f, i, j, input.kind === 'overlap');
    const menteeSize = f.menteeSize[i];
    const mentorSize = f.mentorSize[j];
    const values = () => describeSets(f, i, j);
    switch (input.kind) {
      case 'same':
      case 'language': {
        const raw = shared > 0 ? 1 : 0;
        return { raw, passed: raw === 1, detail: values() };
      }
      case 'different': {
        const raw = menteeSize > 0 && mentorSize > 0 && shared === 0 ? 1 : 0;
        return { raw, passed: raw === 1, detail: values() };
      }
      case 'exclude-same': {
        const raw = shared === 0 ? 1 : 0;
        return { raw, passed: raw === 1, detail: values() };
      }
      case 'overlap': {
        const raw = input.mode === 'jaccard' ? jaccardRaw(shared, menteeSize, mentorSize) : coverageRaw(shared, menteeSize);
        const union = menteeSize + mentorSize - shared;
        const counts =
          input.mode === 'jaccard' ? `${shared} shared of ${union} combined` : `${shared} of the mentee's ${menteeSize} covered`;
        return { raw, passed: shared > 0, detail: `${counts}; ${values()}` };
      }
    }
  }
  if (f.type === 'number') {
    const menteeValue = f.mentee ? f.mentee[i] : 0;
    const x = f.mentor[j] - menteeValue;
    const { min, max, scale, offset } = numericParameters(c);
    const subject = f.mentee ? `mentor - mentee = ${formatNumber(x)}` : `mentor ${formatNumber(x)}`;
    if (x !== x) return { raw: 0, passed: false, detail: 'value unknown' };
    switch (input.kind) {
      case 'at-least': {
        const passed = x >= min;
        return { raw: atLeastRaw(x, min, scale), passed, detail: `${subject} ${passed ? '>=' : '<'} ${formatNumber(min)}` };
      }
      case 'range': {
        const passed = x >= min && x <= max;
        return {
          raw: rangeRaw(x, min, max, scale),
          passed,
          detail: `${subject} ${passed ? 'within' : 'outside'} [${formatNumber(min)}, ${formatNumber(max)}]`,
        };
      }
      case 'closeness': {
        const raw = closenessRaw(x, offset, scale);
        return {
          raw,
          passed: raw > 0,
          detail: `${subject}, preferred ${formatNumber(offset)}, zero at ${formatNumber(scale)} away`,
        };
      }
    }
  }
  if (f.type === 'choice') {
    const count = f.choiceCount[i];
    for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) {
      if (f.mentorIndex[k] === j) {
        return { raw: rankRaw(f.rank[k], count), passed: true, detail: `choice ${f.rank[k]} of ${count}` };
      }
    }
    return {
      raw: 0,
      passed: false,
      detail: count === 0 ? 'the mentee made no choices' : `not among the mentee's ${count} choices`,
    };
  }
  throw new Error(`criterion ${c.id} has features that do not match its kind`);
}

function codesOf(f: SetFeatures, side: 'mentee' | 'mentor', p: number): number[] {
  if (f.layout === 'scalar') {
    const code = side === 'mentee' ? f.menteeCode[p] : f.mentorCode[p];
    return code >= 0 ? [code] : [];
  }
  if (f.layout === 'bits') {
    const bits = side === 'mentee' ? f.menteeBits : f.mentorBits;
    const out: number[] = [];
    for (let k = 0; k < f.words; k++) {
      const word = bits[p * f.words + k];
      for (let b = 0; b < 32; b++) if (word & (1 << b)) out.push(k * 32 + b);
    }
    return out;
  }
  const offsets = side === 'mentee' ? f.menteeOffsets : f.mentorOffsets;
  const codes = side === 'mentee' ? f.menteeCodes : f.mentorCodes;
  return Array.from(codes.subarray(offsets[p], offsets[p + 1]));
}

function describeSets(f: SetFeatures, i: number, j: number): string {
  const mentee = codesOf(f, 'mentee', i);
  const mentor = codesOf(f, 'mentor', j);
  const list = (codes: number[]) => {
    if (codes.length === 0) return 'unknown';
    const names = codes.slice(0, 10).map((code) => f.vocabulary[code]);
    return names.join(', ') + (codes.length > 10 ? `, ... (${codes.length})` : '');
  };
  const mentorSet = new Set(mentor);
  const shared = mentee.filter((code) => mentorSet.has(code));
  const sides = `mentee: ${list(mentee)}; mentor: ${list(mentor)}`;
  return shared.length > 0 ? `shared: ${list(shared)} (${sides})` : sides;
}

function formatNumber(x: number): string {
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000);
}
