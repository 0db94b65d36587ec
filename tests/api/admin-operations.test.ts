import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type MemberFixture, type ProgramFixture } from '../helpers/cohort';
import type { ApplicationView, EscalationView, ProgramDashboard, StaffMentorshipView } from '../../cms/shared/contracts/staff';

const ACTION = (name: string) => `plugin::mentorship.${name}`;

describe('admin operations: applications, dashboard, escalations, mentorships, audit', () => {
  let app: TestApp;
  let mail: MailSink;
  let admin: AdminSession;
  let reader: AdminSession;
  let nobody: AdminSession;
  let cohort: ProgramFixture;
  let directory: ProgramFixture;
  const members: Record<string, MemberFixture> = {};

  const escalate = async (mentee: MemberFixture, choices: MemberFixture[]) =>
    (await app.strapi.documents('plugin::mentorship.request').create({
      data: {
        program: cohort.documentId,
        sender: mentee.profileDocumentId,
        kind: 'mentoring',
        message: 'I would value guidance on hospital practice.',
        choices: choices.map((choice) => choice.profileDocumentId),
        requestStatus: 'escalated',
        escalatedAt: new Date().toISOString(),
      },
    } as never)) as unknown as { documentId: string };

  beforeAll(async () => {
    mail = await startMailSink();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(mail.port);
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, [ACTION('read')]), 'Reader');
    nobody = await createAdmin(app.strapi, await roleWith(app.strapi, []), 'Nobody');
    cohort = await createProgram(app.strapi);
    directory = await createProgram(app.strapi, { style: 'mentor-exchange' });
    members.ada = await createMember(app.strapi, cohort, 'mentor', { name: 'Ada Mentor', capacity: 2 });
    members.bo = await createMember(app.strapi, cohort, 'mentor', { name: 'Bo Mentor' });
    members.dee = await createMember(app.strapi, cohort, 'mentee', { name: 'Dee Mentee' });
    members.eli = await createMember(app.strapi, cohort, 'mentee', { name: 'Eli Mentee' });
    members.fay = await createMember(app.strapi, cohort, 'mentee', { name: 'Fay Mentee' });
    members.applicant = await createMember(app.strapi, cohort, 'mentee', { name: 'Nia Applicant', status: 'submitted' });
    members.outsider = await createMember(app.strapi, cohort, 'mentee', { name: 'Oli Outsider', status: 'submitted', answers: { studentMember: 'no' } });
    members.exchangeMentor = await createMember(app.strapi, directory, 'mentor', { name: 'Pia Exchange', status: 'submitted' });
  });

  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  describe('permissions on every admin route', () => {
    const id = 'abcdefghijklmnopqrstuvwx';
    const routes: [string, string, string][] = [
      ['get', '/mentorship/programs', 'read'],
      ['get', `/mentorship/programs/${id}/dashboard`, 'read'],
      ['get', `/mentorship/programs/${id}/pool`, 'read'],
      ['get', `/mentorship/programs/${id}/runs`, 'read'],
      ['post', '/mentorship/runs', 'runs.execute'],
      ['get', `/mentorship/runs/${id}`, 'read'],
      ['get', `/mentorship/runs/${id}/alternatives`, 'read'],
      ['post', `/mentorship/runs/${id}/approve`, 'runs.approve'],
      ['get', `/mentorship/programs/${id}/applications`, 'read'],
      ['post', `/mentorship/applications/${id}/review`, 'applications.review'],
      ['get', `/mentorship/programs/${id}/escalations`, 'read'],
      ['post', `/mentorship/escalations/${id}/assign`, 'escalations.manage'],
      ['post', `/mentorship/escalations/${id}/close`, 'escalations.manage'],
      ['get', `/mentorship/programs/${id}/mentorships`, 'read'],
      ['post', '/mentorship/mentorships', 'mentorships.manage'],
      ['post', `/mentorship/mentorships/${id}/reassign`, 'mentorships.manage'],
      ['post', `/mentorship/mentorships/${id}/end`, 'mentorships.manage'],
      ['get', `/mentorship/programs/${id}/audit`, 'read'],
    ];
    it.each(routes)('when %s %s is called without a token, then 401; by a role without %s, then 403; by the super admin, then the route answers', async (method, url, action) => {
      const call = (auth?: Record<string, string>) => {
        const pending = method === 'get' ? app.http().get(url) : app.http().post(url).send({});
        return auth ? pending.set(auth) : pending;
      };
      await call().expect(401);
      await call(nobody.auth).expect(403);
      if (action !== 'read') await call(reader.auth).expect(403);
      // The super admin passes the permission check: what remains is the route's own answer
      // (an empty body is a 400 naming a field, an unknown id a 404).
      const passed = await call(admin.auth);
      expect([200, 400, 404]).toContain(passed.status);
      if (passed.status === 400) expect(passed.body.error.message).toMatch(/^(body|query|id|programId)|\w+: /);
    });
  });

  describe('applications', () => {
    it('when staff open the queue, then each submitted profile shows its answers and eligibility rule by rule', async () => {
      const response = await app.http().get(`/mentorship/programs/${cohort.documentId}/applications`).set(reader.auth).expect(200);
      const queue = response.body.data as ApplicationView[];
      expect(queue.map((item) => item.displayName)).toEqual(['Nia Applicant', 'Oli Outsider']);
      const [nia, oli] = queue;
      expect(nia?.email).toBe(members.applicant!.email);
      expect(nia?.eligibility).toEqual({ eligible: true, outcomes: [expect.objectContaining({ field: 'studentMember', label: 'Student member?', passed: true })] });
      expect(oli?.eligibility.eligible).toBe(false);
      expect(oli?.eligibility.outcomes[0]).toMatchObject({ passed: false, message: 'The cohort is open to student members.' });
      expect(nia?.answers.find((answer) => answer.key === 'interests')).toEqual({ key: 'interests', label: 'Interests', value: 'oncology' });
      const bad = await app.http().get(`/mentorship/programs/${cohort.documentId}/applications?role=admin`).set(reader.auth).expect(400);
      expect(bad.body.error.message).toMatch(/^query\.role/);
    });

    it('when a reviewer rejects without a reason or with unknown fields, then 400 names the field and nothing changes', async () => {
      const url = `/mentorship/applications/${members.outsider!.profileDocumentId}/review`;
      const noReason = await app.http().post(url).set(admin.auth).send({ decision: 'reject' }).expect(400);
      expect(noReason.body.error.message).toMatch(/^body\.reason/);
      const badDecision = await app.http().post(url).set(admin.auth).send({ decision: 'maybe' }).expect(400);
      expect(badDecision.body.error.message).toMatch(/^body\.decision/);
      const extra = await app.http().post(url).set(admin.auth).send({ decision: 'approve', score: 3 }).expect(400);
      expect(extra.body.error.message).toMatch(/^body/);
      const profile = await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { documentId: members.outsider!.profileDocumentId } });
      expect(profile.profileStatus).toBe('submitted');
    });

    it('when staff reject with a reason, then the profile is rejected, the member is e-mailed the reason, and a second review is a 409', async () => {
      const url = `/mentorship/applications/${members.outsider!.profileDocumentId}/review`;
      const response = await app.http().post(url).set(admin.auth).send({ decision: 'reject', reason: 'The cohort is for student members only.' }).expect(200);
      expect(response.body.data.status).toBe('rejected');
      const message = await mail.waitFor((item) => item.to.includes(members.outsider!.email));
      expect(message.text).toContain('The cohort is for student members only.');
      await app.http().post(url).set(admin.auth).send({ decision: 'approve' }).expect(409);
    });

    it('when staff approve a mentee of a cohort and a mentor of a directory program, then the mentee joins the pool and the mentor is listed', async () => {
      const mentee = await app.http().post(`/mentorship/applications/${members.applicant!.profileDocumentId}/review`).set(admin.auth).send({ decision: 'approve' }).expect(200);
      expect(mentee.body.data.status).toBe('approved');
      await mail.waitFor((item) => item.to.includes(members.applicant!.email) && /approved/i.test(item.subject));
      const mentor = await app.http().post(`/mentorship/applications/${members.exchangeMentor!.profileDocumentId}/review`).set(admin.auth).send({ decision: 'approve' }).expect(200);
      expect(mentor.body.data.status).toBe('listed');
      const listing = await app.strapi.db.query('plugin::mentorship.directory-listing').findOne({ where: { displayName: 'Pia Exchange' } });
      expect(listing?.listed).toBe(true);
      const pool = await app.http().get(`/mentorship/programs/${cohort.documentId}/pool`).set(reader.auth).expect(200);
      expect(pool.body.data.mentees.map((item: { displayName: string }) => item.displayName)).toContain('Nia Applicant');
    });
  });

  describe('mentorships on members\' behalf', () => {
    let created: StaffMentorshipView;

    it('when staff create a mentorship with bad input, then 400 names the field', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ programDocumentId: cohort.documentId, mentorProfileDocumentId: members.ada!.profileDocumentId }, /^body\.menteeProfileDocumentId/],
        [{ programDocumentId: cohort.documentId, mentorProfileDocumentId: members.dee!.profileDocumentId, menteeProfileDocumentId: members.eli!.profileDocumentId }, /^mentorProfileDocumentId/],
        [{ programDocumentId: cohort.documentId, mentorProfileDocumentId: members.ada!.profileDocumentId, menteeProfileDocumentId: members.exchangeMentor!.profileDocumentId }, /^menteeProfileDocumentId/],
      ];
      for (const [body, message] of cases) {
        const response = await app.http().post('/mentorship/mentorships').set(admin.auth).send(body).expect(400);
        expect(response.body.error.message).toMatch(message);
      }
    });

    it('when staff create, reassign and end mentorships, then each happens through the mentorship rules and leaves an audit entry', async () => {
      const response = await app
        .http()
        .post('/mentorship/mentorships')
        .set(admin.auth)
        .send({ programDocumentId: cohort.documentId, mentorProfileDocumentId: members.bo!.profileDocumentId, menteeProfileDocumentId: members.dee!.profileDocumentId, note: 'Agreed at the orientation day' })
        .expect(201);
      created = response.body.data;
      expect(created).toMatchObject({ mentorName: 'Bo Mentor', menteeName: 'Dee Mentee', source: 'staff' });
      // Bo has one place: a second mentee is a conflict, not a silent overbooking.
      const full = await app
        .http()
        .post('/mentorship/mentorships')
        .set(admin.auth)
        .send({ programDocumentId: cohort.documentId, mentorProfileDocumentId: members.bo!.profileDocumentId, menteeProfileDocumentId: members.eli!.profileDocumentId });
      expect(full.status).toBe(409);

      const same = await app.http().post(`/mentorship/mentorships/${created.documentId}/reassign`).set(admin.auth).send({ mentorProfileDocumentId: members.bo!.profileDocumentId, reason: 'no change' }).expect(400);
      expect(same.body.error.message).toMatch(/^mentorProfileDocumentId/);
      const noReason = await app.http().post(`/mentorship/mentorships/${created.documentId}/reassign`).set(admin.auth).send({ mentorProfileDocumentId: members.ada!.profileDocumentId }).expect(400);
      expect(noReason.body.error.message).toMatch(/^body\.reason/);
      const reassigned = await app
        .http()
        .post(`/mentorship/mentorships/${created.documentId}/reassign`)
        .set(admin.auth)
        .send({ mentorProfileDocumentId: members.ada!.profileDocumentId, reason: 'Schedules did not fit' })
        .expect(200);
      expect(reassigned.body.data).toMatchObject({ mentorName: 'Ada Mentor', menteeName: 'Dee Mentee' });
      const old = await app.strapi.db.query('plugin::mentorship.mentorship').findOne({ where: { documentId: created.documentId } });
      expect(old.mentorshipStatus).toBe('ended');
      expect(old.endedReason).toBe('Schedules did not fit');

      const ended = await app.http().post(`/mentorship/mentorships/${reassigned.body.data.documentId}/end`).set(admin.auth).send({ reason: 'Mentee left the programme' }).expect(200);
      expect(ended.body.data.status).toBe('ended');
      await app.http().post(`/mentorship/mentorships/${reassigned.body.data.documentId}/end`).set(admin.auth).send({ reason: 'again' }).expect(409);

      const list = await app.http().get(`/mentorship/programs/${cohort.documentId}/mentorships`).set(reader.auth).expect(200);
      expect(list.body.data).toHaveLength(2);
      const audit = await app.http().get(`/mentorship/programs/${cohort.documentId}/audit`).set(reader.auth).expect(200);
      const actions = audit.body.data.map((entry: { action: string }) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['mentorship.created', 'mentorship.reassigned', 'mentorship.ended', 'application.approved', 'application.rejected']));
      const reassignEntry = audit.body.data.find((entry: { action: string }) => entry.action === 'mentorship.reassigned');
      expect(reassignEntry.actor.email).toBe(admin.email);
      expect(reassignEntry.details).toMatchObject({ reason: 'Schedules did not fit', to: members.ada!.profileDocumentId });
      expect(new Date(reassignEntry.at).getTime()).toBeGreaterThan(Date.now() - 60000);
    });
  });

  describe('escalations', () => {
    it('when staff assign a mentor to an escalated request, then a mentorship starts, the request closes and the mentee is told', async () => {
      const request = await escalate(members.eli!, [members.bo!]);
      const queue = await app.http().get(`/mentorship/programs/${cohort.documentId}/escalations`).set(reader.auth).expect(200);
      const item = (queue.body.data as EscalationView[]).find((entry) => entry.documentId === request.documentId);
      expect(item).toMatchObject({ menteeName: 'Eli Mentee', choices: [{ mentorName: 'Bo Mentor', mentorProfileDocumentId: members.bo!.profileDocumentId }] });

      const bad = await app.http().post(`/mentorship/escalations/${request.documentId}/assign`).set(admin.auth).send({ mentorProfileDocumentId: members.fay!.profileDocumentId }).expect(400);
      expect(bad.body.error.message).toMatch(/^mentorProfileDocumentId/);
      const response = await app.http().post(`/mentorship/escalations/${request.documentId}/assign`).set(admin.auth).send({ mentorProfileDocumentId: members.ada!.profileDocumentId }).expect(200);
      expect(response.body.data).toMatchObject({ mentorName: 'Ada Mentor', menteeName: 'Eli Mentee', source: 'staff' });
      const stored = await app.strapi.db.query('plugin::mentorship.request').findOne({ where: { documentId: request.documentId }, populate: ['mentorship'] });
      expect(stored.requestStatus).toBe('closed');
      expect(stored.mentorship?.documentId).toBe(response.body.data.documentId);
      expect(stored.history.at(-1)).toMatchObject({ event: 'assigned-by-staff', profile: members.ada!.profileDocumentId });
      const message = await mail.waitFor((entry) => entry.to.includes(members.eli!.email) && entry.subject.includes('found you a mentor'));
      expect(message.text).toContain('Ada Mentor');
      await app.http().post(`/mentorship/escalations/${request.documentId}/assign`).set(admin.auth).send({ mentorProfileDocumentId: members.ada!.profileDocumentId }).expect(409);
    });

    it('when staff close an escalated request, then it closes with the reason and the mentee is told', async () => {
      const request = await escalate(members.fay!, []);
      const short = await app.http().post(`/mentorship/escalations/${request.documentId}/close`).set(admin.auth).send({ reason: '' }).expect(400);
      expect(short.body.error.message).toMatch(/^body\.reason/);
      await app.http().post(`/mentorship/escalations/${request.documentId}/close`).set(admin.auth).send({ reason: 'No mentor with your languages this term.' }).expect(200);
      const stored = await app.strapi.db.query('plugin::mentorship.request').findOne({ where: { documentId: request.documentId } });
      expect(stored.requestStatus).toBe('closed');
      const message = await mail.waitFor((entry) => entry.to.includes(members.fay!.email));
      expect(message.text).toContain('No mentor with your languages this term.');
      const queue = await app.http().get(`/mentorship/programs/${cohort.documentId}/escalations`).set(reader.auth).expect(200);
      expect(queue.body.data).toEqual([]);
    });
  });

  describe('dashboard', () => {
    it('when staff open a program dashboard, then the counts and chart series reflect the program', async () => {
      await escalate(members.fay!, [members.bo!]);
      await app.strapi.documents('plugin::mentorship.request').create({
        data: { program: cohort.documentId, sender: members.fay!.profileDocumentId, addressee: members.bo!.profileDocumentId, kind: 'mentoring', requestStatus: 'open', deadline: new Date(Date.now() - 86400000).toISOString() },
      } as never);
      const response = await app.http().get(`/mentorship/programs/${cohort.documentId}/dashboard`).set(reader.auth).expect(200);
      const dashboard = response.body.data as ProgramDashboard;
      expect(dashboard.program.documentId).toBe(cohort.documentId);
      expect(dashboard.counts).toEqual({
        mentors: 2,
        mentees: 4,
        listedMentors: 0,
        pendingApplications: 0,
        openRequests: 1,
        overdueRequests: 1,
        escalations: 1,
        activeMentorships: 1,
        belowEngagement: 0,
      });
      expect(dashboard.profilesByStatus.find((row) => row.status === 'approved')).toEqual({ status: 'approved', mentors: 2, mentees: 4 });
      expect(dashboard.profilesByStatus.find((row) => row.status === 'rejected')).toEqual({ status: 'rejected', mentors: 0, mentees: 1 });
      expect(dashboard.mentorLoad).toEqual([
        { load: 0, mentors: 1 },
        { load: 1, mentors: 1 },
      ]);
      const missing = await app.http().get('/mentorship/programs/abcdefghijklmnopqrstuvwx/dashboard').set(reader.auth);
      expect(missing.status).toBe(404);
    });
  });
});
