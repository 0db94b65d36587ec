import fs from 'fs';
import path from 'path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startMailSink, type MailSink } from '../helpers/mail';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { appDir, appEnv, artifactsDir, openBrowser, removeDatabaseFiles, signInToAdmin } from './env';
import { answerLabels, type ProfileField } from '../../cms/shared/profile-fields';

const SUPER = { email: 'admin@example.org', password: 'Demo-admin-2026' };
const EDITOR = { email: 'eddie.editor@example.org', password: 'Editor-password-2026', firstname: 'Eddie', lastname: 'Editor' };
const EXCHANGE = 'pharmacy-mentor-exchange';
const PROFILE_TYPE = 'plugin::mentorship.profile-type';
const PROGRAM = 'plugin::mentorship.program';
const TEMPLATE = 'plugin::mentorship.email-template';
const PROFILE = 'plugin::mentorship.profile';

type Json = Record<string, unknown>;

/**
 * An editor (Strapi's Editor role plus the plugin's "see" and "manage programs" actions) sets up a
 * program in the built admin: questions, a rule and a criterion as forms, a broken and a previewed
 * template, a program from a style; then a member enrolls over the API against the changes.
 */
describe('editors in the admin panel', () => {
  let server: GroupProcess | undefined;
  let mail: MailSink | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base: string;
  let superToken: string;
  const database = path.join('.tmp', `browser-editor-${Date.now().toString(36)}.db`);
  const userDataDir = fs.mkdtempSync(path.join(appDir, '.tmp', 'chromium-'));

  /** A screenshot of the step, with the part it is about scrolled into view. */
  const shot = async (name: string, focus?: Locator) => {
    await focus?.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifactsDir, `editor-${name}.png`), fullPage: true });
  };

  const api = async (method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Json };
  };

  const documentIdOf = async (uid: string, filters: string): Promise<string> => {
    const found = await api('GET', `/content-manager/collection-types/${uid}?page=1&pageSize=10&${filters}`, undefined, superToken);
    const first = (found.body.results as { documentId: string }[] | undefined)?.[0];
    if (!first) throw new Error(`nothing found for ${uid} ${filters}: ${JSON.stringify(found.body)}`);
    return first.documentId;
  };

  /** Chooses `option` in the design system's select labelled `label` within `scope`. */
  const choose = async (scope: Locator | Page, label: RegExp, option: string) => {
    await scope.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  const save = async () => {
    await page.getByRole('button', { name: 'Save' }).click();
  };

  beforeAll(async () => {
    mail = await startMailSink();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startGroup(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: appDir,
      logFile: path.join(artifactsDir, 'strapi-start-editor.log'),
      env: appEnv({
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_FILENAME: database,
        DEMO_SEED: 'true',
        MATCHER_URL: 'http://127.0.0.1:9',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        SITE_URL: 'http://127.0.0.1:3000',
      }),
    });
    const running = server;
    await waitForHttp(`${base}/_health`, 180000, () => running.child.exitCode === null);

    // The office's super admin gives an editor Strapi's Editor role and the plugin's editor actions.
    superToken = ((await api('POST', '/admin/login', SUPER)).body.data as { token: string }).token;
    const roles = (await api('GET', '/admin/roles', undefined, superToken)).body.data as { id: number; code: string }[];
    const editorRole = roles.find((role) => role.code === 'strapi-editor')!;
    const programEditors = ((await api('POST', '/admin/roles', { name: 'Program editors', description: 'Edit mentorship programs' }, superToken)).body.data as { id: number }).id;
    const granted = await api(
      'PUT',
      `/admin/roles/${programEditors}/permissions`,
      { permissions: ['plugin::mentorship.read', 'plugin::mentorship.programs.manage'].map((action) => ({ action, subject: null, properties: {}, conditions: [] })) },
      superToken,
    );
    expect(granted.status).toBe(200);
    const invited = await api('POST', '/admin/users', { firstname: EDITOR.firstname, lastname: EDITOR.lastname, email: EDITOR.email, roles: [editorRole.id, programEditors] }, superToken);
    const registrationToken = (invited.body.data as { registrationToken: string }).registrationToken;
    expect((await api('POST', '/admin/register', { registrationToken, userInfo: { firstname: EDITOR.firstname, lastname: EDITOR.lastname, password: EDITOR.password } })).status).toBe(200);

    ({ context, page } = await openBrowser(userDataDir, { width: 1440, height: 1000 }));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    await mail?.stop();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    removeDatabaseFiles(database);
  });

  it('when an editor changes questions, a rule, a criterion, templates and makes a program, then members meet the changes', async () => {
    await signInToAdmin(page, base, EDITOR);

    // Questions of the exchange's mentee profile, as a form.
    const exchangeId = await documentIdOf(PROGRAM, `filters[slug][$eq]=${EXCHANGE}`);
    const menteeTypeId = await documentIdOf(PROFILE_TYPE, `filters[program][documentId][$eq]=${exchangeId}&filters[role][$eq]=mentee`);
    const typeUrl = `${base}/admin/content-manager/collection-types/${PROFILE_TYPE}/${menteeTypeId}`;
    await page.goto(typeUrl);
    const editor = page.getByTestId('questions-editor');
    await editor.waitFor();
    await shot('01-questions-form');

    const school = page.getByTestId('question-4');
    await school.getByRole('textbox', { name: /^Question/ }).fill('School or workplace');

    await page.getByRole('button', { name: 'Add a question' }).click();
    const added = page.getByTestId('question-5');
    await added.getByRole('textbox', { name: /^Question/ }).fill('How would you like to meet?');
    await choose(added, /Kind of answer/, 'One of a list');
    for (const [index, label] of ['Video call', 'Phone', 'In person'].entries()) {
      await added.getByRole('button', { name: 'Add option' }).click();
      await added.getByTestId(`question-5-option-${index}`).getByRole('textbox', { name: /Label members see/ }).fill(label);
    }
    // Region before practice interests.
    await page.getByTestId('question-2').getByRole('button', { name: 'Move up' }).click();
    expect(await page.getByTestId('question-1').getByRole('textbox', { name: /^Question/ }).inputValue()).toBe('Region');
    await shot('02-questions-edited', page.getByTestId('question-5'));
    await save();
    await page.getByText('Saved document').first().waitFor();

    await page.reload();
    await editor.waitFor();
    expect(await page.getByTestId('question-4').getByRole('textbox', { name: /^Question/ }).inputValue()).toBe('School or workplace');
    expect(await page.getByTestId('question-1').getByRole('textbox', { name: /^Question/ }).inputValue()).toBe('Region');
    expect(await page.getByTestId('question-5').getByRole('textbox', { name: /^Question/ }).inputValue()).toBe('How would you like to meet?');
    await shot('03-questions-after-reload', page.getByTestId('question-5'));
    const storedType = (await api('GET', `/content-manager/collection-types/${PROFILE_TYPE}/${menteeTypeId}`, undefined, superToken)).body.data as { fields: { key: string; kind: string; options?: { value: string }[] }[] };
    expect(storedType.fields.map((field) => field.key)).toEqual(['careerPath', 'region', 'practiceInterests', 'graduationYear', 'school', 'howWouldYouLikeToMeet']);
    expect(storedType.fields[5]).toMatchObject({ kind: 'single-choice', options: [{ value: 'video-call' }, { value: 'phone' }, { value: 'in-person' }] });

    // Reorder by dragging: the graduation year's handle dropped on the first question puts it first.
    const label = (index: number) => page.getByTestId(`question-${index}`).getByRole('textbox', { name: /^Question/ }).inputValue();
    expect(await label(3)).toBe('Graduation year (or expected)');
    // The browser's drag events on the handle and the first question, carrying one DataTransfer as a drag
    // does (headless Chromium starts no native drag from mouse events here).
    const dataTransfer = await page.evaluateHandle('new DataTransfer()');
    const dragHandle = page.getByTestId('question-3').getByTitle('Drag to move');
    const dropOn = page.getByTestId('question-0').getByRole('heading');
    await dragHandle.dispatchEvent('dragstart', { dataTransfer });
    await dropOn.dispatchEvent('dragenter', { dataTransfer });
    await dropOn.dispatchEvent('dragover', { dataTransfer });
    await dropOn.dispatchEvent('drop', { dataTransfer });
    await dragHandle.dispatchEvent('dragend', { dataTransfer });
    expect([await label(0), await label(1)]).toEqual(['Graduation year (or expected)', 'Career path I am interested in']);
    await shot('03b-questions-dragged', page.getByTestId('question-0'));
    await save();
    await page.getByText('Saved document').first().waitFor();
    await page.reload();
    await editor.waitFor();
    expect([await label(0), await label(1), await label(2)]).toEqual(['Graduation year (or expected)', 'Career path I am interested in', 'Region']);
    const dragged = (await api('GET', `/content-manager/collection-types/${PROFILE_TYPE}/${menteeTypeId}`, undefined, superToken)).body.data as { fields: { key: string }[] };
    expect(dragged.fields.map((field) => field.key)).toEqual(['graduationYear', 'careerPath', 'region', 'practiceInterests', 'school', 'howWouldYouLikeToMeet']);

    // A rule and a criterion on the program, choosing questions rather than typing them.
    await page.goto(`${base}/admin/content-manager/collection-types/${PROGRAM}/${exchangeId}`);
    await page.getByTestId('rules-editor').waitFor();
    // Style and status read as words, the stored values stay as they are.
    expect((await page.getByRole('combobox', { name: /^Program style/ }).innerText()).trim()).toBe('Mentor exchange');
    expect((await page.getByRole('combobox', { name: /^Status/ }).innerText()).trim()).toBe('Open');
    await page.getByRole('combobox', { name: /^Program style/ }).click();
    await page.getByRole('option', { name: 'Open directory with discovery call' }).waitFor();
    await shot('04a-style-labels');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByTestId('rule-0');
    await choose(rule, /^Question/, 'How would you like to meet?');
    await choose(rule, /^Condition/, 'is not');
    await choose(rule, /^Value/, 'Phone');
    await rule.getByRole('textbox', { name: /Message when not met/ }).fill('This exchange does not offer phone-only mentoring.');
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    const criterion = page.getByTestId('criterion-3');
    await criterion.getByRole('textbox', { name: /Name shown to staff/ }).fill('Same workplace');
    await choose(criterion, /Mentee's question/, 'School or workplace');
    await choose(criterion, /Mentor's question/, 'Employer');
    await shot('04-rule-and-criterion', rule);
    await save();
    await page.getByText('Saved document').first().waitFor();
    await page.reload();
    await page.getByTestId('rules-editor').waitFor();
    await page.getByTestId('rule-0').getByText('This exchange does not offer phone-only mentoring.').first().waitFor();
    await page.getByTestId('criterion-3').getByText('Same workplace').first().waitFor();
    await shot('05-program-after-reload', page.getByTestId('criterion-3'));

    // Preview the enrollment form and test the rule against typed answers.
    await page.goto(`${base}/admin/plugins/mentorship/programs/${exchangeId}/try`);
    await page.getByTestId('enrollment-preview').getByText('How would you like to meet?').waitFor();
    await choose(page.getByTestId('enrollment-preview'), /How would you like to meet\?/, 'Phone');
    await page.getByRole('button', { name: 'Test the rules' }).click();
    await page.getByTestId('rule-outcomes').getByText('This exchange does not offer phone-only mentoring.').waitFor();
    expect((await page.getByTestId('rules-verdict').innerText()).trim()).toBe('These answers would be turned away.');
    await shot('06-try-the-rules');

    // A mentor's answers as the form of the mentor questions: choices by their labels, checkboxes, errors on the question.
    const omarId = await documentIdOf(PROFILE, `filters[program][documentId][$eq]=${exchangeId}&filters[role][$eq]=mentor&filters[displayName][$eq]=Omar%20Lindqvist`);
    const mentorTypeId = await documentIdOf(PROFILE_TYPE, `filters[program][documentId][$eq]=${exchangeId}&filters[role][$eq]=mentor`);
    const mentorFields = ((await api('GET', `/content-manager/collection-types/${PROFILE_TYPE}/${mentorTypeId}`, undefined, superToken)).body.data as { fields: ProfileField[] }).fields;
    const storedAnswers = async () => ((await api('GET', `/content-manager/collection-types/${PROFILE}/${omarId}`, undefined, superToken)).body.data as { answers: Record<string, unknown> }).answers;
    const before = await storedAnswers();
    await page.goto(`${base}/admin/content-manager/collection-types/${PROFILE}/${omarId}`);
    const answersForm = page.getByTestId('answers-editor');
    await answersForm.getByRole('combobox', { name: /^Region/ }).waitFor();
    const regionField = mentorFields.find((field) => field.key === 'region')!;
    expect((await answersForm.getByRole('combobox', { name: /^Region/ }).innerText()).trim()).toBe(answerLabels(regionField, before.region as string)[0]);
    expect((await page.getByRole('combobox', { name: /^Status/ }).innerText()).trim()).toBe('Listed in the directory');
    const interests = mentorFields.find((field) => field.key === 'practiceInterests')!;
    const newInterest = interests.options!.find((option) => !(before.practiceInterests as string[]).includes(option.value))!;
    await answersForm.getByRole('checkbox', { name: newInterest.label, exact: true }).click();
    const years = answersForm.getByLabel(/^Years in practice/);
    await years.fill('75');
    await shot('06a-answers-form', answersForm);
    await save();
    await answersForm.getByText('must be at most 60').waitFor();
    expect(await years.inputValue()).toBe('75');
    expect(await answersForm.getByRole('checkbox', { name: newInterest.label, exact: true }).isChecked()).toBe(true);
    await shot('06b-answers-error-on-question', years);
    expect((await storedAnswers()).yearsExperience).toBe(before.yearsExperience);
    await years.fill('12');
    await save();
    await page.getByText('Saved document').first().waitFor();
    await page.reload();
    await answersForm.getByRole('checkbox', { name: newInterest.label, exact: true }).waitFor();
    expect(await answersForm.getByRole('checkbox', { name: newInterest.label, exact: true }).isChecked()).toBe(true);
    await shot('06c-answers-after-reload', answersForm);
    const after = await storedAnswers();
    expect(after.yearsExperience).toBe(12);
    expect(after.practiceInterests).toEqual(interests.options!.map((option) => option.value).filter((value) => value === newInterest.value || (before.practiceInterests as string[]).includes(value)));

    // A broken template is refused on its field, and the edit stays.
    const templateId = await documentIdOf(TEMPLATE, 'filters[key][$eq]=request.declined&filters[program][id][$null]=true');
    await page.goto(`${base}/admin/content-manager/collection-types/${TEMPLATE}/${templateId}`);
    await page.getByTestId('template-preview').waitFor();
    await shot('07-template-open', page.getByTestId('template-preview'));
    await page.getByTestId('template-preview').getByText('Hello Dr Amara Okafor,').first().waitFor();
    await shot('07-template-preview', page.getByTestId('preview-text'));
    const html = page.getByRole('textbox', { name: /^HTML body/ });
    const broken = '<p>Hello {{recipient.name}},</p>\n<p>{{#if request.reason}}Their reason: {{request.reason}}</p>';
    await html.fill(broken);
    await page.getByTestId('template-preview').getByRole('alert').getByText(/line 2, column \d+: the template ends while a block or a tag is still open/).waitFor();
    await save();
    // the error is on the field itself (described by it), not only in a toast or the preview
    await page.getByRole('textbox', { name: /^HTML body/ }).and(page.locator('[aria-invalid="true"]')).waitFor();
    const describedBy = (await html.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText().catch(() => '')));
    expect(descriptions.join('\n')).toMatch(/line 2, column \d+: the template ends while a block or a tag is still open/);
    expect(await html.inputValue()).toBe(broken);
    await shot('08-template-error-on-field', html);
    await html.fill('<p>Hello {{recipient.name}},</p>\n<p>{{#if request.reason}}Their reason: {{request.reason}}{{/if}}</p>');
    await page.getByTestId('template-preview').locator('iframe').waitFor();
    const frame = page.frameLocator('[data-testid="preview-html"]');
    await frame.getByText('Their reason: My practice is full until the spring.').waitFor();
    await shot('09-template-fixed-preview', page.getByTestId('preview-html'));
    await save();
    await page.getByText('Saved document').first().waitFor();

    // A new program from a style.
    await page.goto(`${base}/admin/plugins/mentorship`);
    await page.getByRole('button', { name: 'New program' }).click();
    await page.getByRole('textbox', { name: /Program name/ }).fill('Autumn Pharmacy Cohort');
    await page.getByRole('radio', { name: /Guided cohort/ }).click();
    await shot('10-new-program-dialog');
    await page.getByRole('button', { name: 'Create draft program' }).click();
    await page.waitForURL(/content-manager\/collection-types\/plugin::mentorship\.program\/[a-z0-9]+/);
    await page.getByTestId('criteria-editor').getByText('Same region').first().waitFor();
    expect(await page.getByRole('textbox', { name: /^Name/ }).first().inputValue()).toBe('Autumn Pharmacy Cohort');
    await shot('11-new-program');

    // A member enrolls against the changed questions and meets the new rule.
    const member = await api('POST', '/api/auth/local/register', { username: 'pat-phone', email: 'pat.phone@example.org', password: 'Member-password-2026' });
    const jwt = member.body.jwt as string;
    const answers = { careerPath: 'community', practiceInterests: ['oncology'], region: 'europe', school: 'Lyon School of Pharmacy' };
    const refused = await api('POST', `/api/mentorship/programs/${EXCHANGE}/profiles`, { role: 'mentee', displayName: 'Pat', answers: { ...answers, howWouldYouLikeToMeet: 'phone' } }, jwt);
    expect(refused.status).toBe(403);
    expect((refused.body.error as { message: string }).message).toBe('This exchange does not offer phone-only mentoring.');
    const accepted = await api('POST', `/api/mentorship/programs/${EXCHANGE}/profiles`, { role: 'mentee', displayName: 'Pat', answers: { ...answers, howWouldYouLikeToMeet: 'video-call' } }, jwt);
    expect(accepted.status).toBe(201);
  });
});
