/**
 * Maximum cardinality bipartite matching (Hopcroft and Karp, SIAM J. Computing 2(4), 1973)
 * over the allowed (finite) cells of a cost matrix. Used to prove feasibility before handing a
 * matrix to an engine that would loop forever on an infeasible one, independently of the
 * shortest-path solver it is compared with in tests.
 */

/** Size of a maximum matching that uses only cells for which `isAllowed` holds. */
export function maximumMatchingSize(
  costs: Float64Array,
  nRows: number,
  nCols: number,
  isAllowed: (cost: number) => boolean,
): number {
  // Compressed adjacency: row i's allowed columns are adjacency[start[i] .. start[i + 1]).
  const start = new Int32Array(nRows + 1);
  for (let i = 0; i < nRows; i++) {
    let count = 0;
    for (let j = 0; j < nCols; j++) if (isAllowed(costs[i * nCols + j])) count++;
    start[i + 1] = start[i] + count;
  }
  const adjacency = new Int32Array(start[nRows]);
  for (let i = 0, k = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) if (isAllowed(costs[i * nCols + j])) adjacency[k++] = j;
  }

  const rowMate = new Int32Array(nRows).fill(-1);
  const colMate = new Int32Array(nCols).fill(-1);
  const layer = new Int32Array(nRows);
  const queue = new Int32Array(nRows);
  const stackRow = new Int32Array(nRows);
  const stackEdge = new Int32Array(nRows);
  const unreached = -1;
  let matched = 0;

  for (;;) {
    // Breadth-first layering from every free row; stop at the first layer reaching a free column.
    let head = 0;
    let tail = 0;
    for (let i = 0; i < nRows; i++) {
      if (rowMate[i] < 0) {
        layer[i] = 0;
        queue[tail++] = i;
      } else {
        layer[i] = unreached;
      }
    }
    let freeColumnLayer = -1;
    while (head < tail) {
      const i = queue[head++];
      if (freeColumnLayer >= 0 && layer[i] >= freeColumnLayer) break;
      for (let e = start[i]; e < start[i + 1]; e++) {
        const mate = colMate[adjacency[e]];
        if (mate < 0) {
          if (freeColumnLayer < 0) freeColumnLayer = layer[i] + 1;
        } else if (layer[mate] === unreached) {
          layer[mate] = layer[i] + 1;
          queue[tail++] = mate;
        }
      }
    }
    if (freeColumnLayer < 0) return matched;

    // Depth-first search along the layers for vertex-disjoint shortest augmenting paths
    // (iterative: paths can be as long as the matrix is tall).
    const edgeCursor = start.slice(0, nRows);
    for (let root = 0; root < nRows; root++) {
      if (rowMate[root] >= 0) continue;
      let depth = 0;
      stackRow[0] = root;
      while (depth >= 0) {
        const i = stackRow[depth];
        let advanced = false;
        while (edgeCursor[i] < start[i + 1]) {
          const j = adjacency[edgeCursor[i]++];
          const mate = colMate[j];
          if (mate < 0 ? layer[i] + 1 === freeColumnLayer : layer[mate] === layer[i] + 1) {
            stackEdge[depth] = j;
            if (mate < 0) {
              // Flip the path root .. i -> j.
              for (let d = depth; d >= 0; d--) {
                const r = stackRow[d];
                const c = stackEdge[d];
                colMate[c] = r;
                rowMate[r] = c;
                layer[r] = unreached; // keep this phase's paths vertex-disjoint
              }
              matched++;
              depth = -1;
            } else {
              stackRow[++depth] = mate;
            }
            advanced = true;
            break;
          }
        }
        if (!advanced && depth >= 0) {
          layer[i] = unreached; // dead end: never try this row again in this phase
          depth--;
        }
      }
    }
  }
}
