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

/** POST /mentorship/programs (admin, "Manage programs and directory listings"): a draft program from a style. */
export interface NewProgramBody {
  name: string;
  style: ProgramStyle;
}

export interface NewProgramResponse {
  documentId: string;
  slug: string;
}
