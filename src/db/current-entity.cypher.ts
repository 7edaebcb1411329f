/**
 * Cypher that binds `entity` to the entity whose id is `id` (a variable in scope), or to the entity that one was
 * merged into: a merged entity's id keeps resolving everywhere. A row whose id names nothing is dropped.
 */
export const CURRENT_ENTITY = `
  CALL (id) {
    MATCH (entity:Entity {id: id}) RETURN entity
    UNION
    MATCH (:MergedId {id: id})-[:MERGED_INTO]->(entity:Entity) RETURN entity
  }`;
