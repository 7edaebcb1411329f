import { AppError } from '../../common/app.errors';
import { CURRENT_ENTITY } from '../../db/current-entity.cypher';
import { cypherLabel, cypherRelType, type RelationshipType } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';
import { lockIds } from '../../ingest/document.repository';
import { CATEGORIES } from '../../ingest/link.rules';
import { mergeInTransaction, unmergeInTransaction } from './merge.repository';

export interface EntityHead {
  id: string;
  name: string;
  labels: string[];
  kind?: string;
}

/** Edits that are not additions: unlinking, deleting and merging. Each runs in one transaction. */
export class EditRepository {
  constructor(private readonly db: Database) {}

  async head(id: string): Promise<EntityHead | undefined> {
    const records = await this.db.query(
      `WITH $id AS id
       ${CURRENT_ENTITY}
       RETURN entity.id AS id, entity.name AS name, labels(entity) AS labels, entity.kind AS kind`,
      { id },
    );
    return records[0]?.toObject() as EntityHead | undefined;
  }

  /** Removes the relationships of one kind between two entities; how many there were. */
  async unlink(from: string, type: RelationshipType, to: string): Promise<number> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (:Entity {id: $from})-[r:${cypherRelType(type)}]->(:Entity {id: $to})
         DELETE r
         RETURN count(r) AS removed`,
        { from, to },
      );
      return result.records[0]?.get('removed') as number;
    });
  }

  /**
   * Deletes an entity with its relationships (and an agreement's commitments), and leaves a tombstone under its id
   * and under every merged id that led to it, so that no later ingest writes it again (until `restore`). It first
   * takes the id's lock, as ingest does for the ids it writes: an ingest or update racing the delete decides
   * before or after it, never in between. How many relationships went; NOT_FOUND, writing nothing, for no entity.
   */
  async delete(id: string, by: string | undefined): Promise<number> {
    return this.db.write(async (tx) => {
      await lockIds(tx, [id]);
      const result = await tx.run(
        `MATCH (n:Entity {id: $id})
         OPTIONAL MATCH (n)-[:HAS_COMMITMENT]->(c:Commitment)
         WITH n, collect(c) AS commitments
         OPTIONAL MATCH (redirect:MergedId)-[:MERGED_INTO]->(n)
         OPTIONAL MATCH (redirect)-[:RECORDED*1..2]->(record:MergeRecord)
         WITH n, commitments, collect(DISTINCT redirect) AS mergedIds, collect(record) AS records
         WITH n, commitments, mergedIds, records, COUNT { (n)--() } + reduce(total = 0, c IN commitments | total + COUNT { (c)--() } - 1) AS relationships,
              head([label IN labels(n) WHERE label IN $categories]) AS kind,
              [n.id] + [m IN mergedIds | m.id] + [c IN commitments | c.id] AS gone
         FOREACH (x IN commitments + mergedIds + records | DETACH DELETE x)
         DETACH DELETE n
         FOREACH (goneId IN gone |
           MERGE (t:${cypherLabel('Tombstone')} {id: goneId})
           SET t.kind = kind, t.deletedAt = datetime(), t.by = $by)
         RETURN relationships`,
        { id, by: by ?? null, categories: CATEGORIES },
      );
      const removed = result.records[0]?.get('relationships') as number | undefined;
      // Thrown inside the transaction, so that the lock taken above is rolled back with it.
      if (removed === undefined)
        throw new AppError('NOT_FOUND', `id: no entity has id ${JSON.stringify(id)}`, { field: 'id' });
      return removed;
    });
  }

  /** Removes the tombstone of a deleted id, so that documents may write it again; NOT_FOUND without one. */
  async restore(id: string): Promise<string> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (t:${cypherLabel('Tombstone')} {id: $id})
         WITH t, t.kind AS kind
         DELETE t
         RETURN kind`,
        { id },
      );
      if (result.records.length === 0)
        throw new AppError('NOT_FOUND', `id: no deleted entity has id ${JSON.stringify(id)}`, {
          field: 'id',
        });
      return result.records[0]?.get('kind') as string;
    });
  }

  /**
   * Merges `mergeId` into `keepId` in one transaction: every relationship moves (joining one the kept entity
   * already has), names combine, sources join; the merged id is kept as a MergedId node that resolves to the
   * kept entity and records the merge, so that `unmerge` can undo it exactly. How many relationships moved.
   */
  async merge(keepId: string, mergeId: string): Promise<number> {
    return this.db.write((tx) => mergeInTransaction(tx, keepId, mergeId));
  }

  /** Undoes the merge of `mergedId` in one transaction; the id of the entity it had been merged into. */
  async unmerge(mergedId: string): Promise<string> {
    return this.db.write((tx) => unmergeInTransaction(tx, mergedId));
  }
}
