import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { evaluateEligibility } from '../../../../shared/eligibility';
import { publicAnswers, validateAnswers, type Answers } from '../../../../shared/profile-fields';
import { SEATED_STATUSES, type Role } from '../../../../shared/vocabulary';
import type { CreateProfileBody, EligibilityProblem, OwnProfileView, UpdateProfileBody } from '../../../../shared/contracts/members';
import { eligibilityRulesOf, enrollmentOpen, profileFieldsOf, type ProgramRecord } from '../content/programs';
import type { ProfileRecord } from './directory';
import { ConflictError, forbidden } from '../../utils/errors';
import { isoDay } from '../../utils/dates';
import { getService } from '../../utils/get-service';
import { validationError } from '../../utils/validation-error';
import { UID } from '../../utils/uids';
import { programRules } from '../../utils/program-rules';

/** Profile statuses that hold one of the program's seats. */

export interface OwnedProfile extends ProfileRecord {
  rejectionReason?: string | null;
  submittedAt?: string | null;
  reviewedAt?: string | null;
  program: ProgramRecord;
  user: { id: number; documentId: string; email: string; username: string } | null;
  listing?: { documentId: string; reconfirmBy?: string | null } | null;
}

const formatDay = (value: string | null | undefined) => (value ? new Date(value).toISOString().slice(0, 10) : '');

export const toOwnView = (profile: OwnedProfile): OwnProfileView => ({
  documentId: profile.documentId,
  program: { documentId: profile.program.documentId, slug: profile.program.slug, name: profile.program.name },
  role: profile.role,
  displayName: profile.displayName,
  answers: profile.answers ?? {},
  status: profile.profileStatus,
  rejectionReason: profile.rejectionReason ?? null,
  availability: profile.availability,
  awayUntil: profile.awayUntil ?? null,
  capacity: profile.capacity ?? null,
  bio: profile.bio ?? null,
  careerPath: profile.careerPath ?? null,
  submittedAt: profile.submittedAt ?? null,
  reconfirmedAt: profile.reconfirmedAt ?? null,
  reconfirmBy: profile.role === 'mentor' ? (profile.listing?.reconfirmBy ?? null) : null,
});

/** A 403 that lists every rule the member does not meet, each with its own message. */
const notEligible = (problems: EligibilityProblem[]) =>
  forbidden(problems.map((problem) => problem.message).join(' '), { reasons: problems });

