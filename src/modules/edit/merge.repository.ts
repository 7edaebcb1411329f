import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../common/app.errors';
import { union, unionIgnoringCase } from '../../db/cypher.lists';
import { clashingNames, combinedNames, namesOf, setNames } from '../../db/dated-names.cypher';
import { checkedLabel, checkedRelType, type Label, RELATIONSHIP_TYPES } from '../../db/identifier.whitelist';

const CATEGORIES = ['Institution', 'Person', 'Place', 'Event', 'Agreement', 'Framework', 'Commitment'];

/**
 * How a merge is recorded, so that it can be undone exactly. The MergedId node `x` (which also redirects the
 * merged id) holds, over RECORDED relationships to MergeRecord nodes whose properties are copies:
 *   role 'merged': the merged node's properties (its labels are x.labels);
 *   role 'keptBefore' / 'keptAfter': the kept node's properties before and right after the merge;
 *   role 'relationship' (one per relationship of the merged node, with its type, direction, other end and fate:
 *   'moved' to the kept node, 'joined' into one the kept node had, or 'dropped' as it linked the two): the
 *   relationship's properties; a joined one's record links to the kept relationship's properties 'before' and
 *   'after'. Copies keep every value's type (dates, integers), which a JSON record would not.
 */
const types = (): string[] => RELATIONSHIP_TYPES.map(checkedRelType);

/** Cypher: two values are the same, absent ones included. */
const same = (a: string, b: string): string =>
  `((${a}) IS NULL AND (${b}) IS NULL OR coalesce((${a}) = (${b}), false))`;

/** Cypher: the keys whose values differ between two property holders. */
const changedKeys = (before: string, after: string): string =>
  `[key IN ${union(`keys(${before})`, `keys(${after})`)} WHERE NOT ${same(`${before}[key]`, `${after}[key]`)}]`;

export interface MergeOptions {
  /** The review candidate this merge confirms: unmerge opens it again. */
  candidateId?: string;
}

/** Checks both ends of a merge; the first error leaves the transaction unwritten. */
async function checkMerge(tx: ManagedTransaction, keepId: string, mergeId: string): Promise<void> {
  const heads = await tx.run(
    `UNWIND [$keepId, $mergeId] AS id
     OPTIONAL MATCH (n:Entity {id: id})
     RETURN id, labels(n) AS labels, COUNT { (n)-[r]-() WHERE NOT type(r) IN $types } AS unlisted,
            EXISTS { (:MergedId {id: id}) } AS redirected`,
    { keepId, mergeId, types: types() },
  );
  const byId = new Map(heads.records.map((r) => [r.get('id') as string, r]));
  for (const [field, id] of [
    ['keepId', keepId],
    ['mergeId', mergeId],
  ] as const) {
    if (!byId.get(id)?.get('labels'))
      throw new AppError('NOT_FOUND', `${field}: no entity has id ${JSON.stringify(id)}`, { field });
  }
  const labels = (id: string) => byId.get(id)?.get('labels') as string[];
  const category = (id: string) => CATEGORIES.find((c) => labels(id).includes(c));
  if (category(keepId) !== category(mergeId)) {
    throw new AppError(
      'BAD_USER_INPUT',
      `mergeId: cannot merge a ${category(mergeId)} into a ${category(keepId)}`,
      { field: 'mergeId' },
    );
  }
  if (byId.get(mergeId)?.get('redirected')) {
    throw new AppError('CONFLICT', `mergeId: ${JSON.stringify(mergeId)} is already a merged id`, {
      field: 'mergeId',
    });
  }
  if ((byId.get(mergeId)?.get('unlisted') as number) > 0)
    throw new Error(`entity ${mergeId} has relationships of a type not in the whitelist`);
}

/**
 * Merges `mergeId` into `keepId` inside `tx`: every relationship moves (joining one the kept entity already has,
 * whose values stay and whose gaps fill), names and sources combine, the kept entity's values stay and its gaps
 * fill, and all of it is recorded for `unmergeInTransaction`. How many relationships moved.
 */
