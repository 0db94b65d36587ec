/**
 * Seeded synthetic cohorts for tests and benchmarks: attributes shaped like an international
 * mentoring program (countries and regions, institutions, interests, languages, years of
 * practice, ranked choices) and ten criteria covering every criterion kind.
 */
import type { CriterionInput, MenteeInput, MentorInput } from '../scoring/scoring-schema';
import { pick, randomInt, seededRandom, type Random } from './random';

const REGIONS = ['africa', 'americas', 'asia', 'europe', 'middle-east', 'oceania'];
const COUNTRIES = Array.from({ length: 36 }, (_, k) => `C${k.toString().padStart(2, '0')}`);
const LANGUAGES = ['en', 'en-GB', 'fr', 'es', 'de', 'pt-BR', 'ar', 'zh'];
const INTERESTS = Array.from({ length: 40 }, (_, k) => `interest-${k}`);
const PRACTICE_AREAS = Array.from({ length: 25 }, (_, k) => `area-${k}`);

function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(count, items.length)) out.add(pick(random, items));
  return Array.from(out);
}

function person(random: Random, institutions: number, years: [number, number]) {
  const country = pick(random, COUNTRIES);
  return {
    region: REGIONS[Number(country.slice(1)) % REGIONS.length],
    country,
    institution: `inst-${randomInt(random, 0, institutions - 1)}`,
    interests: sample(random, INTERESTS, randomInt(random, 1, 5)),
    practiceAreas: sample(random, PRACTICE_AREAS, randomInt(random, 1, 4)),
    languages: sample(random, LANGUAGES, randomInt(random, 1, 3)),
    yearsOfPractice: randomInt(random, years[0], years[1]),
    careerStage: randomInt(random, 1, 40),
  };
}

export interface Cohort {
  mentees: MenteeInput[];
  mentors: MentorInput[];
  criteria: CriterionInput[];
}

export function syntheticCohort(seed: number, menteeCount: number, mentorCount: number, capacity = 1): Cohort {
  const random = seededRandom(seed);
  const institutions = Math.max(10, Math.floor((menteeCount + mentorCount) / 10));
  const mentors: MentorInput[] = Array.from({ length: mentorCount }, (_, k) => ({
    id: `mentor-${k.toString().padStart(5, '0')}`,
    capacity,
    attributes: person(random, institutions, [5, 40]),
  }));
  const mentees: MenteeInput[] = Array.from({ length: menteeCount }, (_, k) => {
    return {
      id: `mentee-${k.toString().padStart(5, '0')}`,
      attributes: person(random, institutions, [0, 9]),
      ...(random() < 0.6 && mentorCount > 0 ? { choices: sample(random, mentors, 3).map((m) => m.id) } : {}),
    };
  });
  return { mentees, mentors, criteria: tenCriteria() };
}

/** Ten criteria touching every kind: three hard rules and seven weighted preferences. */
export function tenCriteria(): CriterionInput[] {
  return [
    { kind: 'different', id: 'other-country', menteeAttribute: 'country', mentorAttribute: 'country', weight: 0, required: true },
    { kind: 'exclude-same', id: 'other-institution', menteeAttribute: 'institution', mentorAttribute: 'institution', weight: 0, required: true },
    { kind: 'language', id: 'common-language', menteeAttribute: 'languages', mentorAttribute: 'languages', weight: 2, required: false },
    { kind: 'same', id: 'same-region', menteeAttribute: 'region', mentorAttribute: 'region', weight: 1, required: false },
    { kind: 'overlap', id: 'interests', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 3, required: false, mode: 'coverage' },
    { kind: 'overlap', id: 'practice-areas', menteeAttribute: 'practiceAreas', mentorAttribute: 'practiceAreas', weight: 2, required: false, mode: 'jaccard' },
    { kind: 'at-least', id: 'experienced', mentorAttribute: 'yearsOfPractice', min: 10, scale: 5, weight: 1, required: false },
    { kind: 'range', id: 'experience-gap', menteeAttribute: 'yearsOfPractice', mentorAttribute: 'yearsOfPractice', min: 5, max: 30, scale: 5, weight: 1, required: false },
    { kind: 'closeness', id: 'career-gap', menteeAttribute: 'careerStage', mentorAttribute: 'careerStage', offset: 10, scale: 15, weight: 1, required: false },
    { kind: 'ranked-choice', id: 'choices', mentorAttribute: '$id', weight: 3, required: false },
  ];
}
