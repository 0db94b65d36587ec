import { solveWithCapacities } from '../capacitated-assignment';
import { linearSumAssignment } from '../linear-sum-assignment';
import { InfeasibleCostMatrixError, InvalidCostMatrixError } from '../lsap-errors';
import { randomInt, seededRandom, type Random } from '../../testing/random';
import { bruteForceMinimum } from './brute-force';

const matrix = (rows: number[][]) => Float64Array.from(rows.flat());

/** The copied-columns formulation: column j repeated capacity[j] times. */
function expand(costs: Float64Array, nRows: number, nCols: number, capacity: Int32Array) {
  const copyOf: number[] = [];
  for (let j = 0; j < nCols; j++) for (let c = 0; c < capacity[j]; c++) copyOf.push(j);
  const wide = new Float64Array(nRows * copyOf.length);
  for (let i = 0; i < nRows; i++) {
    for (let s = 0; s < copyOf.length; s++) wide[i * copyOf.length + s] = costs[i * nCols + copyOf[s]];
  }
  return { wide, nSlots: copyOf.length, copyOf };
}

/** Optimal total of the copied-columns formulation (Infinity when infeasible). */
function expandedOptimum(costs: Float64Array, nRows: number, nCols: number, capacity: Int32Array): number {
  const { wide, nSlots } = expand(costs, nRows, nCols, capacity);
  if (nSlots < nRows) return Infinity;
  try {
    const result = linearSumAssignment(wide, nRows, nSlots);
    let total = 0;
    for (let k = 0; k < result.rowIndices.length; k++) total += wide[result.rowIndices[k] * nSlots + result.colIndices[k]];
    return total;
  } catch (error) {
    if (error instanceof InfeasibleCostMatrixError) return Infinity;
    throw error;
  }
}

/** Checks the assignment is complete, within capacities and on allowed cells; returns its total. */
function checkedTotal(costs: Float64Array, nRows: number, nCols: number, capacity: Int32Array, colForRow: Int32Array): number {
  expect(colForRow).toHaveLength(nRows);
  const used = new Int32Array(nCols);
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const j = colForRow[i];
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(nCols);
    used[j]++;
    expect(costs[i * nCols + j]).toBeLessThan(Infinity);
    total += costs[i * nCols + j];
  }
  for (let j = 0; j < nCols; j++) expect(used[j]).toBeLessThanOrEqual(capacity[j]);
  return total;
}

/** Phase 1 passes: none (phase 2 alone), one, or the default. */
const PASSES = [0, 1, undefined];

function totalOrInfeasible(costs: Float64Array, nRows: number, nCols: number, capacity: Int32Array, passes?: number): number {
  try {
    const colForRow = solveWithCapacities(costs, nRows, nCols, capacity, { maxRowReductionPasses: passes });
    return checkedTotal(costs, nRows, nCols, capacity, colForRow);
  } catch (error) {
    if (error instanceof InfeasibleCostMatrixError) return Infinity;
    throw error;
  }
}

/** Few distinct integer costs (ties everywhere, as in cohorts) or floats; forbidden cells. */
function randomCase(random: Random, nRows: number, nCols: number, forbidden: number): Float64Array {
  const kind = randomInt(random, 0, 2);
  const costs = new Float64Array(nRows * nCols);
  for (let k = 0; k < costs.length; k++) {
    if (random() < forbidden) costs[k] = Infinity;
    else if (kind === 0) costs[k] = randomInt(random, 0, 2);
    else if (kind === 1) costs[k] = randomInt(random, -5, 9);
    else costs[k] = random() * 200 - 100;
  }
  return costs;
}

function randomCapacities(random: Random, nCols: number, maxCapacity: number): Int32Array {
  const capacity = new Int32Array(nCols);
  for (let j = 0; j < nCols; j++) capacity[j] = randomInt(random, 0, maxCapacity);
  return capacity;
}

