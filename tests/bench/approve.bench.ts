import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type MemberFixture, type ProgramFixture } from '../helpers/cohort';

/**
 * Approving a matching run of PAIRS pairs (mentors of capacity 4): how long the approve request
 * takes (mentorships created in one transaction, introductions written to the outbox), then how
 * long the outbox worker takes to deliver every introduction to the SMTP sink.
 * Run: TEST_DB=postgres npx jest -c tests/bench/jest.config.js --runInBand (BENCH_PAIRS=2000 by default).
 */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 2000);
const CAPACITY = 4;

describe(`approving a run of ${PAIRS} pairs`, () => {
  let app: TestApp;
  let mail: MailSink;
  let admin: AdminSession;
  let program: ProgramFixture;

  beforeAll(async () => {
    mail = await startMailSink();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(mail.port);
    app = await startApp();
    admin = await superAdmin(app.strapi);
    program = await createProgram(app.strapi);
  });
  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  it('measures the approve request and the delivery of the introductions', async () => {
    const setupStarted = performance.now();
    const mentors: MemberFixture[] = [];
    for (let index = 0; index < Math.ceil(PAIRS / CAPACITY); index += 1) mentors.push(await createMember(app.strapi, program, 'mentor', { capacity: CAPACITY }));
    const pairs = [];
    for (let index = 0; index < PAIRS; index += 1) {
      const mentee = await createMember(app.strapi, program, 'mentee');
      const mentor = mentors[Math.floor(index / CAPACITY)]!;
      pairs.push({ menteeId: mentee.profileDocumentId, mentorId: mentor.profileDocumentId, menteeName: mentee.displayName, mentorName: mentor.displayName, score: 1, breakdown: [] });
    }
    const run = (await app.strapi.db.query('plugin::mentorship.matching-run').create({
      data: {
        program: program.id,
        runStatus: 'succeeded',
        result: { pairs, unmatched: [], mentorLoads: [], totalScore: PAIRS, stats: {} },
        menteeCount: PAIRS,
        mentorCount: mentors.length,
        publishedAt: new Date(),
      },
    })) as { documentId: string };
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const started = performance.now();
    const response = await app.http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({});
    const approveSeconds = (performance.now() - started) / 1000;
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ created: PAIRS, emailsQueued: PAIRS * 2 });

    await app.strapi.plugin('mentorship').service('notifications').whenIdle();
    const deliverySeconds = (performance.now() - started) / 1000;
    const progress = (await app.http().get(`/mentorship/runs/${run.documentId}/introductions`).set(admin.auth).expect(200)).body.data;
    expect(progress).toEqual({ queued: 0, sent: PAIRS * 2, failed: 0 });
    expect(mail.messages).toHaveLength(PAIRS * 2);

    console.log(
      [
        `| database | pairs | approve answer | all ${PAIRS * 2} introductions delivered | (setup) |`,
        '| --- | --- | --- | --- | --- |',
        `| ${app.database} | ${PAIRS} | ${approveSeconds.toFixed(2)} s | ${deliverySeconds.toFixed(1)} s | ${setupSeconds.toFixed(0)} s |`,
      ].join('\n'),
    );
  });
});
