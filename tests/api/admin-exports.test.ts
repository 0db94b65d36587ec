import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { createRequire } from 'module';
import { startApp, type TestApp } from '../helpers/strapi';
import { createAdmin, roleWith, superAdmin, type AdminSession } from '../helpers/staff-admin';
import { createMember, createProgram, type ProgramFixture } from '../helpers/cohort';
import { startMatcher, type RunningMatcher } from '../helpers/matcher';
import type { RunDetail } from '../../cms/shared/contracts/staff';

const rowsOf = (csv: string) => parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

/** read-excel-file's CommonJS build (its type declarations are ESM-only, as in the export service). */
const { readSheet }: typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } }) = createRequire(__filename)('read-excel-file/node');

/** supertest's parser for a binary body: the bytes as they came. */
const bytes = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('admin CSV exports and profile import', () => {
  let app: TestApp;
  let matcher: RunningMatcher;
  let admin: AdminSession;
  let reader: AdminSession;
  let outsider: AdminSession;
  let program: ProgramFixture;
  let run: RunDetail;

  beforeAll(async () => {
    matcher = await startMatcher();
    process.env.MATCHER_URL = matcher.url;
    app = await startApp();
    admin = await superAdmin(app.strapi);
    reader = await createAdmin(app.strapi, await roleWith(app.strapi, ['plugin::mentorship.read']), 'Reader');
    outsider = await createAdmin(app.strapi, await roleWith(app.strapi, ['plugin::mentorship.runs.execute']), 'Outsider');
    program = await createProgram(app.strapi);
    await createMember(app.strapi, program, 'mentor', { name: 'Ada Mentor', answers: { background: 'hospital', region: 'europe', interests: ['oncology'], languages: ['en'] } });
    await createMember(app.strapi, program, 'mentee', { name: 'Dee Mentee', answers: { studentMember: 'yes', background: 'hospital', region: 'europe', interests: ['oncology'], languages: ['en'] } });
    await createMember(app.strapi, program, 'mentee', { name: 'Eli Mentee', answers: { studentMember: 'yes', background: 'industry', region: 'europe', interests: ['oncology'], languages: ['en'] } });
    await createMember(app.strapi, program, 'mentee', { name: 'Hal Applicant', status: 'submitted' });
    const started = await app.http().post('/mentorship/runs').set(admin.auth).send({ programDocumentId: program.documentId }).expect(202);
    await app.strapi.plugin('mentorship').service('runs').whenIdle();
    run = (await app.http().get(`/mentorship/runs/${started.body.data.documentId}`).set(admin.auth).expect(200)).body.data as RunDetail;
    expect(run.status).toBe('succeeded');
  });

  afterAll(async () => {
    await app?.stop();
    await matcher?.stop();
  });

  it('when an export is asked for without a token, by a role that may not read, with a malformed program or for an unknown program, then 401, 403, 400 naming the field, 404', async () => {
    const path = `/mentorship/programs/${program.documentId}/export/applications`;
    await app.http().get(path).expect(401);
    await app.http().get(path).set(outsider.auth).expect(403);
    const bad = await app.http().get('/mentorship/programs/Not%20a%20program/export/mentorships').set(reader.auth).expect(400);
    expect(bad.body.error.message).toMatch(/^programId/);
    await app.http().get('/mentorship/programs/x/export/mentorships').set(reader.auth).expect(404);
    await app.http().get('/mentorship/programs/abcdefghijklmnopqrstuvwx/export/engagement').set(reader.auth).expect(404);
    await app.http().get('/mentorship/programs/no-such-program/export/profiles').set(reader.auth).expect(404);
    await app.http().get('/mentorship/runs/abcdefghijklmnopqrstuvwx/export/proposals').set(reader.auth).expect(404);
    const extra = await app.http().get(`${path}?page=2`).set(reader.auth).expect(400);
    expect(extra.body.error.message).toMatch(/^query/);
  });

  it('when staff export the applications, then a CSV download lists each waiting application with its eligibility and answers by label', async () => {
    const response = await app.http().get(`/mentorship/programs/${program.documentId}/export/applications`).set(reader.auth).expect(200);
    const bySlug = await app.http().get(`/mentorship/programs/${program.slug}/export/applications`).set(reader.auth).expect(200);
    expect(bySlug.text).toBe(response.text);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-applications\.csv"$/);
    const rows = rowsOf(response.text);
    expect(rows.map((row) => row.name)).toEqual(['Hal Applicant']);
    expect(rows[0]).toMatchObject({ role: 'mentee', status: 'submitted', eligible: expect.stringMatching(/^(yes|no)$/), Region: 'Europe' });
  });

  it('when staff export a run\'s proposals, then each pair comes with its score and every criterion\'s match and points, and unmatched mentees with their reason', async () => {
    const response = await app.http().get(`/mentorship/runs/${run.documentId}/export/proposals`).set(reader.auth).expect(200);
    expect(response.headers['content-disposition']).toMatch(/proposals\.csv"$/);
    const rows = rowsOf(response.text);
    const proposed = rows.filter((row) => row.status === 'proposed');
    expect(proposed).toHaveLength(run.result!.pairs.length);
    const [pair] = run.result!.pairs;
    const exported = proposed.find((row) => row['mentee id'] === pair.menteeId)!;
    expect(exported).toMatchObject({ mentee: pair.menteeName, mentor: pair.mentorName, 'mentor id': pair.mentorId, locked: 'no' });
    expect(Number(exported.score)).toBeCloseTo(pair.score, 4);
    for (const item of pair.breakdown) {
      expect(Number(exported[`${item.criterion} (match)`])).toBeCloseTo(item.match, 4);
      expect(Number(exported[`${item.criterion} (points)`])).toBeCloseTo(item.contribution, 4);
    }
    const unmatched = rows.filter((row) => row.status === 'unmatched');
    expect(unmatched.map((row) => row.mentee).sort()).toEqual(run.result!.unmatched.map((item) => item.menteeName).sort());
    for (const row of unmatched) expect(row.reason.length).toBeGreaterThan(0);
  });

  it('when staff export mentorships and engagement after approval, then each pair is listed with the hours logged against the program\'s minimum', async () => {
    await app.http().post(`/mentorship/runs/${run.documentId}/approve`).set(admin.auth).send({}).expect(200);
    const mentorships = rowsOf((await app.http().get(`/mentorship/programs/${program.documentId}/export/mentorships`).set(reader.auth).expect(200)).text);
    expect(mentorships.map((row) => `${row.mentee}/${row.mentor}`).sort()).toEqual(run.result!.pairs.map((pair) => `${pair.menteeName}/${pair.mentorName}`).sort());
    expect(mentorships.every((row) => row.source === 'matching-run')).toBe(true);

    const response = await app.http().get(`/mentorship/programs/${program.documentId}/export/engagement`).set(reader.auth).expect(200);
    expect(response.headers['content-disposition']).toMatch(/engagement\.csv"$/);
    const engagement = rowsOf(response.text);
    expect(engagement).toHaveLength(run.result!.pairs.length);
    expect(engagement[0]).toMatchObject({ 'hours logged': '0', 'hours in the last 30 days': '0' });
    expect(Object.keys(engagement[0])).toEqual(['mentorship id', 'mentor', 'mentee', 'status', 'started', 'hours logged', 'hours in the last 30 days', 'minimum hours per month', 'below the minimum']);
  });

  it('when staff import profiles without the right to manage programs, or with a malformed body, then 401, 403, 400 naming the field; nothing is written', async () => {
    const path = `/mentorship/programs/${program.documentId}/import/profiles`;
    await app.http().post(path).send({ csv: 'email,name,role\n', dryRun: true }).expect(401);
    await app.http().post(path).set(reader.auth).send({ csv: 'email,name,role\n', dryRun: true }).expect(403);
    expect((await app.http().post(path).set(admin.auth).send({ dryRun: true }).expect(400)).body.error.message).toMatch(/^body\.csv/);
    expect((await app.http().post(path).set(admin.auth).send({ csv: 'x', dryRun: 'yes' }).expect(400)).body.error.message).toMatch(/^body\.dryRun/);
    expect((await app.http().post(path).set(admin.auth).send({ csv: 'x', extra: 1 }).expect(400)).body.error.message).toMatch(/^body/);
    await app.http().post('/mentorship/programs/abcdefghijklmnopqrstuvwx/import/profiles').set(admin.auth).send({ csv: 'email,name,role\n' }).expect(404);
    const unreadable = await app.http().post(path).set(admin.auth).send({ csv: 'email,name,role\n"unclosed,x,mentee\n', dryRun: true }).expect(200);
    expect(unreadable.body.data.problems[0].message).toMatch(/^not a readable CSV/);
  });

  it('when staff export a program\'s profiles and import them into another with an error line, then the dry run names each problem by line and column and writes nothing, the real import refuses all, and without the bad line it creates every profile once', async () => {
    const exported = await app.http().get(`/mentorship/programs/${program.documentId}/export/profiles`).set(reader.auth).expect(200);
    expect(exported.headers['content-disposition']).toMatch(/profiles\.csv"$/);
    const lines = exported.text.trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^email,name,role,capacity,/);
    const originals = rowsOf(exported.text);
    expect(originals.map((row) => row.name).sort()).toEqual(['Ada Mentor', 'Dee Mentee', 'Eli Mentee']);

    const target = await createProgram(app.strapi);
    const profilesIn = () => app.strapi.db.query('plugin::mentorship.profile').count({ where: { program: target.id } });
    const header = lines[0].split(',');
    const bad = header.map((column) => ({ email: 'not-an-address', name: 'Bad Row', role: 'mentee', region: 'atlantis' })[column as 'email'] ?? '').join(',');
    // A newcomer (no account yet) at the end: a dry run must not create the account either.
    const newcomer = lines[2].replace(/^[^,]+,/, 'nia.newcomer@members.example.org,').replace('Dee Mentee', 'Nia Newcomer');
    const withError = [...lines.slice(0, 2), bad, ...lines.slice(2), newcomer].join('\n');
    const path = `/mentorship/programs/${target.slug}/import/profiles`;
    const accounts = () => app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'nia.newcomer@members.example.org' } });

    const dry = await app.http().post(path).set(admin.auth).send({ csv: withError, dryRun: true }).expect(200);
    expect(dry.body.data).toMatchObject({ dryRun: true, rows: 5, valid: 4, created: 0 });
    const problems = dry.body.data.problems as { line: number; column: string | null; message: string }[];
    expect(problems.filter((problem) => problem.line !== 3)).toEqual([]);
    expect(problems.map((problem) => problem.column)).toEqual(expect.arrayContaining(['email', 'region', 'interests']));
    expect(problems.find((problem) => problem.column === 'email')?.message).toBe('is not an e-mail address');
    expect(await profilesIn()).toBe(0);
    expect(await accounts()).toBe(0);

    const refused = await app.http().post(path).set(admin.auth).send({ csv: withError }).expect(400);
    expect(refused.body.error.message).toMatch(/^csv\.line 3\.email: is not an e-mail address/);
    expect(await profilesIn()).toBe(0);
    expect(await accounts()).toBe(0);

    const imported = await app.http().post(path).set(admin.auth).send({ csv: exported.text }).expect(201);
    expect(imported.body.data).toMatchObject({ dryRun: false, rows: 3, valid: 3, created: 3, problems: [] });
    expect(await profilesIn()).toBe(3);
    const again = rowsOf((await app.http().get(`/mentorship/programs/${target.documentId}/export/profiles`).set(reader.auth).expect(200)).text);
    expect(again).toEqual(originals);

    // Importing the same file again would duplicate every member: refused, line by line.
    const repeated = await app.http().post(path).set(admin.auth).send({ csv: exported.text, dryRun: true }).expect(200);
    expect(repeated.body.data.valid).toBe(0);
    expect(repeated.body.data.problems.map((problem: { line: number }) => problem.line)).toEqual([2, 3, 4]);
    expect(await profilesIn()).toBe(3);
  });

  it('when staff ask for an export as XLSX, then a workbook downloads whose header and rows, read back, are the CSV\'s; an unknown format is a 400', async () => {
    const exportsOf = [
      `/mentorship/programs/${program.slug}/export/applications`,
      `/mentorship/runs/${run.documentId}/export/proposals`,
      `/mentorship/programs/${program.slug}/export/profiles`,
      `/mentorship/programs/${program.slug}/export/mentorships`,
      `/mentorship/programs/${program.slug}/export/engagement`,
    ];
    for (const path of exportsOf) {
      const csv = parse((await app.http().get(path).set(reader.auth).expect(200)).text) as string[][];
      const response = await app.http().get(path).query({ format: 'xlsx' }).set(reader.auth).buffer(true).parse(bytes).expect(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.xlsx"$/);
      const sheet = await readSheet(response.body as Buffer);
      const read = sheet.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
      expect({ path, header: read[0] }).toEqual({ path, header: csv[0] });
      expect({ path, rows: read.length }).toEqual({ path, rows: csv.length });
      expect(csv.length).toBeGreaterThan(1);
      expect({ path, first: read[1] }).toEqual({ path, first: csv[1] });
    }
    const engagement = await readSheet((await app.http().get(exportsOf[4]).query({ format: 'xlsx' }).set(reader.auth).buffer(true).parse(bytes).expect(200)).body as Buffer);
    // Numbers stay numbers in the workbook.
    expect(typeof engagement[1][5]).toBe('number');
    const bad = await app.http().get(exportsOf[0]).query({ format: 'pdf' }).set(reader.auth).expect(400);
    expect(bad.body.error.message).toMatch(/^query\.format/);
  });
});
