import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { profileFieldsSchema, validateAnswers, type Answers, type ProfileField } from '../../cms/shared/profile-fields';
import type { Role } from '../../cms/shared/vocabulary';
import { DEMO_PROGRAMS, GLOBAL_FAQ, type DemoProgram, type GuideText } from './programs';
import { makePeople, type Person } from './people';
import { Random } from './random';
import { seedActivity, type ActivityCreated } from './activity';
import { bulkWriter, type BulkRow } from './bulk';

/**
 * Loads the demo association: five programs (one per style) with profile types, guide content in
 * English (one program also in French), a template override, about 150 mentors and 300 mentees, and
 * a few member logins. Deterministic and idempotent: running it again creates nothing new.
 */
export const DEMO_SEED = 20261122;
export const DEMO_MEMBER_PASSWORD = 'Demo-member-2026';

const P = {
  program: 'plugin::mentorship.program',
  profileType: 'plugin::mentorship.profile-type',
  profile: 'plugin::mentorship.profile',
  faq: 'plugin::mentorship.faq-entry',
  resource: 'plugin::mentorship.resource',
  page: 'plugin::mentorship.program-page',
  template: 'plugin::mentorship.email-template',
  user: 'plugin::users-permissions.user',
  role: 'plugin::users-permissions.role',
} as const;

export interface DemoLogin {
  email: string;
  password: string;
  description: string;
}

/** Named members a tester can sign in as; each gets the profiles listed. */
const NAMED_MEMBERS: { person: Omit<Person, 'country' | 'city' | 'institution'> & { countryCode: string }; description: string; profiles: [string, Role][] }[] = [
  {
    person: { key: 'maya.mentee', givenName: 'Maya', familyName: 'Okonkwo', displayName: 'Maya Okonkwo', email: 'maya.mentee@example.org', countryCode: 'NG', languages: ['en', 'yo'] },
    description: 'mentee in the open directory and the mentor exchange; her application to medical education mentoring awaits the office\'s review',
    profiles: [['lab-sciences-open-mentoring', 'mentee'], ['pharmacy-mentor-exchange', 'mentee'], ['medical-education-mentoring', 'mentee']],
  },
  {
    person: { key: 'omar.mentor', givenName: 'Omar', familyName: 'Lindqvist', displayName: 'Omar Lindqvist', email: 'omar.mentor@example.org', countryCode: 'SE', languages: ['sv', 'en'] },
    description: 'listed mentor in the open directory, the mentor exchange and medical education mentoring',
    profiles: [['lab-sciences-open-mentoring', 'mentor'], ['pharmacy-mentor-exchange', 'mentor'], ['medical-education-mentoring', 'mentor']],
  },
  {
    person: { key: 'lena.both', givenName: 'Lena', familyName: 'Moreau', displayName: 'Lena Moreau', email: 'lena.both@example.org', countryCode: 'FR', languages: ['fr', 'en'] },
    description: 'both mentor and mentee in the open directory',
    profiles: [['lab-sciences-open-mentoring', 'mentor'], ['lab-sciences-open-mentoring', 'mentee']],
  },
  {
    person: { key: 'ravi.applicant', givenName: 'Ravi', familyName: 'Iyer', displayName: 'Ravi Iyer', email: 'ravi.applicant@example.org', countryCode: 'IN', languages: ['en', 'hi'] },
    description: 'applicant in Global Virtual Mentors and the student cohort (awaiting review)',
    profiles: [['global-virtual-mentors', 'mentee'], ['student-guided-cohort', 'mentee']],
  },
];

// Each opener reads as a sentence of its own: career paths come in many shapes ("12 years in
// oncology", "hospital pharmacy", "nursing educator") and are shown beside the bio anyway.
const BIO_OPENERS = [
  (city: string) => `I live and work in ${city}.`,
  (city: string) => `Most of my working life has been spent in ${city}, where I still practise.`,
  (city: string) => `I trained in ${city} and have stayed there ever since.`,
  (city: string) => `I am based in ${city} and mentor colleagues both in person and online.`,
];
const BIO_CLOSERS = [
  'I enjoy helping colleagues find their own answers.',
  'I am happy to talk about setbacks as well as successes.',
  'I would love to hear what you are working towards.',
  'Mentoring others was the best part of my own training, and I want to pass that on.',
];

