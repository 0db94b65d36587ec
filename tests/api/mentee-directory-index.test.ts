import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import { generateMentees } from '../../database/bench/mentees';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';

/** Mentee questions of a program where mentors approach: some public and searchable, some private. */
const MENTEE_FIELDS = [
  { key: 'interests', label: 'Interests', kind: 'multiple-choice', options: [{ value: 'oncology', label: 'Oncology' }, { value: 'research', label: 'Clinical research' }, { value: 'leadership', label: 'Leadership' }], required: true, public: true, searchable: true, matching: true },
  { key: 'region', label: 'Region', kind: 'region', required: true, public: true, searchable: true },
  { key: 'goals', label: 'What I hope for', kind: 'long-text', public: true },
  { key: 'phone', label: 'Phone number', kind: 'text' },
];

/** The mentee directory's database index, kept by the writes mentees, mentors and staff make. */
describe('the mentee directory index', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let program: ProgramFixture;
  let programId: number;
  let typeDocumentId: string;
  let mentor: Member;
  let mentorProfile: string;
  let generated: number[] = [];
  const mentees: Record<string, { member: Member; documentId: string }> = {};

  const list = async (query = ''): Promise<DirectoryResponse> => (await app.as(mentor).get(`/api/mentorship/programs/${program.slug}/mentees${query}`).expect(200)).body as DirectoryResponse;
  const names = (body: DirectoryResponse) => body.data.map((entry) => entry.displayName);
  const setFields = (fields: unknown) => app.strapi.documents('plugin::mentorship.profile-type').update({ documentId: typeDocumentId, data: { fields } } as never);

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    app.strapi.config.set('plugin::mentorship.matcherUrl', matcher.url);
    program = await createProgram(app.strapi, 'open-directory', {
      matchingCriteria: [{ name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 5 }],
    });
    programId = ((await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId: program.documentId } })) as { id: number }).id;
    typeDocumentId = ((await app.strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: programId, role: 'mentee' } })) as { documentId: string }).documentId;
    await setFields(MENTEE_FIELDS);
    mentor = await registerMember(app, 'Dr Index');
    mentorProfile = (await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Dr Index' })).documentId;
    const people: [string, Record<string, unknown>][] = [
      ['Ana', { interests: ['oncology', 'research'], region: 'europe', goals: 'Learn trial design in oncology', phone: '+34 600 000 001' }],
      ['Ben', { interests: ['leadership'], region: 'east-asia', goals: 'Lead a lab team', phone: '+81 3 0000 0002' }],
      ['Cleo', { interests: ['oncology'], region: 'africa', goals: 'Move into oncology', phone: '+27 21 000 0003' }],
      ['Dina', { interests: ['research', 'leadership'], region: 'europe', goals: 'Run a registry study', phone: '+49 30 000 0004' }],
    ];
    for (const [name, answers] of people) {
      const member = await registerMember(app, `Index ${name}`);
      const profile = await createProfile(app.strapi, { member, program, role: 'mentee', displayName: name, answers: answers as never });
      mentees[name] = { member, documentId: profile.documentId };
    }
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when a mentee edits a public answer, then mentors find her by the new word and filter on the new answer, and no longer by the old ones', async () => {
    expect(names(await list('?q=trial'))).toEqual(['Ana']);
    const ana = mentees.Ana!;
    await app
      .as(ana.member)
      .put(`/api/mentorship/profiles/${ana.documentId}`)
      .send({ answers: { interests: ['leadership'], region: 'europe', goals: 'Grow into pharmacovigilance', phone: '+34 600 000 001' } })
      .expect(200);
    expect(names(await list('?q=trial'))).toEqual([]);
    expect(names(await list('?q=pharmacovigilance'))).toEqual(['Ana']);
    const leaders = await list('?filters[interests]=leadership&sort=name');
    expect(names(leaders)).toEqual(['Ana', 'Ben', 'Dina']);
    const oncology = await list('?filters[interests]=oncology&sort=name');
    expect(names(oncology)).toEqual(['Cleo']);
    expect(Object.fromEntries(oncology.meta.facets.interests!.values.map((value) => [value.value, value.count]))).toEqual({ oncology: 1, research: 1, leadership: 3 });
  });

  it('when a mentee accepts a mentor, then she shows as full and leaves availability=available; when the mentorship ends, she is available again', async () => {
    const ben = mentees.Ben!;
    const sent = await app.as(mentor).post(`/api/mentorship/programs/${program.slug}/requests`).send({ to: ben.documentId, message: 'Shall we work on your lab team?' }).expect(201);
    await app.as(ben.member).post(`/api/mentorship/requests/${sent.body.data.documentId}/accept`).send({}).expect(200);

    const everyone = await list('?sort=name');
    expect(everyone.data.find((entry) => entry.displayName === 'Ben')).toMatchObject({ availability: 'full', placesLeft: 0 });
    expect(everyone.data.filter((entry) => entry.displayName !== 'Ben').every((entry) => entry.availability === 'available' && entry.placesLeft === 1)).toBe(true);
    const available = await list('?availability=available&sort=name');
    expect(names(available)).toEqual(['Ana', 'Cleo', 'Dina']);
    expect(available.meta.total).toBe(3);
    expect(available.meta.facets.availability!.values).toEqual([
      { value: 'available', label: 'Taking mentees now', count: 3 },
      { value: 'any', label: 'Everyone', count: 4 },
    ]);
    const page = (await app.as(mentor).get(`/api/mentorship/programs/${program.slug}/mentees/${ben.documentId}`).expect(200)).body.data;
    expect(page).toMatchObject({ displayName: 'Ben', availability: 'full', placesLeft: 0 });

    // Staff end it in the Content Manager (a document-service update): Ben takes mentors again.
    const mentorship = (await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { mentee: { documentId: ben.documentId } } })) as { documentId: string };
    await app.strapi.documents('plugin::mentorship.mentorship').update({ documentId: mentorship.documentId, data: { mentorshipStatus: 'ended' } } as never);
    expect(names(await list('?availability=available&sort=name'))).toEqual(['Ana', 'Ben', 'Cleo', 'Dina']);
  });

  it('when staff pair mentees in bulk (as a run\'s approval does, past the query engine), then they show as full', async () => {
    const mentorships = app.service<{ createMany: (pairs: unknown[], common: unknown) => Promise<unknown[]> }>('mentorships');
    await mentorships.createMany([{ mentorProfileDocumentId: mentorProfile, menteeProfileDocumentId: mentees.Ana!.documentId }], { programDocumentId: program.documentId, source: 'staff' });
    expect(names(await list('?availability=available&sort=name'))).toEqual(['Ben', 'Cleo', 'Dina']);
    expect((await list('?sort=name')).data.find((entry) => entry.displayName === 'Ana')).toMatchObject({ availability: 'full', placesLeft: 0 });
  });

  it('when the program makes an answer private, then no mentor finds a mentee by it or sees it; made public again, it is back', async () => {
    expect(names(await list('?q=registry'))).toEqual(['Dina']);
    await setFields(MENTEE_FIELDS.map((field) => (field.key === 'goals' ? { ...field, public: false } : field)));
    expect(names(await list('?q=registry'))).toEqual([]);
    const everyone = await list('?sort=name');
    expect(everyone.data.every((entry) => !('goals' in entry.answers))).toBe(true);
    expect(JSON.stringify(everyone)).not.toMatch(/registry|pharmacovigilance|\+49|\+34/);
    const dina = (await app.as(mentor).get(`/api/mentorship/programs/${program.slug}/mentees/${mentees.Dina!.documentId}`).expect(200)).body.data;
    expect(dina.answers).toEqual({ interests: ['research', 'leadership'], region: 'europe' });

    await setFields(MENTEE_FIELDS);
    expect(names(await list('?q=registry'))).toEqual(['Dina']);
  });

  it('when a mentee is withdrawn or rejected, then she leaves the directory, its counts and her page', async () => {
    await app.strapi.documents('plugin::mentorship.profile').update({ documentId: mentees.Cleo!.documentId, data: { profileStatus: 'withdrawn' } } as never);
    await app.strapi.db.query('plugin::mentorship.profile').updateMany({ where: { documentId: mentees.Dina!.documentId }, data: { profileStatus: 'rejected' } });
    const left = await list('?sort=name');
    expect(names(left)).toEqual(['Ana', 'Ben']);
    expect(left.meta.total).toBe(2);
    expect(left.meta.facets.availability!.values.find((value) => value.value === 'any')!.count).toBe(2);
    expect(left.meta.facets.region!.values.find((value) => value.value === 'africa')!.count).toBe(0);
    await app.as(mentor).get(`/api/mentorship/programs/${program.slug}/mentees/${mentees.Cleo!.documentId}`).expect(404);
    await app.as(mentor).get(`/api/mentorship/programs/${program.slug}/mentees/${mentees.Dina!.documentId}`).expect(404);
    expect(names(await list('?q=registry'))).toEqual([]);
  });

  it('when a few hundred mentees are generated in bulk, then facet counts and totals agree with the listed results, and every page lists each mentee once', async () => {
    const ids = await generateMentees(app.strapi, { programId, count: 300, seed: 11, namePrefix: 'Generated' });
    generated = ids;
    expect(ids).toHaveLength(300);
    const total = 302;

    // Every mentee, page by page (100 at most a page), and the same order in pages of 40.
    const walk = async (query: string, pageSize: number) => {
      const seen: DirectoryResponse['data'] = [];
      for (let page = 1; ; page += 1) {
        const body = await list(`?${query}&pageSize=${pageSize}&page=${page}`);
        expect(body.meta.pageCount).toBe(Math.ceil(body.meta.total / pageSize));
        seen.push(...body.data);
        if (page >= body.meta.pageCount) return { seen, meta: body.meta };
      }
    };
    const byHundred = await walk('sort=name', 100);
    expect(byHundred.meta.total).toBe(total);
    expect(new Set(byHundred.seen.map((entry) => entry.documentId)).size).toBe(total);
    const byForty = await walk('sort=name', 40);
    expect(byForty.seen.map((entry) => entry.documentId)).toEqual(byHundred.seen.map((entry) => entry.documentId));
    // Private answers of the generated mentees never show.
    expect(byHundred.seen.every((entry) => !('phone' in entry.answers))).toBe(true);

    // Each facet value counts the listed mentees who have it; availability counts agree with the list.
    for (const query of ['sort=name', 'sort=name&q=oncology', 'sort=name&availability=available&q=a']) {
      const { seen, meta } = await walk(query, 100);
      expect(seen).toHaveLength(meta.total);
      for (const key of ['interests', 'region']) {
        const counted = new Map<string, number>();
        for (const entry of seen) for (const value of [entry.answers[key]].flat()) counted.set(String(value), (counted.get(String(value)) ?? 0) + 1);
        for (const value of meta.facets[key]!.values) expect([key, value.value, value.count]).toEqual([key, value.value, counted.get(value.value) ?? 0]);
      }
      const availability = Object.fromEntries(meta.facets.availability!.values.map((value) => [value.value, value.count]));
      if (query.includes('availability=available')) expect(availability.available).toBe(meta.total);
      else expect(availability).toEqual({ available: seen.filter((entry) => entry.placesLeft > 0).length, any: meta.total });
    }
    const filtered = await walk('sort=name&filters[interests]=research&filters[region]=europe,africa', 100);
    expect(filtered.seen.every((entry) => (entry.answers.interests as string[]).includes('research') && ['europe', 'africa'].includes(entry.answers.region as string))).toBe(true);
    expect(filtered.seen.length).toBe(filtered.meta.total);

    // An index that lost rows (mentees written by raw SQL) is rebuilt when the app starts (ensure runs in bootstrap).
    const indexed = async () => Number(((await app.strapi.db.connection('mentorship_mentee_directory_text').whereIn('profile_id', ids).count({ n: '*' })) as { n: number | string }[])[0]!.n);
    await app.strapi.db.connection('mentorship_mentee_directory_text').whereIn('profile_id', ids.slice(0, 10)).delete();
    expect(await indexed()).toBe(290);
    await app.strapi.plugin('mentorship').service('directory-index').ensure();
    expect(await indexed()).toBe(300);
  });

  it('when a mentor sorts by match, then the scores are cached per mentor and mentee and the order follows them', async () => {
    const scoreRows = async () => Number(((await app.strapi.db.connection('mentorship_mentee_directory_scores').whereIn('mentee_profile_id', generated).count({ n: '*' })) as { n: number | string }[])[0]!.n);
    const first = await list('?q=generated');
    expect(first.meta).toMatchObject({ sort: 'match', matcher: 'ok', total: 300 });
    const scores = first.data.map((entry) => entry.match!.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(await scoreRows()).toBe(300);
    const again = await list('?q=generated');
    expect(names(again)).toEqual(names(first));
    expect(await scoreRows()).toBe(300);
  });
});
