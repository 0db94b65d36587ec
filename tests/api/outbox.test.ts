import net from 'net';
import type { AddressInfo } from 'net';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startApp, type TestApp } from '../helpers/strapi';

interface Notifications {
  send(input: { key: string; to: { email: string; name?: string }; programDocumentId?: string; variables?: Record<string, unknown>; dedupeKey?: string }): Promise<{ documentId: string; status: string }>;
  flush(now?: Date): Promise<{ sent: number; failed: number }>;
  /** resolves when the outbox worker has finished the attempts it started */
  whenIdle(): Promise<void>;
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

  it('when a notification is queued, then the worker renders the editor template with escaped HTML, delivers it and records it as sent', async () => {
    const result = await notifications.send({
      key: 'request.received',
      to: { email: 'ada@members.example.org', name: 'Ada' },
      programDocumentId: program.documentId,
      variables: { request: { sender: 'Bob <b>', message: 'Hello <script>x</script>', deadline: '2027-01-01' }, mentee: { name: 'Bob' }, mentor: { name: 'Ada' } },
      dedupeKey: 'test:render',
    });
    // Queued, not sent inside the call: the worker delivers it after the commit.
    expect(result.status).toBe('pending');
    const mail = await app.mail.waitFor((item) => item.to.includes('ada@members.example.org'));
    expect(mail.subject).toBe('Bob <b> would like to start a mentorship with you');
    expect(mail.html).toContain('Hello &lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('Please accept or decline by 2027-01-01');
    await notifications.whenIdle();
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
    expect(result.status).toBe('pending');
    await notifications.whenIdle();
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

  it('when a message cannot be rendered, then it is kept as failed with the rendering error and retried like a delivery failure', async () => {
    app.mail.clear();
    const result = await notifications.send({ key: 'no.such.template', to: { email: 'render@members.example.org' }, programDocumentId: program.documentId, dedupeKey: 'test:render-failure' });
    await notifications.whenIdle();
    const failed = await outbox(result.documentId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/^rendering: Unknown e-mail template key no\.such\.template/);
    expect(failed.nextAttemptAt).toBeTruthy();
    expect(await notifications.flush(new Date(Date.now() + 10 * 60_000))).toEqual({ sent: 0, failed: 1 });
    expect(await outbox(result.documentId)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(app.mail.to('render@members.example.org')).toHaveLength(0);
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

/** An SMTP server that accepts connections and never sends its greeting. */
const startSilentSmtp = async () => {
  const sockets = new Set<net.Socket>();
  let connected: () => void = () => undefined;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    firstConnection,
    /** connections open now (none of them was ever greeted) */
    open: () => sockets.size,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

describe('when the SMTP server accepts connections and never greets', () => {
  let silent: Awaited<ReturnType<typeof startSilentSmtp>>;
  let app: TestApp;
  const member = async (name: string): Promise<Member> => {
    const username = `${name.toLowerCase()}-${Date.now().toString(36)}`;
    const response = await app.http().post('/api/auth/local/register').send({ username, email: `${username}@members.example.org`, password: 'Secret-passw0rd' }).expect(200);
    return { id: response.body.user.id, documentId: response.body.user.documentId, email: `${username}@members.example.org`, username, jwt: response.body.jwt };
  };

  beforeAll(async () => {
    silent = await startSilentSmtp();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(silent.port);
    // Long waits, so the attempts stay under way for the whole test whatever the machine's speed.
    process.env.SMTP_GREETING_TIMEOUT_MS = '600000';
    process.env.SMTP_SOCKET_TIMEOUT_MS = '600000';
    try {
      app = await startApp();
    } finally {
      delete process.env.SMTP_GREETING_TIMEOUT_MS;
      delete process.env.SMTP_SOCKET_TIMEOUT_MS;
    }
  });
  afterAll(async () => {
    // Dropping the connections fails the attempts under way, so the app stops at once.
    await silent?.stop();
    await app?.stop();
  });

  it('then sending, accepting and ending answer while the mail waits in the outbox, unsent', async () => {
    const program = await createProgram(app.strapi, 'mentor-exchange');
    const mentorMember = await member('Silentmentor');
    const menteeMember = await member('Silentmentee');
    const mentor = await createProfile(app.strapi, { member: mentorMember, program, role: 'mentor', displayName: 'Dr Silent' });
    await createProfile(app.strapi, { member: menteeMember, program, role: 'mentee', displayName: 'Sol' });
    const as = (who: Member) => ({ post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${who.jwt}`) });

    const sent = await as(menteeMember).post(`/api/mentorship/programs/${program.slug}/requests`).send({ to: mentor.documentId, message: 'Hello' }).expect(201);
    // The worker has connected to the SMTP server, which has still not greeted it: the request did not wait.
    await silent.firstConnection;
    expect(silent.open()).toBeGreaterThan(0);
    const outbox = app.strapi.db.query('plugin::mentorship.outbox-message');
    expect(await outbox.findOne({ where: { recipientEmail: mentorMember.email } })).toMatchObject({ templateKey: 'request.received', status: 'pending', sentAt: null });

    const accepted = await as(mentorMember).post(`/api/mentorship/requests/${sent.body.data.documentId}/accept`).send({}).expect(200);
    const ended = await as(menteeMember).post(`/api/mentorship/mentorships/${accepted.body.data.mentorship.documentId}/end`).send({ reason: 'Testing a silent mail server' }).expect(200);
    expect(ended.body.data.status).toBe('ended');

    const rows = (await outbox.findMany({ where: { recipientEmail: { $in: [mentorMember.email, menteeMember.email] } } })) as { templateKey: string; status: string }[];
    expect(rows.map((row) => row.templateKey).sort()).toEqual(
      ['match.introduction', 'match.introduction', 'mentorship.ended', 'mentorship.ended', 'request.accepted', 'request.received'].sort(),
    );
    expect(rows.every((row) => row.status === 'pending')).toBe(true);
  });
});
