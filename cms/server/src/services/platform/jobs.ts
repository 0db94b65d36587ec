import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/get-service';
import { addDays, isoDay } from '../../utils/dates';
import { withTransaction } from '../../utils/transaction';
import { UID } from '../../utils/uids';

/** A listed mentor is asked to re-confirm this many days before the yearly date. */
export const RECONFIRM_NOTICE_DAYS = 30;

interface DueListing {
  id: number;
  reconfirmBy: string;
  profile?: { id: number; documentId: string; displayName: string; profileStatus: string; user?: { email: string } | null; program?: { documentId: string } | null } | null;
}

/**
 * The plugin's scheduled work. Every job reads the plugin clock, claims the rows it acts on with a
 * conditional update (or relies on the outbox's unique dedupe key), and can therefore run twice, or
 * on two instances sharing one database, without doing anything twice.
 */
const jobs = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  return {
    /** Yearly re-confirmation: a notice before the date, and unlisting (with a message) after it. */
    async reconfirmations(at: Date = now()): Promise<{ reminded: number; unlisted: number }> {
      const day = isoDay(at);
      const notice = isoDay(addDays(at, RECONFIRM_NOTICE_DAYS));
      const due = (await strapi.db.query(UID.listing).findMany({
        where: { listed: true, reconfirmBy: { $notNull: true, $lte: notice } },
        populate: { profile: { select: ['id', 'documentId', 'displayName', 'profileStatus'], populate: { user: { select: ['email'] }, program: { select: ['documentId'] } } } },
        limit: 100000,
      })) as DueListing[];
      let reminded = 0;
      let unlisted = 0;
      const notifications = getService(strapi, 'notifications');
      for (const listing of due) {
        const profile = listing.profile;
        if (!profile || profile.profileStatus !== 'listed') continue;
        const reconfirmBy = String(listing.reconfirmBy).slice(0, 10);
        const email = profile.user?.email;
        const lapsed = reconfirmBy < day;
        const message = (key: string, dedupe: string) =>
          email
            ? notifications.queue({
                key,
                to: { email, name: profile.displayName },
                programDocumentId: profile.program?.documentId,
                variables: { mentor: { name: profile.displayName }, listing: { reconfirmBy } },
                dedupeKey: `listing:${profile.documentId}:${dedupe}:${reconfirmBy}`,
              })
            : null;
        if (lapsed) {
          const paused = await withTransaction(strapi, async () => {
            const { count } = await strapi.db.query(UID.profile).updateMany({ where: { id: profile.id, profileStatus: 'listed' }, data: { profileStatus: 'paused' } });
            if (count !== 1) return false;
            await getService(strapi, 'directory').syncListing(profile.documentId, at);
            await message('listing.unlisted', 'unlisted');
            return true;
          });
          if (paused) unlisted += 1;
        } else if (email) {
          await message('listing.reconfirm', 'reconfirm');
          reminded += 1;
        }
      }
      await notifications.whenIdle();
      return { reminded, unlisted };
    },

    /** Everything at once, in a sensible order (tests call this with a chosen time). */
    async runAll(at: Date = now()) {
      const requests = getService(strapi, 'requests');
      const lifecycle = getService(strapi, 'mentorship-lifecycle');
      const result = {
        deadlines: await requests.processDeadlines(at),
        reminders: await requests.sendReminders(at),
        engagement: await lifecycle.engagementReminders(at),
        renewals: await lifecycle.renewalsAndCompletions(at),
        reconfirmations: await this.reconfirmations(at),
        outbox: await getService(strapi, 'notifications').flush(at),
      };
      return result;
    },
  };
};

/** Cron jobs registered in bootstrap (croner rules); each is idempotent. */
export const CRON_JOBS: Record<string, { rule: string; run: (strapi: Core.Strapi) => Promise<unknown> }> = {
  'mentorship-request-deadlines': {
    rule: '*/5 * * * *',
    run: async (strapi) => {
      await getService(strapi, 'requests').processDeadlines();
      await getService(strapi, 'requests').sendReminders();
    },
  },
  'mentorship-outbox': { rule: '* * * * *', run: (strapi) => getService(strapi, 'notifications').flush() },
  'mentorship-engagement': { rule: '0 7 * * *', run: (strapi) => getService(strapi, 'mentorship-lifecycle').engagementReminders() },
  'mentorship-renewals': { rule: '15 7 * * *', run: (strapi) => getService(strapi, 'mentorship-lifecycle').renewalsAndCompletions() },
  'mentorship-reconfirmation': { rule: '30 7 * * *', run: (strapi) => getService(strapi, 'jobs').reconfirmations() },
  'mentorship-staff-digest': { rule: '45 7 * * *', run: (strapi) => getService(strapi, 'staff-digest').sendDue() },
  // every 10 seconds: a run whose instance died is taken over soon after its lease runs out
  'mentorship-run-leases': { rule: '*/10 * * * * *', run: (strapi) => getService(strapi, 'run-leases').sweep() },
};

export type JobsService = ReturnType<typeof jobs>;
export default jobs;
