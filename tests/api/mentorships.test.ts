import type { MentorshipView } from '../../cms/shared/contracts/members';
import { createProfile, createProgram, menteeAnswers, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';

interface Mentorships {
  create(input: Record<string, unknown>): Promise<{ documentId: string; mentorshipStatus: string }>;
}

describe('mentorships: cohorts, plan, check-ins, renewal, ending, scheduled work', () => {
  let app: JourneyApp;
  let cohort: ProgramFixture;
  let international: ProgramFixture;
  let exchange: ProgramFixture;
  const jobs = () => app.service<{ runAll(at?: Date): Promise<unknown>; reconfirmations(at?: Date): Promise<{ reminded: number; unlisted: number }> }>('jobs');
  const lifecycle = () => app.service<{ engagementReminders(at?: Date): Promise<number>; renewalsAndCompletions(at?: Date): Promise<{ reminded: number; completed: number }> }>('mentorship-lifecycle');

  beforeAll(async () => {
    app = await startJourneyApp();
    cohort = await createProgram(app.strapi, 'guided-cohort', { menteeSeats: 10 });
    international = await createProgram(app.strapi, 'international-virtual');
    exchange = await createProgram(app.strapi, 'mentor-exchange', { mentorMayApproach: false });
  });
  afterAll(async () => {
    app?.clock.set(null);
    await app?.stop();
  });

  /** Enrolls over HTTP, then staff approve and pair them (as a matching run would). */
  const staffPair = async (program: ProgramFixture, mentorName: string, menteeName: string, startDate: string) => {
    const mentor = await registerMember(app, mentorName);
    const mentee = await registerMember(app, menteeName);
    const mentorProfile = (await app.as(mentor).post(`/api/mentorship/programs/${program.slug}/profiles`).send({ role: 'mentor', displayName: mentorName, answers: { expertise: ['oncology'], canMentor: ['resident'], country: 'DE', yearsExperience: 20 } }).expect(201)).body.data;
    const menteeProfile = (await app.as(mentee).post(`/api/mentorship/programs/${program.slug}/profiles`).send({ role: 'mentee', displayName: menteeName, answers: menteeAnswers() }).expect(201)).body.data;
    expect([mentorProfile.status, menteeProfile.status]).toEqual(['submitted', 'submitted']);
    for (const profile of [mentorProfile, menteeProfile]) {
      await app.strapi.documents('plugin::mentorship.profile').update({ documentId: profile.documentId, data: { profileStatus: profile.role === 'mentor' ? 'listed' : 'approved', reviewedAt: new Date() } } as never);
    }
    const made = await app.service<Mentorships>('mentorships').create({
      programDocumentId: (await app.strapi.documents('plugin::mentorship.program').findFirst({ filters: { slug: program.slug } }))!.documentId,
      mentorProfileDocumentId: mentorProfile.documentId,
      menteeProfileDocumentId: menteeProfile.documentId,
      source: 'matching-run',
      sourceRef: 'run-1',
      startDate,
    });
    return { mentor, mentee, id: made.documentId };
  };

  it('when staff pair a cohort (style 3), then both see the six-month mentorship with contact details in /me, and a plan and check-ins are kept', async () => {
    app.clock.set(new Date());
    const { mentor, mentee, id } = await staffPair(cohort, 'Dr Cohort', 'Cody', '2031-01-15');
    const me = (await app.as(mentee).get('/api/mentorship/me').expect(200)).body.data;
    expect(me.mentorships).toHaveLength(1);
    expect(me.mentorships[0]).toMatchObject({ documentId: id, status: 'active', startDate: '2031-01-15', endDate: '2031-07-15', mentor: { email: mentor.email } });

    const plan = { objectives: [{ title: 'Submit a first abstract', targetDate: '2031-04-30' }], timeline: [{ date: '2031-02-01', label: 'Kick-off call' }] };
    const saved = await app.as(mentee).put(`/api/mentorship/mentorships/${id}/plan`).send(plan).expect(200);
    expect(saved.body.data.plan).toEqual({ objectives: [{ title: 'Submit a first abstract', targetDate: '2031-04-30', done: false }], timeline: [{ date: '2031-02-01', label: 'Kick-off call' }] });
    const badPlan = await app.as(mentee).put(`/api/mentorship/mentorships/${id}/plan`).send({ objectives: [{ title: 'x', targetDate: '2031-02-30' }] }).expect(400);
    expect(badPlan.body.error.message).toMatch(/^body\.objectives\.0\.targetDate/);
    const outsider = await registerMember(app, 'Outsider');
    await app.as(outsider).put(`/api/mentorship/mentorships/${id}/plan`).send(plan).expect(404);

    // February: 30 minutes logged against a one-hour minimum.
    app.clock.set(new Date('2031-02-20T10:00:00Z'));
    const logged = await app.as(mentor).post(`/api/mentorship/mentorships/${id}/check-ins`).send({ date: '2031-02-18', minutes: 30, note: 'First call' }).expect(201);
    expect(logged.body.data.engagement).toMatchObject({ minimumHoursPerMonth: 1, thisMonthHours: 0.5 });
    expect((await app.as(mentor).post(`/api/mentorship/mentorships/${id}/check-ins`).send({ date: '2031-03-01', minutes: 30 }).expect(400)).body.error.message).toMatch(/^date: must not be in the future/);
    expect((await app.as(mentor).post(`/api/mentorship/mentorships/${id}/check-ins`).send({ date: '2031-02-18', minutes: 0 }).expect(400)).body.error.message).toMatch(/^body\.minutes/);

    // In March the engagement job reminds both, once.
    app.clock.set(new Date('2031-03-02T08:00:00Z'));
    await lifecycle().engagementReminders();
    await lifecycle().engagementReminders();
    for (const member of [mentor, mentee]) {
      const reminders = app.mail.to(member.email).filter((mail) => mail.subject === 'Time for a check-in?');
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.text).toContain('about 1 hour(s) a month; last month 0.5 hour(s) were logged');
    }
    const view = (await app.as(mentee).get(`/api/mentorship/mentorships/${id}`).expect(200)).body.data as MentorshipView;
    expect(view.engagement).toMatchObject({ lastMonthHours: 0.5, meetsMinimum: false });
    expect(view.checkIns).toHaveLength(1);
  });

  it('when staff pair an international mentee (style 4), then the year-long mentorship ends early with a reason both read, freeing the mentor', async () => {
    app.clock.set(new Date());
    const { mentor, mentee, id } = await staffPair(international, 'Dr Abroad', 'Ines', '2031-05-01');
    const view = (await app.as(mentor).get(`/api/mentorship/mentorships/${id}`).expect(200)).body.data as MentorshipView;
    expect(view.endDate).toBe('2032-05-01');
    expect((await app.as(mentee).post(`/api/mentorship/mentorships/${id}/end`).send({}).expect(400)).body.error.message).toMatch(/^body\.reason/);
    const ended = await app.as(mentee).post(`/api/mentorship/mentorships/${id}/end`).send({ reason: 'I changed specialty' }).expect(200);
    expect(ended.body.data).toMatchObject({ status: 'ended', endedReason: 'I changed specialty' });
    const told = await app.mail.waitFor((mail) => mail.to.includes(mentor.email) && mail.subject.startsWith('Your mentorship with Ines has ended'));
    expect(told.text).toContain('I changed specialty');
    await app.as(mentor).post(`/api/mentorship/mentorships/${id}/end`).send({ reason: 'again' }).expect(409);
  });

  it('when staff edit a mentorship in the Content Manager, then the mentor\'s load follows; members of a staff-matched program do not send requests', async () => {
    app.clock.set(null);
    const { mentee, id } = await staffPair(cohort, 'Dr Edited', 'Eve', '2031-03-01');
    const load = async () => app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { displayName: 'Dr Edited' } });
    expect(await load()).toMatchObject({ activeMentorships: 1, availability: 'full' });
    await app.strapi.documents('plugin::mentorship.mentorship').update({ documentId: id, data: { mentorshipStatus: 'ended', endedReason: 'Reassigned by staff' } } as never);
    expect(await load()).toMatchObject({ activeMentorships: 0, availability: 'available' });

    // Staff see requests and mentorships in the Content Manager, with the fields the services own read-only.
    const contentTypes = app.strapi.plugin('content-manager').service('content-types');
    for (const [uid, field] of [['plugin::mentorship.mentorship', 'mentorshipStatus'], ['plugin::mentorship.request', 'requestStatus']]) {
      const configuration = await contentTypes.findConfiguration(contentTypes.findContentType(uid));
      expect(configuration.metadatas[field!].edit).toMatchObject({ label: 'Status', editable: false });
    }

    const listing = await load();
    const refused = await app.as(mentee).post(`/api/mentorship/programs/${cohort.slug}/requests`).send({ to: listing.documentId, message: 'Hi' }).expect(403);
    expect(refused.body.error.message).toMatch(/the program office matches mentors and mentees/);
  });

  it('when a mentorship nears its end, then both are reminded, renewal needs both, and an unrenewed one completes', async () => {
    app.clock.set(new Date('2031-01-01T09:00:00Z'));
    const mentorMember = await registerMember(app, 'Dr Renew');
    const menteeMember = await registerMember(app, 'Rory');
    const mentor = await createProfile(app.strapi, { member: mentorMember, program: exchange, role: 'mentor', displayName: 'Dr Renew' });
    const mentee = await createProfile(app.strapi, { member: menteeMember, program: exchange, role: 'mentee', displayName: 'Rory' });
    const request = (await app.as(menteeMember).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: mentor.documentId, message: 'Hi' }).expect(201)).body.data;
    const id = (await app.as(mentorMember).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(200)).body.data.mentorship.documentId as string;
    expect(mentee.documentId).toBeTruthy();

    const early = await app.as(menteeMember).post(`/api/mentorship/mentorships/${id}/renew`).send({}).expect(409);
    expect(early.body.error.message).toMatch(/Renewal opens 30 days before the end date \(2031-07-01\)/);

    app.clock.set(new Date('2031-06-10T09:00:00Z'));
    expect((await lifecycle().renewalsAndCompletions()).reminded).toBe(1);
    await lifecycle().renewalsAndCompletions();
    expect(app.mail.to(menteeMember.email).filter((mail) => mail.subject === 'Your mentorship ends on 2031-07-01: renew?')).toHaveLength(1);

    const half = (await app.as(menteeMember).post(`/api/mentorship/mentorships/${id}/renew`).send({}).expect(200)).body.data as MentorshipView;
    expect(half.endDate).toBe('2031-07-01');
    expect(half.renewal.menteeAgreedAt).toBeTruthy();
    const both = (await app.as(mentorMember).post(`/api/mentorship/mentorships/${id}/renew`).send({}).expect(200)).body.data as MentorshipView;
    expect(both).toMatchObject({ endDate: '2032-01-01', renewal: { count: 1, mentorAgreedAt: null, menteeAgreedAt: null } });
    await app.mail.waitFor((mail) => mail.to.includes(mentorMember.email) && mail.subject === 'Your mentorship has been renewed' && mail.text.includes('until 2032-01-01'));

    // Not renewed again: after the new end date it completes and the mentor's place is free.
    app.clock.set(new Date('2032-01-03T09:00:00Z'));
    // (the cohort pair of the first test, ended in July 2031, completes in the same run)
    expect((await lifecycle().renewalsAndCompletions()).completed).toBe(2);
    expect((await lifecycle().renewalsAndCompletions()).completed).toBe(0);
    const done = (await app.as(menteeMember).get(`/api/mentorship/mentorships/${id}`).expect(200)).body.data as MentorshipView;
    expect(done.status).toBe('completed');
    const listing = await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { profile: { documentId: mentor.documentId } } });
    expect(listing).toMatchObject({ activeMentorships: 0, availability: 'available' });
  });

  it('when a listed mentor does not re-confirm within a year, then they are asked first, then unlisted and told; re-confirming lists them again', async () => {
    const listedAt = new Date('2031-02-01T09:00:00Z');
    app.clock.set(listedAt);
    const member = await registerMember(app, 'Dr Quiet');
    const profile = (await app.as(member).post(`/api/mentorship/programs/${exchange.slug}/profiles`).send({ role: 'mentor', displayName: 'Dr Quiet', answers: { expertise: ['research'], canMentor: ['student'], country: 'IT' } }).expect(201)).body.data;
    expect(profile.reconfirmBy).toBe('2032-02-01');

    app.clock.set(new Date('2032-01-10T09:00:00Z'));
    await jobs().reconfirmations();
    await jobs().reconfirmations();
    const asked = app.mail.to(member.email).filter((mail) => mail.subject === 'Please confirm you are still available to mentor');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.text).toContain('2032-02-01');

    app.clock.set(new Date('2032-02-03T09:00:00Z'));
    await Promise.all([jobs().reconfirmations(), jobs().reconfirmations()]);
    expect(app.mail.to(member.email).filter((mail) => mail.subject === 'Your mentor listing has been paused')).toHaveLength(1);
    const directory = (await app.as(member).get(`/api/mentorship/programs/${exchange.slug}/directory?q=quiet`).expect(200)).body;
    expect(directory.meta.total).toBe(0);

    const back = (await app.as(member).post(`/api/mentorship/profiles/${profile.documentId}/reconfirm`).send({}).expect(200)).body.data;
    expect(back).toMatchObject({ status: 'listed', reconfirmBy: '2033-02-03' });
    expect((await app.as(member).get(`/api/mentorship/programs/${exchange.slug}/directory?q=quiet`).expect(200)).body.meta.total).toBe(1);
  });
});

