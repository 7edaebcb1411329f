import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../common/app.errors';
import { CURRENT_ENTITY } from '../../db/current-entity.cypher';
import { union } from '../../db/cypher.lists';
import { cypherRelType, RELATIONSHIP_TYPES, type RelationshipType } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';

const CATEGORIES = ['Institution', 'Person', 'Place', 'Event', 'Agreement', 'Framework', 'Commitment'];

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
         WITH n, commitments, collect(redirect) AS redirects
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
   * already has), names become aliases, sources join; the merged id is kept as a MergedId node that resolves
   * to the kept entity and records the merge.
   */
  async merge(keepId: string, mergeId: string): Promise<number> {
    return this.db.write(async (tx) => {
      const heads = await tx.run(
        'UNWIND [$keepId, $mergeId] AS id OPTIONAL MATCH (n:Entity {id: id}) RETURN id, labels(n) AS labels',
        { keepId, mergeId },
      );
      const labelsOf = new Map(
        heads.records.map((r) => [r.get('id') as string, r.get('labels') as string[] | null]),
      );
      for (const [field, id] of [
        ['keepId', keepId],
        ['mergeId', mergeId],
      ] as const) {
        if (!labelsOf.get(id))
          throw new AppError('NOT_FOUND', `${field}: no entity has id ${JSON.stringify(id)}`, { field });
      }
      const category = (id: string) => CATEGORIES.find((c) => labelsOf.get(id)?.includes(c));
      if (category(keepId) !== category(mergeId)) {
        throw new AppError(
          'BAD_USER_INPUT',
          `mergeId: cannot merge a ${category(mergeId)} into a ${category(keepId)}`,
          { field: 'mergeId' },
        );
      }
      let moved = 0;
      for (const type of RELATIONSHIP_TYPES) moved += await moveRelationships(tx, type, keepId, mergeId);
      await tx.run(
        `MATCH (k:Entity {id: $keepId}), (m:Entity {id: $mergeId})
         SET k.sourceIds = ${union('k.sourceIds', 'coalesce(m.sourceIds, [])')},
             k.nameLangs = coalesce(k.nameLangs, m.nameLangs),
             k.nameValues = coalesce(k.nameValues, m.nameValues)
         SET k.aliases = [a IN ${union('k.aliases', 'coalesce(m.aliases, []) + [m.name]')} WHERE a <> k.name]
         SET k.searchText = reduce(text = coalesce(k.acronym, ''), alias IN k.aliases | text + ' | ' + alias)
         MERGE (x:MergedId {id: $mergeId})
         SET x.name = m.name, x.labels = labels(m), x.keptId = $keepId, x.mergedAt = datetime(), x.sourceIds = m.sourceIds
         MERGE (x)-[:MERGED_INTO]->(k)
         WITH m DETACH DELETE m`,
        { keepId, mergeId },
      );
      return moved;
    });
  }
}

async function moveRelationships(
  tx: ManagedTransaction,
  type: RelationshipType,
  keepId: string,
  mergeId: string,
): Promise<number> {
  const rel = cypherRelType(type);
  let moved = 0;
  for (const [match, create] of [
    [`(m)-[r:${rel}]->(other)`, `(k)-[copy:${rel} {key: coalesce(r.key, '')}]->(other)`],
    [`(other)-[r:${rel}]->(m)`, `(other)-[copy:${rel} {key: coalesce(r.key, '')}]->(k)`],
  ] as const) {
    const result = await tx.run(
      `MATCH (k:Entity {id: $keepId}), (m:Entity {id: $mergeId})
       MATCH ${match}
       WHERE other <> k
       WITH k, m, r, other, properties(r) AS props
       MERGE ${create}
       WITH r, copy, props, coalesce(copy.sourceIds, []) AS had
       SET copy += props
       SET copy.sourceIds = ${union('had', 'coalesce(props.sourceIds, [])')}
       DELETE r
       RETURN count(*) AS moved`,
      { keepId, mergeId },
    );
    moved += result.records[0]?.get('moved') as number;
  }
  return moved;
}
