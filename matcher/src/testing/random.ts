/**
 * Small seeded PRNG (mulberry32) so that random tests and benchmarks are reproducible:
 * the same seed gives the same matrices on every machine.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(random() * (maxInclusive - minInclusive + 1));
}

export function uniformMatrix(random: Random, nRows: number, nCols: number): Float64Array {
  const out = new Float64Array(nRows * nCols);
  for (let k = 0; k < out.length; k++) out[k] = random();
  return out;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
