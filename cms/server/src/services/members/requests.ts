import type { Core } from '@strapi/strapi';
import type { CreateRequestBody, ProfileRef, RequestEvent, RequestKind, RequestStatus, RequestView } from '../../../../shared/contracts/members';
import type { ProgramRecord } from '../content/programs';
import { LIVE_STATUSES, type MentorshipProfile, type MentorshipRecord } from './mentorships';
import { addDays, DAY_MS, isoDay } from '../../utils/dates';
import { ConflictError, forbidden } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { validationError } from '../../utils/validation-error';
import { UID } from '../../utils/uids';

export interface RequestRecord {
  id: number;
  documentId: string;
  kind: RequestKind;
  requestStatus: RequestStatus;
  message?: string | null;
  choices?: string[] | null;
  currentChoice?: number | null;
  deadline?: string | null;
  remindedAt?: string | null;
  reason?: string | null;
  history?: RequestEvent[] | null;
  escalatedAt?: string | null;
  createdAt: string;
  program: ProgramRecord;
  sender: MentorshipProfile;
  addressee: MentorshipProfile | null;
  mentorship?: { documentId: string } | null;
}

const PROFILE_POPULATE = { populate: { user: { select: ['id', 'documentId', 'email', 'username'] } } };
const REQUEST_POPULATE = { program: true, sender: PROFILE_POPULATE, addressee: PROFILE_POPULATE, mentorship: { select: ['documentId'] } };
/** Mentee profiles that may ask for a mentor, and mentor profiles that may be asked or approach. */
const ACTIVE_MENTEE = ['approved', 'listed'];
/** Styles where staff pair people (cohort matching runs) rather than members asking each other. */
const STAFF_MATCHED: string[] = ['guided-cohort', 'international-virtual'];

const ref = (profile: MentorshipProfile): ProfileRef => ({ documentId: profile.documentId, displayName: profile.displayName, role: profile.role });

/** The reminder goes out a third of the answer window before the deadline, at most three days before. */
export const reminderLeadMs = (responseDays: number) => Math.min(3 * DAY_MS, (responseDays * DAY_MS) / 3);

