import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parse } from 'csv-parse/sync';
import { validateAnswers, type ProfileField } from '../../../../shared/profile-fields';
import type { ImportProblem, ProfileImportResult, StaffActor } from '../../../../shared/contracts/staff';
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';
import { profileFieldsOf, type ProgramRecord } from '../content/programs';

/** Columns every import has; any other column is a question of the mentor or mentee profile type. */
const FIXED_COLUMNS = ['email', 'name', 'role', 'capacity'];
const MAX_ROWS = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Lists in one cell: "en; fr" or "en|fr", as association exports write them. */
const LIST_SEPARATOR = /\s*[;|]\s*/;

interface ParsedRow {
  line: number;
  email: string;
  name: string;
  role: 'mentor' | 'mentee';
  capacity: number | null;
  answers: Record<string, unknown>;
}

/** A CSV cell as the answer its question expects: lists split, numbers read; blanks left out. */
const answerOf = (field: ProfileField, cell: string): unknown => {
  const text = cell.trim();
  if (text === '') return undefined;
  if (field.kind === 'multiple-choice' || field.kind === 'languages') return text.split(LIST_SEPARATOR).filter(Boolean);
  if (field.kind === 'number' || field.kind === 'year') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  return text;
};

/**
 * Members' profiles from a CSV (an association's member export) into a program. Every row is
 * checked first, and its problems reported by line and column; nothing is written unless every row
 * passes. New e-mail addresses get a member account they claim with "forgot password".
 */