interface Created {
  programs: number;
  users: number;
  profiles: number;
  guide: number;
  /** requests, mentorships, check-ins, runs and e-mails of the demo's history (loaded once) */
  activity: ActivityCreated;
}

const findOrCreate = async (
  strapi: Core.Strapi,
  uid: string,
  filters: Record<string, unknown>,
  data: Record<string, unknown>,
  locale?: string,
): Promise<{ documentId: string; created: boolean }> => {
  const documents = strapi.documents(uid as typeof P.program);
  const existing = (await documents.findFirst({ filters, ...(locale ? { locale } : {}) } as never)) as { documentId: string } | null;
  if (existing) return { documentId: existing.documentId, created: false };
  const created = (await documents.create({ data, ...(locale ? { locale } : {}) } as never)) as { documentId: string };
  return { documentId: created.documentId, created: true };
};

const ensureLocale = async (strapi: Core.Strapi, code: string, name: string) => {
  const locales = strapi.plugin('i18n').service('locales');
  const existing = await locales.findByCode(code);
  if (!existing) await locales.create({ code, name });
};

const seedGuide = async (strapi: Core.Strapi, programDocumentId: string | null, guide: GuideText, translations: Record<string, GuideText>, created: Created) => {
  const program = programDocumentId ?? null;
  const translate = async (uid: string, documentId: string, wasCreated: boolean, pick: (text: GuideText) => Record<string, unknown> | undefined) => {
    if (!wasCreated) return;
    for (const [locale, text] of Object.entries(translations)) {
      const data = pick(text);
      if (data) await strapi.documents(uid as typeof P.faq).update({ documentId, locale, data } as never);
    }
  };
  for (const [index, entry] of guide.faq.entries()) {
    const result = await findOrCreate(
      strapi,
      P.faq,
      { question: entry.question, program: program ? { documentId: program } : { id: { $null: true } } },
      { ...entry, order: index, program },
      'en',
    );
    if (result.created) created.guide += 1;
    await translate(P.faq, result.documentId, result.created, (text) => text.faq[index] && { ...text.faq[index], order: index, program });
  }
  for (const [index, entry] of guide.resources.entries()) {
    const result = await findOrCreate(strapi, P.resource, { title: entry.title, program: program ? { documentId: program } : { id: { $null: true } } }, { ...entry, order: index, program }, 'en');
    if (result.created) created.guide += 1;
    await translate(P.resource, result.documentId, result.created, (text) => text.resources[index] && { ...text.resources[index], order: index, program });
  }
  if (guide.page.slug) {
    const result = await findOrCreate(strapi, P.page, { slug: guide.page.slug }, { ...guide.page, program }, 'en');
    if (result.created) created.guide += 1;
    await translate(P.page, result.documentId, result.created, (text) => ({ title: text.page.title, body: text.page.body, slug: text.page.slug, program }));
  }
};

const bioOf = (random: Random, person: Person) => `${random.pick(BIO_OPENERS)(person.city)} ${random.pick(BIO_CLOSERS)}`;

/**
 * Members with the users-permissions password hash of the first one reused (hashing hundreds is
 * slow): the first through users-permissions, the rest in a few multi-row inserts.
 */
const ensureUsers = async (strapi: Core.Strapi, people: Person[], created: Created, writer: Writer): Promise<Map<string, number>> => {
  const byEmail = new Map<string, number>();
  const emails = people.map((person) => person.email);
  for (let start = 0; start < emails.length; start += 200) {
    const rows = (await strapi.db.query(P.user).findMany({ where: { email: { $in: emails.slice(start, start + 200) } }, select: ['id', 'email'] })) as { id: number; email: string }[];
    for (const row of rows) byEmail.set(row.email, row.id);
  }
  const missing = people.filter((person) => !byEmail.has(person.email));
  if (missing.length === 0) return byEmail;
  const authenticated = (await strapi.db.query(P.role).findOne({ where: { type: 'authenticated' } })) as { id: number };
  const base = (person: Person) => ({ username: person.key, email: person.email, provider: 'local', confirmed: true, blocked: false });
  const [first, ...rest] = missing;
  const user = await strapi.plugin('users-permissions').service('user').add({ ...base(first!), role: authenticated.id, password: DEMO_MEMBER_PASSWORD });
  const passwordHash = ((await strapi.db.query(P.user).findOne({ where: { id: user.id }, select: ['id', 'password'] })) as { password: string }).password;
  byEmail.set(first!.email, user.id);
  const written = await writer.insert(P.user, rest.map((person) => ({ data: { ...base(person), password: passwordHash }, relations: { role: authenticated.id } })));
  written.forEach(({ id }, index) => byEmail.set(rest[index]!.email, id));
  created.users += missing.length;
  return byEmail;
};

