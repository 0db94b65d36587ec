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

/** A kind-specific setting of a criterion, kept in `params` and sent to the matcher as a field of its own. */
export interface CriterionParam {
  name: string;
  label: string;
  type: 'number' | 'choice';
  choices?: readonly { value: string; label: string }[];
  required?: boolean;
}

/** Which settings each kind takes (the matcher's criterion schema), so editors get a form for them. */
export const CRITERION_PARAMS: Record<CriterionKind, readonly CriterionParam[]> = {
  same: [],
  different: [],
  'exclude-same': [],
  language: [],
  'ranked-choice': [],
  overlap: [
    {
      name: 'mode',
      label: 'How overlap is measured',
      type: 'choice',
      choices: [
        { value: 'coverage', label: "Share of the mentee's answers the mentor has" },
        { value: 'jaccard', label: 'Shared answers out of all answers of both' },
      ],
    },
  ],
  'at-least': [
    { name: 'min', label: 'At least', type: 'number', required: true },
    { name: 'scale', label: 'Partial credit below it, over', type: 'number' },
  ],
  range: [
    { name: 'min', label: 'From', type: 'number' },
    { name: 'max', label: 'To', type: 'number' },
    { name: 'scale', label: 'Partial credit outside it, over', type: 'number' },
  ],
  closeness: [
    { name: 'offset', label: 'Preferred difference (mentor minus mentee)', type: 'number' },
    { name: 'scale', label: 'Difference at which the match reaches 0', type: 'number', required: true },
  ],
};

/** Plain words for each kind, as editors read them. */
export const CRITERION_KIND_LABELS: Record<CriterionKind, string> = {
  same: 'Same answer',
  different: 'Different answer',
  overlap: 'Answers overlap',
  'at-least': 'Mentor reaches a number',
  range: 'Number within a range',
  closeness: 'Numbers close together',
  language: 'Share a language',
  'ranked-choice': "Mentee's ranked choice",
  'exclude-same': 'Never the same (hard rule)',
};

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
      if (!mentorOnly && criterion.kind !== 'range' && !criterion.menteeAttribute) {
        ctx.addIssue({ code: 'custom', path: ['menteeAttribute'], message: `a ${criterion.kind} criterion needs menteeAttribute` });
      }
    }
    const allowed = CRITERION_PARAMS[criterion.kind];
    for (const [name, value] of Object.entries(criterion.params ?? {})) {
      const param = allowed.find((candidate) => candidate.name === name);
      if (!param) {
        ctx.addIssue({ code: 'custom', path: ['params', name], message: allowed.length > 0 ? `a ${criterion.kind} criterion takes ${allowed.map((item) => item.name).join(', ')}` : `a ${criterion.kind} criterion takes no settings` });
      } else if (param.type === 'number' && typeof value !== 'number') {
        ctx.addIssue({ code: 'custom', path: ['params', name], message: `${param.label} must be a number` });
      } else if (param.type === 'choice' && !param.choices?.some((choice) => choice.value === value)) {
        ctx.addIssue({ code: 'custom', path: ['params', name], message: `${param.label} must be one of ${param.choices?.map((choice) => choice.value).join(', ')}` });
      }
    }
    for (const param of allowed) {
      if (param.required && criterion.params?.[param.name] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['params', param.name], message: `a ${criterion.kind} criterion needs ${param.label.toLowerCase()}` });
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
