import { readGeneration } from '../../db/graph.generation';
import { withoutDeadline } from '../../db/request.deadline';
import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../common/app.errors';
import { countryOf } from '../../db/country.cypher';
import { toGraphNode, type GraphNode } from '../../db/graph.record';
import type { Database } from '../../db/neo4j.database';
import { toEdge } from '../../traversal/traversal.repository';
import type { GraphEdge, RelationshipKind } from '../../traversal/traversal.type';
import { AnalyticsLink, CentralityMeasure } from './analytics.type';

/** A scope as Cypher parameters: labels from the whitelist, codes and dates checked by the service. */
export interface ProjectionScope {
  labels: ('Institution' | 'Person')[];
  countries: string[] | null;
  from: string | null;
  to: string | null;
  links: AnalyticsLink[];
}

/**
 * Betweenness is exact up to this many entities and sampled from this many sources (fixed seed) above: exact
 * betweenness is one traversal per entity, which on the 100k tier passed a 300 s deadline.
 */
export const BETWEENNESS_SOURCES = 1000;

/** Each measure's GDS procedure; weights count how often two entities are linked, except for degree. */
const CENTRALITY: Record<CentralityMeasure, string> = {
  [CentralityMeasure.PAGERANK]: `CALL gds.pageRank.stream($graph, {relationshipWeightProperty: 'weight'})`,
  [CentralityMeasure.BETWEENNESS]:
    'CALL gds.betweenness.stream($graph, {samplingSize: $sources, samplingSeed: 0})',
  [CentralityMeasure.DEGREE]: 'CALL gds.degree.stream($graph)',
};

const inRange = (date: string) =>
  `(${date} IS NOT NULL OR ($from IS NULL AND $to IS NULL)) AND ($from IS NULL OR ${date} >= date($from)) AND ($to IS NULL OR ${date} <= date($to))`;

/**
 * The projection: entities (institutions and people in scope) as nodes, and one undirected link per pair of
 * entities that share events, agreements, a position or PART_OF, weighted by how many such things they share.
 * Each link is found from both of its ends, and kept from the one whose element id is smaller.
 */
function projection(maxDepth: number): string {
  const inScope = (v: string) =>
    `any(l IN labels(${v}) WHERE l IN $labels)
     AND CASE WHEN $countries IS NULL THEN true ELSE ${countryOf(v, maxDepth, true)}.country.code IN $countries END`;
  return `
    MATCH (a:Entity) WHERE (a:Institution OR a:Person) AND ${inScope('a')}
    CALL (a) {
      MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Entity)
      WHERE 'EVENT' IN $links AND ${inRange('e.date')}
      RETURN b
      UNION ALL
      MATCH (a)-[:PARTY_TO]->(g:Agreement)<-[:PARTY_TO]-(b:Entity)
      WHERE 'AGREEMENT' IN $links
        AND ${inRange('head(COLLECT { MATCH (g)-[:REACHED_AT]->(at:Event) RETURN at.date })')}
      RETURN b
      UNION ALL
      MATCH (a)-[p:HOLDS_POSITION]-(b:Entity)
      WHERE 'POSITION' IN $links AND ($to IS NULL OR p.since IS NULL OR p.since <= date($to))
        AND ($from IS NULL OR p.until IS NULL OR p.until >= date($from))
      RETURN b
      UNION ALL
      MATCH (a:Institution)-[:PART_OF]-(b:Institution)
      WHERE 'PART_OF' IN $links
      RETURN b
    }
    WITH a, b, count(*) AS weight
    WHERE elementId(a) < elementId(b) AND ${inScope('b')}
    WITH gds.graph.project($graph, a, b, {relationshipProperties: {weight: toFloat(weight)}},
                           {undirectedRelationshipTypes: ['*']}) AS g
    RETURN g.nodeCount AS nodes`;
}

const nodeOf = (value: { labels: string[]; props: Record<string, unknown> }): GraphNode =>
  toGraphNode(value.labels, value.props);

const NODE = (v: string) => `{labels: labels(${v}), props: properties(${v})}`;
type NodeValue = { labels: string[]; props: Record<string, unknown> };
const EDGE = (r: string) =>
  `{from: startNode(${r}).id, to: endNode(${r}).id, kind: type(${r}), props: properties(${r})}`;
