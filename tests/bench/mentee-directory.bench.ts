/**
 * The mentee directory (where mentors approach) at a few thousand mentees: `npm run bench:mentee-directory`
 * (PostgreSQL; TEST_DB=sqlite for the embedded default).
 *
 * One open-directory program with BENCH_SIZES accepted mentees (default 1,000 then 5,000, generated in
 * bulk by database/bench/mentees.ts), searched through the members' API by one listed mentor, one
 * request at a time over keep-alive HTTP (BENCH_RUNS per query after a warm-up): name order, a word,
 * a filter with availability, and the matcher's order (whose first visit, scoring every mentee for
 * the mentor, is timed apart). Members, CMS and matcher run in one process on one machine. Writes
 * tests/artifacts/mentee-directory-bench.md.
 */
import os from 'os';
import { performance } from 'perf_hooks';
import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import { generateMentees } from '../../database/bench/mentees';
import { percentile, startBenchProgram, writeReport } from '../helpers/bench';
import { createProfile, registerMember, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import type { RunningMatcher } from '../helpers/matcher';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARM_UP = 3;

/** The queries a mentor sends, each timed on its own. */
const QUERIES: [string, string][] = [
  ['name order, page 2', '?sort=name&page=2'],
  ['one word, relevance', '?q=oncology&sort=relevance'],
  ['filter + available, relevance', '?filters[interests]=research&availability=available&sort=relevance'],
  ['match order, again', '?sort=match'],
];

describe('mentee directory benchmark', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let program: ProgramFixture;
  let programId: number;
  let mentor: Member;
  const rows: string[] = [];

  beforeAll(async () => {
    ({ app, matcher, program, programId } = await startBenchProgram('open-directory'));
    // The shared fixtures' mentee questions are private; a mentee directory shows and filters public ones.
    const type = (await app.strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: programId, role: 'mentee' } })) as { documentId: string; fields: { key: string }[] };
    const shown = new Set(['interests', 'careerStage', 'country', 'languages']);
    await app.strapi.documents('plugin::mentorship.profile-type').update({
      documentId: type.documentId,
      data: { fields: type.fields.map((field) => (shown.has(field.key) ? { ...field, public: true, searchable: true } : field)) },
    } as never);
    mentor = await registerMember(app, 'Dr Bench');
    await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Dr Bench' });
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
    writeReport('mentee-directory-bench', [
      `Mentee directory, one mentor, sequential requests (${process.env.TEST_DB ?? 'sqlite'}, Node ${process.version}, ${os.cpus().length} cores, load average at the end ${os.loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 10)}; ${RUNS} requests per row after ${WARM_UP} warm-up; members, CMS and matcher in one process):`,
      '',
      '| mentees | query | p50 ms | p95 ms |',
      '| ---: | --- | ---: | ---: |',
      ...rows,
    ]);
  });

  const timed = async (url: string) => {
    const started = performance.now();
    const response = await app.as(mentor).get(`/api/mentorship/programs/${program.slug}/mentees${url}`);
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
    return { elapsed, body: response.body as DirectoryResponse };
  };

  it('measures name, text, filter and match order at each size', async () => {
    let generated = 0;
    for (const size of SIZES) {
      await generateMentees(app.strapi, { programId, count: size - generated, seed: size, namePrefix: 'Bench' });
      generated = size;
      const first = await timed('?sort=match');
      if (first.body.meta.total !== size) throw new Error(`expected ${size} mentees, the directory counts ${first.body.meta.total}`);
      rows.push(`| ${size.toLocaleString('en')} | match order, the mentor's first visit (matcher ${first.body.meta.matcher}) | ${first.elapsed.toFixed(1)} | |`);
      for (const [name, url] of QUERIES) {
        const times: number[] = [];
        for (let run = 0; run < WARM_UP + RUNS; run += 1) {
          const { elapsed } = await timed(url);
          if (run >= WARM_UP) times.push(elapsed);
        }
        rows.push(`| ${size.toLocaleString('en')} | ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
        process.stdout.write(`${rows.at(-1)}\n`);
      }
    }
  });
});
