import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';

/** Mentee fields of an open directory where mentors approach: some public and searchable, some private. */
const MENTEE_FIELDS = [
  { key: 'interests', label: 'Interests', kind: 'multiple-choice', options: [{ value: 'oncology', label: 'Oncology' }, { value: 'research', label: 'Clinical research' }, { value: 'leadership', label: 'Leadership' }], required: true, public: true, searchable: true, matching: true },
  { key: 'region', label: 'Region', kind: 'region', required: true, public: true, searchable: true },
  { key: 'goals', label: 'What I hope for', kind: 'long-text', public: true },
  { key: 'phone', label: 'Phone number', kind: 'text' },
  { key: 'employer', label: 'Employer', kind: 'text', matching: true },
];

describe('the mentee directory, where mentors approach', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let open: ProgramFixture;
  let closed: ProgramFixture;
  let mentor: Member;
  let stranger: Member;
  const mentees: Record<string, { member: Member; documentId: string }> = {};

  const list = (query = '', as: Member | null = mentor, program = open) => {
    const url = `/api/mentorship/programs/${program.slug}/mentees${query}`;
    return as ? app.as(as).get(url) : app.http().get(url);
  };

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    open = await createProgram(app.strapi, 'open-directory', {
      matchingCriteria: [
        { name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 5 },
        { name: 'Not the same employer', kind: 'exclude-same', menteeAttribute: 'employer', mentorAttribute: 'phone', weight: 0, required: true },
      ],
    });
    const type = await app.strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: { documentId: open.documentId }, role: 'mentee' } });
    await app.strapi.documents('plugin::mentorship.profile-type').update({ documentId: type.documentId, data: { fields: MENTEE_FIELDS } } as never);
    closed = await createProgram(app.strapi, 'mentor-exchange');

    mentor = await registerMember(app, 'Dr Approach');
    await createProfile(app.strapi, { member: mentor, program: open, role: 'mentor', displayName: 'Dr Approach' });
    await createProfile(app.strapi, { member: mentor, program: closed, role: 'mentor', displayName: 'Dr Approach' });
    stranger = await registerMember(app, 'Stranger');
    const people: [string, Record<string, unknown>, string?][] = [
      ['Ana', { interests: ['oncology', 'research'], region: 'europe', goals: 'Learn trial design in oncology', phone: '+34 600 000 001', employer: 'Hospital Clinic' }],
      ['Ben', { interests: ['leadership'], region: 'east-asia', goals: 'Lead a lab team', phone: '+81 3 0000 0002', employer: 'Lab Corp' }],
      ['Cleo', { interests: ['oncology'], region: 'africa', goals: 'Move into oncology', phone: '+27 21 000 0003', employer: 'Groote Schuur' }],
      ['Dan', { interests: ['research'], region: 'europe', goals: 'Still a draft' }, 'draft'],
    ];
    for (const [name, answers, status] of people) {
      const member = await registerMember(app, name);
      const profile = await createProfile(app.strapi, { member, program: open, role: 'mentee', displayName: name, answers: answers as never, profileStatus: status });
      mentees[name] = { member, documentId: profile.documentId };
    }
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when a listed mentor opens it, then accepted mentees show with public answers and labels only', async () => {
    const body = (await list('?sort=name').expect(200)).body as DirectoryResponse;
    expect(body.data.map((entry) => entry.displayName)).toEqual(['Ana', 'Ben', 'Cleo']);
    expect(body.meta).toMatchObject({ total: 3, page: 1, pageSize: 20, pageCount: 1, sort: 'name' });
    const ana = body.data[0]!;
    expect(ana.documentId).toBe(mentees.Ana!.documentId);
    expect(ana.answers).toEqual({ interests: ['oncology', 'research'], region: 'europe', goals: 'Learn trial design in oncology' });
    expect(ana.labels).toMatchObject({ interests: ['Oncology', 'Clinical research'], region: 'Europe' });
    expect(JSON.stringify(body)).not.toMatch(/\+34|\+81|Hospital Clinic|Lab Corp|members\.example\.org/);
    const one = (await app.as(mentor).get(`/api/mentorship/programs/${open.slug}/mentees/${ana.documentId}`).expect(200)).body.data;
    expect(one).toMatchObject({ displayName: 'Ana', labels: { region: 'Europe' } });
    await app.as(mentor).get(`/api/mentorship/programs/${open.slug}/mentees/${mentees.Dan!.documentId}`).expect(404);
  });

  it('when a mentor searches, filters and pages, then it works as the mentor directory does, facets included', async () => {
    expect(((await list('?q=oncology').expect(200)).body as DirectoryResponse).data.map((entry) => entry.displayName).sort()).toEqual(['Ana', 'Cleo']);
    const filtered = (await list('?filters[region]=europe,africa&sort=name').expect(200)).body as DirectoryResponse;
    expect(filtered.data.map((entry) => entry.displayName)).toEqual(['Ana', 'Cleo']);
    const regions = Object.fromEntries(filtered.meta.facets.region!.values.map((value) => [value.value, value.count]));
    expect(regions).toMatchObject({ europe: 1, africa: 1, 'east-asia': 1, oceania: 0 });
    expect(filtered.meta.facets.region!.values.find((value) => value.value === 'east-asia')!.label).toBe('East Asia');
    const page = (await list('?sort=name&pageSize=2&page=2').expect(200)).body as DirectoryResponse;
    expect(page.data.map((entry) => entry.displayName)).toEqual(['Cleo']);
    expect(page.meta).toMatchObject({ total: 3, pageCount: 2 });
    expect((await list('?filters[region]=atlantis').expect(400)).body.error.message).toMatch(/^filters\.region: "atlantis" is not an option of Region/);
    expect((await list('?filters[employer]=Lab%20Corp').expect(400)).body.error.message).toMatch(/^filters\.employer: not a searchable field/);
  });

  it('when a mentor sorts by match, then the score uses only criteria on public mentee answers', async () => {
    const body = (await list('?sort=match').expect(200)).body as DirectoryResponse;
    expect(body.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
    expect(body.data.every((entry) => entry.match?.eligible === true)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/employer/i);
    const scores = body.data.map((entry) => entry.match!.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('when a mentor approaches a mentee found there, then the request goes to that same id', async () => {
    const cleo = mentees.Cleo!;
    const sent = await app.as(mentor).post(`/api/mentorship/programs/${open.slug}/requests`).send({ to: cleo.documentId, message: 'I would be glad to mentor you in oncology.' }).expect(201);
    expect(sent.body.data).toMatchObject({ kind: 'approach', status: 'open', addressee: { documentId: cleo.documentId, role: 'mentee' } });
    const received = await app.as(cleo.member).get('/api/mentorship/me').expect(200);
    expect(received.body.data.requests.received.map((request: { documentId: string }) => request.documentId)).toEqual([sent.body.data.documentId]);
  });

  it('when someone who is not a listed mentor of the program, or a program without approaches, asks, then it is refused', async () => {
    await list('', null).expect(401);
    expect((await list('', stranger).expect(403)).body.error.message).toMatch(/Only listed mentors/);
    expect((await list('', mentees.Ana!.member).expect(403)).body.error.message).toMatch(/Only listed mentors/);
    expect((await list('', mentor, closed).expect(404)).body.error.message).toMatch(/no mentee directory/);
  });
});
