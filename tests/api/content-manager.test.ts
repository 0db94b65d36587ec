import { contentManager, errorPaths } from '../helpers/admin';
import { createProfile, createProgram, menteeAnswers, MENTEE_FIELDS, registerMember, startJourneyApp, type JourneyApp, type ProgramFixture } from '../helpers/journeys';
import { accessTokenFor, createAdmin, roleWith, superAdmin } from '../helpers/staff-admin';
import { ACTIONS } from '../../cms/server/src/utils/actions';

const PROGRAM = 'plugin::mentorship.program';
const PROFILE_TYPE = 'plugin::mentorship.profile-type';
const PROFILE = 'plugin::mentorship.profile';
const LISTING = 'plugin::mentorship.directory-listing';
const TEMPLATE = 'plugin::mentorship.email-template';
const FAQ = 'plugin::mentorship.faq-entry';
const RESOURCE = 'plugin::mentorship.resource';
const PAGE = 'plugin::mentorship.program-page';
const REQUEST = 'plugin::mentorship.request';
const MENTORSHIP = 'plugin::mentorship.mentorship';

const relation = (documentId: string) => ({ connect: [{ documentId, locale: null, status: null, position: { end: true } }], disconnect: [] });
const unchangedRelation = { connect: [], disconnect: [] };

/**
 * The Content Manager's own routes, with the bodies the admin sends: editors change the plugin's
 * content there and nothing else; workflow records and a role without the plugin's actions are refused.
 */
