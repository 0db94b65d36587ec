import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import type { RunDetail } from '../../cms/shared/contracts/staff';
import { CRITERIA, MENTEE_FIELDS, MENTOR_FIELDS, createProfile, createProgram, menteeAnswers, mentorAnswers, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';

/**
 * Before reserved names were refused, a question key could be `constructor`, `toString`, ... and a
 * staff criterion could read it; every lookup by key then found Object.prototype's members, the
 * matcher answered 500 and runs failed. Such profile types may still exist: they must keep working.
 */
const LEGACY_KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
const PROFILE_TYPE = 'plugin::mentorship.profile-type';

describe('question keys named like built-in object properties, saved before they were refused', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let program: ProgramFixture;
  let mia: Member;

  const legacyAnswers = { constructor: 'alpha', toString: 'beta', valueOf: 'gamma', hasOwnProperty: 'delta' };

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    admin = await superAdmin(app.strapi);
    program = await createProgram(app.strapi, 'mentor-exchange', {
      matchingCriteria: [...CRITERIA, ...LEGACY_KEYS.map((key) => ({ name: key, kind: 'same', menteeAttribute: key, mentorAttribute: key, weight: 5 }))],
    });
    // Written as an older version stored them: straight to the table, past today's checks.
    for (const [role, fields] of [['mentor', MENTOR_FIELDS], ['mentee', MENTEE_FIELDS]] as const) {
      const type = (await app.strapi.db.query(PROFILE_TYPE).findOne({ where: { program: { documentId: program.documentId }, role } })) as { id: number };
      const legacy = LEGACY_KEYS.map((key) => ({ key, label: `Old question ${key}`, kind: 'text', required: false, public: true, searchable: false, matching: true }));
      await app.strapi.db.query(PROFILE_TYPE).update({ where: { id: type.id }, data: { fields: [...fields, ...legacy] } });
    }
    await createProfile(app.strapi, { member: await registerMember(app, 'Dr Alpha'), program, role: 'mentor', displayName: 'Dr Alpha', answers: mentorAnswers(legacyAnswers) });
    await createProfile(app.strapi, { member: await registerMember(app, 'Dr Blank'), program, role: 'mentor', displayName: 'Dr Blank', answers: mentorAnswers() });
    mia = await registerMember(app, 'Mia');
    await createProfile(app.strapi, { member: mia, program, role: 'mentee', displayName: 'Mia', answers: menteeAnswers(legacyAnswers) });
    await createProfile(app.strapi, { member: await registerMember(app, 'Noa'), program, role: 'mentee', displayName: 'Noa', answers: menteeAnswers() });
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when the directory lists mentors, then only answers actually given are shown for those questions', async () => {
    const body = (await app.as(mia).get(`/api/mentorship/programs/${program.slug}/directory?sort=name`).expect(200)).body as DirectoryResponse;
    const byName = Object.fromEntries(body.data.map((listing) => [listing.displayName, listing.answers]));
    expect(byName['Dr Alpha']).toMatchObject(legacyAnswers);
    for (const key of LEGACY_KEYS) expect(Object.hasOwn(byName['Dr Blank'] ?? {}, key)).toBe(false);
  });

  it('when a mentee sorts the directory by match, then the matcher answers and the criteria on those keys count', async () => {
    const body = (await app.as(mia).get(`/api/mentorship/programs/${program.slug}/directory?sort=match`).expect(200)).body as DirectoryResponse;
    expect(body.meta.matcher).toBe('ok');
    expect(body.data.map((listing) => listing.displayName)).toEqual(['Dr Alpha', 'Dr Blank']);
    const [alpha, blank] = body.data;
    expect(alpha?.match?.score).toBeGreaterThan(blank?.match?.score ?? 1);
  });

  it('when staff run matching with criteria on (and named after) those keys, then the run succeeds and the shared answers decide the pairs', async () => {
    // Weights for one criterion only: the others keep their own, not Object.prototype's members.
    const started = await app.http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId, weights: { 'Shared interests': 6 } }).expect(202);
    await app.strapi.plugin('mentorship').service('runs').whenIdle();
    const run = (await app.http().get(`/mentorship/runs/${started.body.data.documentId}`).set(admin.auth).expect(200)).body.data as RunDetail;
    expect(run.errorMessage ?? null).toBeNull();
    expect(run.status).toBe('succeeded');
    const pairs = run.result!.pairs.map((pair) => [pair.menteeName, pair.mentorName]);
    expect(pairs).toEqual(expect.arrayContaining([['Mia', 'Dr Alpha'], ['Noa', 'Dr Blank']]));
    const mia = run.result!.pairs.find((pair) => pair.menteeName === 'Mia')!;
    for (const key of LEGACY_KEYS) expect(mia.breakdown.find((entry) => entry.criterion === key)).toMatchObject({ match: 1, passed: true });
    const noa = run.result!.pairs.find((pair) => pair.menteeName === 'Noa')!;
    for (const key of LEGACY_KEYS) expect(noa.breakdown.find((entry) => entry.criterion === key)).toMatchObject({ match: 0 });
    expect(run.criteria.map((criterion) => [criterion.name, criterion.weight])).toEqual(expect.arrayContaining([['Shared interests', 6], ...LEGACY_KEYS.map((key) => [key, 5])]));
  });
});
