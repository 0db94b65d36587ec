import fs from 'fs';
import path from 'path';
import { type BrowserContext, type Page } from 'playwright-core';
import { startMailSink, type MailSink } from '../helpers/mail';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { appDir, appEnv, artifactsDir, openBrowser, removeDatabaseFiles, signInToAdmin } from './env';

const STAFF = { email: 'admin@example.org', password: 'Demo-admin-2026' };

describe('an operator checks the scheduled jobs in the admin panel', () => {
  let server: GroupProcess | undefined;
  let mail: MailSink | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base: string;
  const database = path.join('.tmp', `browser-jobs-${Date.now().toString(36)}.db`);
  const userDataDir = fs.mkdtempSync(path.join(appDir, '.tmp', 'chromium-'));

  beforeAll(async () => {
    mail = await startMailSink();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startGroup(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: appDir,
      logFile: path.join(artifactsDir, 'strapi-start-jobs.log'),
      env: appEnv({ HOST: '127.0.0.1', PORT: String(port), DATABASE_FILENAME: database, DEMO_SEED: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port), MATCHER_URL: 'http://127.0.0.1:9' }),
    });
    const running = server;
    await waitForHttp(`${base}/_health`, 180000, () => running.child.exitCode === null);
    ({ context, page } = await openBrowser(userDataDir, { width: 1440, height: 900 }));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    await mail?.stop();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    removeDatabaseFiles(database);
  });

  it('when staff open Scheduled jobs and press Run now on the yearly re-confirmation, then each job shows its schedule and next run, and that job shows the run just made', async () => {
    await signInToAdmin(page, base, STAFF);

    await page.goto(`${base}/admin/plugins/mentorship`);
    await page.getByRole('link', { name: 'Scheduled jobs' }).click();
    await page.getByRole('heading', { name: 'Scheduled jobs' }).waitFor();
    for (const job of ['mentorship-request-deadlines', 'mentorship-outbox', 'mentorship-engagement', 'mentorship-renewals', 'mentorship-reconfirmation']) {
      await page.getByRole('row').filter({ hasText: job }).waitFor();
    }
    // The built app runs the schedule: no job says it is unscheduled.
    expect(await page.getByText('Not scheduled on this server').count()).toBe(0);

    // A daily job: the schedule will not run it between the click and the check.
    const reconfirmation = page.getByRole('row').filter({ hasText: 'mentorship-reconfirmation' });
    await reconfirmation.getByRole('button', { name: 'Run now' }).click();
    await reconfirmation.getByText(`run now by ${STAFF.email}`).waitFor();
    await reconfirmation.getByText('OK', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'jobs-page.png'), fullPage: true });
  });
});
