import request from 'supertest';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';

const PASSWORD = 'Secret-passw0rd';

/** Mentee questions of a program where mentors approach: some public and searchable, some private. */
const MENTEE_FIELDS = [
  { key: 'interests', label: 'Interests', kind: 'multiple-choice', options: [{ value: 'oncology', label: 'Oncology' }, { value: 'research', label: 'Clinical research' }, { value: 'leadership', label: 'Leadership' }], required: true, public: true, searchable: true, matching: true },
  { key: 'region', label: 'Region', kind: 'region', required: true, public: true, searchable: true },
  { key: 'goals', label: 'What I hope for', kind: 'long-text', public: true },
  { key: 'phone', label: 'Phone number', kind: 'text' },
];

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('member portal: the mentee directory, where mentors approach', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let open: ProgramFixture;
  let closed: ProgramFixture;
  let mentor: Member;
  const mentees: Record<string, { member: Member; documentId: string }> = {};

  /** A signed-in browser: one cookie jar, and the CSRF token of the last page it read. */
  const signedIn = async (member: Member) => {
    const agent = request.agent(app.strapi.server.httpServer);
    let csrf = csrfOf((await agent.get('/mentoring/sign-in')).text);
    const signIn = await agent.post('/mentoring/sign-in').type('form').send({ identifier: member.email, password: PASSWORD, next: '/mentoring', _csrf: csrf });
    expect(signIn.status).toBe(303);
    // The session's forms carry a token of their own: read it from a signed-in page.
    csrf = csrfOf((await agent.get('/mentoring')).text);
    return {
      async get(path: string) {
        const response = await agent.get(path);
        csrf = csrfOf(response.text ?? '') || csrf;
        return response;
      },
      post: (path: string, form: Record<string, string>) => agent.post(path).type('form').send({ ...form, _csrf: csrf }),
    };
  };

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    open = await createProgram(app.strapi, 'open-directory', {
      matchingCriteria: [{ name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 5 }],
    });
    const type = await app.strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: { documentId: open.documentId }, role: 'mentee' } });
    await app.strapi.documents('plugin::mentorship.profile-type').update({ documentId: type.documentId, data: { fields: MENTEE_FIELDS } } as never);
    closed = await createProgram(app.strapi, 'mentor-exchange');
    mentor = await registerMember(app, 'Dr Portal Approach');
    await createProfile(app.strapi, { member: mentor, program: open, role: 'mentor', displayName: 'Dr Portal Approach' });
    await createProfile(app.strapi, { member: mentor, program: closed, role: 'mentor', displayName: 'Dr Portal Approach' });
    const people: [string, Record<string, unknown>, string?][] = [
      ['Amara', { interests: ['oncology', 'research'], region: 'europe', goals: 'Learn trial design in oncology', phone: '+34 600 000 001' }],
      ['Bruno', { interests: ['leadership'], region: 'east-asia', goals: 'Lead a lab team', phone: '+81 3 0000 0002' }],
      ['Chiara', { interests: ['oncology'], region: 'africa', goals: 'Move into oncology', phone: '+27 21 000 0003' }],
      ['Dmitri', { interests: ['research'], region: 'europe', goals: 'Still a draft' }, 'draft'],
    ];
    for (const [name, answers, status] of people) {
      const member = await registerMember(app, `Portal ${name}`);
      const profile = await createProfile(app.strapi, { member, program: open, role: 'mentee', displayName: name, answers: answers as never, profileStatus: status });
      mentees[name] = { member, documentId: profile.documentId };
    }
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when a listed mentor opens the mentee directory, then accepted mentees show with public answers, facet counts and paging, never private answers', async () => {
    const browser = await signedIn(mentor);
    const program = await browser.get(`/mentoring/programs/${open.slug}`);
    expect(program.text).toContain(`href="/mentoring/programs/${open.slug}/mentees"`);

    const all = await browser.get(`/mentoring/programs/${open.slug}/mentees?sort=name`);
    expect(all.status).toBe(200);
    expect(all.text).toContain('3 mentees');
    expect([...all.text.matchAll(/data-testid="mentee-card">\s*<h3><a href="[^"]+">([^<]+)</g)].map((match) => match[1])).toEqual(['Amara', 'Bruno', 'Chiara']);
    expect(all.text).toContain('Learn trial design in oncology');
    expect(all.text).not.toMatch(/\+34|\+81|\+27|Phone number|Dmitri/);

    const filtered = await browser.get(`/mentoring/programs/${open.slug}/mentees?q=oncology&filters[region]=europe`);
    expect(filtered.text).toContain('1 mentee<');
    // Each facet counts the results under the other filters: both oncology mentees by region.
    expect(filtered.text).toMatch(/value="europe" checked> Europe <span class="count">\(1\)/);
    expect(filtered.text).toMatch(/value="africa" > Africa <span class="count">\(1\)/);

    const ids = Object.values(mentees).map((mentee) => mentee.documentId);
    expect(ids.length).toBe(4);
    const page = await browser.get(`/mentoring/programs/${open.slug}/mentees?sort=name&page=2`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No mentee matches');
  });

  it('when a mentor opens a mentee\'s page and sends an offer, then the mentee receives an approach with the message, and a second offer is refused on the page', async () => {
    const browser = await signedIn(mentor);
    const chiara = mentees.Chiara!;
    const page = await browser.get(`/mentoring/programs/${open.slug}/mentees/${chiara.documentId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Chiara</h1>');
    expect(page.text).toContain('Move into oncology');
    expect(page.text).not.toContain('+27');
    const sent = await browser.post(`/mentoring/programs/${open.slug}/mentees/${chiara.documentId}/approach`, { message: 'I would be glad to mentor you in oncology.' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(/^\/mentoring\/requests#request-/);
    const received = (await app.as(chiara.member).get('/api/mentorship/me').expect(200)).body.data.requests.received as { kind: string; message: string }[];
    expect(received).toEqual([expect.objectContaining({ kind: 'approach', message: 'I would be glad to mentor you in oncology.' })]);

    const again = await browser.post(`/mentoring/programs/${open.slug}/mentees/${chiara.documentId}/approach`, { message: 'Once more.' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('role="alert"');
    expect(again.text).toContain('Once more.');
  });

  it('when anyone but a listed mentor of a program where mentors approach asks for the mentee pages, then a mentee, a stranger and another program get 404 and a visitor is sent to sign in', async () => {
    const amara = mentees.Amara!;
    const anonymous = await request(app.strapi.server.httpServer).get(`/mentoring/programs/${open.slug}/mentees`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/mentoring/sign-in?next=${encodeURIComponent(`/mentoring/programs/${open.slug}/mentees`)}`);

    const stranger = await signedIn(await registerMember(app, 'Portal Stranger'));
    const asMentee = await signedIn(amara.member);
    const asMentor = await signedIn(mentor);
    for (const [browser, path] of [
      [stranger, `/mentoring/programs/${open.slug}/mentees`],
      [stranger, `/mentoring/programs/${open.slug}/mentees/${amara.documentId}`],
      [asMentee, `/mentoring/programs/${open.slug}/mentees`],
      [asMentee, `/mentoring/programs/${open.slug}/mentees/${mentees.Bruno!.documentId}`],
      [asMentor, `/mentoring/programs/${closed.slug}/mentees`],
      [asMentor, `/mentoring/programs/${open.slug}/mentees/${mentees.Dmitri!.documentId}`],
    ] as const) {
      const response = await browser.get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.text).not.toContain('Learn trial design');
    }
    const program = await asMentee.get(`/mentoring/programs/${open.slug}`);
    expect(program.text).not.toContain(`/programs/${open.slug}/mentees"`);
    const offer = await asMentee.post(`/mentoring/programs/${open.slug}/mentees/${mentees.Bruno!.documentId}/approach`, { message: 'Hello' });
    expect(offer.status).toBe(404);
  });

  it('when a member reads the portal in French and a service refuses, then the conflict and each field problem are shown in French, not in the service\'s English', async () => {
    const browser = await signedIn(mentor);
    await browser.get('/mentoring?lang=fr');
    const bruno = mentees.Bruno!;
    const first = await browser.post(`/mentoring/programs/${open.slug}/mentees/${bruno.documentId}/approach`, { message: 'Je serais ravi de vous accompagner.' });
    expect(first.status).toBe(303);
    const again = await browser.post(`/mentoring/programs/${open.slug}/mentees/${bruno.documentId}/approach`, { message: 'Encore une fois.' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Cela existe déjà : vous en avez déjà un·e dans ce programme.');
    expect(again.text).not.toContain('You already have an open request');

    const newcomer = await signedIn(await registerMember(app, 'Portal Nouvelle'));
    await newcomer.get('/mentoring?lang=fr');
    await newcomer.get(`/mentoring/programs/${open.slug}/enroll/mentee`);
    const missing = await newcomer.post(`/mentoring/programs/${open.slug}/enroll/mentee`, { displayName: 'Nouvelle', 'answers[goals]': 'x'.repeat(10), intent: 'submit' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('« Interests » est obligatoire.');
    expect(missing.text).toContain('« Region » est obligatoire.');
    expect(missing.text).not.toMatch(/is required/);

    const badFilter = await browser.get(`/mentoring/programs/${open.slug}/mentees?filters[region]=atlantis`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.text).toContain('Veuillez vérifier le formulaire.');
    expect(badFilter.text).not.toContain('is not an option');
  });

  it('when a ranked request moves on because the first mentor paused, then a French page gives the plugin\'s reason in French and an English page as the service wrote it', async () => {
    const ranked = await createProgram(app.strapi, 'ranked-cascade');
    const first = await registerMember(app, 'Portal First Choice');
    const second = await registerMember(app, 'Portal Second Choice');
    const firstProfile = await createProfile(app.strapi, { member: first, program: ranked, role: 'mentor', displayName: 'Dr First Choice' });
    const secondProfile = await createProfile(app.strapi, { member: second, program: ranked, role: 'mentor', displayName: 'Dr Second Choice' });
    const mentee = await registerMember(app, 'Portal Ranked Mentee');
    await createProfile(app.strapi, { member: mentee, program: ranked, role: 'mentee', displayName: 'Ranked Mentee' });
    await app.as(mentee).post(`/api/mentorship/programs/${ranked.slug}/requests`).send({ choices: [firstProfile.documentId, secondProfile.documentId], message: 'Hello' }).expect(201);
    await app.as(first).put(`/api/mentorship/profiles/${firstProfile.documentId}`).send({ action: 'pause' }).expect(200);

    const browser = await signedIn(mentee);
    const english = await browser.get('/mentoring/requests');
    expect(english.text).toContain('Reason: Dr First Choice is not listed as a mentor');
    await browser.get('/mentoring?lang=fr');
    const french = await browser.get('/mentoring/requests');
    expect(french.text).toContain('Motif : Le mentor ne pouvait plus accueillir de mentoré·e');
    expect(french.text).not.toContain('is not listed as a mentor');
  });
});
