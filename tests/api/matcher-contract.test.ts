import type { DirectoryResponse } from '../../cms/shared/contracts/members';
import type { ScoresRequestBody, ScoresResponse } from '../../matcher/src/contract';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';
import { startStubMatcher, type StubMatcher } from '../helpers/stub-matcher';

/**
 * The directory's match sort reads `POST /v1/scores` through the matcher's own response schema:
 * an answer in the contract's shape ranks mentors; one that drifts from it is refused (the
 * directory falls back to relevance and says the matcher is unavailable) instead of being read
 * as scores of 0.
 */
describe('the directory and the matcher\'s wire contract', () => {
  let app: JourneyApp;
  let stub: StubMatcher;
  let program: ProgramFixture;
  let mia: Member;
  const mentorNames = new Map<string, string>();

  const directory = (as: Member = mia) => app.as(as).get(`/api/mentorship/programs/${program.slug}/directory?sort=match`).expect(200);

  beforeAll(async () => {
    stub = await startStubMatcher();
    app = await startJourneyApp();
    app.strapi.config.set('plugin::mentorship.matcherUrl', stub.url);
    program = await createProgram(app.strapi, 'mentor-exchange');
    for (const name of ['Dr Aspen', 'Dr Beech', 'Dr Cherry']) {
      const profile = await createProfile(app.strapi, { member: await registerMember(app, name), program, role: 'mentor', displayName: name });
      mentorNames.set(profile.documentId, name);
    }
    mia = await registerMember(app, 'Mia');
    await createProfile(app.strapi, { member: mia, program, role: 'mentee', displayName: 'Mia' });
  });
  afterAll(async () => {
    await app?.stop();
    await stub?.stop();
  });

  /** The stub answers in the contract's shape with these scores by mentor name. */
  const scoring = (byName: Record<string, number>) =>
    stub.reply((_path, body) => {
      const request = body as ScoresRequestBody;
      const scoreOf = (id: string) => byName[mentorNames.get(id) ?? ''] ?? 0;
      const answer: ScoresResponse = {
        mentees: request.mentees.map((mentee) => ({
          menteeId: mentee.id,
          assigned: null,
          eligibleMentors: request.mentors.length,
          candidates: request.mentors
            .map((mentor) => ({ mentorId: mentor.id, score: scoreOf(mentor.id), eligible: true, rank: null, failed: [], scoreDifference: null, breakdown: [] }))
            .sort((a, b) => b.score - a.score),
        })),
        stats: { mentees: request.mentees.length, mentors: request.mentors.length, engineVersion: '0.1.0', ms: { validate: 0, queue: 0, score: 0, total: 0 } },
        inputHash: 'stub',
      };
      return { status: 200, body: answer };
    });
  const shown = (body: DirectoryResponse) => body.data.map((listing) => [listing.displayName, listing.match?.score]);

  it('when the matcher answers in the contract\'s shape, then mentors come in its order with its scores', async () => {
    // Scores by name, last letter first: Cherry 0.9, Beech 0.6, Aspen 0.3.
    scoring({ 'Dr Aspen': 0.3, 'Dr Beech': 0.6, 'Dr Cherry': 0.9 });
    const body = (await directory()).body as DirectoryResponse;
    expect(body.meta).toMatchObject({ sort: 'match', matcher: 'ok' });
    expect(body.data.map((listing) => [listing.displayName, listing.match?.score])).toEqual([
      ['Dr Cherry', 0.9],
      ['Dr Beech', 0.6],
      ['Dr Aspen', 0.3],
    ]);
    // The request followed the contract too: criteria carry their ids, mentors their places.
    const sent = stub.requests.at(-1)!;
    expect(sent.path).toBe('/v1/scores');
    expect((sent.body as ScoresRequestBody).criteria.map((criterion) => criterion.id)).toEqual(['Shared interests', 'Mentors this career stage', 'Common language']);
    expect((sent.body as ScoresRequestBody).mentors.every((mentor) => mentor.capacity === 1)).toBe(true);
  });

  it('when the answer drifts from the contract (other names for the same things), then the directory says the matcher is unavailable instead of showing scores of 0', async () => {
    stub.reply((_path, body) => {
      const request = body as ScoresRequestBody;
      return {
        status: 200,
        body: { results: request.mentees.map((mentee) => ({ id: mentee.id, mentors: request.mentors.map((mentor) => ({ id: mentor.id, score: 0.5 })) })) },
      };
    });
    // A mentee with no kept scores needs the matcher now: its answer is refused, not read as zeros.
    const noor = await registerMember(app, 'Noor');
    await createProfile(app.strapi, { member: noor, program, role: 'mentee', displayName: 'Noor' });
    const body = (await directory(noor)).body as DirectoryResponse;
    expect(body.meta).toMatchObject({ sort: 'relevance', matcher: 'unavailable' });
    expect(body.data).toHaveLength(3);
    expect(body.data.every((listing) => !listing.match)).toBe(true);
    // Scores kept from answers that followed the contract stay as they were, never replaced by the drifted ones.
    expect(shown((await directory()).body as DirectoryResponse)).toEqual([
      ['Dr Cherry', 0.9],
      ['Dr Beech', 0.6],
      ['Dr Aspen', 0.3],
    ]);
  });

  it('when the matcher\'s scores move for a mentee whose scores are kept, then a check after her answer drops them and she is shown the new ones', async () => {
    scoring({ 'Dr Aspen': 0.3, 'Dr Beech': 0.6, 'Dr Cherry': 0.9 });
    const ines = await registerMember(app, 'Ines');
    await createProfile(app.strapi, { member: ines, program, role: 'mentee', displayName: 'Ines' });
    const before: (string | number | undefined)[][] = [
      ['Dr Cherry', 0.9],
      ['Dr Beech', 0.6],
      ['Dr Aspen', 0.3],
    ];
    expect(shown((await directory(ines)).body as DirectoryResponse)).toEqual(before);
    // A new scoring engine, say: the same people now score the other way round.
    scoring({ 'Dr Aspen': 0.8, 'Dr Beech': 0.5, 'Dr Cherry': 0.2 });
    const requestsBefore = stub.requests.length;
    // This answer comes from her kept scores; the check runs after it.
    expect(shown((await directory(ines)).body as DirectoryResponse)).toEqual(before);
    let now = before;
    for (let visits = 0; visits < 50 && now[0]![0] === 'Dr Cherry'; visits += 1) now = shown((await directory(ines)).body as DirectoryResponse);
    expect(now).toEqual([
      ['Dr Aspen', 0.8],
      ['Dr Beech', 0.5],
      ['Dr Cherry', 0.2],
    ]);
    expect(stub.requests.length).toBeGreaterThan(requestsBefore);
  });
});
