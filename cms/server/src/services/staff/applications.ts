import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { evaluateEligibility } from '../../../../shared/eligibility';
import { answerLabels, ownAnswer, type Answers } from '../../../../shared/profile-fields';
import type { ApplicationsMeta, ApplicationsQuery, ApplicationView, BulkReviewBody, BulkReviewResponse, ReviewApplicationBody, StaffActor } from '../../../../shared/contracts/staff';
import type { ProfileStatus, ProgramStyle, Role } from '../../../../shared/vocabulary';
import { getService } from '../../utils/get-service';
import { ConflictError } from '../../utils/errors';
import { UID } from '../../utils/uids';
import { lockProfiles } from '../../utils/locks';
import { withTransaction } from '../../utils/transaction';
import type { ProfileRecord } from '../members/directory';
import { eligibilityRulesOf, profileFieldsOf, type ProgramRecord } from '../content/programs';

/** Styles whose mentors members find in the directory; in the others staff do the matching. */
export const DIRECTORY_STYLES: readonly ProgramStyle[] = ['open-directory', 'mentor-exchange', 'ranked-cascade'];

/** Region codes read as words ("north-america" → "North america"); other labels are already words. */
const readable = (field: { kind: string; options?: unknown[] }, labels: string[]) =>
  field.kind === 'region' && !field.options?.length ? labels.map((label) => label.charAt(0).toUpperCase() + label.slice(1).replace(/-/g, ' ')) : labels;

type ApplicantRecord = ProfileRecord & { submittedAt?: string | null; user?: { id: number; documentId: string; email?: string | null } | null };

