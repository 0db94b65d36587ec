import type { Core } from '@strapi/strapi';
import type { ProposedPair, RunResult, UnmatchedMentee } from '../../../../shared/contracts/staff';
import type { ProgramRecord } from '../content/programs';
import { LIVE_STATUSES } from '../members/mentorships';
import type { NotificationInput } from '../platform/notifications';
import { programRules } from '../../utils/program-rules';
import { UID } from '../../utils/uids';

/**
 * Selection in programs where staff match (cohorts): the places limit who is selected, not who may
 * apply. A matching run proposes pairs for the whole pool; `limitToPlaces` keeps at most the places
 * left, the best-scoring pairs first (pairs staff locked before all others), and explains every
 * mentee left out as having no place. On approval `notSelectedMessages` tells those mentees, kindly,
 * with the editors' `cohort.not-selected` template.
 */

/** The unmatched code of a mentee whose pair did not fit in the cohort's places. */
export const NO_PLACE_LEFT = 'no-place-left';

export interface CohortPlaces {
  /** mentee places left, or null when the program sets none */
  mentee: number | null;
  /** mentor places left, or null when the program sets none */
  mentor: number | null;
  /** mentee places of the program in all (for the e-mail), or null */
  menteeSeats: number | null;
  /** mentors already holding a place (a live mentorship): another pair of theirs takes no new mentor place */
  seatedMentors: ReadonlySet<string>;
}

/** The places left in a program that selects (staff-matched with places); null when nothing limits the run. */
export const cohortPlaces = async (strapi: Core.Strapi, programDocumentId: string | null | undefined): Promise<CohortPlaces | null> => {
  if (!programDocumentId) return null;
  const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId } })) as ProgramRecord | null;
  if (!program || programRules(program).placesLimit !== 'selection') return null;
  const menteeSeats = program.menteeSeats ?? null;
  const mentorSeats = program.mentorSeats ?? null;
  if (menteeSeats === null && mentorSeats === null) return null;
  const live = (await strapi.db.query(UID.mentorship).findMany({
    where: { program: program.id, mentorshipStatus: { $in: LIVE_STATUSES } },
    select: ['id'],
    populate: { mentor: { select: ['documentId'] }, mentee: { select: ['documentId'] } },
    limit: 100_000,
  })) as { mentor?: { documentId: string } | null; mentee?: { documentId: string } | null }[];
  const mentees = new Set(live.map((row) => row.mentee?.documentId).filter((id): id is string => Boolean(id)));
  const mentors = new Set(live.map((row) => row.mentor?.documentId).filter((id): id is string => Boolean(id)));
  return {
    mentee: menteeSeats === null ? null : Math.max(0, menteeSeats - mentees.size),
    mentor: mentorSeats === null ? null : Math.max(0, mentorSeats - mentors.size),
    menteeSeats,
    seatedMentors: mentors,
  };
};

const noPlace = (pair: ProposedPair, places: CohortPlaces, role: 'mentee' | 'mentor'): UnmatchedMentee => ({
  menteeId: pair.menteeId,
  menteeName: pair.menteeName,
  reason:
    role === 'mentee'
      ? `No place left in this cohort: its ${places.menteeSeats ?? 0} mentee places went to higher-scoring pairs`
      : `No place left in this cohort: every mentor place is taken, and ${pair.mentorName} does not hold one`,
  code: NO_PLACE_LEFT,
  bestMentorId: pair.mentorId,
  bestMentorName: pair.mentorName,
  bestScore: pair.score,
});

/**
 * Keeps the pairs that fit in the places: locked pairs first, then by score (highest first, ties by
 * the mentee's name). A pair needs a mentee place, and a mentor place unless its mentor already
 * holds one (a mentor with room for two takes one place). Everything else of the result follows
 * the pairs kept: the unmatched list, the mentors' loads, the total score and the stability report.
 */
