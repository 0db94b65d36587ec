import type { ProfileField, Answers } from '../../cms/shared/profile-fields';
import type { EligibilityRule } from '../../cms/shared/eligibility';
import type { MatchingCriterion } from '../../cms/shared/matching-criteria';
import type { ProfileStatus, ProgramStyle } from '../../cms/shared/vocabulary';
import type { Person } from './people';
import type { Random } from './random';

/**
 * The five programs of the demo association (the Meridian Association of Health Professions, an
 * invented society), one per program style. All wording here is the demo's own.
 */
export interface GuideText {
  faq: { question: string; answer: string; audience: 'mentor' | 'mentee' | 'both' }[];
  resources: { title: string; summary: string; kind: 'document' | 'link' | 'video' | 'template'; url: string; audience: 'mentor' | 'mentee' | 'both' }[];
  page: { title: string; slug: string; body: string };
}

export interface DemoProgram {
  slug: string;
  data: Record<string, unknown> & { name: string; style: ProgramStyle };
  mentorFields: ProfileField[];
  menteeFields: ProfileField[];
  mentorIntro: string;
  menteeIntro: string;
  guide: GuideText;
  /** translations of the guide, by locale */
  translations?: Record<string, GuideText>;
  mentors: number;
  mentees: number;
  mentorAnswers: (person: Person, random: Random) => Answers;
  menteeAnswers: (person: Person, random: Random) => Answers;
  mentorStatus: (random: Random) => ProfileStatus;
  menteeStatus: (answers: Answers, random: Random) => ProfileStatus;
  careerPath: (answers: Answers, random: Random) => string;
}

const options = (...pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }));
const values = (list: { value: string }[]) => list.map((option) => option.value);

const field = (definition: Partial<ProfileField> & Pick<ProfileField, 'key' | 'label' | 'kind'>): ProfileField => ({
  required: false,
  public: false,
  searchable: false,
  matching: false,
  ...definition,
});

const year = new Date().getUTCFullYear();

// ---------------------------------------------------------------------------------------------
// 1. Open directory with discovery call
const LAB_SPECIALTIES = options(
  ['clinical-chemistry', 'Clinical chemistry'],
  ['microbiology', 'Microbiology'],
  ['hematology', 'Haematology'],
  ['transfusion', 'Transfusion medicine'],
  ['molecular', 'Molecular diagnostics'],
  ['cytology', 'Cytology'],
  ['histology', 'Histotechnology'],
  ['informatics', 'Laboratory informatics'],
  ['lab-management', 'Laboratory management'],
);
const SUPPORT_TOPICS = options(
  ['certification', 'Board certification'],
  ['leadership', 'Stepping into leadership'],
  ['research', 'Getting started in research'],
  ['career-change', 'Changing direction'],
  ['work-life', 'Balancing work and life'],
  ['presenting', 'Presenting and publishing'],
);
const SETTINGS = options(['hospital-lab', 'Hospital laboratory'], ['reference-lab', 'Reference laboratory'], ['academic', 'Academic centre'], ['industry', 'Industry'], ['public-health', 'Public health']);
const STAGES = options(['student', 'Student or trainee'], ['early', 'Early career (under 5 years)'], ['mid', 'Mid career'], ['senior', 'Senior']);

