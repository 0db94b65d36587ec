import { randomUUID } from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';

/** How long a run stays with the instance executing it without a renewal; renewed every third of it. */
export const RUN_LEASE_MS = 30_000;
/** Takeovers after which a run is marked failed rather than tried again (its inputs may be what kills instances). */
export const MAX_RUN_ATTEMPTS = 3;

interface LeaseRow {
  id: number;
  documentId: string;
  attempts?: number | null;
}

/**
 * Which instance executes a matching run. Several CMS instances share one database: the instance that
 * starts a run holds a lease on it and renews it while it waits for the matcher. When that instance
 * dies, the lease runs out and another instance's sweep claims the run with a conditional update (one
 * winner) and executes it again from its frozen inputs, or marks it failed with a message once it has
 * been taken over too often. A restarted single instance recovers its own runs the same way.
 */
const runLeases = ({ strapi }: { strapi: Core.Strapi }) => {
  const instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const until = (from: Date = new Date()) => new Date(from.getTime() + RUN_LEASE_MS).toISOString();
  const runs = () => strapi.db.query(UID.matchingRun);

  return {
    instance,

    /** Lease fields of a run this instance starts. */
    initial(): { leaseOwner: string; leaseUntil: string; attempts: number } {
      return { leaseOwner: instance, leaseUntil: until(), attempts: 1 };
    },

    /** Runs `work` while renewing this instance's lease on the run. */
    async hold(runDocumentId: string, work: () => Promise<void>): Promise<void> {
      const renew = setInterval(() => {
        runs()
          .updateMany({ where: { documentId: runDocumentId, runStatus: 'running', leaseOwner: instance }, data: { leaseUntil: until() } })
          .catch((error: Error) => strapi.log.warn(`[mentorship] could not renew the lease of run ${runDocumentId}: ${error.message}`));
      }, RUN_LEASE_MS / 3);
      try {
        await work();
      } finally {
        clearInterval(renew);
      }
    },

    /** Claims every running run whose lease ran out: executes it again here, or fails it after too many attempts. */
    async sweep(now: Date = new Date()): Promise<{ resumed: string[]; failed: string[] }> {
      const expired = { runStatus: 'running', $or: [{ leaseUntil: { $lt: now.toISOString() } }, { leaseUntil: { $null: true } }] };
      const stale = (await runs().findMany({ where: expired, select: ['id', 'documentId', 'attempts'], limit: 100 })) as LeaseRow[];
      const resumed: string[] = [];
      const failed: string[] = [];
      for (const run of stale) {
        const attempts = (run.attempts ?? 1) + 1;
        if (attempts > MAX_RUN_ATTEMPTS) {
          const { count } = await runs().updateMany({
            where: { id: run.id, ...expired },
            data: {
              runStatus: 'failed',
              leaseOwner: null,
              errorMessage: `The instance running this match stopped ${attempts - 1} times before it finished; run it again.`,
              finishedAt: now.toISOString(),
            },
          });
          if (count === 1) failed.push(run.documentId);
          continue;
        }
        // The condition is re-read under the row lock: of several instances sweeping at once, one wins.
        const { count } = await runs().updateMany({ where: { id: run.id, ...expired }, data: { leaseOwner: instance, leaseUntil: until(now), attempts } });
        if (count !== 1) continue;
        strapi.log.warn(`[mentorship] matching run ${run.documentId} lost its instance; executing it again here (attempt ${attempts})`);
        getService(strapi, 'runs').launch(run.documentId);
        resumed.push(run.documentId);
      }
      return { resumed, failed };
    },
  };
};

export type RunLeasesService = ReturnType<typeof runLeases>;
export default runLeases;
