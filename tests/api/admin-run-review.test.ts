import { startApp, type TestApp } from '../helpers/strapi';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type ProgramFixture } from '../helpers/cohort';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import type { MatchingCriterion } from '../../cms/shared/matching-criteria';
import type { RunDetail, RunSummary } from '../../cms/shared/contracts/staff';

/**
 * Reviewing a run as staff read it: people by name, the stability of the proposals, and runs that a
 * later approval superseded. Scores can be worked out by hand: the same background counts 2, the
 * same region 1, out of 3; a shared language is a hard rule that adds nothing to the score.
 */
const CRITERIA: MatchingCriterion[] = [
  { name: 'Same background', kind: 'same', menteeAttribute: 'background', mentorAttribute: 'background', weight: 2, required: false },
  { name: 'Same region', kind: 'same', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1, required: false },
  { name: 'A language in common', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 0, required: true },
];

describe('admin run review: names, stability, superseded runs', () => {
  let app: TestApp;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let approver: AdminSession;

  const waitForRun = async (documentId: string): Promise<RunDetail> => {
    await app.strapi.plugin('mentorship').service('runs').whenIdle();
    return (await app.http().get(`/mentorship/runs/${documentId}`).set(admin.auth).expect(200)).body.data as RunDetail;
  };
  const startRun = async (program: ProgramFixture) => {
    const response = await app.http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId }).expect(202);
    const run = await waitForRun(response.body.data.documentId as string);
    expect(run.status).toBe('succeeded');
    return run;
  };
  const member = (program: ProgramFixture, role: 'mentor' | 'mentee', name: string, background: string, region: string, languages = ['en']) =>
    createMember(app.strapi, program, role, {
      name,
      answers: { ...(role === 'mentee' ? { studentMember: 'yes' } : {}), background, region, interests: ['oncology'], languages },
      capacity: 1,
    });

  beforeAll(async () => {
    matcher = await startMatcher();
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    admin = await superAdmin(app.strapi);
    approver = await createAdmin(app.strapi, await roleWith(app.strapi, ['plugin::mentorship.read', 'plugin::mentorship.runs.approve']), 'Approver');
  });

  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when placing everyone leaves a mentee and a mentor wanting each other, then the run reports that blocking pair by name with both gains', async () => {
    // Amal speaks only French, so only Xavier can mentor her (1/3: same region). Ben fits Xavier
    // best (2/3: same background) and Yoko less (1/3: same region). Placing both mentees gives
    // Amal-Xavier and Ben-Yoko; Ben would gain 1/3 and Xavier 1/3 (2/3 against Amal's 1/3) by
    // pairing: one blocking pair.
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    const xavier = await member(program, 'mentor', 'Xavier Mentor', 'hospital', 'europe', ['en', 'fr']);
    const yoko = await member(program, 'mentor', 'Yoko Mentor', 'industry', 'east-asia');
    const amal = await member(program, 'mentee', 'Amal Mentee', 'research', 'europe', ['fr']);
    const ben = await member(program, 'mentee', 'Ben Mentee', 'hospital', 'east-asia');

    const run = await startRun(program);
    const pairs = Object.fromEntries(run.result!.pairs.map((pair) => [pair.menteeName, pair.mentorName]));
    expect(pairs).toEqual({ 'Amal Mentee': 'Xavier Mentor', 'Ben Mentee': 'Yoko Mentor' });
    const stability = run.result!.stability!;
    expect(stability.blockingPairs).toBe(1);
    expect(stability.pairs).toHaveLength(1);
    const [blocking] = stability.pairs;
    expect(blocking).toMatchObject({
      menteeId: ben.profileDocumentId,
      menteeName: 'Ben Mentee',
      mentorId: xavier.profileDocumentId,
      mentorName: 'Xavier Mentor',
      menteeCurrentMentorId: yoko.profileDocumentId,
      menteeCurrentMentorName: 'Yoko Mentor',
      displacedMenteeId: amal.profileDocumentId,
      displacedMenteeName: 'Amal Mentee',
    });
    expect(blocking.score).toBeCloseTo(2 / 3, 9);
    expect(blocking.menteeCurrentScore).toBeCloseTo(1 / 3, 9);
    expect(blocking.displacedScore).toBeCloseTo(1 / 3, 9);
    expect(blocking.menteeGain).toBeCloseTo(1 / 3, 9);
    expect(blocking.mentorGain).toBeCloseTo(1 / 3, 9);
    expect(stability.strongestGain).toBeCloseTo(1 / 3, 9);

    const list = (await app.http().get(`/mentorship/programs/${program.documentId}/runs`).set(admin.auth).expect(200)).body.data as RunSummary[];
    expect(list[0]).toMatchObject({ documentId: run.documentId, blockingPairs: 1, supersededBy: null });
  });

  it('when a mentee is left without a place, then the reason names the best mentor instead of their id, with a link target', async () => {
    // Two places, three mentees: Cleo-Xena (1) and Dan-Yann (1) fill them; Eve, whose best is
    // Xena at 2/3, is left over because Xena's place went to Cleo.
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    const xena = await member(program, 'mentor', 'Xena Mentor', 'hospital', 'europe');
    await member(program, 'mentor', 'Yann Mentor', 'industry', 'east-asia');
    await member(program, 'mentee', 'Cleo Mentee', 'hospital', 'europe');
    await member(program, 'mentee', 'Dan Mentee', 'industry', 'east-asia');
    const eve = await member(program, 'mentee', 'Eve Mentee', 'hospital', 'east-asia');

    const run = await startRun(program);
    expect(run.result!.unmatched).toHaveLength(1);
    const [left] = run.result!.unmatched;
    expect(left).toMatchObject({ menteeId: eve.profileDocumentId, menteeName: 'Eve Mentee', code: 'capacity-exhausted', bestMentorId: xena.profileDocumentId, bestMentorName: 'Xena Mentor' });
    expect(left.bestScore).toBeCloseTo(2 / 3, 9);
    expect(left.reason).toContain('Xena Mentor');
    // No document id of the pool appears anywhere in the reason.
    for (const id of Object.keys(run.names)) expect(left.reason).not.toContain(id);
  });

  it('when a later run is approved, then the earlier run is marked superseded by it and approving it answers 409 "superseded", creating nothing', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    await member(program, 'mentor', 'Zoe Mentor', 'hospital', 'europe');
    await member(program, 'mentee', 'Finn Mentee', 'hospital', 'europe');
    const first = await startRun(program);
    const second = await startRun(program);
    // A later run that is only proposals does not supersede: staff may still prefer the first.
    expect((await waitForRun(first.documentId)).supersededBy).toBeNull();

    await app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(approver.auth).send({}).expect(200);
    expect((await waitForRun(first.documentId)).supersededBy).toBe(second.documentId);
    expect((await waitForRun(second.documentId)).supersededBy).toBeNull();
    const list = (await app.http().get(`/mentorship/programs/${program.documentId}/runs`).set(admin.auth).expect(200)).body.data as RunSummary[];
    expect(list.map((run) => [run.documentId, run.supersededBy])).toEqual([
      [second.documentId, null],
      [first.documentId, second.documentId],
    ]);

    const refused = await app.http().post(`/mentorship/runs/${first.documentId}/approve`).set(approver.auth).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ details: { code: 'superseded' } });
    expect(refused.body.error.message).toMatch(/superseded/);
    expect(await app.strapi.db.query('plugin::mentorship.mentorship').count({ where: { program: program.id } })).toBe(1);
    expect((await waitForRun(first.documentId)).status).toBe('succeeded');
    // The approved run itself stays approvable again (idempotent), never "superseded" by itself.
    await app.http().post(`/mentorship/runs/${second.documentId}/approve`).set(approver.auth).send({}).expect(200);
  });
});
