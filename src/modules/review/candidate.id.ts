/** The id of a resolution candidate: the pair's two entity ids in order, so either side finds the same pair. */
export function candidatePairId(x: string, y: string): string {
  return x < y ? `candidate:${x}|${y}` : `candidate:${y}|${x}`;
}

/** The same in Cypher, for two string expressions. */
export const candidatePairIdCypher = (x: string, y: string): string =>
  `CASE WHEN ${x} < ${y} THEN 'candidate:' + ${x} + '|' + ${y} ELSE 'candidate:' + ${y} + '|' + ${x} END`;
