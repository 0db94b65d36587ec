import type { Core } from '@strapi/strapi';

/**
 * Fields the plugin registers so editors edit questions, eligibility rules, matching criteria and a
 * profile's answers as forms (the admin registers the matching inputs). They are stored as JSON, in the shape the members'
 * API, the directory and the matcher already read.
 */
export const CUSTOM_FIELDS = {
  questions: 'plugin::mentorship.questions',
  eligibilityRules: 'plugin::mentorship.eligibility-rules',
  matchingCriteria: 'plugin::mentorship.matching-criteria',
  answers: 'plugin::mentorship.answers',
} as const;

export const registerCustomFields = (strapi: Core.Strapi) => {
  strapi.customFields.register([
    { name: 'questions', plugin: 'mentorship', type: 'json' },
    { name: 'eligibility-rules', plugin: 'mentorship', type: 'json' },
    { name: 'matching-criteria', plugin: 'mentorship', type: 'json' },
    { name: 'answers', plugin: 'mentorship', type: 'json' },
  ]);
};
