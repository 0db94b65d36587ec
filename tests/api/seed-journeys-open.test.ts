import { createRequire } from 'module';
import type { AcceptedRequestView, DirectoryResponse, MeResponse, MentorshipView, OwnProfileView, RequestView } from '../../cms/shared/contracts/members';
import type { ProgramStyle } from '../../cms/shared/vocabulary';
import { contentManager, registerSuperAdmin } from '../helpers/admin';
import { createProgram, mentorAnswers, menteeAnswers, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';

const OUTBOX = 'plugin::mentorship.outbox-message';
const PROGRAM = 'plugin::mentorship.program';
const REQUEST = 'plugin::mentorship.request';
const MENTORSHIP = 'plugin::mentorship.mentorship';

/**
 * Two seed programs journey by journey, as their associations describe them: the open directory with
 * a discovery call (seed 000) and the mentor exchange (seed 001). Everything goes over HTTP with the
 * members' own JWTs; e-mails are read from the test SMTP server.
 */
describe('seed journeys: open directory with discovery call, mentor exchange', () => {
  let app: JourneyApp;

  const enroll = async (member: Member, program: ProgramFixture, role: 'mentor' | 'mentee', displayName: string, extra: Record<string, unknown> = {}) =>
    (
      await app
        .as(member)
        .post(`/api/mentorship/programs/${program.slug}/profiles`)
        .send({ role, displayName, answers: role === 'mentor' ? mentorAnswers() : menteeAnswers(), ...extra })
        .expect(201)
    ).body.data as OwnProfileView;
  const ask = (member: Member, program: ProgramFixture, body: Record<string, unknown>) => app.as(member).post(`/api/mentorship/programs/${program.slug}/requests`).send(body);
  const me = async (member: Member) => ((await app.as(member).get('/api/mentorship/me').expect(200)).body as MeResponse).data;
  const listingOf = async (member: Member, program: ProgramFixture, name: string) =>
    ((await app.as(member).get(`/api/mentorship/programs/${program.slug}/directory?q=${encodeURIComponent(name)}&sort=name`).expect(200)).body as DirectoryResponse).data.find(
      (entry) => entry.displayName === name,
    );
  const outboxTo = (email: string) => app.strapi.db.query(OUTBOX).count({ where: { recipientEmail: email } });
  const mentorshipsOf = (mentorProfile: string) => app.strapi.db.query(MENTORSHIP).count({ where: { mentor: { documentId: mentorProfile } } });

  beforeAll(async () => {
    app = await startJourneyApp();
  });
  afterAll(async () => {
    app?.clock.set(null);
    await app?.stop();
  });

  describe('open directory with discovery call (seed 000)', () => {
    let program: ProgramFixture;

    beforeAll(async () => {
      program = await createProgram(app.strapi, 'open-directory');
    });
    afterEach(() => app.clock.set(null));

    it('when a mentee finds a mentor, has a discovery call and both accept the agreement, then contacts are shared for the call, no place is taken until the agreement, and the year runs from it', async () => {
      app.clock.set('2027-03-10T09:00:00.000Z');
      // Members enroll any time, as mentor and as mentee, each a separate profile with preferences.
      const ines = await registerMember(app, 'Ines Moreau');
      const karim = await registerMember(app, 'Karim Haddad');
      const mentorProfile = await enroll(ines, program, 'mentor', 'Dr Ines Moreau', { careerPath: 'Clinical microbiology', capacity: 1 });
      const menteeProfile = await enroll(karim, program, 'mentee', 'Karim Haddad');
      expect(mentorProfile.status).toBe('listed');
      expect(menteeProfile.status).toBe('approved');

      // The mentee searches profiles by criteria and opens the mentor's profile.
      const found = ((await app.as(karim).get(`/api/mentorship/programs/${program.slug}/directory?filters[expertise]=cardiology&filters[canMentor]=resident&availability=available&sort=name`).expect(200))
        .body as DirectoryResponse).data;
      const listing = found.find((entry) => entry.documentId === mentorProfile.documentId)!;
      expect(listing).toMatchObject({ displayName: 'Dr Ines Moreau', placesLeft: 1, availability: 'available' });
      expect(JSON.stringify(found)).not.toContain(ines.email);
      await app.as(karim).get(`/api/mentorship/programs/${program.slug}/directory/${listing.documentId}`).expect(200);

      // A personal message asking for a discovery call; the mentor is e-mailed.
      const call = (await ask(karim, program, { to: listing.documentId, message: 'Could we talk for half an hour about moving into microbiology?' }).expect(201)).body.data as RequestView;
      expect(call).toMatchObject({ kind: 'discovery-call', status: 'open', contact: null });
      const alert = await app.mail.waitFor((mail) => mail.to.includes(ines.email) && mail.subject.includes('Karim Haddad'));
      expect(alert.text).toContain('Could we talk for half an hour about moving into microbiology?');
      expect(alert.text).not.toContain(karim.email);

      // One conversation at a time with a mentor.
      const twice = await ask(karim, program, { to: listing.documentId, message: 'Just checking' }).expect(409);
      expect(twice.body.error.details.code).toBe('discovery-call-open');
      expect(twice.body.error.message).toMatch(/waiting for an answer/);

      // Accepting the call shares both people's contact details, by e-mail and in the API, and starts nothing.
      const accepted = (await app.as(ines).post(`/api/mentorship/requests/${call.documentId}/accept`).send({}).expect(200)).body.data as AcceptedRequestView;
      expect(accepted).toMatchObject({ kind: 'discovery-call', status: 'accepted', mentorship: null, mentorshipDocumentId: null, contact: { name: 'Karim Haddad', email: karim.email } });
      const toMentee = await app.mail.waitFor((mail) => mail.to.includes(karim.email) && mail.subject === 'Your discovery call with Dr Ines Moreau');
      expect(toMentee.text).toContain(`You can reach Dr Ines Moreau at ${ines.email} to arrange it.`);
      expect(toMentee.html).toContain(ines.email);
      const toMentor = await app.mail.waitFor((mail) => mail.to.includes(ines.email) && mail.subject === 'Your discovery call with Karim Haddad');
      expect(toMentor.text).toContain(`You can reach Karim Haddad at ${karim.email} to arrange it.`);
      expect(toMentor.text).toMatch(/either of you can send the formal mentoring request/);

      const menteeSide = await me(karim);
      expect(menteeSide.requests.sent.find((request) => request.documentId === call.documentId)!.contact).toEqual({ name: 'Dr Ines Moreau', email: ines.email });
      expect(menteeSide.mentorships).toEqual([]);
      const mentorSide = await me(ines);
      expect(mentorSide.requests.received.find((request) => request.documentId === call.documentId)!.contact).toEqual({ name: 'Karim Haddad', email: karim.email });
      expect(mentorSide.mentorships).toEqual([]);
      // None of the mentor's places: no mentorship, the capacity and the directory's places left unchanged.
      expect(await mentorshipsOf(mentorProfile.documentId)).toBe(0);
      expect(mentorSide.profiles.find((profile) => profile.role === 'mentor')).toMatchObject({ capacity: 1, availability: 'available' });
      expect(await listingOf(karim, program, 'Dr Ines Moreau')).toMatchObject({ placesLeft: 1, availability: 'available' });

      const again = await ask(karim, program, { to: listing.documentId, message: 'Another call?' }).expect(409);
      expect(again.body.error.details.code).toBe('discovery-call-open');
      expect(again.body.error.message).toMatch(/send the formal mentoring request or let the call go/);

      // After a satisfactory call, the formal mentoring request; the call is done with.
      app.clock.set('2027-03-12T09:00:00.000Z');
      const formal = (await ask(karim, program, { to: listing.documentId, kind: 'mentoring', message: 'Thank you for the call: would you be my mentor for the year?' }).expect(201)).body.data as RequestView;
      expect(formal).toMatchObject({ kind: 'mentoring', status: 'open' });
      const followed = (await app.as(karim).get(`/api/mentorship/requests/${call.documentId}`).expect(200)).body.data as RequestView;
      expect(followed.status).toBe('closed');
      expect(followed.history!.map((event) => event.event)).toEqual(['sent', 'accepted', 'followed-up']);
      await app.as(karim).post(`/api/mentorship/requests/${call.documentId}/let-go`).send({}).expect(409);

      const paired = (await app.as(ines).post(`/api/mentorship/requests/${formal.documentId}/accept`).send({}).expect(200)).body.data as AcceptedRequestView;
      const pending = paired.mentorship!;
      expect(pending).toMatchObject({ status: 'pending-agreement', startDate: null, endDate: null, agreement: { required: true, mentorAgreedAt: null, menteeAgreedAt: null } });
      const told = await app.mail.waitFor((mail) => mail.to.includes(karim.email) && mail.subject === 'Your request was accepted');
      expect(told.text).toContain('The mentorship starts on the day you have both accepted the partnership agreement.');
      await app.mail.waitFor((mail) => mail.to.includes(ines.email) && mail.subject.includes('partnership agreement'));
      // Waiting for the agreement holds no place yet.
      expect(await listingOf(karim, program, 'Dr Ines Moreau')).toMatchObject({ placesLeft: 1, availability: 'available' });

      app.clock.set('2027-03-15T10:00:00.000Z');
      const half = (await app.as(karim).post(`/api/mentorship/mentorships/${pending.documentId}/agree`).send({}).expect(200)).body.data as MentorshipView;
      expect(half).toMatchObject({ status: 'pending-agreement', startDate: null, endDate: null });
      expect(half.agreement.menteeAgreedAt).toBe('2027-03-15T10:00:00.000Z');
      expect(await listingOf(karim, program, 'Dr Ines Moreau')).toMatchObject({ placesLeft: 1 });

      // The partnership, its place and its one-year term start when both have accepted the agreement.
      app.clock.set('2027-03-18T16:30:00.000Z');
      const active = (await app.as(ines).post(`/api/mentorship/mentorships/${pending.documentId}/agree`).send({}).expect(200)).body.data as MentorshipView;
      expect(active).toMatchObject({ status: 'active', startDate: '2027-03-18', endDate: '2028-03-18', mentee: { email: karim.email }, mentor: { email: ines.email } });
      const introduction = await app.mail.waitFor((mail) => mail.to.includes(karim.email) && mail.subject.startsWith('Meet your'));
      expect(introduction.text).toContain('The mentorship starts on 2027-03-18 and runs until 2028-03-18.');
      expect(await listingOf(karim, program, 'Dr Ines Moreau')).toMatchObject({ placesLeft: 0, availability: 'full' });
      expect((await me(ines)).mentorships).toHaveLength(1);
    });

    it('when the mentor of an accepted discovery call approaches the mentee, then that is the formal request and the call is closed as followed up', async () => {
      const mentor = await registerMember(app, 'Olu Bankole');
      const mentee = await registerMember(app, 'Sara Lind');
      const mentorProfile = await enroll(mentor, program, 'mentor', 'Dr Olu Bankole');
      const menteeProfile = await enroll(mentee, program, 'mentee', 'Sara Lind');
      const call = (await ask(mentee, program, { to: mentorProfile.documentId, message: 'A short call?' }).expect(201)).body.data as RequestView;
      await app.as(mentor).post(`/api/mentorship/requests/${call.documentId}/accept`).send({}).expect(200);

      const approach = (await ask(mentor, program, { to: menteeProfile.documentId, message: 'I enjoyed our call: shall we work together?' }).expect(201)).body.data as RequestView;
      expect(approach).toMatchObject({ kind: 'approach', sender: { role: 'mentor' } });
      expect(((await app.as(mentor).get(`/api/mentorship/requests/${call.documentId}`).expect(200)).body.data as RequestView).status).toBe('closed');
      const accepted = (await app.as(mentee).post(`/api/mentorship/requests/${approach.documentId}/accept`).send({}).expect(200)).body.data as AcceptedRequestView;
      expect(accepted.mentorship).toMatchObject({ status: 'pending-agreement', startDate: null });
    });

    it('when either side lets an accepted discovery call go, then it is closed with nothing else happening, and a new call may be asked for later', async () => {
      const mentor = await registerMember(app, 'Lena Vogel');
      const mentee = await registerMember(app, 'Tom Price');
      const stranger = await registerMember(app, 'Stranger');
      const mentorProfile = await enroll(mentor, program, 'mentor', 'Dr Lena Vogel');
      await enroll(mentee, program, 'mentee', 'Tom Price');
      const call = (await ask(mentee, program, { to: mentorProfile.documentId, message: 'Could we talk?' }).expect(201)).body.data as RequestView;
      const early = await app.as(mentee).post(`/api/mentorship/requests/${call.documentId}/let-go`).send({}).expect(409);
      expect(early.body.error).toMatchObject({ details: { code: 'not-open' }, message: expect.stringMatching(/withdraw or decline it instead/) });
      await app.as(mentor).post(`/api/mentorship/requests/${call.documentId}/accept`).send({}).expect(200);
      await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'Your discovery call with Dr Lena Vogel');

      await app.as(stranger).post(`/api/mentorship/requests/${call.documentId}/let-go`).send({}).expect(404);
      await app.http().post(`/api/mentorship/requests/${call.documentId}/let-go`).send({}).expect(401);
      const bad = await app.as(mentor).post(`/api/mentorship/requests/${call.documentId}/let-go`).send({ why: 'x' }).expect(400);
      expect(bad.body.error.details.code).toBe('invalid-input');

      const mailsBefore = [await outboxTo(mentor.email), await outboxTo(mentee.email)];
      const requestsBefore = await app.strapi.db.query(REQUEST).count({});
      const letGo = (await app.as(mentor).post(`/api/mentorship/requests/${call.documentId}/let-go`).send({}).expect(200)).body.data as RequestView;
      expect(letGo).toMatchObject({ status: 'closed', contact: null });
      // No side effects: no e-mail written (the outbox is written in the same transaction), no request, no mentorship.
      expect([await outboxTo(mentor.email), await outboxTo(mentee.email)]).toEqual(mailsBefore);
      expect(await app.strapi.db.query(REQUEST).count({})).toBe(requestsBefore);
      expect(await mentorshipsOf(mentorProfile.documentId)).toBe(0);
      expect((await me(mentee)).requests.sent.find((request) => request.documentId === call.documentId)).toMatchObject({ status: 'closed', contact: null });
      await app.as(mentee).post(`/api/mentorship/requests/${call.documentId}/let-go`).send({}).expect(409);

      await ask(mentee, program, { to: mentorProfile.documentId, message: 'Could we try another call next month?' }).expect(201);
    });

    it('when two pairs of one mentor with a single place complete the agreement at the same moment (on PostgreSQL: concurrently), then one starts and the other waits with a 409 mentor-full, its acceptance not kept', async () => {
      const mentor = await registerMember(app, 'Ada Quist');
      const mentorProfile = await enroll(mentor, program, 'mentor', 'Dr Ada Quist', { capacity: 1 });
      const pairs: string[] = [];
      for (const name of ['Ben Ode', 'Cai Lun']) {
        const mentee = await registerMember(app, name);
        await enroll(mentee, program, 'mentee', name);
        const formal = (await ask(mentee, program, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Would you mentor me?' }).expect(201)).body.data as RequestView;
        const accepted = (await app.as(mentor).post(`/api/mentorship/requests/${formal.documentId}/accept`).send({}).expect(200)).body.data as AcceptedRequestView;
        await app.as(mentee).post(`/api/mentorship/mentorships/${accepted.mentorship!.documentId}/agree`).send({}).expect(200);
        pairs.push(accepted.mentorship!.documentId);
      }
      const answers = await Promise.all(pairs.map((id) => app.as(mentor).post(`/api/mentorship/mentorships/${id}/agree`).send({})));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const lost = answers.findIndex((answer) => answer.status === 409);
      expect(answers[lost]!.body.error.details.code).toBe('mentor-full');
      expect((answers[1 - lost]!.body.data as MentorshipView).status).toBe('active');
      const waiting = (await app.as(mentor).get(`/api/mentorship/mentorships/${pairs[lost]}`).expect(200)).body.data as MentorshipView;
      expect(waiting).toMatchObject({ status: 'pending-agreement', startDate: null, agreement: { mentorAgreedAt: null } });
      expect(await listingOf(mentor, program, 'Dr Ada Quist')).toMatchObject({ placesLeft: 0, availability: 'full' });
    });
  });

  describe('a database from before this release', () => {
    it('when it holds a mentorship from a request that waits for the agreement with the accept day as its dates, then the migration clears them and the agreement sets them', async () => {
      const program = await createProgram(app.strapi, 'open-directory');
      const mentor = await registerMember(app, 'Eva Stone');
      const mentee = await registerMember(app, 'Finn Hale');
      const mentorProfile = await enroll(mentor, program, 'mentor', 'Dr Eva Stone');
      await enroll(mentee, program, 'mentee', 'Finn Hale');
      const formal = (await ask(mentee, program, { to: mentorProfile.documentId, kind: 'mentoring', message: 'Would you mentor me?' }).expect(201)).body.data as RequestView;
      const pending = ((await app.as(mentor).post(`/api/mentorship/requests/${formal.documentId}/accept`).send({}).expect(200)).body.data as AcceptedRequestView).mentorship!;
      // As an earlier release stored it: dated from the day the request was accepted.
      await app.strapi.db.query(MENTORSHIP).update({ where: { documentId: pending.documentId }, data: { startDate: '2026-11-02', endDate: '2027-11-02' } });

      // Loaded and run as Strapi's migration runner does: `up` with the transaction's knex.
      const migration = createRequire(__filename)('../../database/migrations/2026.11.30T14.00.00.pending-agreement-dates.js') as { up: (knex: unknown) => Promise<void> };
      await app.strapi.db.transaction(({ trx }) => migration.up(trx));
      await app.strapi.db.transaction(({ trx }) => migration.up(trx));
      const cleared = (await app.as(mentee).get(`/api/mentorship/mentorships/${pending.documentId}`).expect(200)).body.data as MentorshipView;
      expect(cleared).toMatchObject({ status: 'pending-agreement', startDate: null, endDate: null });

      app.clock.set('2027-05-04T08:00:00.000Z');
      await app.as(mentee).post(`/api/mentorship/mentorships/${pending.documentId}/agree`).send({}).expect(200);
      const active = (await app.as(mentor).post(`/api/mentorship/mentorships/${pending.documentId}/agree`).send({}).expect(200)).body.data as MentorshipView;
      app.clock.set(null);
      expect(active).toMatchObject({ status: 'active', startDate: '2027-05-04', endDate: '2028-05-04' });
    });
  });

  describe('mentor exchange (seed 001)', () => {
    const journey = async (program: ProgramFixture, names: { mentor: string; mentee: string }) => {
      const mentor = await registerMember(app, names.mentor);
      const mentee = await registerMember(app, names.mentee);
      // "Be a mentor": the profile is active and visible as soon as it is complete.
      const mentorProfile = await enroll(mentor, program, 'mentor', names.mentor, { careerPath: 'Oncology pharmacy', bio: 'Twenty years in hospital oncology pharmacy.' });
      expect(mentorProfile.status).toBe('listed');
      await enroll(mentee, program, 'mentee', names.mentee);
      // Browse the mentors by career path and choose one: the request e-mails the mentor automatically.
      const listing = (await listingOf(mentee, program, names.mentor))!;
      expect(listing.careerPath).toBe('Oncology pharmacy');
      const request = (await ask(mentee, program, { to: listing.documentId, message: 'Would you be my mentor while I specialise?' }).expect(201)).body.data as RequestView;
      expect(request.kind).toBe('mentoring');
      const received = await app.mail.waitFor((mail) => mail.to.includes(mentor.email) && mail.subject.includes(names.mentee));
      const inbox = (await me(mentor)).requests.received.find((item) => item.documentId === request.documentId)!;
      return { mentor, mentee, request, received, inbox };
    };

    it('when the program shares the requester\'s contact (on in this style), then the mentor\'s e-mail and inbox give the name and e-mail address of the person asking', async () => {
      const style = (await app.strapi.plugin('mentorship').service('program-styles').createFromStyle({ name: 'Exchange from the style', style: 'mentor-exchange' satisfies ProgramStyle }, new Date())) as {
        documentId: string;
      };
      const fromStyle = await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId: style.documentId } });
      expect(fromStyle.shareRequesterContact).toBe(true);

      // An editor turns it on for an existing program in the Content Manager, where it is labelled in words.
      const program = await createProgram(app.strapi, 'mentor-exchange');
      const token = await registerSuperAdmin(app);
      const configuration = await app.http().get(`/content-manager/content-types/${PROGRAM}/configuration`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(configuration.body.data.contentType.metadatas.shareRequesterContact.edit).toMatchObject({
        label: "Share the requester's contact with the person asked",
        description: expect.stringContaining('name and e-mail address of the person asking'),
      });
      await contentManager(app, token).update(PROGRAM, program.documentId, { shareRequesterContact: true }).expect(200);
      const summary = (await app.http().get(`/api/mentorship/programs/${program.slug}`).expect(200)).body.data;
      expect(summary.shareRequesterContact).toBe(true);
      const { mentor, mentee, request, received, inbox } = await journey(program, { mentor: 'Dr Priya Raman', mentee: 'Jonas Berg' });
      expect(received.text).toContain(`You can reach Jonas Berg at ${mentee.email}.`);
      expect(received.html).toContain(mentee.email);
      expect(received.text).toContain('Would you be my mentor while I specialise?');
      expect(inbox.contact).toEqual({ name: 'Jonas Berg', email: mentee.email });
      // The mentee's side shows no address of the mentor until the mentor accepts.
      expect((await me(mentee)).requests.sent.find((item) => item.documentId === request.documentId)!.contact).toBeNull();

      // Accepted: the relationship is recognised for six months.
      app.clock.set('2027-01-20T09:00:00.000Z');
      const accepted = (await app.as(mentor).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(200)).body.data as AcceptedRequestView;
      app.clock.set(null);
      expect(accepted.mentorship).toMatchObject({ status: 'active', startDate: '2027-01-20', endDate: '2027-07-20', mentor: { email: mentor.email } });
      await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'Your request was accepted');
    });

    it('when the setting is off, then the e-mail and the inbox give the name of the person asking but not their e-mail address', async () => {
      const program = await createProgram(app.strapi, 'mentor-exchange', { shareRequesterContact: false });
      const { mentee, received, inbox } = await journey(program, { mentor: 'Dr Hana Sato', mentee: 'Luis Ortega' });
      expect(received.subject).toContain('Luis Ortega');
      expect(received.text).toContain('Luis Ortega has asked you');
      expect(received.text).not.toContain(mentee.email);
      expect(received.html).not.toContain(mentee.email);
      expect(received.text).not.toContain('You can reach');
      expect(inbox.contact).toBeNull();
    });
  });
});
