import type { ProgramStatus, ProgramStyle } from '../vocabulary';

/** GET /mentorship/programs (admin): every program with its head counts. */
export interface AdminProgramOverview {
  documentId: string;
  name: string;
  slug: string;
  style: ProgramStyle;
  status: ProgramStatus;
  counts: { mentors: number; mentees: number; listed: number; submitted: number };
}
