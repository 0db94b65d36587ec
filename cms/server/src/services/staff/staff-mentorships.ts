import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { CreateMentorshipBody, EndMentorshipBody, ReassignMentorshipBody, StaffActor, StaffMentorshipView } from '../../../../shared/contracts/staff';
import type { Role } from '../../../../shared/vocabulary';
import { LIVE_STATUSES, type MentorshipProfile, type MentorshipRecord } from '../members/mentorships';
import { ConflictError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { withTransaction } from '../../utils/transaction';
import { UID } from '../../utils/uids';
import { validationError } from '../../utils/validation-error';

export const toMentorshipView = (row: MentorshipRecord): StaffMentorshipView => ({
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

/** How a staff action is recorded on the mentorship (initiatedBy, endedBy). */
export const staffBy = (actor: StaffActor | null) => (actor ? `staff:${actor.id}` : 'staff');

/** A profile of the role in the program, or a 400 naming the field. */
export const profileInProgram = async (strapi: Core.Strapi, profileDocumentId: string, programDocumentId: string, role: Role, path: string): Promise<MentorshipProfile> => {
  const profile = (await strapi.db.query(UID.profile).findOne({ where: { documentId: profileDocumentId }, populate: ['program', 'user'] })) as MentorshipProfile | null;
  if (!profile || profile.role !== role || profile.program?.documentId !== programDocumentId) {
    throw validationError([{ path: [path], message: `is not a ${role} profile of this program` }]);
  }
  return profile;
};

/**
 * Mentorships handled by staff on members' behalf: the list, and creating, reassigning and ending
 * one. The mentorships service owns the rules; this adds the staff checks and the audit entry,
 * written in the same transaction as the change.
 */
const staffMentorships = ({ strapi }: { strapi: Core.Strapi }) => {
  const mentorships = () => getService(strapi, 'mentorships');

  const findCurrent = async (documentId: string, what: string): Promise<MentorshipRecord> => {
    const current = await mentorships().findOne(documentId);
    if (!current) throw new errors.NotFoundError(`No mentorship ${documentId}`);
    if (!LIVE_STATUSES.includes(current.mentorshipStatus)) throw new ConflictError(`Only a current mentorship can be ${what}; this one is ${current.mentorshipStatus}`, 'not-open');
    return current;
  };

  const programId = async (programDocumentId: string): Promise<number> => {
    const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId }, select: ['id'] })) as { id: number } | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    return program.id;
  };

  return {
    async list(programDocumentId: string, status?: string): Promise<StaffMentorshipView[]> {
      const program = await programId(programDocumentId);
      const rows = await mentorships().findMany(
        { program: program, ...(status ? { mentorshipStatus: status } : {}) },
        { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: 1000 },
      );
      return rows.map(toMentorshipView);
    },

    async create(body: CreateMentorshipBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      await programId(body.programDocumentId);
      await profileInProgram(strapi, body.mentorProfileDocumentId, body.programDocumentId, 'mentor', 'mentorProfileDocumentId');
      await profileInProgram(strapi, body.menteeProfileDocumentId, body.programDocumentId, 'mentee', 'menteeProfileDocumentId');
      const created = await withTransaction(strapi, async () => {
        const mentorship = await mentorships().create({
          programDocumentId: body.programDocumentId,
          mentorProfileDocumentId: body.mentorProfileDocumentId,
          menteeProfileDocumentId: body.menteeProfileDocumentId,
          source: 'staff',
          createdBy: staffBy(actor),
        });
        await getService(strapi, 'audit').record({
          actor,
          action: 'mentorship.created',
          subjectType: 'mentorship',
          subjectDocumentId: mentorship.documentId,
          programDocumentId: body.programDocumentId,
          details: { mentorProfileDocumentId: body.mentorProfileDocumentId, menteeProfileDocumentId: body.menteeProfileDocumentId, ...(body.note ? { note: body.note } : {}) },
        });
        return mentorship;
      });
      return toMentorshipView(created);
    },

    /** Ends the mentorship and starts one with another mentor for the same mentee, both or neither. */
    async reassign(documentId: string, body: ReassignMentorshipBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      const current = await findCurrent(documentId, 'reassigned');
      const programDocumentId = current.program?.documentId ?? '';
      const mentor = await profileInProgram(strapi, body.mentorProfileDocumentId, programDocumentId, 'mentor', 'mentorProfileDocumentId');
      if (mentor.documentId === current.mentor?.documentId) {
        throw validationError([{ path: ['mentorProfileDocumentId'], message: 'is already the mentor of this mentorship' }]);
      }
      const created = await withTransaction(strapi, async () => {
        const mentorship = await mentorships().reassign(documentId, { mentorProfileDocumentId: mentor.documentId, reason: body.reason, by: staffBy(actor) });
        await getService(strapi, 'audit').record({
          actor,
          action: 'mentorship.reassigned',
          subjectType: 'mentorship',
          subjectDocumentId: documentId,
          programDocumentId,
          details: { from: current.mentor?.documentId ?? null, to: mentor.documentId, newMentorshipDocumentId: mentorship.documentId, reason: body.reason },
        });
        return mentorship;
      });
      return toMentorshipView(created);
    },

    async end(documentId: string, body: EndMentorshipBody, actor: StaffActor | null): Promise<StaffMentorshipView> {
      const current = await findCurrent(documentId, 'ended');
      const ended = await withTransaction(strapi, async () => {
        const mentorship = await mentorships().end(documentId, { reason: body.reason, by: staffBy(actor) });
        await getService(strapi, 'audit').record({
          actor,
          action: 'mentorship.ended',
          subjectType: 'mentorship',
          subjectDocumentId: documentId,
          programDocumentId: current.program?.documentId ?? null,
          details: { reason: body.reason },
        });
        return mentorship;
      });
      return toMentorshipView(ended);
    },
  };
};

export type StaffMentorshipsService = ReturnType<typeof staffMentorships>;
export default staffMentorships;
