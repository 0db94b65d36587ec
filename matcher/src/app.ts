/**
 * Builds the Express app. No listening, no process handlers, no timers: server.ts does that,
 * and tests (ours and the CMS suite) run the app in-process through supertest or listen(0).
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { bearerAuth } from './auth';
import { resolveConfig, type AppConfig, type AppConfigInput } from './config';
import type { AppContext } from './context';
import { AppError, toAppError } from './errors';
import { healthRouter } from './health/health-router';
import { createLogger, type Logger } from './logger';
import { matchRouter } from './matching/match-router';
import { openApiDocument } from './openapi';
import { scoresRouter } from './scoring/scores-router';
import { solveRouter } from './solver/solve-router';
import { WorkerPool, type TaskTimer } from './workers/worker-pool';

export interface MatcherApp extends Express {
  /** The resolved configuration. */
  readonly matcherConfig: AppConfig;
  /** The worker pool (exposed for readiness probes and tests). */
  readonly pool: WorkerPool;
  /** Stops accepting work (/ready turns 503), waits for running computations, stops the workers. */
  close(): Promise<void>;
}

export interface AppDependencies {
  logger?: Logger;
  /** Time limit of each computation (default: real timers); tests expire it themselves. */
  taskTimer?: TaskTimer;
}

export function createApp(configInput: AppConfigInput = {}, dependencies: AppDependencies = {}): MatcherApp {
  const config = resolveConfig(configInput);
  const logger = dependencies.logger ?? createLogger(config);
  const pool = new WorkerPool({
    size: config.workers,
    queueLimit: config.queueLimit,
    taskTimeoutMs: config.taskTimeoutMs,
    logger,
    taskTimer: dependencies.taskTimer,
  });
  let draining = false;
  const context: AppContext = {
    config,
    limits: { maxCells: config.maxCells, munkresMaxSize: config.munkresMaxSize },
    pool,
    logger,
    isDraining: () => draining,
  };

  const app = express() as MatcherApp;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLog(logger));

  app.use(healthRouter(context));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  const v1 = express.Router();
  v1.use(bearerAuth(config.token));
  // Any JSON value parses (`null`, `3`); parseBody then answers that the body must be an object.
  v1.use(express.json({ limit: config.bodyLimit, strict: false }));
  v1.use(matchRouter(context));
  v1.use(scoresRouter(context));
  v1.use(solveRouter(context));
  app.use('/v1', v1);

  app.use((req, _res, next) => {
    next(new AppError(404, 'not-found', `no route for ${req.method} ${req.path}`));
  });
  app.use(errorHandler(logger));

  Object.defineProperties(app, {
    matcherConfig: { value: config },
    pool: { value: pool },
    close: {
      value: async () => {
        draining = true;
        await pool.close();
      },
    },
  });
  return app;
}

/** One JSON log line per request, with a request id echoed in X-Request-Id. */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const header = req.get('x-request-id');
    const requestId = header && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (req.path === '/health' || req.path === '/ready') logger.debug(entry, 'request');
      else logger.info(entry, 'request');
    });
    next();
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  // Express recognises an error handler by its four parameters, so `_next` stays.
  return (error, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500 && appError.code !== 'busy' && appError.code !== 'shutting-down') {
      logger.error({ err: error, details: appError.extra.details, path: req.path }, 'request failed');
    } else {
      logger.debug({ code: appError.code, status: appError.status, path: req.path }, 'request rejected');
    }
    if (appError.extra.retryAfterSeconds !== undefined) res.set('Retry-After', String(appError.extra.retryAfterSeconds));
    if (res.headersSent) {
      res.end();
      return;
    }
    const body =
      appError.status >= 500
        ? { status: appError.status, code: appError.code, message: appError.message }
        : appError.toJSON();
    res.status(appError.status).json({ error: body });
  };
}
