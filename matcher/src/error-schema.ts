/** The body of every error answer (see errors.ts), described for the OpenAPI document and clients. */
import { z } from 'zod';

export const errorResponseSchema = z
  .object({
    error: z.object({
      status: z.number(),
      code: z.string().describe('Stable machine-readable code, e.g. invalid-input, infeasible-locks, busy.'),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string().describe('JSONPath of the offending field, e.g. $.mentees[2].id'), message: z.string() }))
        .optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });

export type ErrorResponse = z.output<typeof errorResponseSchema>;
