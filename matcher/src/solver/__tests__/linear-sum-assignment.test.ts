import { assignmentTotal, linearSumAssignment, solveRowsToColumns } from '../linear-sum-assignment';
import { InfeasibleCostMatrixError, InvalidCostMatrixError } from '../lsap-errors';
import { munkresAssignment } from '../munkres-engine';
import { randomInt, seededRandom, uniformMatrix, type Random } from '../../testing/random';
import { bruteForceMinimum, negate, transpose } from './brute-force';

const matrix = (rows: number[][]) => Float64Array.from(rows.flat());

function expectValidAssignment(
  result: { rowIndices: Int32Array; colIndices: Int32Array },
  nRows: number,
  nCols: number,
): void {
  expect(result.rowIndices.length).toBe(Math.min(nRows, nCols));
  expect(result.colIndices.length).toBe(result.rowIndices.length);
  for (let k = 1; k < result.rowIndices.length; k++) {
    expect(result.rowIndices[k]).toBeGreaterThan(result.rowIndices[k - 1]);
  }
  expect(new Set(result.colIndices).size).toBe(result.colIndices.length);
  for (const j of result.colIndices) {
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(nCols);
  }
}

/** Random matrix with integer ties or floats, and forbidden cells with probability `forbidden`. */
function randomCase(random: Random, nRows: number, nCols: number, forbidden: number): Float64Array {
  const integers = random() < 0.5;
  const costs = new Float64Array(nRows * nCols);
  for (let k = 0; k < costs.length; k++) {
    if (random() < forbidden) costs[k] = Infinity;
    else costs[k] = integers ? randomInt(random, -5, 9) : random() * 200 - 100;
  }
  return costs;
}

function totalOrInfeasible(costs: Float64Array, nRows: number, nCols: number, solve = linearSumAssignment): number {
  try {
    const result = solve(costs, nRows, nCols);
    expectValidAssignment(result, nRows, nCols);
    return assignmentTotal(costs, nCols, result);
  } catch (error) {
    if (error instanceof InfeasibleCostMatrixError) return Infinity;
    throw error;
  }
}

