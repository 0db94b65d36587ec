import { startApp, type TestApp } from '../helpers/strapi';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type ProgramFixture } from '../helpers/cohort';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import type { MatchingCriterion } from '../../cms/shared/matching-criteria';
import type { AlternativesResponse, PairInsteadResponse, ProposalsPage, RunDetail, RunOverview, WaitingList } from '../../cms/shared/contracts/staff';

/**
 * Reviewing a large run as staff do: a summary to poll and pages of proposals, many pairs locked at
 * once, a selection approved and the rest run again, "pair with this mentor instead", a re-run that
 * keeps the previous pairs, and the waiting list after approval. Scores as in admin-run-review: the
 * same background counts 2, the same region 1, out of 3; a shared language is a hard rule.
 */
const CRITERIA: MatchingCriterion[] = [
  { name: 'Same background', kind: 'same', menteeAttribute: 'background', mentorAttribute: 'background', weight: 2, required: false },
  { name: 'Same region', kind: 'same', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1, required: false },
  { name: 'A language in common', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 0, required: true },
];
const ACTION = (name: string) => `plugin::mentorship.${name}`;

describe('admin run selection: pages, bulk locks, partial approval, pair instead, waiting list', () => {
  let app: TestApp;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let reader: AdminSession;
  let runner: AdminSession;

  const http = () => app.http();
  const waitForRun = async (documentId: string): Promise<RunDetail> => {
    await app.strapi.plugin('mentorship').service('runs').whenIdle();
    return (await http().get(`/mentorship/runs/${documentId}`).set(admin.auth).expect(200)).body.data as RunDetail;
  };
  const startRun = async (program: ProgramFixture) => {
    const response = await http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId }).expect(202);
    const run = await waitForRun(response.body.data.documentId as string);
    expect(run.status).toBe('succeeded');
    return run;
  };
  const summary = async (runId: string) => (await http().get(`/mentorship/runs/${runId}/summary`).set(admin.auth).expect(200)).body.data as RunOverview;
  const page = async (runId: string, query: Record<string, string | number | boolean> = {}) =>
    (await http().get(`/mentorship/runs/${runId}/proposals`).query(query).set(admin.auth).expect(200)).body.data as ProposalsPage;
  const member = (program: ProgramFixture, role: 'mentor' | 'mentee', name: string, background: string, region: string, languages = ['en'], capacity = 1) =>
    createMember(app.strapi, program, role, {
      name,
      answers: { ...(role === 'mentee' ? { studentMember: 'yes' } : {}), background, region, interests: ['oncology'], languages },
      capacity,
    });

  beforeAll(async () => {
    matcher = await startMatcher();
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTION('read')]), 'Reader');
    runner = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTION('read'), ACTION('runs.execute')]), 'Runner');
  });

  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when the page asks for proposals, then the summary carries no pairs and the pairs come a page at a time, searched and sorted on the server', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    await member(program, 'mentor', 'Mia Mentor', 'hospital', 'europe', ['en'], 3);
    await member(program, 'mentor', 'Noel Mentor', 'industry', 'europe', ['en'], 3);
    for (const [name, background] of [
      ['Ada Mentee', 'hospital'],
      ['Bea Mentee', 'hospital'],
      ['Cy Mentee', 'industry'],
      ['Dee Mentee', 'industry'],
      ['Eli Mentee', 'research'],
    ]) await member(program, 'mentee', name!, background!, 'europe');
    const run = await startRun(program);

    const overview = await summary(run.documentId);
    expect(overview).toMatchObject({ documentId: run.documentId, status: 'succeeded', pairCount: 5, unmatchedCount: 0, remainingCount: 5, approvedCount: 0, lockedCount: 0 });
    expect(overview).not.toHaveProperty('result');
    expect(overview).not.toHaveProperty('inputs');

    const first = await page(run.documentId, { pageSize: 2, sort: 'mentee' });
    expect(first).toMatchObject({ page: 1, pageSize: 2, pageCount: 3, total: 5 });
    expect(first.items.map((row) => row.menteeName)).toEqual(['Ada Mentee', 'Bea Mentee']);
    const last = await page(run.documentId, { pageSize: 2, sort: 'mentee', page: 3 });
    expect(last.items.map((row) => row.menteeName)).toEqual(['Eli Mentee']);
    const searched = await page(run.documentId, { search: 'noel' });
    expect(searched.items.every((row) => row.mentorName === 'Noel Mentor')).toBe(true);
    expect(searched.total).toBeGreaterThan(0);
    const lowestFirst = await page(run.documentId, { sort: 'score-asc' });
    expect(lowestFirst.items.map((row) => row.score)).toEqual([...lowestFirst.items.map((row) => row.score)].sort((a, b) => a - b));

    // A reader may read; bad queries name the field.
    await http().get(`/mentorship/runs/${run.documentId}/proposals`).set(reader.auth).expect(200);
    const tooBig = await http().get(`/mentorship/runs/${run.documentId}/proposals`).query({ pageSize: 500 }).set(admin.auth).expect(400);
    expect(tooBig.body.error.message).toMatch(/pageSize/);
    const badSort = await http().get(`/mentorship/runs/${run.documentId}/proposals`).query({ sort: 'random' }).set(admin.auth).expect(400);
    expect(badSort.body.error.message).toMatch(/sort/);
    const badFlag = await http().get(`/mentorship/runs/${run.documentId}/proposals`).query({ locked: 'maybe' }).set(admin.auth).expect(400);
    expect(badFlag.body.error.message).toMatch(/locked/);
  });

  it('when staff lock many pairs in one request, then they are locked once, a repeat changes nothing, a role without "run matching" gets 403 and bad pairs 400', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    await member(program, 'mentor', 'Oona Mentor', 'hospital', 'europe', ['en'], 3);
    await member(program, 'mentee', 'Fay Mentee', 'hospital', 'europe');
    await member(program, 'mentee', 'Gus Mentee', 'industry', 'europe');
    await member(program, 'mentee', 'Hal Mentee', 'research', 'europe');
    const run = await startRun(program);
    const rows = (await page(run.documentId, { sort: 'mentee' })).items;
    const twoPairs = rows.slice(0, 2).map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));

    await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(reader.auth).send({ lock: twoPairs }).expect(403);
    const locked = (await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(runner.auth).send({ lock: twoPairs }).expect(200)).body.data as RunOverview;
    expect(locked.lockedCount).toBe(2);
    const again = (await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(runner.auth).send({ lock: twoPairs }).expect(200)).body.data as RunOverview;
    expect(again.lockedCount).toBe(2);
    expect((await page(run.documentId, { locked: true })).items.map((row) => row.menteeName).sort()).toEqual(['Fay Mentee', 'Gus Mentee']);
    expect((await page(run.documentId, { locked: false })).items.map((row) => row.menteeName)).toEqual(['Hal Mentee']);

    const notProposed = await http()
      .post(`/mentorship/runs/${run.documentId}/pairs`)
      .set(runner.auth)
      .send({ lock: [{ menteeId: rows[0]!.menteeId, mentorId: rows[0]!.menteeId }] })
      .expect(400);
    expect(notProposed.body.error.message).toMatch(/^lock\.0: /);
    const empty = await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(runner.auth).send({}).expect(400);
    expect(empty.body.error.message).toMatch(/at least one pair/);
    await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(runner.auth).send({ lock: [{ menteeId: 'x' }] }).expect(400);

    const unlocked = (await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(runner.auth).send({ unlock: [twoPairs[0]] }).expect(200)).body.data as RunOverview;
    expect(unlocked.lockedCount).toBe(1);
  });

  it('when staff approve a selection, then only those become mentorships, the rest stay proposals, a repeat creates nothing, and a re-run starts from what is left', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    await member(program, 'mentor', 'Pia Mentor', 'hospital', 'europe', ['en'], 2);
    await member(program, 'mentor', 'Quin Mentor', 'industry', 'europe', ['en'], 2);
    for (const name of ['Ivo Mentee', 'Jo Mentee', 'Kai Mentee', 'Lea Mentee']) await member(program, 'mentee', name, name < 'K' ? 'hospital' : 'industry', 'europe');
    const run = await startRun(program);
    const rows = (await page(run.documentId, { sort: 'mentee' })).items;
    const selection = rows.slice(0, 2).map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));

    await http().post(`/mentorship/runs/${run.documentId}/approve`).set(runner.auth).send({ pairs: selection }).expect(403);
    const approved = (await http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({ pairs: selection }).expect(200)).body.data;
    expect(approved).toMatchObject({ created: 2, emailsQueued: 4 });
    expect(await app.strapi.db.query('plugin::mentorship.mentorship').count({ where: { program: program.id } })).toBe(2);
    const after = await summary(run.documentId);
    expect(after).toMatchObject({ status: 'succeeded', approvedCount: 2, remainingCount: 2, mentorshipCount: 2 });
    expect((await page(run.documentId, { status: 'approved' })).items.map((row) => row.menteeName).sort()).toEqual(['Ivo Mentee', 'Jo Mentee']);
    expect((await page(run.documentId, { status: 'proposed' })).total).toBe(2);
    // The proposals' CSV says which pairs are approved already.
    const csv = (await http().get(`/mentorship/runs/${run.documentId}/export/proposals`).set(reader.auth).expect(200)).text;
    expect(csv.split('\n').filter((line) => line.startsWith('approved,'))).toHaveLength(2);
    expect(csv.split('\n').filter((line) => line.startsWith('proposed,'))).toHaveLength(2);

    const repeat = (await http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({ pairs: selection }).expect(200)).body.data;
    expect(repeat).toMatchObject({ created: 0, emailsQueued: 0 });
    const stranger = await http()
      .post(`/mentorship/runs/${run.documentId}/approve`)
      .set(admin.auth)
      .send({ pairs: [{ menteeId: rows[0]!.menteeId, mentorId: rows[3]!.menteeId }] })
      .expect(400);
    expect(stranger.body.error.message).toMatch(/^pairs\.0: is not a proposal/);
    await http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({ pairs: [] }).expect(400);

    // Locks naming the approved mentees are dropped by the re-run; the others carry on.
    await http().post(`/mentorship/runs/${run.documentId}/pairs`).set(admin.auth).send({ lock: [{ menteeId: rows[2]!.menteeId, mentorId: rows[2]!.mentorId }] }).expect(200);
    const rerun = (await http().post(`/mentorship/runs/${run.documentId}/rerun`).set(runner.auth).send({}).expect(202)).body.data as RunDetail;
    const next = await waitForRun(rerun.documentId);
    expect(next).toMatchObject({ status: 'succeeded', menteeCount: 2, previousRunDocumentId: run.documentId });
    expect(next.locked).toEqual([{ menteeId: rows[2]!.menteeId, mentorId: rows[2]!.mentorId }]);
    expect(next.result!.pairs.map((pair) => pair.menteeName).sort()).toEqual(['Kai Mentee', 'Lea Mentee']);
    await http().post(`/mentorship/runs/${run.documentId}/rerun`).set(reader.auth).send({}).expect(403);

    // Approving the rest of the first run closes it.
    const rest = (await http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({}).expect(200)).body.data;
    expect(rest).toMatchObject({ created: 2 });
    expect(await summary(run.documentId)).toMatchObject({ status: 'approved', approvedCount: 4, remainingCount: 0 });
  });

  it('when a selection of a later run is approved, then the earlier run is superseded and approving it answers 409', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    await member(program, 'mentor', 'Abe Mentor', 'hospital', 'europe', ['en'], 2);
    await member(program, 'mentee', 'Bo Mentee', 'hospital', 'europe');
    await member(program, 'mentee', 'Cal Mentee', 'industry', 'europe');
    const earlier = await startRun(program);
    const later = await startRun(program);
    const [first] = (await page(later.documentId, { sort: 'mentee' })).items;
    await http().post(`/mentorship/runs/${later.documentId}/approve`).set(admin.auth).send({ pairs: [{ menteeId: first!.menteeId, mentorId: first!.mentorId }] }).expect(200);
    expect(await summary(earlier.documentId)).toMatchObject({ supersededBy: later.documentId });
    expect(await summary(later.documentId)).toMatchObject({ supersededBy: null, status: 'succeeded', approvedCount: 1 });
    const refused = await http().post(`/mentorship/runs/${earlier.documentId}/approve`).set(admin.auth).send({}).expect(409);
    expect(refused.body.error).toMatchObject({ details: { code: 'superseded' } });
    await http().post(`/mentorship/runs/${earlier.documentId}/pairs`).set(admin.auth).send({ lock: [{ menteeId: first!.menteeId, mentorId: first!.mentorId }] }).expect(409);
  });

  it('when staff pair a mentee with another mentor, then hard rules and places are checked, the score change is shown and applied as a locked pair, and the displaced mentee is unmatched', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    const xavier = await member(program, 'mentor', 'Xavier Mentor', 'hospital', 'europe', ['en', 'fr']);
    const yoko = await member(program, 'mentor', 'Yoko Mentor', 'industry', 'east-asia');
    const amal = await member(program, 'mentee', 'Amal Mentee', 'research', 'europe', ['fr']);
    const ben = await member(program, 'mentee', 'Ben Mentee', 'hospital', 'east-asia');
    const run = await startRun(program);
    expect(Object.fromEntries(run.result!.pairs.map((pair) => [pair.menteeName, pair.mentorName]))).toEqual({ 'Amal Mentee': 'Xavier Mentor', 'Ben Mentee': 'Yoko Mentor' });

    // "Why not others?" for Ben lists Xavier with what pairing them would do.
    const why = (await http().get(`/mentorship/runs/${run.documentId}/alternatives`).query({ menteeId: ben.profileDocumentId }).set(admin.auth).expect(200)).body.data as AlternativesResponse;
    const xavierForBen = why.alternatives.find((alternative) => alternative.mentorId === xavier.profileDocumentId)!;
    expect(xavierForBen.impact).toMatchObject({ possible: true, displaced: { menteeId: amal.profileDocumentId, menteeName: 'Amal Mentee' } });
    expect(xavierForBen.impact!.pairScoreChange).toBeCloseTo(1 / 3, 6);
    expect(xavierForBen.impact!.totalScoreChange).toBeCloseTo(1 / 3 - 1 / 3, 6);

    // Amal speaks only French: Yoko breaks the hard rule.
    const refused = await http().post(`/mentorship/runs/${run.documentId}/pair-instead`).set(admin.auth).send({ menteeId: amal.profileDocumentId, mentorId: yoko.profileDocumentId }).expect(409);
    expect(refused.body.error.message).toMatch(/A language in common/);
    await http().post(`/mentorship/runs/${run.documentId}/pair-instead`).set(reader.auth).send({ menteeId: ben.profileDocumentId, mentorId: xavier.profileDocumentId }).expect(403);
    const badMentee = await http().post(`/mentorship/runs/${run.documentId}/pair-instead`).set(admin.auth).send({ menteeId: xavier.profileDocumentId, mentorId: xavier.profileDocumentId }).expect(400);
    expect(badMentee.body.error.message).toMatch(/^menteeId: /);

    const done = (await http().post(`/mentorship/runs/${run.documentId}/pair-instead`).set(runner.auth).send({ menteeId: ben.profileDocumentId, mentorId: xavier.profileDocumentId }).expect(200)).body.data as PairInsteadResponse;
    expect(done.edit).toMatchObject({ menteeName: 'Ben Mentee', mentorName: 'Xavier Mentor', previousMentorName: 'Yoko Mentor', displacedMenteeName: 'Amal Mentee' });
    expect(done.run).toMatchObject({ pairCount: 1, unmatchedCount: 1, lockedCount: 1, stability: null });
    expect(done.run.totalScore).toBeCloseTo(2 / 3, 6);
    const rows = (await page(run.documentId)).items;
    expect(rows).toEqual([expect.objectContaining({ menteeName: 'Ben Mentee', mentorName: 'Xavier Mentor', locked: true })]);
    const detail = await waitForRun(run.documentId);
    expect(detail.result!.unmatched).toEqual([expect.objectContaining({ menteeName: 'Amal Mentee', code: 'displaced-by-staff' })]);

    // The same change again changes nothing.
    const repeat = (await http().post(`/mentorship/runs/${run.documentId}/pair-instead`).set(runner.auth).send({ menteeId: ben.profileDocumentId, mentorId: xavier.profileDocumentId }).expect(200)).body.data as PairInsteadResponse;
    expect(repeat.edit).toBeNull();
    expect(repeat.run.edits).toHaveLength(1);
  });

  it('when a re-run is asked to change as few pairs as possible, then it keeps the previous pairs at an equal total and says so; a tolerance over 20% is refused', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    // Two mentees and two mentors who all fit each other equally: any pairing has the same total.
    await member(program, 'mentor', 'Rae Mentor', 'hospital', 'europe');
    await member(program, 'mentor', 'Sol Mentor', 'hospital', 'europe');
    await member(program, 'mentee', 'Tia Mentee', 'hospital', 'europe');
    await member(program, 'mentee', 'Uma Mentee', 'hospital', 'europe');
    const run = await startRun(program);
    const bad = await http().post(`/mentorship/runs/${run.documentId}/rerun`).set(admin.auth).send({ keepPrevious: { tolerance: 0.5 } }).expect(400);
    expect(bad.body.error.message).toMatch(/keepPrevious\.tolerance/);

    const rerun = (await http().post(`/mentorship/runs/${run.documentId}/rerun`).set(admin.auth).send({ keepPrevious: { tolerance: 0 } }).expect(202)).body.data as RunDetail;
    const next = await waitForRun(rerun.documentId);
    expect(next.result!.keep).toMatchObject({ tolerance: 0, previousPairs: 2, kept: 2, changed: 0, scoreGivenUp: 0 });
    expect(next.diff).toMatchObject({ unchanged: 2, added: [], removed: [] });
    expect((await summary(next.documentId)).keep).toMatchObject({ kept: 2, changed: 0 });
  });

  it('when mentees are still waiting after approval, then the waiting list says which mentors would place them, and carrying them over marks them in the next run', async () => {
    const program = await createProgram(app.strapi, { criteria: CRITERIA });
    await member(program, 'mentor', 'Vera Mentor', 'hospital', 'europe', ['en']);
    await member(program, 'mentee', 'Wyn Mentee', 'hospital', 'europe', ['en']);
    const zara = await member(program, 'mentee', 'Zara Mentee', 'hospital', 'europe', ['fr']);
    const yves = await member(program, 'mentee', 'Yves Mentee', 'industry', 'europe', ['de', 'fr']);
    const run = await startRun(program);
    await http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({}).expect(200);

    const waiting = (await http().get(`/mentorship/runs/${run.documentId}/waiting`).set(reader.auth).expect(200)).body.data as WaitingList;
    expect(waiting.mentees.map((mentee) => mentee.menteeName)).toEqual(['Yves Mentee', 'Zara Mentee']);
    expect(waiting.mentees.every((mentee) => mentee.code === 'no-eligible-mentor' && !mentee.carriedOver)).toBe(true);
    // Both need a French speaker (Yves also speaks German, but a French speaker serves both); they
    // differ on the heaviest criterion (background).
    expect(waiting.wanted).toEqual([
      expect.objectContaining({ answers: [{ criterion: 'A language in common', value: 'fr' }, { criterion: 'Same background', value: 'hospital' }], mentees: 1, mentorsNeeded: 1 }),
      expect.objectContaining({ answers: [{ criterion: 'A language in common', value: 'fr' }, { criterion: 'Same background', value: 'industry' }], mentees: 1, mentorsNeeded: 1 }),
    ]);

    await http().post(`/mentorship/runs/${run.documentId}/waiting/carry-over`).set(reader.auth).send({}).expect(403);
    const notWaiting = await http().post(`/mentorship/runs/${run.documentId}/waiting/carry-over`).set(admin.auth).send({ menteeIds: [run.result!.pairs[0]!.menteeId] }).expect(400);
    expect(notWaiting.body.error.message).toMatch(/^menteeIds\.0: /);
    const carried = (await http().post(`/mentorship/runs/${run.documentId}/waiting/carry-over`).set(runner.auth).send({ menteeIds: [zara.profileDocumentId] }).expect(200)).body.data as WaitingList;
    expect(carried.mentees.find((mentee) => mentee.menteeName === 'Zara Mentee')!.carriedOver).toBe(true);
    const again = (await http().post(`/mentorship/runs/${run.documentId}/waiting/carry-over`).set(runner.auth).send({}).expect(200)).body.data as WaitingList;
    expect(again.mentees.every((mentee) => mentee.carriedOver)).toBe(true);
    expect((await summary(run.documentId)).carriedOverCount).toBe(2);

    // A French-speaking mentor joins; the next run places one of them and marks them carried over.
    await member(program, 'mentor', 'Xena Mentor', 'industry', 'europe', ['fr']);
    const next = await startRun(program);
    expect(next.menteeCount).toBe(2);
    const rows = (await page(next.documentId)).items;
    expect(rows).toEqual([expect.objectContaining({ menteeId: yves.profileDocumentId, carriedOver: true })]);
    expect((await summary(next.documentId)).carriedOverCount).toBe(2);
  });
});
