import { Router } from 'express';
import type { AppContext } from '../context';
import { assertWithinCellLimit } from '../limits';
import { scoresRequestSchema } from '../matching/match-schema';
import { epochMs } from '../timing';
import { parseBody } from '../validation';

export function scoresRouter(context: AppContext): Router {
  const router = Router();
  router.post('/scores', async (req, res) => {
    const received = epochMs();
    const request = parseBody(scoresRequestSchema, req.body);
    assertWithinCellLimit(request.mentees.length * request.mentors.length, context.limits.maxCells, 'scoring mentees x mentors');
    const validateMs = epochMs() - received;
    const json = await context.pool.run('scores', {
      request,
      limits: context.limits,
      timing: { validateMs, enqueuedAt: epochMs() },
    });
    res.type('application/json').send(json);
  });
  return router;
}
