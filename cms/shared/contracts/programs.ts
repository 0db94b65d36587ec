import type { ProfileField } from '../profile-fields';
import type { Audience, ProgramStatus, ProgramStyle, Role } from '../vocabulary';

/** What the association website sees of a program (GET /api/mentorship/programs[/:slug]). */
export interface ProgramSummary {
  documentId: string;
  name: string;
  slug: string;
  style: ProgramStyle;
  status: ProgramStatus;
  description: string | null;
  enrollment: { alwaysOpen: boolean; opensAt: string | null; closesAt: string | null; openNow: boolean };
  seats: { mentor: number | null; mentee: number | null };
  relationshipMonths: number | null;
  /** a cohort's dates (YYYY-MM-DD): pairs announced by, kick-off and term end; every pair of the cohort runs from the kick-off (or its approval, if later) to the term end */
  term: { pairsAnnouncedBy: string | null; kickoff: string | null; end: string | null };
  renewalAllowed: boolean;
  engagementHoursPerMonth: number | null;
  requestResponseDays: number | null;
  rankedChoices: number;
  agreementRequired: boolean;
  approvalRequired: { mentor: boolean; mentee: boolean };
  mentorMayApproach: boolean;
  /** the person asked sees the name and e-mail address of whoever sends a request (in the e-mail and the request) */
  shareRequesterContact: boolean;
  directoryVisibility: 'public' | 'members';
  contactEmail: string | null;
}

export interface PublicEligibilityRule {
  field: string;
  role: Role;
  message: string;
}

export interface ProfileTypeView {
  role: Role;
  name: string;
  introduction: string | null;
  fields: ProfileField[];
}

export interface FaqView {
  documentId: string;
  question: string;
  answer: string;
  audience: Audience;
  order: number;
  global: boolean;
}

export interface ResourceView {
  documentId: string;
  title: string;
  summary: string | null;
  kind: 'document' | 'link' | 'video' | 'template';
  url: string | null;
  audience: Audience;
}

export interface PageView {
  documentId: string;
  title: string;
  slug: string;
  body: string | null;
  audience: Audience;
}

export interface ProgramDetail extends ProgramSummary {
  agreement: string | null;
  eligibility: PublicEligibilityRule[];
  profileTypes: ProfileTypeView[];
  guide: { locale: string; faq: FaqView[]; resources: ResourceView[]; pages: PageView[] };
}

export interface ListResponse<T> {
  data: T[];
  meta: { total: number };
}

export interface ItemResponse<T> {
  data: T;
}