export async function mergeInTransaction(
  tx: ManagedTransaction,
  keepId: string,
  mergeId: string,
  options: MergeOptions = {},
): Promise<number> {
  await checkMerge(tx, keepId, mergeId);
  const params = { keepId, mergeId, candidateId: options.candidateId ?? null, types: types() };
  await tx.run(
    `MATCH (k:Entity {id: $keepId}), (m:Entity {id: $mergeId})
     CREATE (x:MergedId {id: $mergeId, name: m.name, labels: labels(m), keptId: $keepId, mergedAt: datetime()})
     SET x.sourceIds = m.sourceIds, x.candidateId = $candidateId
     CREATE (x)-[:MERGED_INTO]->(k)
     CREATE (x)-[:RECORDED {role: 'merged'}]->(merged:MergeRecord)
     CREATE (x)-[:RECORDED {role: 'keptBefore'}]->(before:MergeRecord)
     SET merged = properties(m), before = properties(k)`,
    params,
  );
  const moved = await tx.run(
    `MATCH (k:Entity {id: $keepId}), (m:Entity {id: $mergeId}), (x:MergedId {id: $mergeId})
     MATCH (m)-[r]-(other) WHERE type(r) IN $types
     WITH DISTINCT k, m, x, r, other
     WITH k, m, x, r, other, type(r) AS type, startNode(r) = m AS outgoing, coalesce(r.key, '') AS key
     CALL (k, other, type, key, outgoing) {
       OPTIONAL MATCH (k)-[e]-(other)
       WHERE type(e) = type AND e.key = key AND (startNode(e) = k) = outgoing AND other <> k
       RETURN head(collect(e)) AS existing
     }
     WITH k, m, x, r, other, type, outgoing, key, existing, properties(existing) AS before,
          CASE WHEN other = k OR other = m THEN 'dropped' WHEN existing IS NULL THEN 'moved' ELSE 'joined' END AS fate
     CREATE (x)-[:RECORDED {role: 'relationship', fate: fate, type: type, outgoing: outgoing, self: other = m,
                            otherId: other.id, otherElementId: elementId(other)}]->(was:MergeRecord)
     SET was = properties(r)
     FOREACH (_ IN CASE WHEN fate = 'moved' AND outgoing THEN [1] ELSE [] END |
       CREATE (k)-[copy:$(type)]->(other) SET copy = properties(r), copy.key = key)
     FOREACH (_ IN CASE WHEN fate = 'moved' AND NOT outgoing THEN [1] ELSE [] END |
       CREATE (other)-[copy:$(type)]->(k) SET copy = properties(r), copy.key = key)
     FOREACH (_ IN CASE WHEN fate = 'joined' THEN [1] ELSE [] END |
       CREATE (was)-[:RECORDED {role: 'before'}]->(kept:MergeRecord)
       SET kept = before
       SET existing += properties(r)
       SET existing += before
       SET existing.sourceIds = ${union('before.sourceIds', 'coalesce(r.sourceIds, [])')}
       CREATE (was)-[:RECORDED {role: 'after'}]->(after:MergeRecord)
       SET after = properties(existing))
     RETURN sum(CASE WHEN fate = 'dropped' THEN 0 ELSE 1 END) AS moved`,
    params,
  );
  await combineAndDelete(tx, keepId, mergeId);
  return (moved.records[0]?.get('moved') as number | undefined) ?? 0;
}

/** The kept node keeps its values and fills its gaps from the merged one; names (with dates) combine; the merged one goes. */
async function combineAndDelete(tx: ManagedTransaction, keepId: string, mergeId: string): Promise<void> {
  await tx.run(
    `MATCH (k:Entity {id: $keepId}), (m:Entity {id: $mergeId}), (x:MergedId {id: $mergeId})
     WITH k, m, x, properties(k) AS kept, ${namesOf('m')} AS incoming
     WITH k, m, x, kept, incoming, ${combinedNames(namesOf('k'), 'incoming')} AS names
     WITH k, m, x, kept, names, ${clashingNames('incoming', 'names')} AS clashing
     SET k += m{.*, id: k.id}
     SET k += kept
     SET k.sourceIds = ${union('kept.sourceIds', 'coalesce(m.sourceIds, [])')},
         ${setNames('k', 'names')}
     WITH k, m, x, [name IN clashing + [m.name] + CASE WHEN kept.acronym <> m.acronym THEN [m.acronym] ELSE [] END | toString(name)] AS names
     SET k.aliases = [a IN ${unionIgnoringCase('k.aliases', '[name IN coalesce(m.aliases, []) | toString(name)] + names')} WHERE toLower(a) <> toLower(k.name)]
     SET k.searchText = reduce(text = coalesce(k.acronym, ''), alias IN k.aliases | text + ' | ' + alias)
     CREATE (x)-[:RECORDED {role: 'keptAfter'}]->(after:MergeRecord)
     SET after = properties(k)
     DETACH DELETE m`,
    { keepId, mergeId },
  );
}

