import fs from 'fs';
import http from 'http';
import net from 'net';
import path from 'path';
import { Client } from 'pg';
import type { AdminProgramOverview } from '../../cms/shared/contracts/admin';
import type { ListingView, MeResponse, RequestView } from '../../cms/shared/contracts/members';
import type { RunDetail } from '../../cms/shared/contracts/staff';
import { startMailSink, type MailSink } from '../helpers/mail';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { createDatabase, dropDatabase } from '../setup/postgres';
import { appDir, appEnv, artifactsDir } from './env';

/**
 * The host app as it runs in production: the admin and server this run's global setup built, started
 * with `strapi start` and NODE_ENV=production on the embedded PostgreSQL, with the real matcher and its
 * token; then two such instances on one database.
 */
const STAFF = { email: 'admin@example.org', password: 'Demo-admin-2026' };
const MAYA = { identifier: 'maya.mentee@example.org', password: 'Demo-member-2026' };
const COHORT = 'student-guided-cohort';
const strapiBin = path.join(appDir, 'node_modules', '.bin', 'strapi');

/** The PostgreSQL server global setup started (or DATABASE_URL's). */
const postgres = {
  get adminUrl(): string {
    const url = process.env.TEST_PG_ADMIN_URL;
    if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run through tests/browser/jest.config.js (its global setup starts PostgreSQL)');
    return url;
  },
};
let sequence = 0;

interface Instance {
  name: string;
  base: string;
  process: GroupProcess;
  log: string;
}

const startInstance = async (name: string, env: Record<string, string>): Promise<Instance> => {
  const port = await freePort();
  const log = path.join(artifactsDir, `production-${name}.log`);
  const child = startGroup(strapiBin, ['start'], { cwd: appDir, logFile: log, env: appEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }) });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/_health`, 180000, () => child.child.exitCode === null);
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}\n${fs.readFileSync(log, 'utf8').split('\n').slice(-30).join('\n')}`);
  }
  return { name, base, process: child, log };
};

/** Starts the app expecting it to stop by itself; resolves with its exit code and output. */
const startExpectingFailure = async (env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> => {
  const port = await freePort();
  const log = path.join(artifactsDir, `production-refused-${(sequence += 1)}.log`);
  const variables = appEnv({ HOST: '127.0.0.1', PORT: String(port) });
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete variables[key];
    else variables[key] = value;
  }
  const child = startGroup(strapiBin, ['start'], { cwd: appDir, logFile: log, env: variables });
  const timer = setTimeout(() => void child.stop(), 120000);
  const code = await child.exited;
  clearTimeout(timer);
  return { code, output: fs.readFileSync(log, 'utf8') };
};

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const call = (base: string, pathname: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  fetch(`${base}${pathname}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

/**
 * Forwards to the real matcher; while closed, holds every `POST /v1/match` (a signal tells the test a
 * request is being held), so a run can be caught in the middle.
 */
const startGate = async (target: string) => {
  let open = false;
  const waiting: (() => void)[] = [];
  const heldListeners: (() => void)[] = [];
  let held = 0;
  let matches = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const forward = async () => {
        const upstream = await fetch(`${target}${request.url ?? ''}`, {
          method: request.method,
          headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        response.end(Buffer.from(await upstream.arrayBuffer()));
      };
      const go = () => void forward().catch(() => response.destroy());
      if (request.url !== '/v1/match') return go();
      matches += 1;
      if (open) return go();
      held += 1;
      heldListeners.splice(0).forEach((listener) => listener());
      waiting.push(go);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    matchRequests: () => matches,
    held: () => new Promise<void>((resolve) => (held > 0 ? resolve() : heldListeners.push(resolve))),
    open: () => {
      open = true;
      waiting.splice(0).forEach((go) => go());
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/** Polls until `read` returns a value (the event the test waits for), or fails after `timeoutMs`. */
const eventually = async <T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 150000): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

describe('production mode', () => {
  let instance: Instance | undefined;
  let matcher: RunningMatcher | undefined;
  let mail: MailSink | undefined;
  const database = `production_${Date.now().toString(36)}`;
  let catcherPort = 0;
  let autostartPort = 0;

  beforeAll(async () => {
    matcher = await startMatcher('browser-matcher-token');
    mail = await startMailSink();
    catcherPort = await freePort();
    autostartPort = await freePort();
  });

  afterAll(async () => {
    await instance?.process.stop();
    await matcher?.stop();
    await mail?.stop();
    await dropDatabase(postgres.adminUrl, database).catch(() => undefined);
  });

  it.each([['JWT_SECRET'], ['APP_KEYS'], ['ADMIN_JWT_SECRET'], ['MATCHER_TOKEN']])('when %s is missing, then the start stops with a message naming it', async (name) => {
    const { code, output } = await startExpectingFailure({ [name]: undefined, DATABASE_URL: postgres.adminUrl });
    expect(code).not.toBe(0);
    expect(output).toContain(name);
  });

  it('when started on PostgreSQL with its secrets, then the built admin, the members\' API and nothing of development are there', async () => {
    const url = await createDatabase(postgres.adminUrl, database);
    // Where the development mail catcher and the matcher autostart would listen if they ran.
    instance = await startInstance('single', {
      DATABASE_URL: url,
      MATCHER_URL: `http://127.0.0.1:${autostartPort}`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcherPort),
    });
    const base = instance.base;

    const index = await fetch(`${base}/admin`);
    expect(index.status).toBe(200);
    const html = await index.text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script!, `${base}/admin/`).href);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);

    // no demo association: no admin, no programs
    expect((await json<{ data: { hasAdmin: boolean } }>(await call(base, '/admin/init'))).data.hasAdmin).toBe(false);
    expect((await json<{ data: unknown[] }>(await call(base, '/api/mentorship/programs'))).data).toEqual([]);
    // no mail catcher, no matcher started by the app
    expect(await refusesConnections(catcherPort)).toBe(true);
    expect(await refusesConnections(autostartPort)).toBe(true);
    const log = fs.readFileSync(instance.log, 'utf8');
    expect(log).not.toMatch(/\[mail\]|\[matcher\]|Demo association loaded/);

    const registered = await call(base, '/api/auth/local/register', { body: { username: 'member', email: 'member@example.org', password: 'Member-password-2026' } });
    expect(registered.status).toBe(200);
    const { jwt } = await json<{ jwt: string }>(registered);
    expect((await call(base, '/api/mentorship/me', { token: jwt })).status).toBe(200);
  });
});

