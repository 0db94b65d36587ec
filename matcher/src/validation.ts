import type { z } from 'zod';
import { badRequest, fromZodError } from './errors';

/** Validates a request body against its schema; a 400 with JSON paths on failure. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object (Content-Type: application/json)', [
      { path: '$', message: 'expected an object' },
    ]);
  }
  const result = schema.safeParse(body);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}
