import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { NewProgramBody, NewProgramResponse } from '../../../shared/contracts/admin';
import { PROGRAM_STYLES } from '../../../shared/vocabulary';
import { getService } from '../utils/get-service';
import { bodyOf, parse, staffActor } from './admin-input';

const newProgramSchema = z
  .object({ name: z.string().trim().min(2, 'needs a name of at least two characters').max(200), style: z.enum(PROGRAM_STYLES) })
  .strict() satisfies z.ZodType<NewProgramBody>;

/** Editors' actions on the plugin's pages. */
const adminEditor = ({ strapi }: { strapi: Core.Strapi }) => ({
  async createProgram(ctx: Context) {
    const body = parse(newProgramSchema, bodyOf(ctx), 'body');
    const created = await getService(strapi, 'program-styles').createFromStyle(body, getService(strapi, 'clock').now());
    await getService(strapi, 'audit').record({
      actor: staffActor(ctx),
      action: 'program.created',
      subjectType: 'program',
      subjectDocumentId: created.documentId,
      programDocumentId: created.documentId,
      details: { style: body.style },
    });
    const data: NewProgramResponse = created;
    ctx.status = 201;
    ctx.body = { data };
  },
});

export default adminEditor;
