import fs from 'fs';
import path from 'path';
import { compileStrapi } from '@strapi/strapi';
import { startPostgres, type PostgresServer } from './postgres';

const appDir = path.resolve(__dirname, '..', '..');

declare global {
  var __MENTORSHIP_PG__: PostgresServer | undefined;
}

/** Compiles the host app and the plugin once, and starts PostgreSQL when the run needs it. */
export default async function globalSetup() {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  await compileStrapi({ appDir, ignoreDiagnostics: false });
  const database = process.env.TEST_DB ?? 'sqlite';
  if (database === 'postgres') {
    const server = await startPostgres(appDir);
    globalThis.__MENTORSHIP_PG__ = server;
    process.env.TEST_PG_ADMIN_URL = server.adminUrl;
  } else if (database !== 'sqlite') {
    throw new Error(`TEST_DB must be "sqlite" or "postgres", got "${database}"`);
  }
}
