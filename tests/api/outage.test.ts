import fs from 'fs';
import readline from 'readline';
import { spawn } from 'child_process';
import path from 'path';
import knex from 'knex';
import { createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { appDir } from '../helpers/strapi';
import { freePort } from '../helpers/processes';

/**
 * A database that is down or busy: members and visitors get a 503 with Retry-After (never the 401 that
 * signs a member out, never a 500), the app recovers by itself, and nothing ends the process.
 */
const database = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

const expectUnavailable = (response: { status: number; headers: Record<string, string>; body: { error?: { status?: number; name?: string } } }) => {
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
};


interface ControlledPostgres {
  ready: Promise<string>;
  stop: () => Promise<string>;
  start: () => Promise<string>;
  quit: () => Promise<void>;
}

/** tests/helpers/pg-server.mjs in a child process: each command resolves when the server says it is done. */
const startControlledPostgres = (dataDir: string, port: number): ControlledPostgres => {
  const child = spawn(process.execPath, [path.join(appDir, 'tests', 'helpers', 'pg-server.mjs'), dataDir, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const command = (line: string) => {
    const answer = next();
    child.stdin!.write(`${line}\n`);
    return answer;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ready: next(),
    stop: () => command('stop'),
    start: () => command('start'),
    quit: async () => {
      if (child.exitCode === null) await command('quit');
      await exited;
    },
  };
};

(database === 'sqlite' ? describe : describe.skip)('when SQLite is locked by another connection', () => {
  let app: JourneyApp;
  let program: ProgramFixture;
  let member: Member;

  beforeAll(async () => {
    app = await startJourneyApp();
    program = await createProgram(app.strapi, 'mentor-exchange');
    member = await registerMember(app, 'Locked out');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('then members and visitors get 503 with Retry-After, and the next request after the lock goes through', async () => {
    // Another process's connection (one connection: the lock and its release run on it).
    const other = knex({ client: 'better-sqlite3', connection: { filename: path.join(appDir, process.env.DATABASE_FILENAME!) }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    try {
      await other.raw('BEGIN EXCLUSIVE');
      expectUnavailable(await app.as(member).get('/api/mentorship/me'));
      expectUnavailable(await app.http().get(`/api/mentorship/programs/${program.slug}`));
      expectUnavailable(await app.as(member).post(`/api/mentorship/programs/${program.slug}/profiles`).send({ role: 'mentee', displayName: 'Lia', answers: {} }));
      await other.raw('COMMIT');
    } finally {
      await other.destroy();
    }
    await app.as(member).get('/api/mentorship/me').expect(200);
    await app.http().get(`/api/mentorship/programs/${program.slug}`).expect(200);
  });
});

(database === 'postgres' ? describe : describe.skip)('when PostgreSQL stops and starts again, or its pool is exhausted', () => {
  let app: JourneyApp;
  let program: ProgramFixture;
  let member: Member;
  let server: ControlledPostgres;
  let dataDir: string;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // A server of this file's own, so stopping it leaves every other test's database alone.
    const port = await freePort();
    dataDir = fs.mkdtempSync(path.join(appDir, '.tmp', 'pg-outage-'));
    fs.chmodSync(dataDir, 0o777);
    fs.rmSync(dataDir, { recursive: true });
    server = startControlledPostgres(dataDir, port);
    await server.ready;
    for (const [key, value] of Object.entries({ TEST_PG_ADMIN_URL: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, DATABASE_CONNECTION_TIMEOUT: '3000' })) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    app = await startJourneyApp();
    program = await createProgram(app.strapi, 'mentor-exchange');
    member = await registerMember(app, 'Offline');
  });
  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await server?.quit();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('then a member with a valid JWT and a visitor get 503 with Retry-After while it is down, and 200 once it is back', async () => {
    await app.as(member).get('/api/mentorship/me').expect(200);
    expect(await server.stop()).toBe('stopped');
    expectUnavailable(await app.as(member).get('/api/mentorship/me'));
    expectUnavailable(await app.http().get('/api/mentorship/programs'));
    expectUnavailable(await app.http().get(`/api/mentorship/programs/${program.slug}/directory`));
    expectUnavailable(await app.http().post('/api/auth/local').send({ identifier: member.email, password: 'Secret-passw0rd' }));

    expect(await server.start()).toBe('started');
    // Each pooled connection the restart cut is found broken once at most.
    const poolSize = app.strapi.config.get<number>('database.connection.pool.max');
    let status = 0;
    for (let attempt = 0; attempt <= poolSize && status !== 200; attempt += 1) status = (await app.as(member).get('/api/mentorship/me')).status;
    expect(status).toBe(200);
    await app.http().get(`/api/mentorship/programs/${program.slug}`).expect(200);
  });

  it('then an exhausted pool is a 503 for requests, and background work that meets it does not end the process', async () => {
    const knex = app.strapi.db.connection;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const poolSize = app.strapi.config.get<number>('database.connection.pool.max');
    const holders = Array.from({ length: poolSize }, () =>
      knex.transaction(async (trx) => {
        await trx.raw('select 1');
        await held;
      }),
    );
    const errors: string[] = [];
    const original = app.strapi.log.error.bind(app.strapi.log);
    app.strapi.log.error = ((message: unknown) => {
      errors.push(String(message));
      return original(message as string);
    }) as typeof app.strapi.log.error;
    let timeout: unknown;
    try {
      expectUnavailable(await app.as(member).get('/api/mentorship/me'));
      // What background work (an e-mail worker, a run) that nobody awaits would leave unhandled.
      timeout = await knex.raw('select 1').then(() => null, (error: unknown) => error);
    } finally {
      release();
      await Promise.all(holders);
    }
    expect((timeout as Error).name).toBe('KnexTimeoutError');
    // Node hands an unhandled rejection to the process's listeners (jest gives each test file its own
    // process object, so the test hands it over the same way): the plugin's guard logs it and returns.
    expect(process.listenerCount('unhandledRejection')).toBeGreaterThan(0);
    expect(() => process.emit('unhandledRejection', timeout, Promise.resolve())).not.toThrow();
    app.strapi.log.error = original;
    expect(errors.some((message) => /background work stopped, the database is unavailable: .*Timeout acquiring a connection/.test(message))).toBe(true);
    // Any other unhandled rejection still ends the process, as Node would.
    expect(() => process.emit('unhandledRejection', new TypeError('a real bug'), Promise.resolve())).toThrow('a real bug');
    await app.as(member).get('/api/mentorship/me').expect(200);
  });
});
