import { Router } from 'express';
import type { AppContext } from '../context';
import { assertWithinCellLimit } from '../limits';
import { epochMs } from '../timing';
import { parseBody } from '../validation';
import { matchRequestSchema } from './match-schema';
import { matchCells } from './match-service';

export function matchRouter(context: AppContext): Router {
  const router = Router();
  router.post('/match', async (req, res) => {
    const received = epochMs();
    const request = parseBody(matchRequestSchema, req.body);
    // Refuse oversize work before it reaches a worker.
    const { scoreCells, assignmentCells } = matchCells(request);
    assertWithinCellLimit(scoreCells, context.limits.maxCells, 'scoring mentees x mentors');
    assertWithinCellLimit(assignmentCells, context.limits.maxCells, 'assigning mentees x mentor places');
    const validateMs = epochMs() - received;
    const json = await context.pool.run('match', {
      request,
      limits: context.limits,
      timing: { validateMs, enqueuedAt: epochMs() },
    });
    res.type('application/json').send(json);
  });
  return router;
}
