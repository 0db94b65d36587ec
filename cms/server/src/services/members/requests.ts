import type { Core } from '@strapi/strapi';
import type { ContactView, CreateRequestBody, ProfileRef, RequestEvent, RequestKind, RequestStatus, RequestView } from '../../../../shared/contracts/members';
import { ACTIVE_MENTEE_STATUSES, ASKABLE_MENTOR_STATUSES, type Role } from '../../../../shared/vocabulary';
import type { ProgramRecord } from '../content/programs';
import { LIVE_STATUSES, type MentorshipProfile, type MentorshipRecord } from './mentorships';
import { addDays, DAY_MS, isoDay } from '../../utils/dates';
import { ConflictError, forbidden } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { lockProfiles } from '../../utils/locks';
import { programRules } from '../../utils/program-rules';
import { withTransaction } from '../../utils/transaction';
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

/** A guarded move of a request (see `transition`). */
export interface RequestTransition {
  from: RequestStatus | readonly RequestStatus[];
  to: RequestStatus;
  event: string;
  /** the history entry's details; without `choice` in it, a request with choices records the current one */
  choice?: number;
  profile?: string | null;
  note?: string | null;
  /** entries recorded before this one in the same move (e.g. choices skipped on the way) */
  before?: RequestEvent[];
  /** further columns written with the move */
  data?: Record<string, unknown>;
  /** relations set once the move has happened (a guarded update cannot write link tables), e.g. `{ addressee: id }` */
  links?: Record<string, number | null>;
  /** true: a lost race or a wrong status is a 409 "no longer open"; false: it is `false` (a job moves on) */
  conflict?: boolean;
}

const PROFILE_POPULATE = { populate: { user: { select: ['id', 'documentId', 'email', 'username'] } } };
const REQUEST_POPULATE = { program: true, sender: PROFILE_POPULATE, addressee: PROFILE_POPULATE, mentorship: { select: ['documentId'] } };
const statusesOpenTo = (role: Role) => (role === 'mentee' ? ACTIVE_MENTEE_STATUSES : ASKABLE_MENTOR_STATUSES);

const ref = (profile: MentorshipProfile): ProfileRef => ({ documentId: profile.documentId, displayName: profile.displayName, role: profile.role });
const contactOf = (profile: MentorshipProfile): ContactView => ({ name: profile.displayName, email: profile.user?.email ?? null });

/**
 * A discovery call whose two members have each other's contact details: accepted (the call is to
 * be arranged), or followed by the formal request. One let go shares nothing any more.
 */
const callContactShared = (request: RequestRecord) =>
  request.kind === 'discovery-call' &&
  (request.requestStatus === 'accepted' || (request.requestStatus === 'closed' && (request.history ?? []).some((event) => event.event === 'followed-up')));

/** The reminder goes out a third of the answer window before the deadline, at most three days before. */
export const reminderLeadMs = (responseDays: number) => Math.min(3 * DAY_MS, (responseDays * DAY_MS) / 3);

/**
 * The request aggregate: sending, accepting, declining, withdrawing, the cascade of ranked choices,
 * deadlines, reminders and staff's handling of escalations all move a request through
 * `transition`, and write their e-mails to the outbox in the same transaction.
 */
