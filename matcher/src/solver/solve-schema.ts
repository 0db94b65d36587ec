/** POST /v1/solve: a raw matrix for integrators with their own scoring. */
import { z } from 'zod';

export const solveRequestSchema = z
  .strictObject({
    matrix: z
      .array(z.array(z.number().nullable()).max(100_000))
      .max(100_000)
      .describe('Row-major score or cost matrix; every row has the same length; null marks a forbidden pair.'),
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