type Writer = ReturnType<typeof bulkWriter>;

/** Seconds spent in each part of the seed, for its log line (the first start's figures in the README come from it). */
type Phases = Record<string, number>;

const timed = async <T,>(phases: Phases, name: string, work: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    return await work();
  } finally {
    phases[name] = (phases[name] ?? 0) + (Date.now() - started) / 1000;
  }
};

const seedContent = async (strapi: Core.Strapi, random: Random, created: Created, writer: Writer, phases: Phases): Promise<void> => {
  const programsStarted = Date.now();
  // Programs, their profile types and guide content.
  const programIds = new Map<string, { documentId: string; id: number }>();
  for (const demo of DEMO_PROGRAMS) {
    const result = await findOrCreate(strapi, P.program, { slug: demo.slug }, { ...demo.data, slug: demo.slug });
    if (result.created) created.programs += 1;
    const row = await strapi.db.query(P.program).findOne({ where: { documentId: result.documentId }, select: ['id'] });
    programIds.set(demo.slug, { documentId: result.documentId, id: row.id });
    for (const role of ['mentor', 'mentee'] as const) {
      await findOrCreate(
        strapi,
        P.profileType,
        { program: { documentId: result.documentId }, role },
        {
          name: `${demo.data.name}: ${role} profile`,
          program: result.documentId,
          role,
          introduction: role === 'mentor' ? demo.mentorIntro : demo.menteeIntro,
          fields: role === 'mentor' ? demo.mentorFields : demo.menteeFields,
        },
      );
    }
    await seedGuide(strapi, result.documentId, demo.guide, demo.translations ?? {}, created);
  }
  await seedGuide(strapi, null, { faq: GLOBAL_FAQ, resources: [], page: { title: '', slug: '', body: '' } }, {}, created);

  const international = programIds.get('global-virtual-mentors');
  if (international) {
    await findOrCreate(
      strapi,
      P.template,
      { key: 'match.introduction', program: { documentId: international.documentId } },
      {
        key: 'match.introduction',
        program: international.documentId,
        subject: 'Global Virtual Mentors: meet {{partner.name}}',
        text: 'Dear {{recipient.name}},\n\nWe are pleased to introduce {{partner.name}} ({{partner.email}}), your partner in {{program.name}} from {{mentorship.start}}.\n\nWe will send you both an invitation to a short introductory call. Before it, think about two or three objectives for your mentoring plan.\n\n{{program.url}}',
        html: '<p>Dear {{recipient.name}},</p><p>We are pleased to introduce <strong>{{partner.name}}</strong> (<a href="mailto:{{partner.email}}">{{partner.email}}</a>), your partner in {{program.name}} from {{mentorship.start}}.</p><p>We will send you both an invitation to a short introductory call. Before it, think about two or three objectives for your mentoring plan.</p>',
      },
    );
  }

  phases.programs = (Date.now() - programsStarted) / 1000;

  // People: named demo logins first, then the generated members.
  const generated = makePeople(random, 380);
  const named: Person[] = NAMED_MEMBERS.map(({ person }) => {
    const base = generated.find((candidate) => candidate.country.code === person.countryCode) ?? generated[0]!;
    return { ...person, country: base.country, city: base.city, institution: base.institution };
  });
  const people = [...named, ...generated];
  const userIds = await timed(phases, 'members', () => ensureUsers(strapi, people, created, writer));

  const plan: { person: Person; demo: DemoProgram; role: Role }[] = [];
  NAMED_MEMBERS.forEach((member, index) => {
    for (const [slug, role] of member.profiles) plan.push({ person: named[index]!, demo: DEMO_PROGRAMS.find((demo) => demo.slug === slug)!, role });
  });
  let cursor = 0;
  for (const demo of DEMO_PROGRAMS) {
    for (const role of ['mentor', 'mentee'] as const) {
      const wanted = (role === 'mentor' ? demo.mentors : demo.mentees) - plan.filter((entry) => entry.demo === demo && entry.role === role).length;
      for (let count = 0; count < wanted; count += 1) {
        // Mentors are drawn from the first part of the pool and mentees from the rest, with some
        // overlap so that a few members hold both kinds of profile.
        const person = role === 'mentor' ? generated[cursor % 160]! : generated[120 + (cursor % 260)]!;
        cursor += 1;
        if (plan.some((entry) => entry.person === person && entry.demo === demo && entry.role === role)) {
          count -= 1;
          continue;
        }
        plan.push({ person, demo, role });
      }
    }
  }

  // Profiles: written in bulk, each checked against its profile type's questions as the plugin's
  // validation would; the mentors' directory listings then come from the directory's own sync.
  const questions = new Map<string, ProfileField[]>();
  for (const type of (await strapi.db.query(P.profileType).findMany({ select: ['role', 'fields'], populate: { program: { select: ['id'] } } })) as {
    role: Role;
    fields: unknown;
    program?: { id: number } | null;
  }[]) {
    if (type.program) questions.set(`${type.program.id}:${type.role}`, profileFieldsSchema.parse(type.fields));
  }
  const existing = new Set(
    ((await strapi.db.query(P.profile).findMany({ select: ['id', 'role'], populate: { user: { select: ['id'] }, program: { select: ['id'] } }, limit: 100000 })) as {
      role: Role;
      user?: { id: number } | null;
      program?: { id: number } | null;
    }[]).map((row) => `${row.user?.id}:${row.program?.id}:${row.role}`),
  );
  const now = Date.now();
  const rows: (BulkRow & { role: Role })[] = [];
  for (const { person, demo, role } of plan) {
    const program = programIds.get(demo.slug)!;
    const userId = userIds.get(person.email)!;
    // Draw every random value even when the profile exists, so the sequence never shifts.
    const answers: Answers = role === 'mentor' ? demo.mentorAnswers(person, random) : demo.menteeAnswers(person, random);
    const isNamed = named.includes(person);
    const status = isNamed
      ? role === 'mentor'
        ? demo.data.mentorApprovalRequired ? 'approved' : 'listed'
        : demo.data.menteeApprovalRequired ? 'submitted' : 'approved'
      : role === 'mentor'
        ? demo.mentorStatus(random)
        : demo.menteeStatus(answers, random);
    const careerPath = demo.careerPath(answers, random);
    const availability = role === 'mentor' && !isNamed ? random.weighted([['available', 16], ['full', 2], ['away', 1]] as const) : 'available';
    const capacity = role === 'mentor' ? random.int(1, Math.max(1, Number(demo.data.defaultMentorCapacity ?? 1) + 1)) : 1;
    const reconfirmedAt = role === 'mentor' && random.chance(0.15) ? new Date(now - random.int(330, 360) * 86400000).toISOString() : null;
    const bio = bioOf(random, person);
    const awayUntil = availability === 'away' ? new Date(now + random.int(20, 90) * 86400000).toISOString().slice(0, 10) : null;
    const submittedAt = status === 'draft' ? null : new Date(now - random.int(5, 200) * 86400000).toISOString();
    const key = `${userId}:${program.id}:${role}`;
    if (existing.has(key)) continue;
    const problems = validateAnswers(questions.get(`${program.id}:${role}`) ?? [], answers, { requireComplete: status !== 'draft' });
    if (problems.length > 0) {
      throw new Error(`demo ${role} ${person.email} in ${demo.slug}: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    }
    rows.push({
      role,
      data: { role, displayName: person.displayName, answers, profileStatus: status, availability, awayUntil, capacity, bio, careerPath, submittedAt, reconfirmedAt },
      relations: { user: userId, program: program.id },
    });
    existing.add(key);
  }
  const written = await timed(phases, 'profiles', async () => {
    const ids = await writer.insert(P.profile, rows);
    await writer.flushRelations();
    return ids;
  });
  created.profiles += written.length;
};

/** Directory listings of the demo's mentors that have none yet (all of them on the first start), through the directory's own sync. */
const seedListings = async (strapi: Core.Strapi): Promise<void> => {
  const directory = strapi.plugin('mentorship').service('directory') as { syncListing: (profileDocumentId: string, now?: Date) => Promise<void> };
  const slugs = DEMO_PROGRAMS.map((demo) => demo.slug);
  const mentors = (await strapi.db.query(P.profile).findMany({
    where: { role: 'mentor', program: { slug: { $in: slugs } }, listing: { id: { $null: true } } },
    select: ['documentId'],
    orderBy: { id: 'asc' },
    limit: 100000,
  })) as { documentId: string }[];
  const now = new Date();
  for (const { documentId } of mentors) await directory.syncListing(documentId, now);
};

/**
 * What the demo is made of: a later start whose database holds the demo of this fingerprint has
 * nothing to do and skips the seed; a change to the demo's definitions loads what is missing.
 */
const SEED_FORMAT = 2;
const demoFingerprint = (): string =>
  createHash('sha256')
    .update(JSON.stringify({ SEED_FORMAT, DEMO_SEED, DEMO_PROGRAMS, GLOBAL_FAQ, NAMED_MEMBERS }))
    .digest('hex')
    .slice(0, 16);

const seedState = (strapi: Core.Strapi) => strapi.store({ type: 'core', name: 'mentorship-demo', key: 'seeded' });

export const seedDemo = async (strapi: Core.Strapi, { log = true, recheck = false }: { log?: boolean; recheck?: boolean } = {}): Promise<Created> => {
  const started = Date.now();
  const created: Created = { programs: 0, users: 0, profiles: 0, guide: 0, activity: { requests: 0, mentorships: 0, checkIns: 0, runs: 0, emails: 0 } };
  const fingerprint = demoFingerprint();
  if (!recheck && ((await seedState(strapi).get()) as { fingerprint?: string } | null)?.fingerprint === fingerprint) {
    if (log) strapi.log.info(`[demo] association already loaded (checked in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return created;
  }
  const phases: Phases = {};
  const random = new Random(DEMO_SEED);
  await strapi.plugin('users-permissions').service('users-permissions').initialize();
  await ensureLocale(strapi, 'fr', 'French (fr)');
  // One transaction: on SQLite it turns hundreds of synced writes into one, and a failure leaves nothing half-seeded.
  await strapi.db.transaction(({ trx }) => seedContent(strapi, random, created, bulkWriter(strapi, trx, new Date()), phases));
  await timed(phases, 'listings', () => strapi.db.transaction(() => seedListings(strapi)));
  await timed(phases, 'activity', () =>
    strapi.db.transaction(async ({ trx }) => {
      created.activity = await seedActivity(
        strapi,
        trx,
        DEMO_PROGRAMS.map((demo) => demo.slug),
        strapi.plugin('mentorship').service('clock').now() as Date,
      );
    }),
  );
  // Profiles and mentorships were written past the query engine's lifecycles: index the mentee directory from them once.
  await timed(phases, 'mentee directory', () => strapi.plugin('mentorship').service('directory-index').rebuild('mentees'));
  await seedState(strapi).set({ value: { fingerprint, at: new Date().toISOString() } });

  if (log) {
    strapi.log.info(
      `[demo] association ready in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(${Object.entries(phases).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ')}): ` +
        `${created.programs} programs, ${created.users} members, ${created.profiles} profiles, ${created.guide} guide entries created; ` +
        `${created.activity.requests} requests, ${created.activity.mentorships} mentorships, ` +
        `${created.activity.checkIns} check-ins, ${created.activity.runs} matching runs, ${created.activity.emails} e-mails`,
    );
  }
  return created;
};

export const demoLogins = (): DemoLogin[] =>
  NAMED_MEMBERS.map(({ person, description }) => ({ email: person.email, password: DEMO_MEMBER_PASSWORD, description }));
