import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DashboardCounts, ProgramDashboard } from '../../../../shared/contracts/staff';
import { ENROLLED_STATUSES, LIVE_MENTORSHIP_STATUSES, PROFILE_STATUSES, type ProfileStatus } from '../../../../shared/vocabulary';
import { addDays, isoDay } from '../../utils/dates';
import { getService } from '../../utils/get-service';
import { ENGAGEMENT_WINDOW_DAYS, programRules } from '../../utils/program-rules';
import { UID } from '../../utils/uids';
import type { ProgramRecord } from '../content/programs';

interface LiveRow {
  id: number;
  mentorshipStatus: string;
  startDate?: string | null;
  mentor?: { documentId: string } | null;
}

/** The head counts the Programs page and each dashboard show: one definition, one query, so they agree. */
export type HeadCounts = Pick<DashboardCounts, 'mentors' | 'mentees' | 'listedMentors' | 'pendingApplications'>;

const emptyHeadCounts = (): HeadCounts => ({ mentors: 0, mentees: 0, listedMentors: 0, pendingApplications: 0 });

/**
 * Enrolled mentors and mentees (approved, listed or paused), listed mentors and applications
 * awaiting review, per program id: one grouped query for any number of programs.
 */
const headCountsOf = async (strapi: Core.Strapi, programIds: number[]): Promise<Map<number, HeadCounts>> => {
  const byProgram = new Map<number, HeadCounts>(programIds.map((id) => [id, emptyHeadCounts()]));
  if (programIds.length === 0) return byProgram;
  const meta = strapi.db.metadata.get(UID.profile);
  const link = (meta.attributes.program as { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } }).joinTable;
  const column = (attribute: string) => `${meta.tableName}.${(meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute}`;
  const programColumn = `${link.name}.${link.inverseJoinColumn.name}`;
  const rows = (await strapi.db
    .connection(meta.tableName)
    .join(link.name, `${link.name}.${link.joinColumn.name}`, `${meta.tableName}.id`)
    .whereIn(programColumn, programIds)
    .select(`${programColumn} as program`, `${column('role')} as role`, `${column('profileStatus')} as status`)
    .count({ count: '*' })
    .groupBy(programColumn, column('role'), column('profileStatus'))) as { program: number | string; role: string; status: ProfileStatus; count: number | string }[];
  for (const row of rows) {
    const counts = byProgram.get(Number(row.program));
    if (!counts) continue;
    const count = Number(row.count);
    if (ENROLLED_STATUSES.includes(row.status)) counts[row.role === 'mentor' ? 'mentors' : 'mentees'] += count;
    if (row.role === 'mentor' && row.status === 'listed') counts.listedMentors += count;
    if (row.status === 'submitted') counts.pendingApplications += count;
  }
  return byProgram;
};

/** The staff dashboard of one program: enrolment, requests, mentorships, engagement, mentor load. */
const dashboard = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The Programs page's counts per program id, the same as each dashboard's. */
  headCounts: (programIds: number[]) => headCountsOf(strapi, programIds),

  async dashboard(programDocumentId: string): Promise<ProgramDashboard> {
    const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId } })) as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    const profiles = (await strapi.db.query(UID.profile).findMany({ where: { program: program.id }, select: ['role', 'profileStatus', 'documentId', 'capacity'] })) as {
      role: string;
      profileStatus: ProfileStatus;
      documentId: string;
    }[];
    const profilesByStatus = PROFILE_STATUSES.map((status) => ({
      status,
      mentors: profiles.filter((profile) => profile.role === 'mentor' && profile.profileStatus === status).length,
      mentees: profiles.filter((profile) => profile.role === 'mentee' && profile.profileStatus === status).length,
    }));
    const current = getService(strapi, 'clock').now();
    const requests = strapi.db.query(UID.request);
    const counts: DashboardCounts = {
      ...((await headCountsOf(strapi, [program.id])).get(program.id) ?? emptyHeadCounts()),
      openRequests: await requests.count({ where: { program: program.id, requestStatus: 'open' } }),
      overdueRequests: await requests.count({ where: { program: program.id, requestStatus: 'open', deadline: { $lt: current.toISOString() } } }),
      escalations: await requests.count({ where: { program: program.id, requestStatus: 'escalated' } }),
      activeMentorships: 0,
      belowEngagement: 0,
    };

    const live = (await strapi.db.query(UID.mentorship).findMany({
      where: { program: program.id, mentorshipStatus: { $in: [...LIVE_MENTORSHIP_STATUSES] } },
      select: ['id', 'mentorshipStatus', 'startDate'],
      populate: { mentor: { select: ['documentId'] } },
    })) as LiveRow[];
    counts.activeMentorships = live.filter((row) => row.mentorshipStatus === 'active').length;
    const loads = new Map<string, number>();
    for (const row of live) if (row.mentor) loads.set(row.mentor.documentId, (loads.get(row.mentor.documentId) ?? 0) + 1);

    const minimumHours = programRules(program).engagementHoursPerMonth ?? 0;
    if (minimumHours > 0) {
      // A pair is below the minimum when, over the last window, it logged less than a month's hours.
      // Pairs younger than the window are not judged yet.
      const since = addDays(current, -ENGAGEMENT_WINDOW_DAYS);
      const judged = live.filter((row) => row.mentorshipStatus === 'active' && row.startDate && new Date(row.startDate) <= since);
      for (const row of judged) {
        const checkIns = (await strapi.db.query(UID.checkIn).findMany({
          where: { mentorship: row.id, date: { $gte: isoDay(since) } },
          select: ['minutes'],
        })) as { minutes?: number | null }[];
        const minutes = checkIns.reduce((sum, checkIn) => sum + (checkIn.minutes ?? 0), 0);
        if (minutes < minimumHours * 60) counts.belowEngagement += 1;
      }
    }

    const mentorLoadCounts = new Map<number, number>();
    for (const profile of profiles) {
      if (profile.role !== 'mentor' || !ENROLLED_STATUSES.includes(profile.profileStatus)) continue;
      const load = loads.get(profile.documentId) ?? 0;
      mentorLoadCounts.set(load, (mentorLoadCounts.get(load) ?? 0) + 1);
    }
    const maxLoad = Math.max(0, ...mentorLoadCounts.keys());
    return {
      program: { documentId: program.documentId, name: program.name, slug: program.slug, style: program.style, status: program.programStatus },
      counts,
      profilesByStatus,
      mentorLoad: Array.from({ length: maxLoad + 1 }, (_, load) => ({ load, mentors: mentorLoadCounts.get(load) ?? 0 })),
      recentRuns: (await getService(strapi, 'runs').list(programDocumentId)).slice(0, 5),
    };
  },
});

export type DashboardService = ReturnType<typeof dashboard>;
export default dashboard;
