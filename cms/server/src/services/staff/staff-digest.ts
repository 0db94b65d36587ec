import type { Core } from '@strapi/strapi';
import { addDays, DAY_MS, isoDay } from '../../utils/dates';
import { getService } from '../../utils/get-service';
import { ENGAGEMENT_WINDOW_DAYS, programRules } from '../../utils/program-rules';
import { withTransaction } from '../../utils/transaction';
import { PLUGIN_ID, UID } from '../../utils/uids';
import type { ProgramRecord } from '../content/programs';

/** Names listed in a digest line before "and N more". */
const NAMES_SHOWN = 5;

/** What the previous digest of a program covered: when it was sent, and the pairs then below the minimum. */
interface DigestMark {
  sentAt: string;
  belowEngagement: string[];
}

/** The `digest` variables of the `staff.digest` template (documented in the e-mail catalog). */
export interface DigestContent {
  since: string;
  applications: number;
  applicants: string;
  escalations: number;
  escalationsWaiting: number;
  runs: number;
  runList: string;
  belowEngagement: number;
  belowEngagementPairs: string;
  belowEngagementTotal: number;
  adminUrl: string;
}

export interface DigestOutcome {
  programDocumentId: string;
  sent: boolean;
  /** why not, when not sent */
  reason?: 'nothing-new' | 'no-contact-address' | 'already-sent';
  content?: DigestContent;
}

const listed = (names: string[]) =>
  names.length <= NAMES_SHOWN ? names.join(', ') : `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more`;

const readable = (date: Date) => {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return `${day}, ${date.toISOString().slice(11, 16)} UTC`;
};

const RUN_OUTCOMES: Record<string, string> = { succeeded: 'proposals ready', approved: 'approved', failed: 'failed' };

/**
 * The daily staff digest: for each program whose staff digest is on, one e-mail to its contact
 * address with what needs staff since the previous digest (new applications, requests escalated to
 * staff, matching runs finished, pairs newly below the engagement minimum). Nothing is sent when
 * nothing is new. The e-mail goes through the outbox in the transaction that records the digest, and
 * its dedupe key names the window it covers, so two instances (or a run now beside the schedule)
 * send it once.
 */
