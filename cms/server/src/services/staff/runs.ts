import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import type {
  AlternativesResponse,
  ApproveResponse,
  PairRef,
  PoolMember,
  RunDetail,
  RunDiff,
  RunPool,
  RunResult,
  RunStatus,
  RunSummary,
  IntroductionProgress,
  PairInsteadEdit,
  StaffActor,
  StartRunBody,
} from '../../../../shared/contracts/staff';
import { ACTIVE_MENTEE_STATUSES, MATCHABLE_MENTOR_STATUSES } from '../../../../shared/vocabulary';
import { getService } from '../../utils/get-service';
import { programRules } from '../../utils/program-rules';
import { withTransaction } from '../../utils/transaction';
import { UID } from '../../utils/uids';
import { LIVE_STATUSES, type MentorshipRecord } from '../members/mentorships';
import type { NotificationInput } from '../platform/notifications';
import { validationError, type Problem } from '../../utils/validation-error';
import { MatcherError } from '../platform/matcher-client';
import { ConflictError } from '../../utils/errors';
import { buildInputs, namePeople, readMatchResult, readScores, type FrozenInputs } from '../platform/matching-wire';
import { ownAnswer } from '../../../../shared/profile-fields';
import { matchingCriteriaOf, type ProgramRecord } from '../content/programs';
import type { ProfileRecord } from '../members/directory';
import { cohortPlaces, limitToPlaces, notSelectedMessages } from './cohort-selection';

export interface RunRecord {
  id: number;
  documentId: string;
  runStatus: RunStatus;
  program?: { documentId: string } | null;
  previousRunDocumentId?: string | null;
  inputs?: FrozenInputs | null;
  criteria?: MatchingCriterion[] | null;
  weightOverrides?: Record<string, number> | null;
  engine?: string | null;
  engineVersion?: string | null;
  inputHash?: string | null;
  menteeCount?: number | null;
  mentorCount?: number | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  durationMs?: number | null;
  timings?: Record<string, number> | null;
  result?: RunResult | null;
  locked?: PairRef[] | null;
  excluded?: PairRef[] | null;
  diff?: RunDiff | null;
  errorMessage?: string | null;
  createdByAdmin?: StaffActor | null;
  approvedByAdmin?: StaffActor | null;
  approvedAt?: string | null;
  mentorshipDocumentIds?: string[] | null;
  /** names of the pool's members, kept with the frozen inputs */
  names?: Record<string, string> | null;
  /** proposals already turned into mentorships (a selection approved before the rest) */
  approvedPairs?: PairRef[] | null;
  /** mentees who waited through an earlier run and were carried over to this one */
  carriedOver?: string[] | null;
  /** "pair with this mentor instead" changes staff made to the proposals */
  edits?: PairInsteadEdit[] | null;
  createdAt?: string | null;
}

/** Profiles a run may pair (one list each, shared with the rest of the plugin). */
export const POOL_MENTEE_STATUSES = ACTIVE_MENTEE_STATUSES;
export const POOL_MENTOR_STATUSES = MATCHABLE_MENTOR_STATUSES;
/** The dedupe-key prefix of a run's introduction e-mails (their delivery progress is counted by it). */
const introductionKey = (runDocumentId: string) => `match.introduction:${runDocumentId}:`;

export const pairKey = (pair: PairRef) => `${pair.menteeId}|${pair.mentorId}`;

export const toSummary = (run: RunRecord): RunSummary => ({
  documentId: run.documentId,
  programDocumentId: run.program?.documentId ?? '',
  status: run.runStatus,
  engine: run.engine ?? null,
  engineVersion: run.engineVersion ?? null,
  inputHash: run.inputHash ?? null,
  menteeCount: run.menteeCount ?? 0,
  mentorCount: run.mentorCount ?? 0,
  pairCount: run.result?.pairs.length ?? 0,
  unmatchedCount: run.result?.unmatched.length ?? 0,
  totalScore: run.result ? run.result.totalScore : null,
  startedAt: run.startedAt ?? null,
  finishedAt: run.finishedAt ?? null,
  durationMs: run.durationMs ?? null,
  createdBy: run.createdByAdmin ?? null,
  approvedBy: run.approvedByAdmin ?? null,
  approvedAt: run.approvedAt ?? null,
  errorMessage: run.errorMessage ?? null,
  supersededBy: null,
  blockingPairs: run.result?.stability ? run.result.stability.blockingPairs : null,
});

