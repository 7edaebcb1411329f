import type { Database } from '../../src/db/neo4j.database';

/**
 * Every node and relationship with all its properties, in a stable order: to show that nothing changed. The
 * graph's generation is left out: a write that changed nothing still commits, and moves it on.
 */
export async function graphSnapshot(db: Database): Promise<unknown> {
  return db.read(async (tx) => {
    const nodes = await tx.run(
      'MATCH (n) WHERE NOT n:GraphGeneration RETURN labels(n) AS labels, properties(n) AS props ORDER BY coalesce(n.id, toString(n.version)), labels(n)[0]',
    );
    const rels = await tx.run(
      `MATCH (a)-[r]->(b)
       RETURN coalesce(a.id, '') AS from, type(r) AS type, coalesce(b.id, '') AS to, properties(r) AS props
       ORDER BY from, type, to, coalesce(r.key, '')`,
    );
    // A property map has no order: Neo4j may list the same properties in another order after a rewrite.
    const stable = (record: { toObject(): Record<string, unknown> }): string => {
      const { props, ...rest } = record.toObject();
      const sorted = Object.keys(props as object)
        .sort()
        .map((key) => [key, (props as Record<string, unknown>)[key]]);
      return JSON.stringify({ ...rest, props: sorted });
    };
    return { nodes: nodes.records.map(stable), rels: rels.records.map(stable) };
  });
}

/** Removes what a test wrote: the nodes whose id starts with its prefix, the redirects to them and their records. */
export async function removeByPrefix(db: Database, prefix: string): Promise<void> {
  await db.write((tx) =>
    tx.run(
      `MATCH (n) WHERE (n:Entity OR n:Source OR n:MergedId OR n:Tombstone) AND n.id STARTS WITH $prefix
       OPTIONAL MATCH (n)-[:RECORDED*1..2]->(record:MergeRecord)
       DETACH DELETE record, n`,
      { prefix },
    ),
  );
}
