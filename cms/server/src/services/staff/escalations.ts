import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AssignEscalationBody, CloseEscalationBody, EscalationView, StaffActor, StaffMentorshipView } from '../../../../shared/contracts/staff';
import type { RequestRecord } from '../members/requests';
import { ConflictError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { withTransaction } from '../../utils/transaction';
import { UID } from '../../utils/uids';
import { profileInProgram, staffBy, toMentorshipView } from './staff-mentorships';

/**
 * The escalation queue: ranked requests no choice took up. Staff assign a mentor (a mentorship is
 * created) or close the request; either way the request moves through the requests service's
 * `transition`, and the mentee's e-mail and the audit entry commit with it.
 */
const escalations = ({ strapi }: { strapi: Core.Strapi }) => {
  const requests = () => getService(strapi, 'requests');

  const findEscalated = async (documentId: string, what: string): Promise<RequestRecord> => {
    const request = await requests().findOne(documentId);
    if (!request) throw new errors.NotFoundError(`No request ${documentId}`);
    if (request.requestStatus !== 'escalated') throw new ConflictError(`Only an escalated request can be ${what}; this one is ${request.requestStatus}`, 'not-open');
    return request;
  };

  /** The mentee's e-mail about staff's decision, to the outbox. */
  const tellMentee = async (request: RequestRecord, key: 'escalation.assigned' | 'escalation.closed', variables: Record<string, unknown>) => {
    const mentee = request.sender;
    if (!mentee.user?.email) return;
    await getService(strapi, 'notifications').queue({
      key,
      to: { email: mentee.user.email, name: mentee.displayName },
      programDocumentId: request.program.documentId,
      variables: { mentee: { name: mentee.displayName }, ...variables },
      dedupeKey: `${key}:${request.documentId}`,
    });
  };

  return {
    async list(programDocumentId: string): Promise<EscalationView[]> {
      const program = await strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId }, select: ['id'] });
      if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
      const rows = await requests().findMany({ program: program.id, requestStatus: 'escalated' }, { orderBy: [{ escalatedAt: 'asc' }, { id: 'asc' }] });
      const choiceIds = [...new Set(rows.flatMap((row) => row.choices ?? []))];
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
        choices: (row.choices ?? []).map((id) => ({ mentorProfileDocumentId: id, mentorName: names.get(id) ?? id })),
      }));
    },

    /** Staff pick a mentor for an escalated request: the mentorship is created and both are told. */
    async assign(requestDocumentId: string, body: AssignEscalationBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      const request = await findEscalated(requestDocumentId, 'assigned');
      const programDocumentId = request.program.documentId;
      const mentor = await profileInProgram(strapi, body.mentorProfileDocumentId, programDocumentId, 'mentor', 'mentorProfileDocumentId');
      const created = await withTransaction(strapi, async () => {
        const mentorship = await getService(strapi, 'mentorships').create({
          programDocumentId,
          mentorProfileDocumentId: mentor.documentId,
          menteeProfileDocumentId: request.sender.documentId,
          source: 'staff',
          sourceRef: requestDocumentId,
          createdBy: staffBy(actor),
        });
        await requests().transition(request, {
          from: 'escalated',
          to: 'closed',
          event: 'assigned-by-staff',
          choice: undefined,
          profile: mentor.documentId,
          note: body.note,
          links: { mentorship: mentorship.id },
          data: { escalationHandledAt: getService(strapi, 'clock').now(), escalationHandledBy: actor?.name ?? 'staff', escalationNote: body.note ?? null },
          conflict: true,
        });
        await getService(strapi, 'audit').record({
          actor,
          action: 'escalation.assigned',
          subjectType: 'request',
          subjectDocumentId: requestDocumentId,
          programDocumentId,
          details: { mentorProfileDocumentId: mentor.documentId, mentorshipDocumentId: mentorship.documentId, ...(body.note ? { note: body.note } : {}) },
        });
        // As on any allocation: the mentee hears the answer to her request, and both are introduced
        // with each other's name and e-mail address (or asked to accept the agreement first).
        await tellMentee(request, 'escalation.assigned', {
          mentor: { name: mentor.displayName },
          partner: { name: mentor.displayName, email: mentor.user?.email ?? '' },
          mentorship: { start: mentorship.startDate },
        });
        await getService(strapi, 'mentorships').announce(mentorship);
        return mentorship;
      });
      return toMentorshipView(created);
    },

    /** Staff close an escalated request without a mentorship; the mentee is told why. */
    async close(requestDocumentId: string, body: CloseEscalationBody, actor: StaffActor | null): Promise<void> {
      const request = await findEscalated(requestDocumentId, 'closed');
      await withTransaction(strapi, async () => {
        await requests().transition(request, {
          from: 'escalated',
          to: 'closed',
          event: 'closed-by-staff',
          choice: undefined,
          note: body.reason,
          data: { reason: body.reason, escalationHandledAt: getService(strapi, 'clock').now(), escalationHandledBy: actor?.name ?? 'staff' },
          conflict: true,
        });
        await getService(strapi, 'audit').record({
          actor,
          action: 'escalation.closed',
          subjectType: 'request',
          subjectDocumentId: requestDocumentId,
          programDocumentId: request.program.documentId,
          details: { reason: body.reason },
        });
        await tellMentee(request, 'escalation.closed', { request: { reason: body.reason } });
      });
    },
  };
};

export type EscalationsService = ReturnType<typeof escalations>;
export default escalations;
