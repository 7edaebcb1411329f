import neo4j from 'neo4j-driver';
import { plainProperties, propertiesFrom, toGraphNode, type GraphNode } from '../db/graph.record';
import { CURRENT_ENTITY } from '../db/current-entity.cypher';
import { cypherRelType, type Label } from '../db/identifier.whitelist';
import type { Database } from '../db/neo4j.database';
import type { GraphEdge, RelationshipKind } from './traversal.type';

interface EdgeRow {
  from: string;
  to: string;
  kind: RelationshipKind;
  props: Record<string, unknown>;
}
/** An edge as the neighbourhood returns it: from, to, kind and properties. */
type EdgeTuple = [string, string, RelationshipKind, unknown];
interface NodeRow {
  labels: string[];
  props: Record<string, unknown>;
}

export function toEdge(row: EdgeRow): GraphEdge {
  const p = plainProperties(row.props);
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    id: `${row.from}|${row.kind}|${row.to}|${text(p.key) ?? ''}`,
    kind: row.kind,
    from: row.from,
    to: row.to,
    role: text(p.role),
    title: text(p.title),
    capacity: text(p.capacity),
    since: text(p.since),
    until: text(p.until),
    order: typeof p.order === 'number' ? p.order : undefined,
    sourceIds: (p.sourceIds as string[] | undefined) ?? [],
  };
}

const node = (row: NodeRow): GraphNode => toGraphNode(row.labels, row.props);
/** All of an entity's properties, or (with the parameter given) the values of those keys, in their order. */
const PROPERTIES = (v: string, keys: '$keys' | '$edgeKeys'): string =>
  `CASE WHEN ${keys} IS NULL THEN properties(${v}) ELSE [key IN coalesce(${keys}, []) | ${v}[key]] END`;
/** The properties read for `keys`, or all of them when `keys` is null. */
const keyed = (keys: string[] | null, values: unknown): Record<string, unknown> =>
  keys === null ? (values as Record<string, unknown>) : propertiesFrom(keys, values as unknown[]);
const typeUnion = (kinds: RelationshipKind[]): string => kinds.map((k) => cypherRelType(k)).join('|');

/** The most relationships one level of a neighbourhood reads, per node the answer may hold. */
const ROWS_PER_NODE = 20;

/**
 * One level of a neighbourhood: the relationships of the nodes first reached by the last level (`frontier`),
 * over `kinds`, to entities within the labels and dates, the `$rowCap` first by the far end's name. The nodes
 * not `seen` before join it, in that order, while there is room for them under `$nodeLimit`; a relationship is
 * kept when both its ends are. A level cut short (nodes left out, or relationships past `$rowCap`: one more is
 * read to tell) sets `truncated` and ends the walk. Each node is returned once, with its properties read once, at the end.
 */
const NEIGHBOURHOOD_LEVEL = (kinds: RelationshipKind[]): string => `
  CALL (frontier) {
    UNWIND frontier AS a
    MATCH (a)-[r:${typeUnion(kinds)}]-(b:Entity)
    WHERE ($labels IS NULL OR any(label IN labels(b) WHERE label IN $labels))
      AND ($from IS NULL OR coalesce(b.endDate, b.date, date($from)) >= date($from))
      AND ($to IS NULL OR coalesce(b.date, date($to)) <= date($to))
      AND ($from IS NULL OR r.until IS NULL OR r.until >= date($from))
      AND ($to IS NULL OR r.since IS NULL OR r.since <= date($to))
    WITH r, b ORDER BY b.name, b.id LIMIT $rowCap + 1
    WITH collect({r: r, b: b}) AS rows
    RETURN size(rows) > $rowCap AS capped,
           COLLECT { UNWIND rows[..$rowCap] AS row RETURN DISTINCT row.r } AS rels,
           COLLECT { UNWIND rows[..$rowCap] AS row RETURN DISTINCT row.b } AS reached
  }
  WITH seen, edges, truncated, capped, rels, [b IN reached WHERE NOT b IN seen] AS fresh
  WITH seen, edges, truncated, capped, rels, fresh[..$nodeLimit - size(seen)] AS kept,
       size(fresh) > $nodeLimit - size(seen) AS dropped
  WITH seen + kept AS seen, edges, rels, kept, dropped, truncated OR capped OR dropped AS truncated,
       CASE WHEN capped OR dropped THEN [] ELSE kept END AS frontier
  WITH seen, frontier, truncated,
       edges + CASE WHEN dropped THEN [r IN rels WHERE startNode(r) IN seen AND endNode(r) IN seen] ELSE rels END AS edges`;

export interface PathRows {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Traversals over entities only: sources and merge records are never on a path. */
export class TraversalRepository {
  constructor(private readonly db: Database) {}

