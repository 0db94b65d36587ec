import { Router } from 'express';
import type { AppContext } from '../context';
import { epochMs } from '../timing';
import { parseBody } from '../validation';
import { solveRequestSchema } from './solve-schema';
import { matrixFromRows } from './solve-service';

export function solveRouter(context: AppContext): Router {
  const router = Router();
  router.post('/solve', async (req, res) => {
    const received = epochMs();
    const request = parseBody(solveRequestSchema, req.body);
    const task = matrixFromRows(request, context.limits);
    const validateMs = epochMs() - received;
    // The matrix buffer moves to the worker instead of being copied.
    const json = await context.pool.run(
      'solve',
      { task, limits: context.limits, timing: { validateMs, enqueuedAt: epochMs() } },
      [task.costs.buffer as ArrayBuffer],
    );
    res.type('application/json').send(json);
  });
  return router;
}