const requests = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();
  const notify = (...args: Parameters<ReturnType<typeof getService<'notifications'>>['send']>) => getService(strapi, 'notifications').send(...args);

  const profile = async (documentId: string) =>
    (await strapi.db.query(UID.profile).findOne({ where: { documentId }, populate: { program: true, user: { select: ['id', 'documentId', 'email', 'username'] } } })) as MentorshipProfile | null;

  /** Whether a mentor can be offered a new request now, and if not, why. */
  const offerable = async (mentor: MentorshipProfile, program: ProgramRecord): Promise<string | null> => {
    if (mentor.role !== 'mentor' || mentor.profileStatus !== 'listed') return `${mentor.displayName} is not listed as a mentor`;
    if (mentor.availability === 'away') return `${mentor.displayName} is away${mentor.awayUntil ? ` until ${mentor.awayUntil}` : ''}`;
    const capacity = mentor.capacity ?? program.defaultMentorCapacity ?? 1;
    const live = await getService(strapi, 'mentorships').liveCountOfMentor(mentor.id);
    if (mentor.availability === 'full' || live >= capacity) return `${mentor.displayName} has no place left`;
    return null;
  };

  const requestVariables = (request: RequestRecord, extra: Record<string, unknown> = {}) => {
    const mentee = request.sender.role === 'mentee' ? request.sender : request.addressee;
    const mentor = request.sender.role === 'mentor' ? request.sender : request.addressee;
    return {
      mentee: { name: mentee?.displayName ?? '' },
      mentor: { name: mentor?.displayName ?? '' },
      request: {
        message: request.message ?? '',
        sender: request.sender.displayName,
        deadline: request.deadline ? isoDay(new Date(request.deadline)) : '',
        reason: request.reason ?? '',
        choice: String((request.currentChoice ?? 0) + 1),
      },
      ...extra,
    };
  };

  const mailTo = (recipient: MentorshipProfile | null | undefined) =>
    recipient?.user?.email ? { email: recipient.user.email, name: recipient.displayName } : null;

  const tellAddressee = async (request: RequestRecord) => {
    const to = mailTo(request.addressee);
    if (!to) return;
    await notify({
      key: 'request.received',
      to,
      programDocumentId: request.program.documentId,
      variables: requestVariables(request),
      dedupeKey: `request:${request.documentId}:received:${request.currentChoice ?? 0}`,
    });
  };

  return {
    async findOne(documentId: string): Promise<RequestRecord | null> {
      return (await strapi.db.query(UID.request).findOne({ where: { documentId }, populate: REQUEST_POPULATE })) as RequestRecord | null;
    },

    async findMany(where: Record<string, unknown>): Promise<RequestRecord[]> {
      return (await strapi.db.query(UID.request).findMany({ where, populate: REQUEST_POPULATE, orderBy: { id: 'desc' }, limit: 500 })) as RequestRecord[];
    },

    /** What a member sees of a request: the sender sees the ranked choices and history, the addressee does not. */
    async view(request: RequestRecord, asSender: boolean): Promise<RequestView> {
      let choices: ProfileRef[] | null = null;
      if (asSender && request.choices?.length) {
        const rows = (await strapi.db.query(UID.profile).findMany({ where: { documentId: { $in: request.choices } } })) as MentorshipProfile[];
        choices = request.choices.map((documentId) => rows.find((row) => row.documentId === documentId)).filter((row): row is MentorshipProfile => Boolean(row)).map(ref);
      }
      return {
        documentId: request.documentId,
        program: { documentId: request.program.documentId, slug: request.program.slug },
        kind: request.kind,
        status: request.requestStatus,
        message: request.message ?? null,
        sender: ref(request.sender),
        addressee: request.addressee ? ref(request.addressee) : null,
        choices,
        currentChoice: request.choices?.length ? (request.currentChoice ?? 0) : null,
        deadline: request.deadline ? new Date(request.deadline).toISOString() : null,
        reason: request.reason ?? null,
        history: asSender ? (request.history ?? []) : null,
        mentorshipDocumentId: request.mentorship?.documentId ?? null,
        createdAt: new Date(request.createdAt).toISOString(),
      };
    },

    /**
     * A member asks: a mentee asks a mentor (discovery call or mentoring request), names ranked
     * choices, or a mentor approaches a mentee where the program allows it.
     */
    async create(user: { id: number; documentId: string }, program: ProgramRecord, body: CreateRequestBody): Promise<RequestRecord> {
      if (STAFF_MATCHED.includes(program.style)) {
        throw forbidden(`In ${program.name} the program office matches mentors and mentees; members do not send requests`);
      }
      const ranked = (program.rankedChoices ?? 0) > 0;
      const enrollment = getService(strapi, 'enrollment');
      let targets: string[];
      if (body.choices) {
        if (!ranked) throw validationError([{ path: ['choices'], message: `${program.name} does not take ranked choices; name one mentor in "to"` }]);
        if (body.to) throw validationError([{ path: ['to'], message: 'give either "to" or "choices", not both' }]);
        targets = body.choices;
        if (targets.length > (program.rankedChoices ?? 0)) {
          throw validationError([{ path: ['choices'], message: `name at most ${program.rankedChoices} mentors` }]);
        }
        if (new Set(targets).size !== targets.length) throw validationError([{ path: ['choices'], message: 'a mentor is named twice' }]);
      } else if (body.to) {
        targets = [body.to];
      } else {
        throw validationError([{ path: ['to'], message: 'name the profile you are asking ("to"), or your ranked "choices"' }]);
      }

      const addressees: MentorshipProfile[] = [];
      for (const [index, documentId] of targets.entries()) {
        const target = await profile(documentId);
        if (!target || target.program?.id !== program.id || !(target.role === 'mentee' ? ACTIVE_MENTEE : ['listed']).includes(target.profileStatus)) {
          throw validationError([{ path: body.choices ? ['choices', index] : ['to'], message: `no such ${target?.role ?? 'profile'} open to requests in ${program.name}` }]);
        }
        addressees.push(target);
      }
      const approach = addressees[0]!.role === 'mentee';
      if (approach && (body.choices || !program.mentorMayApproach)) {
        throw forbidden(`In ${program.name} mentors do not approach mentees; mentees send the requests`);
      }
      if (!approach && addressees.some((target) => target.role !== 'mentor')) throw validationError([{ path: ['choices'], message: 'every choice must be a mentor' }]);

      const senderRole = approach ? 'mentor' : 'mentee';
      const sender = await enrollment.profileOf(user.id, program.id, senderRole);
      if (!sender) throw forbidden(`You need a ${senderRole} profile in ${program.name} first`);
      if (!(senderRole === 'mentee' ? ACTIVE_MENTEE : ['listed']).includes(sender.profileStatus)) {
        throw forbidden(`Your ${senderRole} profile is ${sender.profileStatus}; it must be ${senderRole === 'mentee' ? 'approved' : 'listed'} before you send requests`);
      }
      if (addressees.some((target) => target.user?.id === user.id)) throw validationError([{ path: ['to'], message: 'you cannot send a request to yourself' }]);
      const kind: RequestKind = approach ? 'approach' : (body.kind ?? (program.style === 'open-directory' ? 'discovery-call' : 'mentoring'));
      if (kind === 'approach' && !approach) throw validationError([{ path: ['kind'], message: 'an approach goes from a mentor to a mentee' }]);

      const documentId = await strapi.db.transaction(async () => {
        // One sender at a time, so the bound on open requests holds under concurrent sends.
        await strapi.db.queryBuilder(UID.profile).select(['id']).where({ id: sender.id }).forUpdate().execute();
        const open = await strapi.db.query(UID.request).count({ where: { sender: { id: sender.id }, requestStatus: 'open' } });
        if (open >= (program.maxOpenRequests ?? 3)) {
          throw new ConflictError(`You have ${open} open requests, the most ${program.name} allows; withdraw one or wait for an answer`, 'too-many-open-requests');
        }
        const mentee = approach ? addressees[0]! : sender;
        const menteeLive = await strapi.db.query(UID.mentorship).count({ where: { mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } } });
        if (menteeLive > 0) throw new ConflictError(`${mentee.displayName} already has a mentorship in ${program.name}`, 'pair-exists');
        const openOfSender = (await strapi.db.query(UID.request).findMany({
          where: { sender: { id: sender.id }, requestStatus: 'open' },
          populate: { addressee: { select: ['documentId'] } },
        })) as RequestRecord[];
        for (const target of addressees) {
          const duplicate = openOfSender.some((other) => other.addressee?.documentId === target.documentId || (other.choices ?? []).includes(target.documentId));
          if (duplicate) throw new ConflictError(`You already have an open request to ${target.displayName}`, 'duplicate');
        }

        const at = now();
        const history: RequestEvent[] = [];
        let chosen = -1;
        for (const [index, target] of addressees.entries()) {
          const why = approach ? null : await offerable(target, program);
          if (!why) {
            chosen = index;
            break;
          }
          history.push({ at: at.toISOString(), event: 'skipped', choice: index, profile: target.documentId, note: why });
        }
        if (chosen === -1) {
          throw new ConflictError(`${history.map((event) => event.note).join('; ')}. Please choose ${addressees.length > 1 ? 'other mentors' : 'another mentor'}.`, 'mentor-full');
        }
        const addressee = addressees[chosen]!;
        history.push({ at: at.toISOString(), event: 'sent', choice: chosen, profile: addressee.documentId });
        const created = (await strapi.documents(UID.request).create({
          data: {
            program: program.documentId,
            sender: sender.documentId,
            addressee: addressee.documentId,
            kind,
            message: body.message,
            choices: body.choices ?? null,
            currentChoice: chosen,
            requestStatus: 'open',
            deadline: addDays(at, program.requestResponseDays ?? 14),
            history,
          },
        } as never)) as unknown as { documentId: string };
        return created.documentId;
      });
      const request = (await this.findOne(documentId)) as RequestRecord;
      await tellAddressee(request);
      return request;
    },

    /** The addressee accepts: the request and the new mentorship commit together or not at all. */
    async accept(request: RequestRecord, by: { documentId: string }): Promise<{ request: RequestRecord; mentorship: MentorshipRecord }> {
      const mentee = request.sender.role === 'mentee' ? request.sender : request.addressee!;
      const mentor = request.sender.role === 'mentor' ? request.sender : request.addressee!;
      const at = now();
      const mentorship = await strapi.db.transaction(async () => {
        const { count } = await strapi.db.query(UID.request).updateMany({
          where: { id: request.id, requestStatus: 'open', currentChoice: request.currentChoice ?? 0 },
          data: { requestStatus: 'accepted', history: [...(request.history ?? []), { at: at.toISOString(), event: 'accepted', choice: request.currentChoice ?? 0, profile: request.addressee?.documentId }] },
        });
        if (count !== 1) throw new ConflictError('This request is no longer open', 'not-open');
        const created = await getService(strapi, 'mentorships').create({
          programDocumentId: request.program.documentId,
          mentorProfileDocumentId: mentor.documentId,
          menteeProfileDocumentId: mentee.documentId,
          source: 'request',
          sourceRef: request.documentId,
          createdBy: `member:${by.documentId}`,
        });
        await strapi.db.query(UID.request).update({ where: { id: request.id }, data: { mentorship: created.id } });
        // The mentee is paired now: their other open requests in the program are closed.
        const others = (await strapi.db.query(UID.request).findMany({
          where: { id: { $ne: request.id }, requestStatus: 'open', program: request.program.id, $or: [{ sender: { id: mentee.id } }, { addressee: { id: mentee.id } }] },
        })) as RequestRecord[];
        for (const other of others) {
          await strapi.db.query(UID.request).updateMany({
            where: { id: other.id, requestStatus: 'open' },
            data: { requestStatus: 'closed', history: [...(other.history ?? []), { at: at.toISOString(), event: 'closed', note: 'the mentee was paired through another request' }] },
          });
        }
        return created;
      });

      await this.moveOnFrom(mentor.id);
      const accepted = (await this.findOne(request.documentId)) as RequestRecord;
      const senderMail = mailTo(accepted.sender);
      if (senderMail) {
        await notify({
          key: 'request.accepted',
          to: senderMail,
          programDocumentId: accepted.program.documentId,
          variables: { ...requestVariables(accepted), mentorship: { start: mentorship.startDate } },
          dedupeKey: `request:${accepted.documentId}:accepted`,
        });
      }
      await getService(strapi, 'mentorship-lifecycle').announce(mentorship);
      return { request: accepted, mentorship };
    },

    /** The addressee declines: a ranked request moves to the next choice, any other is closed as declined. */
    async decline(request: RequestRecord, reason: string | null): Promise<RequestRecord> {
      if (request.choices?.length) {
        await this.advance(request, 'declined', reason);
        return (await this.findOne(request.documentId)) as RequestRecord;
      }
      const at = now();
      const { count } = await strapi.db.query(UID.request).updateMany({
        where: { id: request.id, requestStatus: 'open' },
        data: { requestStatus: 'declined', reason, history: [...(request.history ?? []), { at: at.toISOString(), event: 'declined', profile: request.addressee?.documentId, note: reason ?? undefined }] },
      });
      if (count !== 1) throw new ConflictError('This request is no longer open', 'not-open');
      const declined = (await this.findOne(request.documentId)) as RequestRecord;
      const to = mailTo(declined.sender);
      if (to) {
        await notify({ key: 'request.declined', to, programDocumentId: declined.program.documentId, variables: requestVariables(declined), dedupeKey: `request:${declined.documentId}:declined` });
      }
      return declined;
    },

    async withdraw(request: RequestRecord): Promise<RequestRecord> {
      const at = now();
      const { count } = await strapi.db.query(UID.request).updateMany({
        where: { id: request.id, requestStatus: 'open' },
        data: { requestStatus: 'withdrawn', history: [...(request.history ?? []), { at: at.toISOString(), event: 'withdrawn' }] },
      });
      if (count !== 1) throw new ConflictError('This request is no longer open', 'not-open');
      const withdrawn = (await this.findOne(request.documentId)) as RequestRecord;
      const to = mailTo(withdrawn.addressee);
      if (to) {
        await notify({ key: 'request.withdrawn', to, programDocumentId: withdrawn.program.documentId, variables: requestVariables(withdrawn), dedupeKey: `request:${withdrawn.documentId}:withdrawn` });
      }
      return withdrawn;
    },

    /**
     * The current addressee declined, let the deadline pass, or can no longer take a mentee (full,
     * away, unlisted). A ranked request goes to the next
     * choice that can take a mentee (the mentee is told); when none is left it is escalated to staff.
     * Any other request lapses. The move is a conditional update on (status, currentChoice), so
     * two instances running the job move it once.
     */
    async advance(request: RequestRecord, cause: 'declined' | 'expired' | 'unavailable', reason: string | null = null): Promise<boolean> {
      const at = now();
      const current = request.currentChoice ?? 0;
      const history = [...(request.history ?? []), { at: at.toISOString(), event: cause, choice: current, profile: request.addressee?.documentId, ...(reason ? { note: reason } : {}) }];
      const choices = request.choices ?? [];
      let next = -1;
      let nextProfile: MentorshipProfile | null = null;
      for (let index = current + 1; index < choices.length; index += 1) {
        const candidate = await profile(choices[index]!);
        const why = candidate ? await offerable(candidate, request.program) : 'the profile no longer exists';
        if (candidate && !why) {
          next = index;
          nextProfile = candidate;
          break;
        }
        history.push({ at: at.toISOString(), event: 'skipped', choice: index, profile: choices[index]!, note: why ?? undefined });
      }
      const claimed = { id: request.id, requestStatus: 'open', currentChoice: current };
      if (nextProfile) {
        history.push({ at: at.toISOString(), event: 'forwarded', choice: next, profile: nextProfile.documentId });
        const { count } = await strapi.db.query(UID.request).updateMany({
          where: claimed,
          data: { currentChoice: next, deadline: addDays(at, request.program.requestResponseDays ?? 14), remindedAt: null, history, ...(reason ? { reason } : {}) },
        });
        if (count !== 1) {
          if (cause === 'declined') throw new ConflictError('This request is no longer open', 'not-open');
          return false;
        }
        await strapi.db.query(UID.request).update({ where: { id: request.id }, data: { addressee: nextProfile.id } });
        const moved = (await this.findOne(request.documentId)) as RequestRecord;
        await tellAddressee(moved);
        const to = mailTo(moved.sender);
        if (to) {
          await notify({
            key: 'request.forwarded',
            to,
            programDocumentId: moved.program.documentId,
            variables: { ...requestVariables(moved), mentor: { name: nextProfile.displayName } },
            dedupeKey: `request:${moved.documentId}:forwarded:${next}`,
          });
        }
        return true;
      }

      const ranked = choices.length > 0;
      const status = ranked ? 'escalated' : cause === 'declined' ? 'declined' : 'expired';
      const { count } = await strapi.db.query(UID.request).updateMany({
        where: claimed,
        data: { requestStatus: status, history: [...history, ...(ranked ? [{ at: at.toISOString(), event: 'escalated' }] : [])], ...(ranked ? { escalatedAt: at } : {}), ...(reason ? { reason } : {}) },
      });
      if (count !== 1) {
        if (cause === 'declined') throw new ConflictError('This request is no longer open', 'not-open');
        return false;
      }
      const closed = (await this.findOne(request.documentId)) as RequestRecord;
      const to = mailTo(closed.sender);
      if (to) {
        const key = ranked ? 'escalation.opened' : cause === 'declined' ? 'request.declined' : 'request.expired';
        await notify({ key, to, programDocumentId: closed.program.documentId, variables: requestVariables(closed), dedupeKey: `request:${closed.documentId}:${status}` });
      }
      return true;
    },

    /**
     * A mentor can no longer take a mentee (full after an accept, away, paused, withdrawn): ranked
     * requests waiting on them move on now rather than at their deadline. Other requests stay with
     * the mentor, who may still decline them (an accept would get the 409).
     */
    async moveOnFrom(mentorProfileId: number): Promise<number> {
      const waiting = await this.findMany({ addressee: { id: mentorProfileId }, requestStatus: 'open' });
      let moved = 0;
      for (const request of waiting) {
        if (!request.choices?.length || !request.addressee) continue;
        const why = await offerable(request.addressee, request.program);
        if (!why) continue;
        if (await this.advance(request, 'unavailable', why)) moved += 1;
      }
      return moved;
    },

    /** Scheduled: every open request past its deadline moves on (or lapses). Safe to run twice. */
    async processDeadlines(at: Date = now()): Promise<number> {
      const due = await this.findMany({ requestStatus: 'open', deadline: { $lte: at } });
      let moved = 0;
      for (const request of due) if (await this.advance(request, 'expired')) moved += 1;
      return moved;
    },

    /** Scheduled: reminds addressees shortly before the deadline, once per addressee. */
    async sendReminders(at: Date = now()): Promise<number> {
      const open = await this.findMany({ requestStatus: 'open', remindedAt: { $null: true }, deadline: { $gt: at } });
      let sent = 0;
      for (const request of open) {
        const lead = reminderLeadMs(request.program.requestResponseDays ?? 14);
        if (new Date(request.deadline!).getTime() - at.getTime() > lead) continue;
        const { count } = await strapi.db.query(UID.request).updateMany({
          where: { id: request.id, requestStatus: 'open', remindedAt: { $null: true }, currentChoice: request.currentChoice ?? 0 },
          data: { remindedAt: at },
        });
        if (count !== 1) continue;
        const to = mailTo(request.addressee);
        if (!to) continue;
        await notify({
          key: 'request.reminder',
          to,
          programDocumentId: request.program.documentId,
          variables: requestVariables(request),
          dedupeKey: `request:${request.documentId}:reminder:${request.currentChoice ?? 0}`,
        });
        sent += 1;
      }
      return sent;
    },
  };
};

export type RequestsService = ReturnType<typeof requests>;
export default requests;
