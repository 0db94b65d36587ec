import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createRequire } from 'module';
import { stringify } from 'csv-stringify/sync';
import type { Cell as XlsxCell } from 'write-excel-file/node' with { 'resolution-mode': 'import' };
import { getService } from '../../utils/get-service';
import { UID } from '../../utils/uids';
import { LIVE_MENTORSHIP_STATUSES } from '../../../../shared/vocabulary';
import { profileFieldsOf, type ProgramRecord } from '../content/programs';

/** A table staff download, before it is written as CSV or XLSX: file name (without extension), sheet title, header and rows. */
export interface ExportTable {
  name: string;
  sheet: string;
  header: string[];
  rows: Cell[][];
}

export type ExportFormat = 'csv' | 'xlsx';

/** A download in either format: its name, media type and content. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

export type Cell = string | number | boolean | null | undefined;

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula: a member's answer "=HYPERLINK(...)"
 * must stay text (OWASP "CSV injection"). Numbers are left alone.
 */
const safeCell = (value: Cell): Cell => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const toCsv = (header: string[], rows: Cell[][]): string =>
  stringify([header, ...rows.map((row) => row.map(safeCell))], { cast: { boolean: (value) => (value ? 'yes' : 'no') } });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The same table as a one-sheet workbook: a bold header row that stays in view, numbers as numbers,
 * yes/no as in the CSV. Cells are typed strings, never formulas, so no "CSV injection" guard is needed.
 */
const toXlsx = async (sheet: string, header: string[], rows: Cell[][]): Promise<Buffer> => {
  // The package's CommonJS build, typed by its declarations (which are ESM-only); loaded when first asked for.
  const { default: writeXlsxFile }: typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } }) = createRequire(__filename)('write-excel-file/node');
  const cell = (value: Cell): XlsxCell => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : (value ?? null));
  return writeXlsxFile([header.map((title) => ({ value: title, fontWeight: 'bold' as const })), ...rows.map((row) => row.map(cell))], {
    sheet: sheet.slice(0, 31),
    stickyRowsCount: 1,
  }).toBuffer();
};

const slugPart = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'program';
const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

