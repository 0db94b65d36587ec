import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { parse } from 'csv-parse/sync';
import { type BrowserContext, type Page } from 'playwright-core';
import { startMailSink, type MailSink } from '../helpers/mail';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { appDir, appEnv, artifactsDir, openBrowser, removeDatabaseFiles, signInToAdmin } from './env';

const STAFF = { email: 'admin@example.org', password: 'Demo-admin-2026' };

/** read-excel-file's CommonJS build (its type declarations are ESM-only). */
const { readSheet }: typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } }) = createRequire(__filename)('read-excel-file/node');

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

  it('when staff run the staff digest now, then its row shows the run; no demo program has the digest on, so it reports none sent', async () => {
    // Still on the Scheduled jobs page of the step before, as an operator would be.
    await page.getByRole('heading', { name: 'Scheduled jobs' }).waitFor();
    const digest = page.getByRole('row').filter({ hasText: 'mentorship-staff-digest' });
    await digest.getByText(/what needs staff since the last digest/).waitFor();
    await digest.getByRole('button', { name: 'Run now' }).click();
    await digest.getByText(`run now by ${STAFF.email}`).waitFor();
    await digest.getByText('OK', { exact: true }).waitFor();
  });

  it('when staff filter the applications by an answer and export them, then the CSV and the XLSX downloaded from the page hold the same applications, read back', async () => {
    await page.goto(`${base}/admin/plugins/mentorship/programs/global-virtual-mentors/applications`);
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    const header = page.getByText(/^\d+ waiting for review: \d+ eligible, \d+ not eligible$/);
    await header.waitFor();
    const waiting = Number((await header.textContent())!.split(' ')[0]);
    expect(waiting).toBeGreaterThan(0);

    const download = async (testId: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      return { name: file.suggestedFilename(), content: fs.readFileSync((await file.path())!) };
    };
    const csv = await download('export-csv');
    expect(csv.name).toBe('global-virtual-mentors-applications.csv');
    const rows = parse(csv.content, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(waiting);
    expect(Object.keys(rows[0]).slice(0, 8)).toEqual(['profile id', 'name', 'email', 'role', 'status', 'submitted at', 'eligible', 'rules failed']);
    const names = await page.getByTestId('application').getByRole('heading').allTextContents();
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(names.slice(0, Math.min(names.length, waiting))));

    const xlsx = await download('export-xlsx');
    expect(xlsx.name).toBe('global-virtual-mentors-applications.xlsx');
    const sheet = await readSheet(xlsx.content);
    expect(sheet[0]).toEqual(Object.keys(rows[0]));
    expect(sheet.slice(1).map((row) => row[1])).toEqual(rows.map((row) => row.name));

    // The answer filter: a question, then one of its answers; the queue narrows to those.
    await page.getByRole('combobox', { name: 'Answer to' }).click();
    await page.getByRole('option').nth(1).click();
    await page.getByRole('combobox', { name: 'Answer', exact: true }).click();
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().includes('/applications?') && candidate.url().includes('answer=')),
      page.getByRole('option').first().click(),
    ]);
    const filtered = ((await response.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total;
    expect(filtered).toBeLessThanOrEqual(waiting);
    await page.getByText(new RegExp(`^${filtered} waiting for review: `)).waitFor();
    expect(await page.getByTestId('application').count()).toBe(Math.min(filtered, 20));
    await page.screenshot({ path: path.join(artifactsDir, 'applications-answer-filter.png'), fullPage: true });
  });
});
