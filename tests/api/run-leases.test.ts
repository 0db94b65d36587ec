import { startApp, type TestApp } from '../helpers/strapi';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type ProgramFixture } from '../helpers/cohort';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import type { RunDetail } from '../../cms/shared/contracts/staff';
import { MAX_RUN_ATTEMPTS } from '../../cms/server/src/services/staff/run-leases';

const RUN = 'plugin::mentorship.matching-run';

/**
 * A matching run belongs to the instance executing it through a lease. These tests play the other
 * instance: a run whose lease ran out (its instance died) is claimed and executed again, or failed
 * after too many attempts; a run whose lease is current is left alone. The two-process version of this
 * (an instance killed in the middle of a run) is in tests/browser/production.test.ts.
 */
describe('matching runs whose instance stopped', () => {
  let app: TestApp;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let program: ProgramFixture;

  const leases = () => app.strapi.plugin('mentorship').service('run-leases') as { sweep: (now?: Date) => Promise<{ resumed: string[]; failed: string[] }>; instance: string };
  const runs = () => app.strapi.plugin('mentorship').service('runs') as { whenIdle: () => Promise<void> };
  const detail = async (documentId: string) => (await app.http().get(`/mentorship/runs/${documentId}`).set(admin.auth).expect(200)).body.data as RunDetail;

  /** A run as a dead instance left it: running, its lease held by someone else and expired. */
  const abandonedRun = async (attempts: number): Promise<string> => {
    const response = await app.http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId }).expect(202);
    const documentId = response.body.data.documentId as string;
    await runs().whenIdle();
    await app.strapi.db.query(RUN).update({
      where: { documentId },
      data: { runStatus: 'running', result: null, finishedAt: null, leaseOwner: 'dead-host:1:gone', leaseUntil: new Date(Date.now() - 1000), attempts },
    });
    return documentId;
  };

  beforeAll(async () => {
    matcher = await startMatcher();
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    admin = await superAdmin(app.strapi);
    program = await createProgram(app.strapi);
    await createMember(app.strapi, program, 'mentor', { name: 'Ada Mentor', answers: { background: 'hospital', region: 'europe', interests: ['oncology'] } });
    await createMember(app.strapi, program, 'mentee', { name: 'Dee Mentee', answers: { background: 'hospital', region: 'europe', interests: ['oncology'] } });
  });

  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when a run\'s lease has run out, then the sweep claims it, executes it again here and it succeeds', async () => {
    const documentId = await abandonedRun(1);
    const { resumed } = await leases().sweep();
    expect(resumed).toEqual([documentId]);
    await runs().whenIdle();
    const run = await detail(documentId);
    expect(run.status).toBe('succeeded');
    expect(run.result?.pairs.map((pair) => [pair.menteeName, pair.mentorName])).toEqual([['Dee Mentee', 'Ada Mentor']]);
    const row = await app.strapi.db.query(RUN).findOne({ where: { documentId } });
    expect(row).toMatchObject({ leaseOwner: leases().instance, attempts: 2 });
  });

  it('when two sweeps find the same expired run at once, then only one of them takes it', async () => {
    const documentId = await abandonedRun(1);
    const [one, two] = await Promise.all([leases().sweep(), leases().sweep()]);
    expect([...one.resumed, ...two.resumed]).toEqual([documentId]);
    await runs().whenIdle();
    expect((await detail(documentId)).status).toBe('succeeded');
  });

  it('when a run has been taken over too often, then it is failed with a message instead of executed again', async () => {
    const documentId = await abandonedRun(MAX_RUN_ATTEMPTS);
    const { resumed, failed } = await leases().sweep();
    expect(resumed).toEqual([]);
    expect(failed).toEqual([documentId]);
    const run = await detail(documentId);
    expect(run.status).toBe('failed');
    expect(run.errorMessage).toMatch(/stopped 3 times before it finished; run it again/);
  });

  it('when a run\'s lease is still current (its instance is alive), then the sweep leaves it alone', async () => {
    const documentId = await abandonedRun(1);
    await app.strapi.db.query(RUN).update({ where: { documentId }, data: { leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await leases().sweep()).toEqual({ resumed: [], failed: [] });
    expect((await detail(documentId)).status).toBe('running');
    // and it is taken over once its lease runs out
    expect((await leases().sweep(new Date(Date.now() + 120_000))).resumed).toEqual([documentId]);
    await runs().whenIdle();
    expect((await detail(documentId)).status).toBe('succeeded');
  });
});
