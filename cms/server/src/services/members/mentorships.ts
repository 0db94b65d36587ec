import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ProgramRecord } from '../content/programs';
import type { ProfileRecord } from './directory';
import { addMonths, isoDay } from '../../utils/dates';
import { ConflictError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';

export type MentorshipStatus = 'pending-agreement' | 'active' | 'ended' | 'completed';
export type MentorshipSource = 'request' | 'matching-run' | 'staff';
/** Mentorships that hold a mentor's place. */
export const LIVE_STATUSES: MentorshipStatus[] = ['pending-agreement', 'active'];

export interface MemberRecord {
  id: number;
  documentId: string;
  email: string;
  username?: string;
}

export interface MentorshipProfile extends ProfileRecord {
  user?: (ProfileRecord['user'] & Partial<MemberRecord>) | null;
}

export interface MentorshipRecord {
  id: number;
  documentId: string;
  mentorshipStatus: MentorshipStatus;
  startDate: string;
  endDate?: string | null;
  mentorAgreedAt?: string | null;
  menteeAgreedAt?: string | null;
  plan?: unknown;
  renewals?: unknown;
  renewalMentorAgreedAt?: string | null;
  renewalMenteeAgreedAt?: string | null;
  endedAt?: string | null;
  endedReason?: string | null;
  endedBy?: string | null;
  source: MentorshipSource;
  sourceRef?: string | null;
  initiatedBy?: string | null;
  createdAt?: string;
  program?: ProgramRecord | null;
  mentor?: MentorshipProfile | null;
  mentee?: MentorshipProfile | null;
}

export interface CreateMentorshipInput {
  programDocumentId: string;
  mentorProfileDocumentId: string;
  menteeProfileDocumentId: string;
  source: MentorshipSource;
  /** e.g. the request's or the matching run's documentId */
  sourceRef?: string | null;
  /** who made it, e.g. "member:<documentId>" or "admin:<id>" (stored as initiatedBy) */
  createdBy?: string | null;
  /** YYYY-MM-DD; today by the plugin clock when omitted */
  startDate?: string | null;
}

export const MENTORSHIP_POPULATE = {
  program: true,
  mentor: { populate: { user: { fields: ['id', 'documentId', 'email', 'username'] } } },
  mentee: { populate: { user: { fields: ['id', 'documentId', 'email', 'username'] } } },
} as const;

type Knex = Parameters<Parameters<Core.Strapi['db']['transaction']>[0]>[0]['trx'];

const mentorships = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  const profileByDocumentId = async (documentId: string) =>
    (await strapi.db.query(UID.profile).findOne({ where: { documentId }, populate: ['program', 'user'] })) as MentorshipProfile | null;

  return {
    async findOne(documentId: string): Promise<MentorshipRecord | null> {
      return (await strapi.documents(UID.mentorship).findOne({ documentId, populate: MENTORSHIP_POPULATE as never })) as unknown as MentorshipRecord | null;
    },

    /** Mentorships holding places of this mentor profile (by row id). */
    async liveCountOfMentor(mentorProfileId: number): Promise<number> {
      return strapi.db.query(UID.mentorship).count({ where: { mentor: { id: mentorProfileId }, mentorshipStatus: { $in: LIVE_STATUSES } } });
    },

    /**
     * Keeps the mentor's listing in step with their load: the number of live mentorships, and
     * availability "full" at capacity ("available" again when a place frees up, unless away).
     */
    async refreshMentorLoad(mentorProfileId: number): Promise<void> {
      const profile = (await strapi.db.query(UID.profile).findOne({ where: { id: mentorProfileId }, populate: ['program'] })) as MentorshipProfile | null;
      if (!profile) return;
      const program = profile.program as ProgramRecord | null | undefined;
      const capacity = profile.capacity ?? program?.defaultMentorCapacity ?? 1;
      const live = await this.liveCountOfMentor(mentorProfileId);
      const availability = live >= capacity ? (profile.availability === 'away' ? 'away' : 'full') : profile.availability === 'full' ? 'available' : profile.availability;
      if (availability !== profile.availability) {
        await strapi.documents(UID.profile).update({ documentId: profile.documentId, data: { availability } } as never);
      }
      const listing = await strapi.db.query(UID.listing).findOne({ where: { profile: { id: mentorProfileId } } });
      if (listing) await strapi.db.query(UID.listing).update({ where: { id: listing.id }, data: { activeMentorships: live } });
    },

    /**
     * Pairs a mentor and a mentee. The mentor's profile row is locked for the transaction, so two
     * concurrent creates for the last place serialise and the second sees the mentor full.
     * Throws ConflictError (409) when the mentor has no place left, the pair exists, or the mentee
     * already has a live mentorship in the program. Sends no e-mail: callers say why it was made.
     */
    async create(input: CreateMentorshipInput, options: { trx?: Knex } = {}): Promise<MentorshipRecord> {
      const created = await strapi.db.transaction(async ({ trx: current }) => {
        const trx = options.trx ?? current;
        const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: input.programDocumentId } })) as ProgramRecord | null;
        if (!program) throw new errors.NotFoundError(`No program ${input.programDocumentId}`);
        const mentor = await profileByDocumentId(input.mentorProfileDocumentId);
        const mentee = await profileByDocumentId(input.menteeProfileDocumentId);
        if (!mentor || mentor.role !== 'mentor') throw new errors.ValidationError('mentorProfileDocumentId: not a mentor profile');
        if (!mentee || mentee.role !== 'mentee') throw new errors.ValidationError('menteeProfileDocumentId: not a mentee profile');
        if (mentor.program?.id !== program.id || mentee.program?.id !== program.id) {
          throw new errors.ValidationError('programDocumentId: both profiles must belong to the program');
        }
        if (mentor.user && mentee.user && mentor.user.id === mentee.user.id) {
          throw new errors.ValidationError('menteeProfileDocumentId: a member cannot mentor themselves');
        }

        // Lock order is always mentor, then mentee, so concurrent creates cannot deadlock.
        await strapi.db.queryBuilder(UID.profile).select(['id']).where({ id: mentor.id }).forUpdate().transacting(trx).execute();
        await strapi.db.queryBuilder(UID.profile).select(['id']).where({ id: mentee.id }).forUpdate().transacting(trx).execute();
        const fresh = (await strapi.db.query(UID.profile).findOne({ where: { id: mentor.id } })) as MentorshipProfile;
        const capacity = fresh.capacity ?? program.defaultMentorCapacity ?? 1;

        const pair = await strapi.db.query(UID.mentorship).count({
          where: { mentor: { id: mentor.id }, mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } },
        });
        if (pair > 0) throw new ConflictError(`${mentor.displayName} and ${mentee.displayName} are already paired`, 'pair-exists');
        const menteeLive = await strapi.db.query(UID.mentorship).count({ where: { mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } } });
        if (menteeLive > 0) throw new ConflictError(`${mentee.displayName} already has a mentorship in this program`, 'pair-exists');
        const live = await this.liveCountOfMentor(mentor.id);
        if (live >= capacity) throw new ConflictError(`${mentor.displayName} has no place left (capacity ${capacity})`, 'mentor-full');

        const startDate = input.startDate ?? isoDay(now());
        const record = (await strapi.documents(UID.mentorship).create({
          data: {
            program: program.documentId,
            mentor: mentor.documentId,
            mentee: mentee.documentId,
            mentorshipStatus: program.agreementRequired ? 'pending-agreement' : 'active',
            startDate,
            endDate: program.relationshipMonths ? addMonths(startDate, program.relationshipMonths) : null,
            plan: { objectives: [], timeline: [] },
            renewals: [],
            source: input.source,
            sourceRef: input.sourceRef ?? null,
            initiatedBy: input.createdBy ?? null,
          },
        } as never)) as unknown as { documentId: string };
        await this.refreshMentorLoad(mentor.id);
        return record.documentId;
      });
      return (await this.findOne(created)) as MentorshipRecord;
    },

    /** Ends a live mentorship early (or on staff's word), freeing the mentor's place; both are told. */
    async end(documentId: string, { reason, by }: { reason: string; by?: string | null }): Promise<MentorshipRecord> {
      const mentorship = await this.findOne(documentId);
      if (!mentorship) throw new errors.NotFoundError('No such mentorship');
      const at = now();
      const { count } = await strapi.db.query(UID.mentorship).updateMany({
        where: { id: mentorship.id, mentorshipStatus: { $in: LIVE_STATUSES } },
        data: { mentorshipStatus: 'ended', endedAt: at, endedReason: reason, endedBy: by ?? null, endDate: isoDay(at) },
      });
      if (count !== 1) throw new ConflictError('This mentorship has already ended', 'not-open');
      if (mentorship.mentor) await this.refreshMentorLoad(mentorship.mentor.id);
      const ended = (await this.findOne(documentId)) as MentorshipRecord;
      for (const [recipient, partner] of [
        [ended.mentor, ended.mentee],
        [ended.mentee, ended.mentor],
      ] as const) {
        if (!recipient?.user?.email) continue;
        await getService(strapi, 'notifications').send({
          key: 'mentorship.ended',
          to: { email: recipient.user.email, name: recipient.displayName },
          programDocumentId: ended.program?.documentId,
          variables: {
            mentor: { name: ended.mentor?.displayName ?? '' },
            mentee: { name: ended.mentee?.displayName ?? '' },
            partner: { name: partner?.displayName ?? '' },
            mentorship: { reason },
          },
          dedupeKey: `mentorship:${ended.documentId}:ended:${recipient.documentId}`,
        });
      }
      return ended;
    },
  };
};

export type MentorshipsService = ReturnType<typeof mentorships>;
export default mentorships;
