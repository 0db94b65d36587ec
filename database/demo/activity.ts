import type { Core } from '@strapi/strapi';
import { portalPageUrl, portalProgramUrl } from '../../cms/server/src/portal/links';
import { Random } from './random';
import { bulkWriter } from './bulk';

/**
 * A year of life in the demo association, so that every staff page and counter shows something real
 * on the first start: requests in every state, mentorships at every stage (with plans, check-ins,
 * some pairs below the engagement minimum, one renewal due soon, a completed and an ended one), an
 * escalation waiting for staff, an approved matching run per cohort program with its introductions,
 * the outbox history of all of it, and the audit trail.
 *
 * Rows are written straight to the database (the services would send e-mail inline, and the first
 * start must stay quick); e-mails are rendered with the plugin's own templates, mentors' loads are
 * recomputed and audit entries recorded through the plugin's services. Deterministic (its own seeded
 * random sequence, members taken in creation order) and loaded once: it is skipped when the demo
 * programs already have any request, mentorship or matching run.
 */

const U = {
  program: 'plugin::mentorship.program',
  profile: 'plugin::mentorship.profile',
  request: 'plugin::mentorship.request',
  mentorship: 'plugin::mentorship.mentorship',
  checkIn: 'plugin::mentorship.check-in',
  run: 'plugin::mentorship.matching-run',
  outbox: 'plugin::mentorship.outbox-message',
} as const;

const DAY = 86_400_000;

export interface ActivityCreated {
  requests: number;
  mentorships: number;
  checkIns: number;
  runs: number;
  emails: number;
}

interface ProgramRow {
  id: number;
  documentId: string;
  name: string;
  slug: string;
  relationshipMonths: number | null;
  engagementHoursPerMonth: number | null;
  requestResponseDays: number | null;
  agreementRequired: boolean;
  renewalAllowed: boolean;
}

interface ProfileRow {
  id: number;
  documentId: string;
  displayName: string;
  role: 'mentor' | 'mentee';
  profileStatus: string;
  capacity: number | null;
  answers: Record<string, unknown> | null;
  user?: { email: string } | null;
}

type Db = ReturnType<Core.Strapi['db']['query']>;
type Transaction = Parameters<Parameters<Core.Strapi['db']['transaction']>[0]>[0]['trx'];

const DOCUMENT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const iso = (date: Date) => date.toISOString();
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addMonths = (date: Date, months: number) => {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
};

/* ---------- what members write, by program ---------- */

const REQUEST_MESSAGES: Record<string, string[]> = {
  'lab-sciences-open-mentoring': [
    'I am setting up a molecular diagnostics bench and would like to hear how you validated yours. Could we have a first call?',
    'I am in my second year as a biomedical scientist and unsure whether to specialise in haematology or microbiology. Would you have half an hour for a call?',
    'Your work on laboratory quality systems is close to what I am starting now. I would be grateful for a short conversation.',
    'I am preparing for a move from a hospital laboratory to industry and would value your experience of that step.',
    'I would like to get better at presenting results to clinicians. Could we talk about how you learned it?',
    'I have just become a section lead and would welcome advice on leading a small team.',
    'I am considering a part-time PhD alongside my laboratory post and would like to hear how you managed both.',
  ],
  'pharmacy-mentor-exchange': [
    'I am moving from hospital to community pharmacy next spring and would value your view on the first year.',
    'I would like to build a medication review clinic in my practice. Could you share how you started yours?',
    'I am a newly registered pharmacist and would like a mentor for the next six months, mainly on clinical decision-making.',
    'I am thinking about a regulatory affairs role and would be glad to learn how you made that change.',
    'I have been asked to lead antimicrobial stewardship in our trust and would welcome your advice.',
    'I want to prepare for an independent prescribing course and would appreciate guidance on choosing a clinical area.',
    'Could you help me think through a move into pharmacy education?',
    'I am returning to practice after a career break and would like support with the first months.',
  ],
  'medical-education-mentoring': [
    'I am developing my first simulation course for residents and would value guidance on assessment.',
    'I would like to grow into a programme director role over the next few years and would welcome a mentor who has done it.',
    'I am starting a master’s in medical education and would like help turning my teaching into research.',
    'I would like advice on giving feedback to struggling trainees.',
  ],
};

