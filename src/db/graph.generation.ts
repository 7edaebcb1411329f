import type { ManagedTransaction } from 'neo4j-driver';
import { cypherLabel } from './identifier.whitelist';
import type { Database } from './neo4j.database';

/**
 * Which state of the graph a reader saw: `epoch` names the generation node (a new one if it was ever deleted and
 * made again), `value` counts the committed writes since. Kept in the graph, so every API replica on one Neo4j
 * sees every other replica's writes.
 */
export interface GraphGeneration {
  epoch: string;
  value: number;
}

const GENERATION = `(g:${cypherLabel('GraphGeneration')} {key: 'graph'})`;

/**
 * The last statement of every write transaction (database.write runs it): the generation moves on when, and only
 * when, the transaction commits. Last, so that the generation node's lock is held only from here to the commit.
 */
export async function bumpGeneration(tx: ManagedTransaction): Promise<void> {
  await tx.run(
    `MERGE ${GENERATION}
     ON CREATE SET g.epoch = randomUUID(), g.value = 0
     SET g.value = g.value + 1`,
  );
}

/** The generation now; undefined while there is no generation node (no write since the graph was emptied). */
export async function readGeneration(db: Pick<Database, 'query'>): Promise<GraphGeneration | undefined> {
  const [record] = await db.query(`MATCH ${GENERATION} RETURN g.epoch AS epoch, g.value AS value`);
  return record ? { epoch: record.get('epoch') as string, value: record.get('value') as number } : undefined;
}

/** Whether what was computed at `kept` answers a reader who saw `seen`: the same node, no write since. */
export function answers(kept: GraphGeneration, seen: GraphGeneration): boolean {
  return kept.epoch === seen.epoch && kept.value >= seen.value;
}