type EdgeValue = { from: string; to: string; kind: RelationshipKind; props: Record<string, unknown> };

/** What joins two entities of a projection: a shared event or agreement, or a position or PART_OF between them. */
export interface HopLink {
  via: GraphNode | null;
  edges: GraphEdge[];
}

/** Analytics Cypher: each answer projects its scope into GDS, runs one algorithm and drops the projection. */
export class AnalyticsRepository {
  constructor(
    private readonly db: Database,
    private readonly maxDepth: number,
    private readonly maxNodes: number,
  ) {}

  /** Whether this Neo4j has (and allows) a function, such as Graph Data Science's projection. */
  async hasFunction(name: string): Promise<boolean> {
    const records = await this.db.query(`SHOW FUNCTIONS YIELD name WHERE name = $name RETURN count(*) AS n`, {
      name,
    });
    return (records[0]?.get('n') as number) > 0;
  }

  /** The graph's generation (src/db/graph.generation.ts): it moves on with every committed write. */
  async generation(): Promise<string> {
    const generation = await readGeneration(this.db);
    return generation ? `${generation.epoch}:${generation.value}` : 'none';
  }

  /**
   * Projects the scope, runs `work` on it in the same transaction and drops it. Over `maxNodes` the projection
   * is dropped and the answer is BAD_USER_INPUT; an empty scope runs nothing and answers `empty`.
   */
  private async onProjection<T>(
    scope: ProjectionScope,
    empty: T,
    work: (tx: ManagedTransaction, graph: string, nodes: number) => Promise<T>,
  ): Promise<T> {
    let graph = '';
    try {
      return await this.db.read(async (tx) => {
        // A new name for every attempt: the driver may retry this function.
        graph = `institution-graph-${randomUUID()}`;
        const projected = await tx.run(projection(this.maxDepth), { ...scope, graph });
        const nodes = (projected.records[0]?.get('nodes') as number | null) ?? 0;
        if (nodes > this.maxNodes)
          throw new AppError(
            'BAD_USER_INPUT',
            `scope: it holds ${nodes} entities, more than MAX_ANALYTICS_NODES (${this.maxNodes}); narrow it`,
            { field: 'scope' },
          );
        const answer = nodes === 0 ? empty : await work(tx, graph, nodes);
        return answer;
      });
    } finally {
      if (graph) await this.drop(graph);
    }
  }

  /**
   * Outside the request's deadline (within the transaction timeout): a projection left behind when a request's
   * time ran out would hold its memory in GDS's catalog until Neo4j restarts.
   */
  private async drop(graph: string): Promise<void> {
    await withoutDeadline(() =>
      this.db.query('CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName', { graph }),
    );
  }

  async centrality(
    scope: ProjectionScope,
    measure: CentralityMeasure,
    first: number,
  ): Promise<{ nodeCount: number; ranked: { node: GraphNode; score: number }[] }> {
    return this.onProjection(scope, { nodeCount: 0, ranked: [] }, async (tx, graph, nodeCount) => {
      const result = await tx.run(
        `${CENTRALITY[measure]} YIELD nodeId, score
         WITH gds.util.asNode(nodeId) AS n, score ORDER BY score DESC, n.id LIMIT $first
         RETURN ${NODE('n')} AS node, score`,
        { graph, first: neo4j.int(first), sources: neo4j.int(Math.min(nodeCount, BETWEENNESS_SOURCES)) },
      );
      return {
        nodeCount,
        ranked: result.records.map((r) => ({
          node: nodeOf(r.get('node') as NodeValue),
          score: r.get('score') as number,
        })),
      };
    });
  }

