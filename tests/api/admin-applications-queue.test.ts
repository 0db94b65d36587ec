import { startApp, type TestApp } from '../helpers/strapi';
import { startMailSink, type MailSink } from '../helpers/mail';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type MemberFixture, type ProgramFixture } from '../helpers/cohort';
import type { ApplicationsMeta, ApplicationView, BulkReviewResponse } from '../../cms/shared/contracts/staff';
import type { EligibilityRule } from '../../cms/shared/eligibility';

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

  it('when staff filter by an answer, then only applications with that answer (or including it) are shown, and the questions offered are the choice and searchable ones', async () => {
    // Languages become searchable for mentees: offered with the values applicants gave, by name.
    const menteeType = (await app.strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: program.id, role: 'mentee' } })) as { id: number; fields: { key: string }[] };
    await app.strapi.db.query('plugin::mentorship.profile-type').update({
      where: { id: menteeType.id },
      data: { fields: menteeType.fields.map((item) => (item.key === 'languages' ? { ...item, searchable: true } : item)) },
    });
    const all = await list({});
    expect(all.meta.questions.map((question) => question.key)).toEqual(['studentMember', 'background', 'region', 'interests', 'languages']);
    expect(all.meta.questions.find((question) => question.key === 'background')).toMatchObject({ label: 'Background', roles: ['mentee', 'mentor'] });
    expect(all.meta.questions.find((question) => question.key === 'languages')).toMatchObject({ roles: ['mentee'], options: [{ value: 'en', label: 'English' }] });
    expect((await list({ role: 'mentor' })).meta.questions.map((question) => question.key)).toEqual(['background', 'region', 'interests']);

    const notStudents = await list({ question: 'studentMember', answer: 'no', sort: 'name' });
    expect(notStudents.data.map((item) => item.displayName)).toEqual(['Avery Applicant', 'Casey Applicant']);
    expect(notStudents.meta.counts).toEqual({ eligible: 0, notEligible: 2 });
    const leaders = await list({ question: 'interests', answer: 'leadership', sort: 'name' });
    expect(leaders.data.map((item) => item.displayName)).toEqual(['Emery Mentor', 'Finley Mentor']);
    expect((await list({ question: 'languages', answer: 'en' })).meta.pagination.total).toBe(5);
    expect((await list({ question: 'studentMember', answer: 'yes', eligible: false })).data).toEqual([]);
  });

  it('when the answer filter names no question, an unknown one, or a value that is not an option, then 400 names the parameter', async () => {
    const bad = async (query: Record<string, string>, field: RegExp) =>
      expect((await app.http().get(`/mentorship/programs/${program.documentId}/applications`).query(query).set(reader.auth).expect(400)).body.error.message).toMatch(field);
    await bad({ question: 'yearsOfPractice', answer: '3' }, /^query\.question/);
    await bad({ answer: 'yes' }, /^query\.question/);
    await bad({ question: 'studentMember' }, /^query\.answer/);
    await bad({ question: 'studentMember', answer: 'maybe' }, /^query\.answer: is not an option/);
    await bad({ role: 'mentor', question: 'studentMember', answer: 'yes' }, /^query\.question/);
  });

  it('when eligibility is counted and filtered in the database, then it agrees with the rules read one profile at a time, for every operator and odd answer', async () => {
    const odd = await createProgram(app.strapi);
    const answers: Record<string, unknown>[] = [
      {},
      { background: null, interests: null, startYear: null },
      { background: '', interests: [], startYear: '' },
      { background: 'hospital', interests: ['oncology', 'leadership'], startYear: 2010 },
      { background: 'industry', interests: 'oncology', startYear: 2024 },
      { background: 3, interests: [3, 'x'], startYear: '2010' },
      { background: true, interests: [true], startYear: 2020.5 },
      { background: ['hospital'], interests: ['teaching'], startYear: 1990 },
    ];
    for (const [index, value] of answers.entries()) {
      const member = await createMember(app.strapi, odd, 'mentee', { name: `Odd ${index}`, status: 'submitted' });
      // Written past validation, as older or imported data may be.
      await app.strapi.db.query('plugin::mentorship.profile').update({ where: { documentId: member.profileDocumentId }, data: { answers: value } });
    }
    const rules: Omit<EligibilityRule, 'message' | 'role'>[] = [
      { field: 'background', operator: 'present' },
      { field: 'background', operator: 'equals', value: 'hospital' },
      { field: 'background', operator: 'equals', value: 3 },
      { field: 'background', operator: 'equals', value: true },
      { field: 'background', operator: 'not-equals', value: 'hospital' },
      { field: 'background', operator: 'in', value: ['hospital', 3] },
      { field: 'background', operator: 'not-in', value: ['hospital', 'industry'] },
      { field: 'interests', operator: 'includes', value: 'oncology' },
      { field: 'interests', operator: 'includes', value: 3 },
      { field: 'interests', operator: 'excludes', value: 'oncology' },
      { field: 'interests', operator: 'present' },
      { field: 'startYear', operator: 'at-least', value: 2015 },
      { field: 'startYear', operator: 'at-most', value: 2015 },
      { field: 'startYear', operator: 'years-since-less-than', value: 5 },
      { field: 'startYear', operator: 'years-since-at-least', value: 10 },
      { field: 'startYear', operator: 'present' },
    ];
    const oddList = async (query: Record<string, string | boolean>) =>
      (await app.http().get(`/mentorship/programs/${odd.documentId}/applications`).query(query).set(reader.auth).expect(200)).body as { data: ApplicationView[]; meta: ApplicationsMeta };
    for (const rule of rules) {
      await app.strapi.db.query('plugin::mentorship.program').update({ where: { id: odd.id }, data: { eligibilityRules: [{ ...rule, role: 'mentee', message: 'no' }] } });
      const all = await oddList({});
      const expected = all.data.filter((item) => item.eligibility.eligible).map((item) => item.displayName).sort();
      const context = `${rule.operator} ${JSON.stringify(rule.value ?? null)}`;
      expect({ context, counts: all.meta.counts }).toEqual({ context, counts: { eligible: expected.length, notEligible: answers.length - expected.length } });
      expect({ context, eligible: (await oddList({ eligible: true })).data.map((item) => item.displayName).sort() }).toEqual({ context, eligible: expected });
      const notEligible = (await oddList({ eligible: false })).data;
      expect({ context, notEligible: notEligible.every((item) => !item.eligibility.eligible), count: notEligible.length }).toEqual({ context, notEligible: true, count: answers.length - expected.length });
    }
  });

  it('when a program has more applications than fit in memory at once, then the counts and the last page come from the database', async () => {
    const large = await createProgram(app.strapi);
    const base = await createMember(app.strapi, large, 'mentee', { name: 'Aaron First', status: 'submitted' });
    const user = (await app.strapi.db.query('plugin::mentorship.profile').findOne({ where: { documentId: base.profileDocumentId }, populate: ['user'] })) as { user: { id: number } };
    // One transaction: the setup is not what is measured.
    await app.strapi.db.transaction(async () => {
      for (let index = 1; index <= 640; index += 1) {
        await app.strapi.db.query('plugin::mentorship.profile').create({
          data: {
            program: large.id,
            user: user.user.id,
            role: 'mentee',
            displayName: `Applicant ${String(index).padStart(4, '0')}`,
            profileStatus: 'submitted',
            availability: 'available',
            answers: { studentMember: index % 4 === 0 ? 'no' : 'yes', background: 'hospital', region: 'europe', interests: ['oncology'], languages: ['en'] },
            submittedAt: new Date(Date.UTC(2026, 0, 1) + index * 60000).toISOString(),
          },
        });
      }
    });
    const page = (await app.http().get(`/mentorship/programs/${large.slug}/applications`).query({ sort: 'name', page: 33, pageSize: 20, eligible: true }).set(reader.auth).expect(200)).body as {
      data: ApplicationView[];
      meta: ApplicationsMeta;
    };
    expect(page.meta.pagination).toEqual({ page: 25, pageSize: 20, total: 481, pageCount: 25 });
    expect(page.meta.counts).toEqual({ eligible: 481, notEligible: 0 });
    expect(page.data.map((item) => item.displayName)).toEqual(['Applicant 0639']);
    const newest = (await app.http().get(`/mentorship/programs/${large.slug}/applications`).query({ sort: 'submitted-desc', page: 1, pageSize: 2, question: 'studentMember', answer: 'no' }).set(reader.auth).expect(200)).body as {
      data: ApplicationView[];
      meta: ApplicationsMeta;
    };
    expect(newest.meta.pagination.total).toBe(160);
    expect(newest.data.map((item) => item.displayName)).toEqual(['Applicant 0640', 'Applicant 0636']);
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

  it('when two staff approve the same applications at once, then each is approved once, the other request lists them as failed, and each member is told once', async () => {
    const racing: MemberFixture[] = [];
    for (const name of ['Race One', 'Race Two', 'Race Three']) racing.push(await createMember(app.strapi, program, 'mentee', { name, status: 'submitted' }));
    const ids = racing.map((member) => member.profileDocumentId);
    const path = `/mentorship/programs/${program.slug}/applications/review`;
    const [first, second] = await Promise.all(
      [ids, [...ids].reverse()].map(async (order) => (await app.http().post(path).set(admin.auth).send({ profileDocumentIds: order, decision: 'approve' }).expect(200)).body.data as BulkReviewResponse),
    );
    const approved = [...first.reviewed, ...second.reviewed].map((item) => item.documentId).sort();
    expect(approved).toEqual([...ids].sort());
    expect([...first.failed, ...second.failed].map((item) => item.profileDocumentId).sort()).toEqual([...ids].sort());
    for (const member of racing) await mail.waitFor((message) => message.to.includes(member.email));
    await app.strapi.plugin('mentorship').service('notifications').whenIdle();
    for (const member of racing) expect(mail.messages.filter((message) => message.to.includes(member.email))).toHaveLength(1);
    const audit = (await app.strapi.db.query('plugin::mentorship.audit-entry').count({ where: { action: 'application.approved', subjectDocumentId: { $in: ids } } })) as number;
    expect(audit).toBe(3);
  });
});
