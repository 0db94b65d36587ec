import type { ScoreMatrix } from './score-matrix';

/**
 * The k eligible mentors with the highest scores for mentee i, best first; ties go to the
 * smaller id (mentors are in id order).
 */
export function topMentors(matrix: ScoreMatrix, i: number, k: number, accept: (j: number) => boolean = () => true): number[] {
  const m = matrix.nMentors;
  const chosen: number[] = [];
  if (k <= 0) return chosen;
  for (let j = 0; j < m; j++) {
    const cell = i * m + j;
    if (matrix.eligible[cell] !== 1 || !accept(j)) continue;
    const score = matrix.scores[cell];
    if (chosen.length === k && score <= matrix.scores[i * m + chosen[k - 1]]) continue;
    let position = chosen.length;
    while (position > 0 && matrix.scores[i * m + chosen[position - 1]] < score) position--;
    chosen.splice(position, 0, j);
    if (chosen.length > k) chosen.pop();
  }
  return chosen;
}

/** 1-based rank of mentor j among the eligible mentors: higher score first, then smaller id. */
export function rankAmongEligible(matrix: ScoreMatrix, i: number, j: number): number {
  const m = matrix.nMentors;
  const row = i * m;
  const { scores, eligible } = matrix;
  const score = scores[row + j];
  let rank = 1;
  for (let other = 0; other < m; other++) {
    if (other === j || eligible[row + other] !== 1) continue;
    const s = scores[row + other];
    if (s > score || (s === score && other < j)) rank++;
  }
  return rank;
}
