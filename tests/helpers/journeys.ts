import type { Core } from '@strapi/strapi';
import type { ProgramStyle, Role } from '../../cms/shared/vocabulary';
import type { Answers } from '../../cms/shared/profile-fields';
import { startApp, type TestApp } from './strapi';
import { startMailSink, type MailSink } from './mail';

const UID = {
  program: 'plugin::mentorship.program',
  profileType: 'plugin::mentorship.profile-type',
  profile: 'plugin::mentorship.profile',
} as const;

const AREAS = [
  { value: 'cardiology', label: 'Cardiology' },
  { value: 'oncology', label: 'Oncology' },
  { value: 'pharmacy', label: 'Hospital pharmacy' },
  { value: 'research', label: 'Clinical research' },
  { value: 'leadership', label: 'Leadership' },
];
const STAGES = [
  { value: 'student', label: 'Students' },
  { value: 'resident', label: 'Residents' },
  { value: 'early-career', label: 'Early career' },
  { value: 'mid-career', label: 'Mid career' },
];

export const MENTOR_FIELDS = [
  { key: 'expertise', label: 'Areas of expertise', kind: 'multiple-choice', options: AREAS, required: true, public: true, searchable: true, matching: true },
  { key: 'canMentor', label: 'Who I can mentor', kind: 'multiple-choice', options: STAGES, required: true, public: true, searchable: true, matching: true },
  { key: 'country', label: 'Country of practice', kind: 'country', required: true, public: true, searchable: true, matching: true },
  { key: 'languages', label: 'Languages', kind: 'languages', public: true, searchable: true, matching: true },
  { key: 'yearsExperience', label: 'Years of experience', kind: 'number', min: 0, max: 70, public: true, matching: true },
  { key: 'phone', label: 'Phone number', kind: 'text' },
];

export const MENTEE_FIELDS = [
  { key: 'interests', label: 'Interests', kind: 'multiple-choice', options: AREAS, required: true, matching: true },
  { key: 'careerStage', label: 'Career stage', kind: 'single-choice', options: STAGES, required: true, matching: true },
  { key: 'country', label: 'Country of practice', kind: 'country', required: true, matching: true },
  { key: 'languages', label: 'Languages', kind: 'languages', matching: true },
  { key: 'trainingYear', label: 'Year training ended', kind: 'year' },
  { key: 'memberType', label: 'Membership', kind: 'single-choice', options: [{ value: 'full', label: 'Full member' }, { value: 'associate', label: 'Associate' }] },
  { key: 'phone', label: 'Phone number', kind: 'text' },
];

export const CRITERIA = [
  { name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 5 },
  { name: 'Mentors this career stage', kind: 'overlap', menteeAttribute: 'careerStage', mentorAttribute: 'canMentor', weight: 3 },
  { name: 'Common language', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 2 },
];

/** Each style's rules, after the product brief (dates relative to now). */
export const styleRules = (style: ProgramStyle, now = new Date()): Record<string, unknown> => {
  const day = 24 * 60 * 60 * 1000;
  switch (style) {
    case 'open-directory':
      return { relationshipMonths: 12, renewalAllowed: true, agreementRequired: true, agreement: 'We meet once a month and keep what we share confidential.', mentorMayApproach: true, requestResponseDays: 14 };
    case 'mentor-exchange':
      return { relationshipMonths: 6, renewalAllowed: true, requestResponseDays: 14 };
    case 'guided-cohort':
      return {
        alwaysOpen: false, enrollmentOpensAt: new Date(now.getTime() - 10 * day).toISOString(), enrollmentClosesAt: new Date(now.getTime() + 20 * day).toISOString(),
        mentorSeats: 20, menteeSeats: 2, relationshipMonths: 6, engagementHoursPerMonth: 1, mentorApprovalRequired: true, menteeApprovalRequired: true,
      };
    case 'international-virtual':
      return {
        alwaysOpen: false, enrollmentOpensAt: new Date(now.getTime() - 10 * day).toISOString(), enrollmentClosesAt: new Date(now.getTime() + 20 * day).toISOString(),
        relationshipMonths: 12, engagementHoursPerMonth: 1, mentorApprovalRequired: true, menteeApprovalRequired: true,
        eligibilityRules: [
          { field: 'memberType', operator: 'equals', value: 'full', message: 'Only full members can apply.' },
          { field: 'trainingYear', operator: 'years-since-less-than', value: 10, message: 'Training must have ended less than ten years ago.' },
          { field: 'country', operator: 'not-equals', value: 'US', message: 'This program is for members practising outside the United States.' },
          { field: 'yearsExperience', operator: 'at-least', value: 10, role: 'mentor', message: 'Mentors need ten or more years of experience.' },
        ],
      };
    case 'ranked-cascade':
      return { rankedChoices: 3, requestResponseDays: 21, mentorApprovalRequired: true, relationshipMonths: null };
  }
};

