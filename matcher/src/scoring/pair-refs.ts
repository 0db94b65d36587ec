import { AppError, jsonPath, type ErrorIssue } from '../errors';
import type { IndexPair } from './score-matrix';
import type { ScoreModel } from './score-model';
import type { PairRef } from './scoring-schema';

/**
 * Resolves { menteeId, mentorId } references into indices of the model's sorted lists.
 * Unknown ids are a 400 that points at the reference, e.g. $.options.locked[3].mentorId.
 */
export function resolvePairRefs(refs: readonly PairRef[], model: ScoreModel, path: Array<string | number>): IndexPair[] {
  const issues: ErrorIssue[] = [];
  const pairs: IndexPair[] = [];
  refs.forEach((ref, k) => {
    const i = model.menteeIndex.get(ref.menteeId);
    const j = model.mentorIndex.get(ref.mentorId);
    if (i === undefined) issues.push({ path: jsonPath([...path, k, 'menteeId']), message: `unknown mentee "${ref.menteeId}"` });
    if (j === undefined) issues.push({ path: jsonPath([...path, k, 'mentorId']), message: `unknown mentor "${ref.mentorId}"` });
    if (i !== undefined && j !== undefined) pairs.push([i, j]);
  });
  if (issues.length > 0) throw unknownIds(issues);
  return pairs;
}

/** Resolves a list of ids of one side; unknown ids are a 400 pointing at the entry. */
export function resolveIds(ids: readonly string[], index: Map<string, number>, what: string, path: Array<string | number>): number[] {
  const issues: ErrorIssue[] = [];
  const out: number[] = [];
  ids.forEach((id, k) => {
    const position = index.get(id);
    if (position === undefined) issues.push({ path: jsonPath([...path, k]), message: `unknown ${what} "${id}"` });
    else out.push(position);
  });
  if (issues.length > 0) throw unknownIds(issues);
  return out;
}

function unknownIds(issues: ErrorIssue[]): AppError {
  return new AppError(400, 'invalid-input', `invalid request body at ${issues[0].path}: ${issues[0].message}`, {
    issues: issues.slice(0, 50),
  });
}
