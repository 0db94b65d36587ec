// The test environment (secrets, quiet logs, no demo seed) before the app's modules read it.
import '../setup/env';
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { CapturedMail } from '../helpers/mail';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { freePort } from '../helpers/processes';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member } from '../helpers/journeys';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';
import { fr } from '../../cms/server/src/portal/messages-fr';
import { artifactsDir, CHROMIUM, CHROMIUM_FLAGS } from './env';
import { checkMemberPage, memberPage } from './member-pages';

const PASSWORD = 'Secret-passw0rd';
const NEW_PASSWORD = 'Portal-reset-2026';
const DAY = 24 * 60 * 60 * 1000;

/**
 * Member journeys through the portal that need the plugin's clock or a staff step: the app runs in this
 * process (as the request tests boot it), listening on a free port for Chromium, with the test SMTP
 * server and the matcher. Staff act through the admin API; members only through the portal's pages.
 */
describe('members in the portal: account, profile, guided cohort and renewal', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let browser: Browser | undefined;
  let staff: AdminSession;
  let base: string;
  const contexts: BrowserContext[] = [];
  const checked: { name: string; violations: string[] }[] = [];

  const member = (): Promise<Page> => memberPage(browser!, contexts);

  const check = (page: Page, name: string) => checkMemberPage(page, name, checked);

  const mailTo = (address: string, subject: RegExp, after = 0): Promise<CapturedMail> =>
    app.mail.waitFor((message) => message.to.includes(address.toLowerCase()) && subject.test(message.subject) && app.mail.messages.indexOf(message) >= after, 20000);

  /** The portal link in an e-mail; SITE_URL is this run's server, so it is followed as it is. */
  const linkIn = (message: CapturedMail) => {
    const link = /https?:\/\/[^\s"<>]+\/mentoring[^\s"<>]*/.exec(message.text)?.[0];
    expect(link).toBeTruthy();
    expect(link!.startsWith(`${base}/mentoring`)).toBe(true);
    return link!;
  };

  const signIn = async (page: Page, who: { email: string }, password = PASSWORD) => {
    await page.goto(`${base}/mentoring/sign-in`);
    await page.getByLabel('E-mail or username').fill(who.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('You are signed in.').waitFor();
  };

  const signUp = async (page: Page, name: string) => {
    const email = `${name}@cohort.example.org`;
    await page.goto(`${base}/mentoring/sign-up`);
    await page.getByLabel('Username').fill(name);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('Your account is ready').waitFor();
    return email;
  };

  /**
   * The program office's part, as a test step through the admin API: approve both applications, run the
   * matching, approve the run. Answers where the mail stood before the introductions.
   */
  const staffPair = async (programDocumentId: string): Promise<number> => {
    const profiles = (await app.strapi.db.query('plugin::mentorship.profile').findMany({ where: { program: { documentId: programDocumentId } }, select: ['documentId'] })) as { documentId: string }[];
    expect(profiles).toHaveLength(2);
    const reviewed = await app.http().post(`/mentorship/programs/${programDocumentId}/applications/review`).set(staff.auth).send({ profileDocumentIds: profiles.map((item) => item.documentId), decision: 'approve' });
    expect(reviewed.status).toBe(200);
    const started = await app.http().post('/mentorship/runs').set(staff.auth).send({ programDocumentId });
    expect(started.status).toBe(202);
    await app.strapi.plugin('mentorship').service('runs').whenIdle();
    const run = (await app.http().get(`/mentorship/runs/${started.body.data.documentId}`).set(staff.auth).expect(200)).body.data as { status: string };
    expect(run.status).toBe('succeeded');
    const introducedAt = app.mail.messages.length;
    await app.http().post(`/mentorship/runs/${started.body.data.documentId}/approve`).set(staff.auth).send({}).expect(200);
    return introducedAt;
  };

  /** What a page shows in the element with this test id. */
  const shown = (page: Page, testId: string) => page.getByTestId(testId).innerText();

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    process.env.SITE_URL = base;
    app = await startJourneyApp();
    await new Promise<void>((resolve, reject) => {
      app.strapi.server.httpServer.once('error', reject);
      app.strapi.server.httpServer.listen(port, '127.0.0.1', () => resolve());
    });
    staff = await superAdmin(app.strapi);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    app?.clock.set(null);
    await new Promise<void>((resolve) => (app ? app.strapi.server.httpServer.close(() => resolve()) : resolve()));
    await app?.stop();
    await matcher?.stop();
    fs.writeFileSync(path.join(artifactsDir, 'portal-journeys-axe.json'), JSON.stringify(checked, null, 2));
  });

  it('when a listed mentor forgets the password, follows the e-mailed link and then manages the profile, then the new password signs in, availability, capacity, the yearly confirmation, pausing and withdrawing reach the directory, and an offer reaches a mentee found in the mentee directory', async () => {
    const program = await createProgram(app.strapi, 'open-directory');
    const mentor: Member = await registerMember(app, 'Reset Mentor');
    const profile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Dr Rosa Reset', capacity: 1 });
    const page = await member();

    // Forgotten password: users-permissions' own e-mail, whose link leads to the portal's reset page.
    await page.goto(`${base}/mentoring/sign-in`);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByRole('heading', { name: 'Forgotten password' }).waitFor();
    await check(page, 'account-01-forgot');
    const before = app.mail.messages.length;
    await page.getByLabel('E-mail address').fill(mentor.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If an account uses that address').waitFor();
    const resetMail = await mailTo(mentor.email, /password/i, before);
    const link = linkIn(resetMail);
    expect(link).toMatch(/\/mentoring\/reset-password\?code=/);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await check(page, 'account-02-reset');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByLabel('Password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByText('Your password has been changed and you are signed in.').waitFor();
    // The link works once; the old password no longer signs in, the new one does.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(link);
    await page.getByLabel('New password').fill('Another-pass-2026');
    await page.getByLabel('Password again').fill('Another-pass-2026');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByRole('alert').waitFor();
    await page.goto(`${base}/mentoring/sign-in`);
    await page.getByLabel('E-mail or username').fill(mentor.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That e-mail or username and password do not match an account.').waitFor();
    await signIn(page, mentor, NEW_PASSWORD);

    // Away until a date, and two places: the directory says so.
    const awayUntil = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
    await page.goto(`${base}/mentoring/profiles/${profile.documentId}`);
    await page.getByRole('heading', { name: /My profile in/ }).waitFor();
    await check(page, 'account-03-profile');
    await page.getByRole('radio', { name: 'Away' }).check();
    await page.getByLabel('Away until').fill(awayUntil);
    await page.getByLabel('How many mentees at once').fill('2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    expect(await page.getByLabel('How many mentees at once').inputValue()).toBe('2');
    expect(await page.getByLabel('Away until').inputValue()).toBe(awayUntil);
    await page.goto(`${base}/mentoring/programs/${program.slug}/mentors/${profile.documentId}`);
    await page.getByText(/Away until \d/).waitFor();

    // Back and available; the yearly "still available" confirmation.
    await page.goto(`${base}/mentoring/profiles/${profile.documentId}`);
    await page.getByRole('radio', { name: 'Available' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await page.getByRole('button', { name: 'I am still available to mentor' }).click();
    await page.getByText('Thank you: your listing is confirmed for another year.').waitFor();
    await page.goto(`${base}/mentoring/programs/${program.slug}/mentors/${profile.documentId}`);
    await page.getByText('2 places left').waitFor();

    // A listed mentor of a program where mentors approach finds a mentee and offers to mentor her.
    const mentee = await registerMember(app, 'Approached Mentee');
    await createProfile(app.strapi, { member: mentee, program, role: 'mentee', displayName: 'Lena Approached' });
    await page.goto(`${base}/mentoring/programs/${program.slug}`);
    await page.getByRole('link', { name: 'Browse the mentees you may approach' }).click();
    await page.getByRole('heading', { name: 'Mentees', level: 1 }).waitFor();
    await check(page, 'account-04-mentee-directory');
    await page.getByTestId('mentee-card').getByRole('link', { name: 'Lena Approached' }).click();
    await page.getByRole('heading', { name: 'Offer to mentor' }).waitFor();
    await check(page, 'account-05-mentee');
    await page.getByLabel('Your message').fill('I would be glad to mentor you in cardiology.');
    const offeredAt = app.mail.messages.length;
    await page.getByRole('button', { name: 'Send my offer' }).click();
    await page.getByText('Your request is sent to Lena Approached.').waitFor();
    const offer = await mailTo(mentee.email, /Dr Rosa Reset/, offeredAt);
    expect(linkIn(offer)).toBe(`${base}/mentoring/inbox`);

    // Pause: gone from the directory until listed again.
    await page.goto(`${base}/mentoring/profiles/${profile.documentId}`);
    await page.getByRole('button', { name: 'Pause my listing' }).click();
    await page.getByText('Your listing is paused').waitFor();
    expect(await shown(page, 'profile-status')).toBe('Paused');
    expect((await page.goto(`${base}/mentoring/programs/${program.slug}/mentors/${profile.documentId}`))!.status()).toBe(404);
    await page.goto(`${base}/mentoring/profiles/${profile.documentId}`);
    await page.getByRole('button', { name: 'List me again' }).click();
    await page.getByText('You are listed again.').waitFor();
    expect((await page.goto(`${base}/mentoring/programs/${program.slug}/mentors/${profile.documentId}`))!.status()).toBe(200);

    // Withdraw, after the page asks to confirm.
    await page.goto(`${base}/mentoring/profiles/${profile.documentId}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Withdraw from this program' }).click();
    await page.getByText('You have withdrawn from this program.').waitFor();
    expect(await shown(page, 'profile-status')).toBe('Withdrawn');
    await check(page, 'account-06-withdrawn');
    expect((await page.goto(`${base}/mentoring/programs/${program.slug}/mentors/${profile.documentId}`))!.status()).toBe(404);
  });

  it('when a mentee and a mentor apply to a guided cohort and staff approve and pair them, then both follow the introduction to their mentorship, accept the agreement, plan, log time, and renew it when it is due', async () => {
    const program = await createProgram(app.strapi, 'guided-cohort', {
      agreementRequired: true,
      agreement: 'We meet once a month and keep what we share confidential.',
      renewalAllowed: true,
    });
    const programPath = `${base}/mentoring/programs/${program.slug}`;

    // The mentee applies through the portal.
    const menteePage = await member();
    const menteeEmail = await signUp(menteePage, 'noor');
    await menteePage.goto(programPath);
    await menteePage.getByRole('heading', { name: 'How it works' }).waitFor();
    await check(menteePage, 'cohort-01-program');
    await menteePage.getByRole('link', { name: 'Apply as a mentee' }).click();
    await menteePage.getByLabel('Your name as others will see it').fill('Noor Haddad');
    await menteePage.getByRole('group', { name: /Interests/ }).getByLabel('Oncology').check();
    await menteePage.getByRole('group', { name: /Career stage/ }).getByLabel('Residents').check();
    await menteePage.getByLabel('Country of practice').selectOption('JO');
    await menteePage.getByLabel('Languages').selectOption(['en', 'ar']);
    await check(menteePage, 'cohort-02-apply-mentee');
    await menteePage.getByRole('button', { name: 'Submit my application' }).click();
    await menteePage.getByTestId('profile-status').waitFor();
    // Applying is not yet a place: whatever the page calls it, the application is in and no longer a draft.
    expect(await shown(menteePage, 'profile-status')).not.toBe('Draft');
    await check(menteePage, 'cohort-03-applied-mentee');

    // The mentor offers to mentor through the portal.
    const mentorPage = await member();
    const mentorEmail = await signUp(mentorPage, 'elias');
    await mentorPage.goto(programPath);
    await mentorPage.getByRole('link', { name: 'Offer to mentor' }).click();
    await mentorPage.getByLabel('Your name as others will see it').fill('Dr Elias Berg');
    await mentorPage.getByRole('group', { name: /Areas of expertise/ }).getByLabel('Oncology').check();
    await mentorPage.getByRole('group', { name: /Who I can mentor/ }).getByLabel('Residents').check();
    await mentorPage.getByLabel('Country of practice').selectOption('SE');
    await mentorPage.getByLabel('Languages').selectOption(['en', 'sv']);
    await mentorPage.getByLabel('Years of experience').fill('18');
    // The live eligibility note appears above the buttons once the answers are checked: wait for it, so it does not move them mid-click.
    await mentorPage.getByLabel('Years of experience').blur();
    await mentorPage.getByText('Your answers meet the program’s rules.').waitFor();
    await mentorPage.getByRole('button', { name: 'Submit my application' }).click();
    await mentorPage.getByTestId('profile-status').waitFor();
    expect(await shown(mentorPage, 'profile-status')).not.toBe('Draft');

    const introducedAt = await staffPair(program.documentId);

    // The mentee follows the introduction e-mail to the mentorship: the partner's contact and the agreement.
    const introduction = await mailTo(menteeEmail, /^Meet your/, introducedAt);
    expect(introduction.text).toContain('Dr Elias Berg');
    await menteePage.goto(linkIn(introduction));
    await menteePage.getByRole('link', { name: 'Dr Elias Berg' }).click();
    await menteePage.getByRole('heading', { name: 'Partnership agreement' }).waitFor();
    expect(await shown(menteePage, 'partner-email')).toBe(mentorEmail);
    expect(await shown(menteePage, 'mentorship-status')).toBe('Waiting for the agreement');
    await check(menteePage, 'cohort-05-mentorship-agreement');
    await menteePage.getByRole('button', { name: 'I accept the agreement' }).click();
    await menteePage.getByText('You accepted the agreement.').waitFor();

    const mentorIntroduction = await mailTo(mentorEmail, /^Meet your/, introducedAt);
    await mentorPage.goto(linkIn(mentorIntroduction));
    await mentorPage.getByRole('link', { name: 'Noor Haddad' }).click();
    expect(await shown(mentorPage, 'partner-email')).toBe(menteeEmail);
    await mentorPage.getByRole('button', { name: 'I accept the agreement' }).click();
    await mentorPage.getByText('You accepted the agreement.').waitFor();
    expect(await shown(mentorPage, 'mentorship-status')).toBe('Active');
    const mentorshipUrl = mentorPage.url();

    // The plan and a check-in, shown as progress against the program's monthly minimum.
    await menteePage.goto(mentorshipUrl);
    expect(await shown(menteePage, 'mentorship-status')).toBe('Active');
    await menteePage.getByLabel('Objective 1').fill('Present a case at the tumour board');
    await menteePage.getByRole('button', { name: 'Save the plan' }).click();
    await menteePage.getByText('The plan is saved.').waitFor();
    await menteePage.getByLabel('Minutes').fill('30');
    await menteePage.getByRole('button', { name: 'Log a check-in' }).click();
    await menteePage.getByText('Your check-in is logged.').waitFor();
    await menteePage.getByText('0.5 of 1 hours logged this month').waitFor();
    await check(menteePage, 'cohort-06-mentorship-active');
    await mentorPage.reload();
    expect(await mentorPage.getByLabel('Objective 1').inputValue()).toBe('Present a case at the tumour board');

    // Weeks later the end is near: the scheduled job says so by e-mail, and both choose to continue.
    const endBefore = (await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { program: { documentId: program.documentId } }, select: ['endDate'] })) as { endDate: string };
    app.clock.set(new Date(new Date(`${endBefore.endDate}T12:00:00Z`).getTime() - 20 * DAY));
    const remindedAt = app.mail.messages.length;
    await app.service<{ renewalsAndCompletions: () => Promise<{ reminded: number }> }>('mentorship-lifecycle').renewalsAndCompletions();
    const due = await mailTo(menteeEmail, /^Your mentorship ends on .*: renew\?$/, remindedAt);
    await menteePage.goto(linkIn(due));
    await menteePage.getByRole('heading', { name: 'My mentorships' }).waitFor();
    await menteePage.getByRole('link', { name: 'Dr Elias Berg' }).click();
    await menteePage.getByRole('heading', { name: 'Renewal' }).waitFor();
    await check(menteePage, 'cohort-07-renewal-due');
    await menteePage.getByRole('button', { name: 'I want to continue' }).click();
    await menteePage.getByText('You asked to continue the mentorship.').waitFor();
    await menteePage.getByText('You asked to continue; waiting for your partner.').waitFor();
    const mentorDue = await mailTo(mentorEmail, /^Your mentorship ends on .*: renew\?$/, remindedAt);
    await mentorPage.goto(linkIn(mentorDue));
    await mentorPage.getByRole('link', { name: 'Noor Haddad' }).click();
    expect(mentorPage.url()).toBe(mentorshipUrl);
    await mentorPage.getByRole('button', { name: 'I want to continue' }).click();
    await mentorPage.getByText('You asked to continue the mentorship.').waitFor();
    const endAfter = (await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { program: { documentId: program.documentId } }, select: ['endDate'] })) as { endDate: string };
    expect(endAfter.endDate > endBefore.endDate).toBe(true);
    await mentorPage.getByRole('heading', { name: 'Renewal' }).waitFor({ state: 'detached' });
    app.clock.set(null);
  });

  it('when a member applies to the international program in French and misses an answer, then the problem is in French; once staff pair the two across countries, both follow the introduction to an active mentorship', async () => {
    const program = await createProgram(app.strapi, 'international-virtual');
    const menteePage = await member();
    const menteeEmail = await signUp(menteePage, 'amina');
    await menteePage.goto(`${base}/mentoring/programs/${program.slug}?lang=fr`);
    await menteePage.getByRole('link', { name: fr['program.enrollMentee'] }).click();
    await menteePage.getByLabel(fr['enroll.displayName']).fill('Amina Diallo');
    await menteePage.getByRole('group', { name: /Career stage/ }).getByLabel('Residents').check();
    await menteePage.getByLabel('Country of practice').selectOption('SN');
    await menteePage.getByLabel('Languages', { exact: true }).selectOption(['fr', 'en']);
    await menteePage.getByLabel('Year training ended').fill(String(new Date().getUTCFullYear() - 3));
    await menteePage.getByRole('group', { name: /Membership/ }).getByLabel('Full member').check();
    await menteePage.getByRole('button', { name: fr['enroll.submit'] }).click();
    // The service's "Interests is required", in the portal's French.
    await menteePage.getByRole('alert').getByText('« Interests » est obligatoire.').waitFor();
    expect(await menteePage.getByRole('alert').innerText()).not.toMatch(/is required/);
    await check(menteePage, 'international-06-missing-fr');
    await menteePage.getByRole('group', { name: /Interests/ }).getByLabel('Clinical research').check();
    await menteePage.getByRole('button', { name: fr['enroll.submit'] }).click();
    await menteePage.getByText(fr['enroll.submitted']).waitFor();
    expect(await shown(menteePage, 'profile-status')).toBe(fr['status.submitted']);

    const mentorPage = await member();
    const mentorEmail = await signUp(mentorPage, 'kenji');
    await mentorPage.goto(`${base}/mentoring/programs/${program.slug}/enroll/mentor`);
    await mentorPage.getByLabel('Your name as others will see it').fill('Dr Kenji Sato');
    await mentorPage.getByRole('group', { name: /Areas of expertise/ }).getByLabel('Clinical research').check();
    await mentorPage.getByRole('group', { name: /Who I can mentor/ }).getByLabel('Residents').check();
    await mentorPage.getByLabel('Country of practice').selectOption('JP');
    await mentorPage.getByLabel('Languages', { exact: true }).selectOption(['en', 'ja']);
    await mentorPage.getByLabel('Years of experience').fill('22');
    await mentorPage.getByLabel('Years of experience').blur();
    await mentorPage.getByText('Your answers meet the program’s rules.').waitFor();
    await mentorPage.getByRole('button', { name: 'Submit my application' }).click();
    await mentorPage.getByText('Your application is submitted.').waitFor();

    const introducedAt = await staffPair(program.documentId);
    const introduction = await mailTo(menteeEmail, /^Meet your/, introducedAt);
    await menteePage.goto(linkIn(introduction));
    await menteePage.getByRole('link', { name: 'Dr Kenji Sato' }).click();
    expect(await shown(menteePage, 'partner-email')).toBe(mentorEmail);
    expect(await shown(menteePage, 'mentorship-status')).toBe(fr['mentorship.status.active']);
    await check(menteePage, 'international-07-mentorship-fr');
    const mentorIntroduction = await mailTo(mentorEmail, /^Meet your/, introducedAt);
    await mentorPage.goto(linkIn(mentorIntroduction));
    await mentorPage.getByRole('link', { name: 'Amina Diallo' }).click();
    expect(await shown(mentorPage, 'partner-email')).toBe(menteeEmail);
    expect(await shown(mentorPage, 'mentorship-status')).toBe('Active');
  });
});
