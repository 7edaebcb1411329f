import type { ManagedTransaction } from 'neo4j-driver';
import { cypherLabel, cypherRelType } from '../db/identifier.whitelist';
import type { Database } from '../db/neo4j.database';
import type { WritePlan } from './document.plan';

/** Adds the items of `$list` to the list property `target` that it does not hold yet. */
const union = (target: string, list: string): string =>
  `reduce(acc = coalesce(${target}, []), item IN ${list} | CASE WHEN item IN acc THEN acc ELSE acc + item END)`;

/**
 * Writes a whole document in one transaction: every MERGE is keyed by a stable id (or, for relationships, by
 * their ends, type and key), so the transaction is idempotent and the driver may retry it; loading the same
 * document again changes nothing.
 */
export class DocumentRepository {
  constructor(private readonly db: Database) {}

  write(plan: WritePlan): Promise<void> {
    return this.db.write((tx) => writePlan(tx, plan));
  }
}

async function writePlan(tx: ManagedTransaction, plan: WritePlan): Promise<void> {
  await tx.run(
    `MERGE (s:Source {id: $id})
     SET s += $props, s.date = CASE WHEN $date IS NULL THEN s.date ELSE date($date) END`,
    { id: plan.sourceId, props: plan.source, date: plan.sourceDate ?? null },
  );
  const sourceIds = [plan.sourceId];

  for (const group of plan.nodes) {
    await tx.run(
      `UNWIND $rows AS row
       MERGE (n:Entity {id: row.id})
       SET n:${group.labels.map(cypherLabel).join(':')}
       SET n += row.props,
           n.date = CASE WHEN row.date IS NULL THEN n.date ELSE date(row.date) END,
           n.endDate = CASE WHEN row.endDate IS NULL THEN n.endDate ELSE date(row.endDate) END,
           n.nameLangs = coalesce(row.nameLangs, n.nameLangs),
           n.nameValues = coalesce(row.nameValues, n.nameValues),
           n.aliases = ${union('n.aliases', 'row.aliases')},
           n.sourceIds = ${union('n.sourceIds', '$sourceIds')}
       SET n.searchText = reduce(text = coalesce(n.acronym, ''), alias IN n.aliases | text + ' | ' + alias)`,
      { rows: group.rows, sourceIds },
    );
  }

  for (const group of plan.relationships) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.from})
       MATCH (b:Entity {id: row.to})
       MERGE (a)-[r:${cypherRelType(group.type)} {key: row.key}]->(b)
       SET r += row.props,
           r.since = CASE WHEN row.since IS NULL THEN r.since ELSE date(row.since) END,
           r.until = CASE WHEN row.until IS NULL THEN r.until ELSE date(row.until) END,
           r.sourceIds = ${union('r.sourceIds', '$sourceIds')}`,
      { rows: group.rows, sourceIds },
    );
  }

  if (plan.publisherId) {
    await tx.run(
      `MATCH (s:Source {id: $sourceId}), (p:Entity {id: $publisherId})
       MERGE (s)-[:${cypherRelType('PUBLISHED_BY')} {key: ''}]->(p)`,
      { sourceId: plan.sourceId, publisherId: plan.publisherId },
    );
  }
}