const openDirectory: DemoProgram = {
  slug: 'lab-sciences-open-mentoring',
  data: {
    name: 'Laboratory Sciences Open Mentoring',
    style: 'open-directory',
    programStatus: 'open',
    description:
      'Find a colleague who has walked the path you are on. Enrol whenever you like, as a mentor, a mentee or both. Browse the directory, ask for a short discovery call, and if it clicks, agree a partnership for a year.',
    alwaysOpen: true,
    relationshipMonths: 12,
    renewalAllowed: true,
    engagementHoursPerMonth: 1,
    requestResponseDays: 14,
    rankedChoices: 0,
    agreementRequired: true,
    agreement:
      'We agree to meet at a rhythm that suits us both, to keep what we share in confidence, to be honest about what is and is not working, and to tell each other early if we need to pause or end the partnership.',
    mentorApprovalRequired: false,
    menteeApprovalRequired: false,
    mentorMayApproach: true,
    maxOpenRequests: 3,
    directoryVisibility: 'members',
    defaultMentorCapacity: 2,
    minimumMatchScore: 0,
    contactEmail: 'mentoring@meridian-health.example.org',
    eligibilityRules: [],
    matchingCriteria: [
      { name: 'Specialty', kind: 'overlap', menteeAttribute: 'specialties', mentorAttribute: 'specialties', weight: 4, required: false, params: { mode: 'coverage' } },
      { name: 'Topics', kind: 'overlap', menteeAttribute: 'goals', mentorAttribute: 'canHelpWith', weight: 3, required: false, params: { mode: 'coverage' } },
      { name: 'Setting', kind: 'same', menteeAttribute: 'practiceSetting', mentorAttribute: 'practiceSetting', weight: 1, required: false },
      { name: 'Language', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 1, required: true },
    ] satisfies MatchingCriterion[],
  },
  mentorIntro: 'Tell mentees what you know well and what you are happy to talk about.',
  menteeIntro: 'Tell us where you are and what you would like help with; mentors see only the public answers.',
  mentorFields: [
    field({ key: 'specialties', label: 'Specialties', kind: 'multiple-choice', options: LAB_SPECIALTIES, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'practiceSetting', label: 'Practice setting', kind: 'single-choice', options: SETTINGS, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'canHelpWith', label: 'I can help with', kind: 'multiple-choice', options: SUPPORT_TOPICS, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'yearsExperience', label: 'Years in the profession', kind: 'number', min: 0, max: 60, required: true, public: true, searchable: true }),
    field({ key: 'country', label: 'Country', kind: 'country', required: true, public: true, searchable: true }),
    field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, public: true, searchable: true, matching: true }),
    field({ key: 'institution', label: 'Employer', kind: 'text', help: 'Only shared with your mentees once a partnership starts.' }),
  ],
  menteeFields: [
    field({ key: 'specialties', label: 'Specialties I work in or aim for', kind: 'multiple-choice', options: LAB_SPECIALTIES, required: true, matching: true }),
    field({ key: 'careerStage', label: 'Career stage', kind: 'single-choice', options: STAGES, required: true, public: true }),
    field({ key: 'practiceSetting', label: 'Practice setting', kind: 'single-choice', options: SETTINGS, matching: true }),
    field({ key: 'goals', label: 'What I would like help with', kind: 'multiple-choice', options: SUPPORT_TOPICS, required: true, matching: true }),
    field({ key: 'country', label: 'Country', kind: 'country', required: true }),
    field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, matching: true }),
    field({ key: 'institution', label: 'Employer or school', kind: 'text' }),
  ],
  mentors: 35,
  mentees: 45,
  mentorAnswers: (person, random) => ({
    specialties: random.sample(values(LAB_SPECIALTIES), random.int(1, 3)),
    practiceSetting: random.pick(values(SETTINGS)),
    canHelpWith: random.sample(values(SUPPORT_TOPICS), random.int(2, 4)),
    yearsExperience: random.int(6, 35),
    country: person.country.code,
    languages: person.languages,
    institution: person.institution,
  }),
  menteeAnswers: (person, random) => ({
    specialties: random.sample(values(LAB_SPECIALTIES), random.int(1, 2)),
    careerStage: random.weighted([['student', 2], ['early', 5], ['mid', 2]] as const),
    practiceSetting: random.pick(values(SETTINGS)),
    goals: random.sample(values(SUPPORT_TOPICS), random.int(1, 3)),
    country: person.country.code,
    languages: person.languages,
    institution: person.institution,
  }),
  mentorStatus: (random) => random.weighted([['listed', 30], ['paused', 2], ['draft', 2]] as const),
  menteeStatus: () => 'approved',
  careerPath: (answers) => `${String(answers.yearsExperience)} years, ${String(answers.practiceSetting).replace('-', ' ')}`,
  guide: {
    faq: [
      { question: 'Can I enrol at any time?', answer: 'Yes. There is no deadline: your profile goes live as soon as you complete it.', audience: 'both' },
      { question: 'Can I be a mentor and a mentee?', answer: 'Yes. Create one profile of each kind; they are kept separate and each has its own preferences.', audience: 'both' },
      { question: 'What is a discovery call?', answer: 'A short, informal conversation (20 to 30 minutes) to see whether you would work well together before either of you commits.', audience: 'mentee' },
      { question: 'How long does a partnership last?', answer: 'One year from the day you both accept the partnership agreement. You can renew it together at the end.', audience: 'both' },
      { question: 'Can a mentor reach out first?', answer: 'Yes, mentors may contact a mentee, but we find partnerships work best when the mentee makes the first move.', audience: 'mentor' },
    ],
    resources: [
      { title: 'Preparing for your discovery call', summary: 'Five questions to ask and two to expect.', kind: 'document', url: 'https://meridian-health.example.org/mentoring/discovery-call.pdf', audience: 'mentee' },
      { title: 'Partnership agreement template', summary: 'A one-page agreement you can adapt together.', kind: 'template', url: 'https://meridian-health.example.org/mentoring/agreement.docx', audience: 'both' },
      { title: 'Mentoring in ten minutes', summary: 'A short video on listening well.', kind: 'video', url: 'https://meridian-health.example.org/mentoring/listening-video', audience: 'mentor' },
    ],
    page: {
      title: 'How open mentoring works',
      slug: 'how-open-mentoring-works',
      body: '## Enrol\nCreate a mentor profile, a mentee profile, or both.\n\n## Search\nFilter the directory by specialty, setting and topic.\n\n## Talk\nAsk for a discovery call. If it goes well, both accept the partnership agreement and send a formal request.\n\n## Grow\nMeet regularly for a year, then decide together whether to renew.',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// 2. Mentor exchange
const PHARMACY_INTERESTS = options(
  ['ambulatory-care', 'Ambulatory care'],
  ['oncology', 'Oncology'],
  ['critical-care', 'Critical care'],
  ['pediatrics', 'Paediatrics'],
  ['informatics', 'Pharmacy informatics'],
  ['infectious-disease', 'Infectious diseases'],
  ['cardiology', 'Cardiology'],
  ['managed-care', 'Managed care'],
  ['academia', 'Teaching and academia'],
  ['industry', 'Industry'],
);
const PHARMACY_PATHS = options(
  ['health-system', 'Health-system pharmacy'],
  ['community', 'Community pharmacy'],
  ['residency', 'Residency and fellowship'],
  ['academia', 'Academia'],
  ['industry', 'Industry and regulatory'],
  ['leadership', 'Pharmacy leadership'],
);

const mentorExchange: DemoProgram = {
  slug: 'pharmacy-mentor-exchange',
  data: {
    name: 'Pharmacy Mentor Exchange',
    style: 'mentor-exchange',
    programStatus: 'open',
    description:
      'Browse pharmacists who have offered to mentor, read about their career paths and interests, and send a request. Your mentor answers by e-mail; once accepted, the relationship is recognised for six months and can be renewed.',
    alwaysOpen: true,
    relationshipMonths: 6,
    renewalAllowed: true,
    engagementHoursPerMonth: 1,
    requestResponseDays: 10,
    rankedChoices: 0,
    agreementRequired: false,
    mentorApprovalRequired: false,
    menteeApprovalRequired: false,
    mentorMayApproach: false,
    shareRequesterContact: true,
    maxOpenRequests: 2,
    directoryVisibility: 'public',
    defaultMentorCapacity: 2,
    minimumMatchScore: 0,
    contactEmail: 'exchange@meridian-health.example.org',
    eligibilityRules: [],
    matchingCriteria: [
      { name: 'Career path', kind: 'same', menteeAttribute: 'careerPath', mentorAttribute: 'careerPath', weight: 3, required: false },
      { name: 'Practice interests', kind: 'overlap', menteeAttribute: 'practiceInterests', mentorAttribute: 'practiceInterests', weight: 4, required: false, params: { mode: 'coverage' } },
      { name: 'Region', kind: 'same', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1, required: false },
    ] satisfies MatchingCriterion[],
  },
  mentorIntro: 'Your profile is live as soon as it is complete.',
  menteeIntro: 'Your profile lets mentors see who is asking; only the public answers are shown.',
  mentorFields: [
    field({ key: 'careerPath', label: 'Career path', kind: 'single-choice', options: PHARMACY_PATHS, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'practiceInterests', label: 'Practice interests', kind: 'multiple-choice', options: PHARMACY_INTERESTS, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'yearsExperience', label: 'Years in practice', kind: 'number', min: 0, max: 60, required: true, public: true }),
    field({ key: 'region', label: 'Region', kind: 'region', required: true, public: true, searchable: true, matching: true }),
    field({ key: 'languages', label: 'Languages', kind: 'languages', public: true, searchable: true }),
    field({ key: 'employer', label: 'Employer', kind: 'text' }),
  ],
  menteeFields: [
    field({ key: 'careerPath', label: 'Career path I am interested in', kind: 'single-choice', options: PHARMACY_PATHS, required: true, public: true, matching: true }),
    field({ key: 'practiceInterests', label: 'Practice interests', kind: 'multiple-choice', options: PHARMACY_INTERESTS, required: true, public: true, matching: true }),
    field({ key: 'region', label: 'Region', kind: 'region', required: true, matching: true }),
    field({ key: 'graduationYear', label: 'Graduation year (or expected)', kind: 'year', min: 1970, max: year + 6 }),
    field({ key: 'school', label: 'School or employer', kind: 'text' }),
  ],
  mentors: 35,
  mentees: 45,
  mentorAnswers: (person, random) => ({
    careerPath: random.pick(values(PHARMACY_PATHS)),
    practiceInterests: random.sample(values(PHARMACY_INTERESTS), random.int(1, 3)),
    yearsExperience: random.int(4, 38),
    region: person.country.region,
    languages: person.languages,
    employer: person.institution,
  }),
  menteeAnswers: (person, random) => ({
    careerPath: random.pick(values(PHARMACY_PATHS)),
    practiceInterests: random.sample(values(PHARMACY_INTERESTS), random.int(1, 3)),
    region: person.country.region,
    graduationYear: random.int(year - 4, year + 3),
    school: `${person.city} School of Pharmacy`,
  }),
  mentorStatus: (random) => random.weighted([['listed', 33], ['paused', 2]] as const),
  menteeStatus: () => 'approved',
  careerPath: (answers) => String(answers.careerPath).replace('-', ' '),
  guide: {
    faq: [
      { question: 'When can mentees see my profile?', answer: 'As soon as you complete it. You can pause it at any time from your profile page.', audience: 'mentor' },
      { question: 'What happens when I send a request?', answer: 'The mentor receives an e-mail and can accept or decline. Either way you hear back.', audience: 'mentee' },
      { question: 'My request was declined. What now?', answer: 'Mentors decline for many reasons: a full diary, other commitments. It says nothing about you. Look for another mentor in the directory.', audience: 'mentee' },
      { question: 'How long is a mentorship?', answer: 'Six months, recognised by the association. You can renew it together.', audience: 'both' },
    ],
    resources: [
      { title: 'Sharing your CV with a new mentor', summary: 'Why it helps and what to include.', kind: 'document', url: 'https://meridian-health.example.org/exchange/cv-tips.pdf', audience: 'mentee' },
      { title: 'Goal-setting worksheet', summary: 'Agree three goals for the six months.', kind: 'template', url: 'https://meridian-health.example.org/exchange/goals.docx', audience: 'both' },
    ],
    page: {
      title: 'Using the mentor exchange',
      slug: 'using-the-mentor-exchange',
      body: '1. Complete your profile.\n2. Browse mentors by career path and practice interests.\n3. Send a request with a short note about what you hope to gain.\n4. Once accepted, agree how you will keep in touch: phone, video or in person.',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// 3. Guided cohort
const BACKGROUNDS = options(['community', 'Community practice'], ['hospital', 'Hospital practice'], ['industry', 'Industry'], ['academia', 'Academia'], ['government', 'Government and policy']);
const COHORT_INTERESTS = options(
  ['residency', 'Residency applications'],
  ['fellowship', 'Fellowships'],
  ['leadership', 'Leadership'],
  ['research', 'Research'],
  ['equity', 'Diversity, equity and inclusion'],
  ['entrepreneurship', 'Entrepreneurship'],
  ['policy', 'Health policy'],
  ['wellbeing', 'Wellbeing and resilience'],
);
const closes = new Date(Date.UTC(year + 1, 2, 15));
// The cohort under way: pairs were announced and kicked off five weeks ago (the approved run of the
// demo's history) and run for six months; every pair of the cohort ends on the same day.
const DAY = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const kickoff = new Date(Date.now() - 35 * DAY);
const termEnd = new Date(Date.UTC(kickoff.getUTCFullYear(), kickoff.getUTCMonth() + 6, kickoff.getUTCDate()));

const guidedCohort: DemoProgram = {
  slug: 'student-guided-cohort',
  data: {
    name: 'Student Guided Mentorship Cohort',
    style: 'guided-cohort',
    programStatus: 'open',
    description:
      'A structured six-month programme pairing student members with experienced practitioners. Apply before the deadline; places are limited and applying does not guarantee a place. Staff match pairs on background, region and shared interests, and everyone starts with an orientation session.',
    alwaysOpen: false,
    enrollmentOpensAt: new Date(Date.UTC(year - 1, 8, 1)).toISOString(),
    enrollmentClosesAt: closes.toISOString(),
    matchAnnouncedBy: isoDay(new Date(kickoff.getTime() - 2 * DAY)),
    kickoffOn: isoDay(kickoff),
    termEndsOn: isoDay(termEnd),
    mentorSeats: 40,
    menteeSeats: 90,
    relationshipMonths: 6,
    renewalAllowed: false,
    engagementHoursPerMonth: 1,
    requestResponseDays: 14,
    rankedChoices: 0,
    agreementRequired: false,
    mentorApprovalRequired: true,
    menteeApprovalRequired: true,
    mentorMayApproach: false,
    maxOpenRequests: 1,
    directoryVisibility: 'members',
    defaultMentorCapacity: 2,
    minimumMatchScore: 0.2,
    contactEmail: 'cohort@meridian-health.example.org',
    eligibilityRules: [
      { field: 'studentMember', operator: 'equals', value: 'yes', role: 'mentee', message: 'The cohort is open to student members.' },
    ] satisfies EligibilityRule[],
    matchingCriteria: [
      { name: 'Professional background', kind: 'same', menteeAttribute: 'background', mentorAttribute: 'background', weight: 3, required: false },
      { name: 'Region', kind: 'same', menteeAttribute: 'region', mentorAttribute: 'region', weight: 2, required: false },
      { name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 4, required: false, params: { mode: 'coverage' } },
      { name: 'Language', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 1, required: true },
      { name: 'Not the same school', kind: 'exclude-same', menteeAttribute: 'institution', mentorAttribute: 'institution', weight: 0, required: true },
    ] satisfies MatchingCriterion[],
  },
  mentorIntro: 'Tell us about your practice so we can match you with students who will benefit most.',
  menteeIntro: 'Tell us where you hope to go. Staff use your answers to find your mentor.',
  mentorFields: [
    field({ key: 'background', label: 'Professional background', kind: 'single-choice', options: BACKGROUNDS, required: true, public: true, matching: true }),
    field({ key: 'interests', label: 'Interests I can share', kind: 'multiple-choice', options: COHORT_INTERESTS, required: true, public: true, matching: true }),
    field({ key: 'region', label: 'Region', kind: 'region', required: true, public: true, matching: true }),
    field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, matching: true }),
    field({ key: 'institution', label: 'Employer', kind: 'text', matching: true }),
    field({ key: 'mentees', label: 'How many students could you take?', kind: 'number', min: 1, max: 3 }),
  ],
  menteeFields: [
    field({ key: 'studentMember', label: 'Are you a student member?', kind: 'single-choice', options: options(['yes', 'Yes'], ['no', 'No']), required: true }),
    field({ key: 'background', label: 'Background I am drawn to', kind: 'single-choice', options: BACKGROUNDS, required: true, matching: true }),
    field({ key: 'interests', label: 'Interests', kind: 'multiple-choice', options: COHORT_INTERESTS, required: true, matching: true }),
    field({ key: 'region', label: 'Region', kind: 'region', required: true, matching: true }),
    field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, matching: true }),
    field({ key: 'institution', label: 'School', kind: 'text', required: true, matching: true }),
    field({ key: 'graduationYear', label: 'Expected graduation', kind: 'year', min: year - 1, max: year + 6 }),
    field({ key: 'hopes', label: 'What do you hope to get from the programme?', kind: 'long-text', required: true }),
  ],
  mentors: 25,
  mentees: 80,
  mentorAnswers: (person, random) => ({
    background: random.pick(values(BACKGROUNDS)),
    interests: random.sample(values(COHORT_INTERESTS), random.int(2, 4)),
    region: person.country.region,
    languages: person.languages,
    institution: person.institution,
    mentees: random.int(1, 3),
  }),
  menteeAnswers: (person, random) => ({
    studentMember: random.chance(0.95) ? 'yes' : 'no',
    background: random.pick(values(BACKGROUNDS)),
    interests: random.sample(values(COHORT_INTERESTS), random.int(1, 3)),
    region: person.country.region,
    languages: person.languages,
    institution: random.chance(0.2) ? person.institution : `${person.city} School of Pharmacy`,
    graduationYear: random.int(year, year + 4),
    hopes: random.pick([
      'I would like an honest view of hospital practice before I choose a residency.',
      'I want to learn how practitioners balance clinical work with research.',
      'I am weighing industry against patient-facing roles and would value a sounding board.',
      'I hope to build confidence in presenting and networking.',
      'I would like guidance on leadership roles in student organisations and beyond.',
    ]),
  }),
  mentorStatus: (random) => random.weighted([['approved', 22], ['submitted', 3]] as const),
  menteeStatus: (answers, random) => (answers.studentMember === 'no' ? 'submitted' : random.weighted([['approved', 9], ['submitted', 1]] as const)),
  careerPath: (answers) => `${String(answers.background)} practice`,
  guide: {
    faq: [
      { question: 'Does applying guarantee a place?', answer: 'No. Places are limited; staff select and match participants after the deadline.', audience: 'both' },
      { question: 'How are pairs chosen?', answer: 'Staff match on professional background, region and shared interests, and review every pair before it is announced.', audience: 'both' },
      { question: 'How much time does it take?', answer: 'At least one hour a month for six months, starting with an orientation session.', audience: 'both' },
      { question: 'Who leads the meetings?', answer: 'The mentee: you propose the schedule and the agenda, your mentor brings experience and questions.', audience: 'mentee' },
    ],
    resources: [
      { title: 'Orientation slides', summary: 'What the programme expects from mentors and mentees.', kind: 'document', url: 'https://meridian-health.example.org/cohort/orientation.pdf', audience: 'both' },
      { title: 'Meeting planner', summary: 'A six-month plan with a suggested topic for each month.', kind: 'template', url: 'https://meridian-health.example.org/cohort/planner.xlsx', audience: 'mentee' },
      { title: 'Coaching questions for mentors', summary: 'Open questions that help a mentee think aloud.', kind: 'document', url: 'https://meridian-health.example.org/cohort/coaching.pdf', audience: 'mentor' },
    ],
    page: {
      title: 'About the guided cohort',
      slug: 'about-the-guided-cohort',
      body: '## Goals\n- Support the next generation of practitioners\n- Model continuous professional growth\n- Offer a safe, structured space to learn\n\n## Timeline\nApplications close, staff match pairs, pairs are told, orientation, then six months of monthly meetings.',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// 4. International virtual mentoring
const ONCOLOGY_INTERESTS = options(
  ['breast', 'Breast cancer'],
  ['lung', 'Thoracic oncology'],
  ['gi', 'Gastrointestinal cancers'],
  ['hematologic', 'Haematological malignancies'],
  ['pediatric', 'Paediatric oncology'],
  ['radiation', 'Radiation oncology'],
  ['surgical', 'Surgical oncology'],
  ['palliative', 'Palliative care'],
  ['trials', 'Clinical trials'],
  ['research', 'Translational research'],
);
const MEMBER_TYPES = options(['in-training', 'Member in training'], ['full', 'Full member'], ['affiliate', 'Affiliate member']);
const AWARDS = options(['none', 'None'], ['travel-grant', 'International travel grant'], ['fellowship-award', 'International fellowship award']);

const international: DemoProgram = {
  slug: 'global-virtual-mentors',
  data: {
    name: 'Global Virtual Mentors',
    style: 'international-virtual',
    programStatus: 'open',
    description:
      'Early-career members practising outside the United States are paired for a year with a senior member in another country or region. Pairs meet by video, phone or e-mail at least once a month and work to a mentoring plan.',
    alwaysOpen: false,
    enrollmentOpensAt: new Date(Date.UTC(year - 1, 9, 1)).toISOString(),
    enrollmentClosesAt: new Date(Date.UTC(year + 1, 0, 31)).toISOString(),
    mentorSeats: 40,
    menteeSeats: 80,
    relationshipMonths: 12,
    renewalAllowed: false,
    engagementHoursPerMonth: 1,
    requestResponseDays: 14,
    rankedChoices: 0,
    agreementRequired: false,
    mentorApprovalRequired: true,
    menteeApprovalRequired: true,
    mentorMayApproach: false,
    maxOpenRequests: 1,
    directoryVisibility: 'members',
    defaultMentorCapacity: 2,
    minimumMatchScore: 0.25,
    contactEmail: 'global-mentors@meridian-health.example.org',
    eligibilityRules: [
      { field: 'memberType', operator: 'in', value: ['in-training', 'full'], role: 'mentee', message: 'Applicants must be members in training or full members.' },
      { field: 'trainingCompleted', operator: 'years-since-less-than', value: 10, role: 'mentee', message: 'Applicants must have finished their specialty training less than ten years ago.' },
      { field: 'country', operator: 'not-equals', value: 'US', role: 'mentee', message: 'The programme is for members training or practising outside the United States.' },
      { field: 'languages', operator: 'includes', value: 'en', role: 'mentee', message: 'Applicants must be fluent in written and spoken English.' },
      { field: 'priorAward', operator: 'equals', value: 'none', role: 'mentee', message: 'Past recipients of the international travel grant or fellowship award cannot apply this round.' },
      { field: 'yearsExperience', operator: 'at-least', value: 10, role: 'mentor', message: 'Mentors need at least ten years of experience in the specialty.' },
    ] satisfies EligibilityRule[],
    matchingCriteria: [
      { name: 'Outside the mentee\'s country', kind: 'different', menteeAttribute: 'country', mentorAttribute: 'country', weight: 1, required: true },
      { name: 'Outside the mentee\'s region', kind: 'different', menteeAttribute: 'region', mentorAttribute: 'region', weight: 2, required: false },
      { name: 'Professional interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 5, required: false, params: { mode: 'coverage' } },
      { name: 'Common language', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 1, required: true },
      { name: 'Ten years or more', kind: 'at-least', mentorAttribute: 'yearsExperience', weight: 1, required: true, params: { min: 10 } },
    ] satisfies MatchingCriterion[],
  },
  mentorIntro: 'Senior members with ten or more years of experience who would like to support a colleague abroad.',
  menteeIntro: 'Tell us about your training and interests; staff review every application.',
  mentorFields: [
    field({ key: 'interests', label: 'Professional interests', kind: 'multiple-choice', options: ONCOLOGY_INTERESTS, required: true, public: true, matching: true }),
    field({ key: 'yearsExperience', label: 'Years of experience', kind: 'number', min: 0, max: 60, required: true, public: true, matching: true }),
    field({ key: 'country', label: 'Country of practice', kind: 'country', required: true, public: true, matching: true }),
    field({ key: 'region', label: 'Region', kind: 'region', required: true, public: true, matching: true }),
    field({ key: 'languages', label: 'Languages', kind: 'languages', required: true, public: true, matching: true }),
    field({ key: 'institution', label: 'Institution', kind: 'text' }),
  ],
  menteeFields: [
    field({ key: 'memberType', label: 'Member type', kind: 'single-choice', options: MEMBER_TYPES, required: true }),
    field({ key: 'trainingCompleted', label: 'Year you completed specialty training', kind: 'year', min: 1970, max: year + 5, required: true }),
    field({ key: 'country', label: 'Country where you train or practise', kind: 'country', required: true, matching: true }),
    field({ key: 'region', label: 'Region', kind: 'region', required: true, matching: true }),
    field({ key: 'languages', label: 'Languages you are fluent in', kind: 'languages', required: true, matching: true }),
    field({ key: 'priorAward', label: 'Earlier international awards', kind: 'single-choice', options: AWARDS, required: true }),
    field({ key: 'interests', label: 'Professional interests', kind: 'multiple-choice', options: ONCOLOGY_INTERESTS, required: true, matching: true }),
    field({ key: 'objectives', label: 'Short-term objectives', kind: 'long-text', required: true }),
    field({ key: 'institution', label: 'Institution', kind: 'text' }),
  ],
  mentors: 30,
  mentees: 70,
  mentorAnswers: (person, random) => ({
    interests: random.sample(values(ONCOLOGY_INTERESTS), random.int(2, 4)),
    yearsExperience: random.weighted([[random.int(10, 35), 9], [random.int(6, 9), 1]] as const),
    country: person.country.code,
    region: person.country.region,
    languages: person.languages,
    institution: person.institution,
  }),
  menteeAnswers: (person, random) => ({
    memberType: random.weighted([['in-training', 5], ['full', 4], ['affiliate', 1]] as const),
    trainingCompleted: random.weighted([[random.int(year - 9, year + 1), 9], [random.int(year - 16, year - 10), 1]] as const),
    country: person.country.code,
    region: person.country.region,
    languages: person.languages,
    priorAward: random.weighted([['none', 12], ['travel-grant', 1]] as const),
    interests: random.sample(values(ONCOLOGY_INTERESTS), random.int(1, 3)),
    objectives: random.pick([
      'Design my first investigator-initiated study and find a realistic timeline for it.',
      'Build a multidisciplinary tumour board at my hospital.',
      'Prepare an abstract for an international meeting and present it with confidence.',
      'Learn how other centres organise palliative care with limited resources.',
      'Plan a fellowship abroad and return with skills my department needs.',
    ]),
    institution: person.institution,
  }),
  mentorStatus: (random) => random.weighted([['approved', 26], ['submitted', 4]] as const),
  menteeStatus: (answers, random) => {
    const eligible =
      ['in-training', 'full'].includes(String(answers.memberType)) &&
      year - Number(answers.trainingCompleted) < 10 &&
      answers.country !== 'US' &&
      (answers.languages as string[]).includes('en') &&
      answers.priorAward === 'none';
    return eligible ? random.weighted([['approved', 7], ['submitted', 2]] as const) : 'submitted';
  },
  careerPath: (answers) => `${String(answers.yearsExperience ?? '')} years in oncology`.trim(),
  guide: {
    faq: [
      { question: 'Who can apply as a mentee?', answer: 'Members in training or full members who finished specialty training less than ten years ago, practise outside the United States, are fluent in English and have not received one of the listed international awards.', audience: 'mentee' },
      { question: 'Will my mentor be in my country?', answer: 'No: every mentor practises in another country, and usually another region, so you gain a wider view.', audience: 'mentee' },
      { question: 'What do staff do after matching?', answer: 'Staff introduce you both by e-mail, host a short introductory call and check in on your progress during the year.', audience: 'both' },
      { question: 'What is the mentoring plan?', answer: 'A short document with your objectives for the year and a timeline of activities; you write it with your mentor in the first month.', audience: 'both' },
    ],
    resources: [
      { title: 'Mentoring plan template', summary: 'Objectives, milestones and a timeline on one page.', kind: 'template', url: 'https://meridian-health.example.org/global/mentoring-plan.docx', audience: 'both' },
      { title: 'Meeting across time zones', summary: 'Practical tips for virtual mentoring.', kind: 'link', url: 'https://meridian-health.example.org/global/time-zones', audience: 'both' },
    ],
    page: {
      title: 'Mentoring across borders',
      slug: 'mentoring-across-borders',
      body: 'Global Virtual Mentors pairs early-career members with senior colleagues abroad.\n\n## The year\n- Month 1: introduction call and mentoring plan\n- Monthly: video or phone meeting led by the mentee\n- Quarterly: a short progress check from staff',
    },
  },
  translations: {
    fr: {
      faq: [
        { question: 'Qui peut postuler comme mentoré ?', answer: 'Les membres en formation ou titulaires ayant terminé leur spécialisation il y a moins de dix ans, exerçant hors des États-Unis, parlant couramment anglais et n’ayant pas reçu l’une des distinctions internationales citées.', audience: 'mentee' },
        { question: 'Mon mentor sera-t-il dans mon pays ?', answer: 'Non : chaque mentor exerce dans un autre pays, et le plus souvent une autre région, pour vous ouvrir d’autres perspectives.', audience: 'mentee' },
        { question: 'Que fait l’équipe après l’appariement ?', answer: 'Elle vous présente par e-mail, organise un court appel de présentation et prend de vos nouvelles au cours de l’année.', audience: 'both' },
        { question: 'Qu’est-ce que le plan de mentorat ?', answer: 'Un document court avec vos objectifs de l’année et un calendrier d’activités, rédigé avec votre mentor le premier mois.', audience: 'both' },
      ],
      resources: [
        { title: 'Modèle de plan de mentorat', summary: 'Objectifs, étapes et calendrier sur une page.', kind: 'template', url: 'https://meridian-health.example.org/global/mentoring-plan.docx', audience: 'both' },
        { title: 'Se rencontrer malgré les fuseaux horaires', summary: 'Conseils pratiques pour le mentorat à distance.', kind: 'link', url: 'https://meridian-health.example.org/global/time-zones', audience: 'both' },
      ],
      page: {
        title: 'Le mentorat sans frontières',
        slug: 'mentoring-across-borders',
        body: 'Global Virtual Mentors associe des membres en début de carrière à des collègues expérimentés à l’étranger.\n\n## L’année\n- Mois 1 : appel de présentation et plan de mentorat\n- Chaque mois : rencontre en visio ou par téléphone, menée par le mentoré\n- Chaque trimestre : un court point d’étape avec l’équipe',
      },
    },
  },
};

// ---------------------------------------------------------------------------------------------
// 5. Ranked request with cascade
const WHO_I_MENTOR = options(
  ['students', 'Students'],
  ['trainees', 'Trainees and residents'],
  ['early-educators', 'Early-career educators'],
  ['researchers', 'Education researchers'],
  ['managers', 'Programme leads and managers'],
  ['support-staff', 'Professional support staff'],
);
const EDU_FOCUS = options(['teaching', 'Teaching'], ['assessment', 'Assessment'], ['curriculum', 'Curriculum design'], ['scholarship', 'Scholarship and publishing'], ['leadership', 'Leadership'], ['careers', 'Career planning']);
const EDU_BACKGROUND = options(['medicine', 'Medicine'], ['nursing', 'Nursing'], ['dentistry', 'Dentistry'], ['basic-science', 'Foundation science'], ['allied-health', 'Allied health'], ['management', 'Education management']);
const MENTEE_GROUP = WHO_I_MENTOR;
let rankedMenteesSeen = 0;

const rankedCascade: DemoProgram = {
  slug: 'medical-education-mentoring',
  data: {
    name: 'Medical Education Mentoring',
    style: 'ranked-cascade',
    programStatus: 'open',
    description:
      'Once the programme office has reviewed your application, choose up to three mentors from the directory, in order of preference. Your request goes to your first choice, who has three weeks to reply; if they decline or cannot answer, it passes to your next choice. If none can take you on, the programme director will be in touch.',
    alwaysOpen: true,
    relationshipMonths: null,
    renewalAllowed: false,
    engagementHoursPerMonth: null,
    requestResponseDays: 21,
    rankedChoices: 3,
    agreementRequired: false,
    mentorApprovalRequired: true,
    // The office reviews each mentee's application before the request goes to the first choice.
    menteeApprovalRequired: true,
    mentorMayApproach: false,
    maxOpenRequests: 1,
    directoryVisibility: 'members',
    defaultMentorCapacity: 1,
    minimumMatchScore: 0,
    contactEmail: 'education-mentoring@meridian-health.example.org',
    eligibilityRules: [
      { field: 'mentorTraining', operator: 'equals', value: 'yes', role: 'mentor', message: 'Mentors complete the association’s mentor training course (or equivalent) first.' },
    ] satisfies EligibilityRule[],
    matchingCriteria: [
      { name: 'Who the mentor can mentor', kind: 'overlap', menteeAttribute: 'group', mentorAttribute: 'whoICanMentor', weight: 4, required: true, params: { mode: 'coverage' } },
      { name: 'Focus', kind: 'overlap', menteeAttribute: 'focus', mentorAttribute: 'focus', weight: 3, required: false, params: { mode: 'jaccard' } },
      { name: 'Ranked choice', kind: 'ranked-choice', weight: 5, required: false },
    ] satisfies MatchingCriterion[],
  },
  mentorIntro: 'Applications are reviewed before you are added to the directory, which is refreshed every year.',
  menteeIntro: 'Any individual member may ask for a mentor. The programme office reviews your application first; once it is approved, name your three mentors.',
  mentorFields: [
    field({ key: 'whoICanMentor', label: 'Who I feel I can mentor', kind: 'multiple-choice', options: WHO_I_MENTOR, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'focus', label: 'Areas I can help with', kind: 'multiple-choice', options: EDU_FOCUS, required: true, public: true, searchable: true, matching: true }),
    field({ key: 'background', label: 'Professional background', kind: 'single-choice', options: EDU_BACKGROUND, required: true, public: true, searchable: true }),
    field({ key: 'country', label: 'Country', kind: 'country', required: true, public: true }),
    field({ key: 'mentorTraining', label: 'Completed mentor training (or equivalent)?', kind: 'single-choice', options: options(['yes', 'Yes'], ['no', 'Not yet']), required: true }),
    field({ key: 'institution', label: 'Institution', kind: 'text' }),
  ],
  menteeFields: [
    field({ key: 'group', label: 'I am', kind: 'multiple-choice', options: MENTEE_GROUP, required: true, matching: true }),
    field({ key: 'focus', label: 'What I would like support with', kind: 'multiple-choice', options: EDU_FOCUS, required: true, matching: true }),
    field({ key: 'background', label: 'Professional background', kind: 'single-choice', options: EDU_BACKGROUND, required: true }),
    field({ key: 'country', label: 'Country', kind: 'country', required: true }),
    field({ key: 'institution', label: 'Institution', kind: 'text' }),
  ],
  mentors: 25,
  mentees: 60,
  mentorAnswers: (person, random) => ({
    whoICanMentor: random.sample(values(WHO_I_MENTOR), random.int(2, 4)),
    focus: random.sample(values(EDU_FOCUS), random.int(2, 3)),
    background: random.pick(values(EDU_BACKGROUND)),
    country: person.country.code,
    mentorTraining: random.chance(0.92) ? 'yes' : 'no',
    institution: person.institution,
  }),
  menteeAnswers: (person, random) => ({
    group: random.sample(values(MENTEE_GROUP), 1),
    focus: random.sample(values(EDU_FOCUS), random.int(1, 2)),
    background: random.pick(values(EDU_BACKGROUND)),
    country: person.country.code,
    institution: person.institution,
  }),
  mentorStatus: (random) => random.weighted([['listed', 22], ['submitted', 3]] as const),
  // Most applications are reviewed already; every twentieth still waits for the office (no random
  // draw, so the rest of the demo's sequence stays as it was).
  menteeStatus: () => ((rankedMenteesSeen += 1) % 20 === 0 ? 'submitted' : 'approved'),
  careerPath: (answers) => `${String(answers.background).replace('-', ' ')} educator`,
  guide: {
    faq: [
      { question: 'How do I choose mentors?', answer: 'Search the directory by who a mentor feels they can mentor and by availability, then name three mentors in order of preference.', audience: 'mentee' },
      { question: 'How long does a mentor have to reply?', answer: 'Three weeks, to allow for leave. If they decline or do not reply, your request passes to your next choice and we tell you.', audience: 'both' },
      { question: 'What happens when a mentor accepts?', answer: 'We e-mail you both, giving each of you the other’s e-mail address. You arrange the first meeting between you.', audience: 'both' },
      { question: 'Is there a time limit?', answer: 'No. The relationship lasts as long as you both find it useful. Moving on to another mentor as your needs change is a sign of success.', audience: 'both' },
      { question: 'Why must I confirm my listing every year?', answer: 'So that mentees only see mentors who are still available. If you do not confirm, your listing is paused until you do.', audience: 'mentor' },
    ],
    resources: [
      { title: 'Your first meeting', summary: 'Setting an agenda, agreeing how you will work, planning the first piece of work.', kind: 'document', url: 'https://meridian-health.example.org/education/first-meeting.pdf', audience: 'both' },
      { title: 'Mentor training course', summary: 'Two half-day sessions, twice a year, free to members.', kind: 'link', url: 'https://meridian-health.example.org/education/mentor-training', audience: 'mentor' },
    ],
    page: {
      title: 'Programme guide',
      slug: 'programme-guide',
      body: 'Mentoring here is mentee centred: the mentor helps the mentee find solutions that work for them.\n\n## Choosing\nName three mentors in order.\n\n## Allocation\nYour first available choice has three weeks to reply; the request moves on if they cannot help.\n\n## Meeting\n60 to 90 minutes is usually enough; agree the rhythm together.',
    },
  },
};

export const DEMO_PROGRAMS: DemoProgram[] = [openDirectory, mentorExchange, guidedCohort, international, rankedCascade];

export const GLOBAL_FAQ: GuideText['faq'] = [
  { question: 'Is there a fee to take part?', answer: 'No. Mentoring is a benefit of membership.', audience: 'both' },
  { question: 'Who sees my profile?', answer: 'Other members see only the answers marked public. Your e-mail address is shared only with the person you are paired with, once the mentorship starts.', audience: 'both' },
  { question: 'I am worried about my mentorship. Who can I talk to?', answer: 'Write to the programme contact shown on the programme page; we reply within seven days.', audience: 'both' },
];
