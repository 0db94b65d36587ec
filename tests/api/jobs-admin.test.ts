import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type MemberFixture, type ProgramFixture } from '../helpers/cohort';
import type { JobView } from '../../cms/shared/contracts/staff';

const ACTION = (name: string) => `plugin::mentorship.${name}`;

describe('scheduled jobs for operators: last and next run, run now', () => {
  let app: TestApp;
  let mail: MailSink;
  let admin: AdminSession;
  let reader: AdminSession;
  let program: ProgramFixture;
  let mentor: MemberFixture;

  const jobs = async (session: AdminSession) => (await app.http().get('/mentorship/jobs').set(session.auth).expect(200)).body.data as JobView[];
  const job = async (name: string) => (await jobs(admin)).find((item) => item.name === name)!;

  beforeAll(async () => {
    mail = await startMailSink();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(mail.port);
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTION('read')]), 'Reader');
    program = await createProgram(app.strapi, { style: 'mentor-exchange', data: { mentorApprovalRequired: false } });
    mentor = await createMember(app.strapi, program, 'mentor', { name: 'Rosa Overdue', status: 'listed' });
    // Her yearly re-confirmation date passed without an answer.
    const listings = app.strapi.db.query('plugin::mentorship.directory-listing');
    const listing = (await listings.findOne({ where: { profile: { documentId: mentor.profileDocumentId } }, select: ['id'] })) as { id: number };
    await listings.update({ where: { id: listing.id }, data: { reconfirmBy: '2020-01-01' } });
  });

  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  it('when staff open the jobs, then every scheduled job is listed with its rule and no run yet', async () => {
    const list = await jobs(reader);
    expect(list.map((item) => item.name)).toEqual(
      expect.arrayContaining(['mentorship-request-deadlines', 'mentorship-outbox', 'mentorship-engagement', 'mentorship-renewals', 'mentorship-reconfirmation']),
    );
    for (const item of list) {
      expect(item.rule).toMatch(/^[\d*/,-]+( [\d*/,-]+){4,5}$/);
      expect(item.description.length).toBeGreaterThan(20);
      expect(item.lastRun).toBeNull();
      // Tests do not run the schedule; the server says so rather than invent a time.
      expect(item.nextRun).toBeNull();
    }
  });

  it('when a job is called without a token, by a role without "run jobs", by name unknown or malformed, then 401, 403, 404, 400 in the one error shape', async () => {
    const anonymous = await app.http().get('/mentorship/jobs').expect(401);
    expect(anonymous.body.error.details.code).toBe('unauthenticated');
    const refused = await app.http().post('/mentorship/jobs/mentorship-outbox/run').set(reader.auth).send({}).expect(403);
    expect(refused.body.error).toMatchObject({ status: 403, details: { code: 'forbidden' } });
    const unknown = await app.http().post('/mentorship/jobs/mentorship-coffee/run').set(admin.auth).send({}).expect(404);
    expect(unknown.body.error).toMatchObject({ status: 404, name: 'NotFoundError', details: { code: 'not-found' } });
    expect(unknown.body.error.message).toContain('mentorship-outbox');
    const malformed = await app.http().post('/mentorship/jobs/Not%20A%20Job/run').set(admin.auth).send({}).expect(400);
    expect(malformed.body.error.details).toMatchObject({ code: 'invalid-input', errors: [{ path: ['name'] }] });
    expect((await job('mentorship-outbox')).lastRun).toBeNull();
  });

  it('when staff run the re-confirmation now, then the overdue mentor is unlisted and told by e-mail, and the run is recorded; the outbox run after it finds nothing left', async () => {
    const reconfirm = await app.http().post('/mentorship/jobs/mentorship-reconfirmation/run').set(admin.auth).send({}).expect(200);
    const ran = reconfirm.body.data as JobView;
    expect(ran.lastRun).toMatchObject({ ok: true, trigger: 'staff', by: admin.email, result: { reminded: 0, unlisted: 1 }, error: null });
    const profile = await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { documentId: mentor.profileDocumentId } });
    expect(profile.profileStatus).toBe('paused');
    // The job queued the message in the outbox; delivery follows the commit.
    const message = await mail.waitFor((item) => item.to.includes(mentor.email));
    expect(message.subject).toBe('Your mentor listing has been paused');
    expect(message.text).toContain('Hello Rosa Overdue');

    const outbox = await app.http().post('/mentorship/jobs/mentorship-outbox/run').set(admin.auth).send({}).expect(200);
    expect(outbox.body.data.lastRun).toMatchObject({ ok: true, trigger: 'staff', result: { sent: 0, failed: 0 } });

    const listed = await jobs(reader);
    const last = listed.find((item) => item.name === 'mentorship-reconfirmation')!.lastRun!;
    expect(Date.parse(last.finishedAt)).toBeGreaterThanOrEqual(Date.parse(last.startedAt));
    expect(listed.find((item) => item.name === 'mentorship-engagement')!.lastRun).toBeNull();

    // Running it again finds nothing left to do: the job is idempotent, and nobody is e-mailed twice.
    const again = await app.http().post('/mentorship/jobs/mentorship-reconfirmation/run').set(admin.auth).send({}).expect(200);
    expect(again.body.data.lastRun.result).toEqual({ reminded: 0, unlisted: 0 });
    expect(mail.to(mentor.email)).toHaveLength(1);
  });

  it('when the schedule runs in this process, then each job shows when its rule fires next', async () => {
    app.strapi.cron.add({ 'mentorship-renewals': { task: async () => undefined, options: { rule: '0 0 1 1 *' } } });
    try {
      const asked = Date.now();
      const renewals = await job('mentorship-renewals');
      expect(renewals.rule).toBe('15 7 * * *');
      const next = new Date(renewals.nextRun!);
      expect(next.getTime()).toBeGreaterThan(asked);
      expect(next.getTime() - asked).toBeLessThanOrEqual(86_400_000);
      expect([next.getHours(), next.getMinutes()]).toEqual([7, 15]);
    } finally {
      app.strapi.cron.remove('mentorship-renewals');
    }
  });
});
