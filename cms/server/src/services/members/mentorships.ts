import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LIVE_MENTORSHIP_STATUSES, type Availability, type MentorshipStatus, type Role } from '../../../../shared/vocabulary';
import type { ProgramRecord } from '../content/programs';
import type { ProfileRecord } from './directory';
import type { NotificationInput } from '../platform/notifications';
import { addMonths, daysBetween, isoDay } from '../../utils/dates';
import { ConflictError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { lockProfiles } from '../../utils/locks';
import { programRules } from '../../utils/program-rules';
import { withTransaction, type Knex } from '../../utils/transaction';
import { UID } from '../../utils/uids';

export type { MentorshipStatus } from '../../../../shared/vocabulary';
export type MentorshipSource = 'request' | 'matching-run' | 'staff';
/** Renewal opens (and the reminder goes out) this many days before the end date. */
export const RENEWAL_WINDOW_DAYS = 30;
/** Mentorships under way or waiting for the agreement: the mentee has one, the pair exists. */
export const LIVE_STATUSES: MentorshipStatus[] = [...LIVE_MENTORSHIP_STATUSES];
/**
 * Mentorships that hold one of the mentor's places. One waiting for the partnership agreement holds
 * none yet: its place (and its term) start when both have accepted it (see `agree`).
 */
export const PLACE_STATUSES: MentorshipStatus[] = ['active'];

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
  /** null while the mentorship waits for the partnership agreement (its term starts with it) */
  startDate: string | null;
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
  /**
   * YYYY-MM-DD; when omitted, today by the plugin clock, or, where the program asks for the
   * partnership agreement, the day both have accepted it (no dates until then)
   */
  startDate?: string | null;
}

const USER_FIELDS = ['id', 'documentId', 'email', 'username'];
export const MENTORSHIP_POPULATE = {
  program: true,
  mentor: { populate: { user: { select: USER_FIELDS } } },
  mentee: { populate: { user: { select: USER_FIELDS } } },
};

/** A guarded move of a mentorship: it happens only from the given statuses (and conditions), once. */
export interface MentorshipTransition {
  from: readonly MentorshipStatus[];
  to?: MentorshipStatus;
  /** further conditions on the row (e.g. both agreements given, the end date unchanged) */
  where?: Record<string, unknown>;
  data?: Record<string, unknown>;
  /** when set, a lost race or a wrong status is this 409 rather than `false` */
  conflict?: string;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** Rows per statement when reading or writing many (well within every database's parameter limit). */
const CHUNK = 500;
const chunked = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) => items.slice(index * CHUNK, (index + 1) * CHUNK));

/** A mentor's availability after a change of load: full at capacity, available again below it; away stays away. */
const availabilityAt = (current: Availability, live: number, capacity: number): Availability =>
  live >= capacity ? (current === 'away' ? 'away' : 'full') : current === 'full' ? 'available' : current;

/** A cohort's pairs run to its term's end: none can start once the term is over. */
const assertWithinTerm = (program: ProgramRecord, startDate: string) => {
  const term = programRules(program).term;
  if (term && startDate > term.end) throw new ConflictError(`The term of ${program.name} ended on ${term.end}; no new pair can start in it`, 'term-ended');
};

const sides = (mentorship: MentorshipRecord) =>
  [
    [mentorship.mentor, mentorship.mentee],
    [mentorship.mentee, mentorship.mentor],
  ] as const;

/**
 * The mentorship aggregate: every change of a mentorship's status (create, agree, renew, end,
 * complete, reassign) goes through this service, with the mentor's load kept in step and the
 * pair's e-mails written to the outbox in the same transaction.
 */
