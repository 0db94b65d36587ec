import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import { generateListings } from '../../database/bench/listings';
import { createProfile, createProgram, mentorAnswers, menteeAnswers, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';

/** The directory's database index and match-score cache, kept by the writes members and staff make. */
describe('the mentor directory index', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let program: ProgramFixture;
  let mentee: Member;
  let menteeProfile: string;
  let mentor: Member;
  let mentorProfile: string;

  const search = (query: string, as: Member) => app.as(as).get(`/api/mentorship/programs/${program.slug}/directory${query}`).expect(200);
  const names = (body: DirectoryResponse) => body.data.map((listing) => listing.displayName);
  const scoreRows = async () => Number(((await app.strapi.db.connection('mentorship_directory_scores').count({ n: '*' })) as { n: number | string }[])[0]!.n);

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    app.strapi.config.set('plugin::mentorship.matcherUrl', matcher.url);
    program = await createProgram(app.strapi, 'mentor-exchange');
    mentor = await registerMember(app, 'Dr Oak');
    mentorProfile = (await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Dr Oak', answers: mentorAnswers({ expertise: ['cardiology'], canMentor: ['resident'], languages: ['de'] }), bio: 'Heart failure clinics.' })).documentId;
    await createProfile(app.strapi, { member: await registerMember(app, 'Dr Pine'), program, role: 'mentor', displayName: 'Dr Pine', answers: mentorAnswers({ expertise: ['oncology'], canMentor: ['student'], languages: ['fr'] }), bio: 'Tumour boards.' });
    mentee = await registerMember(app, 'Nora');
    menteeProfile = (await createProfile(app.strapi, { member: mentee, program, role: 'mentee', displayName: 'Nora', answers: menteeAnswers({ interests: ['cardiology'], careerStage: 'resident', languages: ['de'] }) })).documentId;
  });
  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when a mentor edits her profile, then the directory finds the new text and filters on the new answers at once', async () => {
    expect(names((await search('?q=heart', mentee)).body)).toEqual(['Dr Oak']);
    await app.as(mentor).put(`/api/mentorship/profiles/${mentorProfile}`).send({ bio: 'Sports medicine and rehabilitation.' }).expect(200);
    expect(names((await search('?q=heart', mentee)).body)).toEqual([]);
    expect(names((await search('?q=rehabilitation', mentee)).body)).toEqual(['Dr Oak']);
    await app.as(mentor).put(`/api/mentorship/profiles/${mentorProfile}`).send({ answers: mentorAnswers({ expertise: ['research'], canMentor: ['resident'], languages: ['de'] }) }).expect(200);
    const byResearch = (await search('?filters[expertise]=research&sort=relevance', mentee)).body as DirectoryResponse;
    expect(names(byResearch)).toEqual(['Dr Oak']);
    expect(byResearch.meta.facets.expertise!.values.find((value) => value.value === 'cardiology')!.count).toBe(0);
  });

  it('when a mentee changes an answer, then her match order changes; unchanged, it comes from her cached scores', async () => {
    const order = async () => {
      const body = (await search('', mentee)).body as DirectoryResponse;
      expect(body.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
      return names(body);
    };
    expect(await order()).toEqual(['Dr Oak', 'Dr Pine']);
    const cached = await scoreRows();
    expect(cached).toBe(2);
    expect(await order()).toEqual(['Dr Oak', 'Dr Pine']);
    expect(await scoreRows()).toBe(cached);

    await app.as(mentee).put(`/api/mentorship/profiles/${menteeProfile}`).send({ answers: menteeAnswers({ interests: ['oncology'], careerStage: 'student', languages: ['fr'] }) }).expect(200);
    expect(await order()).toEqual(['Dr Pine', 'Dr Oak']);
  });

  it('when a mentor leaves the directory or is deleted, then her index rows and cached scores go with her', async () => {
    await app.as(mentor).put(`/api/mentorship/profiles/${mentorProfile}`).send({ answers: mentorAnswers({ expertise: ['cardiology'], canMentor: ['resident'], languages: ['de'] }) }).expect(200);
    await app.strapi.documents('plugin::mentorship.profile').update({ documentId: mentorProfile, data: { profileStatus: 'paused' } } as never);
    expect(names((await search('?sort=name', mentee)).body)).toEqual(['Dr Pine']);
    const listing = (await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { profile: { documentId: mentorProfile } } })) as { id: number };
    await app.strapi.documents('plugin::mentorship.profile').delete({ documentId: mentorProfile });
    const left = async (table: string) => Number(((await app.strapi.db.connection(table).where({ listing_id: listing.id }).count({ n: '*' })) as { n: number | string }[])[0]!.n);
    expect(await left('mentorship_directory_text')).toBe(0);
    expect(await left('mentorship_directory_terms')).toBe(0);
    expect(await left('mentorship_directory_scores')).toBe(0);
  });

  it('when a listing of one program changes, then only that program\'s generation moves and the other programs keep what is kept for them', async () => {
    const index = app.strapi.plugin('mentorship').service('directory-index') as { generation(side: 'mentors', programId: number): Promise<string> };
    const idOf = async (documentId: string) => ((await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId } })) as { id: number }).id;
    const [busy, quiet] = [await createProgram(app.strapi, 'mentor-exchange'), await createProgram(app.strapi, 'mentor-exchange')];
    const ash = await registerMember(app, 'Dr Ash');
    const ashProfile = (await createProfile(app.strapi, { member: ash, program: busy, role: 'mentor', displayName: 'Dr Ash', answers: mentorAnswers({ expertise: ['research'], canMentor: ['student'], languages: ['en'] }) })).documentId;
    await createProfile(app.strapi, { member: await registerMember(app, 'Dr Elm'), program: quiet, role: 'mentor', displayName: 'Dr Elm', answers: mentorAnswers({ expertise: ['research'], canMentor: ['student'], languages: ['en'] }) });
    const [busyId, quietId] = [await idOf(busy.documentId), await idOf(quiet.documentId)];
    const before = { busy: await index.generation('mentors', busyId), quiet: await index.generation('mentors', quietId) };
    await app.as(ash).put(`/api/mentorship/profiles/${ashProfile}`).send({ answers: mentorAnswers({ expertise: ['leadership'], canMentor: ['resident'], languages: ['de'] }) }).expect(200);
    expect(await index.generation('mentors', busyId)).not.toBe(before.busy);
    expect(await index.generation('mentors', quietId)).toBe(before.quiet);
    // Shared with every instance through the database, not only this one's count of its own writes.
    const shared = async (programId: number) => Number(((await app.strapi.db.connection('mentorship_directory_program_state').where({ side_row: 1, program_id: programId }).first('generation')) as { generation: number | string } | undefined)?.generation ?? 0);
    const sharedBefore = await shared(busyId);
    await app.as(ash).put(`/api/mentorship/profiles/${ashProfile}`).send({ answers: mentorAnswers({ expertise: ['leadership', 'research'], canMentor: ['resident'], languages: ['de'] }) }).expect(200);
    // The shared generation moves just after the write's commit: read until it has (bounded).
    for (let reads = 0; reads < 200 && (await shared(busyId)) <= sharedBefore; reads += 1);
    expect(await shared(busyId)).toBeGreaterThan(sharedBefore);
    const found = (await app.as(mentee).get(`/api/mentorship/programs/${busy.slug}/directory?filters[expertise]=leadership&sort=relevance`).expect(200)).body as DirectoryResponse;
    expect(names(found)).toEqual(['Dr Ash']);
  });

  it('when a mentee pages a filtered directory in match order, then pages read from her kept ranking equal those the database sorts', async () => {
    const other = await createProgram(app.strapi, 'mentor-exchange');
    const otherId = ((await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId: other.documentId } })) as { id: number }).id;
    await generateListings(app.strapi, { programId: otherId, count: 120, seed: 11, namePrefix: 'Ranked' });
    const reader = await registerMember(app, 'Rana');
    await createProfile(app.strapi, { member: reader, program: other, role: 'mentee', displayName: 'Rana', answers: menteeAnswers({ interests: ['research', 'oncology'], careerStage: 'student', languages: ['en'] }) });
    const pages = async (query: string) => {
      const seen: { id: string; score: number | undefined }[] = [];
      for (let page = 1; page <= 4; page += 1) {
        const body = (await app.as(reader).get(`/api/mentorship/programs/${other.slug}/directory?${query}&pageSize=7&page=${page}`).expect(200)).body as DirectoryResponse;
        expect(body.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
        seen.push(...body.data.map((listing) => ({ id: listing.documentId, score: listing.match?.score })));
      }
      return seen;
    };
    const narrow = 'filters[expertise]=research&availability=available';
    // Before her scores are complete for the whole program, the database sorts each filtered page.
    const sorted = await pages(narrow);
    expect(sorted.length).toBeGreaterThan(7);
    const scores = sorted.map((entry) => entry.score ?? -1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Once the whole program is scored for her, the same pages come from the ranking kept in memory.
    await pages('');
    expect(await pages(narrow)).toEqual(sorted);
    expect(await pages('filters[canMentor]=student')).toEqual(await pages('filters[canMentor]=student&sort=match'));
  });

  it('when listings are bulk-inserted past the query engine, then reindexing them (or a boot that finds the index short) makes them searchable', async () => {
    const other = await createProgram(app.strapi, 'mentor-exchange');
    const otherId = ((await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId: other.documentId } })) as { id: number }).id;
    // More listings than SQLite takes in one multi-row insert (500), so the index writes in chunks.
    const ids = await generateListings(app.strapi, { programId: otherId, count: 600, seed: 7, namePrefix: 'Generated' });
    expect(ids).toHaveLength(600);
    const listed = (await app.as(mentee).get(`/api/mentorship/programs/${other.slug}/directory?sort=name&pageSize=50`).expect(200)).body as DirectoryResponse;
    expect(listed.meta.total).toBe(600);
    expect(listed.data.every((listing) => listing.displayName.startsWith('Generated'))).toBe(true);

    // An index that lost rows (listings written by raw SQL) is rebuilt when the app starts (ensure runs in bootstrap).
    const indexed = async () => Number(((await app.strapi.db.connection('mentorship_directory_text').whereIn('listing_id', ids).count({ n: '*' })) as { n: number | string }[])[0]!.n);
    await app.strapi.db.connection('mentorship_directory_text').whereIn('listing_id', ids.slice(0, 10)).delete();
    expect(await indexed()).toBe(590);
    await app.strapi.plugin('mentorship').service('directory-index').ensure();
    expect(await indexed()).toBe(600);
    expect(((await app.as(mentee).get(`/api/mentorship/programs/${other.slug}/directory?q=generated`).expect(200)).body as DirectoryResponse).meta.total).toBe(600);
  });
});