const requests = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  const profile = async (documentId: string) =>
    (await strapi.db.query(UID.profile).findOne({ where: { documentId }, populate: { program: true, user: { select: ['id', 'documentId', 'email', 'username'] } } })) as MentorshipProfile | null;

  /** Whether a mentor can be offered a new request now, and if not, why. */
  const offerable = async (mentor: MentorshipProfile, program: ProgramRecord): Promise<string | null> => {
    if (mentor.role !== 'mentor' || !ASKABLE_MENTOR_STATUSES.includes(mentor.profileStatus)) return `${mentor.displayName} is not listed as a mentor`;
    if (mentor.availability === 'away') return `${mentor.displayName} is away${mentor.awayUntil ? ` until ${mentor.awayUntil}` : ''}`;
    const capacity = programRules(program).capacityOf(mentor);
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
        // where the program says so, the person asked is given the requester's address
        senderEmail: programRules(request.program).shareRequesterContact ? (request.sender.user?.email ?? '') : '',
        kind: request.kind,
        deadline: request.deadline ? isoDay(new Date(request.deadline)) : '',
        reason: request.reason ?? '',
        choice: String((request.currentChoice ?? 0) + 1),
      },
      ...extra,
    };
  };

  /** Writes one e-mail about a request to one of its members to the outbox (none without an address). */
  const tell = async (recipient: MentorshipProfile | null | undefined, key: string, request: RequestRecord, dedupe: string, extra: Record<string, unknown> = {}) => {
    if (!recipient?.user?.email) return;
    await getService(strapi, 'notifications').queue({
      key,
      to: { email: recipient.user.email, name: recipient.displayName },
      programDocumentId: request.program.documentId,
      variables: requestVariables(request, extra),
      dedupeKey: `request:${request.documentId}:${dedupe}`,
    });
  };

  const reload = async (documentId: string) => (await service.findOne(documentId)) as RequestRecord;

  const service = {
    async findOne(documentId: string): Promise<RequestRecord | null> {
      return (await strapi.db.query(UID.request).findOne({ where: { documentId }, populate: REQUEST_POPULATE })) as RequestRecord | null;
    },

    async findMany(where: Record<string, unknown>, options: { limit?: number; orderBy?: Record<string, 'asc' | 'desc'>[] } = {}): Promise<RequestRecord[]> {
      return (await strapi.db.query(UID.request).findMany({ where, populate: REQUEST_POPULATE, orderBy: options.orderBy ?? [{ id: 'desc' }], limit: options.limit ?? 500 })) as RequestRecord[];
    },

    /**
     * The one way a request's state moves: a conditional update on its status (and, for a request
     * with choices, the choice it waits on), with the history entry appended in the same write.
     * Of two concurrent moves exactly one happens; the other gets a 409 or `false`.
     */
    async transition(request: RequestRecord, move: RequestTransition): Promise<boolean> {
      const at = now().toISOString();
      const ranked = (request.choices?.length ?? 0) > 0;
      const entry: RequestEvent = { at, event: move.event };
      const choice = 'choice' in move ? move.choice : ranked ? (request.currentChoice ?? 0) : undefined;
      if (choice !== undefined) entry.choice = choice;
      if (move.profile) entry.profile = move.profile;
      if (move.note) entry.note = move.note;
      const from = typeof move.from === 'string' ? [move.from] : [...move.from];
      const { count } = await strapi.db.query(UID.request).updateMany({
        where: { id: request.id, requestStatus: { $in: from }, ...(ranked ? { currentChoice: request.currentChoice ?? { $null: true } } : {}) },
        data: { requestStatus: move.to, history: [...(request.history ?? []), ...(move.before ?? []), entry], ...move.data },
      });
      if (count === 1) {
        if (move.links) await strapi.db.query(UID.request).update({ where: { id: request.id }, data: move.links });
        return true;
      }
      if (move.conflict) throw new ConflictError('This request is no longer open', 'not-open');
      return false;
    },

    /**
     * What a member sees of a request: the sender sees the ranked choices and history, the addressee
     * does not. `contact` is the other person's name and e-mail address where they are shared: both
     * ways for an accepted discovery call, and the sender's with the addressee where the program
     * shares the requester's contact.
     */
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
        contact: (() => {
          const other = asSender ? request.addressee : request.sender;
          const shared = callContactShared(request) || (!asSender && programRules(request.program).shareRequesterContact);
          return other && shared ? contactOf(other) : null;
        })(),
      };
    },

    /**
     * A member asks: a mentee asks a mentor (discovery call or mentoring request), names ranked
     * choices, or a mentor approaches a mentee where the program allows it.
     */
    async create(user: { id: number; documentId: string }, program: ProgramRecord, body: CreateRequestBody): Promise<RequestRecord> {
      const rules = programRules(program);
      if (rules.staffMatched) {
        throw forbidden(`In ${program.name} the program office matches mentors and mentees; members do not send requests`);
      }
      const enrollment = getService(strapi, 'enrollment');
      let targets: string[];
      if (body.choices) {
        if (!rules.ranked) throw validationError([{ path: ['choices'], message: `${program.name} does not take ranked choices; name one mentor in "to"` }]);
        if (body.to) throw validationError([{ path: ['to'], message: 'give either "to" or "choices", not both' }]);
        targets = body.choices;
        if (targets.length > rules.rankedChoices) {
          throw validationError([{ path: ['choices'], message: `name at most ${rules.rankedChoices} mentors` }]);
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
        if (!target || target.program?.id !== program.id || !statusesOpenTo(target.role).includes(target.profileStatus)) {
          throw validationError([{ path: body.choices ? ['choices', index] : ['to'], message: `no such ${target?.role ?? 'profile'} open to requests in ${program.name}` }]);
        }
        addressees.push(target);
      }
      const approach = addressees[0]!.role === 'mentee';
      if (approach && (body.choices || !rules.mentorMayApproach)) {
        throw forbidden(`In ${program.name} mentors do not approach mentees; mentees send the requests`);
      }
      if (!approach && addressees.some((target) => target.role !== 'mentor')) throw validationError([{ path: ['choices'], message: 'every choice must be a mentor' }]);

      const senderRole: Role = approach ? 'mentor' : 'mentee';
      const sender = await enrollment.profileOf(user.id, program.id, senderRole);
      if (!sender) throw forbidden(`You need a ${senderRole} profile in ${program.name} first`);
      if (!statusesOpenTo(senderRole).includes(sender.profileStatus)) {
        throw forbidden(`Your ${senderRole} profile is ${sender.profileStatus}; it must be ${senderRole === 'mentee' ? 'approved' : 'listed'} before you send requests`);
      }
      if (addressees.some((target) => target.user?.id === user.id)) throw validationError([{ path: ['to'], message: 'you cannot send a request to yourself' }]);
      const kind: RequestKind = approach ? 'approach' : (body.kind ?? (program.style === 'open-directory' ? 'discovery-call' : 'mentoring'));
      if (kind === 'approach' && !approach) throw validationError([{ path: ['kind'], message: 'an approach goes from a mentor to a mentee' }]);
      if (kind === 'discovery-call' && body.choices) throw validationError([{ path: ['kind'], message: 'a discovery call goes to one mentor ("to"), not to ranked choices' }]);

      const documentId = await withTransaction(strapi, async () => {
        // One sender at a time, so the bound on open requests holds under concurrent sends.
        await lockProfiles(strapi, [sender.id]);
        const open = await strapi.db.query(UID.request).count({ where: { sender: { id: sender.id }, requestStatus: 'open' } });
        if (open >= rules.maxOpenRequests) {
          throw new ConflictError(`You have ${open} open requests, the most ${program.name} allows; withdraw one or wait for an answer`, 'too-many-open-requests');
        }
        const mentee = approach ? addressees[0]! : sender;
        const menteeLive = await strapi.db.query(UID.mentorship).count({ where: { mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } } });
        if (menteeLive > 0) throw new ConflictError(`${mentee.displayName} already has a mentorship in ${program.name}`, 'pair-exists');
        if (kind === 'discovery-call') {
          // One conversation at a time with a mentor: until it is followed by the formal request or let go.
          const call = (await strapi.db.query(UID.request).findOne({
            where: { kind: 'discovery-call', requestStatus: { $in: ['open', 'accepted'] }, sender: { id: sender.id }, addressee: { id: addressees[0]!.id } },
          })) as RequestRecord | null;
          if (call) {
            const name = addressees[0]!.displayName;
            throw new ConflictError(
              call.requestStatus === 'open'
                ? `You already asked ${name} for a discovery call; it is waiting for an answer`
                : `Your discovery call with ${name} was accepted; send the formal mentoring request or let the call go`,
              'discovery-call-open',
            );
          }
        }
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
        const created = (await strapi.db.query(UID.request).create({
          data: {
            program: program.id,
            sender: sender.id,
            addressee: addressee.id,
            kind,
            message: body.message,
            choices: body.choices ?? null,
            currentChoice: chosen,
            requestStatus: 'open',
            deadline: addDays(at, rules.responseDays),
            history,
            publishedAt: at,
          },
        })) as { documentId: string };
        const request = await reload(created.documentId);
        await tell(request.addressee, 'request.received', request, `received:${chosen}`);
        if (kind !== 'discovery-call') {
          // The formal request after a discovery call: the call has served its purpose.
          const mentor = approach ? sender : addressee;
          const calls = await this.findMany({ kind: 'discovery-call', requestStatus: 'accepted', sender: { id: mentee.id }, addressee: { id: mentor.id } });
          for (const call of calls) {
            await this.transition(call, { from: 'accepted', to: 'closed', event: 'followed-up', choice: undefined, profile: sender.documentId, note: `formal request ${created.documentId}` });
          }
        }
        return created.documentId;
      });
      return reload(documentId);
    },

    /**
     * The addressee accepts: the request, the new mentorship, the closing of the mentee's other
     * requests and the e-mails commit together or not at all. Locks follow the plugin's order
     * (both profiles, then requests), so two mentors accepting one mentee at once serialise: the
     * second finds the mentee paired (409 pair-exists) instead of deadlocking.
     */
    async accept(request: RequestRecord, by: { documentId: string }): Promise<{ request: RequestRecord; mentorship: MentorshipRecord | null }> {
      if (request.kind === 'discovery-call') return { request: await this.acceptCall(request), mentorship: null };
      const mentee = request.sender.role === 'mentee' ? request.sender : request.addressee!;
      const mentor = request.sender.role === 'mentor' ? request.sender : request.addressee!;
      const mentorships = getService(strapi, 'mentorships');
      const mentorship = await withTransaction(strapi, async () => {
        await lockProfiles(strapi, [mentor.id, mentee.id]);
        const menteeLive = await strapi.db.query(UID.mentorship).count({ where: { mentee: { id: mentee.id }, mentorshipStatus: { $in: LIVE_STATUSES } } });
        if (menteeLive > 0) throw new ConflictError(`${mentee.displayName} already has a mentorship in ${request.program.name}`, 'pair-exists');
        await this.transition(request, { from: 'open', to: 'accepted', event: 'accepted', choice: request.currentChoice ?? 0, profile: request.addressee?.documentId, conflict: true });
        const created = await mentorships.create({
          programDocumentId: request.program.documentId,
          mentorProfileDocumentId: mentor.documentId,
          menteeProfileDocumentId: mentee.documentId,
          source: 'request',
          sourceRef: request.documentId,
          createdBy: `member:${by.documentId}`,
        });
        await strapi.db.query(UID.request).update({ where: { id: request.id }, data: { mentorship: created.id } });
        // The mentee is paired now: their other open requests in the program are closed.
        const others = await this.findMany(
          { id: { $ne: request.id }, requestStatus: 'open', program: request.program.id, $or: [{ sender: { id: mentee.id } }, { addressee: { id: mentee.id } }] },
          { orderBy: [{ id: 'asc' }] },
        );
        for (const other of others) {
          await this.transition(other, { from: 'open', to: 'closed', event: 'closed', choice: undefined, note: 'the mentee was paired through another request' });
        }
        const accepted = await reload(request.documentId);
        await tell(accepted.sender, 'request.accepted', accepted, 'accepted', { mentorship: { start: created.startDate ?? '' } });
        await mentorships.announce(created);
        return created;
      });
      await this.moveOnFrom(mentor.id);
      return { request: await reload(request.documentId), mentorship };
    },

    /**
     * The mentor agrees to a discovery call: a conversation before any commitment. Both are given
     * each other's name and e-mail address to arrange it (in the e-mail and in the request); no
     * mentorship starts and none of the mentor's places is taken. Afterwards either side sends the
     * formal request (`create`, which closes the call as followed up) or lets the call go (`letGo`).
     */
    async acceptCall(request: RequestRecord): Promise<RequestRecord> {
      await withTransaction(strapi, async () => {
        await this.transition(request, { from: 'open', to: 'accepted', event: 'accepted', profile: request.addressee?.documentId, conflict: true });
        const accepted = await reload(request.documentId);
        for (const [recipient, other] of [
          [accepted.sender, accepted.addressee],
          [accepted.addressee, accepted.sender],
        ] as const) {
          if (!other) continue;
          await tell(recipient, 'discovery-call.accepted', accepted, `call-accepted:${recipient?.documentId ?? ''}`, { partner: { name: other.displayName, email: other.user?.email ?? '' } });
        }
      });
      return reload(request.documentId);
    },

    /**
     * Either member lets an accepted discovery call go without a formal request: the call is closed,
     * nothing else happens (no e-mail, no place, no mentorship), and its contact details are no
     * longer shown.
     */
    async letGo(request: RequestRecord, by: MentorshipProfile): Promise<RequestRecord> {
      if (request.kind !== 'discovery-call') throw new ConflictError('Only a discovery call is let go; withdraw or decline other requests', 'not-open');
      if (request.requestStatus !== 'accepted') {
        throw new ConflictError(`Only an accepted discovery call can be let go; this one is ${request.requestStatus}${request.requestStatus === 'open' ? ' (withdraw or decline it instead)' : ''}`, 'not-open');
      }
      await this.transition(request, { from: 'accepted', to: 'closed', event: 'let-go', choice: undefined, profile: by.documentId, conflict: true });
      return reload(request.documentId);
    },

    /** The addressee declines: a ranked request moves to the next choice, any other is closed as declined. */
    async decline(request: RequestRecord, reason: string | null): Promise<RequestRecord> {
      if (request.choices?.length) {
        await this.advance(request, 'declined', reason);
        return reload(request.documentId);
      }
      await withTransaction(strapi, async () => {
        await this.transition(request, { from: 'open', to: 'declined', event: 'declined', profile: request.addressee?.documentId, note: reason, data: { reason }, conflict: true });
        const declined = await reload(request.documentId);
        await tell(declined.sender, 'request.declined', declined, 'declined');
      });
      return reload(request.documentId);
    },

    async withdraw(request: RequestRecord): Promise<RequestRecord> {
      await withTransaction(strapi, async () => {
        await this.transition(request, { from: 'open', to: 'withdrawn', event: 'withdrawn', choice: undefined, conflict: true });
        const withdrawn = await reload(request.documentId);
        await tell(withdrawn.addressee, 'request.withdrawn', withdrawn, 'withdrawn');
      });
      return reload(request.documentId);
    },

    /**
     * The current addressee declined, let the deadline pass, or can no longer take a mentee (full,
     * away, unlisted). A ranked request goes to the next choice that can take a mentee (the
     * mentee is told); when none is left it is escalated to staff. Any other request lapses.
     * The move is a conditional update on (status, currentChoice), so two instances running the
     * job move it once.
     */
    async advance(request: RequestRecord, cause: 'declined' | 'expired' | 'unavailable', reason: string | null = null): Promise<boolean> {
      return withTransaction(strapi, async () => {
        const at = now();
        const current = request.currentChoice ?? 0;
        const choices = request.choices ?? [];
        const ranked = choices.length > 0;
        const before: RequestEvent[] = [{ at: at.toISOString(), event: cause, choice: current, profile: request.addressee?.documentId, ...(reason ? { note: reason } : {}) }];
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
          before.push({ at: at.toISOString(), event: 'skipped', choice: index, profile: choices[index]!, note: why ?? undefined });
        }
        const conflict = cause === 'declined';
        const withReason = reason ? { reason } : {};
        /** The mentor whose time ran out is told the request has been passed on (read from the request as it was). */
        const tellPassedOn = (escalated: boolean) =>
          ranked && cause === 'expired'
            ? tell(request.addressee, 'request.passed-on', request, `passed-on:${current}`, { request: { ...requestVariables(request).request, escalated: escalated ? 'yes' : '' } })
            : undefined;

        if (nextProfile) {
          const moved = await this.transition(request, {
            from: 'open',
            to: 'open',
            event: 'forwarded',
            choice: next,
            profile: nextProfile.documentId,
            before,
            links: { addressee: nextProfile.id },
            data: { currentChoice: next, deadline: addDays(at, programRules(request.program).responseDays), remindedAt: null, ...withReason },
            conflict,
          });
          if (!moved) return false;
          const forwarded = await reload(request.documentId);
          await tell(forwarded.addressee, 'request.received', forwarded, `received:${next}`);
          await tell(forwarded.sender, 'request.forwarded', forwarded, `forwarded:${next}`, { mentor: { name: nextProfile.displayName } });
          await tellPassedOn(false);
          return true;
        }

        const status: RequestStatus = ranked ? 'escalated' : cause === 'declined' ? 'declined' : 'expired';
        const closed = ranked
          ? await this.transition(request, { from: 'open', to: status, event: 'escalated', choice: undefined, before, data: { escalatedAt: at, ...withReason }, conflict })
          : await this.transition(request, { from: 'open', to: status, event: cause, choice: current, profile: request.addressee?.documentId, note: reason, before: before.slice(1), data: withReason, conflict });
        if (!closed) return false;
        const after = await reload(request.documentId);
        const key = ranked ? 'escalation.opened' : cause === 'declined' ? 'request.declined' : 'request.expired';
        await tell(after.sender, key, after, status);
        await tellPassedOn(true);
        return true;
      });
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
      await getService(strapi, 'notifications').whenIdle();
      return moved;
    },

    /** Scheduled: reminds addressees shortly before the deadline, once per addressee. */
    async sendReminders(at: Date = now()): Promise<number> {
      const open = await this.findMany({ requestStatus: 'open', remindedAt: { $null: true }, deadline: { $gt: at } });
      let sent = 0;
      for (const request of open) {
        const lead = reminderLeadMs(programRules(request.program).responseDays);
        if (new Date(request.deadline!).getTime() - at.getTime() > lead) continue;
        const reminded = await withTransaction(strapi, async () => {
          const { count } = await strapi.db.query(UID.request).updateMany({
            where: { id: request.id, requestStatus: 'open', remindedAt: { $null: true }, currentChoice: request.currentChoice ?? 0 },
            data: { remindedAt: at },
          });
          if (count !== 1 || !request.addressee?.user?.email) return false;
          await tell(request.addressee, 'request.reminder', request, `reminder:${request.currentChoice ?? 0}`);
          return true;
        });
        if (reminded) sent += 1;
      }
      await getService(strapi, 'notifications').whenIdle();
      return sent;
    },
  };
  return service;
};

export type RequestsService = ReturnType<typeof requests>;
export default requests;