const mentorships = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  const profileByDocumentId = async (documentId: string) =>
    (await strapi.db.query(UID.profile).findOne({ where: { documentId }, populate: ['program', 'user'] })) as MentorshipProfile | null;

  const service = {
    async findOne(documentId: string): Promise<MentorshipRecord | null> {
      return (await strapi.db.query(UID.mentorship).findOne({ where: { documentId }, populate: MENTORSHIP_POPULATE })) as MentorshipRecord | null;
    },

    async findMany(where: Record<string, unknown>, options: { limit?: number; orderBy?: Record<string, 'asc' | 'desc'>[] } = {}): Promise<MentorshipRecord[]> {
      return (await strapi.db.query(UID.mentorship).findMany({
        where,
        populate: MENTORSHIP_POPULATE,
        orderBy: options.orderBy ?? [{ id: 'desc' }],
        limit: options.limit ?? 1000,
      })) as MentorshipRecord[];
    },

    /** Mentorships holding places of this mentor profile (by row id). */
    async liveCountOfMentor(mentorProfileId: number): Promise<number> {
      return strapi.db.query(UID.mentorship).count({ where: { mentor: { id: mentorProfileId }, mentorshipStatus: { $in: PLACE_STATUSES } } });
    },

    /**
     * Keeps the mentor's listing in step with their load: the number of live mentorships, and
     * availability "full" at capacity ("available" again when a place frees up, unless away).
     */
    async refreshMentorLoad(mentorProfileId: number): Promise<void> {
      const profile = (await strapi.db.query(UID.profile).findOne({ where: { id: mentorProfileId }, populate: ['program'] })) as MentorshipProfile | null;
      if (!profile?.program) return;
      const capacity = programRules(profile.program as ProgramRecord).capacityOf(profile);
      const live = await this.liveCountOfMentor(mentorProfileId);
      const availability = availabilityAt(profile.availability, live, capacity);
      if (availability !== profile.availability) {
        await strapi.db.query(UID.profile).update({ where: { id: profile.id }, data: { availability } });
        await getService(strapi, 'directory').syncListing(profile.documentId, now());
      }
      const listing = (await strapi.db.query(UID.listing).findOne({ where: { profile: { id: mentorProfileId } }, select: ['id'] })) as { id: number } | null;
      if (listing) await strapi.db.query(UID.listing).update({ where: { id: listing.id }, data: { activeMentorships: live } });
    },

    /**
     * `refreshMentorLoad` for many mentors of one program at once (a run's approval), in a few
     * statements: each mentor's availability, and their listing's availability and load columns.
     */
    async refreshMentorLoads(program: ProgramRecord, mentorProfileIds: number[]): Promise<void> {
      const capacityOf = programRules(program).capacityOf;
      for (const chunk of chunked([...new Set(mentorProfileIds)])) {
        const profiles = (await strapi.db.query(UID.profile).findMany({ where: { id: { $in: chunk } }, select: ['id', 'capacity', 'availability'] })) as MentorshipProfile[];
        const live = new Map<number, number>();
        const rows = (await strapi.db.query(UID.mentorship).findMany({
          where: { mentor: { id: { $in: chunk } }, mentorshipStatus: { $in: PLACE_STATUSES } },
          select: ['id'],
          populate: { mentor: { select: ['id'] } },
        })) as { mentor?: { id: number } | null }[];
        for (const row of rows) if (row.mentor) live.set(row.mentor.id, (live.get(row.mentor.id) ?? 0) + 1);
        const availability = new Map(profiles.map((profile) => [profile.id, availabilityAt(profile.availability, live.get(profile.id) ?? 0, capacityOf(profile))]));
        const byValue = <K, V>(entries: [K, V][]) => {
          const groups = new Map<V, K[]>();
          for (const [key, value] of entries) groups.set(value, [...(groups.get(value) ?? []), key]);
          return groups;
        };
        const changed = profiles.filter((profile) => availability.get(profile.id) !== profile.availability).map((profile): [number, string] => [profile.id, availability.get(profile.id)!]);
        for (const [value, ids] of byValue(changed)) await strapi.db.query(UID.profile).updateMany({ where: { id: { $in: ids } }, data: { availability: value } });
        // The listing mirrors the profile's availability and counts its load (see the directory's syncListing).
        const listings = (await strapi.db.query(UID.listing).findMany({ where: { profile: { id: { $in: chunk } } }, select: ['id'], populate: { profile: { select: ['id'] } } })) as {
          id: number;
          profile?: { id: number } | null;
        }[];
        const listingState = listings
          .filter((listing) => listing.profile && availability.has(listing.profile.id))
          .map((listing): [number, string] => [listing.id, `${availability.get(listing.profile!.id)}|${live.get(listing.profile!.id) ?? 0}`]);
        for (const [state, ids] of byValue(listingState)) {
          const [value, count] = state.split('|') as [string, string];
          await strapi.db.query(UID.listing).updateMany({ where: { id: { $in: ids } }, data: { availability: value, activeMentorships: Number(count) } });
        }
      }
    },

    /**
     * Pairs a mentor and a mentee. Both profile rows are locked (in the plugin's lock order) for
     * the transaction, so two concurrent creates for the last place serialise and the second sees
     * the mentor full. Throws ConflictError (409) when the mentor has no place left, the pair
     * exists, or the mentee already has a live mentorship in the program. Sends no e-mail: callers
     * say why it was made (`announce`). `options.trx` is accepted for older callers; a create inside
     * a transaction always joins it.
     */
    async create(input: CreateMentorshipInput, _options: { trx?: Knex } = {}): Promise<MentorshipRecord> {
      const documentId = await withTransaction(strapi, async () => {
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

        await lockProfiles(strapi, [mentor.id, mentee.id]);
        const rules = programRules(program);
        const fresh = (await strapi.db.query(UID.profile).findOne({ where: { id: mentor.id } })) as MentorshipProfile;
        const capacity = rules.capacityOf(fresh);

        const pair = await strapi.db.query(UID.mentorship).count({
          where: { mentor: { id: mentor.id }, mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } },
        });
        if (pair > 0) throw new ConflictError(`${mentor.displayName} and ${mentee.displayName} are already paired`, 'pair-exists');
        const menteeLive = await strapi.db.query(UID.mentorship).count({ where: { mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } } });
        if (menteeLive > 0) throw new ConflictError(`${mentee.displayName} already has a mentorship in this program`, 'pair-exists');
        const live = await this.liveCountOfMentor(mentor.id);
        if (live >= capacity) throw new ConflictError(`${mentor.displayName} has no place left (capacity ${capacity})`, 'mentor-full');

        // With an agreement to accept, the term starts on the day both have accepted it (see `agree`).
        const startDate = input.startDate ?? (rules.agreementRequired ? null : rules.startDate(isoDay(now())));
        assertWithinTerm(program, startDate ?? isoDay(now()));
        const record = (await strapi.db.query(UID.mentorship).create({
          data: {
            program: program.id,
            mentor: mentor.id,
            mentee: mentee.id,
            mentorshipStatus: rules.agreementRequired ? 'pending-agreement' : 'active',
            startDate,
            endDate: startDate ? rules.endDate(startDate) : null,
            plan: { objectives: [], timeline: [] },
            renewals: [],
            source: input.source,
            sourceRef: input.sourceRef ?? null,
            initiatedBy: input.createdBy ?? null,
            publishedAt: now(),
          },
        })) as { documentId: string };
        await this.refreshMentorLoad(mentor.id);
        return record.documentId;
      });
      return (await this.findOne(documentId)) as MentorshipRecord;
    },

    /**
     * Pairs many mentors and mentees of one program at once (a matching run's approval): the same
     * checks as `create`, made once per mentor and once for all mentees under one lock statement,
     * then the rows written in bulk. All or none: the first clash is a 409 and nothing is written.
     * Returns the new mentorships with both profiles and their members' e-mails.
     */
    async createMany(
      pairs: { mentorProfileDocumentId: string; menteeProfileDocumentId: string }[],
      common: { programDocumentId: string; source: MentorshipSource; sourceRef?: string | null; createdBy?: string | null; startDate?: string | null },
    ): Promise<MentorshipRecord[]> {
      if (pairs.length === 0) return [];
      return withTransaction(strapi, async ({ trx }) => {
        const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: common.programDocumentId } })) as ProgramRecord | null;
        if (!program) throw new errors.NotFoundError(`No program ${common.programDocumentId}`);
        const rules = programRules(program);
        const documentIds = [...new Set(pairs.flatMap((pair) => [pair.mentorProfileDocumentId, pair.menteeProfileDocumentId]))];
        const profiles = new Map<string, MentorshipProfile>();
        for (const chunk of chunked(documentIds)) {
          const rows = (await strapi.db.query(UID.profile).findMany({
            where: { documentId: { $in: chunk } },
            select: ['id', 'documentId', 'role', 'displayName', 'profileStatus', 'availability', 'capacity'],
            populate: { program: { select: ['id', 'documentId'] }, user: { select: USER_FIELDS } },
          })) as MentorshipProfile[];
          for (const row of rows) profiles.set(row.documentId, row);
        }
        const seenMentees = new Set<string>();
        const resolved = pairs.map((pair, index) => {
          const mentor = profiles.get(pair.mentorProfileDocumentId);
          const mentee = profiles.get(pair.menteeProfileDocumentId);
          if (!mentor || mentor.role !== 'mentor') throw new errors.ValidationError(`pairs.${index}.mentorProfileDocumentId: not a mentor profile`);
          if (!mentee || mentee.role !== 'mentee') throw new errors.ValidationError(`pairs.${index}.menteeProfileDocumentId: not a mentee profile`);
          if (mentor.program?.id !== program.id || mentee.program?.id !== program.id) throw new errors.ValidationError(`pairs.${index}: both profiles must belong to the program`);
          if (mentor.user && mentee.user && mentor.user.id === mentee.user.id) throw new errors.ValidationError(`pairs.${index}: a member cannot mentor themselves`);
          if (seenMentees.has(mentee.documentId)) throw new ConflictError(`${mentee.displayName} is proposed twice`, 'pair-exists');
          seenMentees.add(mentee.documentId);
          return { mentor, mentee };
        });

        // The lock order of every path: profiles by id ascending, here all of them at once.
        const ids = [...profiles.values()].map((profile) => profile.id).sort((a, b) => a - b);
        for (const chunk of chunked(ids)) await lockProfiles(strapi, chunk);

        const menteeIds = resolved.map(({ mentee }) => mentee.id);
        for (const chunk of chunked(menteeIds)) {
          const taken = (await strapi.db.query(UID.mentorship).findOne({
            where: { mentee: { id: { $in: chunk } }, mentorshipStatus: { $in: LIVE_STATUSES } },
            populate: { mentee: { select: ['displayName'] } },
          })) as { mentee?: { displayName: string } | null } | null;
          if (taken) throw new ConflictError(`${taken.mentee?.displayName ?? 'A mentee'} already has a mentorship in this program`, 'pair-exists');
        }
        const mentors = new Map(resolved.map(({ mentor }) => [mentor.id, mentor]));
        const load = new Map<number, number>();
        for (const chunk of chunked([...mentors.keys()])) {
          const rows = (await strapi.db.query(UID.mentorship).findMany({
            where: { mentor: { id: { $in: chunk } }, mentorshipStatus: { $in: LIVE_STATUSES } },
            select: ['id'],
            populate: { mentor: { select: ['id'] } },
          })) as { mentor?: { id: number } | null }[];
          for (const row of rows) if (row.mentor) load.set(row.mentor.id, (load.get(row.mentor.id) ?? 0) + 1);
        }
        for (const { mentor } of resolved) load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
        for (const [mentorId, mentor] of mentors) {
          const capacity = rules.capacityOf(mentor);
          if ((load.get(mentorId) ?? 0) > capacity) throw new ConflictError(`${mentor.displayName} has no place left (capacity ${capacity})`, 'mentor-full');
        }

        const at = now();
        const startDate = common.startDate ?? (rules.agreementRequired ? null : rules.startDate(isoDay(at)));
        assertWithinTerm(program, startDate ?? isoDay(at));
        const status: MentorshipStatus = rules.agreementRequired ? 'pending-agreement' : 'active';
        const base = {
          mentorshipStatus: status,
          startDate,
          endDate: startDate ? rules.endDate(startDate) : null,
          plan: { objectives: [], timeline: [] },
          renewals: [],
          source: common.source,
          sourceRef: common.sourceRef ?? null,
          initiatedBy: common.createdBy ?? null,
          publishedAt: at,
        };
        const rowIds: number[] = [];
        for (const chunk of chunked(resolved)) {
          const { ids: inserted } = await strapi.db.query(UID.mentorship).createMany({ data: chunk.map(() => base) });
          rowIds.push(...inserted.map(Number));
        }
        // createMany writes columns only: the relations go to their link tables here.
        const metadata = strapi.db.metadata.get(UID.mentorship);
        for (const [attribute, targetOf] of [
          ['program', () => program.id],
          ['mentor', (index: number) => resolved[index]!.mentor.id],
          ['mentee', (index: number) => resolved[index]!.mentee.id],
        ] as const) {
          const joinTable = (metadata.attributes[attribute] as { joinTable?: JoinTable }).joinTable;
          if (!joinTable) throw new Error(`The mentorship's ${attribute} relation has no link table`);
          const links = rowIds.map((id, index) => ({ [joinTable.joinColumn.name]: id, [joinTable.inverseJoinColumn.name]: targetOf(index) }));
          for (const chunk of chunked(links)) await strapi.db.getConnection(joinTable.name).insert(chunk).transacting(trx);
        }
        // The mentee links were written past the query engine's lifecycles: the mentee directory shows these mentees as paired.
        await getService(strapi, 'directory-index').reindex(resolved.map(({ mentee }) => mentee.id), 'mentees');
        await this.refreshMentorLoads(program, [...mentors.keys()]);

        const documentIdOf = new Map<number, string>();
        for (const chunk of chunked(rowIds)) {
          const rows = (await strapi.db.query(UID.mentorship).findMany({ where: { id: { $in: chunk } }, select: ['id', 'documentId'] })) as { id: number; documentId: string }[];
          for (const row of rows) documentIdOf.set(row.id, row.documentId);
        }
        return rowIds.map((id, index) => ({
          ...base,
          id,
          documentId: documentIdOf.get(id) ?? '',
          program,
          mentor: resolved[index]!.mentor,
          mentee: resolved[index]!.mentee,
        }));
      });
    },

    /**
     * The one place a mentorship's status or dates change: a conditional update from the given
     * statuses, so of two concurrent moves exactly one happens. Entering or leaving a status that
     * holds a place keeps the mentor's load in step.
     */
    async transition(mentorship: MentorshipRecord, move: MentorshipTransition): Promise<boolean> {
      return withTransaction(strapi, async () => {
        const { count } = await strapi.db.query(UID.mentorship).updateMany({
          where: { id: mentorship.id, mentorshipStatus: { $in: [...move.from] }, ...move.where },
          data: { ...(move.to ? { mentorshipStatus: move.to } : {}), ...move.data },
        });
        if (count !== 1) {
          if (move.conflict) throw new ConflictError(move.conflict, 'not-open');
          return false;
        }
        if (move.to && move.to !== mentorship.mentorshipStatus && mentorship.mentor) await this.refreshMentorLoad(mentorship.mentor.id);
        return true;
      });
    },

    /** Writes one template to both members to the outbox, each with the other as partner. */
    async tellBoth(mentorship: MentorshipRecord, key: string, dedupe: string, extra: Record<string, unknown> = {}): Promise<number> {
      const messages: NotificationInput[] = [];
      for (const [recipient, other] of sides(mentorship)) {
        if (!recipient?.user?.email) continue;
        messages.push({
          key,
          to: { email: recipient.user.email, name: recipient.displayName },
          programDocumentId: mentorship.program?.documentId,
          variables: {
            mentor: { name: mentorship.mentor?.displayName ?? '' },
            mentee: { name: mentorship.mentee?.displayName ?? '' },
            partner: { name: other?.displayName ?? '', email: other?.user?.email ?? '' },
            mentorship: { start: mentorship.startDate ?? '', end: mentorship.endDate ?? '' },
            ...extra,
          },
          dedupeKey: `mentorship:${mentorship.documentId}:${dedupe}:${recipient.documentId}`,
        });
      }
      return (await getService(strapi, 'notifications').queueMany(messages)).queued;
    },

    /** Tells a new pair what comes next: the agreement step, or an introduction with each other's e-mail. */
    async announce(mentorship: MentorshipRecord): Promise<number> {
      if (mentorship.mentorshipStatus === 'pending-agreement') return this.tellBoth(mentorship, 'mentorship.agreement-due', 'agreement-due');
      if (mentorship.mentorshipStatus === 'active') return this.tellBoth(mentorship, 'match.introduction', 'introduction');
      return 0;
    },

    /**
     * One member accepts the partnership agreement. With both, the mentorship becomes active: it
     * takes one of the mentor's places now (409 mentor-full when none is left, and this acceptance
     * is not recorded), its term runs from this day (the later of the two acceptances) unless it
     * was given fixed dates, and the pair is introduced. Both profiles are locked first (the
     * plugin's lock order), so two pairs agreeing at once for a mentor's last place serialise.
     */
    async agree(mentorship: MentorshipRecord, role: Role): Promise<MentorshipRecord> {
      if (mentorship.mentorshipStatus !== 'pending-agreement') throw new ConflictError('This mentorship is not waiting for the agreement', 'not-open');
      const field = role === 'mentor' ? 'mentorAgreedAt' : 'menteeAgreedAt';
      await withTransaction(strapi, async () => {
        if (mentorship.mentor && mentorship.mentee) await lockProfiles(strapi, [mentorship.mentor.id, mentorship.mentee.id]);
        const at = now();
        await strapi.db.query(UID.mentorship).updateMany({ where: { id: mentorship.id, mentorshipStatus: 'pending-agreement', [field]: { $null: true } }, data: { [field]: at } });
        const fresh = (await this.findOne(mentorship.documentId)) as MentorshipRecord;
        if (fresh.mentorshipStatus !== 'pending-agreement' || !fresh.mentorAgreedAt || !fresh.menteeAgreedAt) return;
        const program = fresh.program!;
        const rules = programRules(program);
        const mentor = fresh.mentor!;
        const capacity = rules.capacityOf((await strapi.db.query(UID.profile).findOne({ where: { id: mentor.id } })) as MentorshipProfile);
        if ((await this.liveCountOfMentor(mentor.id)) >= capacity) {
          throw new ConflictError(`${mentor.displayName} has no place left (capacity ${capacity}); the mentorship cannot start until a place frees up`, 'mentor-full');
        }
        const startDate = fresh.startDate ?? rules.startDate(isoDay(at));
        const activated = await this.transition(fresh, {
          from: ['pending-agreement'],
          to: 'active',
          where: { mentorAgreedAt: { $notNull: true }, menteeAgreedAt: { $notNull: true } },
          data: fresh.startDate ? {} : { startDate, endDate: rules.endDate(startDate) },
        });
        if (activated) await this.announce((await this.findOne(mentorship.documentId)) as MentorshipRecord);
      });
      return (await this.findOne(mentorship.documentId)) as MentorshipRecord;
    },

    /**
     * One member asks to continue. With both agreed the end date moves on by the program's length;
     * the move is conditional on the old end date, so it happens once even when both click at once.
     */
    async renew(mentorship: MentorshipRecord, role: Role): Promise<MentorshipRecord> {
      const program = mentorship.program!;
      const rules = programRules(program);
      if (!rules.renewalAllowed) throw new ConflictError(`${program.name} does not renew mentorships`, 'not-open');
      if (mentorship.mentorshipStatus !== 'active' || !mentorship.endDate) {
        throw new ConflictError('Only an active mentorship with an end date is renewed', 'not-open');
      }
      if (daysBetween(isoDay(now()), mentorship.endDate) > RENEWAL_WINDOW_DAYS) {
        throw new ConflictError(`Renewal opens ${RENEWAL_WINDOW_DAYS} days before the end date (${mentorship.endDate})`, 'not-open');
      }
      const field = role === 'mentor' ? 'renewalMentorAgreedAt' : 'renewalMenteeAgreedAt';
      const at = now();
      const newEnd = addMonths(mentorship.endDate, rules.renewalMonths);
      await withTransaction(strapi, async () => {
        await strapi.db.query(UID.mentorship).updateMany({ where: { id: mentorship.id, [field]: { $null: true } }, data: { [field]: at } });
        const renewals = [...(Array.isArray(mentorship.renewals) ? mentorship.renewals : []), { at: at.toISOString(), previousEnd: mentorship.endDate, newEnd }];
        const renewed = await this.transition(mentorship, {
          from: ['active'],
          where: { endDate: mentorship.endDate, renewalMentorAgreedAt: { $notNull: true }, renewalMenteeAgreedAt: { $notNull: true } },
          data: { endDate: newEnd, renewals, renewalMentorAgreedAt: null, renewalMenteeAgreedAt: null },
        });
        if (renewed) await this.tellBoth((await this.findOne(mentorship.documentId)) as MentorshipRecord, 'mentorship.renewed', `renewed-${newEnd}`);
      });
      return (await this.findOne(mentorship.documentId)) as MentorshipRecord;
    },

    /** A mentorship past its end date completes (scheduled); the mentor's place frees up. */
    async complete(mentorship: MentorshipRecord): Promise<boolean> {
      return this.transition(mentorship, { from: ['active'], to: 'completed', where: { endDate: mentorship.endDate } });
    },

    /** Ends a live mentorship early (or on staff's word), freeing the mentor's place; both are told. */
    async end(documentId: string, { reason, by }: { reason: string; by?: string | null }): Promise<MentorshipRecord> {
      const mentorship = await this.findOne(documentId);
      if (!mentorship) throw new errors.NotFoundError('No such mentorship');
      await withTransaction(strapi, async () => {
        const at = now();
        await this.transition(mentorship, {
          from: LIVE_STATUSES,
          to: 'ended',
          data: { endedAt: at, endedReason: reason, endedBy: by ?? null, endDate: isoDay(at) },
          conflict: 'This mentorship has already ended',
        });
        await this.tellBoth((await this.findOne(documentId)) as MentorshipRecord, 'mentorship.ended', 'ended', { mentorship: { reason } });
      });
      return (await this.findOne(documentId)) as MentorshipRecord;
    },

    /** Ends the mentorship and starts one with another mentor for the same mentee: both or neither. */
    async reassign(
      documentId: string,
      input: { mentorProfileDocumentId: string; reason: string; by?: string | null },
    ): Promise<MentorshipRecord> {
      const current = await this.findOne(documentId);
      if (!current) throw new errors.NotFoundError('No such mentorship');
      return withTransaction(strapi, async () => {
        await this.end(documentId, { reason: input.reason, by: input.by });
        return this.create({
          programDocumentId: current.program?.documentId ?? '',
          mentorProfileDocumentId: input.mentorProfileDocumentId,
          menteeProfileDocumentId: current.mentee?.documentId ?? '',
          source: 'staff',
          sourceRef: documentId,
          createdBy: input.by ?? null,
        });
      });
    },
  };
  return service;
};

export type MentorshipsService = ReturnType<typeof mentorships>;
export default mentorships;