/** Staff's spreadsheets: applications, a run's proposals, mentorships and engagement of a program, as CSV or XLSX. */
const exportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const programOf = async (programDocumentId: string): Promise<ProgramRecord> => {
    const program = (await strapi.documents(UID.program).findOne({ documentId: programDocumentId })) as unknown as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    return program;
  };

  return {
    /** A table as the file staff asked for: CSV (formula-safe text) or an XLSX workbook of one sheet. */
    async file(table: ExportTable, format: ExportFormat = 'csv'): Promise<ExportFile> {
      if (format === 'xlsx') return { filename: `${table.name}.xlsx`, contentType: XLSX_TYPE, body: await toXlsx(table.sheet, table.header, table.rows) };
      return { filename: `${table.name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(table.header, table.rows) };
    },

    /** The applications waiting for review, one row each, with every answer by its question's label. */
    async applications(programDocumentId: string): Promise<ExportTable> {
      const program = await programOf(programDocumentId);
      const queue = await getService(strapi, 'applications').queue(programDocumentId);
      const labels = [...new Set(queue.flatMap((application) => application.answers.map((answer) => answer.label)))];
      const rows = queue.map((application) => {
        const answers = new Map(application.answers.map((answer) => [answer.label, answer.value]));
        const failed = application.eligibility.outcomes.filter((outcome) => !outcome.passed).map((outcome) => outcome.label);
        return [
          application.documentId,
          application.displayName,
          application.email,
          application.role,
          application.status,
          application.submittedAt,
          application.eligibility.eligible,
          failed.join('; '),
          ...labels.map((label) => answers.get(label) ?? ''),
        ];
      });
      return {
        name: `${slugPart(program.slug ?? program.name)}-applications`,
        sheet: 'Applications',
        header: ['profile id', 'name', 'email', 'role', 'status', 'submitted at', 'eligible', 'rules failed', ...labels],
        rows,
      };
    },

    /** A run's proposals with every criterion's match and points, then its unmatched mentees with the reason. */
    async proposals(runDocumentId: string): Promise<ExportTable> {
      const run = await getService(strapi, 'runs').get(runDocumentId);
      const criteria = run.criteria.map((criterion) => criterion.name);
      const approved = new Set((run.approvedPairs ?? []).map((pair) => `${pair.menteeId}|${pair.mentorId}`));
      const rows: Cell[][] = (run.result?.pairs ?? []).map((pair): Cell[] => {
        const byCriterion = new Map(pair.breakdown.map((item) => [item.criterion, item]));
        return [
          approved.has(`${pair.menteeId}|${pair.mentorId}`) ? 'approved' : 'proposed',
          pair.menteeId,
          pair.menteeName,
          pair.mentorId,
          pair.mentorName,
          round(pair.score),
          pair.locked,
          '',
          ...criteria.flatMap((name): Cell[] => {
            const item = byCriterion.get(name);
            return item ? [round(item.match), round(item.contribution)] : ['', ''];
          }),
        ];
      });
      for (const item of run.result?.unmatched ?? []) {
        rows.push(['unmatched', item.menteeId, item.menteeName, item.bestMentorId ?? '', item.bestMentorName ?? '', item.bestScore === undefined ? '' : round(item.bestScore), false, item.reason, ...criteria.flatMap(() => ['', ''])]);
      }
      const day = (run.startedAt ?? '').slice(0, 10);
      return {
        name: `run-${day}-${run.documentId}-proposals`,
        sheet: 'Proposals',
        header: ['status', 'mentee id', 'mentee', 'mentor id', 'mentor', 'score', 'locked', 'reason', ...criteria.flatMap((name) => [`${name} (match)`, `${name} (points)`])],
        rows,
      };
    },

    /**
     * The program's approved and listed profiles in the import's own format (email, name, role,
     * capacity, then each question by key, lists joined by "; "): a template for an import, and a
     * way to carry members into another program.
     */
    async profiles(programDocumentId: string): Promise<ExportTable> {
      const program = await programOf(programDocumentId);
      const types = (await strapi.db.query(UID.profileType).findMany({ where: { program: program.id }, orderBy: [{ role: 'asc' }] })) as { role: string; fields: unknown }[];
      const keys = [...new Set(types.flatMap((type) => profileFieldsOf(type.fields).map((field) => field.key)))];
      const profiles = (await strapi.db.query(UID.profile).findMany({
        where: { program: program.id, profileStatus: { $in: ['approved', 'listed'] } },
        populate: { user: { select: ['email'] } },
        orderBy: [{ role: 'asc' }, { displayName: 'asc' }, { id: 'asc' }],
      })) as { role: string; displayName: string; capacity?: number | null; answers?: Record<string, unknown> | null; user?: { email?: string | null } | null }[];
      const cell = (value: unknown): Cell => (Array.isArray(value) ? value.join('; ') : value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : (value as Cell));
      return {
        name: `${slugPart(program.slug ?? program.name)}-profiles`,
        sheet: 'Profiles',
        header: ['email', 'name', 'role', 'capacity', ...keys],
        rows: profiles.map((profile) => [
            profile.user?.email ?? '',
            profile.displayName,
            profile.role,
            profile.role === 'mentor' ? (profile.capacity ?? '') : '',
            ...keys.map((key) => (profile.answers && Object.hasOwn(profile.answers, key) ? cell(profile.answers[key]) : '')),
          ]),
      };
    },

    /** Every mentorship of the program, whatever its status. */
    async mentorships(programDocumentId: string): Promise<ExportTable> {
      const program = await programOf(programDocumentId);
      const list = await getService(strapi, 'staff-mentorships').list(programDocumentId);
      return {
        name: `${slugPart(program.slug ?? program.name)}-mentorships`,
        sheet: 'Mentorships',
        header: ['mentorship id', 'mentor id', 'mentor', 'mentee id', 'mentee', 'status', 'source', 'started', 'ends'],
        rows: list.map((item) => [item.documentId, item.mentorProfileDocumentId, item.mentorName, item.menteeProfileDocumentId, item.menteeName, item.status, item.source, item.startedAt, item.endsAt]),
      };
    },

    /**
     * Hours each active pair logged, against the program's monthly minimum: in total, and over the
     * last 30 days, the window the dashboard judges (pairs younger than a month are not judged).
     */
    async engagement(programDocumentId: string): Promise<ExportTable> {
      const program = await programOf(programDocumentId);
      const minimumHours = program.engagementHoursPerMonth ? Number(program.engagementHoursPerMonth) : 0;
      const now = getService(strapi, 'clock').now();
      const since = new Date(now.getTime() - 30 * 86400000);
      const sinceDay = since.toISOString().slice(0, 10);
      const pairs = (await strapi.db.query(UID.mentorship).findMany({
        where: { program: program.id, mentorshipStatus: { $in: [...LIVE_MENTORSHIP_STATUSES] } },
        select: ['id', 'documentId', 'mentorshipStatus', 'startDate'],
        populate: { mentor: { select: ['documentId', 'displayName'] }, mentee: { select: ['documentId', 'displayName'] } },
        orderBy: [{ id: 'asc' }],
      })) as { id: number; documentId: string; mentorshipStatus: string; startDate?: string | null; mentor?: { documentId: string; displayName: string } | null; mentee?: { documentId: string; displayName: string } | null }[];
      const rows: Cell[][] = [];
      for (const pair of pairs) {
        const checkIns = (await strapi.db.query(UID.checkIn).findMany({ where: { mentorship: pair.id }, select: ['minutes', 'date'] })) as { minutes?: number | null; date?: string | null }[];
        const total = checkIns.reduce((sum, checkIn) => sum + (checkIn.minutes ?? 0), 0);
        const recent = checkIns.filter((checkIn) => (checkIn.date ?? '') >= sinceDay).reduce((sum, checkIn) => sum + (checkIn.minutes ?? 0), 0);
        const judged = pair.mentorshipStatus === 'active' && Boolean(pair.startDate) && new Date(pair.startDate ?? '') <= since && minimumHours > 0;
        rows.push([
          pair.documentId,
          pair.mentor?.displayName,
          pair.mentee?.displayName,
          pair.mentorshipStatus,
          pair.startDate,
          round(total / 60, 2),
          round(recent / 60, 2),
          minimumHours,
          judged ? recent < minimumHours * 60 : '',
        ]);
      }
      return {
        name: `${slugPart(program.slug ?? program.name)}-engagement`,
        sheet: 'Engagement',
        header: ['mentorship id', 'mentor', 'mentee', 'status', 'started', 'hours logged', 'hours in the last 30 days', 'minimum hours per month', 'below the minimum'],
        rows,
      };
    },
  };
};

export type ExportsService = ReturnType<typeof exportsService>;
export default exportsService;
