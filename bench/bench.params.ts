import type { Database } from '../src/db/neo4j.database';
import { toLuceneQuery } from '../src/modules/search/lucene.query';
import { TIERS, type Tier } from '../seed/synthetic/synthetic.generator';
import type { MixParams } from './bench.queries';

/** Sizes of a tier as the generator makes them (seed/synthetic/synthetic.generator.ts). */
export function tierShape(tier: Tier): { institutions: number; people: number; cities: number } {
  const total = TIERS[tier];
  return {
    institutions: Math.round(total * 0.25),
    people: Math.round(total * 0.35),
    cities: Math.max(5, Math.round(total / 1_000)) * 3,
  };
}

/** Spread over the power law: hubs (low indexes), the middle and the long tail. */
const FRACTIONS = [0.005, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95];
const pickIds = (prefix: string, count: number): string[] =>
  FRACTIONS.map((f) => `${prefix}-${Math.floor(f * count)}`);

/**
 * Parameters for the mix, chosen from the loaded graph the same way every run: institutions across the
 * degree range; people whose 2-hop neighbourhood fits the API's node limit (so no answer is cut short);
 * reachable and unreachable pairs; two-word searches that match a handful of institutions.
 */
export async function chooseParams(
  db: Database,
  tier: Tier,
  maxNeighborhoodNodes: number,
): Promise<MixParams> {
  const shape = tierShape(tier);
  const institutions = pickIds('synthetic:institution', shape.institutions);
  const candidates = Array.from(
    { length: 60 },
    (_, i) => `synthetic:person-${Math.floor(((i + 0.5) / 60) * shape.people)}`,
  );

  return db.read(async (tx) => {
    const sizes = await tx.run(
      `UNWIND $ids AS id
       MATCH (s:Entity {id: id})
       CALL (s) { OPTIONAL MATCH (s)-[:HOLDS_POSITION|PARTICIPATED_IN]-(a:Entity) RETURN collect(DISTINCT a) AS level1 }
       UNWIND [s] + level1 AS n
       OPTIONAL MATCH (n)-[:HOLDS_POSITION|PARTICIPATED_IN]-(m:Entity)
       WITH id, count(DISTINCT m) AS size
       RETURN id, size`,
      { ids: candidates },
    );
    const people = sizes.records
      .filter((r) => (r.get('size') as number) >= 20 && (r.get('size') as number) < maxNeighborhoodNodes)
      .map((r) => r.get('id') as string)
      .slice(0, 8);

    const names = await tx.run(`UNWIND $ids AS id MATCH (i:Entity {id: id}) RETURN i.name AS name`, {
      ids: pickIds('synthetic:institution', shape.institutions),
    });
    const searches: string[] = [];
    for (const record of names.records) {
      const words = (record.get('name') as string).split(' ').slice(0, 2).join(' ');
      const hits = await tx.run(
        `CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node
         WHERE node:Institution RETURN count(node) AS hits`,
        { lucene: toLuceneQuery(words) },
      );
      const count = hits.records[0]?.get('hits') as number;
      if (count >= 1 && count <= 15) searches.push(words);
    }

    const last = shape.institutions - 1;
    // Institutions that are units of none and have none (index 10k+5): over PART_OF no path links them.
    const loose = [last - (last % 10) - 5, last - (last % 10) - 15].map((i) => `synthetic:institution-${i}`);
    const pairs = [
      ...people.slice(0, 6).map((from, i) => ({ from, to: people[(i + 3) % people.length] as string })),
      { from: loose[0] as string, to: loose[1] as string, kinds: ['PART_OF'] },
      { from: people[0] as string, to: loose[0] as string, kinds: ['PART_OF'] },
    ];
    return { institutions, people, pairs, searches };
  });
}
