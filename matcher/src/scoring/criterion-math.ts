/**
 * The per-criterion formulas, shared by the matrix builder's specialised loops and by the
 * per-pair explanation so that a breakdown always adds up to the score in the matrix.
 * Every function returns a raw match in [0, 1]; NaN stands for an unknown value and scores 0.
 */

/** `at-least`: full match from `min` up; below it, partial credit over `scale` when given. */
export function atLeastRaw(x: number, min: number, scale: number): number {
  if (x !== x) return 0;
  if (x >= min) return 1;
  if (scale > 0) {
    const raw = 1 - (min - x) / scale;
    return raw > 0 ? raw : 0;
  }
  return 0;
}

/** `range`: full match inside [min, max]; outside, partial credit over `scale` when given. */
export function rangeRaw(x: number, min: number, max: number, scale: number): number {
  if (x !== x) return 0;
  if (x >= min && x <= max) return 1;
  if (scale > 0) {
    const distance = x < min ? min - x : x - max;
    const raw = 1 - distance / scale;
    return raw > 0 ? raw : 0;
  }
  return 0;
}

/** `closeness`: 1 at the preferred difference, falling linearly to 0 at `scale` away from it. */
export function closenessRaw(x: number, offset: number, scale: number): number {
  if (x !== x) return 0;
  const gap = x - offset;
  const raw = 1 - (gap < 0 ? -gap : gap) / scale;
  return raw > 0 ? raw : 0;
}

/** `ranked-choice`: with k choices, rank r (1-based) scores (k - r + 1) / k. */
export function rankRaw(rank: number, choiceCount: number): number {
  return (choiceCount - rank + 1) / choiceCount;
}

/** `overlap`, coverage mode: share of the mentee's values that the mentor has. */
export function coverageRaw(shared: number, menteeSize: number): number {
  return menteeSize > 0 ? shared / menteeSize : 0;
}

/** `overlap`, jaccard mode: |A and B| / |A or B|. */
export function jaccardRaw(shared: number, menteeSize: number, mentorSize: number): number {
  const union = menteeSize + mentorSize - shared;
  return union > 0 ? shared / union : 0;
}

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
