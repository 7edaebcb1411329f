import neo4j from 'neo4j-driver';
import { toGraphNode, type GraphNode } from '../../db/graph.record';
import { inCountry } from '../../db/country.cypher';
import { cypherLabel, type Label } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';

export interface ListQuery {
  base: 'Institution' | 'Person' | 'Event';
  kindLabels?: Label[];
  /** Lower-cased text that the name or an alias contains. */
  nameContains?: string;
  countryCode?: string;
  /** How far a country is looked for up PART_OF and out through places (MAX_TRAVERSAL_DEPTH). */
  countryDepth: number;
  placeId?: string;
  from?: string;
  to?: string;
  participantId?: string;
  institutionId?: string;
  sortBy: 'name' | 'date';
  descending: boolean;
  skip: number;
  limit: number;
}

/** Each filter is a fixed Cypher fragment over parameters; a filter not given is not in the query at all. */
function whereClause(query: ListQuery): string {
  const conditions: string[] = [];
  if (query.kindLabels?.length) conditions.push('any(label IN labels(n) WHERE label IN $kindLabels)');
  if (query.nameContains !== undefined) {
    conditions.push(
      '(toLower(n.name) CONTAINS $nameContains OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS $nameContains))',
    );
  }
  const within =
    query.base === 'Person'
      ? '(n)-[:HOLDS_POSITION]->()-[:PART_OF|LOCATED_IN*0..6]->'
      : '(n)-[:PART_OF|LOCATED_IN|HELD_IN*0..6]->';
  if (query.countryCode !== undefined) {
    conditions.push(
      query.base === 'Person'
        ? `EXISTS { MATCH (n)-[:HOLDS_POSITION]->(at:Institution) WHERE ${inCountry('at', query.countryDepth)} }`
        : inCountry('n', query.countryDepth),
    );
  }
  if (query.placeId !== undefined) conditions.push(`EXISTS { MATCH ${within}(:Place {id: $placeId}) }`);
  if (query.from !== undefined) conditions.push('n.date >= date($from)');
  if (query.to !== undefined) conditions.push('n.date <= date($to)');
  if (query.participantId !== undefined) {
    conditions.push(
      '(EXISTS { MATCH (:Entity {id: $participantId})-[:PARTICIPATED_IN]->(n) } OR EXISTS { MATCH (n)-[:AT_SITE]->(:Entity {id: $participantId}) })',
    );
  }
  if (query.institutionId !== undefined) {
    conditions.push('EXISTS { MATCH (n)-[:HOLDS_POSITION]->(:Entity {id: $institutionId}) }');
  }
  return conditions.length === 0 ? '' : `WHERE ${conditions.join('\n  AND ')}`;
}

/** Filtered, sorted, paged lists of institutions, people or events, with the total, in one round trip. */
export class EntityListRepository {
  constructor(private readonly db: Database) {}

  async list(query: ListQuery): Promise<{ nodes: GraphNode[]; totalCount: number }> {
    const match = `MATCH (n:${cypherLabel(query.base)})\n${whereClause(query)}`;
    const direction = query.descending ? 'DESC' : 'ASC';
    const order =
      query.sortBy === 'date'
        ? `n.date IS NULL, n.date ${direction}, n.name ${direction}, n.id`
        : `toLower(n.name) ${direction}, n.id`;
    const cypher = `
      CALL () { ${match} RETURN count(n) AS totalCount }
      CALL () {
        ${match}
        WITH n ORDER BY ${order} SKIP $skip LIMIT $limit
        RETURN collect({labels: labels(n), props: properties(n)}) AS page
      }
      RETURN totalCount, page`;
    const records = await this.db.query(cypher, {
      ...query,
      kindLabels: query.kindLabels?.length ? query.kindLabels : null,
      skip: neo4j.int(query.skip),
      limit: neo4j.int(query.limit),
    });
    const record = records[0];
    const page =
      (record?.get('page') as { labels: string[]; props: Record<string, unknown> }[] | undefined) ?? [];
    return {
      nodes: page.map((row) => toGraphNode(row.labels, row.props)),
      totalCount: (record?.get('totalCount') as number | undefined) ?? 0,
    };
  }
}
