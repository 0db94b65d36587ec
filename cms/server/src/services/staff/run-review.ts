import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  AlternativesResponse,
  CarryOverBody,
  MentorsWanted,
  PairInsteadBody,
  PairInsteadEdit,
  PairInsteadImpact,
  PairInsteadResponse,
  PairRef,
  PairsChangeBody,
  ProposalRow,
  ProposalsPage,
  ProposalsQuery,
  ProposedPair,
  RunDetail,
  RunOverview,
  RunResult,
  StaffActor,
  WaitingList,
  WaitingMentee,
} from '../../../../shared/contracts/staff';
import type { MatchingCriterion } from '../../../../shared/matching-criteria';
import { getService } from '../../utils/get-service';
import { ConflictError } from '../../utils/errors';
import { withTransaction } from '../../utils/transaction';
import { UID } from '../../utils/uids';
import { validationError, type Problem } from '../../utils/validation-error';
import { LIVE_STATUSES } from '../members/mentorships';
import { MatcherError } from '../platform/matcher-client';
import { readBreakdown } from '../platform/matching-wire';
import type { ProgramRecord } from '../content/programs';
import { pairKey, toSummary, type RunRecord } from './runs';

/** What the run page reads on every poll and every page: everything but the frozen inputs. */
const REVIEW_FIELDS = [
  'id',
  'documentId',
  'runStatus',
  'previousRunDocumentId',
  'criteria',
  'weightOverrides',
  'engine',
  'engineVersion',
  'inputHash',
  'menteeCount',
  'mentorCount',
  'startedAt',
  'finishedAt',
  'durationMs',
  'timings',
  'result',
  'locked',
  'excluded',
  'diff',
  'errorMessage',
  'createdByAdmin',
  'approvedByAdmin',
  'approvedAt',
  'mentorshipDocumentIds',
  'names',
  'approvedPairs',
  'carriedOver',
  'edits',
  'createdAt',
];

const DEFAULT_PAGE_SIZE = 50;
/** One collator for every sort by name: String#localeCompare builds one per call. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Criterion kinds where a mentor must share the mentee's answer: what "more mentors with these answers" can name. */
const SHARED_ANSWER_KINDS = new Set(['same', 'language', 'overlap']);

const answerValues = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (value === undefined || value === null || value === '') return [];
  return [String(value)];
};

/**
 * The staff review of a run at scale: a summary to poll, pages of proposals filtered and sorted on
 * the server, many pairs locked or excluded at once, "pair with this mentor instead", a re-run from
 * what is left, and after approval the waiting list with what would place the mentees on it.
 */