interface RelationshipCheck {
  type: string;
  outgoing: boolean;
  otherId: string | null;
  fate: string;
  otherExists: boolean;
  copies: number;
  copyUnchanged: boolean;
}

/** What stands in the way of undoing the merge of `mergedId`, each said exactly; none when it can be undone. */
async function unmergeConflicts(
  tx: ManagedTransaction,
  mergedId: string,
): Promise<{ conflicts: string[]; labels: string[]; keptId: string }> {
  const head = await tx.run(
    `MATCH (x:MergedId {id: $mergedId})
     SET x.keptId = x.keptId
     WITH x
     OPTIONAL MATCH (x)-[:MERGED_INTO]->(now)
     OPTIONAL MATCH (x)-[:RECORDED {role: 'keptBefore'}]->(before)
     OPTIONAL MATCH (x)-[:RECORDED {role: 'keptAfter'}]->(after)
     RETURN x.keptId AS keptId, now.id AS nowId, x.labels AS labels, before IS NOT NULL AS recorded,
            EXISTS { (:Entity {id: $mergedId}) } AS taken,
            [key IN ${changedKeys('before', 'after')} WHERE NOT ${same('now[key]', 'after[key]')}] AS keptChanged`,
    { mergedId },
  );
  const record = head.records[0];
  if (!record) {
    throw new AppError('NOT_FOUND', `mergedId: no merge of ${JSON.stringify(mergedId)} is recorded`, {
      field: 'mergedId',
    });
  }
  const keptId = record.get('keptId') as string;
  const nowId = record.get('nowId') as string | null;
  const q = JSON.stringify;
  const conflicts: string[] = [];
  if (!record.get('recorded'))
    conflicts.push(`the merge of ${q(mergedId)} was made before merges were recorded`);
  else if (nowId === null) conflicts.push(`the kept entity ${q(keptId)} was deleted since`);
  else if (nowId !== keptId)
    conflicts.push(`the kept entity ${q(keptId)} was itself merged into ${q(nowId)} since; unmerge it first`);
  if (record.get('taken')) conflicts.push(`an entity with id ${q(mergedId)} exists again`);
  const keptChanged = (record.get('keptChanged') as string[] | null) ?? [];
  if (nowId === keptId && keptChanged.length > 0)
    conflicts.push(`${q(keptId)} changed since the merge in what the merge set: ${keptChanged.join(', ')}`);
  if (conflicts.length === 0) conflicts.push(...(await relationshipConflicts(tx, mergedId, keptId)));
  return { conflicts, labels: record.get('labels') as string[], keptId };
}

async function relationshipConflicts(tx: ManagedTransaction, mergedId: string, keptId: string) {
  const result = await tx.run(
    `MATCH (x:MergedId {id: $mergedId})-[rec:RECORDED {role: 'relationship'}]->(was), (x)-[:MERGED_INTO]->(k)
     OPTIONAL MATCH (other) WHERE elementId(other) = rec.otherElementId AND other.id = rec.otherId
     OPTIONAL MATCH (was)-[:RECORDED {role: 'before'}]->(before)
     OPTIONAL MATCH (was)-[:RECORDED {role: 'after'}]->(after)
     CALL (k, other, rec, was) {
       OPTIONAL MATCH (k)-[e]-(other)
       WHERE rec.fate <> 'dropped' AND type(e) = rec.type AND e.key = coalesce(was.key, '')
         AND (startNode(e) = k) = rec.outgoing
       RETURN collect(e) AS copies
     }
     WITH rec, was, before, after, other, copies, copies[0] AS copy
     RETURN rec.type AS type, rec.outgoing AS outgoing, rec.otherId AS otherId, rec.fate AS fate,
            rec.self OR other IS NOT NULL AS otherExists, size(copies) AS copies,
            CASE rec.fate
              WHEN 'moved' THEN properties(copy) = was{.*, key: coalesce(was.key, '')}
              WHEN 'joined' THEN all(key IN ${changedKeys('before', 'after')} WHERE ${same('copy[key]', 'after[key]')})
              ELSE true END AS copyUnchanged`,
    { mergedId },
  );
  const q = JSON.stringify;
  return result.records.flatMap((r) => {
    const c = r.toObject() as RelationshipCheck;
    const what = `the ${c.type} relationship ${c.outgoing ? 'to' : 'from'} ${q(c.otherId)}`;
    if (!c.otherExists) return [`${q(c.otherId)}, at the other end of ${what}, no longer exists`];
    if (c.fate === 'dropped') return [];
    if (c.copies !== 1) return [`${what} of ${q(keptId)} was removed since the merge`];
    if (!c.copyUnchanged) return [`${what} of ${q(keptId)} changed since the merge`];
    return [];
  });
}

