import type { Core } from '@strapi/strapi';
import { duplicateFieldKeys, profileFieldsSchema, reservedFieldKeys, validateAnswers } from '../../../../shared/profile-fields';
import { eligibilityRulesSchema, rulesAgainstQuestions } from '../../../../shared/eligibility';
import { matchingCriteriaSchema } from '../../../../shared/matching-criteria';
import { checkTemplate, variablesDocumentation } from './email-templates';
import { profileFieldsOf } from './programs';
import { refWhere, singleRelation, type RelationRef } from '../../utils/relations';
import { validationError, zodProblems, type Problem } from '../../utils/validation-error';
import { UID } from '../../utils/uids';

type Data = Record<string, unknown>;

/**
 * A JSON attribute as the Content Manager may send it (a JSON string) read as its value; a string
 * that is not JSON is a problem on that field rather than a confusing "expected array" later.
 */
const readJson = (data: Data, attribute: string, problems: Problem[]): void => {
  const value = data[attribute];
  if (typeof value !== 'string') return;
  if (value.trim() === '') {
    data[attribute] = null;
    return;
  }
  try {
    data[attribute] = JSON.parse(value);
  } catch (error) {
    problems.push({ path: [attribute], message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` });
  }
};

const dayOf = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value).slice(0, 10));

/**
 * A cohort's term: the kick-off and the term end go together, the kick-off comes first, and pairs
 * are announced no later than the kick-off.
 */
export const termProblems = (announced: unknown, kickoff: unknown, end: unknown): Problem[] => {
  const [announcedOn, kickoffOn, termEndsOn] = [dayOf(announced), dayOf(kickoff), dayOf(end)];
  const problems: Problem[] = [];
  if (kickoffOn && !termEndsOn) problems.push({ path: ['termEndsOn'], message: 'a cohort with a kick-off date needs a term end' });
  if (termEndsOn && !kickoffOn) problems.push({ path: ['kickoffOn'], message: 'a cohort with a term end needs a kick-off date' });
  if (kickoffOn && termEndsOn && kickoffOn >= termEndsOn) problems.push({ path: ['termEndsOn'], message: `the term must end after the kick-off (${kickoffOn})` });
  if (announcedOn && kickoffOn && announcedOn > kickoffOn) problems.push({ path: ['matchAnnouncedBy'], message: `pairs are announced on or before the kick-off (${kickoffOn})` });
  return problems;
};

/**
 * Rules every write of the plugin's content must satisfy, whoever writes it (the Content Manager,
 * the plugin's own API, a seed script). Runs as a document-service middleware before the write; a
 * failure is a ValidationError (HTTP 400) naming the field.
 */
const contentValidation = ({ strapi }: { strapi: Core.Strapi }) => {
  const existingOf = async (uid: string, documentId: unknown, populate: string[]): Promise<Data | null> =>
    typeof documentId === 'string'
      ? ((await strapi.documents(uid as typeof UID.program).findOne({ documentId, populate })) as unknown as Data | null)
      : null;

  /** The relation's target after this write: the new value when given, else the stored one. */
  const targetOf = (data: Data, existing: Data | null, attribute: string): RelationRef | null => {
    const given = singleRelation(data[attribute]);
    if (given !== undefined) return given;
    const stored = existing?.[attribute] as { documentId?: string } | null | undefined;
    return stored?.documentId ? { documentId: stored.documentId } : null;
  };

  const programOf = async (ref: RelationRef | null) =>
    ref ? ((await strapi.db.query(UID.program).findOne({ where: refWhere(ref) })) as { id: number; documentId: string } | null) : null;

  /** The questions of a program's profile types, by role (none for a program not yet stored). */
  const questionsOf = async (programDocumentId: unknown) => {
    const byRole: Partial<Record<'mentor' | 'mentee', ReturnType<typeof profileFieldsOf>>> = {};
    if (typeof programDocumentId !== 'string') return byRole;
    const types = (await strapi.db.query(UID.profileType).findMany({ where: { program: { documentId: programDocumentId } } })) as { role: 'mentor' | 'mentee'; fields: unknown }[];
    for (const type of types) byRole[type.role] = profileFieldsOf(type.fields);
    return byRole;
  };

  const merged = (data: Data, existing: Data | null, attribute: string) => (attribute in data ? data[attribute] : existing?.[attribute]);

  return {
    async checkProgram(data: Data, existing: Data | null) {
      const problems: Problem[] = [];
      readJson(data, 'eligibilityRules', problems);
      readJson(data, 'matchingCriteria', problems);
      if ('eligibilityRules' in data && data.eligibilityRules !== null && problems.length === 0) {
        const parsed = eligibilityRulesSchema.safeParse(data.eligibilityRules);
        if (!parsed.success) problems.push(...zodProblems('eligibilityRules', parsed.error.issues));
        else {
          data.eligibilityRules = parsed.data;
          // Once the program asks its questions, a rule must read one of them with an operator that fits it.
          const questions = await questionsOf(existing?.documentId);
          problems.push(...rulesAgainstQuestions(parsed.data, questions).map((problem) => ({ ...problem, path: ['eligibilityRules', ...problem.path] })));
        }
      }
      if ('matchingCriteria' in data && data.matchingCriteria !== null && !problems.some((problem) => problem.path[0] === 'matchingCriteria')) {
        const parsed = matchingCriteriaSchema.safeParse(data.matchingCriteria);
        if (!parsed.success) problems.push(...zodProblems('matchingCriteria', parsed.error.issues));
        else data.matchingCriteria = parsed.data;
      }
      const opens = merged(data, existing, 'enrollmentOpensAt');
      const closes = merged(data, existing, 'enrollmentClosesAt');
      if (opens && closes && new Date(String(opens)) > new Date(String(closes))) {
        problems.push({ path: ['enrollmentClosesAt'], message: 'the enrollment window closes before it opens' });
      }
      if (merged(data, existing, 'alwaysOpen') === false && !opens && !closes) {
        problems.push({ path: ['enrollmentOpensAt'], message: 'a program that is not always open needs an enrollment window' });
      }
      problems.push(...termProblems(merged(data, existing, 'matchAnnouncedBy'), merged(data, existing, 'kickoffOn'), merged(data, existing, 'termEndsOn')));
      if (problems.length > 0) throw validationError(problems);
    },

    async checkProfileType(data: Data, existing: Data | null) {
      const problems: Problem[] = [];
      readJson(data, 'fields', problems);
      if ('fields' in data && problems.length === 0) {
        const parsed = profileFieldsSchema.safeParse(data.fields);
        if (!parsed.success) {
          problems.push(...zodProblems('fields', parsed.error.issues));
          const reported = new Set(problems.map((problem) => problem.path.join('.')));
          for (const { index, key } of duplicateFieldKeys(data.fields)) {
            if (!reported.has(`fields.${index}.key`)) problems.push({ path: ['fields', index, 'key'], message: `duplicate field key "${key}"` });
          }
        } else data.fields = parsed.data;
        for (const { index, message } of reservedFieldKeys(data.fields)) problems.push({ path: ['fields', index, 'key'], message });
      }
      const program = await programOf(targetOf(data, existing, 'program'));
      const role = merged(data, existing, 'role');
      if (!program) problems.push({ path: ['program'], message: 'a profile type belongs to a program' });
      else if (typeof role === 'string') {
        const clash = await strapi.db.query(UID.profileType).findOne({ where: { program: program.id, role } });
        if (clash && clash.documentId !== existing?.documentId) {
          problems.push({ path: ['role'], message: `this program already has a ${role} profile type` });
        }
      }
      if (problems.length > 0) throw validationError(problems);
    },

    async checkProfile(data: Data, existing: Data | null) {
      const problems: Problem[] = [];
      readJson(data, 'answers', problems);
      if (problems.length > 0) throw validationError(problems);
      const program = await programOf(targetOf(data, existing, 'program'));
      const role = merged(data, existing, 'role');
      const user = targetOf(data, existing, 'user');
      if (!program) throw validationError([{ path: ['program'], message: 'a profile belongs to a program' }]);
      if (role !== 'mentor' && role !== 'mentee') throw validationError([{ path: ['role'], message: 'role must be mentor or mentee' }]);

      if (user) {
        const userRow = await strapi.db.query(UID.user).findOne({ where: refWhere(user) });
        if (!userRow) problems.push({ path: ['user'], message: 'no such member' });
        else {
          const clash = await strapi.db.query(UID.profile).findOne({ where: { user: userRow.id, program: program.id, role } });
          if (clash && clash.documentId !== existing?.documentId) {
            problems.push({ path: ['role'], message: `this member already has a ${role} profile in this program` });
          }
        }
      }

      const profileType = await strapi.db.query(UID.profileType).findOne({ where: { program: program.id, role } });
      if (!profileType) {
        problems.push({ path: ['role'], message: `this program has no ${role} profile type yet` });
      } else if ('answers' in data || !existing) {
        const status = merged(data, existing, 'profileStatus') ?? 'draft';
        const answerProblems = validateAnswers(profileFieldsOf(profileType.fields), data.answers ?? {}, {
          requireComplete: status !== 'draft',
        });
        problems.push(...answerProblems.map((problem) => ({ path: ['answers', ...(problem.field ? [problem.field] : [])], message: problem.message })));
      }
      const status = merged(data, existing, 'profileStatus');
      if (status === 'rejected' && !merged(data, existing, 'rejectionReason')) {
        problems.push({ path: ['rejectionReason'], message: 'a rejected profile needs a reason the member will see' });
      }
      if (merged(data, existing, 'availability') === 'away' && !merged(data, existing, 'awayUntil')) {
        problems.push({ path: ['awayUntil'], message: 'say until when the mentor is away' });
      }
      if (problems.length > 0) throw validationError(problems);
    },

    async checkEmailTemplate(data: Data, existing: Data | null) {
      const key = merged(data, existing, 'key');
      if (typeof key !== 'string' || key.length === 0) throw validationError([{ path: ['key'], message: 'key is required' }]);
      const problems = checkTemplate(key, {
        subject: merged(data, existing, 'subject') as string | undefined,
        html: merged(data, existing, 'html') as string | undefined,
        text: merged(data, existing, 'text') as string | undefined,
      });
      const program = await programOf(targetOf(data, existing, 'program'));
      const clash = await strapi.db.query(UID.emailTemplate).findOne({ where: { key, program: program ? program.id : { $null: true } } });
      if (clash && clash.documentId !== existing?.documentId) {
        problems.push({ path: ['key'], message: program ? `this program already overrides ${key}` : `a global ${key} template exists already` });
      }
      if (problems.length > 0) throw validationError(problems);
      data.variables = variablesDocumentation(key);
    },

    async checkResource(data: Data, existing: Data | null) {
      const url = merged(data, existing, 'url');
      const file = merged(data, existing, 'file');
      if (typeof url === 'string' && url.length > 0) {
        let parsed: URL | null = null;
        try {
          parsed = new URL(url);
        } catch {
          parsed = null;
        }
        if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
          throw validationError([{ path: ['url'], message: 'must be an http(s) address such as https://example.org/guide.pdf' }]);
        }
      } else if (!file) {
        throw validationError([{ path: ['url'], message: 'a resource needs a link or an uploaded file' }]);
      }
    },

    /** Entry point for the document-service middleware. */
    async check(uid: string, data: Data, documentId?: string) {
      switch (uid) {
        case UID.program:
          return this.checkProgram(data, await existingOf(uid, documentId, []));
        case UID.profileType:
          return this.checkProfileType(data, await existingOf(uid, documentId, ['program']));
        case UID.profile:
          return this.checkProfile(data, await existingOf(uid, documentId, ['program', 'user']));
        case UID.emailTemplate:
          return this.checkEmailTemplate(data, await existingOf(uid, documentId, ['program']));
        case UID.resource:
          return this.checkResource(data, await existingOf(uid, documentId, ['file']));
        default:
          return undefined;
      }
    },
  };
};

export type ContentValidationService = ReturnType<typeof contentValidation>;
export default contentValidation;
