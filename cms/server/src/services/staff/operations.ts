import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  AssignEscalationBody,
  CloseEscalationBody,
  CreateMentorshipBody,
  DashboardCounts,
  EndMentorshipBody,
  EscalationView,
  ProgramDashboard,
  ReassignMentorshipBody,
  StaffActor,
  StaffMentorshipView,
} from '../../../../shared/contracts/staff';
import { PROFILE_STATUSES, type ProfileStatus } from '../../../../shared/vocabulary';
import type { RequestEvent } from '../../../../shared/contracts/members';
import { getService } from '../../utils/get-service';
import { ConflictError } from '../../utils/errors';
import { UID } from '../../utils/uids';
import { validationError } from '../../utils/validation-error';
import type { ProgramRecord } from '../content/programs';

export const REQUEST_UID = 'plugin::mentorship.request';
export const MENTORSHIP_UID = 'plugin::mentorship.mentorship';
export const CHECK_IN_UID = 'plugin::mentorship.check-in';
const ENROLLED: ProfileStatus[] = ['approved', 'listed', 'paused'];
const OCCUPYING = ['pending-agreement', 'active'];

type ProfileRef = { id: number; documentId: string; displayName: string; user?: { email?: string | null } | null } | null;

interface RequestRecord {
  id: number;
  documentId: string;
  requestStatus: string;
  message?: string | null;
  createdAt?: string | null;
  escalatedAt?: string | null;
  choices?: unknown;
  history?: RequestEvent[] | null;
  program?: { documentId: string } | null;
  sender?: ProfileRef;
}

interface MentorshipRecord {
  id: number;
  documentId: string;
  mentorshipStatus: string;
  source?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  program?: { documentId: string } | null;
  mentor?: ProfileRef;
  mentee?: ProfileRef;
}

const toMentorshipView = (row: MentorshipRecord): StaffMentorshipView => ({
  documentId: row.documentId,
  status: row.mentorshipStatus,
  mentorProfileDocumentId: row.mentor?.documentId ?? null,
  mentorName: row.mentor?.displayName ?? '',
  menteeProfileDocumentId: row.mentee?.documentId ?? null,
  menteeName: row.mentee?.displayName ?? '',
  source: row.source ?? null,
  startedAt: row.startDate ?? null,
  endsAt: row.endDate ?? null,
});

const byOf = (actor: StaffActor | null) => (actor ? `staff:${actor.id}` : 'staff');

