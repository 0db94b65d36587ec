import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { evaluateEligibility } from '../../../../shared/eligibility';
import { answerLabels, optionsOf, ownAnswer, type Answers, type ProfileField } from '../../../../shared/profile-fields';
import type {
  ApplicationQuestionFilter,
  ApplicationsMeta,
  ApplicationsQuery,
  ApplicationView,
  BulkReviewBody,
  BulkReviewResponse,
  ReviewApplicationBody,
  StaffActor,
} from '../../../../shared/contracts/staff';
import type { ProfileStatus, ProgramStyle, Role } from '../../../../shared/vocabulary';
import { getService } from '../../utils/get-service';
import { ConflictError } from '../../utils/errors';
import { UID } from '../../utils/uids';
import { lockProfiles } from '../../utils/locks';
import { withTransaction } from '../../utils/transaction';
import { validationError } from '../../utils/validation-error';
import { allOf, answerConditions, anyOf, not, type SqlCondition, type SqlDialect } from './answer-sql';
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

  const notOpenMessage = (status: ProfileStatus) => `Only a submitted application can be reviewed; this one is ${status}`;

  /**
   * A review's change to one submitted profile (locked by the caller), its audit entry and the
   * member's e-mail in the outbox; call inside the review's transaction.
   */
  const apply = async (program: ProgramRecord, profile: ApplicantRecord, body: ReviewApplicationBody, actor: StaffActor | null, reviewedAt: string): Promise<void> => {
    const status: ProfileStatus =
      body.decision === 'reject' ? 'rejected' : profile.role === 'mentor' && DIRECTORY_STYLES.includes(program.style) ? 'listed' : 'approved';
    await strapi.documents(UID.profile).update({
      documentId: profile.documentId,
      data: { profileStatus: status, reviewedAt, rejectionReason: body.decision === 'reject' ? body.reason : null },
    } as never);
    await getService(strapi, 'audit').record({
      actor,
      action: body.decision === 'approve' ? 'application.approved' : 'application.rejected',
      subjectType: 'profile',
      subjectDocumentId: profile.documentId,
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
        dedupeKey: `application.${body.decision}:${profile.documentId}:${reviewedAt}`,
      });
    }
  };

  /** Table and column names of the profile, its program and user links, as Strapi laid them out. */
  const layout = () => {
    const columnOf = (uid: string, name: string): string => {
      const attribute = strapi.db.metadata.get(uid).attributes[name];
      return attribute && 'columnName' in attribute && typeof attribute.columnName === 'string' && attribute.columnName ? attribute.columnName : name;
    };
    const linkOf = (name: string) => {
      const attribute = strapi.db.metadata.get(UID.profile).attributes[name];
      const joinTable = attribute && 'joinTable' in attribute ? attribute.joinTable : undefined;
      if (!joinTable || !('joinColumn' in joinTable) || !('inverseJoinColumn' in joinTable)) throw new Error(`The profile's ${name} relation has no join table`);
      return { table: joinTable.name, profile: joinTable.joinColumn.name, target: joinTable.inverseJoinColumn.name };
    };
    return {
      profiles: strapi.db.metadata.get(UID.profile).tableName,
      users: strapi.db.metadata.get('plugin::users-permissions.user').tableName,
      program: linkOf('program'),
      user: linkOf('user'),
      column: (name: string) => `p.${columnOf(UID.profile, name)}`,
      email: `u.${columnOf('plugin::users-permissions.user', 'email')}`,
    };
  };

  const dialect = (): SqlDialect => (strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite');

  /** The questions staff can filter by: choice and region questions, and searchable short answers. */
  const filterableFields = (fields: ProfileField[]) =>
    fields.filter((field) => ['single-choice', 'multiple-choice', 'region'].includes(field.kind) || (field.searchable && ['text', 'country', 'languages'].includes(field.kind)));

  /**
   * The program's applications of one status (and role, and search) as a query on the profile
   * table `p`, joined to its user `u` for the e-mail address.
   */
  const baseQuery = (programId: number, filter: { role?: Role; status: ProfileStatus; q?: string }) => {
    const names = layout();
    const knex = strapi.db.connection;
    const query = knex({ p: names.profiles })
      .join({ pl: names.program.table }, `pl.${names.program.profile}`, 'p.id')
      .leftJoin({ ul: names.user.table }, `ul.${names.user.profile}`, 'p.id')
      .leftJoin({ u: names.users }, 'u.id', `ul.${names.user.target}`)
      .where(`pl.${names.program.target}`, programId)
      .where(names.column('profileStatus'), filter.status);
    if (filter.role) query.where(names.column('role'), filter.role);
    const needle = filter.q?.trim().toLowerCase();
    if (needle) {
      const pattern = `%${needle.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query.where((inner) => {
        inner.whereRaw(`lower(${names.column('displayName')}) LIKE ? ESCAPE '\\'`, [pattern]).orWhereRaw(`lower(${names.email}) LIKE ? ESCAPE '\\'`, [pattern]);
      });
    }
    return query;
  };

  /** Eligibility of a row of `p` as SQL: the rules of the row's role all hold. */
  const eligibleSql = (program: ProgramRecord): SqlCondition => {
    const names = layout();
    const conditions = answerConditions(dialect(), names.column('answers'));
    const rules = eligibilityRulesOf(program);
    const now = getService(strapi, 'clock').now();
    return anyOf(
      (['mentor', 'mentee'] as const).map((role) => allOf([{ sql: `(${names.column('role')} = ?)`, bindings: [role] }, conditions.eligible(rules, role, now)])),
    );
  };

  /** The values a question without a list of options has among the applications, for the filter's select. */
  const answeredValues = async (programId: number, status: ProfileStatus, field: ProfileField, roles: Role[]): Promise<string[]> => {
    const names = layout();
    const answers = names.column('answers');
    const query = baseQuery(programId, { status }).whereIn(names.column('role'), roles);
    if (dialect() === 'postgres') {
      const value = `(${answers} -> ?::text)`;
      query.joinRaw(
        `CROSS JOIN jsonb_array_elements(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} ELSE jsonb_build_array(${value}) END) AS answer_item(value)`,
        [field.key, field.key, field.key],
      );
      query.whereRaw(`jsonb_typeof(answer_item.value) = 'string'`).distinct(strapi.db.connection.raw(`answer_item.value #>> '{}' AS value`));
    } else {
      query.joinRaw(`CROSS JOIN json_each(${answers}, ?) AS answer_item`, [`$.${JSON.stringify(field.key)}`]);
      query.whereRaw(`answer_item.type = 'text'`).distinct({ value: 'answer_item.value' });
    }
    const rows = (await query.orderBy('value').limit(200)) as { value: string }[];
    return rows.map((row) => row.value).filter((value) => value !== '');
  };

  /**
   * The question filters offered for the roles shown, each with its options (both roles' lists when a
   * key is asked of both), or for a question without a list the values answered.
   */
  const questionFilters = async (programId: number, status: ProfileStatus, byRole: Map<Role, ProfileField[]>, role?: Role): Promise<ApplicationQuestionFilter[]> => {
    const filters = new Map<string, { filter: ApplicationQuestionFilter; fields: ProfileField[] }>();
    for (const current of ['mentee', 'mentor'] as const) {
      if (role && role !== current) continue;
      for (const field of filterableFields(byRole.get(current) ?? [])) {
        const known = filters.get(field.key);
        if (known) {
          known.filter.roles.push(current);
          known.fields.push(field);
        } else filters.set(field.key, { filter: { key: field.key, label: field.label, roles: [current], options: [] }, fields: [field] });
      }
    }
    const result: ApplicationQuestionFilter[] = [];
    for (const { filter, fields } of filters.values()) {
      const listed = fields.flatMap((field) => optionsOf(field) ?? []);
      const options = listed.length > 0
        ? listed.filter((option, index) => listed.findIndex((other) => other.value === option.value) === index)
        : (await answeredValues(programId, status, fields[0]!, filter.roles)).map((value) => ({ value, label: answerLabels(fields[0]!, value)[0] ?? value }));
      result.push({ ...filter, options });
    }
    return result;
  };

  /** Loads profiles by id with their users, in the order of `ids`. */
  const applicantsById = async (ids: number[]): Promise<ApplicantRecord[]> => {
    if (ids.length === 0) return [];
    const rows = (await strapi.db.query(UID.profile).findMany({ where: { id: { $in: ids } }, populate: { user: { select: ['id', 'documentId', 'email'] } } })) as ApplicantRecord[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  return {
    /** Submitted profiles of a program, oldest first, each with its eligibility rule by rule. */
    async queue(programDocumentId: string, filter: { role?: Role; status?: ProfileStatus } = {}): Promise<ApplicationView[]> {
      return (await this.page(programDocumentId, { role: filter.role, status: filter.status })).data;
    },

    /**
     * The queue filtered (role, status, eligible or not, an answer, name or e-mail), sorted and paged,
     * all in the database: eligibility rules and answers are read from the JSON answers in SQL
     * (`answer-sql.ts`), so the counts and a page cost two queries whatever the queue's length.
     * Without page or pageSize, every application is returned.
     */
    async page(programDocumentId: string, query: ApplicationsQuery): Promise<{ data: ApplicationView[]; meta: ApplicationsMeta }> {
      const program = await programOf(programDocumentId);
      const byRole = await fieldsByRole(programDocumentId);
      const status = query.status ?? 'submitted';
      const questions = await questionFilters(program.id, status, byRole, query.role);
      const names = layout();

      const filtered = () => {
        const base = baseQuery(program.id, { role: query.role, status, q: query.q });
        if (query.question !== undefined || query.answer !== undefined) {
          const question = questions.find((item) => item.key === query.question);
          if (!question) {
            throw validationError(
              [{ path: ['question'], message: query.question === undefined ? 'name the question the answer is to' : `is not a question to filter by (${questions.map((item) => item.key).join(', ') || 'none'})` }],
              'query',
            );
          }
          if (query.answer === undefined) throw validationError([{ path: ['answer'], message: `choose an answer to ${question.label}` }], 'query');
          const listed = question.roles.some((role) => byRole.get(role)?.some((field) => field.key === question.key && optionsOf(field)));
          if (listed && !question.options.some((option) => option.value === query.answer)) {
            throw validationError([{ path: ['answer'], message: `is not an option of ${question.label} (${question.options.map((option) => option.value).join(', ')})` }], 'query');
          }
          const condition = answerConditions(dialect(), names.column('answers')).includes(question.key, query.answer);
          base.whereRaw(condition.sql, condition.bindings).whereIn(names.column('role'), question.roles);
        }
        return base;
      };

      const eligible = eligibleSql(program);
      const withEligibility = () => {
        const base = filtered();
        if (query.eligible !== undefined) base.whereRaw(query.eligible ? eligible.sql : not(eligible).sql, eligible.bindings);
        return base;
      };

      const [totals] = (await withEligibility().select(
        strapi.db.connection.raw('COUNT(*) AS total'),
        strapi.db.connection.raw(`COALESCE(SUM(CASE WHEN ${eligible.sql} THEN 1 ELSE 0 END), 0) AS eligible`, eligible.bindings),
      )) as { total: number | string; eligible: number | string }[];
      const total = Number(totals?.total ?? 0);
      const eligibleCount = Number(totals?.eligible ?? 0);

      const paged = query.page !== undefined || query.pageSize !== undefined;
      const pageSize = paged ? (query.pageSize ?? 20) : Math.max(1, total);
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      const page = Math.min(query.page ?? 1, pageCount);

      const rows = withEligibility().select('p.id');
      const sort = query.sort ?? 'submitted-asc';
      if (sort === 'name') rows.orderByRaw(`lower(${names.column('displayName')}) ASC`).orderBy(names.column('documentId'), 'asc');
      else {
        const direction = sort === 'submitted-desc' ? 'desc' : 'asc';
        rows.orderBy(names.column('submittedAt'), direction, 'last').orderBy('p.id', direction);
      }
      if (paged) rows.limit(pageSize).offset((page - 1) * pageSize);
      const ids = ((await rows) as { id: number }[]).map((row) => row.id);
      const applicants = await applicantsById(ids);
      return {
        data: applicants.map((profile) => view(program, byRole.get(profile.role) ?? [], profile)),
        meta: { pagination: { page, pageSize, total, pageCount }, counts: { eligible: eligibleCount, notEligible: total - eligibleCount }, questions },
      };
    },

    /**
     * One decision and reason for many applications of a program, in one transaction: their rows are
     * locked (in the plugin's lock order) before any is read, so a review at the same time waits and
     * then finds them decided; each member's e-mail goes to the outbox in that same transaction.
     * Applications of another program or no longer submitted are listed as failed, not fatal.
     */
    async reviewMany(programDocumentId: string, body: BulkReviewBody, actor: StaffActor | null): Promise<BulkReviewResponse> {
      const program = await programOf(programDocumentId);
      const requested = [...new Set(body.profileDocumentIds)];
      const outcome = await withTransaction(strapi, async () => {
        const rows = (await strapi.db.query(UID.profile).findMany({ where: { program: program.id, documentId: { $in: requested } }, select: ['id', 'documentId'] })) as {
          id: number;
          documentId: string;
        }[];
        await lockProfiles(strapi, rows.map((row) => row.id));
        const locked = new Map((await applicantsById(rows.map((row) => row.id))).map((profile) => [profile.documentId, profile]));
        const reviewedAt = getService(strapi, 'clock').now().toISOString();
        const reviewedIds: number[] = [];
        const failed: BulkReviewResponse['failed'] = [];
        for (const profileDocumentId of requested) {
          const profile = locked.get(profileDocumentId);
          if (!profile) failed.push({ profileDocumentId, message: 'is not an application of this program' });
          else if (profile.profileStatus !== 'submitted') failed.push({ profileDocumentId, message: notOpenMessage(profile.profileStatus) });
          else {
            await apply(program, profile, body, actor, reviewedAt);
            reviewedIds.push(profile.id);
          }
        }
        return { reviewedIds, failed };
      });
      const byRole = await fieldsByRole(programDocumentId);
      const reviewed = (await applicantsById(outcome.reviewedIds)).map((profile) => view(program, byRole.get(profile.role) ?? [], profile));
      return { reviewed, failed: outcome.failed };
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
      if (profile.profileStatus !== 'submitted') throw new ConflictError(notOpenMessage(profile.profileStatus), 'not-open');
      const program = await programOf(profile.program.documentId);
      await apply(program, profile, body, actor, getService(strapi, 'clock').now().toISOString());
      return { program, role: profile.role };
    },
  };
};

export type ApplicationsService = ReturnType<typeof applications>;
export default applications;
