/**
 * Process entry: `node dist/server.js`. Reads the environment, listens on HOST:PORT
 * (127.0.0.1:4100 by default), logs JSON lines, and shuts down gracefully on SIGTERM/SIGINT:
 * stop accepting connections, let running computations finish (bounded), stop the workers.
 */
import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { createLogger, type Logger } from './logger';

function start(): void {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger({ logLevel: 'info' }).fatal(error.message);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config);

  if (config.token === undefined) {
    if (config.production) {
      logger.fatal('MATCHER_TOKEN is not set: refusing to start in production without authentication');
      process.exitCode = 1;
      return;
    }
    logger.warn(
      'MATCHER_TOKEN is not set: /v1 accepts requests WITHOUT authentication. ' +
        'Acceptable on a developer machine only; set MATCHER_TOKEN everywhere else.',
    );
  } else if (config.production && config.token.length < 16) {
    logger.fatal('MATCHER_TOKEN is shorter than 16 characters: refusing to start in production');
    process.exitCode = 1;
    return;
  }

  installCrashHandlers(logger);
  const app = createApp(config, { logger });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(
      { host: config.host, port, workers: config.workers, queueLimit: config.queueLimit, maxCells: config.maxCells },
      `matcher listening on http://${config.host}:${port}`,
    );
    // Start a worker thread now rather than on the first request.
    app.pool.ready().catch((error: unknown) => logger.error({ err: error }, 'worker thread failed to start'));
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'server failed to listen');
    process.exitCode = 1;
    void app.close();
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    forced.unref();
    void closeServer(server)
      .then(() => app.close())
      .then(() => {
        logger.info('shut down cleanly');
        clearTimeout(forced);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exitCode = 1;
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** Stops accepting connections; idle keep-alive connections are closed, active ones finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

/** Only real crashes end the process: log them as one line and exit non-zero. */
function installCrashHandlers(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });
}

start();
