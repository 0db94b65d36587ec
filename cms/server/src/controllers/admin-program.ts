import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { AdminProgramOverview } from '../../../shared/contracts/admin';
import type { ProgramRecord } from '../services/content/programs';
import { getService } from '../utils/get-service';
import { UID } from '../utils/uids';

const adminProgram = ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    const programs = (await strapi.documents(UID.program).findMany({ sort: ['name:asc'], limit: 500 })) as unknown as ProgramRecord[];
    // the same counts as each program's dashboard, from the same query
    const counts = await getService(strapi, 'dashboard').headCounts(programs.map((program) => program.id));
    const data: AdminProgramOverview[] = programs.map((program) => {
      const head = counts.get(program.id);
      return {
        documentId: program.documentId,
        name: program.name,
        slug: program.slug,
        style: program.style,
        status: program.programStatus,
        counts: { mentors: head?.mentors ?? 0, mentees: head?.mentees ?? 0, listed: head?.listedMentors ?? 0, submitted: head?.pendingApplications ?? 0 },
      };
    });
    ctx.body = { data };
  },
});

export default adminProgram;