  async communities(
    scope: ProjectionScope,
    first: number,
    caps: { members: number; ties: number },
  ): Promise<{
    count: number;
    communities: { size: number; members: GraphNode[]; ties: { node: GraphNode; members: number }[] }[];
  }> {
    return this.onProjection(scope, { count: 0, communities: [] }, async (tx, graph) => {
      const result = await tx.run(
        `CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight'}) YIELD nodeId, communityId
         WITH communityId, collect(nodeId) AS ids
         WITH collect(ids) AS groups
         WITH size(groups) AS count, groups
         UNWIND groups AS ids
         WITH count, ids ORDER BY size(ids) DESC, ids[0] LIMIT $first
         WITH count, size(ids) AS size, [i IN ids | gds.util.asNode(i)] AS members
         CALL (members) {
           UNWIND members AS m
           MATCH (m)-[:PARTICIPATED_IN|PARTY_TO|PART_OF|HOLDS_POSITION]->(t:Entity)
           WITH t, count(DISTINCT m) AS k WHERE k >= 2
           ORDER BY k DESC, t.id LIMIT $ties
           RETURN collect({node: ${NODE('t')}, members: k}) AS ties
         }
         UNWIND members AS m
         WITH count, size, ties, m ORDER BY m.name, m.id
         WITH count, size, ties, collect(${NODE('m')})[..$members] AS members
         RETURN count, size, members, ties ORDER BY size DESC`,
        { graph, first: neo4j.int(first), members: neo4j.int(caps.members), ties: neo4j.int(caps.ties) },
      );
      return {
        count: (result.records[0]?.get('count') as number | undefined) ?? 0,
        communities: result.records.map((r) => ({
          size: r.get('size') as number,
          members: (r.get('members') as NodeValue[]).map(nodeOf),
          ties: (r.get('ties') as { node: NodeValue; members: number }[]).map((t) => ({
            node: nodeOf(t.node),
            members: t.members,
          })),
        })),
      };
    });
  }

  /**
   * The shortest path (fewest links) from each of side a's entities (at most `maxSources`, the best linked
   * first) to every entity of side b, as lists of internal node ids, and those nodes.
   */
  async shortestPathsBetween(
    scope: ProjectionScope,
    sides: { aIds: string[]; aCountries: string[]; bIds: string[]; bCountries: string[] },
    maxSources: number,
  ): Promise<{ paths: number[][]; nodes: Map<number, GraphNode> }> {
    const none = { paths: [], nodes: new Map<number, GraphNode>() };
    return this.onProjection(scope, none, async (tx, graph) => {
      const code = `CASE WHEN size($aCountries) + size($bCountries) > 0 THEN ${countryOf('x', this.maxDepth, true)}.country.code END`;
      const result = await tx.run(
        `CALL gds.degree.stream($graph) YIELD nodeId, score
         WITH nodeId, score, gds.util.asNode(nodeId) AS x
         WITH nodeId, score, x, ${code} AS code
         ORDER BY score DESC, x.id
         WITH collect(CASE WHEN x.id IN $aIds OR code IN $aCountries THEN nodeId END)[..$maxSources] AS sources,
              collect(CASE WHEN x.id IN $bIds OR code IN $bCountries THEN nodeId END) AS targets
         UNWIND sources AS s
         CALL gds.allShortestPaths.dijkstra.stream($graph, {sourceNode: s}) YIELD targetNode, nodeIds
         WITH targetNode, nodeIds, targets
         WHERE targetNode IN targets AND 1 < size(nodeIds) <= $maxDepth + 1
         RETURN nodeIds`,
        { graph, ...sides, maxSources: neo4j.int(maxSources), maxDepth: neo4j.int(this.maxDepth) },
      );
      const paths = result.records.map((r) => (r.get('nodeIds') as number[]).map(Number));
      const ids = [...new Set(paths.flat())];
      const read = await tx.run(
        `UNWIND $ids AS i WITH i, gds.util.asNode(i) AS n RETURN i, ${NODE('n')} AS node`,
        {
          ids: ids.map((i) => neo4j.int(i)),
        },
      );
      const nodes = new Map(
        read.records.map((r) => [Number(r.get('i')), nodeOf(r.get('node') as NodeValue)]),
      );
      return { paths, nodes };
    });
  }

