import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { Cron } from 'croner';
import type { JobRunView, JobView } from '../../../../shared/contracts/staff';
import { CRON_JOBS } from './jobs';

/** What each scheduled job does, for the operator's page (a job without an entry shows its name). */
const DESCRIPTIONS: Record<string, string> = {
  'mentorship-request-deadlines': 'Passes lapsed requests on to the next choice or escalates them, and reminds mentors of requests waiting for an answer.',
  'mentorship-outbox': 'Delivers queued e-mail from the outbox, retrying failures with back-off.',
  'mentorship-engagement': 'Reminds pairs that logged fewer hours last month than the program asks.',
  'mentorship-renewals': 'Tells pairs a renewal is due soon and completes mentorships that reached their end date.',
  'mentorship-reconfirmation': "Asks listed mentors to re-confirm their yearly listing, and unlists those past the date.",
  'mentorship-staff-digest': "E-mails each program that has the staff digest on what needs staff since the last digest (new applications, escalations, finished runs, pairs below the engagement minimum); nothing when nothing is new.",
  'mentorship-run-leases': 'Takes over matching runs whose server stopped while running them (their lease ran out), or marks them failed with a message.',
};

/**
 * The operator's view of the plugin's scheduled jobs: each job's rule, last run (when, how long,
 * by the schedule or by staff, its result or error) and next scheduled run; and running one now.
 * Last runs are kept in Strapi's store, so every instance sharing the database sees them.
 */
const jobRuns = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = strapi.store({ type: 'plugin', name: 'mentorship' });
  const key = (name: string) => `job-run:${name}`;

  /** When the schedule fires next (null where this process does not schedule jobs, as in tests). */
  const nextRun = (name: string, rule: string): string | null => {
    const scheduled = (strapi.cron.jobs as { name?: string }[]).some((job) => job.name === name);
    if (!scheduled) return null;
    return new Cron(rule, { paused: true }).nextRun()?.toISOString() ?? null;
  };

  return {
    names(): string[] {
      return Object.keys(CRON_JOBS);
    },

    async list(): Promise<JobView[]> {
      return Promise.all(
        Object.entries(CRON_JOBS).map(async ([name, job]) => ({
          name,
          description: DESCRIPTIONS[name] ?? name,
          rule: job.rule,
          lastRun: ((await store.get({ key: key(name) })) as JobRunView | null) ?? null,
          nextRun: nextRun(name, job.rule),
        })),
      );
    },

    /** Runs a job now and records the run; a failure is recorded and reported, not thrown. */
    async run(name: string, trigger: JobRunView['trigger'], by: string | null = null): Promise<JobRunView> {
      const job = CRON_JOBS[name];
      if (!job) throw new errors.NotFoundError(`No scheduled job "${name}"; the jobs are ${Object.keys(CRON_JOBS).join(', ')}`);
      const started = new Date();
      const record = (outcome: Pick<JobRunView, 'ok' | 'result' | 'error'>): JobRunView => ({
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: Date.now() - started.getTime(),
        trigger,
        by,
        ...outcome,
      });
      let run: JobRunView;
      try {
        const result = await job.run(strapi);
        run = record({ ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)), error: null });
      } catch (error) {
        strapi.log.error(`[mentorship] job ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        run = record({ ok: false, result: null, error: error instanceof Error ? error.message : String(error) });
      }
      await store.set({ key: key(name), value: run });
      return run;
    },
  };
};

export type JobRunsService = ReturnType<typeof jobRuns>;
export default jobRuns;
