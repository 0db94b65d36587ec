import type { MatchingCriterion } from '../matching-criteria';
import type { RuleOutcome } from '../eligibility';
import type { ProfileStatus, ProgramStatus, ProgramStyle, Role } from '../vocabulary';

/** Request and response shapes of the plugin's admin routes (staff pages), shared by server, admin and tests. */

export interface StaffActor {
  id: number;
  name: string;
  email: string | null;
}

export interface ProgramRef {
  documentId: string;
  name: string;
  slug: string;
  style: ProgramStyle;
  status: ProgramStatus;
}

/* ---------- matching runs ---------- */

export interface PairRef {
  menteeId: string;
  mentorId: string;
}

export interface PoolMember {
  /** profile documentId, also the participant id sent to the matcher */
  id: string;
  displayName: string;
  /** attribute values the criteria read */
  attributes: Record<string, unknown>;
  /** mentors: free places left (capacity minus active mentorships) */
  capacity?: number;
}

export interface RunPool {
  program: ProgramRef & { minimumMatchScore: number | null };
  criteria: MatchingCriterion[];
  mentees: PoolMember[];
  mentors: PoolMember[];
  /** the latest run of the program, if any */
  latestRunDocumentId: string | null;
}

export interface CriterionContribution {
  criterion: string;
  weight: number;
  /** how well the pair meets the criterion, 0..1 */
  match: number;
  /** this criterion's share of the score */
  contribution: number;
  passed?: boolean;
}

export interface ProposedPair extends PairRef {
  menteeName: string;
  mentorName: string;
  score: number;
  breakdown: CriterionContribution[];
  locked: boolean;
}

export interface UnmatchedMentee {
  menteeId: string;
  menteeName: string;
  /** the matcher's explanation, people named (never their ids) */
  reason: string;
  /** no-eligible-mentor, below-minimum-score or capacity-exhausted (runs stored before it have none) */
  code?: string;
  bestMentorId?: string;
  bestMentorName?: string;
  bestScore?: number;
}

/** A mentee and a mentor who would both rather be together than with their proposals (by the scores). */
export interface BlockingPair {
  menteeId: string;
  menteeName: string;
  mentorId: string;
  mentorName: string;
  score: number;
  menteeCurrentMentorId: string | null;
  menteeCurrentMentorName: string | null;
  menteeCurrentScore: number | null;
  displacedMenteeId: string | null;
  displacedMenteeName: string | null;
  displacedScore: number | null;
  menteeGain: number;
  mentorGain: number;
}

export interface RunStability {
  blockingPairs: number;
  /** the largest, over blocking pairs, of the smaller of the two gains; 0 when stable */
  strongestGain: number;
  /** the strongest blocking pairs, at most 50 */
  pairs: BlockingPair[];
}

export interface MentorLoad {
  mentorId: string;
  mentorName: string;
  load: number;
  capacity: number;
}

export interface RunResult {
  pairs: ProposedPair[];
  unmatched: UnmatchedMentee[];
  mentorLoads: MentorLoad[];
  totalScore: number;
  stats: Record<string, unknown>;
  /** absent on runs from a matcher without the stability report */
  stability?: RunStability | null;
  /** "change as few pairs as possible": what keeping the previous pairs cost (absent when not asked) */
  keep?: KeepReport | null;
}