describe('capacity under concurrency', () => {
  let app: JourneyApp;
  let exchange: ProgramFixture;

  beforeAll(async () => {
    app = await startJourneyApp();
    exchange = await createProgram(app.strapi, 'mentor-exchange');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it(`when two accepts race for a mentor's last place (${process.env.TEST_DB ?? 'sqlite'}), then exactly one succeeds and the other gets a 409`, async () => {
    const mentorMember = await registerMember(app, 'Dr Last Place');
    const mentor = await createProfile(app.strapi, { member: mentorMember, program: exchange, role: 'mentor', displayName: 'Dr Last Place', capacity: 2 });
    const requests: string[] = [];
    const mentees: Member[] = [];
    for (const name of ['Ann', 'Ben', 'Cat']) {
      const member = await registerMember(app, name);
      mentees.push(member);
      await createProfile(app.strapi, { member, program: exchange, role: 'mentee', displayName: name });
      requests.push((await app.as(member).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: mentor.documentId, message: 'Hi' }).expect(201)).body.data.documentId);
    }
    await app.as(mentorMember).post(`/api/mentorship/requests/${requests[0]}/accept`).send({}).expect(200);

    // Without the row lock this fails on PostgreSQL (both accepts succeed); SQLite serialises writers.
    const responses = await Promise.all(requests.slice(1).map((id) => app.as(mentorMember).post(`/api/mentorship/requests/${id}/accept`).send({})));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const loser = responses.find((response) => response.status === 409)!;
    expect(loser.body.error).toMatchObject({ name: 'ConflictError', message: 'Dr Last Place has no place left (capacity 2)', details: { code: 'mentor-full' } });
    const live = await app.strapi.db.query('plugin::mentorship.mentorship').count({ where: { mentor: { documentId: mentor.documentId }, mentorshipStatus: { $in: ['active', 'pending-agreement'] } } });
    expect(live).toBe(2);
    // The losing request is still open (nothing half-done) and the listing shows the mentor full.
    const open = await app.strapi.db.query('plugin::mentorship.request').count({ where: { documentId: { $in: requests }, requestStatus: 'open' } });
    expect(open).toBe(1);
    const listing = await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { profile: { documentId: mentor.documentId } } });
    expect(listing).toMatchObject({ activeMentorships: 2, availability: 'full' });
  });
});
