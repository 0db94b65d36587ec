import { maximumMatchingSize } from '../bipartite-matching';
import { assignmentTotal } from '../linear-sum-assignment';
import { EngineSizeLimitError, InfeasibleCostMatrixError, InvalidCostMatrixError } from '../lsap-errors';
import { munkresAssignment } from '../munkres-engine';
import { randomInt, seededRandom } from '../../testing/random';
import { bruteForceMinimum } from './brute-force';

// Each of these inputs makes raw munkres-js loop forever; a regression shows up as a test timeout.
describe('munkresAssignment guards', () => {
  it('when a cell is NaN, then it is refused before munkres-js runs', () => {
    expect(() => munkresAssignment(Float64Array.from([1, NaN, 2, 3]), 2, 2)).toThrow(InvalidCostMatrixError);
  });

  it('when minimising with -Infinity, then it is refused before munkres-js runs', () => {
    expect(() => munkresAssignment(Float64Array.from([1, -Infinity, 2, 3]), 2, 2)).toThrow(
      expect.objectContaining({ reason: 'wrong-sign-infinity' }),
    );
  });

  it('when a row has only forbidden cells, then it is infeasible', () => {
    expect(() => munkresAssignment(Float64Array.from([Infinity, Infinity, 2, 3]), 2, 2)).toThrow(
      InfeasibleCostMatrixError,
    );
  });

  it('when forbidden cells form an infeasible pattern, then it is infeasible', () => {
    const costs = Float64Array.from([1, Infinity, Infinity, 2, Infinity, Infinity, 3, 4, 5]);
    expect(() => munkresAssignment(costs, 3, 3)).toThrow(InfeasibleCostMatrixError);
  });

  it('when the matrix is larger than the size limit, then it throws EngineSizeLimitError', () => {
    expect(() => munkresAssignment(new Float64Array(3 * 11), 3, 11, { maxSize: 10 })).toThrow(EngineSizeLimitError);
    expect(() => munkresAssignment(new Float64Array(201 * 2), 201, 2)).toThrow(
      expect.objectContaining({ code: 'engine-size-limit', limit: 200, size: 201 }),
    );
  });

  it('when the matrix is empty, then the result is empty', () => {
    expect(munkresAssignment(new Float64Array(0), 0, 4).rowIndices.length).toBe(0);
  });

  it('when maximising with -Infinity as forbidden, then it finds the best allowed assignment', () => {
    const costs = Float64Array.from([10, -Infinity, 9, 1]);
    expect(Array.from(munkresAssignment(costs, 2, 2, { maximize: true }).colIndices)).toEqual([0, 1]);
  });

  it('when compared with brute force on 300 seeded small matrices, then totals and feasibility agree', () => {
    const random = seededRandom(99);
    for (let trial = 0; trial < 300; trial++) {
      const nRows = randomInt(random, 1, 6);
      const nCols = randomInt(random, 1, 6);
      const costs = new Float64Array(nRows * nCols);
      for (let k = 0; k < costs.length; k++) costs[k] = random() < 0.3 ? Infinity : randomInt(random, 0, 20);
      const expected = bruteForceMinimum(costs, nRows, nCols);
      if (expected === Infinity) {
        expect(() => munkresAssignment(costs, nRows, nCols)).toThrow(InfeasibleCostMatrixError);
      } else {
        const result = munkresAssignment(costs, nRows, nCols);
        expect(assignmentTotal(costs, nCols, result)).toBe(expected);
      }
    }
  });
});

describe('maximumMatchingSize', () => {
  it('when compared with brute force feasibility on 300 seeded patterns, then it agrees', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 300; trial++) {
      const nRows = randomInt(random, 1, 7);
      const nCols = randomInt(random, 1, 7);
      const costs = new Float64Array(nRows * nCols);
      for (let k = 0; k < costs.length; k++) costs[k] = random() < 0.55 ? Infinity : 1;
      const feasible = bruteForceMinimum(costs, nRows, nCols) < Infinity;
      const size = maximumMatchingSize(costs, nRows, nCols, Number.isFinite);
      expect(size === Math.min(nRows, nCols)).toBe(feasible);
      expect(size).toBeLessThanOrEqual(Math.min(nRows, nCols));
    }
  });

  it('when the allowed cells form a long chain, then the matching is complete', () => {
    // Row i may use columns i and i + 1: one long augmenting path per phase at worst.
    const n = 3000;
    const costs = new Float64Array(n * (n + 1)).fill(Infinity);
    for (let i = 0; i < n; i++) {
      costs[i * (n + 1) + i + 1] = 1;
      costs[i * (n + 1) + i] = 1;
    }
    expect(maximumMatchingSize(costs, n, n + 1, Number.isFinite)).toBe(n);
  });
});