describe('linearSumAssignment', () => {
  describe('shapes', () => {
    it.each([
      [0, 0],
      [0, 3],
      [3, 0],
    ])('when the matrix is %i x %i, then the result is empty', (nRows, nCols) => {
      for (const maximize of [false, true]) {
        const result = linearSumAssignment(new Float64Array(0), nRows, nCols, { maximize });
        expect(result.rowIndices).toEqual(new Int32Array(0));
        expect(result.colIndices).toEqual(new Int32Array(0));
      }
    });

    it('when given the scipy documentation example, then it returns the same assignment', () => {
      const costs = matrix([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]);
      const result = linearSumAssignment(costs, 3, 3);
      expect(Array.from(result.rowIndices)).toEqual([0, 1, 2]);
      expect(Array.from(result.colIndices)).toEqual([1, 0, 2]);
      expect(assignmentTotal(costs, 3, result)).toBe(5);
    });

    it('when the matrix is wide, then every row gets a distinct column', () => {
      const costs = matrix([
        [5, 9, 1, 7],
        [10, 3, 2, 8],
      ]);
      const result = linearSumAssignment(costs, 2, 4);
      expect(Array.from(result.rowIndices)).toEqual([0, 1]);
      expect(Array.from(result.colIndices)).toEqual([2, 1]);
    });

    it('when the matrix is tall, then every column gets a row and rows come back ascending', () => {
      const costs = matrix([[5, 10], [9, 3], [1, 2], [7, 8]]);
      const result = linearSumAssignment(costs, 4, 2);
      expect(Array.from(result.rowIndices)).toEqual([1, 2]);
      expect(Array.from(result.colIndices)).toEqual([1, 0]);
    });

    it('when solving, then the input matrix is left untouched', () => {
      const costs = uniformMatrix(seededRandom(1), 30, 40);
      const copy = costs.slice();
      linearSumAssignment(costs, 30, 40);
      linearSumAssignment(costs, 40, 30, { maximize: true });
      expect(costs).toEqual(copy);
    });
  });

  describe('bad input', () => {
    it('when a cell is NaN, then it throws InvalidCostMatrixError naming the cell', () => {
      const costs = matrix([
        [1, 2],
        [3, NaN],
      ]);
      expect(() => linearSumAssignment(costs, 2, 2)).toThrow(InvalidCostMatrixError);
      try {
        linearSumAssignment(costs, 2, 2);
      } catch (error) {
        expect(error).toMatchObject({ reason: 'nan', row: 1, col: 1, code: 'invalid-cost-matrix' });
      }
    });

    it('when minimising with a -Infinity cell, then it throws a wrong-sign-infinity error', () => {
      const costs = matrix([
        [1, -Infinity],
        [3, 4],
      ]);
      expect(() => linearSumAssignment(costs, 2, 2)).toThrow(
        expect.objectContaining({ reason: 'wrong-sign-infinity', row: 0, col: 1 }),
      );
    });

    it('when maximising with a +Infinity cell, then it throws a wrong-sign-infinity error', () => {
      const costs = matrix([
        [1, 2],
        [Infinity, 4],
      ]);
      expect(() => linearSumAssignment(costs, 2, 2, { maximize: true })).toThrow(
        expect.objectContaining({ reason: 'wrong-sign-infinity', row: 1, col: 0 }),
      );
    });

    it('when the cell count does not match the shape, then it throws a shape error', () => {
      expect(() => linearSumAssignment(new Float64Array(5), 2, 3)).toThrow(
        expect.objectContaining({ reason: 'shape' }),
      );
    });

    it('when the shape is negative or fractional, then it throws a shape error', () => {
      expect(() => linearSumAssignment(new Float64Array(0), -1, 0)).toThrow(expect.objectContaining({ reason: 'shape' }));
      expect(() => linearSumAssignment(new Float64Array(2), 1.5, 1)).toThrow(expect.objectContaining({ reason: 'shape' }));
    });

    it('when costs is not a Float64Array, then it throws a shape error', () => {
      const notTyped = [1, 2, 3, 4] as unknown as Float64Array;
      expect(() => linearSumAssignment(notTyped, 2, 2)).toThrow(expect.objectContaining({ reason: 'shape' }));
    });

    it('when solveRowsToColumns gets a tall matrix, then it refuses it', () => {
      expect(() => solveRowsToColumns(new Float64Array(6), 3, 2)).toThrow(InvalidCostMatrixError);
    });
  });

  describe('forbidden cells and infeasibility', () => {
    it('when forbidden cells leave one complete assignment, then it is found', () => {
      const costs = matrix([
        [1, Infinity, Infinity],
        [Infinity, Infinity, 5],
        [2, 3, Infinity],
      ]);
      const result = linearSumAssignment(costs, 3, 3);
      expect(Array.from(result.colIndices)).toEqual([0, 2, 1]);
    });

    it('when a row has only forbidden cells, then it throws InfeasibleCostMatrixError', () => {
      const costs = matrix([
        [1, 2, 3],
        [Infinity, Infinity, Infinity],
      ]);
      expect(() => linearSumAssignment(costs, 2, 3)).toThrow(InfeasibleCostMatrixError);
    });

    it('when a column of a square matrix has only forbidden cells, then it is infeasible', () => {
      const costs = matrix([
        [1, Infinity],
        [2, Infinity],
      ]);
      expect(() => linearSumAssignment(costs, 2, 2)).toThrow(InfeasibleCostMatrixError);
    });

    it('when two rows can only use the same column, then it is infeasible', () => {
      const costs = matrix([
        [1, Infinity, Infinity],
        [2, Infinity, Infinity],
        [3, 4, 5],
      ]);
      expect(() => linearSumAssignment(costs, 3, 3)).toThrow(InfeasibleCostMatrixError);
      expect(() => linearSumAssignment(transpose(costs, 3, 3), 3, 3)).toThrow(InfeasibleCostMatrixError);
    });

    it('when maximising, then -Infinity marks forbidden cells', () => {
      const costs = matrix([
        [10, -Infinity],
        [9, 1],
      ]);
      const result = linearSumAssignment(costs, 2, 2, { maximize: true });
      expect(Array.from(result.colIndices)).toEqual([0, 1]);
    });

    it('when a tall matrix has too few usable rows, then it is infeasible', () => {
      const costs = matrix([[1, Infinity], [2, Infinity], [3, Infinity]]);
      expect(() => linearSumAssignment(costs, 3, 2)).toThrow(InfeasibleCostMatrixError);
    });
  });

  describe('symmetries', () => {
    it('when maximising, then the result equals minimising the negated matrix', () => {
      const random = seededRandom(7);
      for (let trial = 0; trial < 40; trial++) {
        const nRows = randomInt(random, 1, 30);
        const nCols = randomInt(random, 1, 30);
        const costs = randomCase(random, nRows, nCols, 0);
        const max = linearSumAssignment(costs, nRows, nCols, { maximize: true });
        const min = linearSumAssignment(negate(costs), nRows, nCols);
        expect(assignmentTotal(costs, nCols, max)).toBeCloseTo(-assignmentTotal(negate(costs), nCols, min), 9);
      }
    });

    it('when the matrix is transposed, then the optimal total is the same', () => {
      const random = seededRandom(8);
      for (let trial = 0; trial < 40; trial++) {
        const nRows = randomInt(random, 1, 30);
        const nCols = randomInt(random, 1, 30);
        const costs = randomCase(random, nRows, nCols, 0.1);
        const direct = totalOrInfeasible(costs, nRows, nCols);
        const transposed = totalOrInfeasible(transpose(costs, nRows, nCols), nCols, nRows);
        if (direct === Infinity) expect(transposed).toBe(Infinity);
        else expect(transposed).toBeCloseTo(direct, 9);
      }
    });

    it('when the same matrix is solved twice, then the assignment is identical', () => {
      const costs = randomCase(seededRandom(9), 60, 80, 0.05);
      const first = linearSumAssignment(costs, 60, 80);
      const second = linearSumAssignment(costs, 60, 80);
      expect(second).toEqual(first);
    });
  });

  describe('against references', () => {
    it('when compared with brute force on 600 seeded random matrices up to 7 x 7, then totals agree', () => {
      const random = seededRandom(20240601);
      let feasible = 0;
      let infeasible = 0;
      for (let trial = 0; trial < 600; trial++) {
        const nRows = randomInt(random, 1, 7);
        const nCols = randomInt(random, 1, 7);
        const forbidden = [0, 0.15, 0.4, 0.65][trial % 4];
        const costs = randomCase(random, nRows, nCols, forbidden);
        const expected = bruteForceMinimum(costs, nRows, nCols);
        const actual = totalOrInfeasible(costs, nRows, nCols);
        if (expected === Infinity) {
          infeasible++;
          expect(actual).toBe(Infinity);
        } else {
          feasible++;
          expect(actual).toBeCloseTo(expected, 9);
        }
      }
      // Both branches must really have been exercised for the test to mean anything.
      expect(feasible).toBeGreaterThan(250);
      expect(infeasible).toBeGreaterThan(50);
    });

    it('when compared with munkres-js on 120 seeded random matrices up to 200, then totals agree', () => {
      const random = seededRandom(4242);
      for (let trial = 0; trial < 120; trial++) {
        const large = trial % 20 === 0;
        const nRows = large ? randomInt(random, 120, 200) : randomInt(random, 1, 60);
        const nCols = large ? randomInt(random, 120, 200) : randomInt(random, 1, 60);
        const costs = randomCase(random, nRows, nCols, trial % 3 === 0 ? 0.3 : 0);
        const ours = totalOrInfeasible(costs, nRows, nCols);
        const reference = totalOrInfeasible(costs, nRows, nCols, munkresAssignment);
        if (reference === Infinity) expect(ours).toBe(Infinity);
        else expect(ours).toBeCloseTo(reference, 6);
      }
    });
  });

  describe('regressions', () => {
    it('when every cost is equal, then a complete assignment comes back', () => {
      // Degenerate ties: augmenting row reduction never lowers a price here.
      const costs = new Float64Array(50 * 50).fill(3);
      const result = linearSumAssignment(costs, 50, 50);
      expectValidAssignment(result, 50, 50);
      expect(assignmentTotal(costs, 50, result)).toBe(150);
    });

    it('when columns come in identical groups (mentor capacity), then the total matches munkres-js', () => {
      // Capacity expansion repeats each mentor's column; ties like these once stalled the
      // row-reduction phase in price wars.
      const random = seededRandom(77);
      const mentees = 90;
      const mentors = 30;
      const capacity = 3;
      const costs = new Float64Array(mentees * mentors * capacity);
      for (let i = 0; i < mentees; i++) {
        for (let m = 0; m < mentors; m++) {
          const value = Math.round(random() * 10) / 10;
          for (let c = 0; c < capacity; c++) costs[i * mentors * capacity + m * capacity + c] = value;
        }
      }
      const ours = linearSumAssignment(costs, mentees, mentors * capacity);
      const reference = munkresAssignment(costs, mentees, mentors * capacity);
      expect(assignmentTotal(costs, mentors * capacity, ours)).toBeCloseTo(
        assignmentTotal(costs, mentors * capacity, reference),
        9,
      );
    });

    it('when a 400 x 400 uniform matrix is solved, then the total matches the one recorded from scipy', () => {
      // Reference total from scipy.optimize.linear_sum_assignment on the same seeded matrix.
      const costs = uniformMatrix(seededRandom(400), 400, 400);
      const result = linearSumAssignment(costs, 400, 400);
      expectValidAssignment(result, 400, 400);
      expect(assignmentTotal(costs, 400, result)).toBeCloseTo(SCIPY_TOTAL_400, 9);
    });
  });
});

const SCIPY_TOTAL_400 = 1.5731555491220206;
