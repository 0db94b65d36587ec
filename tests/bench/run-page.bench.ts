import { startApp, type TestApp } from '../helpers/strapi';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';
import { BACKGROUNDS, INTERESTS, createMember, createProgram, type ProgramFixture } from '../helpers/cohort';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import type { RunOverview } from '../../cms/shared/contracts/staff';

/**
 * The run page at a cohort's scale: MENTEES mentees and MENTORS mentors of capacity 4 (2,000 x 500
 * by default), from pressing Run to the first page of proposals, through the CMS's admin API on the
 * database TEST_DB names (PostgreSQL for `npm run bench:run-page`), with the real matcher in-process.
 * The page's requests are replayed as the page makes them: POST /runs, GET /runs/:id/summary every
 * POLL_MS until the run has finished, then GET /runs/:id/proposals (50 pairs). Also measured: the
 * bytes of one poll before (GET /runs/:id, the whole result, which the page polled until now) and
 * after (the summary), and a few page requests (search, sort, filter).
 */
const MENTEES = Number(process.env.BENCH_MENTEES ?? 2000);
const MENTORS = Number(process.env.BENCH_MENTORS ?? 500);
const CAPACITY = 4;
const POLL_MS = 500;
const REGIONS = ['europe', 'north-america', 'east-asia', 'africa', 'latin-america'];
const LANGUAGES = ['en', 'fr', 'es', 'de'];

/** A deterministic spread of answers, so scores take few distinct values as in real cohorts. */
const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
const answersFor = (n: number) => ({
  background: pick(BACKGROUNDS, n * 7 + 1),
  region: pick(REGIONS, n * 3 + 2),
  interests: [pick(INTERESTS, n), pick(INTERESTS, n * 5 + 3)].filter((value, index, list) => list.indexOf(value) === index),
  languages: n % 6 === 0 ? [pick(LANGUAGES, n)] : ['en', pick(LANGUAGES, n)].filter((value, index, list) => list.indexOf(value) === index),
});

describe(`the run page at ${MENTEES} x ${MENTORS} (capacity ${CAPACITY})`, () => {
  let app: TestApp;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let program: ProgramFixture;

  beforeAll(async () => {
    matcher = await startMatcher();
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    admin = await superAdmin(app.strapi);
    program = await createProgram(app.strapi);
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('measures Run to proposals on screen, and the bytes of each poll', async () => {
    const setupStarted = performance.now();
    for (let index = 0; index < MENTORS; index += 1) await createMember(app.strapi, program, 'mentor', { capacity: CAPACITY, answers: answersFor(index * 11 + 5) });
    for (let index = 0; index < MENTEES; index += 1) await createMember(app.strapi, program, 'mentee', { answers: { studentMember: 'yes', ...answersFor(index) } });
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const http = () => app.http();

    const started = performance.now();
    const created = await http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId }).expect(202);
    const runId = created.body.data.documentId as string;
    const startAnswered = performance.now();
    let polls = 0;
    let pollBytes = 0;
    let overview: RunOverview;
    for (;;) {
      const response = await http().get(`/mentorship/runs/${runId}/summary`).set(admin.auth).expect(200);
      polls += 1;
      pollBytes = Math.max(pollBytes, response.text.length);
      overview = response.body.data as RunOverview;
      if (overview.status !== 'running') break;
      // The page polls twice a second; waiting on the run's own completion instead would not be what users get.
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const finished = performance.now();
    expect(overview.status).toBe('succeeded');
    const firstPage = await http().get(`/mentorship/runs/${runId}/proposals`).query({ page: 1, pageSize: 50 }).set(admin.auth).expect(200);
    const onScreen = performance.now();
    expect(firstPage.body.data.items).toHaveLength(50);

    const timed = async (label: string, query: Record<string, string | number>) => {
      const before = performance.now();
      const response = await http().get(`/mentorship/runs/${runId}/proposals`).query(query).set(admin.auth).expect(200);
      return { label, ms: performance.now() - before, bytes: response.text.length, total: response.body.data.total as number };
    };
    const pages = [
      await timed('page 20, best score first', { page: 20, pageSize: 50 }),
      await timed('search a name, mentee order', { search: 'Mentee 1', sort: 'mentee' }),
      await timed('not locked, lowest score first', { locked: 'false', sort: 'score-asc' }),
    ];
    const fullBefore = performance.now();
    const full = await http().get(`/mentorship/runs/${runId}`).set(admin.auth).expect(200);
    const fullMs = performance.now() - fullBefore;
    const summaryBefore = performance.now();
    const summary = await http().get(`/mentorship/runs/${runId}/summary`).set(admin.auth).expect(200);
    const summaryMs = performance.now() - summaryBefore;

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      [
        `Run page, ${MENTEES} mentees x ${MENTORS} mentors of capacity ${CAPACITY} (${app.database}; setup ${setupSeconds.toFixed(0)} s):`,
        '',
        '| step | time |',
        '| --- | ---: |',
        `| POST /runs answered (pool read, inputs frozen) | ${seconds(startAnswered - started)} |`,
        `| run finished, seen by the page's poll (${polls} polls, two a second) | ${seconds(finished - started)} |`,
        `| first page of 50 proposals received: **Run to proposals on screen** | **${seconds(onScreen - started)}** |`,
        `| the run's execution: matcher call, answer read, result stored (durationMs) | ${seconds(Number(overview.durationMs ?? 0))} |`,
        `| matcher's own time (validate + score + solve) | ${seconds(Number(overview.timings.total ?? 0))} |`,
        '',
        '| request | bytes | time |',
        '| --- | ---: | ---: |',
        `| one poll before: GET /runs/:id (whole result) | ${kb(full.text.length)} | ${fullMs.toFixed(0)} ms |`,
        `| one poll after: GET /runs/:id/summary | ${kb(summary.text.length)} | ${summaryMs.toFixed(0)} ms |`,
        `| largest poll while running | ${kb(pollBytes)} | |`,
        `| GET /runs/:id/proposals, first page of 50 | ${kb(firstPage.text.length)} | ${(onScreen - finished).toFixed(0)} ms |`,
        ...pages.map((entry) => `| proposals: ${entry.label} (${entry.total} match) | ${kb(entry.bytes)} | ${entry.ms.toFixed(0)} ms |`),
      ].join('\n'),
    );
    expect(summary.text.length).toBeLessThan(full.text.length);
  });
});
