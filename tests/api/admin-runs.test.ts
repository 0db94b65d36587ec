import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type MemberFixture, type ProgramFixture } from '../helpers/cohort';
import { startStubMatcher, type StubMatcher } from '../helpers/stub-matcher';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import type { RunDetail, RunPool } from '../../cms/shared/contracts/staff';

const ACTION = (name: string) => `plugin::mentorship.${name}`;

describe('admin matching runs', () => {
  let app: TestApp;
  let mail: MailSink;
  let stub: StubMatcher;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let reader: AdminSession;
  let runner: AdminSession;
  let program: ProgramFixture;
  const mentors: MemberFixture[] = [];
  const mentees: MemberFixture[] = [];

  const config = () => app.strapi.config.get('plugin::mentorship') as { matcherUrl: string; matcherTimeoutMs: number };
  const useMatcher = (url: string, timeoutMs = 30000) => {
    app.strapi.config.set('plugin::mentorship.matcherUrl', url);
    app.strapi.config.set('plugin::mentorship.matcherTimeoutMs', timeoutMs);
  };
  const mentorshipCount = () => app.strapi.db.query('plugin::mentorship.mentorship').count({ where: { program: program.id } });
  const waitForRun = async (documentId: string): Promise<RunDetail> => {
    await app.strapi.plugin('mentorship').service('runs').whenIdle();
    const response = await app.http().get(`/mentorship/runs/${documentId}`).set(admin.auth).expect(200);
    return response.body.data as RunDetail;
  };
  const startRun = async (body: Record<string, unknown> = {}) => {
    const response = await app.http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId, ...body });
    expect(response.status).toBe(202);
    expect(response.body.data.status).toBe('running');
    return waitForRun(response.body.data.documentId as string);
  };

  beforeAll(async () => {
    mail = await startMailSink();
    stub = await startStubMatcher();
    matcher = await startMatcher();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(mail.port);
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTION('read')]), 'Reader');
    runner = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTION('read'), ACTION('runs.execute')]), 'Runner');

    program = await createProgram(app.strapi);
    mentors.push(
      await createMember(app.strapi, program, 'mentor', { name: 'Ada Mentor', answers: { background: 'hospital', region: 'europe', interests: ['oncology', 'leadership'] } }),
      await createMember(app.strapi, program, 'mentor', { name: 'Bo Mentor', answers: { background: 'industry', region: 'east-asia', interests: ['informatics'] }, capacity: 2 }),
      await createMember(app.strapi, program, 'mentor', { name: 'Cy Mentor', answers: { background: 'research', region: 'europe', interests: ['teaching', 'regulation'] } }),
    );
    mentees.push(
      await createMember(app.strapi, program, 'mentee', { name: 'Dee Mentee', answers: { background: 'hospital', region: 'europe', interests: ['oncology'] } }),
      await createMember(app.strapi, program, 'mentee', { name: 'Eli Mentee', answers: { background: 'industry', region: 'east-asia', interests: ['informatics'] } }),
      await createMember(app.strapi, program, 'mentee', { name: 'Fay Mentee', answers: { background: 'research', region: 'europe', interests: ['teaching'] } }),
      await createMember(app.strapi, program, 'mentee', { name: 'Gus Mentee', answers: { background: 'industry', region: 'oceania', interests: ['informatics', 'leadership'], languages: ['fr'] } }),
    );
    // Not in the pool: a mentee still under review, and a mentor who is away.
    await createMember(app.strapi, program, 'mentee', { name: 'Hal Pending', status: 'submitted' });
    await createMember(app.strapi, program, 'mentor', { name: 'Ivy Away', answers: {}, status: 'listed' }).then((away) =>
      app.strapi.documents('plugin::mentorship.profile').update({ documentId: away.profileDocumentId, data: { availability: 'away', awayUntil: '2099-01-01' } } as never),
    );
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([mail?.stop(), stub?.stop(), matcher?.stop()]);
  });

  it('when staff open the pool, then they see approved mentees without a mentor and available mentors with free places', async () => {
    const response = await app.http().get(`/mentorship/programs/${program.documentId}/pool`).set(reader.auth).expect(200);
    const pool = response.body.data as RunPool;
    expect(pool.mentees.map((mentee) => mentee.displayName)).toEqual(['Dee Mentee', 'Eli Mentee', 'Fay Mentee', 'Gus Mentee']);
    expect(pool.mentors.map((mentor) => [mentor.displayName, mentor.capacity])).toEqual([
      ['Ada Mentor', 1],
      ['Bo Mentor', 2],
      ['Cy Mentor', 1],
    ]);
    expect(pool.criteria.map((criterion) => criterion.name)).toEqual(['Background', 'Region', 'Interests', 'Language']);
    expect(pool.mentees[0]?.attributes).toEqual({ background: 'hospital', region: 'europe', interests: ['oncology'], languages: ['en'] });
  });

  it('when the pool is asked for without a token, for a malformed id or an unknown program, then 401, 400 naming the field, 404', async () => {
    await app.http().get(`/mentorship/programs/${program.documentId}/pool`).expect(401);
    const bad = await app.http().get('/mentorship/programs/not-an-id!/pool').set(admin.auth).expect(400);
    expect(bad.body.error.message).toMatch(/^programId/);
    await app.http().get('/mentorship/programs/abcdefghijklmnopqrstuvwx/pool').set(admin.auth).expect(404);
    const extra = await app.http().get(`/mentorship/programs/${program.documentId}/pool?foo=1`).set(admin.auth).expect(400);
    expect(extra.body.error.message).toMatch(/^query/);
  });

  it('when a role without "run matching" starts a run, then 403; without a token, 401', async () => {
    await app.http().post('/mentorship/runs').set(reader.auth).send({ programDocumentId: program.documentId }).expect(403);
    await app.http().post('/mentorship/runs').send({ programDocumentId: program.documentId }).expect(401);
  });

  it('when a run is started with bad input, then 400 names the field and no run is stored', async () => {
    const before = await app.strapi.db.query('plugin::mentorship.matching-run').count({});
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /^body\.programDocumentId/],
      [{ programDocumentId: program.documentId, colour: 'red' }, /^body/],
      [{ programDocumentId: program.documentId, weights: { Background: 'heavy' } }, /^body\.weights\.Background/],
      [{ programDocumentId: program.documentId, weights: { Shoe: 2 } }, /^weights\.Shoe/],
      [{ programDocumentId: program.documentId, locked: [{ menteeId: mentors[0]!.profileDocumentId, mentorId: mentors[1]!.profileDocumentId }] }, /^locked\.0\.menteeId/],
      [{ programDocumentId: program.documentId, engine: 'quantum' }, /^body\.engine/],
    ];
    for (const [body, message] of cases) {
      const response = await app.http().post('/mentorship/runs').set(admin.auth).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    expect(await app.strapi.db.query('plugin::mentorship.matching-run').count({})).toBe(before);
  });

  let first: RunDetail;

  it('when staff run matching against the real matcher, then the run is stored with frozen inputs, engine, hash, timings and explained proposals', async () => {
    useMatcher(matcher.url);
    first = await startRun({ weights: { Interests: 6 } });
    expect(first.status).toBe('succeeded');
    expect(first.errorMessage).toBeNull();
    expect(first.engine).toBe('jv');
    expect(first.engineVersion).toEqual(expect.any(String));
    expect(first.inputHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(first.menteeCount).toBe(4);
    expect(first.mentorCount).toBe(3);
    expect(first.weightOverrides).toEqual({ Interests: 6 });
    expect(first.criteria.find((criterion) => criterion.name === 'Interests')?.weight).toBe(6);
    expect(first.createdBy?.email).toBe(admin.email);
    expect(first.durationMs).toEqual(expect.any(Number));
    expect(Object.keys(first.timings)).toEqual(expect.arrayContaining(['total']));
    const result = first.result!;
    // Gus speaks only French: the required language criterion leaves him unmatched, with the matcher's reason.
    expect(result.unmatched.map((item) => item.menteeName)).toEqual(['Gus Mentee']);
    expect(result.unmatched[0]?.reason).toEqual(expect.any(String));
    const pairs = Object.fromEntries(result.pairs.map((pair) => [pair.menteeName, pair.mentorName]));
    expect(pairs).toEqual({ 'Dee Mentee': 'Ada Mentor', 'Eli Mentee': 'Bo Mentor', 'Fay Mentee': 'Cy Mentor' });
    const dee = result.pairs.find((pair) => pair.menteeName === 'Dee Mentee')!;
    expect(dee.breakdown.map((item) => item.criterion)).toEqual(['Background', 'Region', 'Interests', 'Language']);
    expect(dee.breakdown.reduce((sum, item) => sum + item.contribution, 0)).toBeCloseTo(dee.score, 6);
    expect(result.mentorLoads.find((load) => load.mentorName === 'Bo Mentor')).toMatchObject({ load: 1, capacity: 2 });
    expect(await mentorshipCount()).toBe(0);
  });

  it('when staff ask why not another mentor, then the next-best mentors come with their score difference', async () => {
    const dee = first.result!.pairs.find((pair) => pair.menteeName === 'Dee Mentee')!;
    const response = await app
      .http()
      .get(`/mentorship/runs/${first.documentId}/alternatives?menteeId=${dee.menteeId}&limit=2`)
      .set(reader.auth)
      .expect(200);
    expect(response.body.data.assigned).toMatchObject({ mentorName: 'Ada Mentor' });
    expect(response.body.data.alternatives.length).toBeGreaterThan(0);
    for (const alternative of response.body.data.alternatives) {
      expect(alternative.mentorName).not.toBe('Ada Mentor');
      expect(alternative.difference).toBeCloseTo(dee.score - alternative.score, 4);
      expect(alternative.breakdown.length).toBe(4);
    }
    const bad = await app.http().get(`/mentorship/runs/${first.documentId}/alternatives?menteeId=${mentors[0]!.profileDocumentId}`).set(reader.auth).expect(400);
    expect(bad.body.error.message).toMatch(/^menteeId/);
    await app.http().get(`/mentorship/runs/${first.documentId}/alternatives`).set(reader.auth).expect(400);
  });

  let second: RunDetail;

  it('when staff lock one pair and exclude another and re-run, then the lock holds, the excluded pair is gone and the diff shows what changed', async () => {
    const byName = Object.fromEntries(first.result!.pairs.map((pair) => [pair.menteeName, pair]));
    const locked = { menteeId: byName['Dee Mentee']!.menteeId, mentorId: byName['Dee Mentee']!.mentorId };
    const excluded = { menteeId: byName['Fay Mentee']!.menteeId, mentorId: byName['Fay Mentee']!.mentorId };
    second = await startRun({ locked: [locked], excluded: [excluded], previousRunDocumentId: first.documentId });
    expect(second.status).toBe('succeeded');
    const pairs = second.result!.pairs;
    expect(pairs.find((pair) => pair.menteeId === locked.menteeId)).toMatchObject({ mentorId: locked.mentorId, locked: true });
    expect(pairs.some((pair) => pair.menteeId === excluded.menteeId && pair.mentorId === excluded.mentorId)).toBe(false);
    expect(second.diff?.previousRunDocumentId).toBe(first.documentId);
    expect(second.diff?.removed.map((pair) => `${pair.menteeName}/${pair.mentorName}`)).toContain('Fay Mentee/Cy Mentor');
    expect(second.diff?.unchanged).toBeGreaterThanOrEqual(1);
    expect(second.locked).toEqual([locked]);
    expect(second.excluded).toEqual([excluded]);
    const list = await app.http().get(`/mentorship/programs/${program.documentId}/runs`).set(reader.auth).expect(200);
    expect(list.body.data.map((run: { documentId: string }) => run.documentId)).toEqual([second.documentId, first.documentId]);
  });

  it('when the matcher is down, then the run fails with the reason and nothing is created', async () => {
    useMatcher('http://127.0.0.1:9');
    const run = await startRun();
    expect(run.status).toBe('failed');
    expect(run.errorMessage).toMatch(/could not be reached/);
    expect(run.result).toBeNull();
    expect(await mentorshipCount()).toBe(0);
  });

  it('when the matcher answers 4xx, then the run fails with the matcher\'s own message and the token was sent', async () => {
    // The matcher's error body (matcher/src/error-schema.ts).
    stub.reply(() => ({ status: 422, body: { error: { status: 422, code: 'infeasible-locks', message: 'locked pairs exceed the capacity of mentor m1', details: { mentees: ['e1'] } } } }));
    useMatcher(stub.url);
    const run = await startRun();
    expect(run.status).toBe('failed');
    expect(run.errorMessage).toBe('The matcher answered 422: locked pairs exceed the capacity of mentor m1');
    expect(stub.requests.at(-1)?.authorization).toBe('Bearer test-matcher-token');
    expect(stub.requests.at(-1)?.path).toBe('/v1/match');
  });

  it('when the matcher\'s answer drifts from its contract, then the run fails naming the field instead of showing scores of 0', async () => {
    // A pair naming its mentee "mentee" (not "menteeId") and timings under "timings" (not "ms").
    stub.reply(() => ({
      status: 200,
      body: {
        pairs: [{ mentee: 'e1', mentorId: 'm1', score: 0.7, locked: false, breakdown: [] }],
        unmatched: [],
        mentorLoads: [],
        totalScore: 0.7,
        stats: { mentees: 1, mentors: 1, slots: 1, pairs: 1, unmatched: 0, engine: 'jv', engineVersion: '0.1.0', objective: 'max-matches', timings: { total: 1 } },
        inputHash: 'x',
      },
    }));
    useMatcher(stub.url);
    const run = await startRun();
    expect(run.status).toBe('failed');
    expect(run.errorMessage).toMatch(/^The matcher's answer to \/v1\/match does not follow its contract: /);
    expect(run.errorMessage).toContain('$.pairs[0].menteeId');
    expect(run.errorMessage).toContain('$.stats.ms');
    expect(run.result).toBeNull();
    expect(await mentorshipCount()).toBe(0);
  });

  it('when the matcher is slow, then the run fails on the timeout and staff can retry successfully', async () => {
    stub.reply(() => ({ status: 200, body: { pairs: [] }, delayMs: 3000 }));
    useMatcher(stub.url, 300);
    const slow = await startRun();
    expect(slow.status).toBe('failed');
    expect(slow.errorMessage).toMatch(/did not answer within/);
    expect(await mentorshipCount()).toBe(0);
    await app.http().post(`/mentorship/runs/${slow.documentId}/approve`).set(admin.auth).expect(409);

    useMatcher(matcher.url);
    const retried = await startRun();
    expect(retried.status).toBe('succeeded');
    expect(retried.result!.pairs).toHaveLength(3);
    expect(config().matcherUrl).toBe(matcher.url);
  });

  it('when a role without "approve runs" approves, then 403; bad ids 400; unknown run 404', async () => {
    await app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(runner.auth).send({}).expect(403);
    await app.http().post(`/mentorship/runs/${second.documentId}/approve`).send({}).expect(401);
    const bad = await app.http().post('/mentorship/runs/x/approve').set(admin.auth).send({}).expect(400);
    expect(bad.body.error.message).toMatch(/^id/);
    await app.http().post('/mentorship/runs/abcdefghijklmnopqrstuvwx/approve').set(admin.auth).send({}).expect(404);
  });

  it('when one proposed pair can no longer be created, then approval is refused as a whole and nothing is created or sent', async () => {
    mail.clear();
    const last = second.result!.pairs.at(-1)!;
    const zed = await createMember(app.strapi, program, 'mentor', { name: 'Zed Mentor' });
    const blocking = await app.strapi.plugin('mentorship').service('mentorships').create({
      programDocumentId: program.documentId,
      mentorProfileDocumentId: zed.profileDocumentId,
      menteeProfileDocumentId: last.menteeId,
      source: 'staff',
    });
    const refused = await app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(admin.auth).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/already has a mentorship/);
    expect(await mentorshipCount()).toBe(1);
    expect((await waitForRun(second.documentId)).status).toBe('succeeded');
    expect(mail.messages).toHaveLength(0);
    await app.strapi.plugin('mentorship').service('mentorships').end(blocking.documentId, { reason: 'made by mistake', by: 'test' });
    await mail.waitFor((message) => message.to.includes(zed.email));
    // Both members are told; let the worker finish before the next test reads the sink.
    await app.strapi.plugin('mentorship').service('notifications').whenIdle();
    mail.clear();
  });

  it('when staff approve a run (twice at once, then again), then every mentorship is created once, each person is introduced by e-mail once, and the run is read-only', async () => {
    mail.clear();
    // Two staff members press Approve at the same moment: the run row is locked, one of them creates.
    const [one, other] = await Promise.all([
      app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(admin.auth).send({}),
      app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(admin.auth).send({}),
    ]);
    expect([one.status, other.status]).toEqual([200, 200]);
    const response = one.body.data.created > 0 ? one : other;
    const pairs = second.result!.pairs;
    expect([one.body.data.created, other.body.data.created].sort()).toEqual([0, pairs.length]);
    expect([one.body.data.emailsQueued, other.body.data.emailsQueued].sort()).toEqual([0, pairs.length * 2]);
    expect(response.body.data.created).toBe(pairs.length);
    expect(response.body.data.emailsQueued).toBe(pairs.length * 2);
    expect(response.body.data.run.status).toBe('approved');
    expect(response.body.data.run.approvedBy.email).toBe(admin.email);
    expect(response.body.data.run.mentorshipDocumentIds).toHaveLength(pairs.length);
    expect(await mentorshipCount()).toBe(pairs.length + 1);
    const rows = (await app.strapi.db.query('plugin::mentorship.mentorship').findMany({ where: { program: program.id, source: 'matching-run' }, populate: ['mentor', 'mentee'] })) as {
      source: string;
      sourceRef: string;
      mentor: { documentId: string };
      mentee: { documentId: string };
    }[];
    expect(rows.every((row) => row.source === 'matching-run' && row.sourceRef === second.documentId)).toBe(true);
    expect(rows.map((row) => `${row.mentee.documentId}|${row.mentor.documentId}`).sort()).toEqual(pairs.map((pair) => `${pair.menteeId}|${pair.mentorId}`).sort());

    const byProfile = new Map([...mentors, ...mentees].map((member) => [member.profileDocumentId, member]));
    for (const pair of pairs) {
      const mentor = byProfile.get(pair.mentorId)!;
      const mentee = byProfile.get(pair.menteeId)!;
      const toMentee = await mail.waitFor((message) => message.to.includes(mentee.email));
      const toMentor = await mail.waitFor((message) => message.to.includes(mentor.email) && message.subject.includes(mentee.displayName));
      expect(toMentee.subject).toContain(mentor.displayName);
      expect(toMentee.text).toContain(mentor.email);
      expect(toMentor.subject).toContain(mentee.displayName);
      expect(toMentor.text).toContain(mentee.email);
    }
    expect(mail.messages).toHaveLength(pairs.length * 2);
    // The run page reads the introductions' delivery from the outbox.
    await app.strapi.plugin('mentorship').service('notifications').whenIdle();
    const progress = await app.http().get(`/mentorship/runs/${second.documentId}/introductions`).set(reader.auth).expect(200);
    expect(progress.body.data).toEqual({ queued: 0, sent: pairs.length * 2, failed: 0 });
    await app.http().get(`/mentorship/runs/${second.documentId}/introductions`).expect(401);

    const again = await app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(admin.auth).send({}).expect(200);
    expect(again.body.data).toMatchObject({ created: 0, emailsQueued: 0 });
    expect(await mentorshipCount()).toBe(pairs.length + 1);
    await app.strapi.plugin('mentorship').service('notifications').whenIdle();
    expect(mail.messages).toHaveLength(pairs.length * 2);

    const audit = await app.http().get(`/mentorship/programs/${program.documentId}/audit`).set(reader.auth).expect(200);
    expect(audit.body.data.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['run.started', 'run.approved']));
  });

  it('when a run is approved, then the pool no longer offers its mentees and an older run cannot be approved over it', async () => {
    const pool = (await app.http().get(`/mentorship/programs/${program.documentId}/pool`).set(admin.auth).expect(200)).body.data as RunPool;
    expect(pool.mentees.map((mentee) => mentee.displayName)).toEqual(['Gus Mentee', ...(second.result!.pairs.length < 3 ? ['Fay Mentee'] : [])]);
    const stale = await app.http().post(`/mentorship/runs/${first.documentId}/approve`).set(admin.auth).send({});
    expect(stale.status).toBe(409);
    expect(await mentorshipCount()).toBe(second.result!.pairs.length + 1);
  });
});
