/**
 * POST /v1/scores: for each mentee, the best eligible mentors with their breakdowns
 * ("suggested mentors"), plus any mentors asked for by id, each with its score difference
 * against the mentee's assigned mentor ("why not mentor X?").
 */
import { AppError, jsonPath } from '../errors';
import { inputHash } from '../matching/input-hash';
import type { ScoresRequest, ScoresResponse } from '../matching/match-schema';
import { assertWithinCellLimit, type ComputeLimits, type RequestTiming } from '../limits';
import { epochMs, roundMs } from '../timing';
import { packageVersion } from '../version';
import { explainPair } from './explain';
import { rankAmongEligible, topMentors } from './ranking';
import { resolveIds, resolvePairRefs } from './pair-refs';
import { buildScoreMatrix } from './score-matrix';
import { buildScoreModel } from './score-model';

export function runScores(request: ScoresRequest, limits: ComputeLimits, timing: RequestTiming): ScoresResponse {
  const started = epochMs();
  const queueMs = Math.max(0, started - timing.enqueuedAt);
  assertWithinCellLimit(request.mentees.length * request.mentors.length, limits.maxCells, 'scoring mentees x mentors');
  const options = request.options;

  const model = buildScoreModel(request);
  const m = model.mentors.length;
  const excluded = resolvePairRefs(options.excluded, model, ['options', 'excluded']);
  const excludedSet = new Set(excluded.map(([i, j]) => i * m + j));
  const assignedPairs = resolvePairRefs(options.assigned, model, ['options', 'assigned']);
  const requestedMentors = resolveIds(options.mentorIds, model.mentorIndex, 'mentor', ['options', 'mentorIds']);
  const reportedMentees =
    options.menteeIds === undefined
      ? model.mentees.map((_, i) => i)
      : resolveIds(options.menteeIds, model.menteeIndex, 'mentee', ['options', 'menteeIds']);

  const assignedMentor = new Int32Array(model.mentees.length).fill(-1);
  assignedPairs.forEach(([i, j], k) => {
    if (assignedMentor[i] >= 0) {
      const message = `mentee "${model.mentees[i].id}" is assigned more than once`;
      throw new AppError(400, 'invalid-input', message, {
        issues: [{ path: jsonPath(['options', 'assigned', k, 'menteeId']), message }],
      });
    }
    assignedMentor[i] = j;
  });

  const matrix = buildScoreMatrix(model, excluded);
  const { scores, eligible } = matrix;

  const mentees = reportedMentees.map((i) => {
    const row = i * m;
    let eligibleMentors = 0;
    for (let j = 0; j < m; j++) eligibleMentors += eligible[row + j];
    const assigned = assignedMentor[i] >= 0 ? { mentorId: model.mentors[assignedMentor[i]].id, score: scores[row + assignedMentor[i]] } : null;

    const shown = topMentors(matrix, i, options.topK);
    for (const j of requestedMentors) if (!shown.includes(j)) shown.push(j);
    const candidates = shown.map((j) => {
      const explanation = explainPair(model, i, j, excludedSet.has(row + j));
      const score = scores[row + j];
      return {
        mentorId: model.mentors[j].id,
        score,
        eligible: eligible[row + j] === 1,
        rank: eligible[row + j] === 1 ? rankAmongEligible(matrix, i, j) : null,
        failed: explanation.failed,
        scoreDifference: assigned ? score - assigned.score : null,
        breakdown: explanation.breakdown,
      };
    });
    return { menteeId: model.mentees[i].id, assigned, eligibleMentors, candidates };
  });

  const finished = epochMs();
  return {
    mentees,
    stats: {
      mentees: model.mentees.length,
      mentors: m,
      engineVersion: packageVersion,
      ms: {
        validate: roundMs(timing.validateMs),
        queue: roundMs(queueMs),
        score: roundMs(finished - started),
        total: roundMs(timing.validateMs + queueMs + (finished - started)),
      },
    },
    inputHash: inputHash(request),
  };
}