/** Program operations for staff: the dashboard, the escalation queue and mentorships handled on members' behalf. */
const operations = ({ strapi }: { strapi: Core.Strapi }) => {
  const programOf = async (programDocumentId: string): Promise<ProgramRecord> => {
    const program = (await strapi.documents(UID.program).findOne({ documentId: programDocumentId })) as unknown as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    return program;
  };
  const findRequest = async (documentId: string): Promise<RequestRecord> => {
    const row = (await strapi.documents(REQUEST_UID as never).findOne({ documentId, populate: { program: true, sender: { populate: ['user'] } } } as never)) as unknown as RequestRecord | null;
    if (!row) throw new errors.NotFoundError(`No request ${documentId}`);
    return row;
  };
  const findMentorship = async (documentId: string): Promise<MentorshipRecord> => {
    const row = (await strapi.documents(MENTORSHIP_UID as never).findOne({ documentId, populate: ['program', 'mentor', 'mentee'] } as never)) as unknown as MentorshipRecord | null;
    if (!row) throw new errors.NotFoundError(`No mentorship ${documentId}`);
    return row;
  };
  const profileInProgram = async (profileDocumentId: string, programDocumentId: string, role: 'mentor' | 'mentee', path: string) => {
    const profile = (await strapi.documents(UID.profile).findOne({ documentId: profileDocumentId, populate: ['program', 'user'] })) as unknown as
      | (NonNullable<ProfileRef> & { role: string; program?: { documentId: string } | null })
      | null;
    if (!profile || profile.role !== role || profile.program?.documentId !== programDocumentId) {
      throw validationError([{ path: [path], message: `is not a ${role} profile of this program` }]);
    }
    return profile;
  };

  return {
    async dashboard(programDocumentId: string): Promise<ProgramDashboard> {
      const program = await programOf(programDocumentId);
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
      const counts: DashboardCounts = {
        mentors: profiles.filter((profile) => profile.role === 'mentor' && ENROLLED.includes(profile.profileStatus)).length,
        mentees: profiles.filter((profile) => profile.role === 'mentee' && ENROLLED.includes(profile.profileStatus)).length,
        listedMentors: profiles.filter((profile) => profile.role === 'mentor' && profile.profileStatus === 'listed').length,
        pendingApplications: profiles.filter((profile) => profile.profileStatus === 'submitted').length,
        openRequests: 0,
        overdueRequests: 0,
        escalations: 0,
        activeMentorships: 0,
        belowEngagement: 0,
      };
      const loads = new Map<string, number>();
      if (strapi.contentTypes[REQUEST_UID as keyof typeof strapi.contentTypes]) {
        const requests = strapi.db.query(REQUEST_UID as never);
        counts.openRequests = await requests.count({ where: { program: program.id, requestStatus: 'open' } });
        counts.overdueRequests = await requests.count({ where: { program: program.id, requestStatus: 'open', deadline: { $lt: current.toISOString() } } });
        counts.escalations = await requests.count({ where: { program: program.id, requestStatus: 'escalated' } });
      }
      if (strapi.contentTypes[MENTORSHIP_UID as keyof typeof strapi.contentTypes]) {
        const active = (await strapi.db.query(MENTORSHIP_UID as never).findMany({
          where: { program: program.id, mentorshipStatus: { $in: OCCUPYING } },
          select: ['id', 'mentorshipStatus', 'startDate'],
          populate: { mentor: { select: ['documentId'] } },
        })) as { id: number; mentorshipStatus: string; startDate?: string | null; mentor?: { documentId: string } | null }[];
        counts.activeMentorships = active.filter((row) => row.mentorshipStatus === 'active').length;
        for (const row of active) if (row.mentor) loads.set(row.mentor.documentId, (loads.get(row.mentor.documentId) ?? 0) + 1);
        const minimumHours = program.engagementHoursPerMonth ? Number(program.engagementHoursPerMonth) : 0;
        if (minimumHours > 0 && strapi.contentTypes[CHECK_IN_UID as keyof typeof strapi.contentTypes]) {
          // A pair is below the minimum when, over the last 30 days, it logged less than a month's hours.
          // Pairs younger than a month are not judged yet.
          const since = new Date(current.getTime() - 30 * 86400000);
          const judged = active.filter((row) => row.mentorshipStatus === 'active' && row.startDate && new Date(row.startDate) <= since);
          for (const row of judged) {
            const checkIns = (await strapi.db.query(CHECK_IN_UID as never).findMany({
              where: { mentorship: row.id, date: { $gte: since.toISOString().slice(0, 10) } },
              select: ['minutes'],
            })) as { minutes?: number | null }[];
            const minutes = checkIns.reduce((sum, checkIn) => sum + (checkIn.minutes ?? 0), 0);
            if (minutes < minimumHours * 60) counts.belowEngagement += 1;
          }
        }
      }
      const mentorLoadCounts = new Map<number, number>();
      for (const profile of profiles) {
        if (profile.role !== 'mentor' || !ENROLLED.includes(profile.profileStatus)) continue;
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

    async escalations(programDocumentId: string): Promise<EscalationView[]> {
      await programOf(programDocumentId);
      if (!strapi.contentTypes[REQUEST_UID as keyof typeof strapi.contentTypes]) return [];
      const rows = (await strapi.documents(REQUEST_UID as never).findMany({
        filters: { program: { documentId: programDocumentId }, requestStatus: 'escalated' },
        populate: ['sender'],
        sort: ['escalatedAt:asc', 'id:asc'],
        limit: 500,
      } as never)) as unknown as RequestRecord[];
      const choiceIds = [...new Set(rows.flatMap((row) => (Array.isArray(row.choices) ? (row.choices as unknown[]) : [])).map((choice) => (typeof choice === 'string' ? choice : (choice as { mentorProfileDocumentId?: string; documentId?: string } | null)?.mentorProfileDocumentId ?? (choice as { documentId?: string } | null)?.documentId)).filter((id): id is string => typeof id === 'string'))];
      const mentors = choiceIds.length
        ? ((await strapi.db.query(UID.profile).findMany({ where: { documentId: { $in: choiceIds } }, select: ['documentId', 'displayName'] })) as { documentId: string; displayName: string }[])
        : [];
      const names = new Map(mentors.map((mentor) => [mentor.documentId, mentor.displayName]));
      return rows.map((row) => ({
        documentId: row.documentId,
        menteeProfileDocumentId: row.sender?.documentId ?? null,
        menteeName: row.sender?.displayName ?? '',
        message: row.message ?? null,
        createdAt: row.escalatedAt ?? row.createdAt ?? null,
        choices: (Array.isArray(row.choices) ? (row.choices as unknown[]) : [])
          .map((choice) => (typeof choice === 'string' ? choice : (choice as { mentorProfileDocumentId?: string; documentId?: string } | null)?.mentorProfileDocumentId ?? (choice as { documentId?: string } | null)?.documentId))
          .filter((id): id is string => typeof id === 'string')
          .map((id) => ({ mentorProfileDocumentId: id, mentorName: names.get(id) ?? id })),
      }));
    },

    /** Staff pick a mentor for an escalated request: the mentorship is created and the mentee told. */
    async assignEscalation(requestDocumentId: string, body: AssignEscalationBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      const request = await findRequest(requestDocumentId);
      if (request.requestStatus !== 'escalated') throw new ConflictError(`Only an escalated request can be assigned; this one is ${request.requestStatus}`, 'not-open');
      const programDocumentId = request.program?.documentId ?? '';
      await programOf(programDocumentId);
      const mentor = await profileInProgram(body.mentorProfileDocumentId, programDocumentId, 'mentor', 'mentorProfileDocumentId');
      if (!request.sender) throw new errors.ApplicationError('The request has no mentee');
      const created = await strapi.db.transaction(async ({ trx }) => {
        const mentorship = await getService(strapi, 'mentorships').create(
          {
            programDocumentId,
            mentorProfileDocumentId: mentor.documentId,
            menteeProfileDocumentId: request.sender?.documentId ?? '',
            source: 'staff',
            sourceRef: requestDocumentId,
            createdBy: byOf(actor),
          },
          { trx },
        );
        await strapi.documents(REQUEST_UID as never).update({
          documentId: requestDocumentId,
          data: {
            requestStatus: 'closed',
            history: [...(request.history ?? []), { at: getService(strapi, 'clock').now().toISOString(), event: 'assigned-by-staff', profile: mentor.documentId, ...(body.note ? { note: body.note } : {}) }],
            mentorship: mentorship.documentId,
            escalationHandledAt: getService(strapi, 'clock').now().toISOString(),
            escalationHandledBy: actor?.name ?? 'staff',
            escalationNote: body.note ?? null,
          },
        } as never);
        return mentorship;
      });
      await getService(strapi, 'audit').record({
        actor,
        action: 'escalation.assigned',
        subjectType: 'request',
        subjectDocumentId: requestDocumentId,
        programDocumentId,
        details: { mentorProfileDocumentId: mentor.documentId, mentorshipDocumentId: created.documentId, ...(body.note ? { note: body.note } : {}) },
      });
      const mentee = request.sender;
      if (mentee.user?.email) {
        await getService(strapi, 'notifications').send({
          key: 'escalation.assigned',
          to: { email: mentee.user.email, name: mentee.displayName },
          programDocumentId,
          variables: {
            mentee: { name: mentee.displayName },
            mentor: { name: mentor.displayName },
          },
          dedupeKey: `escalation.assigned:${requestDocumentId}`,
        });
      }
      return toMentorshipView(await findMentorship(created.documentId));
    },

    /** Staff close an escalated request without a mentorship; the mentee is told why. */
    async closeEscalation(requestDocumentId: string, body: CloseEscalationBody, actor: StaffActor | null): Promise<void> {
      const request = await findRequest(requestDocumentId);
      if (request.requestStatus !== 'escalated') throw new ConflictError(`Only an escalated request can be closed; this one is ${request.requestStatus}`, 'not-open');
      const programDocumentId = request.program?.documentId ?? '';
      await programOf(programDocumentId);
      await strapi.documents(REQUEST_UID as never).update({
        documentId: requestDocumentId,
        data: {
          requestStatus: 'closed',
          history: [...(request.history ?? []), { at: getService(strapi, 'clock').now().toISOString(), event: 'closed-by-staff', note: body.reason }],
          reason: body.reason,
          escalationHandledAt: getService(strapi, 'clock').now().toISOString(),
          escalationHandledBy: actor?.name ?? 'staff',
        },
      } as never);
      await getService(strapi, 'audit').record({
        actor,
        action: 'escalation.closed',
        subjectType: 'request',
        subjectDocumentId: requestDocumentId,
        programDocumentId,
        details: { reason: body.reason },
      });
      const mentee = request.sender;
      if (mentee?.user?.email) {
        await getService(strapi, 'notifications').send({
          key: 'escalation.closed',
          to: { email: mentee.user.email, name: mentee.displayName },
          programDocumentId,
          variables: {
            mentee: { name: mentee.displayName },
            request: { reason: body.reason },
          },
          dedupeKey: `escalation.closed:${requestDocumentId}`,
        });
      }
    },

    async mentorships(programDocumentId: string, status?: string): Promise<StaffMentorshipView[]> {
      await programOf(programDocumentId);
      if (!strapi.contentTypes[MENTORSHIP_UID as keyof typeof strapi.contentTypes]) return [];
      const rows = (await strapi.documents(MENTORSHIP_UID as never).findMany({
        filters: { program: { documentId: programDocumentId }, ...(status ? { mentorshipStatus: status } : {}) },
        populate: ['mentor', 'mentee'],
        sort: ['createdAt:desc', 'id:desc'],
        limit: 1000,
      } as never)) as unknown as MentorshipRecord[];
      return rows.map(toMentorshipView);
    },

    async createMentorship(body: CreateMentorshipBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      await programOf(body.programDocumentId);
      await profileInProgram(body.mentorProfileDocumentId, body.programDocumentId, 'mentor', 'mentorProfileDocumentId');
      await profileInProgram(body.menteeProfileDocumentId, body.programDocumentId, 'mentee', 'menteeProfileDocumentId');
      const created = await getService(strapi, 'mentorships').create({
        programDocumentId: body.programDocumentId,
        mentorProfileDocumentId: body.mentorProfileDocumentId,
        menteeProfileDocumentId: body.menteeProfileDocumentId,
        source: 'staff',
        createdBy: byOf(actor),
      });
      await getService(strapi, 'audit').record({
        actor,
        action: 'mentorship.created',
        subjectType: 'mentorship',
        subjectDocumentId: created.documentId,
        programDocumentId: body.programDocumentId,
        details: { mentorProfileDocumentId: body.mentorProfileDocumentId, menteeProfileDocumentId: body.menteeProfileDocumentId, ...(body.note ? { note: body.note } : {}) },
      });
      return toMentorshipView(await findMentorship(created.documentId));
    },

    /** Ends the mentorship and starts one with another mentor for the same mentee, both or neither. */
    async reassignMentorship(documentId: string, body: ReassignMentorshipBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      const current = await findMentorship(documentId);
      if (!OCCUPYING.includes(current.mentorshipStatus)) throw new ConflictError(`Only a current mentorship can be reassigned; this one is ${current.mentorshipStatus}`, 'not-open');
      const programDocumentId = current.program?.documentId ?? '';
      const mentor = await profileInProgram(body.mentorProfileDocumentId, programDocumentId, 'mentor', 'mentorProfileDocumentId');
      if (mentor.documentId === current.mentor?.documentId) {
          throw validationError([{ path: ['mentorProfileDocumentId'], message: 'is already the mentor of this mentorship' }]);
      }
      const api = getService(strapi, 'mentorships');
      const created = await strapi.db.transaction(async ({ trx }) => {
        await api.end(documentId, { reason: body.reason, by: byOf(actor) });
        return api.create(
          {
            programDocumentId,
            mentorProfileDocumentId: mentor.documentId,
            menteeProfileDocumentId: current.mentee?.documentId ?? '',
            source: 'staff',
            sourceRef: documentId,
            createdBy: byOf(actor),
          },
          { trx },
        );
      });
      await getService(strapi, 'audit').record({
        actor,
        action: 'mentorship.reassigned',
        subjectType: 'mentorship',
        subjectDocumentId: documentId,
        programDocumentId,
        details: { from: current.mentor?.documentId ?? null, to: mentor.documentId, newMentorshipDocumentId: created.documentId, reason: body.reason },
      });
      return toMentorshipView(await findMentorship(created.documentId));
    },

    async endMentorship(documentId: string, body: EndMentorshipBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      const current = await findMentorship(documentId);
      if (!OCCUPYING.includes(current.mentorshipStatus)) throw new ConflictError(`Only a current mentorship can be ended; this one is ${current.mentorshipStatus}`, 'not-open');
      await getService(strapi, 'mentorships').end(documentId, { reason: body.reason, by: byOf(actor) });
      await getService(strapi, 'audit').record({
        actor,
        action: 'mentorship.ended',
        subjectType: 'mentorship',
        subjectDocumentId: documentId,
        programDocumentId: current.program?.documentId ?? null,
        details: { reason: body.reason },
      });
      return toMentorshipView(await findMentorship(documentId));
    },
  };
};

export type OperationsService = ReturnType<typeof operations>;
export default operations;
