import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { ServiceUnavailableError } from '../../utils/errors';
import { PLUGIN_ID } from '../../utils/uids';
import { validationError } from '../../utils/validation-error';

/**
 * Who counts as a member. An association chooses, in the plugin's `members` settings:
 * - `emailConfirmation`: users-permissions' own e-mail confirmation (an account is usable once its
 *   owner follows the link); on by default outside development;
 * - `allowedEmailDomains`: only addresses at these domains may register or see members-only pages;
 * - `checkUrl`: the association's membership system is asked about each registering address
 *   (POST `{ "email" }` with `checkToken` as bearer, answering `{ "member": true|false }`).
 * Registration answers the same whether or not the address belongs to a member (or already has an
 * account): only the mailbox's owner learns more, from the confirmation e-mail.
 */
export const REGISTRATION_ANSWER = 'If this address may join, a confirmation link is on its way to it. Follow the link, then sign in.';

/** How long registration waits for the association's membership system. */
const CHECK_TIMEOUT_MS = 5000;

export interface MemberAccount {
  email: string;
  confirmed?: boolean | null;
  blocked?: boolean | null;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

const membership = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).members;
  const advanced = () => strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });

  const domainAllowed = (email: string) => {
    const allowed = settings().allowedEmailDomains;
    return allowed.length === 0 || allowed.includes(domainOf(email));
  };

  /** Asks the association's membership system; a failure is a 503, never a guess either way. */
  const isMember = async (email: string): Promise<boolean> => {
    const { checkUrl, checkToken } = settings();
    if (!checkUrl) return true;
    try {
      const response = await fetch(checkUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(checkToken ? { authorization: `Bearer ${checkToken}` } : {}) },
        body: JSON.stringify({ email }),
        signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const body = (await response.json()) as { member?: unknown };
      if (typeof body.member !== 'boolean') throw new Error('answered without a "member" true or false');
      return body.member;
    } catch (error) {
      strapi.log.error(`[mentorship] membership check at ${checkUrl} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new ServiceUnavailableError('Registration is unavailable for a moment; please try again shortly.', 30);
    }
  };

  return {
    /** Brings users-permissions' e-mail confirmation in step with the `members.emailConfirmation` setting. */
    async applySettings(): Promise<void> {
      const store = advanced();
      const current = ((await store.get({})) ?? {}) as Record<string, unknown>;
      const wanted = settings().emailConfirmation;
      const redirection = current.email_confirmation_redirection || `${(strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).siteUrl.replace(/\/$/, '')}/`;
      if (current.email_confirmation !== wanted || current.email_confirmation_redirection !== redirection) {
        await store.set({ value: { ...current, email_confirmation: wanted, email_confirmation_redirection: redirection } });
      }
    },

    /** Why this account may not see members-only pages, or null when it may. */
    refusalOf(account: MemberAccount): string | null {
      if (account.blocked) return 'This account is blocked; please contact the program office.';
      if (account.confirmed !== true) return 'Confirm your e-mail address first: follow the link we sent you.';
      if (!domainAllowed(account.email)) return `Only members with an address at ${settings().allowedEmailDomains.join(', ')} can see this.`;
      return null;
    },

    /**
     * Wraps users-permissions' register action: refuses addresses outside the allowed domains (naming
     * the field), and where e-mail is confirmed answers every address alike, creating an account only
     * for a new address the membership system knows.
     */
    async register(ctx: Context, register: () => Promise<unknown>): Promise<void> {
      const body = ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;
      const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
      if (!email.includes('@')) {
        await register();
        return;
      }
      if (!domainAllowed(email)) {
        throw validationError([{ path: ['email'], message: `use your association address (at ${settings().allowedEmailDomains.join(', ')})` }]);
      }
      const confirmation = Boolean(((await advanced().get({})) as { email_confirmation?: boolean } | null)?.email_confirmation);
      if (!confirmation) {
        // Without confirmation a registration signs in at once, so it cannot hide anything; the
        // plugin's config refuses a membership check in this mode.
        await register();
        return;
      }
      const existing = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email }, select: ['id'] });
      if (existing || !(await isMember(email))) {
        ctx.status = 200;
        ctx.body = { message: REGISTRATION_ANSWER };
        return;
      }
      await register();
      if (ctx.status === 200) ctx.body = { message: REGISTRATION_ANSWER };
    },
  };
};

export type MembershipService = ReturnType<typeof membership>;
export default membership;
