import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { AdminProgramOverview } from '../../../shared/contracts/admin';
import type { ProgramRecord } from '../services/content/programs';
import { UID } from '../utils/uids';

const adminProgram = ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    const programs = (await strapi.documents(UID.program).findMany({ sort: ['name:asc'], limit: 500 })) as unknown as ProgramRecord[];
    const count = (programId: number, where: Record<string, unknown>) => strapi.db.query(UID.profile).count({ where: { program: programId, ...where } });
    const data: AdminProgramOverview[] = await Promise.all(
      programs.map(async (program) => ({
        documentId: program.documentId,
        name: program.name,
        slug: program.slug,
        style: program.style,
        status: program.programStatus,
        counts: {
          mentors: await count(program.id, { role: 'mentor' }),
          mentees: await count(program.id, { role: 'mentee' }),
          listed: await count(program.id, { role: 'mentor', profileStatus: 'listed' }),
          submitted: await count(program.id, { profileStatus: 'submitted' }),
        },
      })),
    );
    ctx.body = { data };
  },
});

export default adminProgram;
