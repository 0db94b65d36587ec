import fs from 'fs';
import path from 'path';
import { parse } from 'csv-parse/sync';
import { type BrowserContext, type Page } from 'playwright-core';
import { startMailSink, type MailSink } from '../helpers/mail';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { startSlowFirstMatch } from '../helpers/stub-matcher';
import { appDir, appEnv, artifactsDir, openBrowser, removeDatabaseFiles, signInToAdmin } from './env';

const STAFF = { email: 'admin@example.org', password: 'Demo-admin-2026' };
const COHORT = 'Student Guided Mentorship Cohort';

describe('staff in the admin panel', () => {
  let server: GroupProcess | undefined;
  let matcher: RunningMatcher | undefined;
  let slowFirst: { url: string; stop: () => Promise<void> } | undefined;
  let mail: MailSink | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base: string;
  const database = path.join('.tmp', `browser-${Date.now().toString(36)}.db`);
  const userDataDir = fs.mkdtempSync(path.join(appDir, '.tmp', 'chromium-'));

  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    mail = await startMailSink();
    matcher = await startMatcher('browser-matcher-token');
    // The first run takes a few seconds, so the page's progress indicator can be seen.
    slowFirst = await startSlowFirstMatch(matcher.url, 4000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startGroup(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: appDir,
      logFile: path.join(artifactsDir, 'strapi-start.log'),
      env: appEnv({
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_FILENAME: database,
        DEMO_SEED: 'true',
        MATCHER_URL: slowFirst.url,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        SITE_URL: 'http://127.0.0.1:3000',
      }),
    });
    const running = server;
    await waitForHttp(`${base}/_health`, 180000, () => running.child.exitCode === null);
    ({ context, page } = await openBrowser(userDataDir, { width: 1440, height: 900 }));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    await slowFirst?.stop();
    await matcher?.stop();
    await mail?.stop();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    removeDatabaseFiles(database);
  });

  it('when staff run, revise and approve the demo cohort\'s matching, then the mentorships exist and every member got an introduction e-mail', async () => {
    await signInToAdmin(page, base, STAFF);

    await page.goto(`${base}/admin/plugins/mentorship`);
    await page.getByRole('heading', { name: 'Mentorship programs' }).waitFor();
    await page.getByRole('link', { name: COHORT }).waitFor();
    await shot('01-programs');

    await page.getByRole('link', { name: COHORT }).click();
    await page.getByText('Enrolled mentors').waitFor();
    await page.getByText('Profiles by status').waitFor();
    await shot('02-dashboard');

    // The demo cohort already has the mentorships of an earlier, approved run.
    const dashboardUrl = page.url();
    await page.goto(`${dashboardUrl}/mentorships`);
    await page.getByRole('heading', { name: 'Mentorships' }).waitFor();
    await page.getByTestId('mentorship-row').first().waitFor();
    const existingMentorships = await page.getByTestId('mentorship-row').count();
    await page.goto(dashboardUrl);
    await page.getByText('Profiles by status').waitFor();

    await page.getByRole('link', { name: 'Applications', exact: true }).click();
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    await page.getByText('Eligibility, rule by rule').first().waitFor();
    await page.getByText(/^\d+ waiting for review: \d+ eligible, \d+ not eligible$/).waitFor();
    await shot('03-applications');
    // The queue filtered to applications that fail the rules: Reject is the primary action there.
    await page.getByRole('combobox', { name: 'Eligibility' }).click();
    await page.getByRole('option', { name: 'Not eligible only' }).click();
    await page.getByText(/waiting for review: 0 eligible, [1-9]\d* not eligible$/).waitFor();
    const failing = page.getByTestId('application');
    expect(await failing.count()).toBeGreaterThan(0);
    expect(await failing.getByText('not eligible', { exact: true }).count()).toBe(await failing.count());
    expect(await failing.getByRole('button', { name: 'Approve anyway' }).count()).toBe(await failing.count());
    await shot('03b-applications-not-eligible');

    await page.getByRole('link', { name: 'Escalations', exact: true }).click();
    await page.getByRole('heading', { name: 'Escalations' }).waitFor();
    await shot('04-escalations');

    await page.getByRole('link', { name: 'Matching runs', exact: true }).click();
    await page.getByText('Criteria and weights for this run').waitFor();
    await shot('05-matching');

    await page.getByRole('button', { name: 'Run matching' }).click();
    await page.waitForURL(/\/runs\//);
    await page.getByText(/^Matching \d+ mentees with \d+ mentors/).waitFor();
    await shot('06-run-in-progress');
    await page.getByText('Proposed pairs').waitFor({ timeout: 60000 });
    const rows = page.getByTestId('proposal-row');
    const pairCount = await rows.count();
    expect(pairCount).toBeGreaterThan(5);
    expect(await page.getByTestId('score-bar').count()).toBeGreaterThanOrEqual(pairCount * 3);
    // People are shown by name with a link to their profile, never by document id.
    expect(await rows.first().getByTestId('person-link').count()).toBe(2);
    expect(await rows.first().getByTestId('person-link').first().getAttribute('href')).toMatch(/\/content-manager\/collection-types\/plugin::mentorship\.profile\/[a-z0-9]{24}$/);
    const stabilityFact = await page.getByTestId('stability-summary').innerText();
    expect(stabilityFact).toMatch(/^(stable: no blocking pair|\d+ blocking pairs?, up to \d\.\d{3})$/);
    await page.getByText('Stability of the proposals').waitFor();
    const unmatchedRows = page.getByTestId('unmatched-row');
    for (let index = 0; index < (await unmatchedRows.count()); index++) {
      expect(await unmatchedRows.nth(index).innerText()).not.toMatch(/\b[a-z0-9]{24}\b/);
    }
    await shot('07-proposals');
    await page.getByText('Stability of the proposals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, '07b-stability-and-unmatched.png'), fullPage: false });

    // The proposals as a spreadsheet: the downloaded CSV has every pair with its per-criterion scores.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^run-\d{4}-\d{2}-\d{2}-[a-z0-9]+-proposals\.csv$/);
    const downloaded = await download.path();
    const exported = parse(fs.readFileSync(downloaded, 'utf8'), { columns: true }) as Record<string, string>[];
    const proposedRows = exported.filter((row) => row.status === 'proposed');
    expect(proposedRows).toHaveLength(pairCount);
    const firstMentee = (await rows.first().locator('td').nth(1).innerText()).trim();
    const exportedFirst = proposedRows.find((row) => row.mentee === firstMentee);
    expect(exportedFirst).toBeDefined();
    expect(Object.keys(exportedFirst!).filter((column) => column.endsWith('(match)')).length).toBeGreaterThanOrEqual(3);
    expect(Number(exportedFirst!.score)).toBeGreaterThan(0);

    // The proposals come from the server a page at a time: at 10 a page, the second page holds other pairs.
    await page.getByRole('combobox', { name: 'Pairs per page' }).click();
    await page.getByRole('option', { name: '10 per page' }).click();
    await page.getByTestId('proposals-page').getByText(new RegExp(`^Page 1 of ${Math.ceil(pairCount / 10)} \\(${pairCount} pairs\\)$`)).waitFor();
    expect(await rows.count()).toBe(10);
    const firstOfPageOne = (await rows.first().locator('td').nth(1).innerText()).trim();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByTestId('proposals-page').getByText(/^Page 2 of /).waitFor();
    await rows.first().waitFor();
    expect((await rows.first().locator('td').nth(1).innerText()).trim()).not.toBe(firstOfPageOne);
    await shot('07c-proposals-page-2');
    await page.getByRole('combobox', { name: 'Pairs per page' }).click();
    await page.getByRole('option', { name: '50 per page' }).click();
    await page.getByTestId('proposals-page').waitFor({ state: 'detached' });

    // "Why not others?" on the lowest-scoring proposal, acted on: pair the mentee with an alternative instead.
    await page.getByRole('combobox', { name: 'Sort' }).click();
    await page.getByRole('option', { name: 'Lowest score first' }).click();
    await page.waitForTimeout(300);
    const weakest = rows.first();
    const weakestMentee = (await weakest.locator('td').nth(1).innerText()).trim();
    await weakest.getByRole('button', { name: 'Why not others?' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/(below|above) the proposal/).first().waitFor();
    await dialog.getByTestId('pair-instead-impact').first().waitFor();
    expect(await dialog.getByTestId('pair-instead-impact').first().innerText()).toMatch(/^(Pair score [+−]\d\.\d{3}, run total [+−]\d\.\d{3}|Not possible: )/);
    await shot('08-why-not');
    const chosen = dialog.getByTestId('alternative').filter({ has: page.getByRole('button', { name: 'Pair with this mentor instead' }) }).first();
    const chosenMentor = (await chosen.getByTestId('person-link').first().innerText()).trim();
    await chosen.getByRole('button', { name: 'Pair with this mentor instead' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Changes made by staff').waitFor();
    await page.getByTestId('run-edit').filter({ hasText: `${weakestMentee} ↔ ${chosenMentor}` }).waitFor();
    const pairedRow = rows.filter({ hasText: weakestMentee }).filter({ hasText: chosenMentor });
    await pairedRow.getByText('locked').waitFor();
    await shot('08b-paired-instead');
    await page.getByRole('combobox', { name: 'Sort' }).click();
    await page.getByRole('option', { name: 'Best score first' }).click();
    await page.waitForTimeout(300);

    // Keep the first proposal as it is, and rule out the second: the re-run must find that mentee another mentor or none.
    const firstRow = rows.first();
    const lockedMentee = (await firstRow.locator('td').nth(1).innerText()).trim();
    const excludedRow = rows.nth(1);
    const excludedMentee = (await excludedRow.locator('td').nth(1).innerText()).trim();
    const excludedMentor = (await excludedRow.locator('td').nth(2).innerText()).trim().split('\n')[0]!.trim();
    const firstRunUrl = page.url();
    await firstRow.getByRole('button', { name: 'Lock' }).click();
    await firstRow.getByRole('button', { name: 'Unlock' }).waitFor();
    await excludedRow.getByRole('button', { name: 'Exclude' }).click();
    await page.getByRole('button', { name: 'Allow' }).first().waitFor();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await page.getByRole('alertdialog').getByText('Change as few pairs as possible').waitFor();
    await shot('09a-rerun-options');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Run again' }).click();
    await page.waitForURL((url) => url.href !== firstRunUrl && /\/runs\//.test(url.pathname));
    await page.getByText('Changes against the previous run').waitFor({ timeout: 60000 });
    const summary = await page.getByTestId('run-diff-summary').innerText();
    expect(summary).not.toMatch(/^0 new pairs, 0 pairs dropped/);
    expect(await page.getByTestId('run-keep-report').innerText()).toMatch(/previous pairs kept, \d+ changed .*score given up \d\.\d{3}/);
    // The excluded pair is not proposed again; the pairs new since the previous run can be listed alone.
    expect(await rows.filter({ hasText: excludedMentee }).filter({ hasText: excludedMentor }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Only pairs new since the previous run' }).click();
    await rows.first().waitFor();
    expect(await rows.filter({ has: page.getByText('new', { exact: true }) }).count()).toBe(await rows.count());
    await page.getByRole('checkbox', { name: 'Only pairs new since the previous run' }).click();
    const lockedRow = page.getByTestId('proposal-row').filter({ hasText: lockedMentee });
    await lockedRow.getByText('locked').waitFor();
    await shot('09-rerun-diff');

    // Approve a selection first: the other pairs stay proposals.
    const allPairs = Number(/(\d+)/.exec(await page.getByRole('button', { name: /^Approve \d+ pairs$/ }).innerText())?.[1]);
    expect(allPairs).toBeGreaterThan(5);
    await rows.nth(0).getByRole('checkbox').click();
    await rows.nth(1).getByRole('checkbox').click();
    await page.getByTestId('selection-bar').getByText('2 pairs selected').waitFor();
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Approve 2 pairs' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Approve and introduce' }).click();
    await page.getByText('2 pairs approved; the others are still proposals').waitFor({ timeout: 60000 });
    await page.getByRole('heading', { name: 'Waiting list' }).waitFor();
    expect(await rows.filter({ hasText: 'approved' }).count()).toBe(2);
    await shot('09b-selection-approved');

    const approve = page.getByRole('button', { name: /^Approve the other \d+ pairs?$/ });
    const restPairs = Number(/(\d+)/.exec(await approve.innerText())?.[1]);
    expect(restPairs).toBe(allPairs - 2);
    const approvedPairs = restPairs + 2;
    await approve.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Approve and introduce' }).click();
    await page.getByText('Approved: this run is read-only').waitFor({ timeout: 60000 });
    expect(await page.getByRole('button', { name: 'Lock' }).count()).toBe(0);
    await shot('10-approved');

    // After approval: the mentees still waiting, what would place them, and carrying them over.
    await page.getByRole('heading', { name: 'Waiting list' }).waitFor();
    const waitingRows = page.getByTestId('unmatched-row');
    if ((await waitingRows.count()) > 0) {
      await page.getByText('What would help').waitFor();
      expect(await page.getByTestId('mentors-wanted').first().innerText()).toMatch(/^\d+ more mentors? with .+ would place \d+ mentees?/);
      expect(await page.getByTestId('invite-mentors').getAttribute('href')).toMatch(/^mailto:/);
      await page.getByRole('button', { name: /^Carry \d+ mentees? over to the next run$/ }).click();
      await page.getByTestId('carried-over').first().waitFor();
      expect(await page.getByTestId('carried-over').count()).toBe(await waitingRows.count());
    } else {
      await page.getByText('Every mentee in the pool got a proposal.').waitFor();
    }
    await page.getByRole('heading', { name: 'Waiting list' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, '10c-waiting-list.png'), fullPage: false });

    // The first run was drawn from the pool before this approval: it is superseded and cannot be approved.
    const approvedRunUrl = page.url();
    await page.goto(firstRunUrl);
    await page.getByText('Superseded: this run can no longer be approved').waitFor();
    expect(await page.getByRole('button', { name: /^Approve / }).count()).toBe(0);
    await shot('10b-superseded');
    await page.goto(approvedRunUrl);
    await page.getByText('Approved: this run is read-only').waitFor();

    await page.getByRole('link', { name: 'See the mentorships' }).click();
    await page.getByRole('heading', { name: 'Mentorships' }).waitFor();
    await page.getByTestId('mentorship-row').first().waitFor();
    expect(await page.getByTestId('mentorship-row').count()).toBe(existingMentorships + approvedPairs);
    await shot('11-mentorships');

    const introductions = () => mail!.messages.filter((message) => message.subject.includes('partner'));
    const started = Date.now();
    while (introductions().length < approvedPairs * 2 && Date.now() - started < 30000) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(introductions()).toHaveLength(approvedPairs * 2);
    expect(new Set(introductions().flatMap((message) => message.to)).size).toBeGreaterThanOrEqual(approvedPairs + 1);
    expect(introductions().every((message) => /@/.test(message.text) && message.text.includes('You can reach them at'))).toBe(true);

    await page.goto(`${base}/admin/plugins/mentorship`);
    await page.getByRole('link', { name: COHORT }).click();
    await page.getByText('Recent matching runs').waitFor();
    await shot('12-dashboard-after');
  });
});
