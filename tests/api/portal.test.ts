import request from 'supertest';
import { createAdmin, roleWith, superAdmin } from '../helpers/staff-admin';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';

const PASSWORD = 'Secret-passw0rd';

/** A browser of the portal: one cookie jar, and the CSRF token of the last page it read. */
interface Browser {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  get: (path: string) => Promise<request.Response>;
  post: (path: string, form: Record<string, string>, options?: { csrf?: string | null }) => Promise<request.Response>;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('member portal: safety of its pages', () => {
  let app: JourneyApp;
  let program: ProgramFixture;

  const browser = (): Browser => {
    const agent = request.agent(app.strapi.server.httpServer);
    const self: Browser = {
      agent,
      csrf: '',
      async get(path) {
        const response = await agent.get(path);
        const token = csrfOf(response.text ?? '');
        if (token) self.csrf = token;
        return response;
      },
      async post(path, form, options = {}) {
        const token = options.csrf === undefined ? self.csrf : options.csrf;
        return agent.post(path).type('form').send(token === null ? form : { ...form, _csrf: token });
      },
    };
    return self;
  };

  const signedIn = async (member: Member): Promise<Browser> => {
    const visitor = browser();
    await visitor.get('/mentoring/sign-in');
    const response = await visitor.post('/mentoring/sign-in', { identifier: member.email, password: PASSWORD, next: '/mentoring' });
    expect(response.status).toBe(303);
    await visitor.get('/mentoring');
    return visitor;
  };

  beforeAll(async () => {
    app = await startJourneyApp();
    program = await createProgram(app.strapi, 'mentor-exchange');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a visitor opens the portal, then the programs and the program guide are served as HTML without signing in', async () => {
    const visitor = browser();
    const home = await visitor.get('/mentoring');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.text).toContain(`href="/mentoring/programs/${program.slug}"`);
    const page = await visitor.get(`/mentoring/programs/${program.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('How it works');
    const french = await visitor.agent.get(`/mentoring/programs/${program.slug}`).set('Accept-Language', 'fr-FR,fr;q=0.9');
    expect(french.text).toContain('Comment ça marche');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('when a form arrives without the CSRF token, or with another browser\'s, then it is refused with 403 and nothing changes', async () => {
    const mentor = await registerMember(app, 'Csrf Mentor');
    const mentee = await registerMember(app, 'Csrf Mentee');
    const mentorProfile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Csrf Mentor' });
    await createProfile(app.strapi, { member: mentee, program, role: 'mentee', displayName: 'Csrf Mentee' });
    const menteeBrowser = await signedIn(mentee);
    const sent = await menteeBrowser.post(`/mentoring/programs/${program.slug}/ask`, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Hello' }, { csrf: null });
    expect(sent.status).toBe(403);
    expect(sent.text).toContain('This form has expired');

    const stranger = browser();
    await stranger.get('/mentoring/sign-in');
    const foreign = await menteeBrowser.post(`/mentoring/programs/${program.slug}/ask`, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Hello' }, { csrf: stranger.csrf });
    expect(foreign.status).toBe(403);
    const requests = await app.strapi.db.query('plugin::mentorship.request').count({ where: { addressee: { documentId: mentorProfile.documentId } } });
    expect(requests).toBe(0);

    const signIn = await browser().post('/mentoring/sign-in', { identifier: mentee.email, password: PASSWORD }, { csrf: null });
    expect(signIn.status).toBe(403);
    expect(String(signIn.headers['set-cookie'] ?? '')).not.toContain('mentoring_session=ey');

    const accepted = await menteeBrowser.post(`/mentoring/programs/${program.slug}/ask`, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Hello' });
    expect(accepted.status).toBe(303);
    expect(await app.strapi.db.query('plugin::mentorship.request').count({ where: { addressee: { documentId: mentorProfile.documentId } } })).toBe(1);
  });

  it('when a member writes markup in their name, bio and message, then every page shows it as text', async () => {
    const mentor = await registerMember(app, 'Escape Mentor');
    const mentee = await registerMember(app, 'Escape Mentee');
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const mentorProfile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: `Dr ${evil}`, bio: `Bio ${evil}`, careerPath: `Path ${evil}` });
    await createProfile(app.strapi, { member: mentee, program, role: 'mentee', displayName: `Mentee ${evil}` });

    const menteeBrowser = await signedIn(mentee);
    const directory = await menteeBrowser.get(`/mentoring/programs/${program.slug}/mentors?q=path`);
    expect(directory.status).toBe(200);
    // One id per person: the mentor's page is addressed by the profile's id, as requests are.
    const page = await menteeBrowser.get(`/mentoring/programs/${program.slug}/mentors/${mentorProfile.documentId}`);
    expect(page.status).toBe(200);
    const sent = await menteeBrowser.post(`/mentoring/programs/${program.slug}/ask`, { to: mentorProfile.documentId, kind: 'mentoring', message: `Message ${evil}` });
    expect(sent.status).toBe(303);
    // The e-mail's link leads to the portal page it speaks of, and that page shows the request.
    const received = await app.mail.waitFor((mail) => mail.to.includes(mentor.email) && mail.subject.includes('would like to start'));
    const link = /https?:\/\/[^\s"]+\/mentoring\/[a-z-]+/.exec(received.text)?.[0];
    expect(link).toBe('http://127.0.0.1:1337/mentoring/inbox');
    const inbox = await (await signedIn(mentor)).get(new URL(link!).pathname);
    expect(inbox.status).toBe(200);

    for (const html of [directory.text, page.text, inbox.text]) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
    expect(inbox.text).toContain('Message &lt;script&gt;');
    expect(inbox.text).toContain('Mentee &lt;script&gt;');
  });

  it('when a member opens or acts on another member\'s profile, request or mentorship, then the portal answers 404', async () => {
    const mentor = await registerMember(app, 'Owner Mentor');
    const mentee = await registerMember(app, 'Owner Mentee');
    const outsider = await registerMember(app, 'Outsider');
    const mentorProfile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Owner Mentor' });
    const menteeProfile = await createProfile(app.strapi, { member: mentee, program, role: 'mentee', displayName: 'Owner Mentee' });
    const menteeBrowser = await signedIn(mentee);
    await menteeBrowser.post(`/mentoring/programs/${program.slug}/ask`, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Please' });
    const requestRow = (await app.strapi.db.query('plugin::mentorship.request').findOne({ where: { addressee: { documentId: mentorProfile.documentId } } })) as { documentId: string };
    const mentorBrowser = await signedIn(mentor);
    await mentorBrowser.get('/mentoring/inbox');
    const accepted = await mentorBrowser.post(`/mentoring/requests/${requestRow.documentId}/accept`, {});
    expect(accepted.status).toBe(303);
    const mentorshipId = /\/mentoring\/mentorships\/([a-zA-Z0-9]+)/.exec(accepted.headers.location ?? '')?.[1];
    expect(mentorshipId).toBeTruthy();
    const mine = await mentorBrowser.get(`/mentoring/mentorships/${mentorshipId}`);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(mentee.email);

    const outsiderBrowser = await signedIn(outsider);
    for (const path of [`/mentoring/profiles/${menteeProfile.documentId}`, `/mentoring/mentorships/${mentorshipId}`]) {
      const response = await outsiderBrowser.get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain(mentee.email);
    }
    for (const path of [
      `/mentoring/requests/${requestRow.documentId}/withdraw`,
      `/mentoring/requests/${requestRow.documentId}/decline`,
      `/mentoring/mentorships/${mentorshipId}/end`,
      `/mentoring/profiles/${menteeProfile.documentId}/status`,
    ]) {
      const response = await outsiderBrowser.post(path, { reason: 'not mine', action: 'withdraw' });
      expect(response.status).toBe(404);
    }
    // The mentee, party to the mentorship, is not the mentor: the inbox action on their own sent request is a 404 too.
    expect((await menteeBrowser.post(`/mentoring/requests/${requestRow.documentId}/decline`, {})).status).toBe(404);
    const still = (await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { documentId: mentorshipId } })) as { mentorshipStatus: string };
    expect(still.mentorshipStatus).toBe('active');

    const signedOut = await browser().get(`/mentoring/mentorships/${mentorshipId}`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe(`/mentoring/sign-in?next=${encodeURIComponent(`/mentoring/mentorships/${mentorshipId}`)}`);
  });

  it('when a mentor manages their profile in the portal, then availability, capacity, pause, re-listing, the yearly confirmation and withdrawal reach the directory', async () => {
    const mentor = await registerMember(app, 'Profile Mentor');
    const profile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Profile Mentor', capacity: 1 });
    const listingOf = async () =>
      (await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { profile: { documentId: profile.documentId } } })) as { availability: string; awayUntil: string | null; capacity: number; listed: boolean };
    const visitor = await signedIn(mentor);
    const page = await visitor.get(`/mentoring/profiles/${profile.documentId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('I am still available to mentor');

    const saved = await visitor.post(`/mentoring/profiles/${profile.documentId}`, {
      displayName: 'Profile Mentor',
      availability: 'away',
      awayUntil: '2031-03-01',
      capacity: '3',
      'answers[expertise][]': 'cardiology',
      'answers[canMentor][]': 'resident',
      'answers[country]': 'DE',
      'answers[yearsExperience]': '21',
    });
    expect(saved.status).toBe(303);
    expect(await listingOf()).toMatchObject({ availability: 'away', awayUntil: '2031-03-01', capacity: 3, listed: true });

    const wrong = await visitor.post(`/mentoring/profiles/${profile.documentId}`, { displayName: 'Profile Mentor', 'answers[yearsExperience]': 'many' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('must be a number');

    expect((await visitor.post(`/mentoring/profiles/${profile.documentId}/status`, { action: 'pause' })).status).toBe(303);
    expect(await listingOf()).toMatchObject({ listed: false });
    expect((await visitor.get(`/mentoring/profiles/${profile.documentId}`)).text).toContain('List me again');
    expect((await visitor.post(`/mentoring/profiles/${profile.documentId}/reconfirm`, {})).status).toBe(303);
    expect(await listingOf()).toMatchObject({ listed: true });
    expect((await visitor.post(`/mentoring/profiles/${profile.documentId}/status`, { action: 'withdraw' })).status).toBe(303);
    expect(await listingOf()).toMatchObject({ listed: false });
    expect((await visitor.get(`/mentoring/profiles/${profile.documentId}`)).text).toContain('Withdrawn');
  });

  it('when both members renew a mentorship near its end and one later ends it early, then the end date moves on once and both are told why it ended', async () => {
    const mentor = await registerMember(app, 'Renew Mentor');
    const mentee = await registerMember(app, 'Renew Mentee');
    const mentorProfile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Renew Mentor' });
    await createProfile(app.strapi, { member: mentee, program, role: 'mentee', displayName: 'Renew Mentee' });
    const menteeBrowser = await signedIn(mentee);
    await menteeBrowser.get(`/mentoring/programs/${program.slug}/ask?mentor=${mentorProfile.documentId}`);
    await menteeBrowser.post(`/mentoring/programs/${program.slug}/ask`, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Six months?' });
    const requestRow = (await app.strapi.db.query('plugin::mentorship.request').findOne({ where: { addressee: { documentId: mentorProfile.documentId } } })) as { documentId: string };
    const mentorBrowser = await signedIn(mentor);
    const accepted = await mentorBrowser.post(`/mentoring/requests/${requestRow.documentId}/accept`, {});
    const id = /\/mentorships\/([a-zA-Z0-9]+)/.exec(accepted.headers.location ?? '')![1]!;
    const before = (await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { documentId: id } })) as { endDate: string };
    expect((await mentorBrowser.get(`/mentoring/mentorships/${id}`)).text).not.toContain('I want to continue');

    app.clock.set(new Date(Date.parse(`${before.endDate}T12:00:00Z`) - 10 * 86_400_000));
    try {
      const page = await mentorBrowser.get(`/mentoring/mentorships/${id}`);
      expect(page.text).toContain('I want to continue');
      expect((await mentorBrowser.post(`/mentoring/mentorships/${id}/renew`, {})).status).toBe(303);
      expect((await mentorBrowser.get(`/mentoring/mentorships/${id}`)).text).toContain('waiting for your partner');
      await menteeBrowser.get(`/mentoring/mentorships/${id}`);
      expect((await menteeBrowser.post(`/mentoring/mentorships/${id}/renew`, {})).status).toBe(303);
      const renewed = (await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { documentId: id } })) as { endDate: string };
      expect(renewed.endDate > before.endDate).toBe(true);
      await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'Your mentorship has been renewed');

      const missing = await menteeBrowser.post(`/mentoring/mentorships/${id}/end`, { reason: '' });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('Say why the mentorship ends.');
      expect((await menteeBrowser.post(`/mentoring/mentorships/${id}/end`, { reason: 'I am moving abroad <soon>' })).status).toBe(303);
      const told = await app.mail.waitFor((mail) => mail.to.includes(mentor.email) && mail.subject.includes('has ended'));
      expect(told.text).toContain('I am moving abroad <soon>');
      const ended = await mentorBrowser.get(`/mentoring/mentorships/${id}`);
      expect(ended.text).toContain('I am moving abroad &lt;soon&gt;');
      expect(ended.text).not.toContain('End the mentorship');
    } finally {
      app.clock.set(null);
    }
  });

  it('when staff change the portal settings in the admin, then every page shows the association\'s name, logo, colours and links, and bad values are refused naming the field', async () => {
    const staff = await superAdmin(app.strapi);
    const reader = await createAdmin(app.strapi, await roleWith(app.strapi, ['plugin::mentorship.read']), 'Reader');
    const current = await app.http().get('/mentorship/portal-settings').set(staff.auth).expect(200);
    expect(current.body.meta.templates).toEqual(expect.arrayContaining(['layouts/main', 'pages/program', 'partials/answer-field']));
    const settings = {
      associationName: 'Meridian <Health> Society',
      logoUrl: 'https://meridian-health.example.org/logo.png',
      logoAlt: 'Meridian Health Society',
      primaryColour: '#123456',
      accentColour: '#aa3300',
      headerLinks: [{ label: 'Our website', url: 'https://meridian-health.example.org' }],
      footerLinks: [{ label: 'Privacy', url: '/privacy' }],
    };
    await app.http().put('/mentorship/portal-settings').set(reader.auth).send(settings).expect(403);
    const bad = await app.http().put('/mentorship/portal-settings').set(staff.auth).send({ ...settings, primaryColour: 'red', headerLinks: [{ label: 'x', url: 'javascript:alert(1)' }] }).expect(400);
    expect(bad.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'))).toEqual(expect.arrayContaining(['primaryColour', 'headerLinks.0.url']));
    await app.http().put('/mentorship/portal-settings').set(staff.auth).send(settings).expect(200);

    const visitor = browser();
    const home = await visitor.get('/mentoring');
    expect(home.text).toContain('Meridian &lt;Health&gt; Society');
    expect(home.text).toContain('<img src="https://meridian-health.example.org/logo.png" alt="Meridian Health Society"');
    expect(home.text).toContain('<a href="https://meridian-health.example.org">Our website</a>');
    expect(home.text).toContain('<a href="/privacy">Privacy</a>');
    const theme = await visitor.agent.get('/mentoring/assets/theme.css').expect(200);
    expect(theme.text).toContain('--brand: #123456');
    expect(theme.text).toContain('--accent: #aa3300');
  });

  it('when someone keeps guessing a member\'s password, then sign-in is refused with 429 after five attempts, even with the right password', async () => {
    const member = await registerMember(app, 'Guessed');
    const visitor = browser();
    await visitor.get('/mentoring/sign-in');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await visitor.post('/mentoring/sign-in', { identifier: member.email, password: `wrong-${attempt}` })).status).toBe(400);
    }
    const blocked = await visitor.post('/mentoring/sign-in', { identifier: member.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many attempts');
  });
});
