import { Router } from 'express';
import type { AppContext } from '../context';
import { packageVersion } from '../version';

const READY_TIMEOUT_MS = 5000;

/**
 * GET /health: the process and its event loop answer (liveness; stays fast during solves).
 * GET /ready: a worker thread is up and the service is not shutting down (readiness).
 * Neither needs a token.
 */
export function healthRouter(context: AppContext): Router {
  const router = Router();
  const startedAt = Date.now();

  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      service: 'matcher',
      version: packageVersion,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  router.get('/ready', async (_req, res) => {
    if (context.isDraining()) {
      res.status(503).json({ status: 'draining', workers: context.pool.stats });
      return;
    }
    try {
      await Promise.race([
        context.pool.ready(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('worker start timed out')), READY_TIMEOUT_MS).unref()),
      ]);
      res.json({ status: 'ready', version: packageVersion, workers: context.pool.stats });
    } catch (error) {
      context.logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'not-ready', workers: context.pool.stats });
    }
  });
  return router;
}
