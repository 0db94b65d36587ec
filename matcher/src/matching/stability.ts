/**
 * Stability of an assignment (Gale and Shapley, "College admissions and the stability of
 * marriage", 1962), read from the scores alone: a blocking pair is a mentee i and a mentor j,
 * not paired together, who would both rather be together than with what the assignment gives them.
 *
 * - The mentee prefers j when score(i, j) is higher than the score of their proposed mentor
 *   (any allowed mentor when they are unmatched).
 * - The mentor prefers i when they still have a free place, or when score(i, j) is higher than the
 *   score of their weakest proposed mentee whom staff did not lock (that mentee would be displaced).
 * - Only pairs the run could have proposed count: allowed by every hard rule, not excluded, at or
 *   above the minimum score. Locked mentees stay where staff put them, so they never block.
 *
 * The optimum of the total score is not always stable: the report says how often and by how much,
 * so staff can judge whether members would accept it. O(mentees x mentors) after the assignment.
 */
import type { ScoreMatrix } from '../scoring/score-matrix';

/** Score differences below this are rounding, not preference. */
const EPSILON = 1e-9;

export interface BlockingPairIndex {
  mentee: number;
  mentor: number;
  score: number;
  /** the mentee's proposed mentor, -1 when unmatched */
  menteeCurrentMentor: number;
  menteeCurrentScore: number | null;
  /** the mentee the mentor would give up, -1 when the mentor has a free place */
  mentorDisplacedMentee: number;
  mentorDisplacedScore: number | null;
  menteeGain: number;
  mentorGain: number;
}

export interface StabilityInput {
  matrix: ScoreMatrix;
  /** mentor index per mentee, -1 when unmatched */
  assignedMentor: ArrayLike<number>;
  capacity: ArrayLike<number>;
  lockedMentee: ArrayLike<boolean>;
  /** pairs that may never be proposed (index i * nMentors + j) */
  excluded: Set<number>;
  minimumScore: number;
}

/** Every blocking pair, the strongest first (largest smaller gain, then mentee and mentor index). */
export function findBlockingPairs(input: StabilityInput): BlockingPairIndex[] {
  const { matrix, assignedMentor, capacity, lockedMentee, excluded, minimumScore } = input;
  const n = matrix.nMentees;
  const m = matrix.nMentors;
  const scores = matrix.scores;
  const load = new Int32Array(m);
  // The weakest unlocked mentee of each mentor: the one they would give up for someone better.
  const weakest = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    const j = assignedMentor[i];
    if (j < 0) continue;
    load[j]++;
    if (lockedMentee[i]) continue;
    const w = weakest[j];
    if (w < 0 || scores[i * m + j] < scores[w * m + j]) weakest[j] = i;
  }
  const blocking: BlockingPairIndex[] = [];
  for (let i = 0; i < n; i++) {
    if (lockedMentee[i]) continue;
    const current = assignedMentor[i];
    const currentScore = current >= 0 ? scores[i * m + current] : null;
    for (let j = 0; j < m; j++) {
      if (j === current) continue;
      const cell = i * m + j;
      if (matrix.eligible[cell] !== 1 || excluded.has(cell)) continue;
      const score = scores[cell];
      if (score < minimumScore) continue;
      if (currentScore !== null && score - currentScore <= EPSILON) continue;
      const free = load[j] < capacity[j];
      const displaced = free ? -1 : weakest[j];
      if (!free && displaced < 0) continue; // every place is locked
      const displacedScore = displaced >= 0 ? scores[displaced * m + j] : null;
      if (displacedScore !== null && score - displacedScore <= EPSILON) continue;
      blocking.push({
        mentee: i,
        mentor: j,
        score,
        menteeCurrentMentor: current,
        menteeCurrentScore: currentScore,
        mentorDisplacedMentee: displaced,
        mentorDisplacedScore: displacedScore,
        menteeGain: score - (currentScore ?? 0),
        mentorGain: score - (displacedScore ?? 0),
      });
    }
  }
  const strength = (pair: BlockingPairIndex) => Math.min(pair.menteeGain, pair.mentorGain);
  return blocking.sort((a, b) => strength(b) - strength(a) || a.mentee - b.mentee || a.mentor - b.mentor);
}