const runReview = ({ strapi }: { strapi: Core.Strapi }) => {
  const readRun = async (documentId: string, fields: string[] = REVIEW_FIELDS): Promise<RunRecord> => {
    const run = (await strapi.db.query(UID.matchingRun).findOne({ select: fields, where: { documentId }, populate: { program: { select: ['documentId'] } } })) as RunRecord | null;
    if (!run) throw new errors.NotFoundError(`No matching run ${documentId}`);
    return run;
  };

  /** Runs staff may still change: succeeded, not superseded, with proposals. */
  const assertOpen = async (run: RunRecord) => {
    if (run.runStatus !== 'succeeded' || !run.result) throw new ConflictError(`Only the proposals of a succeeded run can be changed; this run is ${run.runStatus}`, 'not-open');
    const later = await getService(strapi, 'runs').supersededBy(run);
    if (later) throw new ConflictError(`This run was superseded by the later run ${later}`, 'superseded');
  };

  const overviewOf = (run: RunRecord, supersededBy: string | null): RunOverview => {
    const pairs = run.result?.pairs ?? [];
    const approved = new Set((run.approvedPairs ?? []).map(pairKey));
    const excluded = new Set((run.excluded ?? []).map(pairKey));
    const diff = run.diff ?? null;
    return {
      ...toSummary(run),
      supersededBy,
      previousRunDocumentId: run.previousRunDocumentId ?? null,
      criteria: run.criteria ?? [],
      weightOverrides: run.weightOverrides ?? {},
      timings: run.timings ?? {},
      lockedCount: (run.locked ?? []).length,
      excludedCount: excluded.size,
      approvedCount: approved.size,
      remainingCount: pairs.filter((pair) => !approved.has(pairKey(pair)) && !excluded.has(pairKey(pair))).length,
      mentorshipCount: (run.mentorshipDocumentIds ?? []).length,
      diff: diff ? { ...diff, added: diff.added.length, removed: diff.removed.length } : null,
      stability: run.result?.stability ?? null,
      keep: run.result?.keep ?? null,
      edits: run.edits ?? [],
      carriedOverCount: (run.carriedOver ?? []).length,
    };
  };

  /** Where a pair of the run's mentees and mentors stands: in the run, proposed, approved. */
  const pairProblems = (list: PairRef[] | undefined, field: string, check: (pair: PairRef) => string | null): Problem[] => {
    const problems: Problem[] = [];
    (list ?? []).forEach((pair, index) => {
      const message = check(pair);
      if (message) problems.push({ path: [field, index], message });
    });
    return problems;
  };

  /** What pairing a mentee with a mentor would do to the run's proposals (no change made). */
  const impactOf = (run: RunRecord, menteeId: string, mentorId: string, score: number, blockedByRules: string | null): PairInsteadImpact => {
    const result = run.result as RunResult;
    const approved = new Set((run.approvedPairs ?? []).map(pairKey));
    const locked = new Set((run.locked ?? []).map(pairKey));
    const current = result.pairs.find((pair) => pair.menteeId === menteeId) ?? null;
    const blocked = (blockedBy: string): PairInsteadImpact => ({ possible: false, blockedBy, pairScoreChange: round(score - (current?.score ?? 0)), totalScoreChange: 0, displaced: null });
    if (blockedByRules) return blocked(blockedByRules);
    if (current && approved.has(pairKey(current))) return blocked('the mentee\'s proposal is approved already');
    const capacity = run.inputs?.mentors.find((mentor) => mentor.id === mentorId)?.capacity ?? 1;
    const taken = result.pairs.filter((pair) => pair.mentorId === mentorId && pair.menteeId !== menteeId);
    let displaced: ProposedPair | null = null;
    if (taken.length >= capacity) {
      // The mentor's weakest proposal staff have not locked or approved gives up its place.
      displaced = [...taken]
        .filter((pair) => !locked.has(pairKey(pair)) && !approved.has(pairKey(pair)))
        .sort((a, b) => a.score - b.score || a.menteeName.localeCompare(b.menteeName))[0] ?? null;
      if (!displaced) return blocked('every place of this mentor is locked or approved');
    }
    const pairScoreChange = round(score - (current?.score ?? 0));
    return {
      possible: true,
      blockedBy: null,
      pairScoreChange,
      totalScoreChange: round(pairScoreChange - (displaced?.score ?? 0)),
      displaced: displaced ? { menteeId: displaced.menteeId, menteeName: displaced.menteeName, score: displaced.score } : null,
    };
  };

  /** The mentees of a run still without a mentorship from it, each with the matcher's reason. */
  const waitingOf = async (run: RunRecord, programId: number): Promise<WaitingMentee[]> => {
    const result = run.result;
    if (!result) return [];
    const approved = new Set((run.approvedPairs ?? []).map(pairKey));
    const carried = new Set(run.carriedOver ?? []);
    const anyApproved = approved.size > 0 || run.runStatus === 'approved';
    const waiting: WaitingMentee[] = result.unmatched.map((item) => ({
      menteeId: item.menteeId,
      menteeName: item.menteeName,
      reason: item.reason,
      code: item.code ?? null,
      proposed: false,
      carriedOver: carried.has(item.menteeId),
      ...(item.bestMentorId ? { bestMentorId: item.bestMentorId, bestMentorName: item.bestMentorName ?? item.bestMentorId } : {}),
      ...(item.bestScore !== undefined ? { bestScore: item.bestScore } : {}),
    }));
    if (anyApproved) {
      for (const pair of result.pairs) {
        if (approved.has(pairKey(pair))) continue;
        waiting.push({
          menteeId: pair.menteeId,
          menteeName: pair.menteeName,
          reason: `Proposed with ${pair.mentorName} (${pair.score.toFixed(3)}); not approved`,
          code: 'not-approved',
          proposed: true,
          carriedOver: carried.has(pair.menteeId),
        });
      }
    }
    if (waiting.length === 0) return waiting;
    // A mentee placed since (by another run or by hand) waits no more.
    const placed = new Set<string>();
    const rows = (await strapi.db.query(UID.mentorship).findMany({
      where: { program: programId, mentorshipStatus: { $in: LIVE_STATUSES } },
      populate: { mentee: { select: ['documentId'] } },
      select: ['id'],
    })) as { mentee?: { documentId: string } | null }[];
    for (const row of rows) if (row.mentee) placed.add(row.mentee.documentId);
    return waiting.filter((mentee) => !placed.has(mentee.menteeId)).sort((a, b) => a.menteeName.localeCompare(b.menteeName));
  };

  /**
   * "What would help": waiting mentees grouped by the answers a mentor would need to share with
   * them (the required criteria of the kinds where answers must match, and the heaviest weighted
   * one), with how many mentors of the pool's usual capacity would place each group.
   */
  const wantedFor = (run: RunRecord, waiting: WaitingMentee[], usualCapacity: number): MentorsWanted[] => {
    const criteria = (run.criteria ?? []).filter((criterion: MatchingCriterion) => SHARED_ANSWER_KINDS.has(criterion.kind) && criterion.menteeAttribute);
    const required = criteria.filter((criterion) => criterion.required);
    const heaviest = criteria.filter((criterion) => !criterion.required && criterion.weight > 0).sort((a, b) => b.weight - a.weight)[0];
    const named = heaviest ? [...required, heaviest] : required;
    const attributes = new Map((run.inputs?.mentees ?? []).map((mentee) => [mentee.id, (mentee.attributes ?? {}) as Record<string, unknown>]));
    const valuesOf = (menteeId: string, criterion: MatchingCriterion) => answerValues(attributes.get(menteeId)?.[criterion.menteeAttribute ?? '']);
    // A mentor shares one of a mentee's several answers (a language, an interest): name the one most
    // waiting mentees share, so one kind of mentor is counted for as many of them as possible.
    const frequency = new Map<string, number>();
    for (const mentee of waiting) for (const criterion of named) for (const value of valuesOf(mentee.menteeId, criterion)) frequency.set(`${criterion.name}\u0000${value}`, (frequency.get(`${criterion.name}\u0000${value}`) ?? 0) + 1);
    const commonest = (criterion: MatchingCriterion, values: string[]) =>
      [...values].sort((a, b) => (frequency.get(`${criterion.name}\u0000${b}`) ?? 0) - (frequency.get(`${criterion.name}\u0000${a}`) ?? 0) || collator.compare(a, b))[0] ?? null;
    const groups = new Map<string, MentorsWanted>();
    for (const mentee of waiting) {
      const answers = named
        .map((criterion) => ({ criterion: criterion.name, value: commonest(criterion, valuesOf(mentee.menteeId, criterion)) }))
        .filter((answer): answer is { criterion: string; value: string } => answer.value !== null);
      const key = JSON.stringify(answers);
      const group = groups.get(key) ?? { answers, mentees: 0, mentorsNeeded: 0, menteeNames: [] };
      group.mentees += 1;
      group.menteeNames.push(mentee.menteeName);
      group.mentorsNeeded = Math.ceil(group.mentees / usualCapacity);
      groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => b.mentees - a.mentees || JSON.stringify(a.answers).localeCompare(JSON.stringify(b.answers)));
  };

  const programOf = async (run: RunRecord): Promise<ProgramRecord> => {
    const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: run.program?.documentId ?? '' } })) as ProgramRecord | null;
    if (!program) throw new errors.NotFoundError('The run\'s program no longer exists');
    return program;
  };

  const service = {
    async overview(documentId: string): Promise<RunOverview> {
      const run = await readRun(documentId);
      return overviewOf(run, await getService(strapi, 'runs').supersededBy(run));
    },

    /** One page of the run's proposals, filtered and sorted here rather than in the browser. */
    async proposals(documentId: string, query: ProposalsQuery): Promise<ProposalsPage> {
      const run = await readRun(documentId, ['id', 'documentId', 'runStatus', 'result', 'locked', 'excluded', 'approvedPairs', 'carriedOver', 'diff']);
      const locked = new Set((run.locked ?? []).map(pairKey));
      const excluded = new Set((run.excluded ?? []).map(pairKey));
      const approved = new Set((run.approvedPairs ?? []).map(pairKey));
      const carried = new Set(run.carriedOver ?? []);
      const added = run.diff ? new Set(run.diff.added.map(pairKey)) : null;
      const needle = query.search?.trim().toLowerCase() ?? '';
      let rows: ProposalRow[] = (run.result?.pairs ?? []).map((pair) => ({
        ...pair,
        locked: pair.locked || locked.has(pairKey(pair)),
        excluded: excluded.has(pairKey(pair)),
        approved: approved.has(pairKey(pair)),
        changed: added ? added.has(pairKey(pair)) : false,
        carriedOver: carried.has(pair.menteeId),
      }));
      rows = rows.filter(
        (row) =>
          (!needle || row.menteeName.toLowerCase().includes(needle) || row.mentorName.toLowerCase().includes(needle)) &&
          (query.locked === undefined || row.locked === query.locked) &&
          (!query.changed || row.changed) &&
          (query.status === undefined || row.approved === (query.status === 'approved')),
      );
      const byName = collator.compare;
      const sort = query.sort ?? 'score-desc';
      rows.sort((a, b) => {
        if (sort === 'score-asc') return a.score - b.score || byName(a.menteeName, b.menteeName);
        if (sort === 'mentee') return byName(a.menteeName, b.menteeName) || byName(a.mentorName, b.mentorName);
        if (sort === 'mentor') return byName(a.mentorName, b.mentorName) || byName(a.menteeName, b.menteeName);
        return b.score - a.score || byName(a.menteeName, b.menteeName);
      });
      const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
      const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
      const page = Math.min(query.page ?? 1, pageCount);
      return { items: rows.slice((page - 1) * pageSize, page * pageSize), page, pageSize, pageCount, total: rows.length };
    },

    /**
     * Locks, unlocks, excludes or allows many pairs in one request, for the run's re-run. Locks
     * name proposals; exclusions name any mentee and mentor of the run. Repeating a change changes
     * nothing; a pair cannot be both locked and excluded, and approved pairs are settled.
     */
    async changePairs(documentId: string, body: PairsChangeBody, actor: StaffActor | null): Promise<RunOverview> {
      await withTransaction(strapi, async () => {
        await strapi.db.queryBuilder(UID.matchingRun).select(['id']).where({ documentId }).forUpdate().execute();
        const run = await readRun(documentId, [...REVIEW_FIELDS, 'inputs']);
        await assertOpen(run);
        const proposed = new Set((run.result?.pairs ?? []).map(pairKey));
        const approved = new Set((run.approvedPairs ?? []).map(pairKey));
        const mentees = new Set((run.inputs?.mentees ?? []).map((mentee) => mentee.id));
        const mentors = new Set((run.inputs?.mentors ?? []).map((mentor) => mentor.id));
        const settled = (pair: PairRef) => (approved.has(pairKey(pair)) ? 'is approved already' : null);
        const inRun = (pair: PairRef) => (!mentees.has(pair.menteeId) ? 'names a mentee who is not in this run' : !mentors.has(pair.mentorId) ? 'names a mentor who is not in this run' : null);
        const excludeKeys = new Set((body.exclude ?? []).map(pairKey));
        const problems = [
          ...pairProblems(body.lock, 'lock', (pair) => (!proposed.has(pairKey(pair)) ? 'is not a proposal of this run' : excludeKeys.has(pairKey(pair)) ? 'is also in exclude' : settled(pair))),
          ...pairProblems(body.exclude, 'exclude', (pair) => inRun(pair) ?? settled(pair)),
          ...pairProblems(body.unlock, 'unlock', inRun),
          ...pairProblems(body.allow, 'allow', inRun),
        ];
        if (problems.length > 0) throw validationError(problems);
        const locked = new Map((run.locked ?? []).map((pair) => [pairKey(pair), pair]));
        const excluded = new Map((run.excluded ?? []).map((pair) => [pairKey(pair), pair]));
        for (const pair of body.unlock ?? []) locked.delete(pairKey(pair));
        for (const pair of body.allow ?? []) excluded.delete(pairKey(pair));
        for (const pair of body.exclude ?? []) {
          locked.delete(pairKey(pair));
          excluded.set(pairKey(pair), { menteeId: pair.menteeId, mentorId: pair.mentorId });
        }
        for (const pair of body.lock ?? []) {
          // One lock per mentee: locking a mentee's proposal replaces an older lock of theirs.
          for (const [key, other] of locked) if (other.menteeId === pair.menteeId && key !== pairKey(pair)) locked.delete(key);
          excluded.delete(pairKey(pair));
          locked.set(pairKey(pair), { menteeId: pair.menteeId, mentorId: pair.mentorId });
        }
        const same = (before: PairRef[] | null | undefined, after: Map<string, PairRef>) =>
          (before ?? []).length === after.size && (before ?? []).every((pair) => after.has(pairKey(pair)));
        if (same(run.locked, locked) && same(run.excluded, excluded)) return;
        await strapi.db.query(UID.matchingRun).update({ where: { id: run.id }, data: { locked: [...locked.values()], excluded: [...excluded.values()] } });
        await getService(strapi, 'audit').record({
          actor,
          action: 'run.pairs-changed',
          subjectType: 'matching-run',
          subjectDocumentId: documentId,
          programDocumentId: run.program?.documentId,
          details: { lock: body.lock?.length ?? 0, unlock: body.unlock?.length ?? 0, exclude: body.exclude?.length ?? 0, allow: body.allow?.length ?? 0 },
        });
      });
      return service.overview(documentId);
    },

    /** "Why not others?" with what pairing each alternative instead would do to the run. */
    async alternatives(documentId: string, menteeId: string, limit: number): Promise<AlternativesResponse> {
      const answer = await getService(strapi, 'runs').alternatives(documentId, menteeId, limit);
      const run = await readRun(documentId, [...REVIEW_FIELDS, 'inputs']);
      if (run.runStatus !== 'succeeded' || !run.result) return answer;
      return { ...answer, alternatives: answer.alternatives.map((alternative) => ({ ...alternative, impact: impactOf(run, menteeId, alternative.mentorId, alternative.score, null) })) };
    },

    /**
     * Pairs a mentee with another mentor of the run, after checking the hard rules (required
     * criteria, exclusions, the minimum score) with the matcher and the mentor's places. The new
     * pair is locked. When the mentor is full, their weakest unlocked proposal gives up its place
     * and that mentee is shown as unmatched (not re-solved: staff see exactly what changed and can
     * re-run from here). The stability report described the matcher's proposals, so it is cleared.
     */
    async pairInstead(documentId: string, body: PairInsteadBody, actor: StaffActor | null): Promise<PairInsteadResponse> {
      const before = await readRun(documentId, [...REVIEW_FIELDS, 'inputs']);
      await assertOpen(before);
      const inputs = before.inputs;
      const mentee = inputs?.mentees.find((candidate) => candidate.id === body.menteeId);
      const mentor = inputs?.mentors.find((candidate) => candidate.id === body.mentorId);
      const problems: Problem[] = [];
      if (!mentee) problems.push({ path: ['menteeId'], message: 'is not a mentee of this run' });
      if (!mentor) problems.push({ path: ['mentorId'], message: 'is not a mentor of this run' });
      if (problems.length > 0 || !inputs || !mentee || !mentor) throw validationError(problems);
      const answer = await getService(strapi, 'matcher-client')
        .scoreRequest({ mentees: [mentee], mentors: [mentor], criteria: inputs.criteria, options: { topK: 0, mentorIds: [mentor.id], excluded: [] } })
        .catch((error: unknown) => {
          throw error instanceof MatcherError ? new errors.ApplicationError(error.message) : error;
        });
      const candidate = answer.mentees[0]?.candidates.find((item) => item.mentorId === mentor.id);
      if (!candidate) throw new errors.ApplicationError('The matcher did not score this pair');
      const minimumScore = inputs.options?.minimumScore ?? 0;
      const isExcluded = (before.excluded ?? []).some((pair) => pairKey(pair) === pairKey(body));
      const rules = isExcluded
        ? 'the pair is excluded'
        : !candidate.eligible
          ? `the pair breaks required criteria: ${candidate.failed.join(', ')}`
          : candidate.score < minimumScore
            ? `the pair scores ${candidate.score.toFixed(3)}, under the program's minimum ${minimumScore}`
            : null;

      const edit = await withTransaction(strapi, async () => {
        await strapi.db.queryBuilder(UID.matchingRun).select(['id']).where({ documentId }).forUpdate().execute();
        const run = await readRun(documentId, [...REVIEW_FIELDS, 'inputs']);
        await assertOpen(run);
        const result = run.result as RunResult;
        const current = result.pairs.find((pair) => pair.menteeId === body.menteeId) ?? null;
        if (current?.mentorId === body.mentorId) return null;
        const impact = impactOf(run, body.menteeId, body.mentorId, candidate.score, rules);
        if (!impact.possible) throw new ConflictError(`${run.names?.[body.menteeId] ?? body.menteeId} cannot be paired with ${run.names?.[body.mentorId] ?? body.mentorId}: ${impact.blockedBy}`, rules ? 'conflict' : 'mentor-full');
        const names = run.names ?? {};
        const nameOf = (id: string) => names[id] ?? id;
        const newPair: ProposedPair = {
          menteeId: body.menteeId,
          mentorId: body.mentorId,
          menteeName: nameOf(body.menteeId),
          mentorName: nameOf(body.mentorId),
          score: candidate.score,
          breakdown: readBreakdown(candidate.breakdown),
          locked: true,
        };
        const displacedId = impact.displaced?.menteeId ?? null;
        const pairs = [...result.pairs.filter((pair) => pair.menteeId !== body.menteeId && pair.menteeId !== displacedId), newPair].sort(
          (a, b) => b.score - a.score || a.menteeName.localeCompare(b.menteeName),
        );
        const unmatched = result.unmatched.filter((item) => item.menteeId !== body.menteeId);
        if (displacedId) {
          unmatched.push({
            menteeId: displacedId,
            menteeName: nameOf(displacedId),
            reason: `Gave up the place with ${newPair.mentorName} when staff paired ${newPair.menteeName} with them`,
            code: 'displaced-by-staff',
          });
        }
        const loads = new Map<string, number>();
        for (const pair of pairs) loads.set(pair.mentorId, (loads.get(pair.mentorId) ?? 0) + 1);
        const nextResult: RunResult = {
          ...result,
          pairs,
          unmatched,
          mentorLoads: result.mentorLoads.map((load) => ({ ...load, load: loads.get(load.mentorId) ?? 0 })),
          totalScore: pairs.reduce((total, pair) => total + pair.score, 0),
          stability: null,
        };
        const locked = (run.locked ?? []).filter((pair) => pair.menteeId !== body.menteeId && pair.menteeId !== displacedId);
        locked.push({ menteeId: body.menteeId, mentorId: body.mentorId });
        const made: PairInsteadEdit = {
          menteeId: body.menteeId,
          menteeName: newPair.menteeName,
          mentorId: body.mentorId,
          mentorName: newPair.mentorName,
          previousMentorId: current?.mentorId ?? null,
          previousMentorName: current ? current.mentorName : null,
          displacedMenteeId: displacedId,
          displacedMenteeName: displacedId ? nameOf(displacedId) : null,
          pairScoreChange: impact.pairScoreChange,
          totalScoreChange: impact.totalScoreChange,
          by: actor,
          at: getService(strapi, 'clock').now().toISOString(),
        };
        await strapi.db.query(UID.matchingRun).update({ where: { id: run.id }, data: { result: nextResult, locked, edits: [...(run.edits ?? []), made] } });
        await getService(strapi, 'audit').record({
          actor,
          action: 'run.pair-instead',
          subjectType: 'matching-run',
          subjectDocumentId: documentId,
          programDocumentId: run.program?.documentId,
          details: { ...made, by: undefined },
        });
        return made;
      });
      return { run: await service.overview(documentId), edit };
    },

    /**
     * Runs again from what is left: the pool as it is now (approved mentees and taken places are
     * out), this run's weights, and its locks and exclusions that still name people in the pool.
     */
    async rerun(documentId: string, options: { keepPrevious?: { tolerance: number } }, actor: StaffActor | null): Promise<RunDetail> {
      const run = await readRun(documentId);
      const programDocumentId = run.program?.documentId ?? '';
      const pool = await getService(strapi, 'runs').pool(programDocumentId);
      const mentees = new Set(pool.mentees.map((mentee) => mentee.id));
      const mentors = new Set(pool.mentors.map((mentor) => mentor.id));
      const inPool = (pair: PairRef) => mentees.has(pair.menteeId) && mentors.has(pair.mentorId);
      return getService(strapi, 'runs').start(
        {
          programDocumentId,
          weights: run.weightOverrides ?? {},
          locked: (run.locked ?? []).filter(inPool),
          excluded: (run.excluded ?? []).filter(inPool),
          previousRunDocumentId: documentId,
          ...(options.keepPrevious ? { keepPrevious: options.keepPrevious } : {}),
        },
        actor,
      );
    },

    async waiting(documentId: string): Promise<WaitingList> {
      const run = await readRun(documentId, [...REVIEW_FIELDS, 'inputs']);
      const program = await programOf(run);
      const mentees = await waitingOf(run, program.id);
      const capacities = (run.inputs?.mentors ?? []).map((mentor) => mentor.capacity ?? 1).sort((a, b) => a - b);
      const usualCapacity = Math.max(1, capacities.length > 0 ? capacities[Math.floor(capacities.length / 2)]! : (program.defaultMentorCapacity ?? 1));
      return {
        mentees,
        // Mentees with a proposal not approved yet need a decision, not another mentor.
        wanted: wantedFor(run, mentees.filter((mentee) => !mentee.proposed), usualCapacity),
        programName: program.name,
        contactEmail: program.contactEmail ?? null,
        usualCapacity,
      };
    },

    /**
     * Carries waiting mentees over to the program's next run: they keep their approved profiles
     * and stay in the pool, and the next run and its proposals show them as carried over.
     */
    async carryOver(documentId: string, body: CarryOverBody, actor: StaffActor | null): Promise<WaitingList> {
      await withTransaction(strapi, async () => {
        await strapi.db.queryBuilder(UID.matchingRun).select(['id']).where({ documentId }).forUpdate().execute();
        const run = await readRun(documentId, [...REVIEW_FIELDS, 'inputs']);
        if (run.runStatus !== 'succeeded' && run.runStatus !== 'approved') throw new ConflictError(`Only the waiting mentees of a finished run can be carried over; this run is ${run.runStatus}`, 'not-open');
        const waiting = new Set((await waitingOf(run, (await programOf(run)).id)).map((mentee) => mentee.menteeId));
        const problems: Problem[] = [];
        (body.menteeIds ?? []).forEach((menteeId, index) => {
          if (!waiting.has(menteeId)) problems.push({ path: ['menteeIds', index], message: 'is not waiting after this run' });
        });
        if (problems.length > 0) throw validationError(problems);
        const chosen = body.menteeIds ?? [...waiting];
        const carried = new Set(run.carriedOver ?? []);
        const added = chosen.filter((menteeId) => !carried.has(menteeId));
        if (added.length === 0) return;
        await strapi.db.query(UID.matchingRun).update({ where: { id: run.id }, data: { carriedOver: [...carried, ...added] } });
        await getService(strapi, 'audit').record({
          actor,
          action: 'run.carried-over',
          subjectType: 'matching-run',
          subjectDocumentId: documentId,
          programDocumentId: run.program?.documentId,
          details: { mentees: added },
        });
      });
      return service.waiting(documentId);
    },
  };
  return service;
};

export type RunReviewService = ReturnType<typeof runReview>;
export default runReview;
