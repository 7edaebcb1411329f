import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { countryOf } from '../db/country.cypher';
import { toGraphNode, type GraphNode } from '../db/graph.record';
import { EVENT_KINDS, INSTITUTION_KINDS, PLACE_KINDS } from '../db/identifier.whitelist';
import { readGeneration, type GraphGeneration } from '../db/graph.generation';
import type { Database } from '../db/neo4j.database';

const KIND_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.values(INSTITUTION_KINDS).map((l) => [l, 'Institution'])),
  ...Object.fromEntries(Object.values(EVENT_KINDS).map((l) => [l, 'Event'])),
  ...Object.fromEntries(Object.values(PLACE_KINDS).map((l) => [l, 'Place'])),
  Person: 'Person',
  Agreement: 'Agreement',
  Framework: 'Framework',
};

/** Aggregates for dashboards, each one query. */
export class StatsRepository {
  /**
   * `maxDepth`: how far countries are looked for, up PART_OF and out through places (MAX_TRAVERSAL_DEPTH);
   * `timeoutMs`: how long one aggregate may take (STATS_TIMEOUT_MS), longer than a request on a large graph.
   */
  constructor(
    private readonly db: Database,
    private readonly maxDepth: number,
    private readonly timeoutMs?: number,
  ) {}

  /** An aggregate's read, with the aggregates' own time limit. */
  private aggregate<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.db.read(work, this.timeoutMs);
  }

  /** The graph's generation: what the aggregates kept from earlier reads are checked against. */
  generation(): Promise<GraphGeneration | undefined> {
    return readGeneration(this.db);
  }

  async entitiesByKind(): Promise<{ kind: string; category: string; count: number }[]> {
    return this.aggregate(async (tx) => {
      const result = await tx.run(
        `MATCH (n:Entity) UNWIND labels(n) AS label WITH label WHERE label IN $labels
         RETURN label AS kind, count(*) AS count ORDER BY count DESC, kind`,
        { labels: Object.keys(KIND_LABELS) },
      );
      return result.records.map((r) => ({
        kind: r.get('kind') as string,
        category: KIND_LABELS[r.get('kind') as string] as string,
        count: r.get('count') as number,
      }));
    });
  }

  async institutionsByCountry(): Promise<{ code?: string; name?: string; count: number }[]> {
    return this.aggregate(async (tx) => {
      const result = await tx.run(
        `MATCH (i:Institution)
         WITH ${countryOf('i', this.maxDepth)}.country AS c
         RETURN c.code AS code, c.name AS name, count(*) AS count ORDER BY count DESC, code`,
      );
      return result.records.map((r) => ({
        code: (r.get('code') as string | null) ?? undefined,
        name: (r.get('name') as string | null) ?? undefined,
        count: r.get('count') as number,
      }));
    });
  }

  async eventsPer(unit: 'year' | 'month'): Promise<{ period: string; count: number }[]> {
    const period =
      unit === 'year'
        ? 'toString(e.date.year)'
        : "toString(e.date.year) + '-' + right('0' + toString(e.date.month), 2)";
    return this.aggregate(async (tx) => {
      const result = await tx.run(
        `MATCH (e:Event) WHERE e.date IS NOT NULL
         RETURN ${period} AS period, count(*) AS count ORDER BY period`,
      );
      return result.records.map((r) => ({
        period: r.get('period') as string,
        count: r.get('count') as number,
      }));
    });
  }

  async topEntities(limit: number): Promise<{ node: GraphNode; degree: number }[]> {
    return this.aggregate(async (tx) => {
      const result = await tx.run(
        `MATCH (n:Entity) WHERE NOT n:Commitment
         WITH n, COUNT { (n)--(:Entity) } AS degree
         ORDER BY degree DESC, n.name LIMIT $limit
         RETURN labels(n) AS labels, properties(n) AS props, degree`,
        { limit: neo4j.int(limit) },
      );
      return result.records.map((r) => ({
        node: toGraphNode(r.get('labels') as string[], r.get('props') as Record<string, unknown>),
        degree: r.get('degree') as number,
      }));
    });
  }

  async countryCooperation(): Promise<{ a: string; b: string; events: number; agreements: number }[]> {
    return this.aggregate(async (tx) => {
      const pairs = (match: string, what: string) => `
        CALL () {
          ${match}
          WITH thing, ${countryOf('x', this.maxDepth, true)}.country.code AS code
          WITH thing, collect(DISTINCT code) AS codes
          UNWIND codes AS a UNWIND codes AS b
          WITH thing, a, b WHERE a < b
          RETURN a, b, count(DISTINCT thing) AS ${what}
        }`;
      const result = await tx.run(
        `CALL () {
           ${pairs('MATCH (thing:Event)<-[:PARTICIPATED_IN]-(x:Entity)', 'count')}
           RETURN a, b, count AS events, 0 AS agreements
           UNION ALL
           ${pairs('MATCH (thing:Agreement)<-[:PARTY_TO]-(x:Entity)', 'count')}
           RETURN a, b, 0 AS events, count AS agreements
         }
         RETURN a, b, sum(events) AS events, sum(agreements) AS agreements
         ORDER BY events + agreements DESC, a, b`,
      );
      return result.records.map(
        (r) => r.toObject() as { a: string; b: string; events: number; agreements: number },
      );
    });
  }
}