const profileImport = ({ strapi }: { strapi: Core.Strapi }) => {
  const programOf = async (programDocumentId: string): Promise<ProgramRecord> => {
    const program = (await strapi.documents(UID.program).findOne({ documentId: programDocumentId })) as unknown as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    return program;
  };

  /** Reads and checks every row; the rows that pass and the problems of those that do not. */
  const check = async (program: ProgramRecord, csv: string): Promise<{ rows: ParsedRow[]; total: number; problems: ImportProblem[] }> => {
    const problems: ImportProblem[] = [];
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(csv, { columns: (header: string[]) => header.map((name) => name.trim()), skip_empty_lines: true, bom: true, info: true, trim: false }) as typeof records;
    } catch (error) {
      const failure = error as Error & { lines?: number; column?: string | number };
      return { rows: [], total: 0, problems: [{ line: failure.lines ?? 1, column: null, message: `not a readable CSV: ${failure.message}` }] };
    }
    if (records.length > MAX_ROWS) return { rows: [], total: records.length, problems: [{ line: 1, column: null, message: `at most ${MAX_ROWS} rows per import` }] };

    const types = (await strapi.db.query(UID.profileType).findMany({ where: { program: program.id } })) as { role: string; fields: unknown }[];
    const fieldsByRole = new Map(types.map((type) => [type.role, profileFieldsOf(type.fields)]));
    const header = records.length > 0 ? Object.keys(records[0].record) : parse(csv, { to_line: 1, bom: true })[0] ?? [];
    const known = new Set([...FIXED_COLUMNS, ...[...fieldsByRole.values()].flat().map((field) => field.key)]);
    for (const column of ['email', 'name', 'role']) if (!header.includes(column)) problems.push({ line: 1, column, message: 'this column is required' });
    for (const column of header) if (!known.has(column)) problems.push({ line: 1, column, message: `is neither email, name, role, capacity nor a question of this program's profiles` });
    if (problems.length > 0) return { rows: [], total: records.length, problems };

    const seen = new Map<string, number>();
    const rows: ParsedRow[] = [];
    for (const { record, info } of records) {
      const line = info.lines;
      const rowProblems: ImportProblem[] = [];
      const email = (record.email ?? '').trim().toLowerCase();
      const name = (record.name ?? '').trim();
      const role = (record.role ?? '').trim().toLowerCase();
      if (!EMAIL.test(email)) rowProblems.push({ line, column: 'email', message: 'is not an e-mail address' });
      if (name.length === 0 || name.length > 120) rowProblems.push({ line, column: 'name', message: 'give a name of 1 to 120 characters' });
      if (role !== 'mentor' && role !== 'mentee') rowProblems.push({ line, column: 'role', message: 'must be mentor or mentee' });
      const fields = fieldsByRole.get(role);
      if ((role === 'mentor' || role === 'mentee') && !fields) rowProblems.push({ line, column: 'role', message: `this program has no ${role} profile type` });
      let capacity: number | null = null;
      const capacityCell = (record.capacity ?? '').trim();
      if (capacityCell !== '') {
        if (role !== 'mentor') rowProblems.push({ line, column: 'capacity', message: 'only mentors have a capacity' });
        else if (!/^\d+$/.test(capacityCell) || Number(capacityCell) < 1 || Number(capacityCell) > 50) rowProblems.push({ line, column: 'capacity', message: 'must be a whole number from 1 to 50' });
        else capacity = Number(capacityCell);
      }
      const key = `${email}|${role}`;
      if (seen.has(key)) rowProblems.push({ line, column: 'email', message: `repeats line ${seen.get(key)} for the same role` });
      else seen.set(key, line);

      const answers: Record<string, unknown> = {};
      if (fields) {
        const byKey = new Map(fields.map((field) => [field.key, field]));
        for (const [column, cell] of Object.entries(record)) {
          if (FIXED_COLUMNS.includes(column)) continue;
          const field = byKey.get(column);
          const value = field ? answerOf(field, cell) : undefined;
          if (!field) {
            if (cell.trim() !== '') rowProblems.push({ line, column, message: `is not a question of the ${role} profile` });
          } else if (value !== undefined) answers[column] = value;
        }
        for (const problem of validateAnswers(fields, answers, { requireComplete: true })) {
          rowProblems.push({ line, column: problem.field || null, message: problem.message });
        }
      }
      if (rowProblems.length === 0 && EMAIL.test(email)) {
        const user = (await strapi.db.query(UID.user).findOne({ where: { email } })) as { id: number } | null;
        if (user && (await strapi.db.query(UID.profile).count({ where: { user: user.id, program: program.id, role } })) > 0) {
          rowProblems.push({ line, column: 'email', message: `this member already has a ${role} profile in this program` });
        }
      }
      problems.push(...rowProblems);
      if (rowProblems.length === 0) rows.push({ line, email, name, role: role as 'mentor' | 'mentee', capacity, answers });
    }
    return { rows, total: records.length, problems };
  };

  return {
    /**
     * `dryRun`: reports what the import would do and every problem, writing nothing. Otherwise
     * imports all rows in one transaction, or none when any row has a problem (400 with the list).
     */
    async importProfiles(programDocumentId: string, csv: string, dryRun: boolean, actor: StaffActor | null): Promise<ProfileImportResult> {
      const program = await programOf(programDocumentId);
      const { rows, total, problems } = await check(program, csv);
      if (dryRun || problems.length > 0) {
        return { dryRun, rows: total, valid: rows.length, created: 0, problems };
      }
      const authenticated = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })) as { id: number } | null;
      if (!authenticated) throw new errors.ApplicationError('The members\' role is missing; the users-permissions plugin is not set up');
      await strapi.db.transaction(async () => {
        for (const row of rows) {
          let user = (await strapi.db.query(UID.user).findOne({ where: { email: row.email } })) as { id: number } | null;
          if (!user) {
            user = (await strapi.plugin('users-permissions').service('user').add({
              username: row.email,
              email: row.email,
              // Nobody knows this password: the member sets theirs with "forgot password".
              password: crypto.randomBytes(24).toString('base64url'),
              provider: 'local',
              confirmed: true,
              blocked: false,
              role: authenticated.id,
            })) as { id: number };
          }
          await strapi.documents(UID.profile).create({
            data: {
              user: user.id,
              program: program.documentId,
              role: row.role,
              displayName: row.name,
              profileStatus: 'approved',
              availability: 'available',
              ...(row.capacity !== null ? { capacity: row.capacity } : {}),
              answers: row.answers,
              submittedAt: getService(strapi, 'clock').now().toISOString(),
            },
          } as never);
        }
      });
      await getService(strapi, 'audit').record({
        actor,
        action: 'profiles.imported',
        subjectType: 'program',
        subjectDocumentId: program.documentId,
        programDocumentId: program.documentId,
        details: { rows: rows.length },
      });
      return { dryRun: false, rows: total, valid: rows.length, created: rows.length, problems: [] };
    },
  };
};

export type ProfileImportService = ReturnType<typeof profileImport>;
export default profileImport;