/**
 * Undoes the merge of `mergedId` inside `tx`, exactly: the merged node comes back with its labels and
 * properties, each of its relationships as it was, the kept node and the relationships it joined get back the
 * values they had before, and the record goes. Refuses with CONFLICT, writing nothing, when something the merge
 * touched has changed since in a way this cannot undo. The kept entity's id.
 */
export async function unmergeInTransaction(tx: ManagedTransaction, mergedId: string): Promise<string> {
  const { conflicts, labels, keptId } = await unmergeConflicts(tx, mergedId);
  if (conflicts.length > 0) {
    throw new AppError('CONFLICT', `cannot unmerge ${JSON.stringify(mergedId)}: ${conflicts.join('; ')}`, {
      field: 'mergedId',
    });
  }
  const params = { mergedId, labels: labels.map((label) => checkedLabel(label as Label)), types: types() };
  await tx.run(
    `MATCH (x:MergedId {id: $mergedId})-[:MERGED_INTO]->(k),
           (x)-[:RECORDED {role: 'merged'}]->(merged),
           (x)-[:RECORDED {role: 'keptBefore'}]->(before),
           (x)-[:RECORDED {role: 'keptAfter'}]->(after)
     CREATE (m:Entity)
     SET m = properties(merged)
     SET m:$($labels)
     FOREACH (key IN ${changedKeys('before', 'after')} | SET k[key] = before[key])`,
    params,
  );
  await tx.run(
    `MATCH (x:MergedId {id: $mergedId})-[rec:RECORDED {role: 'relationship'}]->(was), (x)-[:MERGED_INTO]->(k),
           (m:Entity {id: $mergedId})
     WHERE rec.type IN $types
     OPTIONAL MATCH (found) WHERE elementId(found) = rec.otherElementId
     OPTIONAL MATCH (was)-[:RECORDED {role: 'before'}]->(before)
     OPTIONAL MATCH (was)-[:RECORDED {role: 'after'}]->(after)
     WITH x, k, m, rec, was, before, after, CASE WHEN rec.self THEN m ELSE found END AS other
     CALL (k, other, rec, was) {
       OPTIONAL MATCH (k)-[e]-(other)
       WHERE rec.fate <> 'dropped' AND type(e) = rec.type AND e.key = coalesce(was.key, '')
         AND (startNode(e) = k) = rec.outgoing
       RETURN head(collect(e)) AS copy
     }
     FOREACH (_ IN CASE WHEN rec.outgoing THEN [1] ELSE [] END |
       CREATE (m)-[r:$(rec.type)]->(other) SET r = properties(was))
     FOREACH (_ IN CASE WHEN rec.outgoing THEN [] ELSE [1] END |
       CREATE (other)-[r:$(rec.type)]->(m) SET r = properties(was))
     FOREACH (key IN CASE WHEN rec.fate = 'joined' THEN ${changedKeys('before', 'after')} ELSE [] END |
       SET copy[key] = before[key])
     FOREACH (_ IN CASE WHEN rec.fate = 'moved' THEN [1] ELSE [] END | DELETE copy)`,
    params,
  );
  await tx.run(
    `MATCH (x:MergedId {id: $mergedId})
     OPTIONAL MATCH (c:ResolutionCandidate {id: x.candidateId})
     SET c.status = 'OPEN'
     REMOVE c.decidedAt
     WITH DISTINCT x
     OPTIONAL MATCH (x)-[:RECORDED*1..2]->(record:MergeRecord)
     DETACH DELETE record, x`,
    params,
  );
  return keptId;
}
