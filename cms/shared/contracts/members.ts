import type { Answers } from '../profile-fields';
import type { Availability, ProfileStatus, Role } from '../vocabulary';

/** The member API (content API with a users-permissions JWT): what members send and receive. */

export type RequestKind = 'discovery-call' | 'mentoring' | 'approach';
export type RequestStatus = 'open' | 'accepted' | 'declined' | 'withdrawn' | 'expired' | 'escalated' | 'closed';
export type MentorshipStatus = 'pending-agreement' | 'active' | 'ended' | 'completed';

/** POST /api/mentorship/programs/:slug/profiles */
export interface CreateProfileBody {
  role: Role;
  displayName: string;
  answers: Answers;
  bio?: string | null;
  careerPath?: string | null;
  capacity?: number;
  /** keep as a draft (incomplete answers allowed, nothing checked or submitted) */
  draft?: boolean;
}

/** PUT /api/mentorship/profiles/:id */
export interface UpdateProfileBody {
  displayName?: string;
  answers?: Answers;
  bio?: string | null;
  careerPath?: string | null;
  capacity?: number;
  availability?: Availability;
  awayUntil?: string | null;
  /** submit a draft, pause or re-list a listing, or withdraw */
  action?: 'submit' | 'pause' | 'relist' | 'withdraw';
}

/** A member's own profile: everything, including private answers. */
export interface OwnProfileView {
  documentId: string;
  program: { documentId: string; slug: string; name: string };
  role: Role;
  displayName: string;
  answers: Answers;
  status: ProfileStatus;
  rejectionReason: string | null;
  availability: Availability;
  awayUntil: string | null;
  capacity: number | null;
  bio: string | null;
  careerPath: string | null;
  submittedAt: string | null;
  reconfirmedAt: string | null;
  /** mentors: when the yearly re-confirmation is due */
  reconfirmBy: string | null;
}

export interface EligibilityProblem {
  field: string;
  message: string;
}

/**
 * What a member may see of a person in a directory (mentors, or mentees where mentors approach): public
 * fields only, never contact details.
 */
export interface ListingView {
  /** the person's profile documentId: the same id requests (`to`, `choices`), profiles and mentorships use */
  documentId: string;
  /** the same value as `documentId` (kept for clients written before the two were one) */
  profileDocumentId: string;
  displayName: string;
  careerPath: string | null;
  bio: string | null;
  answers: Answers;
  /** the label of each answer (option labels, country, language and region names), in the answer's shape */
  labels: Record<string, string | string[]>;
  availability: Availability;
  awayUntil: string | null;
  placesLeft: number;
  featured: boolean;
  relevance?: number;
  /** with sort=match: the matcher's score in [0, 1], whether the program's hard rules allow the pair, and the top reasons */
  match?: { score: number; eligible: boolean; reasons: { criterion: string; contribution: number }[] } | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface DirectoryResponse {
  data: ListingView[];
  meta: {
    total: number;
    page: number;
    pageSize: number;
    pageCount: number;
    sort: 'relevance' | 'match' | 'name';
    /** "ok" when ranked by the matcher, "unavailable" when it did not answer (relevance used instead) */
    matcher: 'ok' | 'unavailable' | 'not-used';
    facets: Record<string, { label: string; values: FacetValue[] }>;
  };
}

export interface ProfileRef {
  documentId: string;
  displayName: string;
  role: Role;
}

export interface RequestEvent {
  at: string;
  event: string;
  choice?: number;
  profile?: string;
  note?: string;
}

/** A person's contact details, where a request shares them (see `RequestView.contact`). */
export interface ContactView {
  name: string;
  email: string | null;
}

export interface RequestView {
  documentId: string;
  program: { documentId: string; slug: string };
  kind: RequestKind;
  status: RequestStatus;
  message: string | null;
  sender: ProfileRef;
  addressee: ProfileRef | null;
  /** ranked requests: the mentors in order (shown to the sender only) */
  choices: ProfileRef[] | null;
  currentChoice: number | null;
  deadline: string | null;
  reason: string | null;
  history: RequestEvent[] | null;
  mentorshipDocumentId: string | null;
  createdAt: string;
  /**
   * The other person's name and e-mail address, where they are shared with you: both ways once a
   * discovery call is accepted (until it is let go), and the sender's with the person asked where
   * the program shares the requester's contact. Null otherwise.
   */
  contact: ContactView | null;
}

/** POST /api/mentorship/requests/:id/accept: the request with the mentorship it started. */
export interface AcceptedRequestView extends RequestView {
  mentorship: MentorshipView | null;
}

/** POST /api/mentorship/programs/:slug/requests */
export interface CreateRequestBody {
  /** the addressee's profile documentId (a mentor, or a mentee when a mentor approaches) */
  to?: string;
  /** ranked requests: mentor profile documentIds, first choice first */
  choices?: string[];
  message: string;
  kind?: RequestKind;
}

export interface PlanObjective {
  title: string;
  targetDate: string | null;
  done: boolean;
}

export interface PlanMilestone {
  date: string;
  label: string;
}

export interface MentorshipPlan {
  objectives: PlanObjective[];
  timeline: PlanMilestone[];
}

export interface CheckInView {
  documentId: string;
  date: string;
  minutes: number;
  note: string | null;
  loggedBy: string | null;
}

export interface PartnerView extends ProfileRef {
  /** contact details: only ever shown to the other member of a mentorship */
  email: string | null;
}

export interface MentorshipView {
  documentId: string;
  program: { documentId: string; slug: string; name: string };
  status: MentorshipStatus;
  myRole: Role;
  mentor: PartnerView;
  mentee: PartnerView;
  /** null while the mentorship waits for the partnership agreement: its term runs from the day both have accepted it */
  startDate: string | null;
  endDate: string | null;
  agreement: { required: boolean; text: string | null; mentorAgreedAt: string | null; menteeAgreedAt: string | null };
  plan: MentorshipPlan;
  checkIns: CheckInView[];
  engagement: { minimumHoursPerMonth: number | null; thisMonthHours: number; lastMonthHours: number; meetsMinimum: boolean | null };
  renewal: { allowed: boolean; mentorAgreedAt: string | null; menteeAgreedAt: string | null; count: number };
  endedReason: string | null;
}

/** GET /api/mentorship/me */
export interface MeResponse {
  data: {
    member: { documentId: string; username: string; email: string };
    profiles: OwnProfileView[];
    requests: { sent: RequestView[]; received: RequestView[] };
    mentorships: MentorshipView[];
  };
}