const applications = ({ strapi }: { strapi: Core.Strapi }) => {
  const programOf = async (programDocumentId: string): Promise<ProgramRecord> => {
    const program = (await strapi.documents(UID.program).findOne({ documentId: programDocumentId })) as unknown as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    return program;
  };

  const fieldsByRole = async (programDocumentId: string) => {
    const types = (await strapi.documents(UID.profileType).findMany({ filters: { program: { documentId: programDocumentId } } })) as unknown as {
      role: Role;
      fields: unknown;
    }[];
    return new Map(types.map((type) => [type.role, profileFieldsOf(type.fields)]));
  };

  const view = (program: ProgramRecord, fields: ReturnType<typeof profileFieldsOf>, profile: ApplicantRecord): ApplicationView => {
    const answers = (profile.answers ?? {}) as Answers;
    const eligibility = evaluateEligibility(eligibilityRulesOf(program), profile.role, answers, getService(strapi, 'clock').now());
    const labelOf = (key: string) => fields.find((field) => field.key === key)?.label ?? key;
    return {
      documentId: profile.documentId,
      displayName: profile.displayName,
      email: profile.user?.email ?? null,
      role: profile.role,
      status: profile.profileStatus,
      submittedAt: profile.submittedAt ?? null,
      answers: fields
        .filter((field) => Object.hasOwn(answers, field.key))
        .map((field) => ({ key: field.key, label: field.label, value: readable(field, answerLabels(field, ownAnswer(answers, field.key) ?? null)).join(', ') })),
      eligibility: { eligible: eligibility.eligible, outcomes: eligibility.outcomes.map((outcome) => ({ ...outcome, label: labelOf(outcome.field) })) },
    };
  };

  return {
    /** Submitted profiles of a program, oldest first, each with its eligibility rule by rule. */
    async queue(programDocumentId: string, filter: { role?: Role; status?: ProfileStatus } = {}): Promise<ApplicationView[]> {
      const program = await programOf(programDocumentId);
      const fields = await fieldsByRole(programDocumentId);
      const profiles = (await strapi.documents(UID.profile).findMany({
        filters: { program: { documentId: programDocumentId }, profileStatus: filter.status ?? 'submitted', ...(filter.role ? { role: filter.role } : {}) },
        populate: ['user'],
        sort: ['submittedAt:asc', 'id:asc'],
        limit: 500,
      })) as unknown as ApplicantRecord[];
      return profiles.map((profile) => view(program, fields.get(profile.role) ?? [], profile));
    },

    /**
     * The queue filtered (role, status, eligible or not, name or e-mail), sorted and paged. The queue
     * is read whole (at most 500, as `queue`) because eligibility is evaluated here, not in the database.
     */
    async page(programDocumentId: string, query: ApplicationsQuery): Promise<{ data: ApplicationView[]; meta: ApplicationsMeta }> {
      const all = await this.queue(programDocumentId, { role: query.role, status: query.status });
      const needle = query.q?.trim().toLowerCase() ?? '';
      const filtered = all.filter(
        (application) =>
          (query.eligible === undefined || application.eligibility.eligible === query.eligible) &&
          (!needle || application.displayName.toLowerCase().includes(needle) || (application.email ?? '').toLowerCase().includes(needle)),
      );
      const sort = query.sort ?? 'submitted-asc';
      if (sort === 'submitted-desc') filtered.reverse();
      if (sort === 'name') filtered.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.documentId.localeCompare(b.documentId));
      const paged = query.page !== undefined || query.pageSize !== undefined;
      const pageSize = paged ? (query.pageSize ?? 20) : Math.max(1, filtered.length);
      const pageCount = Math.max(1, Math.ceil(filtered.length / pageSize));
      const page = Math.min(query.page ?? 1, pageCount);
      const eligible = filtered.filter((application) => application.eligibility.eligible).length;
      return {
        data: filtered.slice((page - 1) * pageSize, page * pageSize),
        meta: { pagination: { page, pageSize, total: filtered.length, pageCount }, counts: { eligible, notEligible: filtered.length - eligible } },
      };
    },

    /** One decision and reason for many applications of a program, each through `review`; failures are listed, not fatal. */
    async reviewMany(programDocumentId: string, body: BulkReviewBody, actor: StaffActor | null): Promise<BulkReviewResponse> {
      const program = await programOf(programDocumentId);
      const inProgram = new Set(
        ((await strapi.db.query(UID.profile).findMany({ where: { program: program.id, documentId: { $in: body.profileDocumentIds } }, select: ['documentId'] })) as { documentId: string }[]).map(
          (row) => row.documentId,
        ),
      );
      const reviewed: ApplicationView[] = [];
      const failed: BulkReviewResponse['failed'] = [];
      for (const profileDocumentId of [...new Set(body.profileDocumentIds)]) {
        if (!inProgram.has(profileDocumentId)) {
          failed.push({ profileDocumentId, message: 'is not an application of this program' });
          continue;
        }
        try {
          reviewed.push(await this.review(profileDocumentId, { decision: body.decision, reason: body.reason }, actor));
        } catch (error) {
          if (error instanceof ConflictError || error instanceof errors.NotFoundError) failed.push({ profileDocumentId, message: error.message });
          else throw error;
        }
      }
      return { reviewed, failed };
    },

    /**
     * Approves or rejects a submitted profile and tells the member. An approved mentor is listed in the
     * directory of programs that have one; elsewhere approval puts them in the matching pool.
     */
    async review(profileDocumentId: string, body: ReviewApplicationBody, actor: StaffActor | null): Promise<ApplicationView> {
      const reviewed = await withTransaction(strapi, () => this.decide(profileDocumentId, body, actor));
      const fields = await fieldsByRole(reviewed.program.documentId);
      const updated = (await strapi.documents(UID.profile).findOne({ documentId: profileDocumentId, populate: ['user'] })) as unknown as ApplicantRecord;
      return view(reviewed.program, fields.get(reviewed.role) ?? [], updated);
    },

    /**
     * The review's change, its audit entry and the member's e-mail (queued in the outbox), all in one
     * transaction; the profile's row is locked first, so of two reviews at once only one finds it submitted.
     */
    async decide(profileDocumentId: string, body: ReviewApplicationBody, actor: StaffActor | null): Promise<{ program: ProgramRecord; role: Role }> {
      const found = (await strapi.db.query(UID.profile).findOne({ where: { documentId: profileDocumentId }, select: ['id'] })) as { id: number } | null;
      if (found) await lockProfiles(strapi, [found.id]);
      const profile = (await strapi.documents(UID.profile).findOne({ documentId: profileDocumentId, populate: ['program', 'user'] })) as unknown as ApplicantRecord | null;
      if (!profile || !profile.program) throw new errors.NotFoundError(`No profile ${profileDocumentId}`);
      if (profile.profileStatus !== 'submitted') throw new ConflictError(`Only a submitted application can be reviewed; this one is ${profile.profileStatus}`, 'not-open');
      const program = await programOf(profile.program.documentId);
      const reviewedAt = getService(strapi, 'clock').now().toISOString();
      const status: ProfileStatus =
        body.decision === 'reject' ? 'rejected' : profile.role === 'mentor' && DIRECTORY_STYLES.includes(program.style) ? 'listed' : 'approved';
      await strapi.documents(UID.profile).update({
        documentId: profileDocumentId,
        data: { profileStatus: status, reviewedAt, rejectionReason: body.decision === 'reject' ? body.reason : null },
      } as never);
      await getService(strapi, 'audit').record({
        actor,
        action: body.decision === 'approve' ? 'application.approved' : 'application.rejected',
        subjectType: 'profile',
        subjectDocumentId: profileDocumentId,
        programDocumentId: program.documentId,
        details: { role: profile.role, status, ...(body.reason ? { reason: body.reason } : {}) },
      });
      if (profile.user?.email) {
        await getService(strapi, 'notifications').queue({
          key: body.decision === 'approve' ? 'application.approved' : 'application.rejected',
          to: { email: profile.user.email, name: profile.displayName },
          programDocumentId: program.documentId,
          variables: {
            profile: { role: profile.role, reason: body.reason ?? '' },
          },
          dedupeKey: `application.${body.decision}:${profileDocumentId}:${reviewedAt}`,
        });
      }
      return { program, role: profile.role };
    },
  };
};

export type ApplicationsService = ReturnType<typeof applications>;
export default applications;