  /** The current id of each id that names an entity: itself, or the entity a merged id was merged into. */
  async resolveIds(ids: string[]): Promise<Map<string, string>> {
    const records = await this.db.query(
      `UNWIND $ids AS id
       ${CURRENT_ENTITY}
       RETURN id, entity.id AS current`,
      { ids },
    );
    return new Map(records.map((r) => [r.get('id') as string, r.get('current') as string]));
  }

  /**
   * The neighbourhood of `id` (or of the entity a merged id went into), in one query (NEIGHBOURHOOD_LEVEL, once
   * a level): each node once, nearest first, and the relationships between them. Undefined when no entity has
   * the id.
   */
  async neighborhood(args: {
    id: string;
    depth: number;
    kinds: RelationshipKind[];
    labels: Label[] | null;
    from: string | null;
    to: string | null;
    nodeLimit: number;
    properties: string[] | null;
    edgeProperties: string[] | null;
  }): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean } | undefined> {
    // The depth is a whole number checked by the service: one block per level.
    const records = await this.db.query(
      `WITH $id AS id
       ${CURRENT_ENTITY}
       WITH [entity] AS frontier, [entity] AS seen, [] AS edges, false AS truncated
       ${NEIGHBOURHOOD_LEVEL(args.kinds).repeat(Math.trunc(args.depth))}
       RETURN [n IN seen | [labels(n), ${PROPERTIES('n', '$keys')}]] AS nodes,
              [r IN edges | [startNode(r).id, endNode(r).id, type(r), ${PROPERTIES('r', '$edgeKeys')}]] AS edges,
              truncated`,
      {
        id: args.id,
        labels: args.labels,
        from: args.from,
        to: args.to,
        rowCap: neo4j.int(args.nodeLimit * ROWS_PER_NODE),
        nodeLimit: neo4j.int(args.nodeLimit),
        keys: args.properties,
        edgeKeys: args.edgeProperties,
      },
    );
    const record = records[0];
    if (!record) return undefined;
    // Rows are lists, not maps: a map sends its keys again with every node and edge.
    const nodes = (record.get('nodes') as [string[], unknown][]).map(([labels, props]) =>
      node({ labels, props: keyed(args.properties, props) }),
    );
    // A relationship reached from both its ends, at one level or two, is one edge.
    const edges = new Map<string, GraphEdge>();
    for (const [from, to, kind, props] of record.get('edges') as EdgeTuple[]) {
      const edge = toEdge({ from, to, kind, props: keyed(args.edgeProperties, props) });
      edges.set(edge.id, edge);
    }
    return { nodes, edges: [...edges.values()], truncated: record.get('truncated') as boolean };
  }

  /**
   * The `count` shortest paths (trails of at most `maxDepth` hops) between the entities `from` and `to` name
   * (merged ids resolved), shortest first, in one query; an end is undefined when no entity has its id. With
   * `withSources`, the documents that state the paths' relationships come in the same query.
   */
  async shortestPaths(
    from: string,
    to: string,
    maxDepth: number,
    kinds: RelationshipKind[],
    count: number,
    withSources = false,
  ): Promise<{ from?: string; to?: string; paths: PathRows[]; sources: GraphNode[] }> {
    // SHORTEST and the quantifier take literals: both are whole numbers checked by the service.
    const records = await this.db.query(
      `OPTIONAL CALL () { WITH $from AS id ${CURRENT_ENTITY} RETURN entity AS a }
       OPTIONAL CALL () { WITH $to AS id ${CURRENT_ENTITY} RETURN entity AS b }
       OPTIONAL MATCH p = SHORTEST ${Math.trunc(count)} (a)-[:${typeUnion(kinds)}]-{1,${Math.trunc(maxDepth)}}(b)
       WHERE a <> b AND all(n IN nodes(p) WHERE n:Entity)
       RETURN a.id AS from, b.id AS to,
              [n IN nodes(p) | {labels: labels(n), props: properties(n)}] AS nodes,
              [r IN relationships(p) | {from: startNode(r).id, to: endNode(r).id, kind: type(r), props: properties(r)}] AS edges,
              COLLECT {
                UNWIND CASE WHEN $withSources THEN relationships(p) ELSE [] END AS r
                UNWIND r.sourceIds AS sourceId
                MATCH (s:Source {id: sourceId})
                RETURN DISTINCT {labels: labels(s), props: properties(s)}
              } AS sources
       ORDER BY length(p)`,
      { from, to, withSources },
    );
    const first = records[0];
    const found = records.filter((r) => r.get('nodes') !== null);
    const sources = new Map(
      found.flatMap((r) => (r.get('sources') as NodeRow[]).map(node)).map((s) => [s.id, s]),
    );
    return {
      from: (first?.get('from') as string | null) ?? undefined,
      to: (first?.get('to') as string | null) ?? undefined,
      paths: found.map((r) => ({
        nodes: (r.get('nodes') as NodeRow[]).map(node),
        edges: (r.get('edges') as EdgeRow[]).map(toEdge),
      })),
      sources: [...sources.values()],
    };
  }

