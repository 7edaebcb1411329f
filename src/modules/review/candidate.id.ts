/** The id of the candidate pair of two entities: the same whichever order they come in. */
export function candidatePairId(x: string, y: string): string {
  const [a, b] = x < y ? [x, y] : [y, x];
  return `candidate:${a}|${b}`;
}
