import type { RequestView } from '../../cms/shared/contracts/members';
import type { EscalationView, RunDetail, StaffMentorshipView } from '../../cms/shared/contracts/staff';
import { contentManager, errorPaths } from '../helpers/admin';
import {
  createProfile,
  createProgram,
  mentorAnswers,
  menteeAnswers,
  registerMember,
  startJourneyApp,
  type JourneyApp,
  type Member,
  type ProgramFixture,
} from '../helpers/journeys';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import { superAdmin, type AdminSession } from '../helpers/staff-admin';

const PROGRAM = 'plugin::mentorship.program';

/**
 * The ranked cascade (seed 004) and the guided cohort (seed 002) as their associations describe them,
 * over HTTP with members' users-permissions JWTs, staff's admin tokens and the test SMTP server.
 */
describe('ranked request with cascade (seed 004): the office reviews, silence passes the request on, staff allocate', () => {
  let app: JourneyApp;
  let staff: AdminSession;
  let ranked: ProgramFixture;
  const jobs = () => app.service<{ runAll(at?: Date): Promise<Record<string, unknown>> }>('jobs');

  beforeAll(async () => {
    app = await startJourneyApp();
    staff = await superAdmin(app.strapi);
    // The style's rules, as the program office set them: applications reviewed, three choices, three weeks each.
    ranked = await createProgram(app.strapi, 'ranked-cascade', { menteeApprovalRequired: true });
  });
  afterAll(async () => {
    app?.clock.set(null);
    await app?.stop();
  });

  it('when a mentee applies, then the office reviews her application before she can name her mentors', async () => {
    const nia = await registerMember(app, 'Nia');
    const applied = await app.as(nia).post(`/api/mentorship/programs/${ranked.slug}/profiles`).send({ role: 'mentee', displayName: 'Nia Clarke', answers: menteeAnswers() }).expect(201);
    expect(applied.body.data.status).toBe('submitted');
    const mentor = await registerMember(app, 'Dr Early');
    const listed = await createProfile(app.strapi, { member: mentor, program: ranked, role: 'mentor', displayName: 'Dr Early' });
    const early = await app.as(nia).post(`/api/mentorship/programs/${ranked.slug}/requests`).send({ choices: [listed.documentId], message: 'Hello' }).expect(403);
    expect(early.body.error.message).toMatch(/submitted; it must be approved/);

    const queue = await app.http().get(`/mentorship/programs/${ranked.documentId}/applications?role=mentee`).set(staff.auth).expect(200);
    expect(queue.body.data.map((application: { displayName: string }) => application.displayName)).toEqual(['Nia Clarke']);
    await app.http().post(`/mentorship/applications/${applied.body.data.documentId}/review`).set(staff.auth).send({ decision: 'approve' }).expect(200);
    const approved = await app.mail.waitFor((mail) => mail.to.includes(nia.email) && mail.subject === 'Your mentee application was approved');
    expect(approved.text).toContain(`approved`);
    await app.as(nia).post(`/api/mentorship/programs/${ranked.slug}/requests`).send({ choices: [listed.documentId], message: 'Hello' }).expect(201);
  });

  it('when each chosen mentor stays silent for three weeks, then each is told the request was passed on, the next choice receives it, and after the last staff allocate a mentor and both get the other\'s address', async () => {
    const start = new Date('2031-03-01T09:00:00Z');
    app.clock.set(start);
    const mentee = await registerMember(app, 'Rosa');
    const applied = await app.as(mentee).post(`/api/mentorship/programs/${ranked.slug}/profiles`).send({ role: 'mentee', displayName: 'Rosa Almeida', answers: menteeAnswers() }).expect(201);
    await app.http().post(`/mentorship/applications/${applied.body.data.documentId}/review`).set(staff.auth).send({ decision: 'approve' }).expect(200);
    const mentors: { member: Member; profile: string; name: string }[] = [];
    for (const name of ['Dr First', 'Dr Second', 'Dr Third', 'Dr Office Pick']) {
      const member = await registerMember(app, name);
      mentors.push({ member, name, profile: (await createProfile(app.strapi, { member, program: ranked, role: 'mentor', displayName: name })).documentId });
    }
    const [first, second, third, pick] = mentors as [(typeof mentors)[0], (typeof mentors)[0], (typeof mentors)[0], (typeof mentors)[0]];

    const created = await app.as(mentee).post(`/api/mentorship/programs/${ranked.slug}/requests`)
      .send({ choices: [first.profile, second.profile, third.profile], message: 'I would like support with assessment design.' })
      .expect(201);
    const request = created.body.data as RequestView;
    expect(request).toMatchObject({ currentChoice: 0, addressee: { displayName: 'Dr First' } });
    await app.mail.waitFor((mail) => mail.to.includes(first.member.email) && mail.text.includes('assessment design'));

    // Three weeks of silence from each choice in turn.
    for (const [index, current] of [first, second, third].entries()) {
      const before = (await app.as(mentee).get(`/api/mentorship/requests/${request.documentId}`).expect(200)).body.data as RequestView;
      expect(before.addressee?.displayName).toBe(current.name);
      app.clock.set(new Date(Date.parse(before.deadline!) + 60_000));
      await jobs().runAll();
      await jobs().runAll();
      const told = await app.mail.waitFor((mail) => mail.to.includes(current.member.email) && mail.subject === 'The request from Rosa Almeida has been passed on');
      expect(told.text).toContain(`We did not hear from you by ${before.deadline!.slice(0, 10)} about the mentoring request from Rosa Almeida`);
      if (index < 2) {
        expect(told.text).toContain('passed it on to their next choice of mentor');
        const next = [second, third][index]!;
        // The silent mentor is not told who the mentee chose next.
        expect(told.text).not.toContain(next.name);
        await app.mail.waitFor((mail) => mail.to.includes(next.member.email) && mail.subject.includes('Rosa Almeida') && mail.text.includes('assessment design'));
        await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.text.includes(`choice number ${index + 2}`));
      } else {
        expect(told.text).toContain('passed it on to the program office, who will help Rosa Almeida find a mentor');
      }
      // Once only, however often the job runs.
      expect(app.mail.to(current.member.email).filter((mail) => mail.subject.includes('has been passed on'))).toHaveLength(1);
    }
    const escalated = (await app.as(mentee).get(`/api/mentorship/requests/${request.documentId}`).expect(200)).body.data as RequestView;
    expect(escalated.status).toBe('escalated');
    expect(escalated.history!.map((event) => event.event)).toEqual(['sent', 'expired', 'forwarded', 'expired', 'forwarded', 'expired', 'escalated']);
    await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'We will help you find a mentor');

    // Staff follow up: they see the request with its three choices and allocate another mentor.
    const queue = (await app.http().get(`/mentorship/programs/${ranked.slug}/escalations`).set(staff.auth).expect(200)).body.data as EscalationView[];
    const item = queue.find((entry) => entry.documentId === request.documentId)!;
    expect(item.choices.map((choice) => choice.mentorName)).toEqual(['Dr First', 'Dr Second', 'Dr Third']);
    const assigned = await app.http().post(`/mentorship/escalations/${request.documentId}/assign`).set(staff.auth).send({ mentorProfileDocumentId: pick.profile, note: 'Spoke with Rosa by phone' }).expect(200);
    expect(assigned.body.data).toMatchObject({ mentorName: 'Dr Office Pick', menteeName: 'Rosa Almeida', source: 'staff' });

    // The office e-mails both, each with the other's e-mail address.
    const toMentor = await app.mail.waitFor((mail) => mail.to.includes(pick.member.email) && mail.subject.includes('partner: Rosa Almeida'));
    expect(toMentor.text).toContain(`You can reach them at ${mentee.email}`);
    expect(toMentor.text).toContain('Rosa Almeida');
    const toMentee = await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'The program office has found you a mentor');
    expect(toMentee.text).toContain('paired you with Dr Office Pick');
    expect(toMentee.text).toContain(`You can reach Dr Office Pick at ${pick.member.email}`);
    const introduction = await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject.includes('partner: Dr Office Pick'));
    expect(introduction.text).toContain(pick.member.email);

    // No time limit, and the members' API shows each the other's address too.
    const mentorship = (await app.as(mentee).get(`/api/mentorship/mentorships/${assigned.body.data.documentId}`).expect(200)).body.data;
    expect(mentorship).toMatchObject({ status: 'active', endDate: null, mentor: { email: pick.member.email } });
    const seenByMentor = (await app.as(pick.member).get(`/api/mentorship/mentorships/${assigned.body.data.documentId}`).expect(200)).body.data;
    expect(seenByMentor.mentee.email).toBe(mentee.email);
  });
});