  /** Entities linked to both a and b, with the relationships on each side. */
  async common(
    a: string,
    b: string,
    limit: number,
  ): Promise<{ node: GraphNode; viaA: GraphEdge[]; viaB: GraphEdge[] }[]> {
    const records = await this.db.query(
      `MATCH (a:Entity {id: $a})-[ra]-(c:Entity)-[rb]-(b:Entity {id: $b})
       WHERE c <> a AND c <> b AND NOT type(ra) IN ['MERGED_INTO'] AND NOT type(rb) IN ['MERGED_INTO']
       WITH c,
            collect(DISTINCT {from: startNode(ra).id, to: endNode(ra).id, kind: type(ra), props: properties(ra)}) AS viaA,
            collect(DISTINCT {from: startNode(rb).id, to: endNode(rb).id, kind: type(rb), props: properties(rb)}) AS viaB
       RETURN labels(c) AS labels, properties(c) AS props, viaA, viaB
       ORDER BY c.date, c.name
       LIMIT $limit`,
      { a, b, limit: neo4j.int(limit) },
    );
    return records.map((r) => ({
      node: node(r.toObject() as NodeRow),
      viaA: (r.get('viaA') as EdgeRow[]).map(toEdge),
      viaB: (r.get('viaB') as EdgeRow[]).map(toEdge),
    }));
  }

  /**
   * Events involving an entity (or the entity a merged id went into), in date order: as participant, site, or
   * party to an agreement reached there; with its sub-units, and its people while they held their positions,
   * when asked. How many there are, and the `limit` from `skip`: a hub has thousands, and a page of them reads
   * the properties of that page alone. Undefined when no entity has the id.
   */
  async timeline(args: {
    id: string;
    from: string | null;
    to: string | null;
    includeSubUnits: boolean;
    includePeople: boolean;
    skip: number;
    limit: number;
  }): Promise<{ total: number; entries: { event: GraphNode; role: string; viaId: string }[] } | undefined> {
    const records = await this.db.query(
      `WITH $id AS id
       ${CURRENT_ENTITY}
       WITH entity AS root
       OPTIONAL MATCH (sub:Entity)-[:PART_OF*1..6]->(root) WHERE $includeSubUnits AND NOT sub:Event
       WITH root, collect(DISTINCT sub) AS subUnits
       CALL (root, subUnits) {
         WITH [root] + subUnits AS units
         CALL (units) {
           UNWIND units AS actor
           RETURN actor, null AS since, null AS until
           UNION
           UNWIND units AS unit
           MATCH (actor:Person)-[position:HOLDS_POSITION]->(unit) WHERE $includePeople
           RETURN actor, position.since AS since, position.until AS until
         }
         CALL (actor) {
           MATCH (actor)-[r:PARTICIPATED_IN]->(e:Event) RETURN e, r.role AS role
           UNION
           MATCH (e:Event)-[:AT_SITE]->(actor) RETURN e, 'SITE' AS role
           UNION
           MATCH (actor)-[:PARTY_TO]->(:Agreement)-[:REACHED_AT]->(e:Event) RETURN e, 'PARTY' AS role
         }
         WITH e, role, actor, since, until
         WHERE ($from IS NULL OR coalesce(e.endDate, e.date) >= date($from))
           AND ($to IS NULL OR e.date <= date($to))
           AND (since IS NULL OR e.date IS NULL OR e.date >= since)
           AND (until IS NULL OR e.date IS NULL OR e.date <= until)
         WITH DISTINCT e, role, actor.id AS viaId
         ORDER BY e.date IS NULL, e.date, e.name, viaId, role
         RETURN collect({e: e, role: role, viaId: viaId}) AS rows
       }
       RETURN size(rows) AS total,
              [row IN rows[$skip..$skip + $limit] |
                {labels: labels(row.e), props: properties(row.e), role: row.role, viaId: row.viaId}] AS entries`,
      { ...args, skip: neo4j.int(args.skip), limit: neo4j.int(args.limit) },
    );
    const record = records[0];
    if (!record) return undefined;
    return {
      total: record.get('total') as number,
      entries: (record.get('entries') as (NodeRow & { role: string; viaId: string })[]).map((row) => ({
        event: node(row),
        role: row.role,
        viaId: row.viaId,
      })),
    };
  }
}
