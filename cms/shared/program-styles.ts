import type { EligibilityRule } from './eligibility';
import type { MatchingCriterion } from './matching-criteria';
import type { ProfileField } from './profile-fields';
import type { Audience, ProgramStyle } from './vocabulary';

/**
 * What a new program of each style starts with: the program's rules, starter questions for both
 * profiles, eligibility rules and matching criteria that read them, and guide placeholders. Editors
 * change all of it afterwards; this only saves them from a blank page.
 */
export interface StyleDefaults {
  label: string;
  summary: string;
  program: Record<string, string | number | boolean | null>;
  /**
   * A cohort's term, counted from the close of applications: pairs announced, kick-off (every pair
   * starts), and the term's length in months (every pair ends the day before).
   */
  term?: { announceDaysAfterClose: number; kickoffDaysAfterClose: number; months: number };
  mentorQuestions: ProfileField[];
  menteeQuestions: ProfileField[];
  eligibilityRules: EligibilityRule[];
  matchingCriteria: MatchingCriterion[];
  faq: { question: string; answer: string; audience: Audience }[];
  page: { title: string; body: string };
}

const q = (key: string, label: string, kind: ProfileField['kind'], flags: Partial<ProfileField> = {}): ProfileField => ({
  key,
  label,
  kind,
  required: false,
  public: false,
  searchable: false,
  matching: false,
  ...flags,
});

const INTERESTS = [
  { value: 'clinical-practice', label: 'Clinical practice' },
  { value: 'research', label: 'Research' },
  { value: 'teaching', label: 'Teaching' },
  { value: 'leadership', label: 'Leadership' },
  { value: 'career-change', label: 'Career change' },
];

const STAGES = [
  { value: 'student', label: 'Student' },
  { value: 'early-career', label: 'Early career' },
  { value: 'mid-career', label: 'Mid career' },
];

const mentorBase = (): ProfileField[] => [
  q('expertise', 'Areas I can help with', 'multiple-choice', { options: INTERESTS, required: true, public: true, searchable: true, matching: true }),
  q('canMentor', 'Who I can mentor', 'multiple-choice', { options: STAGES, required: true, public: true, searchable: true, matching: true }),
  q('country', 'Country of practice', 'country', { required: true, public: true, matching: true }),
  q('languages', 'Languages I mentor in', 'languages', { required: true, public: true, searchable: true, matching: true }),
  q('yearsExperience', 'Years of experience', 'number', { min: 0, max: 70, public: true, matching: true }),
];

const menteeBase = (): ProfileField[] => [
  q('interests', 'What I would like help with', 'multiple-choice', { options: INTERESTS, required: true, matching: true }),
  q('careerStage', 'Where I am in my career', 'single-choice', { options: STAGES, required: true, matching: true }),
  q('country', 'Country of practice', 'country', { required: true, matching: true }),
  q('languages', 'Languages I speak', 'languages', { required: true, matching: true }),
  q('goals', 'What I hope to get from a mentorship', 'long-text', { required: true }),
];