/**
 * A run is superseded once a later run of its program is approved, all of it or a selection of its
 * pairs: its proposals were drawn from a pool that no longer exists. Later runs that are only proposals do not supersede it, so staff can
 * compare a re-run with the run it revised and still approve the one they prefer.
 */
const REPLACING_STATUSES: RunStatus[] = ['approved'];

/** Runs stored before reasons named people still carry ids in them: name them on the way out. */
const withNamedReasons = (run: RunRecord): RunRecord => {
  if (!run.result || !run.names) return run;
  const names = new Map(Object.entries(run.names));
  return { ...run, result: { ...run.result, unmatched: run.result.unmatched.map((item) => ({ ...item, reason: namePeople(item.reason, names) })) } };
};

const toDetail = (stored: RunRecord): RunDetail => {
  const run = withNamedReasons(stored);
  return {
  ...toSummary(run),
  previousRunDocumentId: run.previousRunDocumentId ?? null,
  criteria: run.criteria ?? [],
  weightOverrides: run.weightOverrides ?? {},
  locked: run.locked ?? [],
  excluded: run.excluded ?? [],
  result: run.result ?? null,
  diff: run.diff ?? null,
  timings: run.timings ?? {},
  mentorshipDocumentIds: run.mentorshipDocumentIds ?? [],
  names: run.names ?? {},
  approvedPairs: run.approvedPairs ?? [],
  };
};

/** Compares two runs' pairs: what a re-run changed. */
export const diffRuns = (previous: RunRecord, result: RunResult): RunDiff => {
  const before = new Map((previous.result?.pairs ?? []).map((pair) => [pairKey(pair), pair]));
  const after = new Map(result.pairs.map((pair) => [pairKey(pair), pair]));
  const pick = (pair: RunResult['pairs'][number]) => ({ menteeId: pair.menteeId, mentorId: pair.mentorId, menteeName: pair.menteeName, mentorName: pair.mentorName, score: pair.score });
  return {
    previousRunDocumentId: previous.documentId,
    added: [...after.values()].filter((pair) => !before.has(pairKey(pair))).map(pick),
    removed: [...before.values()].filter((pair) => !after.has(pairKey(pair))).map(pick),
    unchanged: [...after.keys()].filter((key) => before.has(key)).length,
    totalScoreBefore: previous.result?.totalScore ?? 0,
    totalScoreAfter: result.totalScore,
  };
};

/** Values the criteria read from a profile: its answers, plus the few profile columns criteria may name. */
const attributesOf = (profile: ProfileRecord, keys: Set<string>): Record<string, unknown> => {
  const answers = (profile.answers ?? {}) as Record<string, unknown>;
  const columns: Record<string, unknown> = { capacity: profile.capacity, careerPath: profile.careerPath };
  const attributes: Record<string, unknown> = {};
  for (const key of keys) {
    const value = Object.hasOwn(answers, key) ? answers[key] : ownAnswer(columns, key);
    if (value !== undefined && value !== null && value !== '') attributes[key] = value;
  }
  return attributes;
};

