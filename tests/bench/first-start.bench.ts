import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort, startGroup, waitForHttp } from '../helpers/processes';
import { appDir, artifactsDir, openBrowser, signInToAdmin } from '../browser/env';

/**
 * Where `npm run dev`'s first start goes on a fresh clone, install excluded, and what a later start
 * repeats: `npm run bench:first-start` (FIRST_START_REF=<commit> measures another commit).
 *
 * The committed tree is cloned into a temporary folder and given the installed packages (linked
 * one by one, so the admin's Vite cache starts empty as after `npm install`). Then, as
 * `npm run dev` does: the matcher is built, `strapi develop` starts; each line it prints is
 * timed, and the admin counts as answering when Chromium shows its sign-in form and signs the
 * demo staff admin in. The same folder is started a second time to see what a later start repeats.
 */

interface Start {
  /** seconds from the command's start to each milestone */
  milestones: Record<string, number>;
  seedSeconds: number | null;
  seedLine: string;
}

const DEMO_ADMIN = { email: 'admin@example.org', password: 'Demo-admin-2026' };

const cloneFresh = (ref: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-start-'));
  execFileSync('git', ['clone', '--quiet', '--no-checkout', appDir, dir]);
  execFileSync('git', ['checkout', '--quiet', ref], { cwd: dir });
  // Installed packages, linked one by one; the workspace links point into the clone itself.
  for (const workspace of ['', 'cms', 'matcher']) {
    const source = path.join(appDir, workspace, 'node_modules');
    if (!fs.existsSync(source)) continue;
    const target = path.join(dir, workspace, 'node_modules');
    fs.mkdirSync(target, { recursive: true });
    for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
      if (entry.name === '.strapi' || entry.name === '.cache' || entry.name === '.vite') continue;
      const from = path.join(source, entry.name);
      const to = path.join(target, entry.name);
      if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
      else fs.symlinkSync(from, to);
    }
  }
  return dir;
};

/** Runs `command` in its own process group, timing each line it prints until `until` resolves. */
const timedRun = async (dir: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: string) => {
  const started = Date.now();
  const server = startGroup(command, args, { cwd: dir, env, logFile: log });
  const lines: { at: number; text: string }[] = [];
  let seen = 0;
  const poll = () => {
    const text = fs.readFileSync(log, 'utf8');
    const all = text.split('\n');
    // a line is complete once a newline follows it
    for (; seen < all.length - 1; seen += 1) lines.push({ at: (Date.now() - started) / 1000, text: all[seen]! });
  };
  const timer = setInterval(poll, 100);
  return {
    server,
    started,
    lines,
    poll,
    stop: async () => {
      clearInterval(timer);
      poll();
      await server.stop();
    },
  };
};

const firstAt = (lines: { at: number; text: string }[], pattern: RegExp): number | undefined => lines.find((line) => pattern.test(line.text))?.at;

const startOnce = async (dir: string, label: string): Promise<Start> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    MATCHER_URL: `http://127.0.0.1:${await freePort()}`,
    SMTP_PORT: String(await freePort()),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'none',
  };
  // as on a developer's machine: none of the test settings (secrets, quiet logs, no demo, test database)
  for (const name of ['DEMO_SEED', 'DATABASE_CLIENT', 'DATABASE_FILENAME', 'DATABASE_URL', 'APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'MATCHER_TOKEN', 'MEMBER_EMAIL_CONFIRMATION', 'MATCHER_AUTOSTART', 'MAIL_CATCHER']) {
    delete env[name];
  }
  env.STRAPI_LOG_LEVEL = 'info';
  const milestones: Record<string, number> = {};
  const started = Date.now();

  // 1. what `npm run dev` does first: build the matcher
  const matcher = await timedRun(dir, 'npm', ['run', 'build', '-w', 'matcher'], env, path.join(artifactsDir, `first-start-${label}-matcher.log`));
  await matcher.server.exited;
  await matcher.stop();
  milestones['matcher built'] = (Date.now() - started) / 1000;

  // 2. then `strapi develop`, and the admin in a browser
  const develop = await timedRun(dir, path.join(dir, 'node_modules', '.bin', 'strapi'), ['develop'], env, path.join(artifactsDir, `first-start-${label}-develop.log`));
  const offset = (develop.started - started) / 1000;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-start-chromium-'));
  try {
    await waitForHttp(`${base}/_health`, 15 * 60 * 1000, () => develop.server.child.exitCode === null);
    milestones['server answers'] = (Date.now() - started) / 1000;
    const { context, page } = await openBrowser(userDataDir);
    page.setDefaultTimeout(10 * 60 * 1000);
    try {
      await signInToAdmin(page, base, DEMO_ADMIN);
      await page.getByText('Mentorship').first().waitFor();
      milestones['admin signed in'] = (Date.now() - started) / 1000;
    } finally {
      await context.close();
    }
  } finally {
    await develop.stop();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  const lines = develop.lines;
  const mark = (name: string, pattern: RegExp) => {
    const at = firstAt(lines, pattern);
    if (at !== undefined) milestones[name] = offset + at;
  };
  mark('Strapi loading', /Loading Strapi/);
  mark('database migrated', /\[internal migration\]: migrated admin::|\[matcher\] listening|\[demo\]/);
  mark('matcher answering', /\[matcher\] listening/);
  mark('demo seeded', /\[demo\] association/);
  mark('TypeScript compiled', /Compiling TS \(/);
  mark('Strapi started', /Strapi started successfully/);
  const seed = lines.find((line) => /\[demo\] association/.test(line.text))?.text ?? '';
  const seedSeconds = / in ([\d.]+) s/.exec(seed)?.[1];
  return { milestones, seedSeconds: seedSeconds ? Number(seedSeconds) : null, seedLine: seed.replace(/^.*\[demo\] /, '') };
};

describe('first start of npm run dev', () => {
  it('when a fresh clone starts twice, then the phases of each start are reported', async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    const ref = process.env.FIRST_START_REF ?? 'HEAD';
    const dir = cloneFresh(ref);
    try {
      const first = await startOnce(dir, 'first');
      const later = await startOnce(dir, 'later');
      const names = [...new Set([...Object.keys(first.milestones), ...Object.keys(later.milestones)])].sort(
        (a, b) => (first.milestones[a] ?? later.milestones[a] ?? 0) - (first.milestones[b] ?? later.milestones[b] ?? 0),
      );
      const table = [
        `First start of npm run dev at ${execFileSync('git', ['rev-parse', '--short', ref], { cwd: appDir }).toString().trim()} (seconds since the command started)`,
        '| milestone | first start | later start |',
        '| --- | --- | --- |',
        ...names.map((name) => `| ${name} | ${first.milestones[name]?.toFixed(1) ?? '-'} | ${later.milestones[name]?.toFixed(1) ?? '-'} |`),
        `| demo seed itself | ${first.seedSeconds ?? '-'} | ${later.seedSeconds ?? '-'} |`,
        '',
        `first seed: ${first.seedLine}`,
        `later seed: ${later.seedLine}`,
      ].join('\n');
      process.stdout.write(`\n${table}\n`);
      fs.writeFileSync(path.join(artifactsDir, 'first-start.md'), `${table}\n`);
      // the first start loads the demo association; a later one finds it there and creates nothing
      expect(first.seedLine).toMatch(/\b[1-9]\d* profiles/);
      expect(later.seedLine).toMatch(/already loaded|\b0 profiles/);
      expect(first.milestones['admin signed in']).toBeDefined();
      expect(later.milestones['admin signed in']).toBeDefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