const staffDigest = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const markKey = (programDocumentId: string) => `staff-digest:${programDocumentId}`;

  /** Live pairs judged below the minimum (as on the dashboard): documentId and the pair's names. */
  const pairsBelowMinimum = async (program: ProgramRecord, at: Date): Promise<{ documentId: string; names: string }[]> => {
    const minimumHours = programRules(program).engagementHoursPerMonth ?? 0;
    if (minimumHours <= 0) return [];
    const since = addDays(at, -ENGAGEMENT_WINDOW_DAYS);
    const live = (await strapi.db.query(UID.mentorship).findMany({
      where: { program: program.id, mentorshipStatus: 'active', startDate: { $lte: isoDay(since) } },
      select: ['id', 'documentId'],
      populate: { mentor: { select: ['displayName'] }, mentee: { select: ['displayName'] } },
      orderBy: [{ id: 'asc' }],
    })) as { id: number; documentId: string; mentor?: { displayName: string } | null; mentee?: { displayName: string } | null }[];
    const below: { documentId: string; names: string }[] = [];
    for (const pair of live) {
      const checkIns = (await strapi.db.query(UID.checkIn).findMany({ where: { mentorship: pair.id, date: { $gte: isoDay(since) } }, select: ['minutes'] })) as { minutes?: number | null }[];
      const minutes = checkIns.reduce((sum, checkIn) => sum + (checkIn.minutes ?? 0), 0);
      if (minutes < minimumHours * 60) below.push({ documentId: pair.documentId, names: `${pair.mentor?.displayName ?? '?'} and ${pair.mentee?.displayName ?? '?'}` });
    }
    return below;
  };

  const adminUrl = (program: ProgramRecord) => {
    const base = String(strapi.config.get('admin.absoluteUrl', '/admin')).replace(/\/$/, '');
    return `${base}/plugins/${PLUGIN_ID}/programs/${program.slug}`;
  };

  return {
    /** What a program's digest would say for the window (since, at]; `nothingNew` when there is nothing to send. */
    async collect(program: ProgramRecord, mark: DigestMark, at: Date): Promise<{ content: DigestContent; nothingNew: boolean; below: string[] }> {
      const since = new Date(mark.sentAt);
      const window = { $gt: since.toISOString(), $lte: at.toISOString() };
      const applicants = (await strapi.db.query(UID.profile).findMany({
        where: { program: program.id, profileStatus: 'submitted', submittedAt: window },
        select: ['displayName'],
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      })) as { displayName: string }[];
      const requests = strapi.db.query(UID.request);
      const escalations = await requests.count({ where: { program: program.id, requestStatus: 'escalated', escalatedAt: window } });
      const escalationsWaiting = await requests.count({ where: { program: program.id, requestStatus: 'escalated' } });
      const runs = (await strapi.db.query(UID.matchingRun).findMany({
        where: { program: program.id, runStatus: { $in: Object.keys(RUN_OUTCOMES) }, finishedAt: window },
        select: ['runStatus', 'finishedAt', 'result'],
        orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
      })) as { runStatus: string; finishedAt: string; result?: { pairs?: unknown[] } | null }[];
      const below = await pairsBelowMinimum(program, at);
      const newlyBelow = below.filter((pair) => !mark.belowEngagement.includes(pair.documentId));
      const content: DigestContent = {
        since: readable(since),
        applications: applicants.length,
        applicants: listed(applicants.map((applicant) => applicant.displayName)),
        escalations,
        escalationsWaiting,
        runs: runs.length,
        runList: runs
          .map((run) => {
            const pairs = run.runStatus === 'failed' ? '' : `, ${run.result?.pairs?.length ?? 0} ${run.result?.pairs?.length === 1 ? 'pair' : 'pairs'}`;
            return `${readable(new Date(run.finishedAt)).replace(/, \d\d:\d\d UTC$/, '')}: ${RUN_OUTCOMES[run.runStatus]}${pairs}`;
          })
          .join('; '),
        belowEngagement: newlyBelow.length,
        belowEngagementPairs: listed(newlyBelow.map((pair) => pair.names)),
        belowEngagementTotal: below.length,
        adminUrl: adminUrl(program),
      };
      const nothingNew = content.applications + content.escalations + content.runs + content.belowEngagement === 0;
      return { content, nothingNew, below: below.map((pair) => pair.documentId) };
    },

    /** One program's digest for the window since its previous one (a day, the first time). */
    async sendFor(program: ProgramRecord, at: Date): Promise<DigestOutcome> {
      const programDocumentId = program.documentId;
      if (!program.contactEmail) return { programDocumentId, sent: false, reason: 'no-contact-address' };
      return withTransaction(strapi, async () => {
        const stored = (await store.get({ key: markKey(programDocumentId) })) as DigestMark | null;
        const mark: DigestMark = stored ?? { sentAt: new Date(at.getTime() - DAY_MS).toISOString(), belowEngagement: [] };
        const { content, nothingNew, below } = await this.collect(program, mark, at);
        if (nothingNew) {
          // Pairs that recovered are forgotten, so falling below again is news again.
          if (stored) await store.set({ key: markKey(programDocumentId), value: { ...mark, belowEngagement: mark.belowEngagement.filter((id) => below.includes(id)) } });
          return { programDocumentId, sent: false, reason: 'nothing-new' as const };
        }
        const queued = await getService(strapi, 'notifications').queue({
          key: 'staff.digest',
          to: { email: program.contactEmail ?? '', name: `${program.name} staff` },
          programDocumentId,
          variables: { digest: content },
          dedupeKey: `staff.digest:${programDocumentId}:${mark.sentAt}`,
        });
        if (!queued.queued) return { programDocumentId, sent: false, reason: 'already-sent' as const };
        await store.set({ key: markKey(programDocumentId), value: { sentAt: at.toISOString(), belowEngagement: below } satisfies DigestMark });
        return { programDocumentId, sent: true, content };
      });
    },

    /** Every program with the digest on; how many digests were queued and how many programs had nothing new. */
    async sendDue(at: Date = getService(strapi, 'clock').now()): Promise<{ programs: number; sent: number; nothingNew: number; noContactAddress: number }> {
      const programs = (await strapi.db.query(UID.program).findMany({ where: { staffDigest: true }, orderBy: [{ id: 'asc' }] })) as ProgramRecord[];
      const outcomes: DigestOutcome[] = [];
      for (const program of programs) outcomes.push(await this.sendFor(program, at));
      await getService(strapi, 'notifications').whenIdle();
      return {
        programs: programs.length,
        sent: outcomes.filter((outcome) => outcome.sent).length,
        nothingNew: outcomes.filter((outcome) => outcome.reason === 'nothing-new').length,
        noContactAddress: outcomes.filter((outcome) => outcome.reason === 'no-contact-address').length,
      };
    },
  };
};

export type StaffDigestService = ReturnType<typeof staffDigest>;
export default staffDigest;
