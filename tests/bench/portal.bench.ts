/**
 * Server time of the member portal's main pages, at the demo association's size and with 10,000
 * listed mentors in one program: `npm run bench:portal` (SQLite; TEST_DB=postgres for PostgreSQL).
 * Each page is requested sequentially in-process (warm-up first) by a signed-in mentee; times are
 * from sending the request to the last byte of the answer. Writes tests/artifacts/portal-bench.md.
 */
import fs from 'fs';
import path from 'path';
import { performance } from 'perf_hooks';
import request from 'supertest';
import { generateListings } from '../../database/bench/listings';
import { seedDemo } from '../../database/demo/seed';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { startApp, type TestApp } from '../helpers/strapi';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 5;
const EXTRA_LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10000);
const PROGRAM = 'pharmacy-mentor-exchange';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

describe('portal benchmark', () => {
  let app: TestApp;
  let matcher: RunningMatcher;
  const rows: string[] = [];

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN);
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    await seedDemo(app.strapi, { log: false });
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
    const report = [
      `Portal server time, ${RUNS} sequential requests per page after ${WARM_UP} warm-up (${process.env.TEST_DB ?? 'sqlite'}, Node ${process.version}, matcher in-process on loopback):`,
      '',
      '| size | page | p50 ms | p95 ms |',
      '| --- | --- | ---: | ---: |',
      ...rows,
    ].join('\n');
    fs.mkdirSync(path.join(__dirname, '..', 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', 'artifacts', 'portal-bench.md'), `${report}\n`);
    process.stdout.write(`\n${report}\n`);
  });

  const signedIn = async () => {
    const agent = request.agent(app.strapi.server.httpServer);
    const form = await agent.get('/mentoring/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const response = await agent.post('/mentoring/sign-in').type('form').send({ _csrf: csrf, identifier: 'maya.mentee@example.org', password: 'Demo-member-2026', next: '/mentoring' });
    if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
    return agent;
  };

  const measure = async (size: string, pages: [string, string][]) => {
    const agent = await signedIn();
    for (const [name, url] of pages) {
      const times: number[] = [];
      for (let run = 0; run < WARM_UP + RUNS; run += 1) {
        const started = performance.now();
        const response = await agent.get(url);
        const elapsed = performance.now() - started;
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        if (run >= WARM_UP) times.push(elapsed);
      }
      rows.push(`| ${size} | ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
    }
  };

  const pagesOf = async (): Promise<[string, string][]> => {
    // A mentor is named by their profile's id everywhere members see them.
    const listing = (await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { listed: true, program: { slug: PROGRAM } }, populate: { profile: { select: ['documentId'] } } })) as {
      profile: { documentId: string };
    };
    return [
      ['home (programs, my open items)', '/mentoring'],
      ['program guide', `/mentoring/programs/${PROGRAM}`],
      ['directory, match order with reasons', `/mentoring/programs/${PROGRAM}/mentors`],
      ['directory, text search + facet', `/mentoring/programs/${PROGRAM}/mentors?q=pharmacy&sort=relevance&filters[practiceInterests]=oncology`],
      ['mentor page', `/mentoring/programs/${PROGRAM}/mentors/${listing.profile.documentId}`],
      ['my requests', '/mentoring/requests'],
      ['my mentorships', '/mentoring/mentorships'],
      ['my profile', '/mentoring/profile'],
    ];
  };

  it('measures the demo association, then 10,000 more mentors in one program', async () => {
    const listed = await app.strapi.db.query('plugin::mentorship.directory-listing').count({ where: { listed: true } });
    await measure(`demo (${listed} listings)`, await pagesOf());

    const program = (await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { slug: PROGRAM } })) as { id: number };
    await generateListings(app.strapi, { programId: program.id, count: EXTRA_LISTINGS, seed: EXTRA_LISTINGS, namePrefix: 'Bench' });
    const total = await app.strapi.db.query('plugin::mentorship.directory-listing').count({ where: { listed: true } });
    await measure(`+${EXTRA_LISTINGS} (${total} listings)`, await pagesOf());
  });
});