/** One introduction e-mail per person of each new pair, with the partner's contact details and the mentorship's dates. */
const introductionsOf = (runDocumentId: string, created: MentorshipRecord[]): NotificationInput[] =>
  created.flatMap((mentorship) => {
    const { mentor, mentee } = mentorship;
    if (!mentor?.user?.email || !mentee?.user?.email) return [];
    return [
      { self: mentee, partner: mentor, side: 'mentee' },
      { self: mentor, partner: mentee, side: 'mentor' },
    ].map(({ self, partner, side }) => ({
      key: 'match.introduction',
      to: { email: self.user?.email ?? '', name: self.displayName },
      programDocumentId: mentorship.program?.documentId,
      variables: {
        mentee: { name: mentee.displayName },
        mentor: { name: mentor.displayName },
        partner: { name: partner.displayName, email: partner.user?.email ?? '' },
        mentorship: { start: mentorship.startDate, end: mentorship.endDate ?? '' },
      },
      dedupeKey: `${introductionKey(runDocumentId)}${mentee.documentId}:${mentor.documentId}:${side}`,
    }));
  });

const runs = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Executions under way in this process, so shutdown and tests can wait for them. */
  const pending = new Set<Promise<void>>();

  const findProgram = async (programDocumentId: string): Promise<ProgramRecord> => {
    const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId } })) as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError(`No program ${programDocumentId}`);
    return program;
  };

  const findRun = async (documentId: string): Promise<RunRecord> => {
    const run = (await strapi.db.query(UID.matchingRun).findOne({ where: { documentId }, populate: ['program'] })) as RunRecord | null;
    if (!run) throw new errors.NotFoundError(`No matching run ${documentId}`);
    return run;
  };

  /** Live mentorships per profile documentId (both sides). */
  const activeLoads = async (programId: number): Promise<Map<string, number>> => {
    const loads = new Map<string, number>();
    const rows = (await strapi.db.query(UID.mentorship).findMany({
      where: { program: programId, mentorshipStatus: { $in: LIVE_STATUSES } },
      populate: { mentor: { select: ['documentId'] }, mentee: { select: ['documentId'] } },
    })) as { mentor?: { documentId: string } | null; mentee?: { documentId: string } | null }[];
    for (const row of rows) {
      for (const side of [row.mentor, row.mentee]) if (side) loads.set(side.documentId, (loads.get(side.documentId) ?? 0) + 1);
    }
    return loads;
  };

  const service = {
    async pool(programDocumentId: string): Promise<RunPool> {
      const program = await findProgram(programDocumentId);
      const criteria = matchingCriteriaOf(program);
      const keys = new Set(criteria.flatMap((criterion) => [criterion.menteeAttribute, criterion.mentorAttribute]).filter((key): key is string => Boolean(key)));
      const loads = await activeLoads(program.id);
      const profiles = (await strapi.db.query(UID.profile).findMany({
        where: {
          program: program.id,
          $or: [
            { role: 'mentee', profileStatus: { $in: [...POOL_MENTEE_STATUSES] } },
            { role: 'mentor', profileStatus: { $in: [...POOL_MENTOR_STATUSES] }, availability: 'available' },
          ],
        },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      })) as ProfileRecord[];
      const mentees: PoolMember[] = [];
      const mentors: PoolMember[] = [];
      for (const profile of profiles) {
        const load = loads.get(profile.documentId) ?? 0;
        if (profile.role === 'mentee') {
          if (load === 0) mentees.push({ id: profile.documentId, displayName: profile.displayName, attributes: attributesOf(profile, keys) });
        } else {
          const free = programRules(program).capacityOf(profile) - load;
          if (free > 0) mentors.push({ id: profile.documentId, displayName: profile.displayName, attributes: attributesOf(profile, keys), capacity: free });
        }
      }
      const latest = (await strapi.db.query(UID.matchingRun).findOne({
        where: { program: program.id },
        select: ['documentId'],
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })) as RunRecord | null;
      return {
        program: {
          documentId: program.documentId,
          name: program.name,
          slug: program.slug,
          style: program.style,
          status: program.programStatus,
          minimumMatchScore: program.minimumMatchScore === null || program.minimumMatchScore === undefined ? null : Number(program.minimumMatchScore),
        },
        criteria,
        mentees,
        mentors,
        latestRunDocumentId: latest?.documentId ?? null,
      };
    },

    async list(programDocumentId: string): Promise<RunSummary[]> {
      const rows = (await strapi.db.query(UID.matchingRun).findMany({
        where: { program: { documentId: programDocumentId } },
        populate: ['program'],
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: 100,
      })) as RunRecord[];
      // Newest first: each run is superseded by the nearest newer approved run.
      let newer: string | null = null;
      return rows.map((row) => {
        const summary = { ...toSummary(row), supersededBy: row.runStatus === 'approved' ? null : newer };
        if (REPLACING_STATUSES.includes(row.runStatus) || (row.approvedPairs?.length ?? 0) > 0) newer = row.documentId;
        return summary;
      });
    },

    async get(documentId: string): Promise<RunDetail> {
      const run = await findRun(documentId);
      return { ...toDetail(run), supersededBy: await this.supersededBy(run) };
    },

    /** The nearest later approved run of the same program, which replaces this one's proposals, if any. */
    async supersededBy(run: RunRecord): Promise<string | null> {
      if (run.runStatus === 'approved' || !run.program || !run.createdAt) return null;
      const later = (await strapi.db.query(UID.matchingRun).findOne({
        select: ['documentId'],
        where: {
          program: { documentId: run.program.documentId },
          // A run with some pairs approved replaces earlier ones too: its approvals changed the pool.
          $and: [{ $or: [{ runStatus: { $in: REPLACING_STATUSES } }, { approvedPairs: { $notNull: true } }] }],
          $or: [{ createdAt: { $gt: run.createdAt } }, { createdAt: run.createdAt, id: { $gt: run.id } }],
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })) as { documentId: string } | null;
      return later?.documentId ?? null;
    },

    /** Refuses approving a run that a later run replaced: its proposals are no longer what staff see. */
    async assertNotSuperseded(documentId: string): Promise<void> {
      const run = await findRun(documentId);
      const later = await this.supersededBy(run);
      if (later) throw new ConflictError(`This run was superseded by the later run ${later}; approve that one instead`, 'superseded');
    },

    /**
     * Freezes the pool, criteria (with this run's weights) and options, stores the run as running and
     * calls the matcher in the background; the caller polls the run.
     */
    async start(body: StartRunBody, actor: StaffActor | null): Promise<RunDetail> {
      const pool = await this.pool(body.programDocumentId);
      const problems: Problem[] = [];
      const names = new Set(pool.criteria.map((criterion) => criterion.name));
      for (const name of Object.keys(body.weights ?? {})) {
        if (!names.has(name)) problems.push({ path: ['weights', name], message: `the program has no criterion "${name}"` });
      }
      if (pool.criteria.length === 0) problems.push({ path: ['programDocumentId'], message: 'the program has no matching criteria' });
      const menteeIds = new Set(pool.mentees.map((mentee) => mentee.id));
      const mentorIds = new Set(pool.mentors.map((mentor) => mentor.id));
      for (const list of ['locked', 'excluded'] as const) {
        (body[list] ?? []).forEach((pair, index) => {
          if (!menteeIds.has(pair.menteeId)) problems.push({ path: [list, index, 'menteeId'], message: 'is not a mentee in this program\'s pool' });
          if (!mentorIds.has(pair.mentorId)) problems.push({ path: [list, index, 'mentorId'], message: 'is not a mentor in this program\'s pool' });
        });
      }
      const lockedMentees = new Set<string>();
      (body.locked ?? []).forEach((pair, index) => {
        if (lockedMentees.has(pair.menteeId)) problems.push({ path: ['locked', index, 'menteeId'], message: 'is locked to two mentors' });
        lockedMentees.add(pair.menteeId);
      });
      const previousRunDocumentId = body.previousRunDocumentId ?? pool.latestRunDocumentId;
      const previous = previousRunDocumentId
        ? ((await strapi.db.query(UID.matchingRun).findOne({ where: { documentId: previousRunDocumentId }, populate: ['program'] })) as RunRecord | null)
        : null;
      if (body.previousRunDocumentId && (!previous || previous.program?.documentId !== body.programDocumentId)) {
        problems.push({ path: ['previousRunDocumentId'], message: 'is not a run of this program' });
      }
      if (body.keepPrevious && !previous?.result) problems.push({ path: ['keepPrevious'], message: 'there is no previous run with proposals to keep' });
      if (problems.length > 0) throw validationError(problems);

      const criteria = pool.criteria.map((criterion) => ({ ...criterion, weight: ownAnswer(body.weights, criterion.name) ?? criterion.weight }));
      const locked = body.locked ?? [];
      const excluded = body.excluded ?? [];
      const inputs = buildInputs(pool.mentees, pool.mentors, criteria, {
        locked,
        excluded,
        minimumScore: pool.program.minimumMatchScore ?? 0,
        engine: body.engine,
        // The matcher ignores previous pairs whose people left the pool (approved since, or withdrawn).
        ...(body.keepPrevious && previous?.result
          ? { keepPrevious: { pairs: previous.result.pairs.map(({ menteeId, mentorId }) => ({ menteeId, mentorId })), tolerance: body.keepPrevious.tolerance } }
          : {}),
      });
      const carriedOver = (previous?.carriedOver ?? []).filter((menteeId) => menteeIds.has(menteeId));
      const nameMap = Object.fromEntries([...pool.mentees, ...pool.mentors].map((member) => [member.id, member.displayName]));
      const programId = (await findProgram(pool.program.documentId)).id;
      const run = (await strapi.db.query(UID.matchingRun).create({
        data: {
          program: programId,
          runStatus: 'running',
          previousRunDocumentId,
          inputs,
          carriedOver,
          names: nameMap,
          criteria,
          weightOverrides: body.weights ?? {},
          engine: body.engine ?? null,
          menteeCount: pool.mentees.length,
          mentorCount: pool.mentors.length,
          locked,
          excluded,
          startedAt: getService(strapi, 'clock').now(),
          createdByAdmin: actor,
          publishedAt: new Date(),
          ...getService(strapi, 'run-leases').initial(),
        },
        populate: ['program'],
      })) as RunRecord;
      await getService(strapi, 'audit').record({
        actor,
        action: 'run.started',
        subjectType: 'matching-run',
        subjectDocumentId: run.documentId,
        programDocumentId: pool.program.documentId,
        details: { mentees: pool.mentees.length, mentors: pool.mentors.length, weights: body.weights ?? {}, locked: locked.length, excluded: excluded.length },
      });
      this.launch(run.documentId);
      return toDetail(run);
    },

    /** Executes a run in the background under this instance's lease (see run-leases). */
    launch(runDocumentId: string): void {
      const execution = getService(strapi, 'run-leases')
        .hold(runDocumentId, () => this.execute(runDocumentId))
        .finally(() => pending.delete(execution));
      pending.add(execution);
    },

    /** Calls the matcher with the frozen inputs and stores its result, or the failure with its message. */
    async execute(runDocumentId: string): Promise<void> {
      const run = await findRun(runDocumentId);
      if (run.runStatus !== 'running' || !run.inputs) return;
      const started = Date.now();
      // The query engine writes the result (about 1 MB at 2,000 mentees) in one UPDATE; runs have no
      // drafts, locales or document middlewares for the document service to apply.
      const finish = (data: Record<string, unknown>) =>
        strapi.db.query(UID.matchingRun).update({
          where: { id: run.id },
          data: { ...data, finishedAt: new Date().toISOString(), durationMs: Date.now() - started },
        });
      try {
        const answer = await getService(strapi, 'matcher-client').match(run.inputs);
        const names = new Map(Object.entries(run.names ?? {}));
        const read = readMatchResult(answer, names, run.locked ?? []);
        const proposed: RunResult = { pairs: read.pairs, unmatched: read.unmatched, mentorLoads: read.mentorLoads, totalScore: read.totalScore, stats: read.stats, stability: read.stability, keep: read.keep };
        const result = limitToPlaces(proposed, await cohortPlaces(strapi, run.program?.documentId));
        let diff: RunDiff | null = null;
        if (run.previousRunDocumentId) {
          const previous = (await strapi.db.query(UID.matchingRun).findOne({ select: ['id', 'documentId', 'result'], where: { documentId: run.previousRunDocumentId } })) as RunRecord | null;
          if (previous?.result) diff = diffRuns(previous, result);
        }
        await finish({
          runStatus: 'succeeded',
          result,
          diff,
          inputHash: read.inputHash,
          engine: read.engine ?? run.engine ?? null,
          engineVersion: read.engineVersion,
          timings: read.timings,
          errorMessage: null,
        });
      } catch (error) {
        const message = error instanceof MatcherError ? error.message : `The run could not be completed: ${(error as Error).message}`;
        if (!(error instanceof MatcherError)) strapi.log.error(`[mentorship] matching run ${runDocumentId} failed: ${(error as Error).stack ?? error}`);
        await finish({ runStatus: 'failed', errorMessage: message }).catch((updateError: Error) =>
          strapi.log.error(`[mentorship] could not record the failure of run ${runDocumentId}: ${updateError.message}`),
        );
      }
    },

    /** Resolves when every background execution started in this process has finished. */
    async whenIdle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },

    /** The next-best mentors for one mentee of a run, with how much lower each scores ("why not"). */
    async alternatives(runDocumentId: string, menteeId: string, limit: number): Promise<AlternativesResponse> {
      const run = await findRun(runDocumentId);
      if (!run.inputs) throw new errors.ApplicationError('This run has no frozen inputs');
      const mentee = run.inputs.mentees.find((candidate) => candidate.id === menteeId);
      if (!mentee) throw validationError([{ path: ['menteeId'], message: 'is not a mentee of this run' }]);
      const names = run.names ?? {};
      const assignedPair = run.result?.pairs.find((pair) => pair.menteeId === menteeId) ?? null;
      const answer = await getService(strapi, 'matcher-client')
        .scoreRequest({
          mentees: [mentee],
          mentors: run.inputs.mentors,
          criteria: run.inputs.criteria,
          options: {
            topK: limit + 1,
            excluded: run.inputs.options?.excluded ?? [],
            assigned: assignedPair ? [{ menteeId, mentorId: assignedPair.mentorId }] : [],
          },
        })
        .catch((error: unknown) => {
          throw error instanceof MatcherError ? new errors.ApplicationError(error.message) : error;
        });
      const candidates = readScores(answer, menteeId).filter((candidate) => candidate.mentorId !== assignedPair?.mentorId).slice(0, limit);
      return {
        menteeId,
        menteeName: names[menteeId] ?? menteeId,
        assigned: assignedPair ? { mentorId: assignedPair.mentorId, mentorName: assignedPair.mentorName, score: assignedPair.score } : null,
        alternatives: candidates.map((candidate) => ({
          mentorId: candidate.mentorId,
          mentorName: names[candidate.mentorId] ?? candidate.mentorId,
          score: candidate.score,
          difference: assignedPair ? Math.round((assignedPair.score - candidate.score) * 10000) / 10000 : null,
          breakdown: candidate.breakdown,
        })),
      };
    },

    /**
     * Creates the selected proposed mentorships (every remaining one without a selection) in one
     * transaction (all or none, in bulk with one capacity check per mentor), and writes each pair's
     * introductions to the outbox in that same transaction; the outbox worker delivers them after
     * the commit (see `introductions` for their progress). Pairs approved before are skipped, so
     * approving again creates and queues nothing. The run becomes approved and read-only once no
     * proposal is left (excluded pairs are never approved); until then the rest stay proposals.
     */
    async approve(runDocumentId: string, actor: StaffActor | null, selection?: PairRef[]): Promise<ApproveResponse> {
      const mentorships = getService(strapi, 'mentorships');
      const outcome = await withTransaction(strapi, async () => {
        const [row] = (await strapi.db.queryBuilder(UID.matchingRun).select(['id', 'runStatus']).where({ documentId: runDocumentId }).forUpdate().execute()) as {
          id: number;
          runStatus: RunStatus;
        }[];
        if (!row) throw new errors.NotFoundError(`No matching run ${runDocumentId}`);
        if (row.runStatus === 'approved') return { created: 0, emailsQueued: 0 };
        if (row.runStatus !== 'succeeded') throw new ConflictError(`Only a succeeded run can be approved; this run is ${row.runStatus}`, 'not-open');
        const run = await findRun(runDocumentId);
        const programDocumentId = run.program?.documentId ?? '';
        const proposed = new Map((run.result?.pairs ?? []).map((pair) => [pairKey(pair), pair]));
        const excluded = new Set((run.excluded ?? []).map(pairKey));
        const approvedBefore = new Set((run.approvedPairs ?? []).map(pairKey));
        if (selection) {
          const problems: Problem[] = [];
          selection.forEach((pair, index) => {
            if (!proposed.has(pairKey(pair))) problems.push({ path: ['pairs', index], message: 'is not a proposal of this run' });
            else if (excluded.has(pairKey(pair))) problems.push({ path: ['pairs', index], message: 'is excluded; allow it again before approving it' });
          });
          if (problems.length > 0) throw validationError(problems);
        }
        const chosen = selection ? new Set(selection.map(pairKey)) : null;
        const toApprove = [...proposed.values()].filter((pair) => !approvedBefore.has(pairKey(pair)) && !excluded.has(pairKey(pair)) && (!chosen || chosen.has(pairKey(pair))));
        const created = await mentorships.createMany(
          toApprove.map((pair) => ({ mentorProfileDocumentId: pair.mentorId, menteeProfileDocumentId: pair.menteeId })),
          { programDocumentId, source: 'matching-run', sourceRef: runDocumentId, createdBy: actor ? `admin:${actor.id}` : null },
        );
        const ids = created.map((mentorship) => mentorship.documentId);
        const approvedPairs = [...(run.approvedPairs ?? []), ...toApprove.map(({ menteeId, mentorId }) => ({ menteeId, mentorId }))];
        const approvedKeys = new Set(approvedPairs.map(pairKey));
        const left = [...proposed.keys()].filter((key) => !approvedKeys.has(key) && !excluded.has(key)).length;
        if (toApprove.length > 0 || left === 0) {
          await strapi.db.query(UID.matchingRun).update({
            where: { id: row.id },
            data: {
              runStatus: left === 0 ? 'approved' : 'succeeded',
              approvedByAdmin: actor,
              approvedAt: getService(strapi, 'clock').now(),
              mentorshipDocumentIds: [...(run.mentorshipDocumentIds ?? []), ...ids],
              approvedPairs,
            },
          });
        }
        if (created.length > 0) {
          await getService(strapi, 'audit').record({
            actor,
            action: 'run.approved',
            subjectType: 'matching-run',
            subjectDocumentId: runDocumentId,
            programDocumentId,
            details: { mentorships: ids },
          });
        }
        const { queued } = await getService(strapi, 'notifications').queueMany([
          ...introductionsOf(runDocumentId, created),
          // Those left without a place are told once the whole run is approved, not after a selection.
          ...(left === 0 ? await notSelectedMessages(strapi, programDocumentId, run.result) : []),
        ]);
        return { created: created.length, emailsQueued: queued };
      });
      return { run: toDetail(await findRun(runDocumentId)), created: outcome.created, emailsQueued: outcome.emailsQueued };
    },

    /** Delivery progress of a run's introduction e-mails (queued, sent, failed), for the run page. */
    async introductions(runDocumentId: string): Promise<IntroductionProgress> {
      await findRun(runDocumentId);
      return getService(strapi, 'notifications').progress(introductionKey(runDocumentId));
    },
  };
  return service;
};

export type RunsService = ReturnType<typeof runs>;
export default runs;