const DECLINE_REASONS = [
  'My places are taken until the spring; please try again then.',
  'I am away on sabbatical for the next few months and could not give you the time you deserve.',
  'Your questions are closer to another mentor’s field; I would suggest asking someone in community practice.',
];

const OBJECTIVES: [string, string][] = [
  ['Agree on three goals for the year', 'First meeting and goals agreed'],
  ['Present a case at the regional meeting', 'Case chosen and abstract sent'],
  ['Draft a development plan with my manager', 'Plan discussed with the manager'],
  ['Lead a team meeting on quality indicators', 'Indicators agreed with the team'],
  ['Submit an abstract to the annual congress', 'Abstract submitted'],
  ['Shadow a colleague in a different setting', 'Shadowing day arranged'],
  ['Prepare for the specialist examination', 'Mock examination taken'],
];

const CHECK_IN_NOTES = [
  'Went through the goals for the year and agreed how often to meet.',
  'Talked about the abstract; I will send a draft next week.',
  'Discussed a difficult conversation with a colleague and how to prepare for it.',
  'Reviewed progress on the development plan.',
  'Shared reading on leadership in small teams.',
  'Short call: mostly planning the next months.',
];

const ENDED_REASONS = ['My new post leaves no time for regular meetings; thank you for everything so far.', 'We agreed to end early after I changed specialty.'];

/* ---------- writing ---------- */

