import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { ExportFile, ExportTable } from '../services/staff/exports';
import type { ImportProfilesBody } from '../../../shared/contracts/staff';
import { validationError } from '../utils/validation-error';
import { getService } from '../utils/get-service';
import { bodyOf, idParam, noQuery, parse, programParam, staffActor } from './admin-input';

const importSchema = z
  .object({ csv: z.string().min(1).max(5_000_000), dryRun: z.boolean().optional() })
  .strict() satisfies z.ZodType<ImportProfilesBody>;

/** `?format=xlsx` for a workbook; CSV without it. */
const exportQuery = z.object({ format: z.enum(['csv', 'xlsx']).optional() }).strict();

/** A file answered as a download: the browser saves it under its file name. */
const send = (ctx: Context, file: ExportFile) => {
  ctx.set('Content-Type', file.contentType);
  ctx.set('Content-Disposition', `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  ctx.body = file.body;
};

/** Staff's spreadsheets of a program and of a run. */
const adminExport = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Reads the format first (a bad one is a 400 before any work), then builds the table and sends it in that format. */
  const download = async (ctx: Context, table: () => Promise<ExportTable>) => {
    const { format } = parse(exportQuery, ctx.query, 'query');
    const exports = getService(strapi, 'exports');
    send(ctx, await exports.file(await table(), format));
  };

  return {
    async applications(ctx: Context) {
      await download(ctx, async () => getService(strapi, 'exports').applications(await programParam(strapi, ctx)));
    },

    async proposals(ctx: Context) {
      await download(ctx, async () => getService(strapi, 'exports').proposals(idParam(ctx, 'id')));
    },

    async profiles(ctx: Context) {
      await download(ctx, async () => getService(strapi, 'exports').profiles(await programParam(strapi, ctx)));
    },

    async mentorships(ctx: Context) {
      await download(ctx, async () => getService(strapi, 'exports').mentorships(await programParam(strapi, ctx)));
    },

    async engagement(ctx: Context) {
      await download(ctx, async () => getService(strapi, 'exports').engagement(await programParam(strapi, ctx)));
    },

    /** Members' profiles from a CSV: a dry run reports, a real run writes all rows or none (400 with every problem). */
    async importProfiles(ctx: Context) {
      parse(noQuery, ctx.query, 'query');
      const programId = await programParam(strapi, ctx);
      const body = parse(importSchema, bodyOf(ctx), 'body');
      const result = await getService(strapi, 'profile-import').importProfiles(programId, body.csv, body.dryRun ?? false, staffActor(ctx));
      if (!result.dryRun && result.problems.length > 0) {
        throw validationError(result.problems.map((problem) => ({ path: ['csv', `line ${problem.line}`, ...(problem.column ? [problem.column] : [])], message: problem.message })));
      }
      ctx.status = result.dryRun ? 200 : 201;
      ctx.body = { data: result };
    },
  };
};

export default adminExport;
