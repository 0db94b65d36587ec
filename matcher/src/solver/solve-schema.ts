/** POST /v1/solve: a raw matrix for integrators with their own scoring. */
import { z } from 'zod';

/**
 * Largest magnitude of a matrix value. The solver works in 64-bit floats: its path lengths and
 * prices are sums of up to `rows` cell differences, so with |value| <= 1e9 and any matrix the
 * service accepts they stay far below 2^53 and integer matrices are solved exactly (fractional
 * ones up to the rounding of those sums, like scipy). Beyond that range, a huge value swallows
 * the small ones it is added to and the optimum found can be wrong, or the total overflow to
 * Infinity; such values are refused instead.
 */
export const MAX_ABS_MATRIX_VALUE = 1e9;

const outsideRange = `must be between -${MAX_ABS_MATRIX_VALUE} and ${MAX_ABS_MATRIX_VALUE} (the range of matrix values)`;
const matrixValue = z.number().min(-MAX_ABS_MATRIX_VALUE, outsideRange).max(MAX_ABS_MATRIX_VALUE, outsideRange);

export const solveRequestSchema = z
  .strictObject({
    matrix: z
      .array(z.array(matrixValue.nullable()).max(100_000))
      .max(100_000)
      .describe(
        'Row-major score or cost matrix; every row has the same length; null marks a forbidden pair. ' +
          `Values are finite numbers between -${MAX_ABS_MATRIX_VALUE} and ${MAX_ABS_MATRIX_VALUE}.`,
      ),
    maximize: z.boolean().default(false).describe('true: the values are scores to maximise; false: costs to minimise.'),
    engine: z.enum(['jv', 'munkres']).default('jv'),
  })
  .meta({ id: 'SolveRequest' });

export const solveResponseSchema = z
  .object({
    assignments: z
      .array(z.object({ row: z.number(), col: z.number(), value: z.number() }))
      .describe('One entry per assigned row, rows ascending (min(rows, cols) entries).'),
    total: z.number(),
    stats: z.object({
      rows: z.number(),
      cols: z.number(),
      engine: z.enum(['jv', 'munkres']),
      engineVersion: z.string(),
      ms: z.object({ validate: z.number(), queue: z.number(), solve: z.number(), total: z.number() }),
    }),
  })
  .meta({ id: 'SolveResponse' });

export type SolveRequest = z.output<typeof solveRequestSchema>;
export type SolveResponse = z.output<typeof solveResponseSchema>;