export interface ProgramFixture {
  documentId: string;
  slug: string;
  style: ProgramStyle;
}

let programCounter = 0;

/** A program of one style with a mentor and a mentee profile type, open for enrollment. */
export const createProgram = async (strapi: Core.Strapi, style: ProgramStyle, overrides: Record<string, unknown> = {}): Promise<ProgramFixture> => {
  programCounter += 1;
  const slug = `${style}-${programCounter}`;
  const program = (await strapi.documents(UID.program).create({
    data: {
      name: `Program ${style} ${programCounter}`, slug, style, programStatus: 'open', maxOpenRequests: 3, defaultMentorCapacity: 1,
      matchingCriteria: CRITERIA, contactEmail: 'office@example.org', ...styleRules(style), ...overrides,
    },
  } as never)) as unknown as { documentId: string };
  for (const [role, fields] of [['mentor', MENTOR_FIELDS], ['mentee', MENTEE_FIELDS]] as const) {
    await strapi.documents(UID.profileType).create({ data: { name: `${role} profile`, role, program: program.documentId, fields } } as never);
  }
  return { documentId: program.documentId, slug, style };
};

export interface Member {
  id: number;
  documentId: string;
  email: string;
  username: string;
  jwt: string;
}

let memberCounter = 0;

/** A member registered through users-permissions, with a real JWT. */
export const registerMember = async (app: TestApp, name: string): Promise<Member> => {
  memberCounter += 1;
  const username = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${memberCounter}`;
  const email = `${username}@members.example.org`;
  const response = await app.http().post('/api/auth/local/register').send({ username, email, password: 'Secret-passw0rd' });
  if (response.status !== 200) throw new Error(`register ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.user.id, documentId: response.body.user.documentId, email, username, jwt: response.body.jwt };
};

export const mentorAnswers = (overrides: Answers = {}): Answers => ({
  expertise: ['cardiology'], canMentor: ['resident'], country: 'DE', languages: ['en', 'de'], yearsExperience: 15, phone: '+49 30 1234567', ...overrides,
});

export const menteeAnswers = (overrides: Answers = {}): Answers => ({
  interests: ['cardiology'], careerStage: 'resident', country: 'FR', languages: ['en', 'fr'], trainingYear: new Date().getUTCFullYear() - 2, memberType: 'full', phone: '+33 1 2345678', ...overrides,
});

/** A profile written directly (as staff would), for setting the scene quickly. */
export const createProfile = async (
  strapi: Core.Strapi,
  input: { member: Member; program: ProgramFixture; role: Role; displayName: string; answers?: Answers; profileStatus?: string; capacity?: number; bio?: string; careerPath?: string },
): Promise<{ documentId: string }> =>
  (await strapi.documents(UID.profile).create({
    data: {
      user: input.member.id,
      program: input.program.documentId,
      role: input.role,
      displayName: input.displayName,
      answers: input.answers ?? (input.role === 'mentor' ? mentorAnswers() : menteeAnswers()),
      profileStatus: input.profileStatus ?? (input.role === 'mentor' ? 'listed' : 'approved'),
      capacity: input.capacity ?? 1,
      bio: input.bio ?? null,
      careerPath: input.careerPath ?? null,
    },
  } as never)) as unknown as { documentId: string };

export interface JourneyApp extends TestApp {
  mail: MailSink;
  /** request with the member's JWT */
  as: (member: Member) => { get: (url: string) => ReturnType<ReturnType<TestApp['http']>['get']>; post: (url: string) => ReturnType<ReturnType<TestApp['http']>['post']>; put: (url: string) => ReturnType<ReturnType<TestApp['http']>['put']> };
  clock: { set: (date: Date | string | null) => void; now: () => Date; advance: (ms: number) => Date };
  service: <T = Record<string, (...args: never[]) => Promise<unknown>>>(name: string) => T;
}

/** The host app on a fresh database, sending mail to an SMTP server in this process. */
export const startJourneyApp = async (): Promise<JourneyApp> => {
  const mail = await startMailSink();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(mail.port);
  let app: TestApp;
  try {
    app = await startApp();
  } catch (error) {
    // A boot failure must not leave the SMTP server holding jest open.
    await mail.stop();
    throw error;
  }
  const service = <T>(name: string) => app.strapi.plugin('mentorship').service(name) as T;
  return {
    ...app,
    mail,
    stop: async () => {
      await app.stop();
      await mail.stop();
    },
    as: (member: Member) => ({
      get: (url: string) => app.http().get(url).set('Authorization', `Bearer ${member.jwt}`),
      post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${member.jwt}`),
      put: (url: string) => app.http().put(url).set('Authorization', `Bearer ${member.jwt}`),
    }),
    clock: service('clock'),
    service,
  };
};
