import type { ProgramStatus, ProgramStyle } from '../vocabulary';

/** GET /mentorship/programs (admin): every program with its head counts. */
export interface AdminProgramOverview {
  documentId: string;
  name: string;
  slug: string;
  style: ProgramStyle;
  status: ProgramStatus;
  /** the dashboard's head counts: enrolled (approved, listed or paused) mentors and mentees, listed mentors, applications awaiting review */
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

/** POST /mentorship/email-templates/preview (admin): a template being edited, rendered with sample values. */
export interface TemplatePreviewBody {
  key: string;
  subject: string;
  html: string;
  text: string;
}

export interface RenderedPart {
  output: string | null;
  /** why the part cannot be rendered ("line 2, column 13: ..."), or null */
  problem: string | null;
}

export interface TemplatePreview {
  known: boolean;
  description: string | null;
  variables: { name: string; description: string }[];
  subject: RenderedPart | null;
  html: RenderedPart | null;
  text: RenderedPart | null;
}
