import { DEMO_MEMBER_PASSWORD, demoLogins, seedDemo } from '../../database/demo/seed';
import { PROGRAM_STYLES } from '../../cms/shared/vocabulary';
import { startApp, type TestApp } from '../helpers/strapi';

describe('demo association', () => {
  let app: TestApp;
  let first: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    app = await startApp();
    first = await seedDemo(app.strapi, { log: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const count = (uid: string, where: Record<string, unknown> = {}) => app.strapi.db.query(uid as 'plugin::mentorship.profile').count({ where });

  it('when seeded, then there is one open program of each style with both profile types', async () => {
    const response = await app.http().get('/api/mentorship/programs').expect(200);
    const styles = response.body.data.map((program: { style: string }) => program.style).sort();
    expect(styles).toEqual([...PROGRAM_STYLES].sort());
    expect(await count('plugin::mentorship.profile-type')).toBe(10);
  });

  it('when seeded, then about 150 mentors and 300 mentees exist with varied attributes', async () => {
    expect(first.profiles).toBeGreaterThan(400);
    expect(await count('plugin::mentorship.profile', { role: 'mentor' })).toBe(150);
    expect(await count('plugin::mentorship.profile', { role: 'mentee' })).toBe(300);
    const profiles = (await app.strapi.db.query('plugin::mentorship.profile').findMany({ select: ['answers'], limit: 1000 })) as { answers: Record<string, unknown> }[];
    const countries = new Set(profiles.map((profile) => profile.answers.country).filter(Boolean));
    const regions = new Set(profiles.map((profile) => profile.answers.region).filter(Boolean));
    expect(countries.size).toBeGreaterThanOrEqual(20);
    expect(regions.size).toBeGreaterThanOrEqual(8);
  });

  it('when seeded, then listed mentors appear in the directory listings with public fields only', async () => {
    const listed = await count('plugin::mentorship.profile', { role: 'mentor', profileStatus: 'listed' });
    expect(listed).toBeGreaterThan(50);
    expect(await count('plugin::mentorship.directory-listing', { listed: true })).toBe(listed);
    const listing = (await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { listed: true } })) as { publicAnswers: Record<string, unknown> };
    expect(listing.publicAnswers).not.toHaveProperty('institution');
  });

  it('when seeded, then one program has its guide in French as well as English', async () => {
    const french = await app.http().get('/api/mentorship/programs/global-virtual-mentors?locale=fr').expect(200);
    expect(french.body.data.guide.locale).toBe('fr');
    expect(french.body.data.guide.faq.some((entry: { question: string }) => entry.question.startsWith('Qui peut postuler'))).toBe(true);
    const english = await app.http().get('/api/mentorship/programs/global-virtual-mentors').expect(200);
    expect(english.body.data.guide.faq.some((entry: { question: string }) => entry.question === 'Who can apply as a mentee?')).toBe(true);
  });

  it('when a demo member signs in with the documented password, then a users-permissions JWT comes back', async () => {
    const [login] = demoLogins();
    const response = await app.http().post('/api/auth/local').send({ identifier: login!.email, password: DEMO_MEMBER_PASSWORD }).expect(200);
    expect(typeof response.body.jwt).toBe('string');
    const generated = (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: { $endsWith: '@members.example.org' } } })) as { email: string };
    await app.http().post('/api/auth/local').send({ identifier: generated.email, password: DEMO_MEMBER_PASSWORD }).expect(200);
  });

  it('when seeded a second time, then nothing new is created', async () => {
    const before = {
      profiles: await count('plugin::mentorship.profile'),
      users: await count('plugin::users-permissions.user'),
      faq: await count('plugin::mentorship.faq-entry'),
      templates: await count('plugin::mentorship.email-template'),
    };
    const second = await seedDemo(app.strapi, { log: false });
    expect(second).toEqual({ programs: 0, users: 0, profiles: 0, guide: 0 });
    expect({
      profiles: await count('plugin::mentorship.profile'),
      users: await count('plugin::users-permissions.user'),
      faq: await count('plugin::mentorship.faq-entry'),
      templates: await count('plugin::mentorship.email-template'),
    }).toEqual(before);
  });
});
