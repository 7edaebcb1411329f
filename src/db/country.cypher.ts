/**
 * A Cypher expression for the country of the entity bound to `v`: a map `{country, inferred}`, or null when it
 * has none. It is its own place's country (a place's: itself, or the place it is within; an event's: where it
 * was held); failing that, the nearest PART_OF ancestor's, and then it is `inferred`. With `throughPositions`,
 * a person's is that of an institution they hold a position at. One expression, so that the field, the filters
 * and the stats agree and every read that needs it stays one query; one variable-length pattern (kept in order
 * by a predicate) rather than one per step, which Neo4j plans several times faster. `maxDepth`
 * (MAX_TRAVERSAL_DEPTH) bounds the walk.
 */
export function countryOf(v: string, maxDepth: number, throughPositions = false): string {
  const types = throughPositions ? 'HOLDS_POSITION|PART_OF|LOCATED_IN|HELD_IN' : 'PART_OF|LOCATED_IN|HELD_IN';
  return `head(COLLECT {
    MATCH path = (${v})-[:${types}*0..${depth(maxDepth)}]->(c:Country)
    WITH c, length(path) AS hops,
         [r IN relationships(path) | CASE type(r) WHEN 'HOLDS_POSITION' THEN 0 WHEN 'PART_OF' THEN 1 ELSE 2 END] AS steps
    WHERE all(k IN range(1, size(steps) - 1) WHERE steps[k - 1] <= steps[k])
    WITH c, hops, size([step IN steps WHERE step = 1]) AS up
    ORDER BY up, hops, c.code LIMIT 1
    RETURN {country: c, inferred: up > 0} AS found
  })`;
}

/**
 * A Cypher condition: the country of `v` (as countryOf finds it) has the code `$countryCode`. Whether any path
 * reaches that country is asked first: it starts from the country-code index and passes few entities on.
 */
export function inCountry(v: string, maxDepth: number): string {
  const reaches = `(${v})-[:PART_OF|LOCATED_IN|HELD_IN*0..${depth(maxDepth)}]->(:Country {code: $countryCode})`;
  return `(EXISTS { MATCH ${reaches} } AND ${countryOf(v, maxDepth)}.country.code = $countryCode)`;
}

/** A bound is part of the pattern, not a parameter: only a whole number from the configuration goes in. */
function depth(maxDepth: number): number {
  if (!Number.isInteger(maxDepth) || maxDepth < 1)
    throw new Error(`maxDepth must be a whole number, got ${maxDepth}`);
  return maxDepth;
}
