/**
 * Server time of the staff applications queue with 5,000 submitted applications in one program:
 * `npm run bench:applications` (SQLite; TEST_DB=postgres for PostgreSQL). Each query is requested
 * sequentially in-process (warm-up first) by a super admin; times are from sending the request to the
 * last byte of the answer. Writes tests/artifacts/applications-bench.md.
 */
import fs from 'fs';
import path from 'path';
import { performance } from 'perf_hooks';
import { startApp, type TestApp } from '../helpers/strapi';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type ProgramFixture } from '../helpers/cohort';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARM_UP = 3;
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 5000);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

describe('applications queue benchmark', () => {
  let app: TestApp;
  let admin: AdminSession;
  let program: ProgramFixture;
  const rows: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    admin = await superAdmin(app.strapi);
    program = await createProgram(app.strapi);
    const first = await createMember(app.strapi, program, 'mentee', { name: 'First Applicant', status: 'submitted' });
    const owner = (await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { documentId: first.profileDocumentId }, populate: ['user'] })) as { user: { id: number } };
    const interests = ['oncology', 'paediatrics', 'leadership', 'informatics', 'regulation', 'teaching'];
    await app.strapi.db.transaction(async () => {
      for (let index = 1; index < APPLICATIONS; index += 1) {
        await app.strapi.db.query('plugin::mentorship.profile').create({
          data: {
            program: program.id,
            user: owner.user.id,
            role: index % 5 === 0 ? 'mentor' : 'mentee',
            displayName: `Applicant ${String(index).padStart(5, '0')}`,
            profileStatus: 'submitted',
            availability: 'available',
            answers: {
              studentMember: index % 3 === 0 ? 'no' : 'yes',
              background: ['hospital', 'community', 'industry', 'research'][index % 4],
              region: 'europe',
              interests: [interests[index % 6], interests[(index + 2) % 6]],
              languages: ['en'],
            },
            submittedAt: new Date(Date.UTC(2026, 0, 1) + index * 60000).toISOString(),
          },
        });
      }
    });
  });

  afterAll(async () => {
    await app?.stop();
    const report = [
      `Applications queue server time, ${APPLICATIONS} submitted applications in one program, ${RUNS} sequential requests per query after ${WARM_UP} warm-up (${process.env.TEST_DB ?? 'sqlite'}, Node ${process.version}):`,
      '',
      '| query | p50 ms | p95 ms |',
      '| --- | ---: | ---: |',
      ...rows,
    ].join('\n');
    fs.mkdirSync(path.join(__dirname, '..', 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', 'artifacts', 'applications-bench.md'), `${report}\n`);
    process.stdout.write(`\n${report}\n`);
  });

  it(`measures a page of the queue among ${APPLICATIONS} applications`, async () => {
    const queries: [string, Record<string, string | number>][] = [
      ['first page, oldest first', { page: 1, pageSize: 20 }],
      ['last page by name', { sort: 'name', page: 10000, pageSize: 20 }],
      ['not eligible, page 50', { eligible: 'false', page: 50, pageSize: 20 }],
      ['answer filter (interests includes leadership), mentees', { role: 'mentee', question: 'interests', answer: 'leadership', page: 1, pageSize: 20 }],
      ['search by name', { q: 'applicant 0449', page: 1, pageSize: 20 }],
    ];
    for (const [name, query] of queries) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < WARM_UP + RUNS; run += 1) {
        const started = performance.now();
        const response = await app.http().get(`/mentorship/programs/${program.slug}/applications`).query(query).set(admin.auth);
        const elapsed = performance.now() - started;
        if (response.status !== 200) throw new Error(`${JSON.stringify(query)} answered ${response.status}`);
        total = (response.body as { meta: { pagination: { total: number } } }).meta.pagination.total;
        if (run >= WARM_UP) times.push(elapsed);
      }
      expect(total).toBeGreaterThan(0);
      rows.push(`| ${name} (${total} match) | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
    }
  });
});