  /**
   * For each pair of entities (ids, in path order), what links them in the projection of `scope` (the same
   * links, the same date range), the latest first, at most `perHop`; keyed by `from|to`.
   */
  async hopLinks(
    pairs: [string, string][],
    scope: Pick<ProjectionScope, 'from' | 'to' | 'links'>,
    perHop: number,
  ): Promise<Map<string, HopLink[]>> {
    if (pairs.length === 0) return new Map();
    const records = await this.db.query(
      `UNWIND $pairs AS pair
       MATCH (a:Entity {id: pair[0]}), (b:Entity {id: pair[1]})
       CALL (a, b) {
         MATCH (a)-[r1:PARTICIPATED_IN]->(x:Event)<-[r2:PARTICIPATED_IN]-(b)
         WHERE 'EVENT' IN $links AND ${inRange('x.date')}
         RETURN x, x.date AS date, [r1, r2] AS rels
         UNION ALL
         MATCH (a)-[r1:PARTY_TO]->(x:Agreement)<-[r2:PARTY_TO]-(b)
         WITH x, r1, r2, head(COLLECT { MATCH (x)-[:REACHED_AT]->(at:Event) RETURN at.date }) AS date
         WHERE 'AGREEMENT' IN $links AND ${inRange('date')}
         RETURN x, date, [r1, r2] AS rels
         UNION ALL
         MATCH (a)-[r:HOLDS_POSITION|PART_OF]-(b)
         WHERE (type(r) = 'HOLDS_POSITION' AND 'POSITION' IN $links AND ($to IS NULL OR r.since IS NULL OR r.since <= date($to))
                AND ($from IS NULL OR r.until IS NULL OR r.until >= date($from)))
            OR (type(r) = 'PART_OF' AND 'PART_OF' IN $links)
         RETURN null AS x, r.since AS date, [r] AS rels
       }
       WITH pair, x, rels ORDER BY date DESC, x.id
       WITH pair, collect({via: CASE WHEN x IS NULL THEN null ELSE ${NODE('x')} END,
                           edges: [r IN rels | ${EDGE('r')}]})[..$perHop] AS links
       RETURN pair[0] + '|' + pair[1] AS key, links`,
      { pairs, from: scope.from, to: scope.to, links: scope.links, perHop: neo4j.int(perHop) },
    );
    return new Map(
      records.map((r) => [
        r.get('key') as string,
        (r.get('links') as { via: NodeValue | null; edges: EdgeValue[] }[]).map((link) => ({
          via: link.via ? nodeOf(link.via) : null,
          edges: link.edges.map(toEdge),
        })),
      ]),
    );
  }

  /** The entity's kind labels, or null when there is no entity with that id. */
  async labelsOf(id: string): Promise<string[] | null> {
    const records = await this.db.query('MATCH (x:Entity {id: $id}) RETURN labels(x) AS labels', { id });
    return (records[0]?.get('labels') as string[] | undefined) ?? null;
  }

  /**
   * Entities of the same kind (institution or person) that share partners (PART_OF, positions), events or
   * agreements with `id`, by the Jaccard similarity of those sets.
   */
  async similar(
    id: string,
    first: number,
    maxShared: number,
  ): Promise<{ node: GraphNode; score: number; shared: GraphNode[] }[]> {
    const features = (v: string, f: string) =>
      `(${v})-[:PARTICIPATED_IN|PARTY_TO|PART_OF|HOLDS_POSITION]-(${f}) WHERE ${f}:Event OR ${f}:Agreement OR ${f}:Institution OR ${f}:Person`;
    const records = await this.db.query(
      `MATCH (x:Entity {id: $id})
       WITH x, COLLECT { MATCH ${features('x', 'f')} RETURN DISTINCT f } AS mine
       UNWIND mine AS f
       MATCH (f)-[:PARTICIPATED_IN|PARTY_TO|PART_OF|HOLDS_POSITION]-(y:Entity)
       WHERE y <> x AND ((x:Person AND y:Person) OR (x:Institution AND y:Institution))
       WITH x, size(mine) AS mineSize, y, collect(DISTINCT f) AS shared
       WITH y, shared, mineSize, size(COLLECT { MATCH ${features('y', 'g')} RETURN DISTINCT g }) AS theirs
       WITH y, shared, toFloat(size(shared)) / (mineSize + theirs - size(shared)) AS score
       ORDER BY score DESC, size(shared) DESC, y.id LIMIT $first
       RETURN ${NODE('y')} AS node, score, [s IN shared | ${NODE('s')}][..$maxShared] AS shared`,
      { id, first: neo4j.int(first), maxShared: neo4j.int(maxShared) },
    );
    return records.map((r) => ({
      node: nodeOf(r.get('node') as NodeValue),
      score: r.get('score') as number,
      shared: (r.get('shared') as NodeValue[]).map(nodeOf),
    }));
  }
}
