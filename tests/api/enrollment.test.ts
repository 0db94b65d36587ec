import type { MeResponse, OwnProfileView } from '../../cms/shared/contracts/members';
import { createProgram, mentorAnswers, menteeAnswers, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';

describe('enrollment and privacy', () => {
  let app: JourneyApp;
  let exchange: ProgramFixture;
  let cohort: ProgramFixture;
  let international: ProgramFixture;
  let ada: Member;
  let bob: Member;
  let adaMentor: OwnProfileView;
  let adaMentee: OwnProfileView;

  beforeAll(async () => {
    app = await startJourneyApp();
    exchange = await createProgram(app.strapi, 'mentor-exchange');
    cohort = await createProgram(app.strapi, 'guided-cohort');
    international = await createProgram(app.strapi, 'international-virtual');
    ada = await registerMember(app, 'Ada');
    bob = await registerMember(app, 'Bob');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when an anonymous visitor enrolls or asks for /me, then the API asks them to sign in (401)', async () => {
    await app.http().post(`/api/mentorship/programs/${exchange.slug}/profiles`).send({ role: 'mentor', displayName: 'X', answers: {} }).expect(401);
    await app.http().get('/api/mentorship/me').expect(401);
    await app.http().get(`/api/mentorship/programs/${exchange.slug}/directory`).expect(401);
  });

  it('when a member enrolls as a mentor in a program without approval (style 2), then the profile is listed at once', async () => {
    const response = await app.as(ada).post(`/api/mentorship/programs/${exchange.slug}/profiles`)
      .send({ role: 'mentor', displayName: 'Dr Ada', answers: mentorAnswers(), bio: 'Cardiologist', careerPath: 'Hospital cardiology' })
      .expect(201);
    adaMentor = response.body.data;
    expect(adaMentor).toMatchObject({ role: 'mentor', status: 'listed', displayName: 'Dr Ada', answers: { phone: '+49 30 1234567' } });
    expect(adaMentor.reconfirmBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const directory = await app.as(bob).get(`/api/mentorship/programs/${exchange.slug}/directory`).expect(200);
    expect(directory.body.data.map((listing: { displayName: string }) => listing.displayName)).toEqual(['Dr Ada']);
  });

  it('when the same member enrolls as mentee too, then it is a second profile, and a third of the same role is a 409', async () => {
    const response = await app.as(ada).post(`/api/mentorship/programs/${exchange.slug}/profiles`).send({ role: 'mentee', displayName: 'Ada', answers: menteeAnswers() }).expect(201);
    adaMentee = response.body.data;
    expect(adaMentee).toMatchObject({ role: 'mentee', status: 'approved' });
    const again = await app.as(ada).post(`/api/mentorship/programs/${exchange.slug}/profiles`).send({ role: 'mentee', displayName: 'Ada', answers: menteeAnswers() }).expect(409);
    expect(again.body.error.message).toMatch(/already have a mentee profile/);
  });

  it('when answers do not fit the profile type, then the 400 names the field', async () => {
    const unknown = await app.as(bob).post(`/api/mentorship/programs/${exchange.slug}/profiles`)
      .send({ role: 'mentor', displayName: 'Bob', answers: { ...mentorAnswers(), shoeSize: 44 } })
      .expect(400);
    expect(unknown.body.error.message).toMatch(/^answers\.shoeSize: /);
    const wrong = await app.as(bob).post(`/api/mentorship/programs/${exchange.slug}/profiles`)
      .send({ role: 'mentor', displayName: 'Bob', answers: mentorAnswers({ expertise: ['astrology'] }) })
      .expect(400);
    expect(wrong.body.error.message).toMatch(/^answers\.expertise: "astrology" not in the options/);
    const missing = await app.as(bob).post(`/api/mentorship/programs/${exchange.slug}/profiles`).send({ role: 'mentor', answers: mentorAnswers() }).expect(400);
    expect(missing.body.error.message).toMatch(/^body\.displayName/);
    const extra = await app.as(bob).post(`/api/mentorship/programs/${exchange.slug}/profiles`).send({ role: 'mentor', displayName: 'B', answers: mentorAnswers(), status: 'listed' }).expect(400);
    expect(extra.body.error.message).toMatch(/status/);
  });

  it('when another member looks at a profile, then they see public fields of a listed mentor only, never private answers or other profiles', async () => {
    const listed = await app.as(bob).get(`/api/mentorship/profiles/${adaMentor.documentId}`).expect(200);
    expect(listed.body.data.answers).toEqual({ expertise: ['cardiology'], canMentor: ['resident'], country: 'DE', languages: ['en', 'de'], yearsExperience: 15 });
    expect(JSON.stringify(listed.body)).not.toContain('+49');
    expect(JSON.stringify(listed.body)).not.toContain(ada.email);
    await app.as(bob).get(`/api/mentorship/profiles/${adaMentee.documentId}`).expect(404);
    // Editing someone else's profile answers exactly like an unknown id, hidden or listed.
    const unknownId = await app.as(bob).put('/api/mentorship/profiles/doesnotexist0000000000000').send({ displayName: 'Hacked' }).expect(404);
    const hidden = await app.as(bob).put(`/api/mentorship/profiles/${adaMentee.documentId}`).send({ displayName: 'Hacked' }).expect(404);
    const listedEdit = await app.as(bob).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ displayName: 'Hacked' }).expect(404);
    expect(hidden.body).toEqual(unknownId.body);
    expect(listedEdit.body).toEqual(unknownId.body);
    await app.as(bob).post(`/api/mentorship/profiles/${adaMentee.documentId}/reconfirm`).send({}).expect(404);
    const directory = await app.as(bob).get(`/api/mentorship/programs/${exchange.slug}/directory`).expect(200);
    expect(JSON.stringify(directory.body)).not.toMatch(/\+49|members\.example\.org|phone/);
    const me = await app.as(bob).get('/api/mentorship/me').expect(200);
    expect((me.body as MeResponse).data.profiles).toEqual([]);
  });

  it('when a member reads /me, then it holds their full profiles', async () => {
    const me = (await app.as(ada).get('/api/mentorship/me').expect(200)).body as MeResponse;
    expect(me.data.member.email).toBe(ada.email);
    expect(me.data.profiles.map((profile) => `${profile.role}:${profile.status}`)).toEqual(['mentor:listed', 'mentee:approved']);
    expect(me.data.profiles[0]!.answers.phone).toBe('+49 30 1234567');
  });

  it('when a listed mentor pauses and re-lists, then the directory follows', async () => {
    await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ action: 'pause' }).expect(200);
    expect((await app.as(bob).get(`/api/mentorship/programs/${exchange.slug}/directory`).expect(200)).body.meta.total).toBe(0);
    const relisted = await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ action: 'relist', availability: 'away', awayUntil: '2099-01-01' }).expect(200);
    expect(relisted.body.data).toMatchObject({ status: 'listed', availability: 'away' });
    const listing = (await app.as(bob).get(`/api/mentorship/programs/${exchange.slug}/directory`).expect(200)).body.data[0];
    expect(listing).toMatchObject({ availability: 'away', awayUntil: '2099-01-01' });
    await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'available' }).expect(200);
  });

  it('when a mentor sets a return date in the past, then it is a 400 naming awayUntil; when she is back, the date is gone', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const past = await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'away', awayUntil: '2020-01-01' }).expect(400);
    expect(past.body.error.message).toMatch(/^awayUntil: must be a date after today/);
    expect(past.body.error.details.errors[0].path).toEqual(['awayUntil']);
    expect((await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'away', awayUntil: today }).expect(400)).body.error.message).toMatch(/^awayUntil/);
    expect((await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'available', awayUntil: '2099-01-01' }).expect(400)).body.error.message).toMatch(/^awayUntil: a return date goes with availability "away"/);
    expect((await app.as(ada).put(`/api/mentorship/profiles/${adaMentee.documentId}`).send({ awayUntil: '2099-01-01' }).expect(400)).body.error.message).toMatch(/^awayUntil/);

    const away = await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'away', awayUntil: '2099-06-30' }).expect(200);
    expect(away.body.data).toMatchObject({ availability: 'away', awayUntil: '2099-06-30' });
    const back = await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'available' }).expect(200);
    expect(back.body.data).toMatchObject({ availability: 'available', awayUntil: null });
    const listing = (await app.as(bob).get(`/api/mentorship/programs/${exchange.slug}/directory/${adaMentor.documentId}`).expect(200)).body.data;
    expect(listing).toMatchObject({ availability: 'available', awayUntil: null });

    // The same holds when staff change the availability (Content Manager, scripts): the date goes with it.
    await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'away', awayUntil: '2099-06-30' }).expect(200);
    await app.strapi.documents('plugin::mentorship.profile').update({ documentId: adaMentor.documentId, data: { availability: 'full' } } as never);
    const mine = (await app.as(ada).get(`/api/mentorship/profiles/${adaMentor.documentId}`).expect(200)).body.data;
    expect(mine).toMatchObject({ availability: 'full', awayUntil: null });
    await app.as(ada).put(`/api/mentorship/profiles/${adaMentor.documentId}`).send({ availability: 'available' }).expect(200);
  });

  it('when a program needs approval (style 3), then the application is submitted, and applications beyond its places are accepted too (the places limit who staff select)', async () => {
    const first = await app.as(ada).post(`/api/mentorship/programs/${cohort.slug}/profiles`).send({ role: 'mentee', displayName: 'Ada', answers: menteeAnswers() }).expect(201);
    expect(first.body.data.status).toBe('submitted');
    await app.as(bob).post(`/api/mentorship/programs/${cohort.slug}/profiles`).send({ role: 'mentee', displayName: 'Bob', answers: menteeAnswers() }).expect(201);
    const carol = await registerMember(app, 'Carol');
    const third = await app.as(carol).post(`/api/mentorship/programs/${cohort.slug}/profiles`).send({ role: 'mentee', displayName: 'Carol', answers: menteeAnswers() }).expect(201);
    expect(third.body.data.status).toBe('submitted');
    // A draft is not checked: submitting it checks the answers.
    const dan = await registerMember(app, 'Dan');
    const draft = await app.as(dan).post(`/api/mentorship/programs/${cohort.slug}/profiles`).send({ role: 'mentee', displayName: 'Dan', answers: { interests: ['oncology'] }, draft: true }).expect(201);
    expect(draft.body.data.status).toBe('draft');
    const submit = await app.as(dan).put(`/api/mentorship/profiles/${draft.body.data.documentId}`).send({ action: 'submit' }).expect(400);
    expect(submit.body.error.message).toMatch(/^answers\.careerStage: Career stage is required/);
  });

  it('when a program where members find each other (style 2) has places, then they bound who may enroll', async () => {
    const small = await createProgram(app.strapi, 'mentor-exchange', { menteeSeats: 1 });
    await app.as(ada).post(`/api/mentorship/programs/${small.slug}/profiles`).send({ role: 'mentee', displayName: 'Ada', answers: menteeAnswers() }).expect(201);
    const full = await app.as(bob).post(`/api/mentorship/programs/${small.slug}/profiles`).send({ role: 'mentee', displayName: 'Bob', answers: menteeAnswers() }).expect(403);
    expect(full.body.error.details.reasons).toEqual([{ field: 'seats', message: `All 1 mentee places in Program mentor-exchange ${small.slug.split('-').pop()} are taken.` }]);
  });

  it('when a mentee fails several eligibility rules (style 4), then each failed rule is reported with its message', async () => {
    const dave = await registerMember(app, 'Dave');
    const response = await app.as(dave).post(`/api/mentorship/programs/${international.slug}/profiles`)
      .send({ role: 'mentee', displayName: 'Dave', answers: menteeAnswers({ memberType: 'associate', country: 'US', trainingYear: 1990 }) })
      .expect(403);
    expect(response.body.error.details.reasons.map((reason: { message: string }) => reason.message)).toEqual([
      'Only full members can apply.',
      'Training must have ended less than ten years ago.',
      'This program is for members practising outside the United States.',
    ]);
    const mentor = await app.as(dave).post(`/api/mentorship/programs/${international.slug}/profiles`)
      .send({ role: 'mentor', displayName: 'Dave', answers: mentorAnswers({ yearsExperience: 4 }) })
      .expect(403);
    expect(mentor.body.error.message).toBe('Mentors need ten or more years of experience.');
    const ok = await app.as(dave).post(`/api/mentorship/programs/${international.slug}/profiles`).send({ role: 'mentee', displayName: 'Dave', answers: menteeAnswers() }).expect(201);
    expect(ok.body.data.status).toBe('submitted');
  });

  it('when the enrollment window has closed, then the reason says so', async () => {
    app.clock.set(new Date(Date.now() + 40 * 86_400_000));
    try {
      const erin = await registerMember(app, 'Erin');
      const response = await app.as(erin).post(`/api/mentorship/programs/${international.slug}/profiles`).send({ role: 'mentee', displayName: 'Erin', answers: menteeAnswers() }).expect(403);
      expect(response.body.error.details.reasons[0]).toMatchObject({ field: 'enrollment' });
      expect(response.body.error.message).toMatch(/^Applications to .* closed on \d{4}-\d{2}-\d{2}\./);
    } finally {
      app.clock.set(null);
    }
  });
});