describe('two instances on one PostgreSQL', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let matcher: RunningMatcher | undefined;
  let gate: Awaited<ReturnType<typeof startGate>> | undefined;
  let mail: MailSink | undefined;
  const database = `instances_${Date.now().toString(36)}`;
  let databaseUrl = '';
  let shared: Record<string, string> = {};
  let takenOver: { runDocumentId: string; pairs: number; token: string } | undefined;

  beforeAll(async () => {
    matcher = await startMatcher('browser-matcher-token');
    gate = await startGate(matcher.url);
    mail = await startMailSink();
    databaseUrl = await createDatabase(postgres.adminUrl, database);
    shared = {
      DATABASE_URL: databaseUrl,
      MATCHER_URL: gate.url,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.port),
      // every job every 2 seconds on both instances, so they overlap many times during the test
      MENTORSHIP_JOB_RULES: JSON.stringify({
        'mentorship-request-deadlines': '*/2 * * * * *',
        'mentorship-outbox': '*/2 * * * * *',
        'mentorship-run-leases': '*/2 * * * * *',
      }),
    };
    // The operator loads the demo association once, on the first instance.
    first = await startInstance('first', { ...shared, DEMO_SEED: 'true' });
    second = await startInstance('second', shared);
  });

  afterAll(async () => {
    await first?.process.stop();
    await second?.process.stop();
    await gate?.stop();
    await matcher?.stop();
    await mail?.stop();
    await dropDatabase(postgres.adminUrl, database).catch(() => undefined);
  });

  it('when a member signs in on one instance, then the other accepts her token (nothing is sticky)', async () => {
    const signIn = await call(first!.base, '/api/auth/local', { body: MAYA });
    expect(signIn.status).toBe(200);
    const { jwt } = await json<{ jwt: string }>(signIn);
    const me = await call(second!.base, '/api/mentorship/me', { token: jwt });
    expect(me.status).toBe(200);
  });

  it('when the instance running a matching run dies, then the other takes the run over and it succeeds', async () => {
    const login = await json<{ data: { token: string } }>(await call(first!.base, '/admin/login', { body: STAFF }));
    const token = login.data.token;
    const programs = await json<{ data: AdminProgramOverview[] }>(await call(first!.base, '/mentorship/programs', { token }));
    const cohort = programs.data.find((program) => program.slug === COHORT);
    expect(cohort).toBeDefined();

    const started = await call(first!.base, '/mentorship/runs', { body: { programDocumentId: cohort!.documentId }, token });
    expect(started.status).toBe(202);
    const run = (await json<{ data: RunDetail }>(started)).data;
    await gate!.held();
    // The first instance dies while the matcher works on its run.
    process.kill(-first!.process.pid, 'SIGKILL');
    await first!.process.exited;
    gate!.open();

    const secondLogin = await json<{ data: { token: string } }>(await call(second!.base, '/admin/login', { body: STAFF }));
    const finished = await eventually(async () => {
      const detail = (await json<{ data: RunDetail }>(await call(second!.base, `/mentorship/runs/${run.documentId}`, { token: secondLogin.data.token }))).data;
      return detail.status === 'running' ? undefined : detail;
    }, 'the takeover of the run');
    expect(finished.status).toBe('succeeded');
    expect(finished.result?.pairs.length).toBeGreaterThan(0);
    // the dead instance's request and the second instance's one
    expect(gate!.matchRequests()).toBe(2);
    expect(fs.readFileSync(second!.log, 'utf8')).toContain(`matching run ${run.documentId} lost its instance`);

    takenOver = { runDocumentId: run.documentId, pairs: finished.result!.pairs.length, token: secondLogin.data.token };
    // The first instance comes back for the tests below: two live instances again.
    first = await startInstance('first-again', shared);
    expect((await call(first.base, '/api/mentorship/programs')).status).toBe(200);
  });

  it('when both instances deliver the outbox while an approval queues its introductions, then each introduction is delivered exactly once', async () => {
    const { runDocumentId, pairs, token } = takenOver!;
    const approved = await call(second!.base, `/mentorship/runs/${runDocumentId}/approve`, { body: {}, token });
    expect(approved.status).toBe(200);
    // This run's introductions (the demo's history holds those of earlier runs).
    const thisRun = `match.introduction:${runDocumentId}:%`;
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await eventually(async () => {
        const { rows } = await client.query<{ open: string }>(
          "SELECT count(*) AS open FROM mentorship_outbox_messages WHERE status <> 'sent' AND template_key = 'match.introduction' AND dedupe_key LIKE $1",
          [thisRun],
        );
        return Number(rows[0]?.open) === 0 ? true : undefined;
      }, 'the delivery of every introduction');
      const { rows } = await client.query<{ recipient_email: string; subject: string; text: string }>(
        "SELECT recipient_email, subject, text FROM mentorship_outbox_messages WHERE status = 'sent' AND template_key = 'match.introduction' AND dedupe_key LIKE $1",
        [thisRun],
      );
      expect(rows).toHaveLength(pairs * 2);
      // each recorded introduction reached its recipient exactly once
      const to = (message: { to: string[] }, email: string) => message.to.some((address) => address.toLowerCase() === email.toLowerCase());
      const deliveries = (row: { recipient_email: string; subject: string }) => mail!.messages.filter((message) => to(message, row.recipient_email) && message.subject === row.subject).length;
      const twice = rows.filter((row) => deliveries(row) !== 1);
      expect(twice.map((row) => `${row.recipient_email} "${row.subject}": ${deliveries(row)} deliveries`)).toEqual([]);
      const unrecorded = mail!.messages.filter((message) => message.subject.includes('partner') && !rows.some((row) => to(message, row.recipient_email) && message.subject === row.subject));
      expect(unrecorded.map((message) => `${message.to.join()} "${message.subject}"`)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  /** Demo mentees of the mentor exchange with no mentorship yet (all demo members share one password). */
  const freeMentees = async (count: number): Promise<{ email: string; profileDocumentId: string }[]> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ email: string; document_id: string }>(
        `SELECT u.email, p.document_id FROM mentorship_profiles p
           JOIN mentorship_profiles_program_lnk pl ON pl.profile_id = p.id
           JOIN mentorship_programs g ON g.id = pl.program_id
           JOIN mentorship_profiles_user_lnk ul ON ul.profile_id = p.id
           JOIN up_users u ON u.id = ul.user_id
          WHERE g.slug = 'pharmacy-mentor-exchange' AND p.role = 'mentee' AND p.profile_status IN ('approved', 'listed')
            AND u.email LIKE '%@members.example.org'
            AND NOT EXISTS (SELECT 1 FROM mentorship_mentorships_mentee_lnk ml WHERE ml.profile_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM mentorship_requests_sender_lnk rl WHERE rl.profile_id = p.id)
          ORDER BY p.id LIMIT $1`,
        [count],
      );
      return rows.map((row) => ({ email: row.email, profileDocumentId: row.document_id }));
    } finally {
      await client.end();
    }
  };
  const signIn = async (base: string, identifier: string) => {
    const response = await call(base, '/api/auth/local', { body: { identifier, password: MAYA.password } });
    expect(response.status).toBe(200);
    return (await json<{ jwt: string }>(response)).jwt;
  };
  const sendRequest = async (base: string, jwt: string, to: string) => {
    const response = await call(base, '/api/mentorship/programs/pharmacy-mentor-exchange/requests', { body: { to, message: 'I would value your advice.' }, token: jwt });
    expect(response.status).toBe(201);
    const request = (await json<{ data: RequestView }>(response)).data;
    // the plugin's clock is the real one in production (tests of the API move it; nothing here can)
    expect(Math.abs(new Date(request.createdAt).getTime() - Date.now())).toBeLessThan(60 * 60 * 1000);
    return request.documentId;
  };

  it('when a mentor with one place left accepts two requests at once, one on each instance, then one is accepted and the other refused with mentor-full', async () => {
    const omar = await signIn(first!.base, 'omar.mentor@example.org');
    const me = (await json<MeResponse>(await call(first!.base, '/api/mentorship/me', { token: omar }))).data;
    const profile = me.profiles.find((candidate) => candidate.program.slug === 'pharmacy-mentor-exchange' && candidate.role === 'mentor');
    expect(profile).toBeDefined();
    const load = me.mentorships.filter((mentorship) => mentorship.program.slug === 'pharmacy-mentor-exchange' && ['pending-agreement', 'active'].includes(mentorship.status)).length;
    const updated = await call(second!.base, `/api/mentorship/profiles/${profile!.documentId}`, { method: 'PUT', body: { capacity: load + 1, availability: 'available' }, token: omar });
    expect(updated.status).toBe(200);

    const mentees = await freeMentees(2);
    expect(mentees).toHaveLength(2);
    const requests: string[] = [];
    for (const mentee of mentees) requests.push(await sendRequest(first!.base, await signIn(first!.base, mentee.email), profile!.documentId));

    const answers = await Promise.all([
      call(first!.base, `/api/mentorship/requests/${requests[0]}/accept`, { body: {}, token: omar }),
      call(second!.base, `/api/mentorship/requests/${requests[1]}/accept`, { body: {}, token: omar }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect((await json<{ error: { details: { code: string } } }>(refused)).error.details.code).toBe('mentor-full');
  });

  it('when requests reach their deadline or their reminder time, then the jobs running on both instances act on each exactly once', async () => {
    const [lapsing, reminded] = await freeMentees(2);
    expect(reminded).toBeDefined();
    const maya = await signIn(second!.base, MAYA.identifier);
    const listings = (await json<{ data: ListingView[] }>(await call(second!.base, '/api/mentorship/programs/pharmacy-mentor-exchange/directory?availability=available&pageSize=50', { token: maya }))).data;
    const mentors = listings.filter((listing) => listing.placesLeft > 0).slice(0, 2);
    expect(mentors).toHaveLength(2);
    const lapsingRequest = await sendRequest(second!.base, await signIn(second!.base, lapsing!.email), mentors[0]!.profileDocumentId);
    const remindedRequest = await sendRequest(second!.base, await signIn(second!.base, reminded!.email), mentors[1]!.profileDocumentId);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // Both instances run the deadline job every 2 seconds: one request is due, the other is in its reminder window.
      await client.query("UPDATE mentorship_requests SET deadline = now() - interval '1 minute' WHERE document_id = $1", [lapsingRequest]);
      await client.query("UPDATE mentorship_requests SET deadline = now() + interval '1 hour', reminded_at = NULL WHERE document_id = $1", [remindedRequest]);
      const settled = async () => {
        const { rows } = await client.query<{ document_id: string; request_status: string; reminded_at: Date | null; history: { event: string }[] | string }>(
          'SELECT document_id, request_status, reminded_at, history FROM mentorship_requests WHERE document_id = ANY($1)',
          [[lapsingRequest, remindedRequest]],
        );
        const byId = new Map(rows.map((row) => [row.document_id, row]));
        const lapsed = byId.get(lapsingRequest);
        const remindedRow = byId.get(remindedRequest);
        const pending = await client.query<{ open: string }>("SELECT count(*) AS open FROM mentorship_outbox_messages WHERE status <> 'sent' AND template_key IN ('request.expired', 'request.reminder')");
        return lapsed?.request_status === 'expired' && remindedRow?.reminded_at && Number(pending.rows[0]?.open) === 0 ? { lapsed, remindedRow } : undefined;
      };
      const { lapsed } = await eventually(settled, 'the deadline and the reminder');
      const history = (typeof lapsed.history === 'string' ? JSON.parse(lapsed.history) : lapsed.history) as { event: string }[];
      expect(history.filter((event) => event.event === 'expired')).toHaveLength(1);
      // One e-mail per row, each delivered once although both instances flush the outbox every 2 seconds.
      const rows = await client.query<{ template_key: string; recipient_email: string; subject: string }>(
        "SELECT template_key, recipient_email, subject FROM mentorship_outbox_messages WHERE template_key IN ('request.expired', 'request.reminder') AND (dedupe_key LIKE $1 OR dedupe_key LIKE $2)",
        [`request:${lapsingRequest}:%`, `request:${remindedRequest}:%`],
      );
      expect(rows.rows.map((row) => row.template_key).sort()).toEqual(['request.expired', 'request.reminder']);
      for (const row of rows.rows) {
        expect(mail!.messages.filter((message) => message.to.includes(row.recipient_email) && message.subject === row.subject)).toHaveLength(1);
      }
    } finally {
      await client.end();
    }
  });
});
