import { z } from 'zod';

/**
 * A program's matching criteria, in the matcher's terms: which attribute on each side, the kind of
 * comparison, its weight, and whether a failure forbids the pair.
 */
export const CRITERION_KINDS = [
  'same',
  'different',
  'overlap',
  'at-least',
  'range',
  'closeness',
  'language',
  'ranked-choice',
  'exclude-same',
] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export const matchingCriterionSchema = z
  .object({
    name: z.string().min(1).max(80),
    kind: z.enum(CRITERION_KINDS),
    menteeAttribute: z.string().min(1).optional(),
    mentorAttribute: z.string().min(1).optional(),
    weight: z.number().min(0).max(100),
    required: z.boolean().default(false),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  })
  .strict()
  .superRefine((criterion, ctx) => {
    if (criterion.kind !== 'ranked-choice') {
      if (!criterion.mentorAttribute) ctx.addIssue({ code: 'custom', path: ['mentorAttribute'], message: `a ${criterion.kind} criterion needs mentorAttribute` });
      const mentorOnly = criterion.kind === 'at-least';
      if (!mentorOnly && !criterion.menteeAttribute) {
        ctx.addIssue({ code: 'custom', path: ['menteeAttribute'], message: `a ${criterion.kind} criterion needs menteeAttribute` });
      }
    }
  });
export type MatchingCriterion = z.infer<typeof matchingCriterionSchema>;

export const matchingCriteriaSchema = z.array(matchingCriterionSchema).max(30).superRefine((criteria, ctx) => {
  const names = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (names.has(criterion.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate criterion name "${criterion.name}"` });
    names.add(criterion.name);
  });
});
