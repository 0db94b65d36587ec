import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { bodyOf, noQuery, parse, staffActor } from './admin-input';

const jobName = z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be a job name');

/** Scheduled jobs for operators: each job's last and next run, and running one now. */
const adminJob = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    parse(noQuery, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'job-runs').list() };
  },

  async run(ctx: Context) {
    const name = parse(jobName, ctx.params.name, 'name');
    parse(z.object({}).strict(), bodyOf(ctx), 'body');
    const jobs = getService(strapi, 'job-runs');
    const actor = staffActor(ctx);
    await jobs.run(name, 'staff', actor?.email ?? actor?.name ?? null);
    ctx.body = { data: (await jobs.list()).find((job) => job.name === name) };
  },
});

export default adminJob;
