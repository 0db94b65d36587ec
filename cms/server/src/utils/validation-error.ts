import { errors } from '@strapi/utils';

export interface Problem {
  path: (string | number)[];
  message: string;
}

/**
 * A 400 whose message names the first offending field and whose details list every problem,
 * in the shape Strapi's error middleware and the Content Manager understand.
 */
export const validationError = (problems: Problem[]) => {
  const first = problems[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new errors.ValidationError(`${where}${first?.message ?? 'invalid input'}${more}`, {
    errors: problems.map((problem) => ({ path: problem.path.map(String), message: problem.message, name: 'ValidationError', value: undefined })),
  });
};

/** Converts zod issues under a named attribute into problems. */
export const zodProblems = (attribute: string, issues: readonly { path: PropertyKey[]; message: string }[]): Problem[] =>
  issues.map((issue) => ({
    path: [attribute, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))],
    message: issue.message,
  }));
