import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startMailSink, type CapturedMail, type MailSink } from '../helpers/mail';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { appDir, appEnv, artifactsDir, CHROMIUM } from './env';
import { checkMemberPage, memberPage } from './member-pages';

/** The demo's members all share this password (database/demo/seed.ts). */
const DEMO_PASSWORD = 'Demo-member-2026';
const NEW_PASSWORD = 'Portal-member-2026';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

describe('members in the portal', () => {
  let server: GroupProcess | undefined;
  let matcher: RunningMatcher | undefined;
  let mail: MailSink;
  let browser: Browser | undefined;
  let base: string;
  const contexts: BrowserContext[] = [];
  const database = path.join('.tmp', `portal-browser-${Date.now().toString(36)}.db`);
  const checked: { name: string; violations: string[] }[] = [];

  const member = (): Promise<Page> => memberPage(browser!, contexts);

  const check = (page: Page, name: string) => checkMemberPage(page, name, checked);

  const mailTo = (address: string, subject: RegExp, after = 0): Promise<CapturedMail> =>
    mail.waitFor((message) => message.to.includes(address.toLowerCase()) && subject.test(message.subject) && mail.messages.indexOf(message) >= after, 20000);

  /** The portal link in an e-mail, made to point at this run's server (SITE_URL is the server here). */
  const linkIn = (message: CapturedMail) => {
    const link = /https?:\/\/[^\s"<>]+\/mentoring[^\s"<>]*/.exec(message.text)?.[0];
    expect(link).toBeTruthy();
    expect(link!.startsWith(`${base}/mentoring`)).toBe(true);
    return link!;
  };

  const signUp = async (page: Page, name: string) => {
    const email = `${name}@portal.example.org`;
    await page.goto(`${base}/mentoring`);
    await check(page, `${name}-01-home`);
    await page.getByRole('link', { name: 'Create an account' }).first().click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await check(page, `${name}-02-sign-up`);
    await page.getByLabel('Username').fill(name);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('Your account is ready').waitFor();
    return email;
  };

  /** A demo member follows an e-mail link, signs in on the way, and lands on the page it speaks of. */
  const followAsDemoMember = async (page: Page, link: string, email: string) => {
    await page.goto(link);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail or username').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href === link);
  };

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    for (const file of fs.readdirSync(artifactsDir)) if (file.startsWith('portal-') && file.endsWith('.png')) fs.rmSync(path.join(artifactsDir, file));
    mail = await startMailSink();
    matcher = await startMatcher('browser-matcher-token');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startGroup(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: appDir,
      logFile: path.join(artifactsDir, 'strapi-start-portal.log'),
      env: appEnv({
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_FILENAME: database,
        DEMO_SEED: 'true',
        MATCHER_URL: matcher.url,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        SITE_URL: base,
      }),
    });
    const running = server;
    await waitForHttp(`${base}/_health`, 180000, () => running.child.exitCode === null);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await matcher?.stop();
    await mail?.stop();
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, database + suffix), { force: true });
    fs.writeFileSync(path.join(artifactsDir, 'portal-axe.json'), JSON.stringify(checked, null, 2));
  });

  it('when a new member signs up, enrolls as a mentee in the mentor exchange, asks a mentor who accepts, then both reach an active mentorship through the e-mails\' links', async () => {
    const page = await member();
    const email = await signUp(page, 'priya');

    await page.getByRole('link', { name: 'Pharmacy Mentor Exchange' }).click();
    await page.getByRole('heading', { name: 'How it works' }).waitFor();
    await check(page, 'exchange-03-program');
    await page.getByRole('link', { name: 'Using the mentor exchange' }).click();
    await page.getByRole('heading', { name: 'Using the mentor exchange' }).waitFor();
    await check(page, 'exchange-04-guide-page');
    await page.goBack();

    // Enroll: an incomplete draft first, then the complete application.
    await page.getByRole('link', { name: 'Apply as a mentee' }).click();
    await page.getByRole('heading', { name: /Apply as a mentee/ }).waitFor();
    await check(page, 'exchange-05-enroll');
    await page.getByLabel('Your name as others will see it').fill('Priya Raman');
    await page.getByRole('group', { name: /Practice interests/ }).getByLabel('Oncology').check();
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByText('Your draft is saved').waitFor();
    expect(await page.getByTestId('profile-status').innerText()).toBe('Draft');
    await check(page, 'exchange-06-draft');
    await page.getByRole('button', { name: 'Submit my application' }).click();
    await page.getByRole('alert').getByText(/is required/).first().waitFor();
    await check(page, 'exchange-07-missing-answers');
    await page.getByRole('group', { name: /Career path I am interested in/ }).getByLabel('Community pharmacy').check();
    await page.getByLabel('Region').selectOption('europe');
    await page.getByRole('button', { name: 'Submit my application' }).click();
    await page.getByText('Your application is submitted').waitFor();
    expect(await page.getByTestId('profile-status').innerText()).toBe('Approved');

    // The directory: matched to the new profile, with reasons, filtered by a facet.
    await page.goto(`${base}/mentoring/programs/pharmacy-mentor-exchange/mentors`);
    await page.getByText('Ordered by how well each mentor matches your profile.').waitFor();
    await page.locator('.mentor-card ul.reasons li').first().waitFor();
    await check(page, 'exchange-08-directory');
    await page.getByRole('radio', { name: /Taking mentees now/ }).check();
    await page.waitForURL(/availability=available/);
    await page.getByRole('group', { name: 'Practice interests' }).getByRole('checkbox', { name: /Oncology/ }).check();
    await page.waitForURL(/filters/);
    await page.getByTestId('mentor-card').first().waitFor();
    await check(page, 'exchange-09-directory-filtered');
    const mentorName = (await page.getByTestId('mentor-card').first().getByRole('heading').innerText()).trim();
    await page.getByTestId('mentor-card').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: mentorName, level: 1 }).waitFor();
    await check(page, 'exchange-10-mentor');

    await page.getByRole('link', { name: 'Ask this mentor' }).click();
    await page.getByRole('heading', { name: /Ask for a mentor/ }).waitFor();
    await check(page, 'exchange-11-ask');
    await page.getByLabel('Your message').fill('I am moving from community pharmacy into oncology and would value your advice.');
    const before = mail.messages.length;
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.getByText(`Your request is sent to ${mentorName}`).waitFor();
    expect(await page.getByTestId('request-status').first().innerText()).toBe('Waiting for an answer');
    await check(page, 'exchange-12-my-requests');

    // The mentor reads the e-mail, follows its link to the inbox and accepts.
    const received = await mail.waitFor((message) => mail.messages.indexOf(message) >= before && message.subject.includes('Priya Raman'), 20000);
    const mentorEmail = received.to[0]!;
    // The demo's exchange shares the requester's contact: the mentor is given her name and e-mail address.
    expect(received.text).toContain(`You can reach Priya Raman at ${email}.`);
    const mentorPage = await member();
    await followAsDemoMember(mentorPage, linkIn(received), mentorEmail);
    await mentorPage.getByRole('heading', { name: 'Requests to me' }).waitFor();
    const card = mentorPage.getByTestId('request').filter({ hasText: 'Priya Raman' });
    await card.getByText('I am moving from community pharmacy').waitFor();
    expect(await card.getByTestId('request-contact').innerText()).toContain(email);
    await check(mentorPage, 'exchange-13-inbox');
    await card.getByRole('button', { name: 'Accept' }).click();
    await mentorPage.getByText('your mentorship has begun').waitFor();
    expect(await mentorPage.getByTestId('mentorship-status').innerText()).toBe('Active');
    expect(await mentorPage.getByTestId('partner-email').innerText()).toBe(email);
    await check(mentorPage, 'exchange-14-mentorship-mentor');

    // The mentee follows the acceptance e-mail to the mentorship: contact, plan, a check-in as progress.
    const accepted = await mailTo(email, /accepted/);
    await page.goto(linkIn(accepted));
    await page.getByRole('heading', { name: 'My mentorships' }).waitFor();
    await check(page, 'exchange-15-mentorships');
    await page.getByRole('link', { name: mentorName }).click();
    expect(await page.getByTestId('partner-email').innerText()).toBe(mentorEmail);
    await page.getByLabel('Objective 1').fill('Shadow an oncology pharmacist');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('The plan is saved.').waitFor();
    expect(await page.getByLabel('Objective 1').inputValue()).toBe('Shadow an oncology pharmacist');
    await page.getByLabel('Minutes').fill('45');
    await page.getByRole('button', { name: 'Log a check-in' }).click();
    await page.getByText('Your check-in is logged.').waitFor();
    await page.getByText('0.75 of 1 hours logged this month').waitFor();
    expect(await page.locator('progress').getAttribute('value')).toBe('0.75');
    await check(page, 'exchange-16-mentorship-mentee');

    // The French switch keeps the member on the same page.
    await page.getByRole('link', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Plan de mentorat' }).waitFor();
    await check(page, 'exchange-17-mentorship-fr');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Mentoring plan' }).waitFor();
  });

  it('when a mentee names three ranked mentors and each declines from the inbox, then the request moves down the list and reaches the program office, each step told by e-mail', async () => {
    const page = await member();
    const email = await signUp(page, 'tomas');
    await page.goto(`${base}/mentoring/programs/medical-education-mentoring`);
    await page.getByRole('link', { name: 'Apply as a mentee' }).click();
    await page.getByLabel('Your name as others will see it').fill('Tomás Ruiz');
    await page.getByRole('group', { name: /^I am/ }).getByLabel('Students').check();
    await page.getByRole('group', { name: /What I would like support with/ }).getByLabel('Teaching').check();
    await page.getByRole('group', { name: /Professional background/ }).getByLabel('Medicine').check();
    await page.getByLabel('Country').selectOption('ES');
    await page.getByRole('button', { name: 'Submit my application' }).click();
    await page.getByText('Your application is submitted').waitFor();

    // The programme office reviews the application before the request goes to the first choice.
    const staffApi = async (route: string, body?: unknown, token?: string) => {
      const response = await fetch(`${base}${route}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { data: unknown };
    };
    const { token } = (await staffApi('/admin/login', { email: 'admin@example.org', password: 'Demo-admin-2026' })).data as { token: string };
    const applications = (await staffApi('/mentorship/programs/medical-education-mentoring/applications?role=mentee', undefined, token)).data as { documentId: string; displayName: string }[];
    const application = applications.find((entry) => entry.displayName === 'Tomás Ruiz')!;
    await staffApi(`/mentorship/applications/${application.documentId}/review`, { decision: 'approve' }, token);
    await mailTo(email, /application was approved/);

    await page.goto(`${base}/mentoring/programs/medical-education-mentoring/ask`);
    await page.getByRole('heading', { name: /Ask for a mentor/ }).waitFor();
    for (const position of [1, 2, 3]) {
      const select = page.getByLabel(`Choice ${position}`, { exact: true });
      const value = await select.locator('option').nth(position).getAttribute('value');
      await select.selectOption(value!);
    }
    // Reorder with the keyboard-reachable buttons: the first choice moves down to second and back.
    const first = await page.getByLabel('Choice 1', { exact: true }).inputValue();
    const second = await page.getByLabel('Choice 2', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Move down: Choice 1' }).click();
    expect(await page.getByLabel('Choice 1', { exact: true }).inputValue()).toBe(second);
    await page.getByRole('button', { name: 'Move up: Choice 2' }).click();
    expect(await page.getByLabel('Choice 1', { exact: true }).inputValue()).toBe(first);
    await page.getByLabel('Your message').fill('I teach first-year students and want to improve my assessment practice.');
    await check(page, 'cascade-01-ask');
    const sentAt = mail.messages.length;
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.getByText('Your request is sent to').waitFor();
    await page.getByTestId('request').first().locator('ol li').nth(2).waitFor();
    await check(page, 'cascade-02-requests');

    const declined: string[] = [];
    let after = sentAt;
    for (let step = 0; step < 3; step += 1) {
      const received = await mail.waitFor(
        (message) => mail.messages.indexOf(message) >= after && message.subject.includes('Tomás Ruiz') && !declined.includes(message.to[0]!),
        20000,
      );
      const mentorEmail = received.to[0]!;
      const mentorPage = await member();
      await followAsDemoMember(mentorPage, linkIn(received), mentorEmail);
      const card = mentorPage.getByTestId('request').filter({ hasText: 'Tomás Ruiz' });
      await card.getByLabel(/Reason for declining/).fill(`My diary is full this term (${step + 1})`);
      if (step === 0) await check(mentorPage, 'cascade-03-inbox');
      after = mail.messages.length;
      await card.getByRole('button', { name: 'Decline' }).click();
      await mentorPage.getByText('You declined the request').waitFor();
      declined.push(mentorEmail);
      if (step < 2) {
        const forwarded = await mailTo(email, /moved to your next choice/, after);
        expect(linkIn(forwarded)).toBe(`${base}/mentoring/requests`);
      }
      await mentorPage.context().close();
    }
    expect(new Set(declined).size).toBe(3);

    const escalated = await mailTo(email, /We will help you find a mentor/);
    await page.goto(linkIn(escalated));
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    expect(await page.getByTestId('request-status').first().innerText()).toBe('With the program office');
    await check(page, 'cascade-04-escalated');
  });

  it('when a mentee asks an open-directory mentor for a discovery call, then accepting it shares both contacts; her formal request and both acceptances of the partnership agreement make the mentorship active and both are introduced', async () => {
    const page = await member();
    const email = await signUp(page, 'ines');
    await page.goto(`${base}/mentoring/programs/lab-sciences-open-mentoring`);
    await page.getByRole('link', { name: 'Apply as a mentee' }).click();
    await page.getByLabel('Your name as others will see it').fill('Inès Laurent');
    await page.getByRole('group', { name: /Specialties I work in or aim for/ }).getByLabel('Microbiology').check();
    await page.getByRole('group', { name: /Career stage/ }).getByLabel('Early career (under 5 years)').check();
    await page.getByRole('group', { name: /What I would like help with/ }).getByLabel('Getting started in research').check();
    await page.getByLabel('Country').selectOption('FR');
    await page.getByLabel('Languages').selectOption(['en', 'fr']);
    await page.getByRole('button', { name: 'Submit my application' }).click();
    await page.getByText('Your application is submitted').waitFor();

    await page.goto(`${base}/mentoring/programs/lab-sciences-open-mentoring/mentors?availability=available`);
    await page.getByTestId('mentor-card').first().getByRole('link').first().click();
    const mentorName = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    const mentorUrl = page.url();
    await page.getByRole('link', { name: 'Ask this mentor' }).click();
    expect(await page.getByRole('radio', { name: 'A discovery call' }).isChecked()).toBe(true);
    await page.getByLabel('Your message').fill('Could we talk for half an hour about starting in microbiology research?');
    const before = mail.messages.length;
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.getByText(`Your request is sent to ${mentorName}`).waitFor();
    await page.getByText('A discovery call').first().waitFor();

    const received = await mail.waitFor((message) => mail.messages.indexOf(message) >= before && message.subject.includes('Inès Laurent'), 20000);
    const mentorEmail = received.to[0]!;
    const mentorPage = await member();
    await followAsDemoMember(mentorPage, linkIn(received), mentorEmail);
    await mentorPage.getByTestId('request').filter({ hasText: 'Inès Laurent' }).getByRole('button', { name: 'Accept' }).click();
    // The call starts nothing: each is e-mailed the other's contact, which the request shows too.
    await mentorPage.getByText('You accepted the discovery call').waitFor();
    expect(await mentorPage.getByTestId('request').filter({ hasText: 'Inès Laurent' }).getByTestId('request-contact').innerText()).toContain(email);
    const call = await mailTo(email, /^Your discovery call with/);
    expect(call.text).toContain(mentorEmail);

    // After the call, the formal request from the same page.
    await page.goto(mentorUrl);
    await page.getByRole('link', { name: 'Ask this mentor' }).click();
    await page.getByRole('radio', { name: 'A mentoring relationship' }).check();
    await page.getByLabel('Your message').fill('Thank you for the call: would you be my mentor for the year?');
    const beforeFormal = mail.messages.length;
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.getByText(`Your request is sent to ${mentorName}`).waitFor();
    const formal = await mail.waitFor((message) => mail.messages.indexOf(message) >= beforeFormal && message.subject.includes('Inès Laurent'), 20000);
    await mentorPage.goto(linkIn(formal));
    await mentorPage.getByTestId('request').filter({ hasText: 'would you be my mentor' }).getByRole('button', { name: 'Accept' }).click();
    await mentorPage.getByText('your mentorship has begun').waitFor();
    expect(await mentorPage.getByTestId('mentorship-status').innerText()).toBe('Waiting for the agreement');
    await check(mentorPage, 'open-01-agreement-due');
    await mentorPage.getByRole('button', { name: 'I accept the agreement' }).click();
    await mentorPage.getByText('You accepted the agreement.').waitFor();
    expect(await mentorPage.getByTestId('mentorship-status').innerText()).toBe('Waiting for the agreement');

    const due = await mailTo(email, /partnership agreement/);
    await page.goto(linkIn(due));
    await page.getByRole('link', { name: mentorName }).click();
    await page.getByRole('heading', { name: 'Partnership agreement' }).waitFor();
    await page.getByRole('button', { name: 'I accept the agreement' }).click();
    await page.getByText('You accepted the agreement.').waitFor();
    expect(await page.getByTestId('mentorship-status').innerText()).toBe('Active');
    await check(page, 'open-02-active');
    const introduction = await mailTo(email, /^Meet your/);
    expect(introduction.text).toContain(mentorEmail);
  });

  it('when a member who practises in the United States applies to the international program, then the failed rule is shown before and on submitting, in French too, and a corrected application waits for review', async () => {
    const page = await member();
    await signUp(page, 'kofi');
    await page.goto(`${base}/mentoring/programs/global-virtual-mentors`);
    await page.getByRole('link', { name: 'Français' }).click();
    await page.getByText('Qui peut postuler comme mentoré ?').waitFor();
    await page.getByRole('heading', { name: 'Comment ça marche' }).waitFor();
    await check(page, 'international-01-guide-fr');
    await page.getByRole('link', { name: 'Le mentorat sans frontières' }).click();
    await page.getByRole('heading', { name: 'Le mentorat sans frontières' }).waitFor();
    await check(page, 'international-02-guide-page-fr');
    await page.goBack();

    await page.getByRole('link', { name: 'S’inscrire comme mentoré·e' }).click();
    await page.getByLabel('Votre nom tel que les autres le verront').fill('Kofi Mensah');
    await page.locator('input[name="answers[memberType]"][value="full"]').check();
    await page.getByLabel('Year you completed specialty training').fill(String(new Date().getUTCFullYear() - 2));
    await page.getByLabel('Region').selectOption('north-america');
    await page.getByLabel('Languages you are fluent in').selectOption(['en']);
    await page.locator('input[name="answers[priorAward]"][value="none"]').check();
    await page.getByRole('group', { name: /Professional interests/ }).getByRole('checkbox').first().check();
    await page.getByLabel('Short-term objectives').fill('Build a tumour board at my hospital.');
    await page.getByLabel('Country where you train or practise').selectOption('US');
    const rule = 'The programme is for members training or practising outside the United States.';
    await page.locator('[data-eligibility-output]').getByText(rule).waitFor();
    await check(page, 'international-03-eligibility-live');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await page.getByRole('alert').getByRole('listitem').filter({ hasText: rule }).waitFor();
    await check(page, 'international-04-not-eligible');

    await page.getByLabel('Country where you train or practise').selectOption('GH');
    await page.getByLabel('Region').selectOption('africa');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await page.getByText('Votre candidature est envoyée.').waitFor();
    expect(await page.getByTestId('profile-status').innerText()).toBe('Envoyé');
    await check(page, 'international-05-submitted-fr');
  });

  it('when staff set the association\'s name and colour on the admin\'s portal settings page, then the member pages show them', async () => {
    const staff = await member();
    await staff.goto(`${base}/admin/auth/login`);
    await staff.locator('input[name="email"]').fill('admin@example.org');
    await staff.locator('input[name="password"]').fill('Demo-admin-2026');
    await staff.locator('button[type="submit"]').click();
    await staff.waitForURL((url) => !url.pathname.includes('/auth/'));
    await staff.goto(`${base}/admin/settings/mentorship-portal`);
    await staff.getByRole('heading', { name: 'Mentorship portal' }).waitFor();
    await staff.getByLabel('Name shown on every page').fill('Meridian Health Society');
    await staff.getByRole('button', { name: 'Add a link' }).first().click();
    await staff.getByLabel('Label', { exact: true }).first().fill('Our website');
    await staff.getByLabel('Address', { exact: true }).first().fill('https://meridian-health.example.org');
    await staff.getByRole('button', { name: 'Save', exact: true }).click();
    const outcome = await Promise.race([
      staff.getByText('Members see the new settings on their next page.').waitFor().then(() => 'saved'),
      staff.getByText('Not saved').waitFor().then(async () => `not saved: ${await staff.getByRole('alert').first().innerText()}`),
    ]).catch(async (error: Error) => {
      await staff.screenshot({ path: path.join(artifactsDir, 'portal-admin-settings-failed.png'), fullPage: true });
      throw error;
    });
    expect(outcome).toBe('saved');
    await staff.screenshot({ path: path.join(artifactsDir, 'portal-admin-settings.png'), fullPage: true });

    const visitor = await member();
    await visitor.goto(`${base}/mentoring`);
    await visitor.getByRole('link', { name: 'Meridian Health Society' }).waitFor();
    await visitor.getByRole('link', { name: 'Our website' }).waitFor();
    await check(visitor, 'settings-applied');
  });
});
