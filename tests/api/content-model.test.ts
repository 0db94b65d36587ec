import { startApp, type TestApp } from '../helpers/strapi';
import { connect, contentManager, errorPaths, registerSuperAdmin } from '../helpers/admin';
import { createMember, createProfileType, createProgram, MENTOR_FIELDS } from '../helpers/fixtures';

const PROGRAM = 'plugin::mentorship.program';
const PROFILE_TYPE = 'plugin::mentorship.profile-type';
const PROFILE = 'plugin::mentorship.profile';
const LISTING = 'plugin::mentorship.directory-listing';
const TEMPLATE = 'plugin::mentorship.email-template';
const FAQ = 'plugin::mentorship.faq-entry';

describe('content model, as editors use it in the Content Manager', () => {
  let app: TestApp;
  let cm: ReturnType<typeof contentManager>;
  let token: string;

  beforeAll(async () => {
    app = await startApp();
    token = await registerSuperAdmin(app);
    cm = contentManager(app, token);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('programs', () => {
    it('when an editor creates a program with structured rules and criteria, then it is stored and can be read and updated', async () => {
      const created = await cm.create(PROGRAM, {
        name: 'Virtual Mentors',
        slug: 'virtual-mentors',
        style: 'international-virtual',
        programStatus: 'draft',
        directoryVisibility: 'members',
        eligibilityRules: [{ field: 'country', operator: 'not-equals', value: 'US', message: 'Practise outside the US.' }],
        matchingCriteria: [{ name: 'Other country', kind: 'different', menteeAttribute: 'country', mentorAttribute: 'country', weight: 1, required: true }],
      });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId as string;
      expect(created.body.data.eligibilityRules[0]).toMatchObject({ field: 'country', role: 'mentee' });

      const updated = await cm.update(PROGRAM, documentId, { programStatus: 'open', rankedChoices: 2 });
      expect(updated.status).toBe(200);
      const read = await cm.get(PROGRAM, documentId).expect(200);
      expect(read.body.data).toMatchObject({ programStatus: 'open', rankedChoices: 2, style: 'international-virtual' });
    });

    it('when an eligibility rule has an unknown operator or a criterion lacks an attribute, then the 400 names each field', async () => {
      const response = await cm.create(PROGRAM, {
        name: 'Broken rules',
        slug: 'broken-rules',
        style: 'guided-cohort',
        programStatus: 'draft',
        directoryVisibility: 'members',
        eligibilityRules: [{ field: 'country', operator: 'roughly', value: 'US', message: 'x' }],
        matchingCriteria: [{ name: 'Region', kind: 'same', menteeAttribute: 'region', weight: 2 }],
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(expect.arrayContaining(['eligibilityRules.0.operator', 'matchingCriteria.0.mentorAttribute']));
      expect(await app.strapi.db.query(PROGRAM).count({ where: { slug: 'broken-rules' } })).toBe(0);
    });

    it('when the enrollment window closes before it opens, then the update is refused and the stored program is unchanged', async () => {
      const program = await createProgram(app.strapi, { alwaysOpen: false, enrollmentOpensAt: '2026-01-01T00:00:00.000Z', enrollmentClosesAt: '2026-03-01T00:00:00.000Z' });
      const response = await cm.update(PROGRAM, program.documentId, { enrollmentClosesAt: '2025-12-01T00:00:00.000Z' });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toContain('enrollmentClosesAt');
      const stored = await app.strapi.db.query(PROGRAM).findOne({ where: { documentId: program.documentId } });
      expect(new Date(stored.enrollmentClosesAt).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    });

    it('when a style is not one of the five, then the program is refused', async () => {
      const response = await cm.create(PROGRAM, { name: 'Odd', slug: 'odd', style: 'speed-dating', programStatus: 'draft', directoryVisibility: 'members' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.error)).toContain('style');
    });
  });

  describe('profile types', () => {
    it('when fields repeat a key or a choice field has no options, then the 400 names the field path', async () => {
      const program = await createProgram(app.strapi);
      const response = await cm.create(PROFILE_TYPE, {
        name: 'Mentor profile',
        role: 'mentor',
        program: connect(program.documentId),
        fields: [
          { key: 'specialty', label: 'Specialty', kind: 'single-choice' },
          { key: 'specialty', label: 'Again', kind: 'text' },
          { key: 'shoeSize', label: 'Shoe size', kind: 'shoe' },
        ],
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(expect.arrayContaining(['fields.0.options', 'fields.1.key', 'fields.2.kind']));
    });

    it('when a question key is a name every JavaScript object has built in, then the 400 names each such field and says it is reserved', async () => {
      const program = await createProgram(app.strapi);
      const keys = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
      const response = await cm.create(PROFILE_TYPE, {
        name: 'Mentor profile',
        role: 'mentor',
        program: connect(program.documentId),
        fields: [{ key: 'specialty', label: 'Specialty', kind: 'text' }, ...keys.map((key) => ({ key, label: key, kind: 'text' }))],
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(keys.map((_, index) => `fields.${index + 1}.key`));
      expect(response.body.error.message).toBe('fields.1.key: "constructor" is reserved (every JavaScript object has it built in); choose another key (and 3 more)');
    });

    it('when a program already has a mentor profile type, then a second one is refused', async () => {
      const program = await createProgram(app.strapi);
      await createProfileType(app.strapi, program.documentId, 'mentor');
      const response = await cm.create(PROFILE_TYPE, { name: 'Another', role: 'mentor', program: connect(program.documentId), fields: [] });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toContain('role');
    });
  });

  describe('profiles', () => {
    let program: Awaited<ReturnType<typeof createProgram>>;
    beforeAll(async () => {
      program = await createProgram(app.strapi);
      await createProfileType(app.strapi, program.documentId, 'mentor');
      await createProfileType(app.strapi, program.documentId, 'mentee', MENTOR_FIELDS.filter((field) => field.key !== 'yearsExperience'));
    });

    const validAnswers = { specialty: 'oncology', interests: ['research'], yearsExperience: 12, country: 'KE', languages: ['en', 'sw'], phone: '+254 700 000000' };

    /** A profile as enrollment and review make it (members enroll through the members' API, not the Content Manager). */
    const enrolled = async (data: Record<string, unknown>) =>
      (await app.strapi.documents(PROFILE).create({ data: { program: program.documentId, availability: 'available', ...data } } as never)) as unknown as { documentId: string };
    /** The paths a write through the document service is refused with. */
    const refusedPaths = async (write: Promise<unknown>): Promise<string[]> => {
      try {
        await write;
      } catch (error) {
        return ((error as { details?: { errors?: { path: string[] }[] } }).details?.errors ?? []).map((problem) => problem.path.join('.'));
      }
      throw new Error('the write was accepted');
    };

    it('when an editor changes answers so they break the profile type, then the 400 names every offending answer', async () => {
      const member = await createMember(app.strapi);
      const profile = await enrolled({ user: member.documentId, role: 'mentor', displayName: 'Wrong Answers', profileStatus: 'submitted', answers: validAnswers });
      const response = await cm.update(PROFILE, profile.documentId, {
        displayName: 'Wrong Answers',
        answers: { specialty: 'dermatology', interests: 'research', country: 'Kenya', languages: ['xx'], favouriteColour: 'blue' },
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(
        expect.arrayContaining(['answers.favouriteColour', 'answers.specialty', 'answers.interests', 'answers.yearsExperience', 'answers.country', 'answers.languages']),
      );
    });

    it('when a draft leaves required answers out, then it is saved, and submitting it without them is refused', async () => {
      const member = await createMember(app.strapi);
      const draft = await enrolled({ user: member.documentId, role: 'mentee', displayName: 'Drafty', profileStatus: 'draft', answers: { specialty: 'cardiology' } });
      const paths = await refusedPaths(
        app.strapi.documents(PROFILE).update({ documentId: draft.documentId, data: { profileStatus: 'submitted', answers: { specialty: 'cardiology' } } } as never),
      );
      expect(paths).toContain('answers.country');
    });

    it('when a member holds a mentor and a mentee profile in one program, then both are kept, but a second mentor profile is refused', async () => {
      const member = await createMember(app.strapi);
      const base = { user: member.documentId, displayName: 'Both Ways', profileStatus: 'submitted' };
      await enrolled({ ...base, role: 'mentor', answers: validAnswers });
      const { yearsExperience: _years, ...menteeAnswers } = validAnswers;
      await enrolled({ ...base, role: 'mentee', answers: menteeAnswers });
      expect(await refusedPaths(enrolled({ ...base, role: 'mentor', answers: validAnswers }))).toContain('role');
    });

    it('when a profile is rejected without a reason or set away without a return date, then it is refused', async () => {
      const member = await createMember(app.strapi);
      const created = await enrolled({ user: member.documentId, role: 'mentor', displayName: 'Pending', profileStatus: 'submitted', answers: validAnswers });
      expect(await refusedPaths(app.strapi.documents(PROFILE).update({ documentId: created.documentId, data: { profileStatus: 'rejected' } } as never))).toContain('rejectionReason');
      const away = await cm.update(PROFILE, created.documentId, { availability: 'away' });
      expect(errorPaths(away.body)).toContain('awayUntil');
    });

    describe('directory listing kept in step', () => {
      let documentId: string;
      const listingOf = (profileDocumentId: string) => app.strapi.db.query(LISTING).findOne({ where: { profile: { documentId: profileDocumentId } } });

      beforeAll(async () => {
        const member = await createMember(app.strapi);
        const created = await enrolled({
          user: member.documentId,
          role: 'mentor',
          displayName: 'Dr Listed',
          careerPath: 'Oncology research',
          bio: 'Twelve years in clinical research.',
          profileStatus: 'listed',
          capacity: 2,
          answers: validAnswers,
        });
        documentId = created.documentId;
      });

      it('when a mentor profile is listed, then its listing shows public answers only and a yearly re-confirmation date', async () => {
        const listing = await listingOf(documentId);
        expect(listing).toMatchObject({ displayName: 'Dr Listed', listed: true, capacity: 2 });
        expect(listing.publicAnswers).toEqual({ specialty: 'oncology', interests: ['research'], yearsExperience: 12, languages: ['en', 'sw'] });
        expect(listing.publicAnswers).not.toHaveProperty('phone');
        expect(listing.publicAnswers).not.toHaveProperty('country');
        expect(listing.searchText).toContain('oncology');
        const inAYear = new Date();
        inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
        expect(String(listing.reconfirmBy).slice(0, 10)).toBe(inAYear.toISOString().slice(0, 10));
      });

      it('when the profile changes, then the listing follows, and an editor\'s hidden flag survives', async () => {
        const listing = await listingOf(documentId);
        await cm.update(LISTING, listing.documentId, { hidden: true, featured: true }).expect(200);
        await cm.update(PROFILE, documentId, { displayName: 'Dr Renamed', answers: { ...validAnswers, specialty: 'cardiology' } }).expect(200);
        const after = await listingOf(documentId);
        expect(after).toMatchObject({ displayName: 'Dr Renamed', hidden: true, featured: true });
        expect(after.publicAnswers.specialty).toBe('cardiology');
      });

      it('when the profile is paused, then the listing is unlisted; when it is deleted, then the listing goes too', async () => {
        await app.strapi.documents(PROFILE).update({ documentId, data: { profileStatus: 'paused' } } as never);
        expect((await listingOf(documentId)).listed).toBe(false);
        await app.strapi.documents(PROFILE).delete({ documentId } as never);
        expect(await app.strapi.db.query(LISTING).count({ where: { displayName: 'Dr Renamed' } })).toBe(0);
      });

      it('when an editor makes a question private, then every listing of the program drops that answer', async () => {
        const member = await createMember(app.strapi);
        const created = await enrolled({ user: member.documentId, role: 'mentor', displayName: 'Dr Years', profileStatus: 'listed', answers: validAnswers });
        expect((await listingOf(created.documentId)).publicAnswers).toHaveProperty('yearsExperience', 12);
        const profileType = await app.strapi.db.query(PROFILE_TYPE).findOne({ where: { program: program.id, role: 'mentor' } });
        const fields = MENTOR_FIELDS.map((field) => (field.key === 'yearsExperience' ? { ...field, public: false } : field));
        await cm.update(PROFILE_TYPE, profileType.documentId, { fields }).expect(200);
        expect((await listingOf(created.documentId)).publicAnswers).not.toHaveProperty('yearsExperience');
      });
    });
  });

  describe('e-mail templates', () => {
    it('when a template does not compile, then it is refused with the line and the reason', async () => {
      const response = await cm.create(TEMPLATE, {
        key: 'request.accepted',
        subject: 'Accepted',
        text: 'Hello {{recipient.name}}\nLine two\n{{#if mentor.name}}unclosed',
        html: '<p>ok</p>',
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toContain('text');
      expect(response.body.error.message).toMatch(/line 3/i);
    });

    it('when a template uses a variable its key does not receive, then the 400 names the variable and lists the available ones', async () => {
      const response = await cm.create(TEMPLATE, { key: 'request.declined', subject: 'About {{mentee.salary}}', text: 'x', html: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('mentee.salary');
      expect(response.body.error.message).toContain('request.reason');
    });

    it('when the key is unknown, then it is refused with the known keys', async () => {
      const response = await cm.create(TEMPLATE, { key: 'birthday.greeting', subject: 'x', text: 'x', html: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('request.received');
    });

    it('when a program overrides a template, then rendering uses the override and escapes HTML in variables', async () => {
      const program = await createProgram(app.strapi);
      const response = await cm.create(TEMPLATE, {
        key: 'request.received',
        program: connect(program.documentId),
        subject: 'New request from {{request.sender}}',
        text: 'Message: {{request.message}}',
        html: '<p>{{request.message}}</p>',
      });
      expect(response.status).toBe(201);
      expect(response.body.data.variables).toContain('{{request.message}}');
      const rendered = await app.strapi.plugin('mentorship').service('email-templates').render(
        'request.received',
        { request: { sender: 'Ana <Silva>', message: '<script>alert(1)</script>' } },
        program.documentId,
      );
      expect(rendered.subject).toBe('New request from Ana <Silva>');
      expect(rendered.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
      const fallback = await app.strapi.plugin('mentorship').service('email-templates').render('request.received', { request: { sender: 'Ana' } });
      expect(fallback.templateDocumentId).not.toBe(response.body.data.documentId);
    });

    it('when the app starts, then every notification has a global default template, once', async () => {
      const keys = (await app.strapi.db.query(TEMPLATE).findMany({ where: { program: { id: { $null: true } } }, select: ['key'] })).map((row: { key: string }) => row.key);
      expect(keys).toEqual(expect.arrayContaining(['request.received', 'request.accepted', 'request.forwarded', 'request.expired', 'match.introduction', 'application.approved', 'mentorship.renewal-due']));
      expect(new Set(keys).size).toBe(keys.length);
      const again = await cm.create(TEMPLATE, { key: 'request.accepted', subject: 'x', text: 'x', html: 'x' });
      expect(errorPaths(again.body)).toContain('key');
    });
  });

  describe('Content Manager layout', () => {
    it('when an editor opens programs or profiles, then relations show names and lists show the useful columns with plain labels', async () => {
      const program = await app.http().get(`/content-manager/content-types/${PROGRAM}/configuration`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(program.body.data.contentType.settings.mainField).toBe('name');
      expect(program.body.data.contentType.layouts.list).toEqual(['name', 'style', 'programStatus', 'relationshipMonths', 'updatedAt']);
      expect(program.body.data.contentType.metadatas.programStatus.edit.label).toBe('Status');
      // rules are a form now: the help says what they do in plain words, with no JSON to write
      expect(program.body.data.contentType.metadatas.eligibilityRules.edit.description).toMatch(/question .* message/);
      expect(program.body.data.contentType.metadatas.eligibilityRules.edit.description).not.toContain('{');
      const profile = await app.http().get(`/content-manager/content-types/${PROFILE}/configuration`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(profile.body.data.contentType.settings.mainField).toBe('displayName');
    });
  });

  describe('guide content', () => {
    it('when a resource has neither a link nor a file, or a link that is not http(s), then it is refused naming url', async () => {
      const missing = await cm.create('plugin::mentorship.resource', { title: 'Nothing attached', kind: 'document', audience: 'both' });
      expect(missing.status).toBe(400);
      expect(errorPaths(missing.body)).toEqual(['url']);
      const scripted = await cm.create('plugin::mentorship.resource', { title: 'Bad link', kind: 'link', audience: 'both', url: 'javascript:alert(1)' });
      expect(errorPaths(scripted.body)).toEqual(['url']);
      const fine = await cm.create('plugin::mentorship.resource', { title: 'Guide', kind: 'link', audience: 'both', url: 'https://example.org/guide' });
      expect(fine.status).toBe(201);
    });

    it('when an FAQ entry is written in English and translated, then each locale keeps its own text and shares the audience', async () => {
      await app.strapi.plugin('i18n').service('locales').create({ code: 'es', name: 'Spanish (es)' });
      const program = await createProgram(app.strapi);
      const created = await cm.create(FAQ, { question: 'How long?', answer: 'Six months.', audience: 'mentee', order: 1, program: connect(program.documentId) });
      expect(created.status).toBe(201);
      const translated = await cm.update(FAQ, created.body.data.documentId, { question: '¿Cuánto dura?', answer: 'Seis meses.', audience: 'mentee' }, 'es');
      expect(translated.status).toBe(200);
      const spanish = await app.http().get(`/api/mentorship/programs/${program.slug}?locale=es`).expect(200);
      expect(spanish.body.data.guide.faq.map((entry: { question: string }) => entry.question)).toContain('¿Cuánto dura?');
      const english = await app.http().get(`/api/mentorship/programs/${program.slug}`).expect(200);
      expect(english.body.data.guide.faq.map((entry: { question: string }) => entry.question)).toContain('How long?');
    });
  });
});