const enrollment = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  const profileType = async (program: ProgramRecord, role: Role) => {
    const row = await strapi.db.query(UID.profileType).findOne({ where: { program: program.id, role } });
    if (!row) throw new errors.NotFoundError(`${program.name} has no ${role} profile`);
    return profileFieldsOf(row.fields);
  };

  const checkAnswers = (fields: ReturnType<typeof profileFieldsOf>, answers: unknown, complete: boolean) => {
    const problems = validateAnswers(fields, answers, { requireComplete: complete, now: now() });
    if (problems.length > 0) throw validationError(problems.map((problem) => ({ path: ['answers', ...(problem.field ? [problem.field] : [])], message: problem.message })));
  };

  /** Every reason a member cannot take part now: the window, the seats, each failed eligibility rule. */
  const admissionProblems = async (program: ProgramRecord, role: Role, answers: Answers, excludeProfileId?: number): Promise<EligibilityProblem[]> => {
    const at = now();
    const problems: EligibilityProblem[] = [];
    if (!enrollmentOpen(program, at)) {
      const closes = program.enrollmentClosesAt ? new Date(program.enrollmentClosesAt) : null;
      const opens = program.enrollmentOpensAt ? new Date(program.enrollmentOpensAt) : null;
      problems.push({
        field: 'enrollment',
        message:
          program.programStatus !== 'open'
            ? `${program.name} is not taking applications.`
            : opens && at < opens
              ? `Applications to ${program.name} open on ${formatDay(program.enrollmentOpensAt)}.`
              : `Applications to ${program.name} closed on ${formatDay(closes?.toISOString())}.`,
      });
    }
    const seats = role === 'mentor' ? program.mentorSeats : program.menteeSeats;
    // Where staff select (cohorts), the places bound the selection, not the applications.
    if (seats !== null && seats !== undefined && programRules(program).placesLimit === 'enrollment') {
      const taken = await strapi.db.query(UID.profile).count({
        where: { program: program.id, role, profileStatus: { $in: [...SEATED_STATUSES] }, ...(excludeProfileId ? { id: { $ne: excludeProfileId } } : {}) },
      });
      if (taken >= seats) problems.push({ field: 'seats', message: `All ${seats} ${role} places in ${program.name} are taken.` });
    }
    const { outcomes } = evaluateEligibility(eligibilityRulesOf(program), role, answers, at);
    for (const outcome of outcomes) if (!outcome.passed) problems.push({ field: outcome.field, message: outcome.message });
    return problems;
  };

  const statusOnSubmit = (program: ProgramRecord, role: Role) => {
    const approval = role === 'mentor' ? program.mentorApprovalRequired : program.menteeApprovalRequired;
    if (approval) return 'submitted';
    return role === 'mentor' ? 'listed' : 'approved';
  };

  /** Locks the program row so seat counts and one-profile-per-role hold under concurrent enrollments. */
  const lockProgram = (program: ProgramRecord) => strapi.db.queryBuilder(UID.program).select(['id']).where({ id: program.id }).forUpdate().execute();

  return {
    /** Whether the member has a request or mentorship with this profile (they may then see its public side). */
    async sharesWith(userId: number, profileId: number): Promise<boolean> {
      const mine = (await this.profilesOf(userId)).map((profile) => profile.id);
      if (mine.length === 0) return false;
      const requests = await strapi.db.query(UID.request).count({
        where: { $or: [{ sender: { id: profileId }, addressee: { id: { $in: mine } } }, { addressee: { id: profileId }, sender: { id: { $in: mine } } }] },
      });
      if (requests > 0) return true;
      const mentorships = await strapi.db.query(UID.mentorship).count({
        where: { $or: [{ mentor: { id: profileId }, mentee: { id: { $in: mine } } }, { mentee: { id: profileId }, mentor: { id: { $in: mine } } }] },
      });
      return mentorships > 0;
    },

    /**
     * Another member's profile as a member sees it: its public side only, and only for a listed mentor
     * or someone the viewer has a request or mentorship with (null otherwise, answered as unknown).
     */
    async publicView(profile: OwnedProfile, viewerUserId: number) {
      const visible = (profile.role === 'mentor' && profile.profileStatus === 'listed') || (await this.sharesWith(viewerUserId, profile.id));
      if (!visible) return null;
      const type = await strapi.db.query(UID.profileType).findOne({ where: { program: profile.program.id, role: profile.role } });
      return {
        documentId: profile.documentId,
        program: { documentId: profile.program.documentId, slug: profile.program.slug, name: profile.program.name },
        role: profile.role,
        displayName: profile.displayName,
        careerPath: profile.careerPath ?? null,
        bio: profile.bio ?? null,
        answers: publicAnswers(profileFieldsOf(type?.fields), profile.answers ?? {}),
        availability: profile.role === 'mentor' ? profile.availability : null,
      };
    },

    async findOwned(documentId: string): Promise<OwnedProfile | null> {
      return (await strapi.db.query(UID.profile).findOne({
        where: { documentId },
        populate: { program: true, user: { select: ['id', 'documentId', 'email', 'username'] }, listing: { select: ['documentId', 'reconfirmBy'] } },
      })) as OwnedProfile | null;
    },

    async profilesOf(userId: number): Promise<OwnedProfile[]> {
      return (await strapi.db.query(UID.profile).findMany({
        where: { user: { id: userId } },
        populate: { program: true, user: { select: ['id', 'documentId', 'email', 'username'] }, listing: { select: ['documentId', 'reconfirmBy'] } },
        orderBy: { id: 'asc' },
      })) as OwnedProfile[];
    },

    /** The member's profile of `role` in the program, if any. */
    async profileOf(userId: number, programId: number, role: Role): Promise<OwnedProfile | null> {
      return (await strapi.db.query(UID.profile).findOne({
        where: { user: { id: userId }, program: programId, role },
        populate: { program: true, user: { select: ['id', 'documentId', 'email', 'username'] }, listing: { select: ['documentId', 'reconfirmBy'] } },
      })) as OwnedProfile | null;
    },

    admissionProblems,

    async create(userId: number, program: ProgramRecord, body: CreateProfileBody): Promise<OwnedProfile> {
      const fields = await profileType(program, body.role);
      checkAnswers(fields, body.answers, !body.draft);
      const documentId = await strapi.db.transaction(async () => {
        await lockProgram(program);
        if (await this.profileOf(userId, program.id, body.role)) {
          throw new ConflictError(`You already have a ${body.role} profile in ${program.name}`, 'duplicate');
        }
        if (!body.draft) {
          const problems = await admissionProblems(program, body.role, body.answers);
          if (problems.length > 0) throw notEligible(problems);
        }
        const at = now();
        const created = (await strapi.documents(UID.profile).create({
          data: {
            user: userId,
            program: program.documentId,
            role: body.role,
            displayName: body.displayName,
            answers: body.answers,
            bio: body.bio ?? null,
            careerPath: body.careerPath ?? null,
            capacity: body.role === 'mentor' ? programRules(program).capacityOf({ capacity: body.capacity }) : 1,
            profileStatus: body.draft ? 'draft' : statusOnSubmit(program, body.role),
            submittedAt: body.draft ? null : at,
            reconfirmedAt: body.role === 'mentor' && !body.draft ? at : null,
          },
        } as never)) as unknown as { documentId: string };
        return created.documentId;
      });
      return (await this.findOwned(documentId)) as OwnedProfile;
    },

    async update(profile: OwnedProfile, body: UpdateProfileBody): Promise<OwnedProfile> {
      const program = profile.program;
      const fields = await profileType(program, profile.role);
      const at = now();
      const data: Record<string, unknown> = {};
      for (const key of ['displayName', 'bio', 'careerPath', 'awayUntil'] as const) if (key in body) data[key] = body[key] ?? null;
      if (body.capacity !== undefined) {
        if (profile.role !== 'mentor') throw validationError([{ path: ['capacity'], message: 'only a mentor profile has a capacity' }]);
        data.capacity = body.capacity;
      }
      if (body.availability !== undefined) {
        if (profile.role !== 'mentor') throw validationError([{ path: ['availability'], message: 'only a mentor profile has an availability' }]);
        data.availability = body.availability;
      }
      // A return date is for an away mentor, and lies ahead; any other availability clears it.
      const availability = body.availability ?? profile.availability;
      if (body.awayUntil) {
        if (profile.role !== 'mentor') throw validationError([{ path: ['awayUntil'], message: 'only a mentor profile has a return date' }]);
        if (availability !== 'away') throw validationError([{ path: ['awayUntil'], message: 'a return date goes with availability "away"' }]);
        if (body.awayUntil <= isoDay(at)) throw validationError([{ path: ['awayUntil'], message: `must be a date after today (${isoDay(at)})` }]);
      }
      if (availability !== 'away') data.awayUntil = null;
      const answers = body.answers ?? profile.answers ?? {};
      let status = profile.profileStatus;

      switch (body.action) {
        case undefined:
          break;
        case 'submit': {
          if (!['draft', 'withdrawn', 'rejected'].includes(profile.profileStatus)) {
            throw new ConflictError(`This profile is ${profile.profileStatus}; only a draft, withdrawn or rejected profile can be submitted`, 'not-open');
          }
          checkAnswers(fields, answers, true);
          status = statusOnSubmit(program, profile.role) as typeof status;
          data.submittedAt = at;
          if (profile.role === 'mentor') data.reconfirmedAt = at;
          break;
        }
        case 'pause':
          if (profile.role !== 'mentor' || profile.profileStatus !== 'listed') throw new ConflictError('Only a listed mentor profile can be paused', 'not-open');
          status = 'paused';
          break;
        case 'relist':
          if (profile.role !== 'mentor' || profile.profileStatus !== 'paused') throw new ConflictError('Only a paused mentor profile can be listed again', 'not-open');
          status = 'listed';
          data.reconfirmedAt = at;
          break;
        case 'withdraw':
          if (profile.profileStatus === 'withdrawn') throw new ConflictError('This profile is already withdrawn', 'not-open');
          status = 'withdrawn';
          break;
      }
      if (body.answers !== undefined) {
        checkAnswers(fields, body.answers, status !== 'draft');
        data.answers = body.answers;
      }
      if (status !== profile.profileStatus) data.profileStatus = status;

      await strapi.db.transaction(async () => {
        if (body.action === 'submit') {
          await lockProgram(program);
          const problems = await admissionProblems(program, profile.role, answers, profile.id);
          if (problems.length > 0) throw notEligible(problems);
        }
        await strapi.documents(UID.profile).update({ documentId: profile.documentId, data } as never);
      });
      if (profile.role === 'mentor') {
        await getService(strapi, 'mentorships').refreshMentorLoad(profile.id);
        await getService(strapi, 'requests').moveOnFrom(profile.id);
      }
      return (await this.findOwned(profile.documentId)) as OwnedProfile;
    },

    /** The yearly "I am still available to mentor": resets the clock and lists a paused mentor again. */
    async reconfirm(profile: OwnedProfile): Promise<OwnedProfile> {
      if (profile.role !== 'mentor' || !['listed', 'paused'].includes(profile.profileStatus)) {
        throw new ConflictError('Only a listed or paused mentor profile is re-confirmed', 'not-open');
      }
      await strapi.documents(UID.profile).update({ documentId: profile.documentId, data: { reconfirmedAt: now(), profileStatus: 'listed' } } as never);
      return (await this.findOwned(profile.documentId)) as OwnedProfile;
    },
  };
};

export type EnrollmentService = ReturnType<typeof enrollment>;
export default enrollment;