describe('the Content Manager, as editors use it', () => {
  let app: JourneyApp;
  let program: ProgramFixture;
  let editor: ReturnType<typeof contentManager>;
  let noPluginActions: ReturnType<typeof contentManager>;

  /** A role that may create, read, update and delete every field of the plugin's editor-facing types in English. */
  const contentEditorRole = async () => {
    const roleId = await roleWith(app.strapi, []);
    const permissions = [PROGRAM, PROFILE_TYPE, PROFILE, LISTING, TEMPLATE, FAQ, RESOURCE, PAGE, REQUEST, MENTORSHIP].flatMap((uid) => {
      const model = app.strapi.getModel(uid as typeof PROGRAM);
      const localized = Boolean((model.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
      const fields = Object.keys(model.attributes).filter((name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name));
      return ['create', 'read', 'update', 'delete'].map((action) => ({
        action: `plugin::content-manager.explorer.${action}`,
        subject: uid,
        properties: { ...(action === 'delete' ? {} : { fields }), ...(localized ? { locales: ['en'] } : {}) },
        conditions: [],
      }));
    });
    await app.strapi.admin.services.role.assignPermissions(roleId, permissions);
    return roleId;
  };

  /** An admin holding Strapi's default Editor role and, besides it, `roles`. */
  const adminWith = async (name: string, roles: number[]) => {
    const defaultEditor = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })) as { id: number };
    const user = (await app.strapi.admin.services.user.create({
      email: `${name.toLowerCase()}@office.example.org`,
      firstname: name,
      lastname: 'Editor',
      password: 'Editor-password-1',
      isActive: true,
      registrationToken: null,
      roles: [defaultEditor.id, ...roles],
    })) as { id: number };
    const token = await accessTokenFor(app.strapi, user.id);
    return contentManager(app, token);
  };

  beforeAll(async () => {
    app = await startJourneyApp();
    program = await createProgram(app.strapi, 'international-virtual');
    await superAdmin(app.strapi); // the first admin creates the default roles
    editor = await adminWith('Edith', [await contentEditorRole(), await roleWith(app.strapi, [ACTIONS.read, ACTIONS.managePrograms])]);
    noPluginActions = await adminWith('Plain', []);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const menteeType = async () => (await app.strapi.db.query(PROFILE_TYPE).findOne({ where: { program: { documentId: program.documentId }, role: 'mentee' } })) as { documentId: string; fields: { key: string; label: string }[] };

  describe('questions, rules and criteria as forms', () => {
    it('when an editor relabels, adds a single-choice question and reorders, then the profile type keeps it and the members\' API shows it', async () => {
      const type = await menteeType();
      const fields = type.fields.map((field) => (field.key === 'careerStage' ? { ...field, label: 'Where you are in your career' } : field));
      const reordered = [fields[1]!, fields[0]!, ...fields.slice(2)];
      reordered.push({ key: 'mentoringFormat', label: 'How would you like to meet?', kind: 'single-choice', options: [{ value: 'video', label: 'Video call' }, { value: 'phone', label: 'Phone' }, { value: 'email', label: 'E-mail' }], required: true, public: false, searchable: false, matching: false } as never);
      const saved = await editor.update(PROFILE_TYPE, type.documentId, { name: 'mentee profile', role: 'mentee', introduction: null, program: unchangedRelation, fields: reordered });
      expect(saved.status).toBe(200);

      const detail = await app.http().get(`/api/mentorship/programs/${program.slug}`).expect(200);
      const mentee = detail.body.data.profileTypes.find((item: { role: string }) => item.role === 'mentee');
      expect(mentee.fields.map((field: { key: string }) => field.key).slice(0, 2)).toEqual(['careerStage', 'interests']);
      expect(mentee.fields[0].label).toBe('Where you are in your career');
      expect(mentee.fields.at(-1)).toMatchObject({ key: 'mentoringFormat', kind: 'single-choice', options: [{ value: 'video' }, { value: 'phone' }, { value: 'email' }] });
    });

    it('when the questions arrive as a JSON string (the old JSON editor), then they are read as the list they spell', async () => {
      const type = await menteeType();
      const saved = await editor.update(PROFILE_TYPE, type.documentId, { fields: JSON.stringify(type.fields) });
      expect(saved.status).toBe(200);
      expect(Array.isArray(saved.body.data.fields)).toBe(true);
      const broken = await editor.update(PROFILE_TYPE, type.documentId, { fields: '[{"key": ' });
      expect(broken.status).toBe(400);
      expect(errorPaths(broken.body)).toEqual(['fields']);
    });

    it('when a question is broken, then the 400 names the question\'s own field and the stored questions are unchanged', async () => {
      const type = await menteeType();
      const fields = [...type.fields, { key: 'format', label: '', kind: 'single-choice', options: [], required: false, public: false, searchable: false, matching: false }];
      const refused = await editor.update(PROFILE_TYPE, type.documentId, { fields });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused.body)).toEqual(expect.arrayContaining([`fields.${fields.length - 1}.label`, `fields.${fields.length - 1}.options`]));
      expect((await menteeType()).fields).toHaveLength(type.fields.length);
    });

    it('when a rule names no question of the program or an operator that does not fit the question, then each is refused on its own field', async () => {
      const refused = await editor.update(PROGRAM, program.documentId, {
        eligibilityRules: [
          { field: 'favouriteColour', operator: 'equals', value: 'blue', message: 'Blue only.', role: 'mentee' },
          { field: 'interests', operator: 'at-least', value: 3, message: 'Three interests.', role: 'mentee' },
        ],
        matchingCriteria: [{ name: 'Interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 2, required: false, params: { mode: 'roughly' } }],
      });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused.body)).toEqual(expect.arrayContaining(['eligibilityRules.0.field', 'eligibilityRules.1.operator']));
    });

    it('when a criterion has a setting its kind does not take, then the 400 names that setting', async () => {
      const refused = await editor.update(PROGRAM, program.documentId, {
        matchingCriteria: [{ name: 'Interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 2, required: false, params: { mode: 'roughly' } }],
      });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused.body)).toEqual(['matchingCriteria.0.params.mode']);
    });

    it('when an editor adds a rule and a criterion, then a member enrolling is refused by the rule with its message', async () => {
      const current = (await editor.get(PROGRAM, program.documentId).expect(200)).body.data as { eligibilityRules: unknown[]; matchingCriteria: unknown[] };
      const saved = await editor.update(PROGRAM, program.documentId, {
        eligibilityRules: [...current.eligibilityRules, { field: 'careerStage', operator: 'not-equals', value: 'student', message: 'Students join the student cohort instead.', role: 'mentee' }],
        matchingCriteria: [...current.matchingCriteria, { name: 'Same country', kind: 'same', menteeAttribute: 'country', mentorAttribute: 'country', weight: 1, required: false }],
      });
      expect(saved.status).toBe(200);
      const member = await registerMember(app, 'Stu');
      const refused = await app.as(member).post(`/api/mentorship/programs/${program.slug}/profiles`).send({ role: 'mentee', displayName: 'Stu', answers: menteeAnswers({ careerStage: 'student', mentoringFormat: 'video' }) });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body.error)).toContain('Students join the student cohort instead.');
      const accepted = await app.as(member).post(`/api/mentorship/programs/${program.slug}/profiles`).send({ role: 'mentee', displayName: 'Stu', answers: menteeAnswers({ mentoringFormat: 'video' }) });
      expect(accepted.status).toBe(201);
    });
  });

  describe('every type an editor may edit', () => {
    it('when an editor with the plugin\'s actions writes guide content and templates through the Content Manager, then each is saved', async () => {
      // guide content is localized: the admin names the locale it edits
      const faq = await editor.create(FAQ, { question: 'How often do we meet?', answer: 'Once a month.', audience: 'both', order: 1, program: relation(program.documentId) }, 'en');
      expect(faq.status).toBe(201);
      const faqUpdate = await editor.update(FAQ, faq.body.data.documentId, { answer: 'At least once a month.' }, 'en');
      expect([faqUpdate.status, faqUpdate.body.error?.message]).toEqual([200, undefined]);
      const resource = await editor.create(RESOURCE, { title: 'Orientation', kind: 'document', url: 'https://example.org/orientation.pdf', audience: 'both', program: relation(program.documentId) }, 'en');
      expect(resource.status).toBe(201);
      const page = await editor.create(PAGE, { title: 'About', slug: 'about-virtual', body: 'Hello', audience: 'both', program: relation(program.documentId) }, 'en');
      expect(page.status).toBe(201);
      const template = await editor.create(TEMPLATE, { key: 'request.accepted', subject: 'Accepted', html: '<p>Hi {{recipient.name}}</p>', text: 'Hi {{recipient.name}}', program: relation(program.documentId) });
      expect(template.status).toBe(201);
      expect(template.body.data.variables).toContain('recipient.name');
      const created = await editor.create(PROGRAM, { name: 'Editor program', slug: 'editor-program', style: 'mentor-exchange', programStatus: 'draft', directoryVisibility: 'members' });
      expect(created.status).toBe(201);
    });

    it('when a template is broken, then the 400 is on the field and says the line and column in plain words', async () => {
      const template = (await app.strapi.db.query(TEMPLATE).findOne({ where: { key: 'request.declined', program: { id: { $null: true } } } })) as { documentId: string };
      const refused = await editor.update(TEMPLATE, template.documentId, { html: '<p>Hello {{recipient.name}}</p>\n<p>{{#if request.reason}}{{request.reason}}</p>' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['html'], message: expect.stringMatching(/^line 2, column \d+: the template ends while a block or a tag is still open/) })]);
    });

    it('when an editor previews a template being typed, then it is rendered with sample values, and a broken part says where', async () => {
      const editorAdmin = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'edith@office.example.org' } })) as { id: number };
      const auth = { Authorization: `Bearer ${await accessTokenFor(app.strapi, editorAdmin.id)}` };
      const preview = await app.http().post('/mentorship/email-templates/preview').set(auth).send({
        key: 'request.declined',
        subject: 'About your request to {{mentor.name}}',
        html: '<p>Hello {{recipient.name}}</p>\n<p>{{#if request.reason}}{{request.reason}}</p>',
        text: 'Hello {{recipient.name}}, {{mentee.salary}}',
      });
      expect(preview.status).toBe(200);
      const data = preview.body.data;
      expect(data.subject).toEqual({ output: 'About your request to Dr Amara Okafor', problem: null });
      expect(data.html.problem).toMatch(/^line 2, column \d+: the template ends while a block or a tag is still open/);
      expect(data.text.problem).toContain('"mentee.salary" is not a variable request.declined receives');
      expect(data.variables.map((variable: { name: string }) => variable.name)).toContain('request.reason');
      const escaped = await app.http().post('/mentorship/email-templates/preview').set(auth).send({ key: 'request.declined', subject: 's', html: '<b>{{request.reason}}</b>', text: 't' });
      expect(escaped.body.data.html.output).toBe('<b>My practice is full until the spring.</b>');
      expect((await app.http().post('/mentorship/email-templates/preview').set(auth).send({ key: 'request.declined' })).status).toBe(400);
    });

    it('when an editor hides and features a listing, then it is saved; its counts and re-confirmation date are refused', async () => {
      const mentor = await registerMember(app, 'Mia');
      const profile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Dr Mia' });
      const listing = (await app.strapi.db.query(LISTING).findOne({ where: { profile: { documentId: profile.documentId } } })) as Record<string, unknown> & { documentId: string };
      const asSent = { ...listing, profile: unchangedRelation, program: unchangedRelation };
      expect((await editor.update(LISTING, listing.documentId, { ...asSent, hidden: true, featured: true })).status).toBe(200);
      const counts = await editor.update(LISTING, listing.documentId, { ...asSent, hidden: true, featured: true, activeMentorships: 5 });
      expect(counts.status).toBe(403);
      expect(counts.body.error.details.fields).toEqual(['activeMentorships']);
      expect((await editor.update(LISTING, listing.documentId, { reconfirmBy: '2099-01-01' })).status).toBe(403);
      expect((await editor.create(LISTING, { displayName: 'Fake mentor', program: relation(program.documentId) })).status).toBe(403);
      expect(await app.strapi.db.query(LISTING).findOne({ where: { documentId: listing.documentId } })).toMatchObject({ hidden: true, featured: true, activeMentorships: listing.activeMentorships });

      // a profile: its own words may be corrected; its status is the review's. The admin sends the whole form back.
      const form = (await editor.get(PROFILE, profile.documentId).expect(200)).body.data as Record<string, unknown>;
      const wholeForm = { ...form, user: unchangedRelation, program: unchangedRelation, listing: unchangedRelation };
      const corrected = await editor.update(PROFILE, profile.documentId, { ...wholeForm, displayName: 'Dr Mia Kovacs' });
      expect([corrected.status, corrected.body.error?.message]).toEqual([200, undefined]);
      expect((await editor.update(PROFILE, profile.documentId, { ...wholeForm, displayName: 'Dr Mia Kovacs', reviewedAt: '2020-01-01T00:00:00.000Z' })).status).toBe(403);
      const status = await editor.update(PROFILE, profile.documentId, { displayName: 'Dr Mia Kovacs', profileStatus: 'withdrawn' });
      expect(status.status).toBe(403);
      expect(status.body.error.message).toContain('profileStatus');
      expect((await editor.create(PROFILE, { displayName: 'Walk-in', role: 'mentee', profileStatus: 'approved', program: relation(program.documentId) })).status).toBe(403);
      expect((await editor.remove(PROFILE, profile.documentId)).status).toBe(403);
    });
  });

  describe('new program from a style', () => {
    it('when an editor makes a program from the guided cohort style, then a draft with questions, rules, criteria, guide placeholders and templates is ready to edit', async () => {
      const editorAdmin = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'edith@office.example.org' } })) as { id: number };
      const auth = { Authorization: `Bearer ${await accessTokenFor(app.strapi, editorAdmin.id)}` };
      const created = await app.http().post('/mentorship/programs').set(auth).send({ name: 'Spring Cohort 2027', style: 'guided-cohort' });
      expect(created.status).toBe(201);
      expect(created.body.data.slug).toBe('spring-cohort-2027');
      const documentId = created.body.data.documentId as string;
      const program = (await editor.get(PROGRAM, documentId).expect(200)).body.data;
      expect(program).toMatchObject({ name: 'Spring Cohort 2027', style: 'guided-cohort', programStatus: 'draft', alwaysOpen: false, mentorApprovalRequired: true });
      expect(program.matchingCriteria.map((criterion: { name: string }) => criterion.name)).toContain('Same region');
      const types = await app.strapi.db.query(PROFILE_TYPE).findMany({ where: { program: { documentId } } });
      expect(types.map((type: { role: string }) => type.role).sort()).toEqual(['mentee', 'mentor']);
      expect(await app.strapi.db.query(FAQ).count({ where: { program: { documentId } } })).toBeGreaterThan(0);
      expect(await app.strapi.db.query(PAGE).count({ where: { program: { documentId } } })).toBe(1);
      expect(await app.strapi.db.query(TEMPLATE).count({ where: { program: { documentId } } })).toBeGreaterThan(5);
      // a second program of the same name gets its own address; a made-up style or an empty name is refused on its field
      expect((await app.http().post('/mentorship/programs').set(auth).send({ name: 'Spring Cohort 2027', style: 'mentor-exchange' })).body.data.slug).toBe('spring-cohort-2027-2');
      const refused = await app.http().post('/mentorship/programs').set(auth).send({ name: '', style: 'speed-dating' });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused.body)).toEqual(expect.arrayContaining(['name', 'style']));
    });

    it('when a staff member may only see programs, then making one is refused', async () => {
      const reader = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTIONS.read]), 'Reader');
      expect((await app.http().post('/mentorship/programs').set(reader.auth).send({ name: 'Not mine', style: 'mentor-exchange' })).status).toBe(403);
    });
  });

  describe('plain words', () => {
    it('when an editor opens any of the plugin\'s types, then every field has a plain label, and workflow fields are shown read-only', async () => {
      const token = (await superAdmin(app.strapi)).token;
      for (const uid of [PROGRAM, PROFILE_TYPE, PROFILE, LISTING, TEMPLATE, FAQ, RESOURCE, PAGE, REQUEST, MENTORSHIP]) {
        const configuration = await app.http().get(`/content-manager/content-types/${uid}/configuration`).set('Authorization', `Bearer ${token}`).expect(200);
        const metadatas = configuration.body.data.contentType.metadatas as Record<string, { edit: { label: string; editable?: boolean } }>;
        for (const attribute of Object.keys(app.strapi.getModel(uid as typeof PROGRAM).attributes)) {
          if (['createdBy', 'updatedBy', 'publishedAt', 'locale', 'localizations'].includes(attribute)) continue;
          // a label is words, not the attribute's camelCase name
          expect([uid, attribute, /[a-z][A-Z]/.test(metadatas[attribute]!.edit.label)]).toEqual([uid, attribute, false]);
        }
      }
      const profile = (await app.http().get(`/content-manager/content-types/${PROFILE}/configuration`).set('Authorization', `Bearer ${token}`)).body.data.contentType.metadatas;
      expect(profile.profileStatus.edit).toMatchObject({ label: 'Status', editable: false });
      expect(profile.displayName.edit.editable).not.toBe(false);
      const listing = (await app.http().get(`/content-manager/content-types/${LISTING}/configuration`).set('Authorization', `Bearer ${token}`)).body.data.contentType.metadatas;
      expect([listing.activeMentorships.edit.editable, listing.reconfirmBy.edit.editable, listing.hidden.edit.editable]).toEqual([false, false, true]);
      const template = (await app.http().get(`/content-manager/content-types/${TEMPLATE}/configuration`).set('Authorization', `Bearer ${token}`)).body.data.contentType.metadatas;
      expect(template.variables.edit.editable).toBe(false);
    });
  });

  describe("a profile's answers as a form", () => {
    /** The profile's form as the admin loads it, and the questions its answers field reads (both through the Content Manager's routes). */
    const openProfile = async (documentId: string) => {
      const form = (await editor.get(PROFILE, documentId).expect(200)).body.data as Record<string, unknown>;
      const relationRoute = await app.http().get(`/content-manager/relations/${PROFILE}/${documentId}/program`).set(editor.auth);
      expect(relationRoute.status).toBe(200);
      const programId = (relationRoute.body.results as { documentId: string }[])[0]!.documentId;
      const types = await app.http().get(`/content-manager/collection-types/${PROFILE_TYPE}`).set(editor.auth)
        .query({ page: 1, pageSize: 1, filters: { program: { documentId: { $eq: programId } }, role: { $eq: form.role } } });
      expect(types.status).toBe(200);
      const fields = (types.body.results as { fields: { key: string; required?: boolean }[] }[])[0]!.fields;
      const wholeForm: Record<string, unknown> = { ...form, user: unchangedRelation, program: unchangedRelation, listing: unchangedRelation };
      return { wholeForm, fields };
    };

    it('when the Content Manager describes a profile, then its answers are the plugin\'s answers field, not raw JSON', async () => {
      const token = (await superAdmin(app.strapi)).token;
      const described = await app.http().get('/content-manager/content-types').set('Authorization', `Bearer ${token}`).expect(200);
      const profile = (described.body.data as { uid: string; attributes: Record<string, unknown> }[]).find((type) => type.uid === PROFILE)!;
      expect(profile.attributes.answers).toMatchObject({ type: 'json', customField: 'plugin::mentorship.answers' });
    });

    it('when an editor corrects answers in the form, then they are saved as answers and the questions the form shows are the profile type\'s', async () => {
      const member = await registerMember(app, 'Ana');
      const profile = await createProfile(app.strapi, { member, program, role: 'mentee', displayName: 'Ana', answers: menteeAnswers({ mentoringFormat: 'video' }) });
      const { wholeForm, fields } = await openProfile(profile.documentId);
      expect(fields.map((field) => field.key)).toEqual(expect.arrayContaining(['interests', 'careerStage', 'country', 'mentoringFormat']));
      const answers = { ...(wholeForm.answers as Record<string, unknown>), interests: ['cardiology', 'oncology'], mentoringFormat: 'phone' };
      const saved = await editor.update(PROFILE, profile.documentId, { ...wholeForm, answers });
      expect([saved.status, saved.body.error?.message]).toEqual([200, undefined]);
      const stored = (await app.strapi.db.query(PROFILE).findOne({ where: { documentId: profile.documentId } })) as { answers: Record<string, unknown> };
      expect(stored.answers).toMatchObject({ interests: ['cardiology', 'oncology'], mentoringFormat: 'phone' });
      // the old JSON editor's string is still read as the object it spells
      const asString = await editor.update(PROFILE, profile.documentId, { ...wholeForm, answers: JSON.stringify({ ...answers, phone: '+33 1 9999999' }) });
      expect(asString.status).toBe(200);
      expect(((await app.strapi.db.query(PROFILE).findOne({ where: { documentId: profile.documentId } })) as { answers: Record<string, unknown> }).answers.phone).toBe('+33 1 9999999');
    });

    it('when answers break the questions, then the 400 names each answer on its own path and nothing is stored', async () => {
      const member = await registerMember(app, 'Bo');
      const profile = await createProfile(app.strapi, { member, program, role: 'mentee', displayName: 'Bo', answers: menteeAnswers({ mentoringFormat: 'video' }) });
      const { wholeForm } = await openProfile(profile.documentId);
      const { careerStage: _dropped, ...withoutRequired } = wholeForm.answers as Record<string, unknown>;
      const refused = await editor.update(PROFILE, profile.documentId, {
        ...wholeForm,
        answers: { ...withoutRequired, mentoringFormat: 'carrier-pigeon', trainingYear: 'last year', favouriteColour: 'blue' },
      });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused.body).sort()).toEqual(['answers.careerStage', 'answers.favouriteColour', 'answers.mentoringFormat', 'answers.trainingYear']);
      const stored = (await app.strapi.db.query(PROFILE).findOne({ where: { documentId: profile.documentId } })) as { answers: Record<string, unknown> };
      expect(stored.answers).toMatchObject({ careerStage: 'resident', mentoringFormat: 'video' });
    });

    it('when a role without the plugin\'s actions sends answers, then it is refused', async () => {
      const member = await registerMember(app, 'Cy');
      const profile = await createProfile(app.strapi, { member, program, role: 'mentee', displayName: 'Cy', answers: menteeAnswers({ mentoringFormat: 'video' }) });
      expect((await noPluginActions.update(PROFILE, profile.documentId, { answers: menteeAnswers({ mentoringFormat: 'phone' }) })).status).toBe(403);
    });
  });

  describe('no side doors', () => {
    it('when anyone, even a super admin, writes a request or a mentorship in the Content Manager, then it is refused and nothing changes', async () => {
      const root = contentManager(app, (await superAdmin(app.strapi)).token);
      const mentor = await registerMember(app, 'Max');
      const mentorProfile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Dr Max' });
      const created = await root.create(MENTORSHIP, { mentorshipStatus: 'active', program: relation(program.documentId), mentor: relation(mentorProfile.documentId) });
      expect(created.status).toBe(403);
      expect(created.body.error.message).toMatch(/Mentorship pages/);
      expect(await app.strapi.db.query(MENTORSHIP).count()).toBe(0);
      expect((await root.create(REQUEST, { kind: 'mentoring', requestStatus: 'accepted' })).status).toBe(403);
      expect((await root.get(PROGRAM, program.documentId)).status).toBe(200);
    });

    it('when a role without the plugin\'s actions uses the Content Manager, then the plugin\'s content can be neither read nor changed', async () => {
      expect((await noPluginActions.get(PROGRAM, program.documentId)).status).toBe(403);
      const update = await noPluginActions.update(PROGRAM, program.documentId, { name: 'Taken over' });
      expect(update.status).toBe(403);
      expect(update.body.error.message).toContain('Manage programs and directory listings');
      expect((await noPluginActions.create(FAQ, { question: 'Q', answer: 'A', audience: 'both' })).status).toBe(403);
      const type = await menteeType();
      expect((await noPluginActions.update(PROFILE_TYPE, type.documentId, { fields: MENTEE_FIELDS })).status).toBe(403);
      expect((await app.strapi.db.query(PROGRAM).findOne({ where: { documentId: program.documentId } })).name).not.toBe('Taken over');
    });
  });
});
