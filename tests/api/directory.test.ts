import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import type { Answers } from '../../cms/shared/profile-fields';
import { createProfile, createProgram, mentorAnswers, menteeAnswers, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, startSilentServer, type RunningMatcher } from '../helpers/matcher';
import { createMember, createProgram as createCohort } from '../helpers/cohort';

describe('the mentor directory', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let exchange: ProgramFixture;
  let openProgram: ProgramFixture;
  let visitor: Member;
  let mentee: Member;
  const mentorEmails: string[] = [];

  const search = (query: string, as: Member | null = visitor) => {
    const url = `/api/mentorship/programs/${exchange.slug}/directory${query}`;
    return as ? app.as(as).get(url) : app.http().get(url);
  };
  const names = (body: DirectoryResponse) => body.data.map((listing) => listing.displayName);
  const useMatcher = (url: string) => app.strapi.config.set('plugin::mentorship.matcherUrl', url);

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    exchange = await createProgram(app.strapi, 'mentor-exchange');
    openProgram = await createProgram(app.strapi, 'mentor-exchange', { directoryVisibility: 'public' });
    const mentors: [string, Answers, Record<string, unknown>][] = [
      ['Dr Alder', mentorAnswers({ expertise: ['cardiology', 'research'], canMentor: ['resident'], languages: ['en'], country: 'DE' }), { bio: 'Interventional cardiology and clinical trials.' }],
      ['Dr Birch', mentorAnswers({ expertise: ['oncology'], canMentor: ['student', 'resident'], languages: ['fr', 'en'], country: 'FR' }), { bio: 'Breast oncology, teaching.' }],
      ['Dr Cedar', mentorAnswers({ expertise: ['pharmacy'], canMentor: ['early-career'], languages: ['de'], country: 'AT' }), { careerPath: 'Hospital pharmacy director' }],
      ['Dr Dogwood', mentorAnswers({ expertise: ['oncology', 'research'], canMentor: ['resident'], languages: ['fr'], country: 'BE' }), { bio: 'Oncology research, trials in oncology.' }],
      ['Dr Elm', mentorAnswers({ expertise: ['leadership'], canMentor: ['mid-career'], languages: ['en'], country: 'IE' }), { profileStatus: 'paused' }],
    ];
    for (const [name, answers, extra] of mentors) {
      const member = await registerMember(app, name);
      mentorEmails.push(member.email);
      await createProfile(app.strapi, { member, program: exchange, role: 'mentor', displayName: name, answers, ...extra });
    }
    await createProfile(app.strapi, { member: await registerMember(app, 'Dr Public'), program: openProgram, role: 'mentor', displayName: 'Dr Public' });
    // Cedar has no place left; an editor features Dogwood.
    await app.strapi.db.query('plugin::mentorship.directory-listing').updateMany({ where: { displayName: 'Dr Cedar' }, data: { availability: 'full' } });
    await app.strapi.db.query('plugin::mentorship.directory-listing').updateMany({ where: { displayName: 'Dr Dogwood' }, data: { featured: true } });
    visitor = await registerMember(app, 'Visitor');
    mentee = await registerMember(app, 'Mia');
    await createProfile(app.strapi, { member: mentee, program: exchange, role: 'mentee', displayName: 'Mia', answers: menteeAnswers({ interests: ['oncology', 'research'], careerStage: 'resident', languages: ['fr'] }) });
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when an anonymous visitor opens a members-only directory, then it is 401; a public one answers', async () => {
    await search('', null).expect(401);
    const open = await app.http().get(`/api/mentorship/programs/${openProgram.slug}/directory`).expect(200);
    expect(names(open.body)).toEqual(['Dr Public']);
  });

  it('when a member lists the directory, then listed mentors show with public fields only and never contact details', async () => {
    const body = (await search('?sort=name').expect(200)).body as DirectoryResponse;
    expect(names(body)).toEqual(['Dr Alder', 'Dr Birch', 'Dr Cedar', 'Dr Dogwood']);
    expect(body.meta).toMatchObject({ total: 4, page: 1, pageSize: 20, pageCount: 1, sort: 'name', matcher: 'not-used' });
    expect(Object.keys(body.data[0]!.answers).sort()).toEqual(['canMentor', 'country', 'expertise', 'languages', 'yearsExperience']);
    const text = JSON.stringify(body);
    for (const email of mentorEmails) expect(text).not.toContain(email);
    expect(text).not.toMatch(/phone|\+49/);

    const one = (await app.as(visitor).get(`/api/mentorship/programs/${exchange.slug}/directory/${body.data[1]!.documentId}`).expect(200)).body.data;
    expect(one).toMatchObject({ displayName: 'Dr Birch', bio: 'Breast oncology, teaching.', placesLeft: 1, answers: { expertise: ['oncology'] } });
    expect(JSON.stringify(one)).not.toMatch(/phone|@/);
    // Another program's mentor is not found through this one.
    const elsewhere = await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { displayName: 'Dr Public' } });
    await app.as(visitor).get(`/api/mentorship/programs/${exchange.slug}/directory/${elsewhere.documentId}`).expect(404);
  });

  it('when a member searches text, then matches are ranked by relevance', async () => {
    const body = (await search('?q=oncology').expect(200)).body as DirectoryResponse;
    expect(names(body)).toEqual(['Dr Dogwood', 'Dr Birch']);
    expect(body.data[0]!.relevance).toBeGreaterThan(body.data[1]!.relevance!);
    expect(names((await search('?q=oncology%20teaching').expect(200)).body)).toEqual(['Dr Birch']);
    expect(names((await search('?q=pharmacy%20director').expect(200)).body)).toEqual(['Dr Cedar']);
  });

  it('when a member filters on searchable fields, then facets count each option under the other filters', async () => {
    const body = (await search('?filters[expertise]=oncology&filters[canMentor]=resident').expect(200)).body as DirectoryResponse;
    expect(names(body).sort()).toEqual(['Dr Birch', 'Dr Dogwood']);
    const expertise = Object.fromEntries(body.meta.facets.expertise!.values.map((value) => [value.value, value.count]));
    expect(expertise).toEqual({ cardiology: 1, oncology: 2, pharmacy: 0, research: 2, leadership: 0 });
    const canMentor = Object.fromEntries(body.meta.facets.canMentor!.values.map((value) => [value.value, value.count]));
    expect(canMentor).toEqual({ student: 1, resident: 2, 'early-career': 0, 'mid-career': 0 });
    expect(body.meta.facets.canMentor!.label).toBe('Who I can mentor');
    expect(body.meta.facets.expertise!.values.find((value) => value.value === 'pharmacy')!.label).toBe('Hospital pharmacy');
    const either = (await search('?filters[expertise]=pharmacy,cardiology').expect(200)).body as DirectoryResponse;
    expect(names(either).sort()).toEqual(['Dr Alder', 'Dr Cedar']);
  });

  it('when a member asks for available mentors and pages, then full mentors drop out and pages split the rest', async () => {
    const available = (await search('?availability=available&sort=name').expect(200)).body as DirectoryResponse;
    expect(names(available)).toEqual(['Dr Alder', 'Dr Birch', 'Dr Dogwood']);
    expect(available.meta.facets.availability!.values).toEqual([
      { value: 'available', label: 'Taking mentees now', count: 3 },
      { value: 'any', label: 'Everyone', count: 4 },
    ]);
    const page = (await search('?sort=name&pageSize=3&page=2').expect(200)).body as DirectoryResponse;
    expect(names(page)).toEqual(['Dr Dogwood']);
    expect(page.meta).toMatchObject({ total: 4, pageCount: 2, page: 2 });
  });

  it('when a member reads an entry, then its id is the mentor\'s profile id (the one requests take) and each answer carries its label', async () => {
    const body = (await search('?sort=name').expect(200)).body as DirectoryResponse;
    const birch = body.data.find((listing) => listing.displayName === 'Dr Birch')!;
    const profile = await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { displayName: 'Dr Birch' } });
    expect(birch.documentId).toBe(profile.documentId);
    expect(birch.profileDocumentId).toBe(profile.documentId);
    expect(birch.labels).toEqual({ expertise: ['Oncology'], canMentor: ['Students', 'Residents'], country: 'France', languages: ['French', 'English'], yearsExperience: '15' });
    const one = (await app.as(visitor).get(`/api/mentorship/programs/${exchange.slug}/directory/${birch.documentId}`).expect(200)).body.data;
    expect(one).toMatchObject({ documentId: profile.documentId, labels: { expertise: ['Oncology'] } });
    // The listing's own row id is not a way in.
    const listingRow = await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { displayName: 'Dr Birch' } });
    await app.as(visitor).get(`/api/mentorship/programs/${exchange.slug}/directory/${listingRow.documentId}`).expect(404);
    // The same id names the mentor in a request.
    const asked = await app.as(mentee).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: birch.documentId, message: 'May I ask you about oncology?' }).expect(201);
    expect(asked.body.data.addressee.documentId).toBe(birch.documentId);
    await app.as(mentee).post(`/api/mentorship/requests/${asked.body.data.documentId}/withdraw`).send({}).expect(200);
  });

  it('when a filter names a value no option has, then the 400 names the filter and the value', async () => {
    const option = await search('?filters[expertise]=astrology').expect(400);
    expect(option.body.error.message).toMatch(/^filters\.expertise: "astrology" is not an option of Areas of expertise/);
    expect(option.body.error.details.errors[0].path).toEqual(['filters', 'expertise']);
    expect((await search('?filters[country]=Germany').expect(400)).body.error.message).toMatch(/^filters\.country: "Germany" is not an ISO 3166/);
    expect((await search('?filters[languages]=english').expect(400)).body.error.message).toMatch(/^filters\.languages: "english" is not an ISO 639/);
    // A known value nobody has is an empty page, not an error.
    expect(((await search('?filters[expertise]=leadership').expect(200)).body as DirectoryResponse).meta.total).toBe(0);
  });

  it('when the query is wrong, then the 400 names the parameter', async () => {
    expect((await search('?filters[shoeSize]=44').expect(400)).body.error.message).toMatch(/^filters\.shoeSize: not a searchable field/);
    expect((await search('?filters[yearsExperience]=4').expect(400)).body.error.message).toMatch(/^filters\.yearsExperience/);
    expect((await search('?pageSize=500').expect(400)).body.error.message).toMatch(/^query\.pageSize/);
    expect((await search('?sort=random').expect(400)).body.error.message).toMatch(/^query\.sort/);
    expect((await search('?color=red').expect(400)).body.error.message).toMatch(/color/);
  });

  it('when a signed-in mentee opens the directory, then mentors come sorted by the matcher\'s score with the top reasons', async () => {
    useMatcher(matcher.url);
    const body = (await search('', mentee).expect(200)).body as DirectoryResponse;
    expect(body.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
    expect(names(body)[0]).toBe('Dr Dogwood');
    const scores = body.data.map((listing) => listing.match!.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(scores[scores.length - 1]!);
    expect(body.data[0]!.match!.reasons.map((reason) => reason.criterion)).toEqual(['Shared interests', 'Mentors this career stage', 'Common language']);
    // A visitor without a mentee profile has nothing to be matched on: relevance.
    expect(((await search('').expect(200)).body as DirectoryResponse).meta).toMatchObject({ sort: 'relevance', matcher: 'not-used' });
  });

  it('when the matcher is down or hangs, then the directory still answers, sorted by relevance, and says so', async () => {
    useMatcher('http://127.0.0.1:9');
    const down = (await search('?q=oncology', mentee).expect(200)).body as DirectoryResponse;
    expect(down.meta).toMatchObject({ sort: 'relevance', matcher: 'unavailable' });
    expect(names(down)).toEqual(['Dr Dogwood', 'Dr Birch']);

    const silent = await startSilentServer();
    try {
      useMatcher(silent.url);
      const started = Date.now();
      const slow = (await search('', mentee).expect(200)).body as DirectoryResponse;
      expect(Date.now() - started).toBeLessThan(6000);
      expect(slow.meta).toMatchObject({ sort: 'relevance', matcher: 'unavailable' });
      expect(slow.data).toHaveLength(4);
    } finally {
      useMatcher(matcher.url);
      await silent.stop();
    }
  });

  describe('in a guided cohort whose language rule reads a private mentor answer', () => {
    it('when a mentee changes her own answer to guess a mentor\'s private answer, then that mentor\'s score, eligibility and place do not move', async () => {
      useMatcher(matcher.url);
      // As in the demo cohort: "Language" is a required criterion on the mentors' private languages.
      const cohort = await createCohort(app.strapi);
      const mentors = [
        await createMember(app.strapi, cohort, 'mentor', { name: 'Hidden Swahili', status: 'listed', answers: { languages: ['sw'], background: 'community', interests: ['teaching'] } }),
        await createMember(app.strapi, cohort, 'mentor', { name: 'Hidden English', status: 'listed', answers: { languages: ['en'], background: 'hospital', interests: ['oncology'] } }),
        await createMember(app.strapi, cohort, 'mentor', { name: 'Hidden German', status: 'listed', answers: { languages: ['de'], background: 'research', interests: ['leadership'] } }),
      ];
      const zoe = await registerMember(app, 'Zoe');
      const created = await app.as(zoe).post(`/api/mentorship/programs/${cohort.slug}/profiles`)
        .send({ role: 'mentee', displayName: 'Zoe', answers: { studentMember: 'yes', background: 'hospital', region: 'europe', interests: ['oncology'], languages: ['en'] } })
        .expect(201);
      await app.strapi.db.query('plugin::mentorship.profile').update({ where: { documentId: created.body.data.documentId }, data: { profileStatus: 'approved' } });

      const seen = async () => {
        const body = (await app.as(zoe).get(`/api/mentorship/programs/${cohort.slug}/directory`).expect(200)).body as DirectoryResponse;
        expect(body.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
        return body.data.map((entry) => ({ id: entry.documentId, name: entry.displayName, match: entry.match }));
      };
      const before = await seen();
      expect(before.map((entry) => entry.name)).toHaveLength(3);
      // Nothing about languages reaches her: not in the entries, not among the reasons.
      expect(JSON.stringify(before)).not.toMatch(/Language|"sw"|"de"/);
      for (const guess of [['sw'], ['de'], ['sw', 'de', 'en'], ['fr']]) {
        await app.as(zoe).put(`/api/mentorship/profiles/${created.body.data.documentId}`).send({ answers: { studentMember: 'yes', background: 'hospital', region: 'europe', interests: ['oncology'], languages: guess } }).expect(200);
        expect(await seen()).toEqual(before);
      }
      // A public answer still counts: the mentor who shares her background and interests leads.
      expect(before[0]!.id).toBe(mentors[1]!.profileDocumentId);
      expect(before.every((entry) => entry.match?.eligible === true)).toBe(true);

      // Staff matching keeps the private rule: the run's pool carries the private answers it needs.
      const pool = (await app.strapi.plugin('mentorship').service('runs').pool(cohort.documentId)) as { criteria: { name: string }[]; mentors: { id: string; attributes: Record<string, unknown> }[] };
      expect(pool.criteria.map((criterion) => criterion.name)).toContain('Language');
      expect(pool.mentors.find((mentor) => mentor.id === mentors[0]!.profileDocumentId)!.attributes.languages).toEqual(['sw']);
    });
  });
});
