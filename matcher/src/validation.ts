import type { z } from 'zod';
import { badRequest, fromZodError, jsonPath, type ErrorIssue } from './errors';
import { RESERVED_ATTRIBUTE_KEY } from './scoring/scoring-schema';

/** Validates a request body against its schema; a 400 with JSON paths on failure. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object (Content-Type: application/json)', [
      { path: '$', message: 'expected an object' },
    ]);
  }
  const reserved = findReservedKey(body);
  if (reserved) throw badRequest(`invalid request body at ${reserved.path}: ${reserved.message}`, [reserved]);
  const result = schema.safeParse(body);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/**
 * JSON.parse keeps a "__proto__" key as data, but zod skips it while copying objects and records,
 * so it would vanish without a word. Refused wherever it appears. Iterative: nesting depth is the
 * client's choice.
 */
function findReservedKey(body: object): ErrorIssue | null {
  const stack: Array<{ value: object; path: Array<string | number> }> = [{ value: body, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) stack.push({ value: item, path: [...path, i] });
      }
      continue;
    }
    if (Object.hasOwn(value, RESERVED_ATTRIBUTE_KEY)) {
      return { path: jsonPath([...path, RESERVED_ATTRIBUTE_KEY]), message: `"${RESERVED_ATTRIBUTE_KEY}" is reserved and cannot be a key` };
    }
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
