import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { NewProgramBody, NewProgramResponse, TemplatePreviewBody } from '../../../shared/contracts/admin';
import { previewTemplate } from '../services/content/email-templates';
import { PROGRAM_STYLES } from '../../../shared/vocabulary';
import { getService } from '../utils/get-service';
import { bodyOf, parse, staffActor } from './admin-input';

const newProgramSchema = z
  .object({ name: z.string().trim().min(2, 'needs a name of at least two characters').max(200), style: z.enum(PROGRAM_STYLES) })
  .strict() satisfies z.ZodType<NewProgramBody>;

const templateSource = z.string().max(100_000);
const previewSchema = z
  .object({ key: z.string().max(80), subject: templateSource, html: templateSource, text: templateSource })
  .strict() satisfies z.ZodType<TemplatePreviewBody>;

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

  /** Renders the template being edited (the admin's CSP forbids compiling Handlebars in the browser). */
  async previewTemplate(ctx: Context) {
    const body = parse(previewSchema, bodyOf(ctx), 'body');
    ctx.body = { data: previewTemplate(body.key, body) };
  },
});

export default adminEditor;
