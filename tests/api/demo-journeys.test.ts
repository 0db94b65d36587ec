import { DEMO_MEMBER_PASSWORD, seedDemo } from '../../database/demo/seed';
import type { DirectoryResponse, MeResponse, RequestView } from '../../cms/shared/contracts/members';
import { registerMember, startJourneyApp, type JourneyApp, type Member } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';

/** The members' journeys on the demo association (the data `npm run dev` starts with), one program per style. */
describe('journeys on the demo association', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let maya: Member;
  let omar: Member;
  let ravi: Member;
  let staff: AdminSession;

  const signIn = async (email: string): Promise<Member> => {
    const response = await app.http().post('/api/auth/local').send({ identifier: email, password: DEMO_MEMBER_PASSWORD }).expect(200);
    return { id: response.body.user.id, documentId: response.body.user.documentId, email, username: response.body.user.username, jwt: response.body.jwt };
  };
  const directory = async (as: Member, slug: string, query = '') => (await app.as(as).get(`/api/mentorship/programs/${slug}/directory${query}`).expect(200)).body as DirectoryResponse;
  const omarIn = async (slug: string) => (await directory(maya, slug, '?q=omar%20lindqvist')).data.find((listing) => listing.displayName === 'Omar Lindqvist')!;

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    await seedDemo(app.strapi, { log: false });
    staff = await superAdmin(app.strapi);
    [maya, omar, ravi] = await Promise.all(['maya.mentee@example.org', 'omar.mentor@example.org', 'ravi.applicant@example.org'].map(signIn));
    // Loading the whole demo association is slow on a busy machine: room for it, not a failure.
  }, 600_000);
  afterAll(async () => {
    app?.clock.set(null);
    await app?.stop();
    await matcher?.stop();
  });

  it('when Maya opens the open directory (style 1), then mentors come ranked by the matcher; after her discovery call with Omar, her formal request becomes an active mentorship once both accept the agreement', async () => {
    const listed = await directory(maya, 'lab-sciences-open-mentoring');
    expect(listed.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
    expect(listed.meta.total).toBeGreaterThan(10);
    expect(listed.data[0]!.match!.reasons.length).toBeGreaterThan(0);

    const target = await omarIn('lab-sciences-open-mentoring');
    const request = (await app.as(maya).post('/api/mentorship/programs/lab-sciences-open-mentoring/requests').send({ to: target.profileDocumentId, message: 'Could we talk about moving into clinical research?' }).expect(201)).body.data as RequestView;
    expect(request.kind).toBe('discovery-call');
    await app.mail.waitFor((mail) => mail.to.includes(omar.email) && mail.text.includes('moving into clinical research'));
    const call = await app.as(omar).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(200);
    expect(call.body.data).toMatchObject({ mentorship: null, contact: { email: maya.email } });
    await app.mail.waitFor((mail) => mail.to.includes(maya.email) && mail.subject === 'Your discovery call with Omar Lindqvist' && mail.text.includes(omar.email));
    const formal = (await app.as(maya).post('/api/mentorship/programs/lab-sciences-open-mentoring/requests').send({ to: target.profileDocumentId, kind: 'mentoring', message: 'Thank you for the call.' }).expect(201)).body.data as RequestView;
    const accepted = await app.as(omar).post(`/api/mentorship/requests/${formal.documentId}/accept`).send({}).expect(200);
    const id = accepted.body.data.mentorship.documentId as string;
    await app.as(maya).post(`/api/mentorship/mentorships/${id}/agree`).send({}).expect(200);
    const active = (await app.as(omar).post(`/api/mentorship/mentorships/${id}/agree`).send({}).expect(200)).body.data;
    expect(active).toMatchObject({ status: 'active', mentee: { email: maya.email }, mentor: { email: omar.email } });
  });

  it('when Maya asks Omar in the mentor exchange (style 2) and he declines, then she is told and can search again', async () => {
    const target = await omarIn('pharmacy-mentor-exchange');
    const request = (await app.as(maya).post('/api/mentorship/programs/pharmacy-mentor-exchange/requests').send({ to: target.profileDocumentId, message: 'Hello' }).expect(201)).body.data as RequestView;
    expect(request.kind).toBe('mentoring');
    // The demo's mentor exchange shares the requester's contact with the mentor, as its seed says.
    await app.mail.waitFor((mail) => mail.to.includes(omar.email) && mail.text.includes('Hello') && mail.text.includes(`You can reach Maya`) && mail.text.includes(maya.email));
    await app.as(omar).post(`/api/mentorship/requests/${request.documentId}/decline`).send({ reason: 'I am at capacity this year' }).expect(200);
    await app.mail.waitFor((mail) => mail.to.includes(maya.email) && mail.text.includes('I am at capacity this year'));
  });

  it('when the office has reviewed Maya\'s application and she names three available mentors in order (style 5), then the request goes to the first and, after three silent weeks, to the second, who is told it was passed on', async () => {
    const available = await directory(maya, 'medical-education-mentoring', '?availability=available');
    const choices = available.data.slice(0, 3).map((listing) => listing.profileDocumentId);
    expect(choices).toHaveLength(3);
    // The office reviews mentee applications first: until then Maya cannot ask.
    const mine = ((await app.as(maya).get('/api/mentorship/me').expect(200)).body as MeResponse).data.profiles.find((profile) => profile.program.slug === 'medical-education-mentoring')!;
    expect(mine.status).toBe('submitted');
    await app.as(maya).post('/api/mentorship/programs/medical-education-mentoring/requests').send({ choices, message: 'Hello' }).expect(403);
    const queue = (await app.http().get('/mentorship/programs/medical-education-mentoring/applications?role=mentee').set(staff.auth).expect(200)).body.data as { documentId: string; displayName: string }[];
    expect(queue.map((application) => application.displayName)).toContain('Maya Okonkwo');
    expect(queue.length).toBeGreaterThanOrEqual(2);
    await app.http().post(`/mentorship/applications/${mine.documentId}/review`).set(staff.auth).send({ decision: 'approve' }).expect(200);
    await app.mail.waitFor((mail) => mail.to.includes(maya.email) && mail.subject === 'Your mentee application was approved');
    const request = (await app.as(maya).post('/api/mentorship/programs/medical-education-mentoring/requests').send({ choices, message: 'I would like to improve my teaching.' }).expect(201)).body.data as RequestView;
    expect(request).toMatchObject({ currentChoice: 0, addressee: { documentId: choices[0] } });
    app.clock.set(new Date(Date.parse(request.deadline!) + 60_000));
    await app.service<{ runAll(): Promise<unknown> }>('jobs').runAll();
    const moved = (await app.as(maya).get(`/api/mentorship/requests/${request.documentId}`).expect(200)).body.data as RequestView;
    expect(moved).toMatchObject({ currentChoice: 1, addressee: { documentId: choices[1] } });
    await app.mail.waitFor((mail) => mail.subject === 'The request from Maya Okonkwo has been passed on');
    app.clock.set(null);
  });

  it('when Ravi checks his applications (styles 3 and 4), then both wait for review; a newcomer who fails the rules is told every reason', async () => {
    const me = (await app.as(ravi).get('/api/mentorship/me').expect(200)).body as MeResponse;
    expect(me.data.profiles.map((profile) => `${profile.program.slug}:${profile.status}`).sort()).toEqual(['global-virtual-mentors:submitted', 'student-guided-cohort:submitted']);

    const program = (await app.http().get('/api/mentorship/programs/global-virtual-mentors').expect(200)).body.data;
    const interests = program.profileTypes.find((type: { role: string }) => type.role === 'mentee').fields.find((field: { key: string }) => field.key === 'interests');
    const newcomer = await registerMember(app, 'Newcomer');
    const refused = await app.as(newcomer).post('/api/mentorship/programs/global-virtual-mentors/profiles').send({
      role: 'mentee',
      displayName: 'New Comer',
      answers: { memberType: 'affiliate', trainingCompleted: 2000, country: 'US', region: 'north-america', languages: ['es'], priorAward: 'none', interests: [interests.options[0].value], objectives: 'Learn' },
    }).expect(403);
    expect(refused.body.error.details.reasons.map((reason: { field: string }) => reason.field)).toEqual(['memberType', 'trainingCompleted', 'country', 'languages']);
    expect(refused.body.error.message).toContain('Applicants must be fluent in written and spoken English.');
  });
});
