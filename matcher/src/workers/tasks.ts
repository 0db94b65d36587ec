/**
 * The computations that run off the event loop. Each returns the response body as a JSON
 * string, built in the worker, so the main thread neither clones nor serialises big results.
 */
import type { ComputeLimits, RequestTiming } from '../limits';
import type { MatchRequest, ScoresRequest } from '../matching/match-schema';
import { runMatch } from '../matching/match-service';
import { runScores } from '../scoring/scores-service';
import { runSolve, type SolveTask } from '../solver/solve-service';

export interface TaskPayloads {
  match: { request: MatchRequest; limits: ComputeLimits; timing: RequestTiming };
  scores: { request: ScoresRequest; limits: ComputeLimits; timing: RequestTiming };
  solve: { task: SolveTask; limits: ComputeLimits; timing: RequestTiming };
  /** Busy-waits; lets tests hold a worker without building a large problem. */
  sleep: { ms: number };
}

export type TaskKind = keyof TaskPayloads;

export function runTask<K extends TaskKind>(kind: K, payload: TaskPayloads[K]): string {
  switch (kind) {
    case 'match': {
      const p = payload as TaskPayloads['match'];
      return JSON.stringify(runMatch(p.request, p.limits, p.timing));
    }
    case 'scores': {
      const p = payload as TaskPayloads['scores'];
      return JSON.stringify(runScores(p.request, p.limits, p.timing));
    }
    case 'solve': {
      const p = payload as TaskPayloads['solve'];
      return JSON.stringify(runSolve(p.task, p.limits, p.timing));
    }
    case 'sleep': {
      const until = Date.now() + (payload as TaskPayloads['sleep']).ms;
      while (Date.now() < until) {
        // deliberately blocking this worker thread
      }
      return '{}';
    }
    default:
      throw new Error(`unknown task kind ${String(kind)}`);
  }
}