export const seedActivity = async (strapi: Core.Strapi, trx: Transaction, slugs: string[], now: Date = new Date()): Promise<ActivityCreated> => {
  const created: ActivityCreated = { requests: 0, mentorships: 0, checkIns: 0, runs: 0, emails: 0 };
  const db = (uid: (typeof U)[keyof typeof U]): Db => strapi.db.query(uid);
  const plugin = strapi.plugin('mentorship');
  const random = new Random(20261130);

  const programs = (await db(U.program).findMany({ where: { slug: { $in: slugs } } })) as ProgramRow[];
  if (programs.length === 0) return created;
  const ids = programs.map((program) => program.id);
  const existing =
    (await db(U.request).count({ where: { program: { id: { $in: ids } } } })) +
    (await db(U.mentorship).count({ where: { program: { id: { $in: ids } } } })) +
    (await db(U.run).count({ where: { program: { id: { $in: ids } } } }));
  if (existing > 0) return created;

  const at = (daysAgo: number, hour = 9) => {
    const date = new Date(now.getTime() - daysAgo * DAY);
    date.setUTCHours(hour, 0, 0, 0);
    return date;
  };
  const touchedMentors = new Set<number>();

  /*
   * Rows go in with one insert each and their relations are collected, then written to the join
   * tables in a few batch inserts at the end: Strapi's per-row relation handling costs about ten
   * queries a row, which made this part of the first start several times slower.
   */
  const writer = bulkWriter(strapi, trx, now);
  const link = writer.link;
  // Starts with a letter as Strapi's own do (a relation given as a string starting with a digit is read
  // as a row id); one draw per character as before, so the rest of the sequence is unchanged.
  const documentId = () =>
    Array.from({ length: 24 }, (_, index) => {
      const drawn = random.int(0, DOCUMENT_ID_ALPHABET.length - 1);
      return index === 0 ? DOCUMENT_ID_ALPHABET[drawn % 26] : DOCUMENT_ID_ALPHABET[drawn];
    }).join('');
  const insert = async (uid: (typeof U)[keyof typeof U], data: Record<string, unknown>, relations: Record<string, number | null | undefined> = {}) => {
    // As the document service writes them: timestamps, and published (these types have no drafts).
    const stamped = { createdAt: iso(now), updatedAt: iso(now), ...data };
    const row = { ...stamped, publishedAt: stamped.createdAt, documentId: documentId() };
    const { ids } = (await db(uid).createMany({ data: [row] })) as { ids: number[] };
    const id = ids[0]!;
    for (const [attribute, target] of Object.entries(relations)) if (target) link(uid, attribute, id, target);
    return { id, documentId: row.documentId };
  };

  // The templates' own render, with each (key, program) template looked up once instead of per e-mail.
  const templates = plugin.service('email-templates');
  const lookups = new Map<string, Promise<unknown>>();
  const cachedTemplates = {
    resolve: (key: string, programDocumentId: string) => {
      const cacheKey = `${key}|${programDocumentId}`;
      if (!lookups.has(cacheKey)) lookups.set(cacheKey, templates.resolve(key, programDocumentId));
      return lookups.get(cacheKey);
    },
  };

  const config = strapi.config.get('plugin::mentorship') as { siteUrl: string; portalPath: string };
  /** One sent e-mail in the outbox, rendered with the program's templates as the notifications would. */
  const email = async (program: ProgramRow, key: string, to: ProfileRow, variables: Record<string, unknown>, sentAt: Date, dedupeKey: string) => {
    if (!to.user?.email) return;
    const rendered = (await templates.render.call(
      cachedTemplates,
      key,
      {
        ...variables,
        program: { name: program.name, url: portalProgramUrl(config.siteUrl, config.portalPath, program.slug) },
        recipient: { name: to.displayName },
        page: { url: portalPageUrl(config.siteUrl, config.portalPath, key) },
      },
      program.documentId,
    )) as { subject: string; html: string; text: string };
    await insert(
      U.outbox,
      {
        recipientEmail: to.user.email,
        recipientName: to.displayName,
        templateKey: key,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        status: 'sent',
        attempts: 1,
        nextAttemptAt: iso(sentAt),
        sentAt: iso(sentAt),
        dedupeKey,
        createdAt: iso(sentAt),
        updatedAt: iso(sentAt),
        programDocumentId: program.documentId,
        variables,
      },
    );
    created.emails += 1;
  };

  const profilesOf = async (program: ProgramRow, role: 'mentor' | 'mentee', statuses: string[]) =>
    (
      (await db(U.profile).findMany({
        where: { program: program.id, role, profileStatus: { $in: statuses } },
        populate: { user: { select: ['email'] } },
        orderBy: { id: 'asc' },
        limit: 1000,
      })) as ProfileRow[]
    ).filter((profile) => profile.user?.email?.endsWith('@members.example.org'));

  interface RequestInput {
    program: ProgramRow;
    sender: ProfileRow;
    addressee: ProfileRow | null;
    kind: 'discovery-call' | 'mentoring';
    status: 'open' | 'accepted' | 'declined' | 'withdrawn' | 'expired' | 'escalated' | 'closed';
    message: string;
    sentDaysAgo: number;
    answeredDaysAgo?: number;
    reason?: string;
    choices?: ProfileRow[];
    currentChoice?: number;
    history?: Record<string, unknown>[];
    escalated?: boolean;
  }

  const request = async (input: RequestInput) => {
    const sent = at(input.sentDaysAgo);
    const days = input.program.requestResponseDays ?? 14;
    const history: Record<string, unknown>[] = input.history ?? [{ at: iso(sent), event: 'sent', ...(input.addressee ? { profile: input.addressee.documentId } : {}) }];
    if (!input.history && input.answeredDaysAgo !== undefined && input.status !== 'open') {
      history.push({ at: iso(at(input.answeredDaysAgo, 15)), event: input.status, ...(input.reason ? { note: input.reason } : {}) });
    }
    const row = await insert(
      U.request,
      {
        kind: input.kind,
        message: input.message,
        choices: input.choices ? input.choices.map((choice) => choice.documentId) : null,
        currentChoice: input.currentChoice ?? 0,
        requestStatus: input.status,
        deadline: iso(new Date(sent.getTime() + days * DAY)),
        reason: input.reason ?? null,
        history,
        escalatedAt: input.escalated ? iso(at(input.answeredDaysAgo ?? 1, 8)) : null,
        createdAt: iso(sent),
        updatedAt: iso(sent),
      },
      { program: input.program.id, sender: input.sender.id, addressee: input.addressee?.id },
    );
    created.requests += 1;
    const variables = {
      mentee: { name: input.sender.displayName },
      mentor: { name: input.addressee?.displayName ?? '' },
      request: { message: input.message, deadline: isoDay(new Date(sent.getTime() + days * DAY)), reason: input.reason ?? '' },
    };
    if (input.addressee) await email(input.program, 'request.received', input.addressee, variables, sent, `request:${row.documentId}:received`);
    if (input.status === 'declined' && input.answeredDaysAgo !== undefined) {
      await email(input.program, 'request.declined', input.sender, variables, at(input.answeredDaysAgo, 15), `request:${row.documentId}:declined`);
    }
    if (input.status === 'expired' && input.answeredDaysAgo !== undefined) {
      await email(input.program, 'request.expired', input.sender, variables, at(input.answeredDaysAgo, 6), `request:${row.documentId}:expired`);
    }
    if (input.status === 'escalated') {
      await email(input.program, 'escalation.opened', input.sender, variables, at(input.answeredDaysAgo ?? 1, 8), `request:${row.documentId}:escalated`);
    }
    return row;
  };

  interface MentorshipInput {
    program: ProgramRow;
    mentor: ProfileRow;
    mentee: ProfileRow;
    status: 'pending-agreement' | 'active' | 'ended' | 'completed';
    startDaysAgo: number;
    /** override of the end date (days from now, negative in the past) */
    endInDays?: number;
    source: 'request' | 'matching-run' | 'staff';
    sourceRef?: string;
    /** minutes logged in each of the last months, most recent first */
    checkIns?: number[];
    endedReason?: string;
    introduce?: boolean;
  }

  const mentorship = async (input: MentorshipInput) => {
    const start = at(input.startDaysAgo, 0);
    const end =
      input.endInDays !== undefined
        ? new Date(now.getTime() + input.endInDays * DAY)
        : input.program.relationshipMonths
          ? addMonths(start, input.program.relationshipMonths)
          : null;
    const objectives = random.sample(OBJECTIVES, random.int(2, 3));
    const row = await insert(
      U.mentorship,
      {
        mentorshipStatus: input.status,
        // one waiting for the agreement has no dates yet: its term runs from the day both accept
        startDate: input.status === 'pending-agreement' ? null : isoDay(start),
        endDate: end && input.status !== 'pending-agreement' ? isoDay(end) : null,
        mentorAgreedAt: input.program.agreementRequired ? iso(at(input.startDaysAgo, 10)) : null,
        menteeAgreedAt: input.program.agreementRequired && input.status !== 'pending-agreement' ? iso(at(input.startDaysAgo, 12)) : null,
        plan:
          input.status === 'pending-agreement'
            ? null
            : {
                objectives: objectives.map(([title], index) => ({ title, targetDate: end ? isoDay(new Date(start.getTime() + (index + 1) * 60 * DAY)) : null, done: index === 0 && input.startDaysAgo > 60 })),
                timeline: objectives.map(([, label], index) => ({ date: isoDay(new Date(start.getTime() + (index + 1) * 30 * DAY)), label })),
              },
        renewals: [],
        endedAt: input.status === 'ended' || input.status === 'completed' ? iso(end ?? at(1)) : null,
        endedReason: input.endedReason ?? null,
        endedBy: input.status === 'ended' ? 'member:mentee' : null,
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        initiatedBy: input.source === 'staff' ? 'admin:demo' : null,
        createdAt: iso(start),
        updatedAt: iso(start),
      },
      { program: input.program.id, mentor: input.mentor.id, mentee: input.mentee.id },
    );
    created.mentorships += 1;
    touchedMentors.add(input.mentor.id);
    for (const [monthsAgo, minutes] of (input.checkIns ?? []).entries()) {
      if (minutes <= 0) continue;
      const daysAgo = 6 + monthsAgo * 30 + random.int(0, 10);
      if (daysAgo > input.startDaysAgo) break;
      await insert(
        U.checkIn,
        { date: isoDay(at(daysAgo)), minutes, note: random.pick(CHECK_IN_NOTES), createdAt: iso(at(daysAgo, 18)), updatedAt: iso(at(daysAgo, 18)) },
        { mentorship: row.id, loggedBy: random.chance(0.5) ? input.mentor.id : input.mentee.id },
      );
      created.checkIns += 1;
    }
    if (input.introduce) {
      for (const [self, partner] of [
        [input.mentee, input.mentor],
        [input.mentor, input.mentee],
      ] as const) {
        await email(
          input.program,
          'match.introduction',
          self,
          { partner: { name: partner.displayName, email: partner.user?.email ?? '' }, mentorship: { start: isoDay(start), end: end ? isoDay(end) : '' }, mentor: { name: input.mentor.displayName }, mentee: { name: input.mentee.displayName } },
          at(input.startDaysAgo, 9),
          `mentorship:${row.documentId}:introduction:${self.documentId}`,
        );
      }
    }
    return row;
  };

  const bySlug = new Map(programs.map((program) => [program.slug, program]));
  /** Takes the next `count` members of a pool, each once. */
  const taker = (pool: ProfileRow[]) => {
    let next = 0;
    return (count = 1) => {
      const taken = pool.slice(next, next + count);
      next += count;
      return taken;
    };
  };
  const engaged = () => [random.int(60, 120), random.int(60, 120), random.int(45, 120), random.int(60, 90)];
  const lagging = () => [0, random.int(10, 30), random.int(30, 60)];

  /* Member-driven programs: requests in every state and the mentorships they started. */
  for (const slug of ['lab-sciences-open-mentoring', 'pharmacy-mentor-exchange']) {
    const program = bySlug.get(slug);
    if (!program) continue;
    const discovery = slug === 'lab-sciences-open-mentoring';
    const kind = discovery ? 'discovery-call' : 'mentoring';
    const mentors = taker(await profilesOf(program, 'mentor', ['listed']));
    const mentees = taker(await profilesOf(program, 'mentee', ['approved']));
    const messages = REQUEST_MESSAGES[slug]!;
    const message = (index: number) => messages[index % messages.length]!;

    // Open: two recent, one past its answer date (the dashboard's overdue count).
    for (const [index, sentDaysAgo] of [2, 5, (program.requestResponseDays ?? 14) + 3].entries()) {
      const [mentor] = mentors();
      const [mentee] = mentees();
      if (mentor && mentee) await request({ program, sender: mentee, addressee: mentor, kind, status: 'open', message: message(index), sentDaysAgo });
    }
    if (discovery) {
      // A discovery call accepted this week: the two have each other's contact to arrange it.
      const [mentor] = mentors();
      const [mentee] = mentees();
      if (mentor && mentee) await request({ program, sender: mentee, addressee: mentor, kind: 'discovery-call', status: 'accepted', message: message(4), sentDaysAgo: 6, answeredDaysAgo: 4 });
    }
    // Declined, expired and withdrawn.
    for (const [index, status] of (['declined', 'declined', 'expired', 'withdrawn'] as const).entries()) {
      const [mentor] = mentors();
      const [mentee] = mentees();
      if (!mentor || !mentee) continue;
      const sentDaysAgo = 40 + index * 9;
      await request({
        program,
        sender: mentee,
        addressee: mentor,
        kind,
        status,
        message: message(index + 3),
        sentDaysAgo,
        answeredDaysAgo: status === 'expired' ? sentDaysAgo - (program.requestResponseDays ?? 14) : sentDaysAgo - 3,
        reason: status === 'declined' ? DECLINE_REASONS[index % DECLINE_REASONS.length] : undefined,
      });
    }
    // Accepted requests and their mentorships: engaged pairs, pairs below the minimum, a renewal due
    // soon, one waiting for the agreement (open directory), a completed one and one ended early.
    const months = program.relationshipMonths ?? 12;
    const plans: Omit<MentorshipInput, 'program' | 'mentor' | 'mentee' | 'source'>[] = [
      { status: 'active', startDaysAgo: 150, checkIns: engaged() },
      { status: 'active', startDaysAgo: 95, checkIns: engaged() },
      { status: 'active', startDaysAgo: 70, checkIns: lagging() },
      { status: 'active', startDaysAgo: 45, checkIns: [0, 0] },
      { status: 'active', startDaysAgo: months * 30 - 20, endInDays: 20, checkIns: engaged() },
      { status: 'completed', startDaysAgo: months * 30 + 40, endInDays: -40, checkIns: engaged() },
      { status: 'ended', startDaysAgo: 120, endInDays: -25, checkIns: [0, 45, 60], endedReason: ENDED_REASONS[0] },
      ...(program.agreementRequired ? [{ status: 'pending-agreement' as const, startDaysAgo: 3 }] : []),
    ];
    for (const [index, plan] of plans.entries()) {
      const [mentor] = mentors();
      const [mentee] = mentees();
      if (!mentor || !mentee) continue;
      const sentDaysAgo = plan.startDaysAgo + 4;
      if (discovery) {
        // In the open directory a mentorship follows a discovery call: the call, then the formal request.
        const callSent = at(sentDaysAgo + 10);
        await request({
          program, sender: mentee, addressee: mentor, kind: 'discovery-call', status: 'closed', message: message(index + 1), sentDaysAgo: sentDaysAgo + 10,
          history: [
            { at: iso(callSent), event: 'sent', profile: mentor.documentId },
            { at: iso(at(sentDaysAgo + 8, 15)), event: 'accepted', profile: mentor.documentId },
            { at: iso(at(sentDaysAgo, 9)), event: 'followed-up', profile: mentee.documentId },
          ],
        });
      }
      const accepted = await request({ program, sender: mentee, addressee: mentor, kind: 'mentoring', status: 'accepted', message: message(index), sentDaysAgo, answeredDaysAgo: plan.startDaysAgo });
      const pair = await mentorship({ ...plan, program, mentor, mentee, source: 'request', sourceRef: accepted.documentId });
      link(U.request, 'mentorship', accepted.id, pair.id);
      const variables = { mentee: { name: mentee.displayName }, mentor: { name: mentor.displayName, email: mentor.user?.email }, request: { message: message(index) }, mentorship: { start: plan.status === 'pending-agreement' ? '' : isoDay(at(plan.startDaysAgo, 0)) } };
      await email(program, 'request.accepted', mentee, variables, at(plan.startDaysAgo, 15), `request:${accepted.documentId}:accepted`);
      if (plan.endInDays === 20) {
        for (const person of [mentor, mentee]) {
          await email(program, 'mentorship.renewal-due', person, { ...variables, mentorship: { end: isoDay(new Date(now.getTime() + 20 * DAY)) } }, at(1, 7), `mentorship:${pair.documentId}:renewal-due:${person.documentId}`);
        }
      }
      if (plan.checkIns && plan.checkIns[0] === 0 && plan.status === 'active') {
        await email(program, 'mentorship.engagement-low', mentee, variables, at(2, 7), `mentorship:${pair.documentId}:engagement:${isoDay(at(2))}`);
      }
    }
  }

  /* Cohort programs: staff ran matching, approved the run, and the pairs were introduced. */
  for (const slug of ['student-guided-cohort', 'global-virtual-mentors']) {
    const program = bySlug.get(slug);
    if (!program) continue;
    const mentors = await profilesOf(program, 'mentor', ['approved', 'listed']);
    const mentees = await profilesOf(program, 'mentee', ['approved']);
    const size = Math.min(slug === 'student-guided-cohort' ? 10 : 8, mentors.length, mentees.length);
    if (size === 0) continue;
    const approvedAt = at(slug === 'student-guided-cohort' ? 35 : 75, 11);
    const pairs = Array.from({ length: size }, (_, index) => {
      const score = Math.round((0.92 - index * 0.03 - random.next() * 0.02) * 1000) / 1000;
      return {
        menteeId: mentees[index]!.documentId,
        mentorId: mentors[index]!.documentId,
        menteeName: mentees[index]!.displayName,
        mentorName: mentors[index]!.displayName,
        score,
        breakdown: [{ criterion: 'Overall fit', weight: 1, match: score, contribution: score }],
        locked: false,
      };
    });
    const unmatched = mentees.slice(size, size + 2).map((mentee) => ({ menteeId: mentee.documentId, menteeName: mentee.displayName, reason: 'No mentor place left in this run' }));
    const totalScore = Math.round(pairs.reduce((sum, pair) => sum + pair.score, 0) * 1000) / 1000;
    const staff = { id: 1, name: 'Programme Staff', email: 'admin@example.org' };
    const pool = [...mentors.slice(0, size), ...mentees.slice(0, size + unmatched.length)];
    const run = await insert(
      U.run,
      {
        runStatus: 'approved',
        names: Object.fromEntries(pool.map((profile) => [profile.documentId, profile.displayName])),
        criteria: [],
        weightOverrides: {},
        engine: 'jv',
        engineVersion: 'demo',
        menteeCount: size + unmatched.length,
        mentorCount: size,
        startedAt: iso(new Date(approvedAt.getTime() - 2 * DAY)),
        finishedAt: iso(new Date(approvedAt.getTime() - 2 * DAY + 1400)),
        durationMs: 1400,
        timings: {},
        result: {
          pairs,
          unmatched,
          mentorLoads: mentors.slice(0, size).map((mentor) => ({ mentorId: mentor.documentId, mentorName: mentor.displayName, load: 1, capacity: mentor.capacity ?? 1 })),
          totalScore,
          stats: { pairs: size, unmatched: unmatched.length },
        },
        locked: [],
        excluded: [],
        createdByAdmin: staff,
        approvedByAdmin: staff,
        approvedAt: iso(approvedAt),
        mentorshipDocumentIds: [],
        createdAt: iso(new Date(approvedAt.getTime() - 2 * DAY)),
        updatedAt: iso(approvedAt),
      },
      { program: program.id },
    );
    created.runs += 1;
    const mentorshipIds: string[] = [];
    for (let index = 0; index < size; index += 1) {
      const startDaysAgo = Math.round((now.getTime() - approvedAt.getTime()) / DAY);
      const pair = await mentorship({
        program,
        mentor: mentors[index]!,
        mentee: mentees[index]!,
        status: 'active',
        startDaysAgo,
        source: 'matching-run',
        sourceRef: run.documentId,
        checkIns: index % 4 === 3 ? lagging() : engaged(),
        introduce: true,
      });
      mentorshipIds.push(pair.documentId);
    }
    await db(U.run).update({ where: { id: run.id }, data: { mentorshipDocumentIds: mentorshipIds } });
    await plugin.service('audit').record({
      actor: staff,
      action: 'run.approved',
      subjectType: 'matching-run',
      subjectDocumentId: run.documentId,
      programDocumentId: program.documentId,
      details: { mentorships: mentorshipIds },
    });
  }

  /* Ranked cascade: requests moving down their choices, one escalated to staff, one accepted. */
  const cascade = bySlug.get('medical-education-mentoring');
  if (cascade) {
    const mentors = taker(await profilesOf(cascade, 'mentor', ['listed']));
    const mentees = taker(await profilesOf(cascade, 'mentee', ['approved']));
    const messages = REQUEST_MESSAGES['medical-education-mentoring']!;
    const days = cascade.requestResponseDays ?? 21;
    const cascaded = async (status: 'open' | 'escalated' | 'accepted', lapsed: number, message: string) => {
      const [mentee] = mentees();
      const choices = mentors(3);
      if (!mentee || choices.length < 3) return null;
      const sentDaysAgo = 3 + lapsed * days + (status === 'escalated' ? 2 : 0);
      const history: Record<string, unknown>[] = [{ at: iso(at(sentDaysAgo)), event: 'sent', choice: 0, profile: choices[0]!.documentId }];
      for (let step = 1; step <= Math.min(lapsed, 2); step += 1) {
        history.push({ at: iso(at(sentDaysAgo - step * days, 6)), event: 'forwarded', choice: step, profile: choices[step]!.documentId, note: `${choices[step - 1]!.displayName} did not answer in time` });
      }
      if (status === 'escalated') history.push({ at: iso(at(2, 6)), event: 'escalated', note: 'Every choice lapsed' });
      const current = Math.min(lapsed, 2);
      const row = await request({
        program: cascade,
        sender: mentee,
        addressee: status === 'escalated' ? null : choices[current]!,
        kind: 'mentoring',
        status,
        message,
        sentDaysAgo,
        answeredDaysAgo: status === 'escalated' ? 2 : undefined,
        choices,
        currentChoice: current,
        history,
        escalated: status === 'escalated',
      });
      return { row, mentee, mentor: choices[current]! };
    };
    await cascaded('open', 0, messages[0]!);
    await cascaded('open', 1, messages[1]!);
    await cascaded('escalated', 3, messages[2]!);
    const accepted = await cascaded('accepted', 1, messages[3]!);
    if (accepted) {
      const pair = await mentorship({ program: cascade, mentor: accepted.mentor, mentee: accepted.mentee, status: 'active', startDaysAgo: 30, source: 'request', sourceRef: accepted.row.documentId, checkIns: engaged() });
      link(U.request, 'mentorship', accepted.row.id, pair.id);
    }
  }

  await writer.flushRelations();
  // Directory listings and the dashboard read each mentor's load: recompute it for everyone touched.
  for (const mentorId of touchedMentors) await plugin.service('mentorships').refreshMentorLoad(mentorId);
  return created;
};