describe('guided cohort (seed 002): a term, places that limit who is selected, and a kind word to those not selected', () => {
  let app: JourneyApp;
  let matcher: RunningMatcher;
  let staff: AdminSession;
  const TERM = { enrollmentOpensAt: '2031-08-01T00:00:00.000Z', enrollmentClosesAt: '2031-09-09T23:59:00.000Z', matchAnnouncedBy: '2031-09-30', kickoffOn: '2031-10-01', termEndsOn: '2032-03-31' };

  const waitForRun = async (documentId: string): Promise<RunDetail> => {
    await app.service<{ whenIdle(): Promise<void> }>('runs').whenIdle();
    return (await app.http().get(`/mentorship/runs/${documentId}`).set(staff.auth).expect(200)).body.data as RunDetail;
  };
  const runAndApprove = async (program: ProgramFixture, approveOn: string) => {
    const started = await app.http().post('/mentorship/runs').set(staff.auth).send({ programDocumentId: program.documentId }).expect(202);
    const run = await waitForRun(started.body.data.documentId);
    expect(run.status).toBe('succeeded');
    app.clock.set(new Date(`${approveOn}T10:00:00Z`));
    const approved = await app.http().post(`/mentorship/runs/${run.documentId}/approve`).set(staff.auth).send({}).expect(200);
    return { run, approved: approved.body.data as { created: number; emailsQueued: number } };
  };

  beforeAll(async () => {
    matcher = await startMatcher(process.env.MATCHER_TOKEN!);
    process.env.MATCHER_URL = matcher.url;
    app = await startJourneyApp();
    staff = await superAdmin(app.strapi);
  });
  afterAll(async () => {
    app?.clock.set(null);
    await app?.stop();
    await matcher?.stop();
  });

  it('when an editor sets the term in the Content Manager, then a kick-off after the term end, or half a term, is a 400 naming the field', async () => {
    const program = await createProgram(app.strapi, 'guided-cohort', TERM);
    const editor = contentManager(app, staff.token);
    const backwards = await editor.update(PROGRAM, program.documentId, { kickoffOn: '2032-04-01' });
    expect(backwards.status).toBe(400);
    expect(errorPaths(backwards.body)).toEqual(['termEndsOn']);
    expect(backwards.body.error.message).toContain('the term must end after the kick-off');
    const half = await editor.update(PROGRAM, program.documentId, { termEndsOn: null });
    expect(half.status).toBe(400);
    expect(errorPaths(half.body)).toEqual(['termEndsOn']);
    const late = await editor.update(PROGRAM, program.documentId, { matchAnnouncedBy: '2031-10-15' });
    expect(late.status).toBe(400);
    expect(errorPaths(late.body)).toEqual(['matchAnnouncedBy']);
    const moved = await editor.update(PROGRAM, program.documentId, { kickoffOn: '2031-10-06' });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ kickoffOn: '2031-10-06', termEndsOn: '2032-03-31' });
  });

  it('when more members apply than there are places, then every application is accepted and waits; staff match at most the places, the pairs run from the kick-off to the term end, and the others are told kindly', async () => {
    app.clock.set(new Date('2031-09-01T09:00:00Z'));
    const cohort = await createProgram(app.strapi, 'guided-cohort', { ...TERM, menteeSeats: 2, mentorSeats: 4 });
    const apply = async (name: string, role: 'mentor' | 'mentee', answers: Record<string, unknown>) => {
      const member = await registerMember(app, name);
      const response = await app.as(member).post(`/api/mentorship/programs/${cohort.slug}/profiles`).send({ role, displayName: name, answers });
      expect({ name, status: response.status, profileStatus: response.body.data?.status }).toEqual({ name, status: 201, profileStatus: 'submitted' });
      return { member, name, profile: response.body.data.documentId as string };
    };
    // Two places, four mentees: Ana and Ben fit a mentor exactly; Cai and Dia less well.
    const mentors = [
      await apply('Dr Heart', 'mentor', mentorAnswers({ expertise: ['cardiology'], canMentor: ['resident'] })),
      await apply('Dr Tumour', 'mentor', mentorAnswers({ expertise: ['oncology'], canMentor: ['resident'] })),
      await apply('Dr Trial', 'mentor', mentorAnswers({ expertise: ['research'], canMentor: ['student'] })),
      await apply('Dr Ward', 'mentor', mentorAnswers({ expertise: ['pharmacy'], canMentor: ['student'] })),
    ];
    const [ana, ben, cai, dia] = [
      await apply('Ana', 'mentee', menteeAnswers({ interests: ['cardiology'], careerStage: 'resident' })),
      await apply('Ben', 'mentee', menteeAnswers({ interests: ['oncology'], careerStage: 'resident' })),
      await apply('Cai', 'mentee', menteeAnswers({ interests: ['research'], careerStage: 'early-career' })),
      await apply('Dia', 'mentee', menteeAnswers({ interests: ['pharmacy'], careerStage: 'mid-career' })),
    ];
    const me = (await app.as(dia.member).get('/api/mentorship/me').expect(200)).body.data;
    expect(me.profiles.find((profile: { documentId: string }) => profile.documentId === dia.profile).status).toBe('submitted');

    // The office reviews every application (applying does not guarantee a place).
    const reviewed = await app.http().post(`/mentorship/programs/${cohort.documentId}/applications/review`).set(staff.auth)
      .send({ decision: 'approve', profileDocumentIds: [...mentors, ana, ben, cai, dia].map((person) => person.profile) })
      .expect(200);
    expect(reviewed.body.data.failed).toEqual([]);

    // Staff run the matching before the kick-off and approve on 20 September.
    const { run, approved } = await runAndApprove(cohort, '2031-09-20');
    expect(run.menteeCount).toBe(4);
    expect(run.result!.pairs.map((pair) => pair.menteeName).sort()).toEqual(['Ana', 'Ben']);
    const left = run.result!.unmatched.filter((item) => item.code === 'no-place-left');
    expect(left.map((item) => item.menteeName).sort()).toEqual(['Cai', 'Dia']);
    for (const item of left) {
      expect(item.reason).toBe('No place left in this cohort: its 2 mentee places went to higher-scoring pairs');
      expect(item.bestScore!).toBeLessThanOrEqual(Math.min(...run.result!.pairs.map((pair) => pair.score)));
    }
    expect(approved.created).toBe(2);
    expect(approved.emailsQueued).toBe(2 * 2 + 2);

    // Every pair runs from the kick-off to the term's end, whatever day staff approved.
    const mentorships = (await app.http().get(`/mentorship/programs/${cohort.documentId}/mentorships`).set(staff.auth).expect(200)).body.data as StaffMentorshipView[];
    expect(mentorships.map((item) => [item.menteeName, item.startedAt, item.endsAt]).sort()).toEqual([
      ['Ana', '2031-10-01', '2032-03-31'],
      ['Ben', '2031-10-01', '2032-03-31'],
    ]);
    const toAna = await app.mail.waitFor((mail) => mail.to.includes(ana.member.email) && mail.subject.includes('partner'));
    expect(toAna.text).toContain('The mentorship starts on 2031-10-01 and runs until 2032-03-31');

    // Those not selected are told, in the template's words; the selected are not.
    for (const person of [cai, dia]) {
      const kind = await app.mail.waitFor((mail) => mail.to.includes(person.member.email) && mail.subject.startsWith('About your application to'));
      expect(kind.text).toContain('We received more applications than the 2 places this cohort has, and we are sorry that we cannot offer you a place this time.');
      expect(kind.text).toContain('We would be glad to see you apply again for a future cohort.');
    }
    for (const person of [ana, ben]) expect(app.mail.to(person.member.email).filter((mail) => mail.subject.startsWith('About your application to'))).toEqual([]);
    const outbox = await app.strapi.db.query('plugin::mentorship.outbox-message').findMany({ where: { templateKey: 'cohort.not-selected', programDocumentId: cohort.documentId } });
    expect(outbox).toHaveLength(2);
  });

  it('when staff approve the matching after the kick-off, then the pairs start on the approval day and still end at the term end', async () => {
    app.clock.set(new Date('2031-10-05T09:00:00Z'));
    const late = await createProgram(app.strapi, 'guided-cohort', { ...TERM, menteeSeats: 5 });
    const mentor = await registerMember(app, 'Dr Late');
    await createProfile(app.strapi, { member: mentor, program: late, role: 'mentor', displayName: 'Dr Late', profileStatus: 'approved' });
    const mentee = await registerMember(app, 'Eve');
    await createProfile(app.strapi, { member: mentee, program: late, role: 'mentee', displayName: 'Eve', profileStatus: 'approved' });
    const { approved } = await runAndApprove(late, '2031-10-12');
    expect(approved.created).toBe(1);
    const [only] = (await app.http().get(`/mentorship/programs/${late.documentId}/mentorships`).set(staff.auth).expect(200)).body.data as StaffMentorshipView[];
    expect(only).toMatchObject({ startedAt: '2031-10-12', endsAt: '2032-03-31' });
    const introduction = await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject.includes('partner'));
    expect(introduction.text).toContain('The mentorship starts on 2031-10-12 and runs until 2032-03-31');

    // After the term no pair can start in it.
    app.clock.set(new Date('2032-04-02T09:00:00Z'));
    const other = await registerMember(app, 'Fin');
    await createProfile(app.strapi, { member: other, program: late, role: 'mentee', displayName: 'Fin', profileStatus: 'approved' });
    const mentor2 = await registerMember(app, 'Dr After');
    await createProfile(app.strapi, { member: mentor2, program: late, role: 'mentor', displayName: 'Dr After', profileStatus: 'approved' });
    const started = await app.http().post('/mentorship/runs').set(staff.auth).send({ programDocumentId: late.documentId }).expect(202);
    const run = await waitForRun(started.body.data.documentId);
    const refused = await app.http().post(`/mentorship/runs/${run.documentId}/approve`).set(staff.auth).send({}).expect(409);
    expect(refused.body.error).toMatchObject({ message: expect.stringContaining('ended on 2032-03-31'), details: { code: 'term-ended' } });
  });
});