export const limitToPlaces = (result: RunResult, places: CohortPlaces | null): RunResult => {
  if (!places) return result;
  let menteesLeft = places.mentee ?? Number.POSITIVE_INFINITY;
  let mentorsLeft = places.mentor ?? Number.POSITIVE_INFINITY;
  const seated = new Set(places.seatedMentors);
  const ordered = [...result.pairs].sort(
    (a, b) => Number(b.locked) - Number(a.locked) || b.score - a.score || a.menteeName.localeCompare(b.menteeName) || a.menteeId.localeCompare(b.menteeId),
  );
  const kept = new Set<ProposedPair>();
  const left: UnmatchedMentee[] = [];
  for (const pair of ordered) {
    if (menteesLeft <= 0) {
      left.push(noPlace(pair, places, 'mentee'));
      continue;
    }
    if (!seated.has(pair.mentorId)) {
      if (mentorsLeft <= 0) {
        left.push(noPlace(pair, places, 'mentor'));
        continue;
      }
      mentorsLeft -= 1;
      seated.add(pair.mentorId);
    }
    menteesLeft -= 1;
    kept.add(pair);
  }
  if (left.length === 0) return result;
  const pairs = result.pairs.filter((pair) => kept.has(pair));
  const removedMentees = new Set(left.map((item) => item.menteeId));
  const loads = new Map<string, number>();
  for (const pair of pairs) loads.set(pair.mentorId, (loads.get(pair.mentorId) ?? 0) + 1);
  const stabilityPairs = result.stability?.pairs.filter((pair) => !removedMentees.has(pair.menteeId)) ?? [];
  return {
    ...result,
    pairs,
    unmatched: [...result.unmatched, ...left],
    mentorLoads: result.mentorLoads.map((load) => ({ ...load, load: loads.get(load.mentorId) ?? 0 })),
    totalScore: pairs.reduce((sum, pair) => sum + pair.score, 0),
    stats: { ...result.stats, pairs: pairs.length, unmatched: result.unmatched.length + left.length, notSelected: left.length },
    stability: result.stability
      ? { ...result.stability, pairs: stabilityPairs, blockingPairs: Math.max(0, result.stability.blockingPairs - (result.stability.pairs.length - stabilityPairs.length)) }
      : result.stability,
  };
};

/**
 * The kind e-mails to the mentees an approved run left without a place: one read of their profiles
 * (in chunks) and one message each, to be queued with the run's introductions. Told once per program
 * (the dedupe key), whatever later runs do.
 */
export const notSelectedMessages = async (strapi: Core.Strapi, programDocumentId: string, result: RunResult | null | undefined): Promise<NotificationInput[]> => {
  const ids = [...new Set((result?.unmatched ?? []).filter((item) => item.code === NO_PLACE_LEFT).map((item) => item.menteeId))];
  if (ids.length === 0) return [];
  const program = (await strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId } })) as ProgramRecord | null;
  if (!program) return [];
  const term = programRules(program).term;
  const messages: NotificationInput[] = [];
  for (let index = 0; index < ids.length; index += 500) {
    const rows = (await strapi.db.query(UID.profile).findMany({
      where: { documentId: { $in: ids.slice(index, index + 500) } },
      select: ['documentId', 'displayName'],
      populate: { user: { select: ['email'] } },
    })) as { documentId: string; displayName: string; user?: { email?: string | null } | null }[];
    for (const mentee of rows) {
      if (!mentee.user?.email) continue;
      messages.push({
        key: 'cohort.not-selected',
        to: { email: mentee.user.email, name: mentee.displayName },
        programDocumentId,
        variables: { mentee: { name: mentee.displayName }, cohort: { places: String(program.menteeSeats ?? ''), kickoff: term?.kickoff ?? '' } },
        dedupeKey: `cohort.not-selected:${programDocumentId}:${mentee.documentId}`,
      });
    }
  }
  return messages;
};