describe('solveWithCapacities', () => {
  it('when a column has capacity 2, then two rows share it and the cheaper rows get it', () => {
    const costs = matrix([
      [1, 5],
      [2, 9],
      [3, 4],
    ]);
    const colForRow = solveWithCapacities(costs, 3, 2, Int32Array.from([2, 1]));
    expect(Array.from(colForRow)).toEqual([0, 0, 1]);
  });

  it('when every capacity is 1 (solved as the plain assignment), then the optimum matches a brute force', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 100; trial++) {
      const nRows = randomInt(random, 1, 6);
      const nCols = randomInt(random, nRows, 7);
      const costs = randomCase(random, nRows, nCols, trial % 2 === 0 ? 0 : 0.3);
      const expected = bruteForceMinimum(costs, nRows, nCols);
      const actual = totalOrInfeasible(costs, nRows, nCols, new Int32Array(nCols).fill(1));
      if (expected === Infinity) expect(actual).toBe(Infinity);
      else expect(actual).toBeCloseTo(expected, 9);
    }
  });

  it('when compared with the copied-columns formulation (and a brute force where small) on 600 seeded cases with forbidden cells, then the optimum and feasibility agree', () => {
    const random = seededRandom(2026);
    let infeasible = 0;
    let bruteForced = 0;
    for (let trial = 0; trial < 600; trial++) {
      const nRows = randomInt(random, 1, 9);
      const nCols = randomInt(random, 1, 6);
      const capacity = randomCapacities(random, nCols, 3);
      const forbidden = [0, 0.2, 0.5][trial % 3];
      const costs = randomCase(random, nRows, nCols, forbidden);
      const expected = expandedOptimum(costs, nRows, nCols, capacity);
      const actual = totalOrInfeasible(costs, nRows, nCols, capacity, PASSES[Math.floor(trial / 3) % 3]);
      const { wide, nSlots } = expand(costs, nRows, nCols, capacity);
      if (nSlots >= nRows && nSlots <= 8) {
        // Small enough for an exhaustive check that shares no code with either solver.
        bruteForced++;
        const exhaustive = bruteForceMinimum(wide, nRows, nSlots);
        if (exhaustive === Infinity) expect(actual).toBe(Infinity);
        else expect(actual).toBeCloseTo(exhaustive, 9);
      }
      if (expected === Infinity) {
        infeasible++;
        expect(actual).toBe(Infinity);
      } else {
        expect(actual).toBeCloseTo(expected, 9);
      }
    }
    // The seeded cases cover both outcomes in numbers.
    expect(infeasible).toBeGreaterThan(50);
    expect(infeasible).toBeLessThan(550);
    expect(bruteForced).toBeGreaterThan(150);
  });

  it('when compared with the copied-columns formulation on 150 medium cases with heavy ties, then the optimum agrees', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 150; trial++) {
      const nCols = randomInt(random, 2, 25);
      const capacity = randomCapacities(random, nCols, 5);
      let places = 0;
      for (const c of capacity) places += c;
      const nRows = randomInt(random, 1, Math.max(1, places));
      const costs = randomCase(random, nRows, nCols, trial % 2 === 0 ? 0 : 0.1);
      const expected = expandedOptimum(costs, nRows, nCols, capacity);
      const actual = totalOrInfeasible(costs, nRows, nCols, capacity, PASSES[trial % 3]);
      if (expected === Infinity) expect(actual).toBe(Infinity);
      else expect(actual).toBeCloseTo(expected, 9);
    }
  });

  it('when compared with the copied-columns formulation on 45 larger float cases, then the optimum agrees with or without phase 1', () => {
    const random = seededRandom(606);
    for (let trial = 0; trial < 45; trial++) {
      const nCols = randomInt(random, 20, 50);
      const capacity = new Int32Array(nCols);
      for (let j = 0; j < nCols; j++) capacity[j] = randomInt(random, 1, 5);
      let places = 0;
      for (const c of capacity) places += c;
      const nRows = randomInt(random, Math.floor(places / 2), places);
      const costs = new Float64Array(nRows * nCols);
      for (let k = 0; k < costs.length; k++) costs[k] = random();
      const expected = expandedOptimum(costs, nRows, nCols, capacity);
      expect(totalOrInfeasible(costs, nRows, nCols, capacity, PASSES[trial % 3])).toBeCloseTo(expected, 9);
    }
  });

  it('when solved twice, or after the input was copied, then the assignment is the same', () => {
    const random = seededRandom(5);
    const costs = randomCase(random, 40, 12, 0.1);
    const capacity = new Int32Array(12).fill(4);
    const first = solveWithCapacities(costs, 40, 12, capacity);
    const copy = costs.slice();
    expect(solveWithCapacities(copy, 40, 12, capacity.slice())).toEqual(first);
    expect(costs).toEqual(copy);
  });

  describe('infeasible problems', () => {
    it('when a row has only forbidden cells, then it throws InfeasibleCostMatrixError', () => {
      const costs = matrix([
        [1, 2],
        [Infinity, Infinity],
      ]);
      expect(() => solveWithCapacities(costs, 2, 2, Int32Array.from([2, 2]))).toThrow(InfeasibleCostMatrixError);
    });

    it('when three rows may only use one column of capacity 2, then it throws InfeasibleCostMatrixError', () => {
      const costs = matrix([
        [1, Infinity, Infinity],
        [1, Infinity, Infinity],
        [2, Infinity, Infinity],
        [Infinity, 1, 1],
      ]);
      expect(() => solveWithCapacities(costs, 4, 3, Int32Array.from([2, 1, 1]))).toThrow(InfeasibleCostMatrixError);
      // One more place on the first column makes it feasible.
      expect(Array.from(solveWithCapacities(costs, 4, 3, Int32Array.from([3, 1, 1])))).toEqual([0, 0, 0, 1]);
    });

    it('when the capacities add up to fewer places than rows, then it throws InfeasibleCostMatrixError', () => {
      expect(() => solveWithCapacities(matrix([[1], [2], [3]]), 3, 1, Int32Array.from([2]))).toThrow(InfeasibleCostMatrixError);
    });
  });

  describe('bad input and empty shapes', () => {
    it('when there are no rows, then the result is empty', () => {
      expect(solveWithCapacities(new Float64Array(0), 0, 3, new Int32Array(3))).toEqual(new Int32Array(0));
    });

    it('when the shape, the capacities or a cell is wrong, then it throws InvalidCostMatrixError', () => {
      expect(() => solveWithCapacities(new Float64Array(5), 2, 3, new Int32Array(3).fill(1))).toThrow(InvalidCostMatrixError);
      expect(() => solveWithCapacities(new Float64Array(6), 2, 3, new Int32Array(2).fill(1))).toThrow(InvalidCostMatrixError);
      expect(() => solveWithCapacities(new Float64Array(6), 2, 3, Int32Array.from([1, -1, 2]))).toThrow(InvalidCostMatrixError);
      expect(() => solveWithCapacities(Float64Array.from([0, NaN]), 1, 2, Int32Array.from([1, 1]))).toThrow(
        expect.objectContaining({ reason: 'nan' }),
      );
      expect(() => solveWithCapacities(Float64Array.from([0, -Infinity]), 1, 2, Int32Array.from([1, 1]))).toThrow(
        expect.objectContaining({ reason: 'wrong-sign-infinity' }),
      );
    });
  });
});
