import { toGraphNode, plainProperties, type GraphNode, type Related } from '../../db/graph.record';
import { countryOf } from '../../db/country.cypher';
import { CURRENT_ENTITY } from '../../db/current-entity.cypher';
import { cypherRelType, type RelationshipType } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';
import type { PrefetchStep } from '../../graphql/prefetch.plan';

export type Direction = 'OUT' | 'IN';

/** A node with what the prefetch read around it: per `TYPE__DIRECTION`, the related rows, each with theirs. */
export interface RelatedTree {
  labels: string[];
  /** All properties, or with `$keys` given, the values of those keys in their order. */
  props: Record<string, unknown> | unknown[];
  rel?: Record<string, unknown>;
  /** Null for a relationship longer than the look-ahead reads. */
  related?: Record<string, RelatedTree[] | null>;
}

/**
 * Nested pattern comprehensions for the steps from `variable`: one Cypher expression for the whole tree. The
 * nodes reached carry the values of `$keys` (a parameter of the query) rather than all their properties. A
 * node with more relationships of a step than its limit (`$lookAheadLimits`, see treeLimits) gets null there
 * and nothing below: its loader reads it, and the resolver cuts it to `first`.
 */
export function treeProjection(variable: string, steps: PrefetchStep[], counter = { next: 0 }): string {
  const fields = steps.map((step) => {
    counter.next += 1;
    const [r, m] = [`r${counter.next}`, `m${counter.next}`];
    const type = cypherRelType(step.type);
    const [pattern, all] =
      step.direction === 'OUT'
        ? [`(${variable})-[${r}:${type}]->(${m})`, `(${variable})-[:${type}]->()`]
        : [`(${variable})<-[${r}:${type}]-(${m})`, `(${variable})<-[:${type}]-()`];
    const next = step.next.length > 0 ? `, related: ${treeProjection(m, step.next, counter)}` : '';
    const limit = `$lookAheadLimits[${counter.next - 1}]`;
    return `${step.type}__${step.direction}: CASE WHEN COUNT { ${all} } <= ${limit} THEN [${pattern} | { rel: properties(${r}), labels: labels(${m}), props: [key IN $keys | ${m}[key]]${next} }] END`;
  });
  return `{ ${fields.join(', ')} }`;
}

/** The limits of the steps, in the order treeProjection numbers them: the query's `$lookAheadLimits`. */
export const treeLimits = (steps: PrefetchStep[]): number[] =>
  steps.flatMap((step) => [step.limit, ...treeLimits(step.next)]);

export interface CountryFound {
  country: GraphNode;
  /** From a PART_OF ancestor, not from its own place. */
  inferred: boolean;
}

interface NodeRow {
  labels: string[];
  props: Record<string, unknown>;
}

const node = (row: NodeRow): GraphNode => toGraphNode(row.labels, row.props);

/** `n`: the entity (see CURRENT_ENTITY) or the source with id `id`. */
const NODE_BY_ID = `
  CALL (id) {
    ${CURRENT_ENTITY}
    RETURN entity AS n
    UNION
    MATCH (n:Source {id: id}) RETURN n
  }`;

/** Reads of any node by id and of its neighbours over one relationship type, batched over many ids. */
export class EntityRepository {
  constructor(private readonly db: Database) {}

  /** Entities and sources by id, one round trip for the whole batch. */
  async findByIds(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id
         ${NODE_BY_ID}
         RETURN id, labels(n) AS labels, properties(n) AS props`,
        { ids },
      );
      return new Map(result.records.map((r) => [r.get('id') as string, node(r.toObject() as NodeRow)]));
    });
  }

  /**
   * Each id's node and everything the steps reach from it, in one round trip: what the resolvers of a whole
   * selection would otherwise ask for a level at a time.
   */
  async trees(
    ids: readonly string[],
    steps: PrefetchStep[],
    keys: string[],
  ): Promise<Map<string, RelatedTree>> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id
         ${NODE_BY_ID}
         RETURN id, labels(n) AS labels, properties(n) AS props, ${treeProjection('n', steps)} AS related`,
        { ids, keys, lookAheadLimits: treeLimits(steps) },
      );
      return new Map(
        result.records.map((r) => [r.get('id') as string, r.toObject() as RelatedTree & { id: string }]),
      );
    });
  }

  /** For each id, the nodes one `type` relationship away in `direction`, with the relationship's properties. */
  async related(
    type: RelationshipType,
    direction: Direction,
    ids: readonly string[],
  ): Promise<Map<string, Related[]>> {
    const pattern = direction === 'OUT' ? `-[r:${cypherRelType(type)}]->` : `<-[r:${cypherRelType(type)}]-`;
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id
         ${NODE_BY_ID}
         MATCH (n)${pattern}(m)
         RETURN id, properties(r) AS rel, labels(m) AS labels, properties(m) AS props
         ORDER BY coalesce(r.order, 0), m.name, m.id`,
        { ids },
      );
      return groupRelated(
        result.records.map((r) => r.toObject() as { id: string; rel: Record<string, unknown> } & NodeRow),
      );
    });
  }

  /** The country each entity is in (see countryOf), and whether it was inferred from a PART_OF ancestor. */
  async countryOf(ids: readonly string[], maxDepth: number): Promise<Map<string, CountryFound>> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id
         MATCH (n:Entity {id: id})
         WITH id, ${countryOf('n', maxDepth)} AS found
         WHERE found IS NOT NULL
         RETURN id, labels(found.country) AS labels, properties(found.country) AS props, found.inferred AS inferred`,
        { ids },
      );
      return new Map(
        result.records.map((r) => [
          r.get('id') as string,
          { country: node(r.toObject() as NodeRow), inferred: r.get('inferred') as boolean },
        ]),
      );
    });
  }
}

export function groupRelated(
  rows: ({ id: string; rel: Record<string, unknown> } & NodeRow)[],
): Map<string, Related[]> {
  const grouped = new Map<string, Related[]>();
  for (const row of rows) {
    const list = grouped.get(row.id) ?? [];
    list.push({ rel: plainProperties(row.rel), node: node(row) });
    grouped.set(row.id, list);
  }
  return grouped;
}
