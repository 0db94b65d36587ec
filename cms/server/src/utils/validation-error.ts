import { errors } from '@strapi/utils';

export interface Problem {
  path: (string | number)[];
  message: string;
}

/**
 * A 400 whose message names the first offending field and whose details list every problem,
 * in the shape Strapi's error middleware and the Content Manager understand. Paths start at the
 * root of the body or the query; `where` ("body", "query") only prefixes the message, for people.
 */
export const validationError = (problems: Problem[], where?: string) => {
  const first = problems[0];
  const field = [...(where ? [where] : []), ...(first?.path ?? [])].join('.');
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new errors.ValidationError(`${field ? `${field}: ` : ''}${first?.message ?? 'invalid input'}${more}`, {
    code: 'invalid-input',
    errors: problems.map((problem) => ({ path: problem.path.map(String), message: problem.message, name: 'ValidationError', value: undefined })),
  });
};

/** Converts zod issues under a named attribute into problems. */
export const zodProblems = (attribute: string, issues: readonly { path: PropertyKey[]; message: string }[]): Problem[] =>
  issues.map((issue) => ({
    path: [attribute, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))],
    message: issue.message,
  }));

/** Where input comes from: the body or the query (paths from their root), or a URL parameter (named by itself). */
export type InputLocation = 'body' | 'query' | { param: string };

/** A 400 for zod issues found in the body, the query or a URL parameter. */
export const inputError = (location: InputLocation, issues: readonly { path: PropertyKey[]; message: string }[]) => {
  if (typeof location === 'object') return validationError(zodProblems(location.param, issues));
  return validationError(zodProblems(location, issues).map((problem) => ({ ...problem, path: problem.path.slice(1) })), location);
};
