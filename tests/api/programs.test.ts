import { startApp, type TestApp } from '../helpers/strapi';
import { createProfileType, createProgram, MENTOR_FIELDS } from '../helpers/fixtures';

describe('programs API (association website, read side)', () => {
  let app: TestApp;
  let open: Awaited<ReturnType<typeof createProgram>>;

  beforeAll(async () => {
    app = await startApp();
    open = await createProgram(app.strapi, {
      name: 'Open Exchange',
      slug: 'open-exchange',
      style: 'mentor-exchange',
      programStatus: 'open',
      relationshipMonths: 6,
      renewalAllowed: true,
      staffNotes: 'Budget discussion with the board: confidential.',
      eligibilityRules: [{ field: 'country', operator: 'not-equals', value: 'US', message: 'Practise outside the United States.' }],
      matchingCriteria: [{ name: 'Specialty', kind: 'same', menteeAttribute: 'specialty', mentorAttribute: 'specialty', weight: 3 }],
    });
    await createProfileType(app.strapi, open.documentId, 'mentor');
    await createProfileType(app.strapi, open.documentId, 'mentee', MENTOR_FIELDS.filter((field) => field.key !== 'yearsExperience'));
    await createProgram(app.strapi, { name: 'Closed Cohort', slug: 'closed-cohort', style: 'guided-cohort', programStatus: 'closed' });
    await createProgram(app.strapi, { name: 'Secret Draft', slug: 'secret-draft', style: 'guided-cohort', programStatus: 'draft' });
    await createProgram(app.strapi, { name: 'Old Archive', slug: 'old-archive', style: 'ranked-cascade', programStatus: 'archived' });
    await app.strapi.documents('plugin::mentorship.faq-entry').create({ data: { question: 'Is it free?', answer: 'Yes.', audience: 'both', order: 0 } } as never);
    await app.strapi.documents('plugin::mentorship.faq-entry').create({ data: { question: 'How long?', answer: 'Six months.', audience: 'mentee', order: 1, program: open.documentId } } as never);
    await app.strapi.documents('plugin::mentorship.program-page').create({ data: { title: 'How it works', slug: 'how-it-works', body: '## Steps', program: open.documentId } } as never);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when an anonymous visitor lists programs, then open and closed ones show and drafts and archived ones do not', async () => {
    const response = await app.http().get('/api/mentorship/programs').expect(200);
    expect(response.body.data.map((program: { slug: string }) => program.slug)).toEqual(['closed-cohort', 'open-exchange']);
    expect(response.body.meta.total).toBe(2);
  });

  it('when a program is read, then it carries profile types and guide content but no staff notes or matching weights', async () => {
    const response = await app.http().get('/api/mentorship/programs/open-exchange').expect(200);
    const program = response.body.data;
    expect(program).toMatchObject({ name: 'Open Exchange', status: 'open', relationshipMonths: 6, renewalAllowed: true, enrollment: { openNow: true } });
    expect(program.profileTypes.map((type: { role: string }) => type.role).sort()).toEqual(['mentee', 'mentor']);
    expect(program.profileTypes.find((type: { role: string }) => type.role === 'mentor').fields.map((field: { key: string }) => field.key)).toContain('specialty');
    expect(program.guide.faq.map((entry: { question: string; global: boolean }) => [entry.question, entry.global])).toEqual([
      ['Is it free?', true],
      ['How long?', false],
    ]);
    expect(program.guide.pages[0]).toMatchObject({ title: 'How it works', slug: 'how-it-works' });
    expect(program.eligibility).toEqual([{ field: 'country', role: 'mentee', message: 'Practise outside the United States.' }]);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('Budget discussion');
    expect(text).not.toContain('staffNotes');
    expect(text).not.toContain('matchingCriteria');
  });

  it('when a draft or archived program is asked for by slug, then it is not found', async () => {
    await app.http().get('/api/mentorship/programs/secret-draft').expect(404);
    await app.http().get('/api/mentorship/programs/old-archive').expect(404);
    await app.http().get('/api/mentorship/programs/no-such-program').expect(404);
  });

  it('when the slug or the query is malformed, then a 400 names it', async () => {
    const badSlug = await app.http().get('/api/mentorship/programs/Not%20A%20Slug').expect(400);
    expect(badSlug.body.error.details.errors[0].path).toEqual(['slug']);
    const badQuery = await app.http().get('/api/mentorship/programs?sort=evil').expect(400);
    expect(badQuery.body.error.message).toContain('sort');
    const badLocale = await app.http().get('/api/mentorship/programs/open-exchange?locale=<script>').expect(400);
    expect(badLocale.body.error.details.errors[0].path).toEqual(['locale']);
  });

  it('when a member checks eligibility, then every failing rule comes back with its message', async () => {
    const failing = await app.http().post('/api/mentorship/programs/open-exchange/eligibility').send({ role: 'mentee', answers: { country: 'US' } }).expect(200);
    expect(failing.body.data).toEqual({ eligible: false, outcomes: [{ field: 'country', operator: 'not-equals', passed: false, message: 'Practise outside the United States.' }] });
    const passing = await app.http().post('/api/mentorship/programs/open-exchange/eligibility').send({ role: 'mentee', answers: { country: 'KE' } }).expect(200);
    expect(passing.body.data.eligible).toBe(true);
  });

  it('when eligibility answers are of the wrong kind or the role is unknown, then a 400 names the field', async () => {
    const wrongKind = await app.http().post('/api/mentorship/programs/open-exchange/eligibility').send({ role: 'mentee', answers: { country: 'Kenya' } }).expect(400);
    expect(wrongKind.body.error.details.errors[0].path).toEqual(['answers', 'country']);
    const badRole = await app.http().post('/api/mentorship/programs/open-exchange/eligibility').send({ role: 'sponsor', answers: {} }).expect(400);
    expect(badRole.body.error.details.errors[0].path).toEqual(['role']);
  });
});
