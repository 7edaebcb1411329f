import { CURRENT_ENTITY } from '../../db/current-entity.cypher';
import { cypherRelType, type RelationshipType } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';
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
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `WITH $id AS id
         ${CURRENT_ENTITY}
         RETURN entity.id AS id, entity.name AS name, labels(entity) AS labels, entity.kind AS kind`,
        { id },
      );
      return result.records[0]?.toObject() as EntityHead | undefined;
    });
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

  /** Deletes an entity with its relationships (and an agreement's commitments); how many relationships went. */
  async delete(id: string): Promise<number | undefined> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (n:Entity {id: $id})
         OPTIONAL MATCH (n)-[:HAS_COMMITMENT]->(c:Commitment)
         WITH n, collect(c) AS commitments
         OPTIONAL MATCH (redirect:MergedId)-[:MERGED_INTO]->(n)
         OPTIONAL MATCH (redirect)-[:RECORDED*1..2]->(record:MergeRecord)
         WITH n, commitments, collect(DISTINCT redirect) + collect(record) AS redirects
         WITH n, commitments, redirects, COUNT { (n)--() } + reduce(total = 0, c IN commitments | total + COUNT { (c)--() } - 1) AS relationships
         FOREACH (x IN commitments + redirects | DETACH DELETE x)
         DETACH DELETE n
         RETURN relationships`,
        { id },
      );
      return result.records[0]?.get('relationships') as number | undefined;
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
