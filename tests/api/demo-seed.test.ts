import { DEMO_MEMBER_PASSWORD, demoLogins, seedDemo } from '../../database/demo/seed';
import { PROGRAM_STYLES } from '../../cms/shared/vocabulary';
import { startApp, type TestApp } from '../helpers/strapi';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';
import type { EscalationView, ProgramDashboard, RunSummary, StaffMentorshipView } from '../../cms/shared/contracts/staff';
import type { AdminProgramOverview } from '../../cms/shared/contracts/admin';

describe('demo association', () => {
  let app: TestApp;
  let first: Awaited<ReturnType<typeof seedDemo>>;
  let staff: AdminSession;

  // Loading the whole association (about 450 profiles and their history) is the slowest setup of the
  // suite: it is given room, so that a busy machine makes it slow, never failed.
  beforeAll(async () => {
    app = await startApp();
    first = await seedDemo(app.strapi, { log: false });
    staff = await superAdmin(app.strapi);
  }, 600_000);
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

  it('when seeded, then requests exist in every state and mentorships at every stage', async () => {
    for (const requestStatus of ['open', 'accepted', 'declined', 'expired', 'escalated', 'withdrawn']) {
      expect({ requestStatus, some: (await count('plugin::mentorship.request', { requestStatus })) > 0 }).toEqual({ requestStatus, some: true });
    }
    expect(await count('plugin::mentorship.mentorship', { mentorshipStatus: 'active' })).toBeGreaterThanOrEqual(20);
    for (const mentorshipStatus of ['pending-agreement', 'completed', 'ended']) {
      expect(await count('plugin::mentorship.mentorship', { mentorshipStatus })).toBeGreaterThan(0);
    }
    const today = new Date();
    const soon = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(await count('plugin::mentorship.mentorship', { mentorshipStatus: 'active', endDate: { $gte: today.toISOString().slice(0, 10), $lte: soon } })).toBeGreaterThan(0);
    expect(await count('plugin::mentorship.check-in')).toBeGreaterThan(60);
    const planned = (await app.strapi.db.query('plugin::mentorship.mentorship').findMany({ where: { mentorshipStatus: 'active' }, select: ['plan'] })) as { plan: { objectives: unknown[] } | null }[];
    expect(planned.every((row) => (row.plan?.objectives.length ?? 0) >= 2)).toBe(true);
  });

  it('when staff open each program after the first start, then the dashboard, queues, runs and mentorships show real activity', async () => {
    const get = async <T>(url: string) => (await app.http().get(url).set(staff.auth).expect(200)).body.data as T;
    const open = await get<ProgramDashboard>('/mentorship/programs/lab-sciences-open-mentoring/dashboard');
    expect(open.counts).toMatchObject({ openRequests: expect.any(Number), activeMentorships: expect.any(Number) });
    expect(open.counts.openRequests).toBeGreaterThanOrEqual(3);
    expect(open.counts.overdueRequests).toBeGreaterThanOrEqual(1);
    expect(open.counts.activeMentorships).toBeGreaterThanOrEqual(5);
    expect(open.counts.belowEngagement).toBeGreaterThanOrEqual(1);

    const escalations = await get<EscalationView[]>('/mentorship/programs/medical-education-mentoring/escalations');
    expect(escalations.length).toBeGreaterThanOrEqual(1);
    expect(escalations[0]!.choices).toHaveLength(3);

    for (const slug of ['student-guided-cohort', 'global-virtual-mentors']) {
      const runs = await get<RunSummary[]>(`/mentorship/programs/${slug}/runs`);
      expect(runs.map((run) => run.status)).toContain('approved');
      const approved = runs.find((run) => run.status === 'approved')!;
      expect(approved.pairCount).toBeGreaterThanOrEqual(5);
      const mentorships = await get<StaffMentorshipView[]>(`/mentorship/programs/${slug}/mentorships`);
      expect(mentorships.filter((item) => item.status === 'active')).toHaveLength(approved.pairCount);
      // Every pair was introduced by e-mail, both sides.
      const program = (await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { slug }, select: ['documentId'] })) as { documentId: string };
      expect(await count('plugin::mentorship.outbox-message', { templateKey: 'match.introduction', status: 'sent', programDocumentId: program.documentId })).toBe(2 * approved.pairCount);
    }
    for (const templateKey of ['request.received', 'request.accepted', 'request.declined', 'request.expired', 'escalation.opened', 'mentorship.renewal-due', 'mentorship.engagement-low']) {
      expect({ templateKey, sent: (await count('plugin::mentorship.outbox-message', { templateKey, status: 'sent' })) > 0 }).toEqual({ templateKey, sent: true });
    }
  });

  it('when staff compare the Programs page with each program\'s dashboard, then every head count agrees', async () => {
    const overview = (await app.http().get('/mentorship/programs').set(staff.auth).expect(200)).body.data as AdminProgramOverview[];
    expect(overview.map((program) => program.slug).sort()).toEqual(expect.arrayContaining(['global-virtual-mentors', 'lab-sciences-open-mentoring']));
    let notEnrolled = 0;
    for (const program of overview) {
      const dashboard = (await app.http().get(`/mentorship/programs/${program.slug}/dashboard`).set(staff.auth).expect(200)).body.data as ProgramDashboard;
      expect({ slug: program.slug, ...program.counts }).toEqual({
        slug: program.slug,
        mentors: dashboard.counts.mentors,
        mentees: dashboard.counts.mentees,
        listed: dashboard.counts.listedMentors,
        submitted: dashboard.counts.pendingApplications,
      });
      // and the dashboard's own breakdown by status adds up to the same figures
      const enrolled = dashboard.profilesByStatus.filter((row) => ['approved', 'listed', 'paused'].includes(row.status));
      expect(enrolled.reduce((sum, row) => sum + row.mentors, 0)).toBe(program.counts.mentors);
      expect(enrolled.reduce((sum, row) => sum + row.mentees, 0)).toBe(program.counts.mentees);
      notEnrolled += dashboard.profilesByStatus.filter((row) => !['approved', 'listed', 'paused'].includes(row.status)).reduce((sum, row) => sum + row.mentors + row.mentees, 0);
    }
    // the demo holds drafts, applications and withdrawn profiles, which neither page counts as enrolled
    expect(notEnrolled).toBeGreaterThan(0);
  });

  it('when the demo texts are read, then they read naturally', async () => {
    const rows = (await app.strapi.db.query('plugin::mentorship.profile').findMany({ select: ['bio'], limit: 1000 })) as { bio: string | null }[];
    const bios = rows.map((row) => row.bio ?? '');
    expect(bios.filter((bio) => /\d+ years in \w+ in |past years|career in \d/.test(bio))).toEqual([]);
    expect(new Set(bios).size).toBeGreaterThan(50);
    const mail = (await app.strapi.db.query('plugin::mentorship.outbox-message').findOne({ where: { templateKey: 'request.received' } })) as { text: string };
    expect(mail.text).not.toMatch(/\{\{|undefined/);
  });

  it('when seeded a second time, then nothing new is created', async () => {
    const before = {
      profiles: await count('plugin::mentorship.profile'),
      users: await count('plugin::users-permissions.user'),
      faq: await count('plugin::mentorship.faq-entry'),
      templates: await count('plugin::mentorship.email-template'),
      requests: await count('plugin::mentorship.request'),
      mentorships: await count('plugin::mentorship.mentorship'),
      runs: await count('plugin::mentorship.matching-run'),
      outbox: await count('plugin::mentorship.outbox-message'),
    };
    const nothing = { programs: 0, users: 0, profiles: 0, guide: 0, activity: { requests: 0, mentorships: 0, checkIns: 0, runs: 0, emails: 0 } };
    // a later start finds the demo it loaded and skips the seed
    expect(await seedDemo(app.strapi, { log: false })).toEqual(nothing);
    // and going through every step again finds everything there
    expect(await seedDemo(app.strapi, { log: false, recheck: true })).toEqual(nothing);
    expect({
      profiles: await count('plugin::mentorship.profile'),
      users: await count('plugin::users-permissions.user'),
      faq: await count('plugin::mentorship.faq-entry'),
      templates: await count('plugin::mentorship.email-template'),
      requests: await count('plugin::mentorship.request'),
      mentorships: await count('plugin::mentorship.mentorship'),
      runs: await count('plugin::mentorship.matching-run'),
      outbox: await count('plugin::mentorship.outbox-message'),
    }).toEqual(before);
  });
});
