import { z } from 'zod';

export const pluginConfigSchema = z
  .object({
    matcherUrl: z.string().url(),
    matcherToken: z.string(),
    matcherTimeoutMs: z.number().int().positive(),
    siteUrl: z.string().url(),
    /** who counts as a member: see services/members/membership.ts */
    members: z
      .object({
        emailConfirmation: z.boolean(),
        allowedEmailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a lower-case domain such as example.org')),
        checkUrl: z.union([z.string().url(), z.literal('')]),
        checkToken: z.string(),
      })
      .strict()
      .refine((members) => !members.checkUrl || members.emailConfirmation, {
        message: 'a membership check (checkUrl) needs emailConfirmation on, or registration would tell members from others',
        path: ['checkUrl'],
      }),
    /** cron rules by job name, replacing the defaults of CRON_JOBS (e.g. run the outbox every 10 s) */
    jobRules: z.record(z.string(), z.string().min(1)).optional(),
    /** where the host app serves the member portal, e.g. "/mentoring" */
    portalPath: z.string().regex(/^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'must be a path such as /mentoring').default('/mentoring'),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export default {
  default: {
    matcherUrl: 'http://127.0.0.1:4100',
    matcherToken: '',
    matcherTimeoutMs: 120000,
    siteUrl: 'http://127.0.0.1:1337',
    members: { emailConfirmation: process.env.NODE_ENV !== 'development', allowedEmailDomains: [], checkUrl: '', checkToken: '' },
    portalPath: '/mentoring',
  } satisfies PluginConfig,
  validator(config: unknown) {
    const parsed = pluginConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Invalid mentorship plugin config at ${issue?.path.join('.')}: ${issue?.message}`);
    }
    // An empty token would send every matching request unauthenticated, to be refused by the matcher.
    if (process.env.NODE_ENV === 'production' && parsed.data.matcherToken === '') {
      throw new Error('Invalid mentorship plugin config at matcherToken: required in production (the bearer token the matching service expects)');
    }
  },
};
