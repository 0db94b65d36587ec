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
  /**
   * Blocks the worker thread until `release[0]` becomes non-zero (Atomics on a SharedArrayBuffer):
   * lets tests hold a worker for exactly as long as they need, whatever the machine's speed.
   */
  hold: { release: Int32Array };
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
    case 'hold': {
      const { release } = payload as TaskPayloads['hold'];
      while (Atomics.load(release, 0) === 0) Atomics.wait(release, 0, 0);
      return '{}';
    }
    default:
      throw new Error(`unknown task kind ${String(kind)}`);
  }
}
