import { z } from 'zod';

export const pluginConfigSchema = z
  .object({
    matcherUrl: z.string().url(),
    matcherToken: z.string(),
    matcherTimeoutMs: z.number().int().positive(),
    siteUrl: z.string().url(),
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
    portalPath: '/mentoring',
  } satisfies PluginConfig,
  validator(config: unknown) {
    const parsed = pluginConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Invalid mentorship plugin config at ${issue?.path.join('.')}: ${issue?.message}`);
    }
  },
};
