import type { Core } from '@strapi/strapi';
import type { MatchingCriterion } from '../../cms/shared/matching-criteria';
import type { ProfileField } from '../../cms/shared/profile-fields';
import type { ProfileStatus, ProgramStyle } from '../../cms/shared/vocabulary';

/**
 * Programs and members built through the document service (so every validation and side effect runs),
 * for tests that need a realistic little cohort.
 */
const options = (...values: string[]) => values.map((value) => ({ value, label: value.replace(/-/g, ' ') }));
const field = (definition: Partial<ProfileField> & Pick<ProfileField, 'key' | 'label' | 'kind'>): ProfileField => ({
  required: false,
  public: false,
  searchable: false,
  matching: false,
  ...definition,
});

export const BACKGROUNDS = ['hospital', 'community', 'industry', 'research'];
export const INTERESTS = ['oncology', 'paediatrics', 'leadership', 'informatics', 'regulation', 'teaching'];

export const COHORT_CRITERIA: MatchingCriterion[] = [
  { name: 'Background', kind: 'same', menteeAttribute: 'background', mentorAttribute: 'background', weight: 3, required: false },
  { name: 'Region', kind: 'same', menteeAttribute: 'region', mentorAttribute: 'region', weight: 2, required: false },
  { name: 'Interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 4, required: false },
  { name: 'Language', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 1, required: true },
];

const mentorFields = [
  field({ key: 'background', label: 'Background', kind: 'single-choice', options: options(...BACKGROUNDS), required: true, public: true, matching: true }),
  field({ key: 'region', label: 'Region', kind: 'region', required: true, public: true, matching: true }),
  field({ key: 'interests', label: 'Interests', kind: 'multiple-choice', options: options(...INTERESTS), required: true, public: true, matching: true }),
  field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, matching: true }),
  field({ key: 'yearsOfPractice', label: 'Years of practice', kind: 'number', min: 0, max: 60 }),
];
const menteeFields = [
  field({ key: 'studentMember', label: 'Student member?', kind: 'single-choice', options: options('yes', 'no'), required: true }),
  field({ key: 'background', label: 'Background', kind: 'single-choice', options: options(...BACKGROUNDS), required: true, matching: true }),
  field({ key: 'region', label: 'Region', kind: 'region', required: true, matching: true }),
  field({ key: 'interests', label: 'Interests', kind: 'multiple-choice', options: options(...INTERESTS), required: true, matching: true }),
  field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, matching: true }),
];

let sequence = 0;
const next = () => (sequence += 1);

export interface ProgramFixture {
  documentId: string;
  id: number;
  slug: string;
}

export const createProgram = async (
  strapi: Core.Strapi,
  overrides: { style?: ProgramStyle; criteria?: MatchingCriterion[]; data?: Record<string, unknown> } = {},
): Promise<ProgramFixture> => {
  const n = next();
  const slug = `cohort-${n}-${Date.now().toString(36)}`;
  const program = (await strapi.documents('plugin::mentorship.program').create({
    data: {
      name: `Test cohort ${n}`,
      slug,
      style: overrides.style ?? 'guided-cohort',
      programStatus: 'open',
      alwaysOpen: true,
      relationshipMonths: 6,
      engagementHoursPerMonth: 1,
      mentorApprovalRequired: true,
      menteeApprovalRequired: true,
      defaultMentorCapacity: 1,
      minimumMatchScore: 0,
      directoryVisibility: 'members',
      eligibilityRules: [{ field: 'studentMember', operator: 'equals', value: 'yes', role: 'mentee', message: 'The cohort is open to student members.' }],
      matchingCriteria: overrides.criteria ?? COHORT_CRITERIA,
      ...overrides.data,
    },
  } as never)) as unknown as { documentId: string; id: number };
  for (const [role, fields] of [
    ['mentor', mentorFields],
    ['mentee', menteeFields],
  ] as const) {
    await strapi.documents('plugin::mentorship.profile-type').create({
      data: { program: program.documentId, role, name: `${role} profile`, fields },
    } as never);
  }
  return { documentId: program.documentId, id: program.id, slug };
};

export interface MemberFixture {
  userId: number;
  email: string;
  profileDocumentId: string;
  displayName: string;
}

export const createMember = async (
  strapi: Core.Strapi,
  program: ProgramFixture,
  role: 'mentor' | 'mentee',
  options: { name?: string; status?: ProfileStatus; answers?: Record<string, unknown>; capacity?: number } = {},
): Promise<MemberFixture> => {
  const n = next();
  const displayName = options.name ?? `${role === 'mentor' ? 'Mentor' : 'Mentee'} ${n}`;
  const email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${n}@members.example.org`;
  const authenticated = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })) as { id: number };
  const user = (await strapi.db.query('plugin::users-permissions.user').create({
    data: { username: `member${n}-${Date.now().toString(36)}`, email, password: 'Member-password-1', provider: 'local', confirmed: true, blocked: false, role: authenticated.id },
  })) as { id: number };
  const base =
    role === 'mentor'
      ? { background: 'hospital', region: 'europe', interests: ['oncology', 'leadership'], languages: ['en'], yearsOfPractice: 12 }
      : { studentMember: 'yes', background: 'hospital', region: 'europe', interests: ['oncology'], languages: ['en'] };
  const profile = (await strapi.documents('plugin::mentorship.profile').create({
    data: {
      user: user.id,
      program: program.documentId,
      role,
      displayName,
      profileStatus: options.status ?? 'approved',
      availability: 'available',
      capacity: options.capacity ?? 1,
      answers: { ...base, ...options.answers },
      submittedAt: new Date().toISOString(),
    },
  } as never)) as unknown as { documentId: string };
  return { userId: user.id, email, profileDocumentId: profile.documentId, displayName };
};
