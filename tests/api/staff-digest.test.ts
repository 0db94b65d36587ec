import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type ProgramFixture } from '../helpers/cohort';
import type { JobView } from '../../cms/shared/contracts/staff';
import { catalogEntry } from '../../cms/shared/email-catalog';

const JOB = '/mentorship/jobs/mentorship-staff-digest/run';
const DAY = 24 * 60 * 60 * 1000;

/** The daily staff digest as a program office receives it: from the job (scheduled or run now), through the outbox. */
describe('staff digest e-mail', () => {
  let app: TestApp;
  let mail: MailSink;
  let admin: AdminSession;
  let reader: AdminSession;
  let busy: ProgramFixture;
  let off: ProgramFixture;
  const office = 'office@busy.example.org';
  const quietOffice = 'office@quiet.example.org';
  const offOffice = 'office@off.example.org';

  const runNow = async () => (await app.http().post(JOB).set(admin.auth).send({}).expect(200)).body.data as JobView;
  const to = (address: string) => mail.messages.filter((message) => message.to.includes(address));
  const idle = () => app.strapi.plugin('mentorship').service('notifications').whenIdle() as Promise<void>;

  beforeAll(async () => {
    mail = await startMailSink();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(mail.port);
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, ['plugin::mentorship.read']), 'Reader');
    busy = await createProgram(app.strapi, { data: { contactEmail: office, staffDigest: true, engagementHoursPerMonth: 1 } });
    // On, but nothing happens in it.
    await createProgram(app.strapi, { data: { contactEmail: quietOffice, staffDigest: true } });
    // Off by default: a program that never set it sends nothing, whatever happens in it.
    off = await createProgram(app.strapi, { data: { contactEmail: offOffice } });
    await createMember(app.strapi, off, 'mentee', { name: 'Unseen Applicant', status: 'submitted' });
  });

  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  it('when a program is created, then its staff digest is off, and the Content Manager labels the setting in words', async () => {
    const created = (await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { id: off.id } })) as { staffDigest: boolean | null };
    expect(created.staffDigest).toBe(false);
    const configuration = await app.http().get('/content-manager/content-types/plugin::mentorship.program/configuration').set(admin.auth).expect(200);
    expect(configuration.body.data.contentType.metadatas.staffDigest.edit.label).toBe('Daily staff digest to the contact e-mail');
  });

  it('when an editor previews the digest template, then every documented variable renders with a sample value', async () => {
    const entry = catalogEntry('staff.digest')!;
    const preview = await app.http().post('/mentorship/email-templates/preview').set(admin.auth).send({ key: 'staff.digest', subject: entry.subject, html: entry.html, text: entry.text }).expect(200);
    expect(preview.body.data.subject).toEqual({ output: 'Global Virtual Mentors: what needs staff since 29 November 2026, 07:45 UTC', problem: null });
    expect(preview.body.data.text.output).toContain('New applications: 3 (Dr Lucas Moreau, Dr Ines Duarte and Dr Kwame Mensah).');
    expect(preview.body.data.html.output).toContain('<li>Pairs below the engagement minimum: 1 new (Dr Amara Okafor and Dr Lucas Moreau), 2 in all.</li>');
    expect(preview.body.data.variables.map((variable: { name: string }) => variable.name)).toEqual(expect.arrayContaining(['digest.since', 'digest.runList', 'digest.adminUrl']));
    const global = await app.strapi.db.query('plugin::mentorship.email-template').count({ where: { key: 'staff.digest', program: { id: { $null: true } } } });
    expect(global).toBe(1);
  });

  it('when the job runs, then the busy program\'s office gets one digest naming what is new, the quiet one and the one with the digest off get nothing; a second run sends nothing', async () => {
    await app.http().post(JOB).set(reader.auth).send({}).expect(403);
    const now = Date.now();
    const ada = await createMember(app.strapi, busy, 'mentee', { name: 'Ada Applicant', status: 'submitted' });
    await createMember(app.strapi, busy, 'mentee', { name: 'Ben Applicant', status: 'submitted' });
    // Submitted two days ago: before the first digest's window (a day), so not new.
    const old = await createMember(app.strapi, busy, 'mentee', { name: 'Old Applicant', status: 'submitted' });
    await app.strapi.db.query('plugin::mentorship.profile').update({ where: { documentId: old.profileDocumentId }, data: { submittedAt: new Date(now - 2 * DAY).toISOString() } });
    const mentor = await createMember(app.strapi, busy, 'mentor', { name: 'Mo Mentor' });
    const mentee = await createMember(app.strapi, busy, 'mentee', { name: 'Mia Mentee' });
    const profileId = async (documentId: string) => ((await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { documentId } })) as { id: number }).id;
    await app.strapi.db.query('plugin::mentorship.request').create({
      data: { program: busy.id, sender: await profileId(ada.profileDocumentId), kind: 'mentoring', requestStatus: 'escalated', escalatedAt: new Date(now - 60_000) },
    });
    await app.strapi.db.query('plugin::mentorship.matching-run').create({
      data: { program: busy.id, runStatus: 'succeeded', startedAt: new Date(now - 120_000), finishedAt: new Date(now - 60_000), result: { pairs: [{}, {}], unmatched: [] } },
    });
    // Forty days together and no time logged: below the minimum of one hour a month.
    await app.strapi.db.query('plugin::mentorship.mentorship').create({
      data: {
        program: busy.id,
        mentor: await profileId(mentor.profileDocumentId),
        mentee: await profileId(mentee.profileDocumentId),
        mentorshipStatus: 'active',
        source: 'staff',
        startDate: new Date(now - 40 * DAY).toISOString().slice(0, 10),
      },
    });

    const ran = await runNow();
    expect(ran.lastRun).toMatchObject({ ok: true, trigger: 'staff', result: { programs: 2, sent: 1, nothingNew: 1, noContactAddress: 0 } });
    const digest = await mail.waitFor((message) => message.to.includes(office));
    expect(digest.subject).toMatch(/^Test cohort \d+: what needs staff since \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/);
    expect(digest.text).toContain('New applications: 2 (Ada Applicant, Ben Applicant).');
    expect(digest.text).not.toContain('Old Applicant');
    expect(digest.text).toContain('Escalated requests: 1 new, 1 waiting in all.');
    expect(digest.text).toMatch(/Matching runs finished: \d{1,2} [A-Z][a-z]+ \d{4}: proposals ready, 2 pairs\./);
    expect(digest.text).toContain('Pairs below the engagement minimum: 1 new (Mo Mentor and Mia Mentee), 1 in all.');
    expect(digest.text).toContain(`/plugins/mentorship/programs/${busy.slug}`);
    expect(digest.html).toContain('<li>New applications: 2 (Ada Applicant, Ben Applicant).</li>');

    const again = await runNow();
    expect(again.lastRun?.result).toEqual({ programs: 2, sent: 0, nothingNew: 2, noContactAddress: 0 });
    await idle();
    expect(to(office)).toHaveLength(1);
    expect(to(quietOffice)).toEqual([]);
    expect(to(offOffice)).toEqual([]);
    const outbox = await app.strapi.db.query('plugin::mentorship.outbox-message').count({ where: { templateKey: 'staff.digest' } });
    expect(outbox).toBe(1);
  });

  it('when something new happens after a digest, then the next digest reports only that, and the pair still below is not repeated', async () => {
    await createMember(app.strapi, busy, 'mentee', { name: 'Cleo Latecomer', status: 'submitted' });
    const ran = await runNow();
    expect(ran.lastRun?.result).toMatchObject({ sent: 1 });
    const digest = await mail.waitFor((message) => message.to.includes(office) && message.text.includes('Cleo Latecomer'));
    expect(digest.text).toContain('New applications: 1 (Cleo Latecomer).');
    expect(digest.text).not.toMatch(/Escalated requests|Matching runs finished|Pairs below/);
    await idle();
    expect(to(office)).toHaveLength(2);
  });

  it('when two instances run the digest at once, then it is sent once', async () => {
    await createMember(app.strapi, busy, 'mentee', { name: 'Dana Twice', status: 'submitted' });
    const service = app.strapi.plugin('mentorship').service('staff-digest') as { sendDue(at?: Date): Promise<{ sent: number }> };
    const at = new Date();
    const results = await Promise.all([service.sendDue(at), service.sendDue(at)]);
    expect(results.map((result) => result.sent).sort()).toEqual([0, 1]);
    await mail.waitFor((message) => message.to.includes(office) && message.text.includes('Dana Twice'));
    await idle();
    expect(to(office).filter((message) => message.text.includes('Dana Twice'))).toHaveLength(1);
  });
});