const baseCriteria = (): MatchingCriterion[] => [
  { name: 'Shared interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'expertise', weight: 4, required: false, params: { mode: 'coverage' } },
  { name: 'Mentors this career stage', kind: 'overlap', menteeAttribute: 'careerStage', mentorAttribute: 'canMentor', weight: 3, required: false, params: { mode: 'coverage' } },
  { name: 'Common language', kind: 'language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 1, required: true },
];

const placeholder = (text: string) => `${text} (Placeholder: replace with your program's own words.)`;

const faqFor = (style: string) => [
  { question: 'Who can take part?', answer: placeholder(`Describe who may join this ${style} program.`), audience: 'both' as const },
  { question: 'How much time does it take?', answer: placeholder('Say how often mentors and mentees meet and for how long.'), audience: 'both' as const },
  { question: 'What is expected of a mentor?', answer: placeholder('List what mentors commit to.'), audience: 'mentor' as const },
];

export const STYLE_DEFAULTS: Record<ProgramStyle, StyleDefaults> = {
  'open-directory': {
    label: 'Open directory with discovery call',
    summary: 'Members enroll any time, search the directory and ask a mentor for a discovery call; both accept an agreement. One year, renewable.',
    program: { alwaysOpen: true, relationshipMonths: 12, renewalAllowed: true, agreementRequired: true, agreement: placeholder('We meet once a month and keep what we share confidential.'), mentorMayApproach: true, requestResponseDays: 14 },
    mentorQuestions: mentorBase(),
    menteeQuestions: menteeBase(),
    eligibilityRules: [],
    matchingCriteria: baseCriteria(),
    faq: faqFor('open directory'),
    page: { title: 'About the program', body: placeholder('Explain how the directory and discovery calls work.') },
  },
  'mentor-exchange': {
    label: 'Mentor exchange',
    summary: 'A mentor profile is live once complete; mentees send a request and the mentor accepts or declines. Six months, renewable.',
    program: { alwaysOpen: true, relationshipMonths: 6, renewalAllowed: true, requestResponseDays: 14, shareRequesterContact: true },
    mentorQuestions: mentorBase(),
    menteeQuestions: menteeBase(),
    eligibilityRules: [],
    matchingCriteria: baseCriteria(),
    faq: faqFor('mentor exchange'),
    page: { title: 'About the program', body: placeholder('Explain how to find a mentor and send a request.') },
  },
  'guided-cohort': {
    label: 'Guided cohort',
    summary: 'An application window with limited places; staff match the cohort and announce pairs by a set date. Six months, an hour a month.',
    program: { alwaysOpen: false, mentorSeats: 20, menteeSeats: 20, relationshipMonths: 6, engagementHoursPerMonth: 1, mentorApprovalRequired: true, menteeApprovalRequired: true },
    term: { announceDaysAfterClose: 21, kickoffDaysAfterClose: 22, months: 6 },
    mentorQuestions: [...mentorBase(), q('region', 'Region', 'region', { required: true, matching: true })],
    menteeQuestions: [...menteeBase(), q('region', 'Region', 'region', { required: true, matching: true })],
    eligibilityRules: [],
    matchingCriteria: [...baseCriteria(), { name: 'Same region', kind: 'same', menteeAttribute: 'region', mentorAttribute: 'region', weight: 2, required: false }],
    faq: faqFor('guided cohort'),
    page: { title: 'Orientation', body: placeholder('Welcome the cohort and explain the timeline.') },
  },
  'international-virtual': {
    label: 'International virtual mentoring',
    summary: 'Application windows and eligibility rules; staff review and match each mentee with a mentor outside their country. Monthly contact for a year.',
    program: { alwaysOpen: false, relationshipMonths: 12, engagementHoursPerMonth: 1, mentorApprovalRequired: true, menteeApprovalRequired: true },
    mentorQuestions: mentorBase().map((question) => (question.key === 'yearsExperience' ? { ...question, required: true } : question)),
    menteeQuestions: [...menteeBase(), q('trainingCompleted', 'Year I finished my training', 'year', { required: true })],
    eligibilityRules: [
      { field: 'trainingCompleted', operator: 'years-since-less-than', value: 10, role: 'mentee', message: 'Applicants finished their training less than ten years ago.' },
      { field: 'yearsExperience', operator: 'at-least', value: 10, role: 'mentor', message: 'Mentors need ten or more years of experience.' },
    ],
    matchingCriteria: [
      ...baseCriteria(),
      { name: "Outside the mentee's country", kind: 'different', menteeAttribute: 'country', mentorAttribute: 'country', weight: 1, required: true },
    ],
    faq: faqFor('international virtual'),
    page: { title: 'Mentoring plan', body: placeholder('Describe the mentoring plan: short-term objectives and a timeline.') },
  },
  'ranked-cascade': {
    label: 'Ranked request with cascade',
    summary: 'Mentors are reviewed before they are listed; a mentee names three mentors in order and each has three weeks to answer.',
    program: { alwaysOpen: true, rankedChoices: 3, requestResponseDays: 21, mentorApprovalRequired: true, menteeApprovalRequired: true, relationshipMonths: null },
    mentorQuestions: mentorBase(),
    menteeQuestions: menteeBase(),
    eligibilityRules: [],
    matchingCriteria: [...baseCriteria(), { name: 'Ranked choice', kind: 'ranked-choice', weight: 5, required: false }],
    faq: faqFor('ranked request'),
    page: { title: 'How requests move on', body: placeholder('Explain the three choices and the three-week window.') },
  },
};