export interface RunDiff {
  previousRunDocumentId: string;
  added: (PairRef & { menteeName: string; mentorName: string; score: number })[];
  removed: (PairRef & { menteeName: string; mentorName: string; score: number })[];
  unchanged: number;
  totalScoreBefore: number;
  totalScoreAfter: number;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'approved';

export interface RunSummary {
  documentId: string;
  programDocumentId: string;
  status: RunStatus;
  engine: string | null;
  engineVersion: string | null;
  inputHash: string | null;
  menteeCount: number;
  mentorCount: number;
  pairCount: number;
  unmatchedCount: number;
  totalScore: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  createdBy: StaffActor | null;
  approvedBy: StaffActor | null;
  approvedAt: string | null;
  errorMessage: string | null;
  /** a later run of the program that replaces this one's proposals; such a run cannot be approved */
  supersededBy?: string | null;
  /** blocking pairs of the proposals (stability report); null when not known */
  blockingPairs?: number | null;
}

export interface RunDetail extends RunSummary {
  previousRunDocumentId: string | null;
  criteria: MatchingCriterion[];
  weightOverrides: Record<string, number>;
  locked: PairRef[];
  excluded: PairRef[];
  result: RunResult | null;
  diff: RunDiff | null;
  timings: Record<string, number>;
  mentorshipDocumentIds: string[];
  /** display names of the run's pool, by profile documentId */
  names: Record<string, string>;
  /** proposals already turned into mentorships (a selection approved before the rest) */
  approvedPairs?: PairRef[];
}

export interface StartRunBody {
  programDocumentId: string;
  weights?: Record<string, number>;
  locked?: PairRef[];
  excluded?: PairRef[];
  /** the run this one revises; defaults to the program's latest run */
  previousRunDocumentId?: string;
  engine?: 'jv' | 'munkres';
  /** change as few pairs of the previous run as possible, giving up at most this share of the best total */
  keepPrevious?: { tolerance: number };
}

export interface Alternative {
  mentorId: string;
  mentorName: string;
  score: number;
  /** assigned score minus this score: how much worse this mentor fits */
  difference: number | null;
  breakdown: CriterionContribution[];
  /** what "pair with this mentor instead" would do to the run (absent once the run cannot change) */
  impact?: PairInsteadImpact;
}

export interface AlternativesResponse {
  menteeId: string;
  menteeName: string;
  assigned: { mentorId: string; mentorName: string; score: number } | null;
  alternatives: Alternative[];
}

export interface ApproveResponse {
  run: RunDetail;
  created: number;
  /** introduction e-mails this approval wrote to the outbox (0 when the run was approved before) */
  emailsQueued: number;
}

/** GET /mentorship/runs/:id/introductions: delivery of an approved run's introduction e-mails. */
export interface IntroductionProgress {
  /** written to the outbox, not delivered yet */
  queued: number;
  sent: number;
  /** the last attempt failed (retried later, up to a limit) */
  failed: number;
}

/* ---------- applications ---------- */

export interface AnswerView {
  key: string;
  label: string;
  value: string;
}

export interface ApplicationView {
  documentId: string;
  displayName: string;
  email: string | null;
  role: Role;
  status: ProfileStatus;
  submittedAt: string | null;
  answers: AnswerView[];
  /** each rule with the label of the question it reads */
  eligibility: { eligible: boolean; outcomes: (RuleOutcome & { label: string })[] };
}

export interface ReviewApplicationBody {
  decision: 'approve' | 'reject';
  reason?: string;
}

export type ApplicationSort = 'submitted-asc' | 'submitted-desc' | 'name';

/** GET /programs/:programId/applications query: every filter optional; no page or pageSize = all. */
export interface ApplicationsQuery {
  role?: Role;
  status?: ProfileStatus;
  eligible?: boolean;
  /** part of the name or e-mail address, any case */
  q?: string;
  sort?: ApplicationSort;
  page?: number;
  pageSize?: number;
  /** with `answer`: the key of one of `meta.questions`; only applications whose answer is (or includes) `answer` */
  question?: string;
  answer?: string;
}

/** A question staff can filter the queue by, with the values they can choose. */
export interface ApplicationQuestionFilter {
  key: string;
  label: string;
  roles: Role[];
  options: { value: string; label: string }[];
}

export interface ApplicationsMeta {
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
  /** of the filtered applications, before paging */
  counts: { eligible: number; notEligible: number };
  /** the choice and searchable questions of the role filtered by (or both), for the answer filter */
  questions: ApplicationQuestionFilter[];
}

/** One decision and one reason for many applications; each is reviewed on its own. */
export interface BulkReviewBody extends ReviewApplicationBody {
  profileDocumentIds: string[];
}

export interface BulkReviewResponse {
  reviewed: ApplicationView[];
  /** applications that could not be reviewed (already reviewed, not of this program...), with why */
  failed: { profileDocumentId: string; message: string }[];
}

/* ---------- dashboard ---------- */

export interface DashboardCounts {
  mentors: number;
  mentees: number;
  listedMentors: number;
  pendingApplications: number;
  openRequests: number;
  overdueRequests: number;
  escalations: number;
  activeMentorships: number;
  belowEngagement: number;
}

export interface ProgramDashboard {
  program: ProgramRef;
  counts: DashboardCounts;
  /** profiles per status, per role */
  profilesByStatus: { status: ProfileStatus; mentors: number; mentees: number }[];
  /** how many mentors carry 0, 1, 2, ... mentees */
  mentorLoad: { load: number; mentors: number }[];
  recentRuns: RunSummary[];
}

/* ---------- escalations and mentorships ---------- */

export interface EscalationView {
  documentId: string;
  menteeProfileDocumentId: string | null;
  menteeName: string;
  message: string | null;
  createdAt: string | null;
  choices: { mentorProfileDocumentId: string; mentorName: string }[];
}

export interface AssignEscalationBody {
  mentorProfileDocumentId: string;
  note?: string;
}

export interface CloseEscalationBody {
  reason: string;
}

export interface StaffMentorshipView {
  documentId: string;
  status: string;
  mentorProfileDocumentId: string | null;
  mentorName: string;
  menteeProfileDocumentId: string | null;
  menteeName: string;
  source: string | null;
  startedAt: string | null;
  endsAt: string | null;
}

export interface CreateMentorshipBody {
  programDocumentId: string;
  mentorProfileDocumentId: string;
  menteeProfileDocumentId: string;
  note?: string;
}

export interface ReassignMentorshipBody {
  mentorProfileDocumentId: string;
  reason: string;
}

export interface EndMentorshipBody {
  reason: string;
}

export interface AuditEntryView {
  documentId: string;
  at: string;
  actor: StaffActor | null;
  action: string;
  subjectType: string;
  subjectDocumentId: string | null;
  programDocumentId: string | null;
  details: Record<string, unknown>;
}

/* ---------- scheduled jobs ---------- */

/** One run of a scheduled job, as recorded when it finished. */
export interface JobRunView {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** "schedule": the cron rule fired; "staff": someone pressed "Run now" */
  trigger: 'schedule' | 'staff';
  /** the staff member who ran it now (null on schedule) */
  by: string | null;
  ok: boolean;
  /** what the job reports having done (counts), when it reports anything */
  result: unknown;
  error: string | null;
}

/** GET /mentorship/jobs: each job with its rule, last run and next scheduled run. */
export interface JobView {
  name: string;
  description: string;
  /** cron rule (minute hour day month weekday), server time */
  rule: string;
  lastRun: JobRunView | null;
  /** null where this server does not run the schedule (jobs disabled, tests) */
  nextRun: string | null;
}

/* ---------- CSV import of members' profiles ---------- */

export interface ImportProfilesBody {
  /** the CSV text: email, name, role, optional capacity, then one column per question key */
  csv: string;
  /** check every row and report, writing nothing */
  dryRun?: boolean;
}

export interface ImportProblem {
  /** line of the CSV file, 1 being the header */
  line: number;
  /** the column's header, null for a problem of the whole line */
  column: string | null;
  message: string;
}

export interface ProfileImportResult {
  dryRun: boolean;
  rows: number;
  valid: number;
  created: number;
  problems: ImportProblem[];
}

/* ---------- run review at scale: summary, pages of proposals, selections, waiting list ---------- */

export interface KeepReport {
  /** share of the best total score staff allowed to give up */
  tolerance: number;
  /** previous pairs whose two people are still in the pool (locked pairs not counted) */
  previousPairs: number;
  kept: number;
  changed: number;
  /** pairs that would have changed had the run only maximised the total */
  changedWithoutKeeping: number;
  bestTotalScore: number;
  scoreGivenUp: number;
}

/** A "pair with this mentor instead" staff applied to a run's proposals. */
export interface PairInsteadEdit {
  menteeId: string;
  menteeName: string;
  mentorId: string;
  mentorName: string;
  previousMentorId: string | null;
  previousMentorName: string | null;
  displacedMenteeId: string | null;
  displacedMenteeName: string | null;
  pairScoreChange: number;
  totalScoreChange: number;
  by: StaffActor | null;
  at: string;
}

/** GET /mentorship/runs/:id/summary: what the run page polls (no pairs: those come a page at a time). */
export interface RunOverview extends RunSummary {
  previousRunDocumentId: string | null;
  criteria: MatchingCriterion[];
  weightOverrides: Record<string, number>;
  timings: Record<string, number>;
  lockedCount: number;
  excludedCount: number;
  /** proposals turned into mentorships so far (a selection or all) */
  approvedCount: number;
  /** proposals neither approved nor excluded: what approving the rest would create */
  remainingCount: number;
  mentorshipCount: number;
  diff: Omit<RunDiff, 'added' | 'removed'> & { added: number; removed: number } | null;
  stability: RunStability | null;
  keep: KeepReport | null;
  edits: PairInsteadEdit[];
  carriedOverCount: number;
}

export type ProposalSort = 'score-desc' | 'score-asc' | 'mentee' | 'mentor';

/** GET /mentorship/runs/:id/proposals query. */
export interface ProposalsQuery {
  page?: number;
  /** at most 200; 50 by default */
  pageSize?: number;
  /** part of the mentee's or the mentor's name */
  search?: string;
  sort?: ProposalSort;
  locked?: boolean;
  /** only pairs the previous run did not propose */
  changed?: boolean;
  status?: 'proposed' | 'approved';
}

export interface ProposalRow extends ProposedPair {
  excluded: boolean;
  approved: boolean;
  /** not proposed by the previous run */
  changed: boolean;
  /** the mentee waited through an earlier run and was carried over */
  carriedOver: boolean;
}

export interface ProposalsPage {
  items: ProposalRow[];
  page: number;
  pageSize: number;
  pageCount: number;
  /** proposals matching the filters */
  total: number;
}

/** POST /mentorship/runs/:id/pairs: lock, unlock, exclude or allow many pairs in one request. */
export interface PairsChangeBody {
  lock?: PairRef[];
  unlock?: PairRef[];
  exclude?: PairRef[];
  allow?: PairRef[];
}

/** POST /mentorship/runs/:id/approve: a selection of proposals, or every remaining one when absent. */
export interface ApproveRunBody {
  pairs?: PairRef[];
}

export interface PairInsteadImpact {
  possible: boolean;
  /** why not, when not possible */
  blockedBy: string | null;
  /** the new pair's score minus the mentee's proposed score (the proposed score counts 0 when unmatched) */
  pairScoreChange: number;
  /** change of the run's total score, the displaced mentee's pair included */
  totalScoreChange: number;
  /** the mentor is full: this mentee (their lowest-scoring unlocked one) becomes unmatched */
  displaced: { menteeId: string; menteeName: string; score: number } | null;
}

/** POST /mentorship/runs/:id/pair-instead */
export interface PairInsteadBody {
  menteeId: string;
  mentorId: string;
}

export interface PairInsteadResponse {
  run: RunOverview;
  /** null when the mentee was already proposed with that mentor (nothing changed) */
  edit: PairInsteadEdit | null;
}

export interface WaitingMentee {
  menteeId: string;
  menteeName: string;
  reason: string;
  code: string | null;
  /** has a proposal that was not approved */
  proposed: boolean;
  carriedOver: boolean;
  bestMentorId?: string;
  bestMentorName?: string;
  bestScore?: number;
}

/** Mentors with these answers would place these mentees. */
export interface MentorsWanted {
  answers: { criterion: string; value: string }[];
  mentees: number;
  /** at the pool's usual capacity */
  mentorsNeeded: number;
  menteeNames: string[];
}

/** GET /mentorship/runs/:id/waiting */
export interface WaitingList {
  mentees: WaitingMentee[];
  wanted: MentorsWanted[];
  programName: string;
  contactEmail: string | null;
  usualCapacity: number;
}

/** POST /mentorship/runs/:id/waiting/carry-over: the mentees marked (all waiting ones when absent). */
export interface CarryOverBody {
  menteeIds?: string[];
}
