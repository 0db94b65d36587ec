import http from 'http';
import type { AddressInfo } from 'net';
import { createProgram, startJourneyApp, type JourneyApp, type ProgramFixture } from '../helpers/journeys';

/**
 * Who counts as a member, with every choice an association has switched on: users-permissions' e-mail
 * confirmation, allowed e-mail domains, and a membership system asked about each registering address.
 */
const SETTINGS = {
  MEMBER_EMAIL_CONFIRMATION: 'true',
  MEMBER_EMAIL_DOMAINS: 'members.example.org, assoc.example.org',
  MEMBER_CHECK_TOKEN: 'ams-secret',
};

interface MembershipSystem {
  url: string;
  members: Set<string>;
  asked: { email: string; authorization: string | undefined }[];
  failing: boolean;
  stop: () => Promise<void>;
}

/** The association's membership system: answers whether an address belongs to a member. */
const startMembershipSystem = async (): Promise<MembershipSystem> => {
  const system: Omit<MembershipSystem, 'url' | 'stop'> = { members: new Set(), asked: [], failing: false };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { email } = JSON.parse(body) as { email: string };
      system.asked.push({ email, authorization: req.headers.authorization });
      res.writeHead(system.failing ? 500 : 200, { 'content-type': 'application/json' });
      res.end(system.failing ? '{"error":"down"}' : JSON.stringify({ member: system.members.has(email) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...system,
    get failing() {
      return system.failing;
    },
    set failing(value: boolean) {
      system.failing = value;
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/check`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('who counts as a member', () => {
  let app: JourneyApp;
  let ams: MembershipSystem;
  let program: ProgramFixture;
  const saved: Record<string, string | undefined> = {};

  const register = (email: string) => app.http().post('/api/auth/local/register').send({ username: email.split('@')[0], email, password: 'Secret-passw0rd' });
  const users = (email: string) => app.strapi.db.query('plugin::users-permissions.user').count({ where: { email } });

  beforeAll(async () => {
    ams = await startMembershipSystem();
    for (const [key, value] of Object.entries({ ...SETTINGS, MEMBER_CHECK_URL: ams.url })) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    app = await startJourneyApp();
    program = await createProgram(app.strapi, 'mentor-exchange');
  });
  afterAll(async () => {
    await app?.stop();
    await ams?.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('when a member registers, then she confirms her address by the e-mailed link before she can sign in and see the directory', async () => {
    ams.members.add('nora@members.example.org');
    const registered = await register('nora@members.example.org').expect(200);
    expect(registered.body).toEqual({ message: expect.stringMatching(/confirmation link/) });
    expect(ams.asked).toEqual([{ email: 'nora@members.example.org', authorization: 'Bearer ams-secret' }]);

    const mail = await app.mail.waitFor((message) => message.to.includes('nora@members.example.org'));
    const link = /\/api\/auth\/email-confirmation\?confirmation=([a-f0-9]+)/.exec(mail.text + mail.html);
    expect(link).not.toBeNull();

    const early = await app.http().post('/api/auth/local').send({ identifier: 'nora@members.example.org', password: 'Secret-passw0rd' }).expect(400);
    expect(early.body.error.message).toMatch(/not confirmed/);
    const followed = await app.http().get(`/api/auth/email-confirmation?confirmation=${link![1]}`).expect(302);
    expect(followed.headers.location).toBe('http://127.0.0.1:1337/');
    const signedIn = await app.http().post('/api/auth/local').send({ identifier: 'nora@members.example.org', password: 'Secret-passw0rd' }).expect(200);
    await app.http().get(`/api/mentorship/programs/${program.slug}/directory`).set('Authorization', `Bearer ${signedIn.body.jwt}`).expect(200);
  });

  it('when an address already has an account or is not a member\'s, then registration answers exactly the same and creates nothing', async () => {
    ams.members.add('fresh@assoc.example.org');
    const known = await register('nora@members.example.org').expect(200);
    const stranger = await register('someone@members.example.org').expect(200);
    const fresh = await register('fresh@assoc.example.org').expect(200);
    expect(known.body).toEqual(fresh.body);
    expect(stranger.body).toEqual(fresh.body);
    expect(await users('nora@members.example.org')).toBe(1);
    expect(await users('someone@members.example.org')).toBe(0);
    expect(await users('fresh@assoc.example.org')).toBe(1);
    expect(app.mail.to('someone@members.example.org')).toEqual([]);
    expect(app.mail.to('nora@members.example.org')).toHaveLength(1);
  });

  it('when an address is outside the association\'s domains, then the 400 names the e-mail field', async () => {
    const refused = await register('nora@gmail.example.com').expect(400);
    expect(refused.body.error.message).toMatch(/^email: use your association address \(at members\.example\.org, assoc\.example\.org\)/);
    expect(refused.body.error.details.errors[0].path).toEqual(['email']);
    expect(await users('nora@gmail.example.com')).toBe(0);
  });

  it('when the membership system is down, then registration is a 503 to retry, never a guess', async () => {
    ams.failing = true;
    try {
      ams.members.add('later@members.example.org');
      const response = await register('later@members.example.org').expect(503);
      expect(response.headers['retry-after']).toBe('30');
      expect(await users('later@members.example.org')).toBe(0);
    } finally {
      ams.failing = false;
    }
  });

  it('when someone signs in with an unknown address or a wrong password, then the answers are the same', async () => {
    const unknown = await app.http().post('/api/auth/local').send({ identifier: 'nobody@members.example.org', password: 'Secret-passw0rd' });
    const wrong = await app.http().post('/api/auth/local').send({ identifier: 'nora@members.example.org', password: 'Wrong-passw0rd' });
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('when an account is unconfirmed or outside the allowed domains, then the members-only directory refuses it', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const make = async (email: string, confirmed: boolean) => {
      const user = await app.strapi.db.query('plugin::users-permissions.user').create({
        data: { username: email, email, password: 'Secret-passw0rd', provider: 'local', confirmed, blocked: false, role: role.id },
      });
      return (await app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id })) as string;
    };
    const directory = (jwt: string) => app.http().get(`/api/mentorship/programs/${program.slug}/directory`).set('Authorization', `Bearer ${jwt}`);
    // An account made before confirmation was required (or by an import) that never confirmed.
    await directory(await make('unconfirmed@members.example.org', false)).expect(401);
    // An account from before the domain rule.
    const outsider = await directory(await make('old@elsewhere.example.com', true)).expect(403);
    expect(outsider.body.error.message).toMatch(/^Only members with an address at members\.example\.org, assoc\.example\.org/);
  });
});
