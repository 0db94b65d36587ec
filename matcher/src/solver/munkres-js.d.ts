declare module 'munkres-js' {
  /** Kuhn-Munkres on an array-of-arrays cost matrix (rectangular input is padded to square). */
  function computeMunkres(costMatrix: number[][], options?: { padValue?: number }): Array<[number, number]>;
  namespace computeMunkres {
    const version: string;
    function make_cost_matrix(profitMatrix: number[][], inversion?: (value: number) => number): number[][];
  }
  export = computeMunkres;
}
