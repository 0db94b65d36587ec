import { errorResponseSchema } from '../../cms/shared/contracts/errors';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';

interface ErrorBody {
  data: null;
  error: { status: number; name: string; message: string; details: { code: string; errors?: { path: string[]; message: string }[] } };
}

describe('one API shape: errors, anonymous callers, responses, program slugs', () => {
  let app: JourneyApp;
  let admin: AdminSession;
  let exchange: ProgramFixture;
  let mentee: Member;
  let mentor: Member;
  let mentorProfile: string;
  let menteeProfile: string;

  /** The body of a 4xx, checked against the documented error shape. */
  const shaped = (body: unknown): ErrorBody => {
    const parsed = errorResponseSchema.safeParse(body);
    if (!parsed.success) throw new Error(`not the documented error shape: ${JSON.stringify(body)}: ${parsed.error.message}`);
    return body as ErrorBody;
  };

  beforeAll(async () => {
    app = await startJourneyApp();
    admin = await superAdmin(app.strapi);
    exchange = await createProgram(app.strapi, 'mentor-exchange');
    mentee = await registerMember(app, 'Ines Mentee');
    mentor = await registerMember(app, 'Karl Mentor');
    mentorProfile = (await createProfile(app.strapi, { member: mentor, program: exchange, role: 'mentor', displayName: 'Karl Mentor', capacity: 2 })).documentId;
    menteeProfile = (await createProfile(app.strapi, { member: mentee, program: exchange, role: 'mentee', displayName: 'Ines Mentee' })).documentId;
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('anonymous callers', () => {
    it.each([
      ['get', '/api/mentorship/me'],
      ['post', '/api/mentorship/programs/EXCHANGE/profiles'],
      ['get', '/api/mentorship/profiles/abcdefghijklmnopqrstuvwx'],
      ['put', '/api/mentorship/profiles/abcdefghijklmnopqrstuvwx'],
      ['post', '/api/mentorship/programs/EXCHANGE/requests'],
      ['get', '/api/mentorship/requests/abcdefghijklmnopqrstuvwx'],
      ['post', '/api/mentorship/requests/abcdefghijklmnopqrstuvwx/accept'],
      ['get', '/api/mentorship/mentorships/abcdefghijklmnopqrstuvwx'],
      ['put', '/api/mentorship/mentorships/abcdefghijklmnopqrstuvwx/plan'],
      ['post', '/api/mentorship/mentorships/abcdefghijklmnopqrstuvwx/check-ins'],
      ['get', '/api/mentorship/programs/EXCHANGE/directory'],
      ['get', '/mentorship/programs'],
      ['get', '/mentorship/jobs'],
    ])('when an anonymous caller calls %s %s, then it is a 401 "unauthenticated" in the one error shape', async (method, template) => {
      const url = template.replace('EXCHANGE', exchange.slug);
      const call = method === 'get' ? app.http().get(url) : method === 'put' ? app.http().put(url).send({}) : app.http().post(url).send({});
      const response = await call.expect(401);
      expect(shaped(response.body).error).toMatchObject({ status: 401, name: 'UnauthorizedError', details: { code: 'unauthenticated' } });
    });

    it('when an anonymous caller reads public routes, then they still answer', async () => {
      await app.http().get('/api/mentorship/programs').expect(200);
      await app.http().get(`/api/mentorship/programs/${exchange.slug}`).expect(200);
    });
  });

  describe('bad input: the path of each field starts at the root of the body or the query', () => {
    it('when a body field deep in an array is malformed, then errors[].path starts at the body root', async () => {
      const sent = await app.as(mentee).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: mentorProfile, message: 'Would you meet me?' }).expect(201);
      const accepted = await app.as(mentor).post(`/api/mentorship/requests/${sent.body.data.documentId}/accept`).send({}).expect(200);
      const id = accepted.body.data.mentorship.documentId as string;
      const response = await app
        .as(mentee)
        .put(`/api/mentorship/mentorships/${id}/plan`)
        .send({ objectives: [{ title: 'Publish', targetDate: 'next spring' }] })
        .expect(400);
      const body = shaped(response.body);
      expect(body.error).toMatchObject({ name: 'ValidationError', details: { code: 'invalid-input' } });
      expect(body.error.details.errors![0]!.path).toEqual(['objectives', '0', 'targetDate']);
      expect(body.error.message).toMatch(/^body\.objectives\.0\.targetDate: /);
    });

    it('when a field is refused by the rules behind the controller, then its path has the same form', async () => {
      const response = await app
        .as(mentee)
        .post(`/api/mentorship/programs/${exchange.slug}/requests`)
        .send({ to: mentorProfile, choices: [mentorProfile], message: 'Hello' })
        .expect(400);
      const body = shaped(response.body);
      expect(body.error.details.code).toBe('invalid-input');
      expect(body.error.details.errors!.map((error) => error.path)).toEqual([expect.arrayContaining([expect.stringMatching(/^(to|choices)$/)])]);
    });

    it('when a query value is out of range or unknown, then errors[].path starts at the query root', async () => {
      const big = shaped((await app.as(mentee).get(`/api/mentorship/programs/${exchange.slug}/directory?pageSize=500`).expect(400)).body);
      expect(big.error.details.errors![0]!.path).toEqual(['pageSize']);
      const unknown = shaped((await app.as(mentee).get(`/api/mentorship/programs/${exchange.slug}/directory?colour=red`).expect(400)).body);
      expect(unknown.error.details.code).toBe('invalid-input');
      expect(unknown.error.message).toContain('colour');
    });

    it('when a URL parameter is malformed, then the error names the parameter by itself', async () => {
      const response = await app.as(mentee).get('/api/mentorship/requests/not-an-id!').expect(400);
      expect(shaped(response.body).error.details.errors![0]!.path).toEqual(['id']);
    });

    it('when a program is asked for in a locale the site does not have, then it is a 400 naming the locale, not a page in another language', async () => {
      const response = await app.http().get(`/api/mentorship/programs/${exchange.slug}?locale=xx`).expect(400);
      const body = shaped(response.body);
      expect(body.error.details.errors).toEqual([expect.objectContaining({ path: ['locale'], message: expect.stringContaining('"xx"') })]);
      expect(body.error.message).toMatch(/^query\.locale: unknown locale "xx"; this site has en/);
      await app.http().get(`/api/mentorship/programs/${exchange.slug}?locale=en`).expect(200);
    });

    it('when staff send a bad body, then the staff routes answer in the same shape', async () => {
      const response = await app.http().post(`/mentorship/applications/${menteeProfile}/review`).set(admin.auth).send({ decision: 'reject' }).expect(400);
      const body = shaped(response.body);
      expect(body.error.details).toMatchObject({ code: 'invalid-input', errors: [{ path: ['reason'] }] });
    });
  });

  describe('other refusals carry their code', () => {
    it('when a request is answered twice, a stranger acts or a route does not exist, then 409 not-open, 403 forbidden, 404 not-found', async () => {
      const sent = await app.as(mentee).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: mentorProfile, message: 'A second question' });
      // The mentee already has a mentorship with this mentor: the refusal is a conflict with its code.
      const conflict = shaped(sent.body);
      expect(conflict.error).toMatchObject({ status: 409, name: 'ConflictError' });
      expect(['pair-exists', 'duplicate']).toContain(conflict.error.details.code);

      const other = await registerMember(app, 'Lou Other');
      const otherMentor = (await createProfile(app.strapi, { member: other, program: exchange, role: 'mentor', displayName: 'Lou Other' })).documentId;
      const third = await registerMember(app, 'Mo Third');
      await createProfile(app.strapi, { member: third, program: exchange, role: 'mentee', displayName: 'Mo Third' });
      const request = (await app.as(third).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: otherMentor, message: 'Hello Lou' }).expect(201)).body.data;
      const notYours = shaped((await app.as(third).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(403)).body);
      expect(notYours.error.details.code).toBe('forbidden');
      await app.as(other).post(`/api/mentorship/requests/${request.documentId}/decline`).send({}).expect(200);
      const again = shaped((await app.as(other).post(`/api/mentorship/requests/${request.documentId}/decline`).send({}).expect(409)).body);
      expect(again.error.details.code).toBe('not-open');

      const missing = shaped((await app.as(third).get('/api/mentorship/no-such-route').expect(404)).body);
      expect(missing.error.details.code).toBe('not-found');
    });
  });

  describe('responses return the resource', () => {
    it('when a mentor accepts, then the answer is the request itself with its mentorship embedded', async () => {
      const other = await registerMember(app, 'Nat Mentee');
      await createProfile(app.strapi, { member: other, program: exchange, role: 'mentee', displayName: 'Nat Mentee' });
      const sent = await app.as(other).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: mentorProfile, message: 'Could we talk?' }).expect(201);
      const accepted = (await app.as(mentor).post(`/api/mentorship/requests/${sent.body.data.documentId}/accept`).send({}).expect(200)).body.data;
      const fetched = (await app.as(mentor).get(`/api/mentorship/requests/${sent.body.data.documentId}`).expect(200)).body.data;
      const { mentorship, ...request } = accepted;
      expect(request).toEqual(fetched);
      expect(request).toMatchObject({ status: 'accepted', mentorshipDocumentId: mentorship.documentId });
      const own = (await app.as(mentor).get(`/api/mentorship/mentorships/${mentorship.documentId}`).expect(200)).body.data;
      expect(mentorship).toEqual(own);
      expect(mentorship).toMatchObject({ myRole: 'mentor', status: 'active', mentee: { displayName: 'Nat Mentee', email: other.email } });
    });
  });

  describe('staff name a program by its slug or its id', () => {
    it("when staff use the program's slug in the address, then they get the same answer as with its documentId; an unknown slug is a 404", async () => {
      for (const page of ['dashboard', 'applications', 'escalations', 'mentorships', 'audit', 'pool', 'runs']) {
        const byId = await app.http().get(`/mentorship/programs/${exchange.documentId}/${page}`).set(admin.auth).expect(200);
        const bySlug = await app.http().get(`/mentorship/programs/${exchange.slug}/${page}`).set(admin.auth).expect(200);
        expect({ page, data: bySlug.body.data }).toEqual({ page, data: byId.body.data });
      }
      const unknown = shaped((await app.http().get('/mentorship/programs/no-such-program/dashboard').set(admin.auth).expect(404)).body);
      expect(unknown.error.details.code).toBe('not-found');
      const malformed = shaped((await app.http().get('/mentorship/programs/Not_A_Slug/dashboard').set(admin.auth).expect(400)).body);
      expect(malformed.error.details.errors![0]!.path).toEqual(['programId']);
    });

    it('when staff create a mentorship naming the program by slug in the body, then it is created in that program', async () => {
      const pairMentor = await registerMember(app, 'Oda Mentor');
      const pairMentee = await registerMember(app, 'Pia Mentee');
      const a = (await createProfile(app.strapi, { member: pairMentor, program: exchange, role: 'mentor', displayName: 'Oda Mentor' })).documentId;
      const b = (await createProfile(app.strapi, { member: pairMentee, program: exchange, role: 'mentee', displayName: 'Pia Mentee' })).documentId;
      const created = await app
        .http()
        .post('/mentorship/mentorships')
        .set(admin.auth)
        .send({ programDocumentId: exchange.slug, mentorProfileDocumentId: a, menteeProfileDocumentId: b })
        .expect(201);
      const row = await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { documentId: created.body.data.documentId }, populate: { program: { select: ['documentId'] } } });
      expect(row.program.documentId).toBe(exchange.documentId);
    });
  });
});
