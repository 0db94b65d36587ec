import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type ProgramFixture } from '../helpers/journeys';

interface Notifications {
  send(input: { key: string; to: { email: string; name?: string }; programDocumentId?: string; variables?: Record<string, unknown>; dedupeKey?: string }): Promise<{ documentId: string; status: string }>;
  flush(now?: Date): Promise<{ sent: number; failed: number }>;
}

describe('outbox and notifications', () => {
  let app: JourneyApp;
  let program: ProgramFixture;
  let notifications: Notifications;
  const outbox = (documentId: string) => app.strapi.db.query('plugin::mentorship.outbox-message').findOne({ where: { documentId } });

  beforeAll(async () => {
    app = await startJourneyApp();
    program = await createProgram(app.strapi, 'mentor-exchange');
    notifications = app.service<Notifications>('notifications');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a notification is sent, then the editor template is rendered with escaped HTML and recorded as sent', async () => {
    const result = await notifications.send({
      key: 'request.received',
      to: { email: 'ada@members.example.org', name: 'Ada' },
      programDocumentId: program.documentId,
      variables: { request: { sender: 'Bob <b>', message: 'Hello <script>x</script>', deadline: '2027-01-01' }, mentee: { name: 'Bob' }, mentor: { name: 'Ada' } },
      dedupeKey: 'test:render',
    });
    expect(result.status).toBe('sent');
    const mail = await app.mail.waitFor((item) => item.to.includes('ada@members.example.org'));
    expect(mail.subject).toBe('Bob <b> would like to start a mentorship with you');
    expect(mail.html).toContain('Hello &lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('Please accept or decline by 2027-01-01');
    const row = await outbox(result.documentId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, templateKey: 'request.received', recipientEmail: 'ada@members.example.org' });
  });

  it('when the same dedupe key is sent twice, then one e-mail goes out', async () => {
    app.mail.clear();
    const first = await notifications.send({ key: 'escalation.opened', to: { email: 'once@members.example.org' }, programDocumentId: program.documentId, variables: { mentee: { name: 'X' } }, dedupeKey: 'test:once' });
    const second = await notifications.send({ key: 'escalation.opened', to: { email: 'once@members.example.org' }, programDocumentId: program.documentId, variables: { mentee: { name: 'X' } }, dedupeKey: 'test:once' });
    expect(second.documentId).toBe(first.documentId);
    await notifications.flush(new Date(Date.now() + 86_400_000));
    expect(app.mail.to('once@members.example.org')).toHaveLength(1);

    // Two senders at the same moment (two instances running one job): the unique key lets one record it.
    const input = { key: 'escalation.opened', to: { email: 'race@members.example.org' }, programDocumentId: program.documentId, variables: { mentee: { name: 'X' } }, dedupeKey: 'test:race' };
    const results = await Promise.all([notifications.send(input), notifications.send(input), notifications.send(input)]);
    expect(new Set(results.map((result) => result.documentId)).size).toBe(1);
    await notifications.flush(new Date(Date.now() + 86_400_000));
    expect(app.mail.to('race@members.example.org')).toHaveLength(1);
    expect(await app.strapi.db.query('plugin::mentorship.outbox-message').count({ where: { dedupeKey: 'test:race' } })).toBe(1);
    // (read the message by hand: better-sqlite3's native errors come from another test file's realm
    // when jest runs files in one process, so they are not instances of this file's Error)
    const duplicate = await app.strapi.db
      .query('plugin::mentorship.outbox-message')
      .create({ data: { recipientEmail: 'race@members.example.org', templateKey: 'escalation.opened', dedupeKey: 'test:race' } })
      .then(() => null, (error: unknown) => error as { message?: string });
    expect(String(duplicate?.message)).toMatch(/unique/i);
  });

  it('when SMTP refuses, then the message is kept as failed and delivered exactly once after recovery and flush', async () => {
    app.mail.clear();
    app.mail.rejecting = true;
    const result = await notifications.send({ key: 'escalation.opened', to: { email: 'retry@members.example.org' }, programDocumentId: program.documentId, variables: { mentee: { name: 'X' } }, dedupeKey: 'test:retry' });
    expect(result.status).toBe('failed');
    const failed = await outbox(result.documentId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/451|temporarily/);

    // Not due yet: nothing happens.
    expect(await notifications.flush(new Date())).toEqual({ sent: 0, failed: 0 });
    // Still refusing: a second failed attempt.
    expect(await notifications.flush(new Date(Date.now() + 10 * 60_000))).toEqual({ sent: 0, failed: 1 });

    app.mail.rejecting = false;
    const later = new Date(Date.now() + 60 * 60_000);
    expect(await notifications.flush(later)).toEqual({ sent: 1, failed: 0 });
    expect(await notifications.flush(new Date(later.getTime() + 24 * 60 * 60_000))).toEqual({ sent: 0, failed: 0 });
    expect(app.mail.to('retry@members.example.org')).toHaveLength(1);
    expect(await outbox(result.documentId)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('when the mentorships service pairs a full mentor, then it throws a 409 conflict and the listing shows the load', async () => {
    const mentorMember = await registerMember(app, 'Mentor');
    const mentor = await createProfile(app.strapi, { member: mentorMember, program, role: 'mentor', displayName: 'Dr Mentor' });
    const menteeA = await createProfile(app.strapi, { member: await registerMember(app, 'A'), program, role: 'mentee', displayName: 'Mentee A' });
    const menteeB = await createProfile(app.strapi, { member: await registerMember(app, 'B'), program, role: 'mentee', displayName: 'Mentee B' });
    const mentorships = app.service<{ create(input: Record<string, unknown>): Promise<{ mentorshipStatus: string; endDate: string; startDate: string }> }>('mentorships');
    const made = await mentorships.create({ programDocumentId: program.documentId, mentorProfileDocumentId: mentor.documentId, menteeProfileDocumentId: menteeA.documentId, source: 'staff', startDate: '2026-01-31' });
    expect(made).toMatchObject({ mentorshipStatus: 'active', startDate: '2026-01-31', endDate: '2026-07-31' });
    await expect(
      mentorships.create({ programDocumentId: program.documentId, mentorProfileDocumentId: mentor.documentId, menteeProfileDocumentId: menteeB.documentId, source: 'staff' }),
    ).rejects.toMatchObject({ status: 409, details: { code: 'mentor-full' } });
    const listing = await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { profile: { documentId: mentor.documentId } } });
    expect(listing).toMatchObject({ activeMentorships: 1, availability: 'full' });
  });
});
