import type { RequestView } from '../../cms/shared/contracts/members';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';

const DAY = 86_400_000;

interface Person {
  member: Member;
  profile: string;
}

describe('requests: discovery calls, mentoring requests, approaches', () => {
  let app: JourneyApp;
  let directory: ProgramFixture;
  let exchange: ProgramFixture;
  let stranger: Member;

  const person = async (program: ProgramFixture, role: 'mentor' | 'mentee', name: string, extra: Record<string, unknown> = {}): Promise<Person> => {
    const member = await registerMember(app, name);
    const profile = await createProfile(app.strapi, { member, program, role, displayName: name, ...extra });
    return { member, profile: profile.documentId };
  };
  const ask = (from: Person, program: ProgramFixture, body: Record<string, unknown>) => app.as(from.member).post(`/api/mentorship/programs/${program.slug}/requests`).send(body);

  beforeAll(async () => {
    app = await startJourneyApp();
    directory = await createProgram(app.strapi, 'open-directory');
    exchange = await createProgram(app.strapi, 'mentor-exchange');
    stranger = await registerMember(app, 'Stranger');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a mentee asks a mentor (style 2) and the mentor declines, then each side is told and only the right side may act', async () => {
    const mentor = await person(exchange, 'mentor', 'Dr Grey');
    const mentee = await person(exchange, 'mentee', 'Sam Junior');
    const sent = await ask(mentee, exchange, { to: mentor.profile, message: 'I would value your advice on <b>research</b>.' }).expect(201);
    const request = sent.body.data as RequestView;
    expect(request).toMatchObject({ kind: 'mentoring', status: 'open', addressee: { displayName: 'Dr Grey' }, choices: null });
    expect(Date.parse(request.deadline!) - Date.now()).toBeGreaterThan(13 * DAY);

    const received = await app.mail.waitFor((mail) => mail.to.includes(mentor.member.email) && mail.subject.includes('Sam Junior'));
    expect(received.text).toContain('I would value your advice on <b>research</b>.');
    expect(received.html).toContain('I would value your advice on &lt;b&gt;research&lt;/b&gt;.');
    expect(received.text).not.toContain(mentee.member.email);

    const asMentor = await app.as(mentor.member).get(`/api/mentorship/requests/${request.documentId}`).expect(200);
    expect(asMentor.body.data.history).toBeNull();
    await app.as(stranger).get(`/api/mentorship/requests/${request.documentId}`).expect(404);
    await app.http().get(`/api/mentorship/requests/${request.documentId}`).expect(401);
    await app.as(mentee.member).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(403);
    await app.as(stranger).post(`/api/mentorship/requests/${request.documentId}/decline`).send({}).expect(404);

    const declined = await app.as(mentor.member).post(`/api/mentorship/requests/${request.documentId}/decline`).send({ reason: 'My schedule is full this term' }).expect(200);
    expect(declined.body.data.status).toBe('declined');
    const told = await app.mail.waitFor((mail) => mail.to.includes(mentee.member.email) && mail.subject === 'Your request was declined');
    expect(told.text).toContain('My schedule is full this term');
    await app.as(mentor.member).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(409);
  });

  it('when the mentor accepts (style 2), then a six-month mentorship exists and both receive each other\'s contact details, nobody else', async () => {
    const mentor = await person(exchange, 'mentor', 'Dr Blue');
    const mentee = await person(exchange, 'mentee', 'Kim');
    const request = (await ask(mentee, exchange, { to: mentor.profile, message: 'Hello' }).expect(201)).body.data as RequestView;
    const accepted = await app.as(mentor.member).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(200);
    expect(accepted.body.data.status).toBe('accepted');
    const mentorshipId = accepted.body.data.mentorship.documentId as string;
    expect(accepted.body.data.mentorship.status).toBe('active');

    const view = (await app.as(mentee.member).get(`/api/mentorship/mentorships/${mentorshipId}`).expect(200)).body.data;
    expect(view).toMatchObject({ status: 'active', myRole: 'mentee', mentor: { displayName: 'Dr Blue', email: mentor.member.email }, mentee: { email: mentee.member.email } });
    const start = new Date(`${view.startDate}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() + 6);
    expect(view.endDate).toBe(start.toISOString().slice(0, 10));
    await app.as(stranger).get(`/api/mentorship/mentorships/${mentorshipId}`).expect(404);

    const intro = await app.mail.waitFor((mail) => mail.to.includes(mentee.member.email) && mail.subject.startsWith('Meet your'));
    expect(intro.text).toContain(mentor.member.email);
    const introMentor = await app.mail.waitFor((mail) => mail.to.includes(mentor.member.email) && mail.subject.startsWith('Meet your'));
    expect(introMentor.text).toContain(mentee.member.email);
    await app.mail.waitFor((mail) => mail.to.includes(mentee.member.email) && mail.subject === 'Your request was accepted');

    // Now full: not offered new requests.
    const other = await person(exchange, 'mentee', 'Lee');
    const refused = await ask(other, exchange, { to: mentor.profile, message: 'Hi' }).expect(409);
    expect(refused.body.error.message).toMatch(/Dr Blue has no place left/);
    const listing = (await app.as(other.member).get(`/api/mentorship/programs/${exchange.slug}/directory?availability=available`).expect(200)).body.data;
    expect(listing.map((item: { displayName: string }) => item.displayName)).not.toContain('Dr Blue');
  });

  it('when a mentee withdraws, then the mentor is told and can no longer accept; a mentee has a bounded number of open requests', async () => {
    const mentee = await person(exchange, 'mentee', 'Pat');
    const mentors: Person[] = [];
    for (const name of ['Dr One', 'Dr Two', 'Dr Three', 'Dr Four']) mentors.push(await person(exchange, 'mentor', name));
    const first = (await ask(mentee, exchange, { to: mentors[0]!.profile, message: 'Hi' }).expect(201)).body.data as RequestView;
    await ask(mentee, exchange, { to: mentors[0]!.profile, message: 'Again' }).expect(409);
    await ask(mentee, exchange, { to: mentors[1]!.profile, message: 'Hi' }).expect(201);
    await ask(mentee, exchange, { to: mentors[2]!.profile, message: 'Hi' }).expect(201);
    const bounded = await ask(mentee, exchange, { to: mentors[3]!.profile, message: 'Hi' }).expect(409);
    expect(bounded.body.error).toMatchObject({ details: { code: 'too-many-open-requests' } });

    await app.as(mentors[0]!.member).post(`/api/mentorship/requests/${first.documentId}/withdraw`).send({}).expect(403);
    const withdrawn = await app.as(mentee.member).post(`/api/mentorship/requests/${first.documentId}/withdraw`).send({}).expect(200);
    expect(withdrawn.body.data.status).toBe('withdrawn');
    await app.mail.waitFor((mail) => mail.to.includes(mentors[0]!.member.email) && mail.subject === 'Pat withdrew their request');
    await app.as(mentors[0]!.member).post(`/api/mentorship/requests/${first.documentId}/accept`).send({}).expect(409);
    await ask(mentee, exchange, { to: mentors[3]!.profile, message: 'Hi' }).expect(201);
  });

  it('when SMTP refuses while a request is sent, then the request stands and its e-mail arrives exactly once after the next flush', async () => {
    const mentor = await person(exchange, 'mentor', 'Dr Offline');
    const mentee = await person(exchange, 'mentee', 'Quinn');
    app.mail.rejecting = true;
    try {
      const request = (await ask(mentee, exchange, { to: mentor.profile, message: 'Sent while the mail server was down' }).expect(201)).body.data as RequestView;
      expect(request.status).toBe('open');
      // The worker tries it after the commit: wait for that attempt to end.
      await app.service<{ whenIdle(): Promise<void> }>('notifications').whenIdle();
      const row = await app.strapi.db.query('plugin::mentorship.outbox-message').findOne({ where: { recipientEmail: mentor.member.email } });
      expect(row).toMatchObject({ status: 'failed', attempts: 1, templateKey: 'request.received' });
    } finally {
      app.mail.rejecting = false;
    }
    expect(app.mail.to(mentor.member.email)).toHaveLength(0);
    const notifications = app.service<{ flush(at?: Date): Promise<{ sent: number; failed: number }> }>('notifications');
    const later = new Date(Date.now() + 5 * 60_000);
    expect((await notifications.flush(later)).sent).toBeGreaterThanOrEqual(1);
    await notifications.flush(new Date(later.getTime() + 60 * 60_000));
    const delivered = app.mail.to(mentor.member.email);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.text).toContain('Sent while the mail server was down');
  });

  it('when input is wrong, then the 400 names the field', async () => {
    const mentee = await person(exchange, 'mentee', 'Val');
    expect((await ask(mentee, exchange, { message: 'Hi' }).expect(400)).body.error.message).toMatch(/^to: /);
    expect((await ask(mentee, exchange, { to: 'nope', message: '' }).expect(400)).body.error.message).toMatch(/^body\.message/);
    expect((await ask(mentee, exchange, { to: 'doesnotexist', message: 'Hi' }).expect(400)).body.error.message).toMatch(/^to: no such/);
    expect((await ask(mentee, exchange, { choices: ['a'], message: 'Hi' }).expect(400)).body.error.message).toMatch(/^choices: .* does not take ranked choices/);
  });

  it('when a mentee asks for a discovery call (style 1), then accepting it starts no mentorship, and the formal request starts one that waits for both to accept the agreement', async () => {
    const mentor = await person(directory, 'mentor', 'Dr Amber');
    const mentee = await person(directory, 'mentee', 'Noor');
    const request = (await ask(mentee, directory, { to: mentor.profile, message: 'Could we have a call?' }).expect(201)).body.data as RequestView;
    expect(request.kind).toBe('discovery-call');
    const call = await app.as(mentor.member).post(`/api/mentorship/requests/${request.documentId}/accept`).send({}).expect(200);
    expect(call.body.data).toMatchObject({ status: 'accepted', mentorship: null, contact: { email: mentee.member.email } });
    const formal = (await ask(mentee, directory, { to: mentor.profile, kind: 'mentoring', message: 'Thank you for the call.' }).expect(201)).body.data as RequestView;
    const accepted = await app.as(mentor.member).post(`/api/mentorship/requests/${formal.documentId}/accept`).send({}).expect(200);
    const id = accepted.body.data.mentorship.documentId as string;
    expect(accepted.body.data.mentorship).toMatchObject({ status: 'pending-agreement', startDate: null, endDate: null });
    await app.mail.waitFor((mail) => mail.to.includes(mentee.member.email) && mail.subject.includes('partnership agreement'));
    await app.mail.waitFor((mail) => mail.to.includes(mentor.member.email) && mail.subject.includes('partnership agreement'));

    const view = (await app.as(mentor.member).get(`/api/mentorship/mentorships/${id}`).expect(200)).body.data;
    expect(view.agreement).toMatchObject({ required: true, text: 'We meet once a month and keep what we share confidential.', mentorAgreedAt: null });
    await app.as(mentee.member).post(`/api/mentorship/mentorships/${id}/check-ins`).send({ date: new Date().toISOString().slice(0, 10), minutes: 30 }).expect(409);

    const half = await app.as(mentee.member).post(`/api/mentorship/mentorships/${id}/agree`).send({}).expect(200);
    expect(half.body.data.status).toBe('pending-agreement');
    expect(app.mail.to(mentee.member.email).some((mail) => mail.subject.startsWith('Meet your'))).toBe(false);
    const both = await app.as(mentor.member).post(`/api/mentorship/mentorships/${id}/agree`).send({}).expect(200);
    expect(both.body.data.status).toBe('active');
    expect(both.body.data.startDate).toBe(new Date().toISOString().slice(0, 10));
    expect(both.body.data.endDate).not.toBeNull();
    await app.mail.waitFor((mail) => mail.to.includes(mentee.member.email) && mail.subject.startsWith('Meet your') && mail.text.includes(mentor.member.email));
    await app.as(mentor.member).post(`/api/mentorship/mentorships/${id}/agree`).send({}).expect(409);
  });

  it('when a mentor approaches a mentee where the program allows it, then the mentee can accept; elsewhere it is refused', async () => {
    const mentor = await person(directory, 'mentor', 'Dr Jade');
    const mentee = await person(directory, 'mentee', 'Ola');
    const approach = (await ask(mentor, directory, { to: mentee.profile, message: 'I think I could help you.' }).expect(201)).body.data as RequestView;
    expect(approach).toMatchObject({ kind: 'approach', sender: { role: 'mentor' }, addressee: { role: 'mentee' } });
    await app.mail.waitFor((mail) => mail.to.includes(mentee.member.email) && mail.subject.includes('Dr Jade'));
    // The mentee may now see the mentor's public side, the mentor the mentee's (no private answers).
    const seen = (await app.as(mentor.member).get(`/api/mentorship/profiles/${mentee.profile}`).expect(200)).body.data;
    expect(JSON.stringify(seen)).not.toContain('+33');
    const accepted = await app.as(mentee.member).post(`/api/mentorship/requests/${approach.documentId}/accept`).send({}).expect(200);
    expect(accepted.body.data.mentorship.status).toBe('pending-agreement');

    const exchangeMentor = await person(exchange, 'mentor', 'Dr Opal');
    const exchangeMentee = await person(exchange, 'mentee', 'Uma');
    const refused = await ask(exchangeMentor, exchange, { to: exchangeMentee.profile, message: 'Hi' }).expect(403);
    expect(refused.body.error.message).toMatch(/mentors do not approach mentees/);
  });
});

describe('two mentors accepting one mentee at once', () => {
  let app: JourneyApp;
  let exchange: ProgramFixture;

  beforeAll(async () => {
    app = await startJourneyApp();
    exchange = await createProgram(app.strapi, 'mentor-exchange');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when both accept at the same moment (on PostgreSQL: concurrently), then one gets the mentorship and the other a 409 pair-exists, every time', async () => {
    for (let round = 1; round <= 4; round += 1) {
      const mentee = await registerMember(app, `Both ${round}`);
      await createProfile(app.strapi, { member: mentee, program: exchange, role: 'mentee', displayName: `Both ${round}` });
      const mentors: Member[] = [];
      const requests: string[] = [];
      for (const side of ['A', 'B']) {
        const mentor = await registerMember(app, `Dr ${side}${round}`);
        const profile = await createProfile(app.strapi, { member: mentor, program: exchange, role: 'mentor', displayName: `Dr ${side}${round}` });
        mentors.push(mentor);
        requests.push((await app.as(mentee).post(`/api/mentorship/programs/${exchange.slug}/requests`).send({ to: profile.documentId, message: 'Hi' }).expect(201)).body.data.documentId);
      }
      const answers = await Promise.all(mentors.map((mentor, index) => app.as(mentor).post(`/api/mentorship/requests/${requests[index]}/accept`).send({})));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const refused = answers.find((answer) => answer.status === 409)!;
      expect(refused.body.error.details).toMatchObject({ code: 'pair-exists' });
      const live = await app.strapi.db.query('plugin::mentorship.mentorship').count({ where: { mentee: { user: { id: mentee.id } }, mentorshipStatus: { $in: ['pending-agreement', 'active'] } } });
      expect(live).toBe(1);
    }
  });
});

describe('ranked requests with the cascade (style 5)', () => {
  let app: JourneyApp;
  let ranked: ProgramFixture;
  const jobs = () => app.service<{ runAll(at?: Date): Promise<Record<string, unknown>> }>('jobs');

  beforeAll(async () => {
    app = await startJourneyApp();
    ranked = await createProgram(app.strapi, 'ranked-cascade');
  });
  afterAll(async () => {
    app?.clock.set(null);
    await app?.stop();
  });

  it('when every choice declines or stays silent, then the request passes down the list with reminders and lands in the escalation queue', async () => {
    const start = new Date('2031-03-01T09:00:00Z');
    app.clock.set(start);
    const mentee = await registerMember(app, 'Rae');
    await createProfile(app.strapi, { member: mentee, program: ranked, role: 'mentee', displayName: 'Rae' });
    const mentors: { member: Member; profile: string; name: string }[] = [];
    for (const name of ['Dr First', 'Dr Second', 'Dr Third']) {
      const member = await registerMember(app, name);
      mentors.push({ member, name, profile: (await createProfile(app.strapi, { member, program: ranked, role: 'mentor', displayName: name })).documentId });
    }
    const [first, second, third] = mentors as [typeof mentors[0], typeof mentors[0], typeof mentors[0]];

    const tooMany = await app.as(mentee).post(`/api/mentorship/programs/${ranked.slug}/requests`).send({ choices: [first.profile, second.profile, third.profile, first.profile], message: 'x' }).expect(400);
    expect(tooMany.body.error.message).toMatch(/^choices: /);
    const created = await app.as(mentee).post(`/api/mentorship/programs/${ranked.slug}/requests`)
      .send({ choices: [first.profile, second.profile, third.profile], message: 'I hope to learn about clinical research.' })
      .expect(201);
    const request = created.body.data as RequestView;
    expect(request).toMatchObject({ currentChoice: 0, addressee: { displayName: 'Dr First' }, deadline: new Date(start.getTime() + 21 * DAY).toISOString() });
    expect(request.choices!.map((choice) => choice.displayName)).toEqual(['Dr First', 'Dr Second', 'Dr Third']);
    await app.mail.waitFor((mail) => mail.to.includes(first.member.email) && mail.text.includes('clinical research'));

    // The first choice sees the request but not the mentee's other choices.
    const seenByFirst = (await app.as(first.member).get(`/api/mentorship/requests/${request.documentId}`).expect(200)).body.data;
    expect(seenByFirst.choices).toBeNull();

    // 1. The first choice declines: the request moves to the second, the mentee is told.
    await app.as(first.member).post(`/api/mentorship/requests/${request.documentId}/decline`).send({ reason: 'On leave' }).expect(200);
    const forwarded = await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'Your request has moved to your next choice');
    expect(forwarded.text).toContain('choice number 2');
    await app.mail.waitFor((mail) => mail.to.includes(second.member.email) && mail.subject.includes('Rae'));
    await app.as(first.member).get(`/api/mentorship/requests/${request.documentId}`).expect(404);

    // 2. Three days before the deadline the second choice is reminded, once.
    app.clock.set(new Date(start.getTime() + 18.5 * DAY));
    await jobs().runAll();
    await jobs().runAll();
    await app.mail.waitFor((mail) => mail.to.includes(second.member.email) && mail.subject.startsWith('Reminder'));
    expect(app.mail.to(second.member.email).filter((mail) => mail.subject.startsWith('Reminder'))).toHaveLength(1);

    // 3. The second stays silent: after the deadline it goes to the third (running the job twice changes nothing more).
    app.clock.set(new Date(start.getTime() + 21 * DAY + 60_000));
    await Promise.all([jobs().runAll(), jobs().runAll()]);
    await jobs().runAll();
    const atThird = (await app.as(mentee).get(`/api/mentorship/requests/${request.documentId}`).expect(200)).body.data as RequestView;
    expect(atThird).toMatchObject({ status: 'open', currentChoice: 2, addressee: { displayName: 'Dr Third' } });
    expect(app.mail.to(third.member.email).filter((mail) => mail.subject.includes('Rae'))).toHaveLength(1);
    await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.text.includes('choice number 3'));

    // 4. The third stays silent too: the request is escalated to staff and the mentee told.
    app.clock.set(new Date(start.getTime() + 43 * DAY));
    await jobs().runAll();
    await jobs().runAll();
    const escalated = (await app.as(mentee).get(`/api/mentorship/requests/${request.documentId}`).expect(200)).body.data as RequestView;
    expect(escalated.status).toBe('escalated');
    expect(escalated.history!.map((event) => event.event)).toEqual(['sent', 'declined', 'forwarded', 'expired', 'forwarded', 'expired', 'escalated']);
    await app.mail.waitFor((mail) => mail.to.includes(mentee.email) && mail.subject === 'We will help you find a mentor');
    expect(app.mail.to(mentee.email).filter((mail) => mail.subject === 'We will help you find a mentor')).toHaveLength(1);
    const queue = await app.strapi.db.query('plugin::mentorship.request').findMany({ where: { requestStatus: 'escalated' } });
    expect(queue.map((row: { documentId: string }) => row.documentId)).toEqual([request.documentId]);
    expect(queue[0].escalatedAt).toBeTruthy();
  });

  it('when the mentor a ranked request waits on fills their last place or goes away, then it moves on at once and the mentee is told', async () => {
    app.clock.set(null);
    const member = async (name: string, role: 'mentor' | 'mentee') => {
      const registered = await registerMember(app, name);
      return { member: registered, profile: (await createProfile(app.strapi, { member: registered, program: ranked, role, displayName: name })).documentId };
    };
    const [popular, backup, wanderer, last] = [await member('Dr Popular', 'mentor'), await member('Dr Backup', 'mentor'), await member('Dr Wanderer', 'mentor'), await member('Dr Last', 'mentor')];
    const [xena, yuri, zoe] = [await member('Xena', 'mentee'), await member('Yuri', 'mentee'), await member('Zoe', 'mentee')];
    const rank = async (who: typeof xena, choices: string[]) =>
      (await app.as(who.member).post(`/api/mentorship/programs/${ranked.slug}/requests`).send({ choices, message: 'Hi' }).expect(201)).body.data as RequestView;
    const forXena = await rank(xena, [popular.profile, backup.profile]);
    const forYuri = await rank(yuri, [popular.profile, backup.profile]);
    const forZoe = await rank(zoe, [wanderer.profile, last.profile]);

    await app.as(popular.member).post(`/api/mentorship/requests/${forXena.documentId}/accept`).send({}).expect(200);
    const yuris = (await app.as(yuri.member).get(`/api/mentorship/requests/${forYuri.documentId}`).expect(200)).body.data as RequestView;
    expect(yuris).toMatchObject({ status: 'open', currentChoice: 1, addressee: { displayName: 'Dr Backup' } });
    expect(yuris.history!.slice(-2).map((event) => `${event.event}:${event.note ?? ''}`)).toEqual(['unavailable:Dr Popular has no place left', 'forwarded:']);
    await app.mail.waitFor((mail) => mail.to.includes(yuri.member.email) && mail.text.includes('choice number 2'));

    await app.as(wanderer.member).put(`/api/mentorship/profiles/${wanderer.profile}`).send({ availability: 'away', awayUntil: '2099-06-01' }).expect(200);
    const zoes = (await app.as(zoe.member).get(`/api/mentorship/requests/${forZoe.documentId}`).expect(200)).body.data as RequestView;
    expect(zoes).toMatchObject({ currentChoice: 1, addressee: { displayName: 'Dr Last' } });
  });

  it('when a chosen mentor is away or full, then the request skips them and goes to the next available choice', async () => {
    app.clock.set(null);
    const mentee = await registerMember(app, 'Tia');
    await createProfile(app.strapi, { member: mentee, program: ranked, role: 'mentee', displayName: 'Tia' });
    const awayMember = await registerMember(app, 'Dr Away');
    const away = await createProfile(app.strapi, { member: awayMember, program: ranked, role: 'mentor', displayName: 'Dr Away' });
    await app.strapi.documents('plugin::mentorship.profile').update({ documentId: away.documentId, data: { availability: 'away', awayUntil: '2099-01-01' } } as never);
    const hereMember = await registerMember(app, 'Dr Here');
    const here = await createProfile(app.strapi, { member: hereMember, program: ranked, role: 'mentor', displayName: 'Dr Here' });
    const created = (await app.as(mentee).post(`/api/mentorship/programs/${ranked.slug}/requests`).send({ choices: [away.documentId, here.documentId], message: 'Hi' }).expect(201)).body.data as RequestView;
    expect(created).toMatchObject({ currentChoice: 1, addressee: { displayName: 'Dr Here' } });
    expect(created.history![0]).toMatchObject({ event: 'skipped', choice: 0, note: 'Dr Away is away until 2099-01-01' });
    const accepted = await app.as(hereMember).post(`/api/mentorship/requests/${created.documentId}/accept`).send({}).expect(200);
    expect(accepted.body.data.mentorship.status).toBe('active');
    const view = (await app.as(mentee).get(`/api/mentorship/mentorships/${accepted.body.data.mentorship.documentId}`).expect(200)).body.data;
    expect(view.endDate).toBeNull();
    expect(view.mentor.email).toBe(hereMember.email);
  });
});
