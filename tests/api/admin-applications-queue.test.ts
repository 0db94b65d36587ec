import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type MemberFixture, type ProgramFixture } from '../helpers/cohort';
import type { ApplicationsMeta, ApplicationView, BulkReviewResponse } from '../../cms/shared/contracts/staff';

/** The applications queue as staff work it: filtered, searched, sorted, paged, and reviewed many at once. */
describe('admin applications queue', () => {
  let app: TestApp;
  let mail: MailSink;
  let admin: AdminSession;
  let reader: AdminSession;
  let program: ProgramFixture;
  const applicants: MemberFixture[] = [];

  const list = async (query: Record<string, string | number | boolean>) => {
    const response = await app.http().get(`/mentorship/programs/${program.documentId}/applications`).query(query).set(reader.auth).expect(200);
    return response.body as { data: ApplicationView[]; meta: ApplicationsMeta };
  };

  beforeAll(async () => {
    mail = await startMailSink();
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(mail.port);
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, ['plugin::mentorship.read']), 'Reader');
    program = await createProgram(app.strapi);
    // Five mentees (two not student members, so not eligible) and two mentors, all submitted.
    for (const [name, student] of [['Quinn Applicant', 'yes'], ['Avery Applicant', 'no'], ['Blake Applicant', 'yes'], ['Casey Applicant', 'no'], ['Drew Applicant', 'yes']] as const) {
      applicants.push(await createMember(app.strapi, program, 'mentee', { name, status: 'submitted', answers: { studentMember: student } }));
    }
    applicants.push(await createMember(app.strapi, program, 'mentor', { name: 'Emery Mentor', status: 'submitted' }));
    applicants.push(await createMember(app.strapi, program, 'mentor', { name: 'Finley Mentor', status: 'submitted' }));
  });

  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  it('when staff filter by role and eligibility, search and sort by name, then the queue shows just those, with counts', async () => {
    const notEligible = await list({ role: 'mentee', eligible: false, sort: 'name' });
    expect(notEligible.data.map((item) => item.displayName)).toEqual(['Avery Applicant', 'Casey Applicant']);
    expect(notEligible.meta.counts).toEqual({ eligible: 0, notEligible: 2 });
    const mentees = await list({ role: 'mentee', sort: 'name' });
    expect(mentees.data.map((item) => item.displayName)).toEqual(['Avery Applicant', 'Blake Applicant', 'Casey Applicant', 'Drew Applicant', 'Quinn Applicant']);
    expect(mentees.meta.counts).toEqual({ eligible: 3, notEligible: 2 });
    const searched = await list({ q: 'MENTOR' });
    expect(searched.data.map((item) => item.displayName).sort()).toEqual(['Emery Mentor', 'Finley Mentor']);
    const byEmail = await list({ q: applicants[0].email });
    expect(byEmail.data.map((item) => item.displayName)).toEqual(['Quinn Applicant']);
  });

  it('when staff page through the queue, then each page holds pageSize items in order and the last one the rest', async () => {
    const first = await list({ sort: 'name', page: 1, pageSize: 3 });
    expect(first.meta.pagination).toEqual({ page: 1, pageSize: 3, total: 7, pageCount: 3 });
    const third = await list({ sort: 'name', page: 3, pageSize: 3 });
    expect(third.data.map((item) => item.displayName)).toEqual(['Quinn Applicant']);
    const second = await list({ sort: 'name', page: 2, pageSize: 3 });
    expect([...first.data, ...second.data, ...third.data].map((item) => item.displayName)).toEqual([
      'Avery Applicant', 'Blake Applicant', 'Casey Applicant', 'Drew Applicant', 'Emery Mentor', 'Finley Mentor', 'Quinn Applicant',
    ]);
    const oldestLast = await list({ sort: 'submitted-desc' });
    expect(oldestLast.data[oldestLast.data.length - 1].displayName).toBe('Quinn Applicant');
    expect(oldestLast.meta.pagination.total).toBe(7);
  });

  it('when the query is malformed, then 400 names the parameter', async () => {
    const bad = async (query: Record<string, string>, field: RegExp) =>
      expect((await app.http().get(`/mentorship/programs/${program.documentId}/applications`).query(query).set(reader.auth).expect(400)).body.error.message).toMatch(field);
    await bad({ page: '0' }, /^query\.page/);
    await bad({ pageSize: '1000' }, /^query\.pageSize/);
    await bad({ eligible: 'maybe' }, /^query\.eligible/);
    await bad({ sort: 'random' }, /^query\.sort/);
    await bad({ colour: 'red' }, /^query/);
  });

  it('when staff reject many applications with one reason, then each is rejected and told once, and a repeat or a stranger\'s id is listed as failed', async () => {
    const path = `/mentorship/programs/${program.documentId}/applications/review`;
    const targets = [applicants[1].profileDocumentId, applicants[3].profileDocumentId];
    await app.http().post(path).set(reader.auth).send({ profileDocumentIds: targets, decision: 'reject', reason: 'Not a student member' }).expect(403);
    expect((await app.http().post(path).set(admin.auth).send({ profileDocumentIds: targets, decision: 'reject' }).expect(400)).body.error.message).toMatch(/^body\.reason/);
    expect((await app.http().post(path).set(admin.auth).send({ profileDocumentIds: [], decision: 'approve' }).expect(400)).body.error.message).toMatch(/^body\.profileDocumentIds/);

    const other = await createProgram(app.strapi);
    const stranger = await createMember(app.strapi, other, 'mentee', { name: 'Other Applicant', status: 'submitted' });
    const response = await app.http().post(path).set(admin.auth).send({ profileDocumentIds: [...targets, stranger.profileDocumentId], decision: 'reject', reason: 'Not a student member' }).expect(200);
    const result = response.body.data as BulkReviewResponse;
    expect(result.reviewed.map((item) => [item.displayName, item.status])).toEqual([
      ['Avery Applicant', 'rejected'],
      ['Casey Applicant', 'rejected'],
    ]);
    expect(result.failed).toEqual([{ profileDocumentId: stranger.profileDocumentId, message: 'is not an application of this program' }]);

    const again = (await app.http().post(path).set(admin.auth).send({ profileDocumentIds: targets, decision: 'reject', reason: 'Not a student member' }).expect(200)).body.data as BulkReviewResponse;
    expect(again.reviewed).toEqual([]);
    expect(again.failed.map((item) => item.message)).toEqual([expect.stringMatching(/is rejected$/), expect.stringMatching(/is rejected$/)]);

    await mail.waitFor((message) => message.to.includes(applicants[1].email));
    await mail.waitFor((message) => message.to.includes(applicants[3].email));
    const told = mail.messages.filter((message) => message.to.some((to) => [applicants[1].email, applicants[3].email].includes(to)));
    expect(told).toHaveLength(2);
    expect((await list({ role: 'mentee' })).data.map((item) => item.displayName).sort()).toEqual(['Blake Applicant', 'Drew Applicant', 'Quinn Applicant']);
  });
});
