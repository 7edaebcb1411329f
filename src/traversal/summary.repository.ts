import neo4j from 'neo4j-driver';
import { CURRENT_ENTITY } from '../db/current-entity.cypher';
import { toGraphNode, type GraphNode } from '../db/graph.record';
import type { Database } from '../db/neo4j.database';
import { EntityKind } from '../modules/entity/entity.type';
import { toEdge } from './traversal.repository';
import type { RelationshipKind } from './traversal.type';
import type { NeighbourMember, NeighbourOrder, RelationshipDirection } from './summary.type';

/** What every read of neighbours filters and ranks by; the values go to Cypher as parameters. */
export interface NeighbourFilter {
  from: string | null;
  to: string | null;
  order: NeighbourOrder;
  /** A participant role's weight in RELEVANCE order; roles not listed weigh 0. */
  roleRanks: Record<string, number>;
}

interface MemberRow {
  labels: string[];
  props: Record<string, unknown>;
  edge: { from: string; to: string; kind: RelationshipKind; props: Record<string, unknown> };
  links: number;
  degree: number;
  date: string | null;
}

export interface GroupRow {
  kind: EntityKind;
  relationship: RelationshipKind;
  direction: RelationshipDirection;
  count: number;
  from?: string;
  to?: string;
  members: NeighbourMember[];
}

/**
 * Every relationship from `a` to a neighbour `b` that the filters keep. Types and kinds are parameters (values
 * from the schema's enums), so that every request shares one plan: planning a new text costs more than the read.
 */
const NEIGHBOURS = `
  MATCH (a)-[r]-(b:Entity)
  WHERE type(r) IN $types AND b <> a AND ($kind IS NULL OR $kind IN labels(b))
    AND ($from IS NULL OR coalesce(b.endDate, b.date, date($from)) >= date($from))
    AND ($to IS NULL OR coalesce(b.date, date($to)) <= date($to))
    AND ($from IS NULL OR r.until IS NULL OR r.until >= date($from))
    AND ($to IS NULL OR r.since IS NULL OR r.since <= date($to))`;

/**
 * One row per neighbour `b` of `a` and group (its kind, the relationship's type and direction), with the
 * relationship that ranks first, how many join them, its degree and dates, in the order asked for; `carry`
 * names the variables kept from before.
 */
const memberRows = (carry: string): string => `
  ${NEIGHBOURS}
  WITH ${carry}, b, r, [l IN labels(b) WHERE l IN $entityKinds][0] AS kind, type(r) AS relationship,
       CASE WHEN startNode(r) = a THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
       coalesce($roleRanks[coalesce(r.role, '')], 0) AS roleRank, coalesce(b.date, r.since) AS date,
       coalesce(b.endDate, b.date, r.until, r.since) AS until
  WHERE $direction IS NULL OR direction = $direction
  ORDER BY roleRank DESC, coalesce(toString(date), '') DESC
  WITH ${carry}, b, kind, relationship, direction, collect(r)[0] AS edge, count(r) AS links, max(roleRank) AS roleRank,
       max(date) AS date, min(date) AS earliest, max(until) AS latest
  WITH *, COUNT { (b)--(:Entity) } AS degree
  ORDER BY CASE $order WHEN 'NAME' THEN toLower(b.name) END,
           CASE $order WHEN 'RELEVANCE' THEN roleRank END DESC,
           CASE WHEN $order IN ['RELEVANCE', 'RECENCY'] THEN coalesce(toString(date), '') END DESC,
           degree DESC, b.name, b.id`;

const MEMBER = `{b: b, edge: edge, links: links, degree: degree, date: date}`;
const PROJECT = (list: string): string => `[m IN ${list} | {labels: labels(m.b), props: properties(m.b),
  edge: {from: startNode(m.edge).id, to: endNode(m.edge).id, kind: type(m.edge), props: properties(m.edge)},
  links: m.links, degree: m.degree, date: toString(m.date)}]`;

function toMember(row: MemberRow): NeighbourMember {
  return {
    node: toGraphNode(row.labels, row.props),
    edge: toEdge(row.edge),
    links: row.links,
    degree: row.degree,
    date: row.date ?? undefined,
  };
}

const params = (filter: NeighbourFilter) => ({
  from: filter.from,
  to: filter.to,
  order: filter.order,
  roleRanks: filter.roleRanks,
  entityKinds: Object.values(EntityKind),
});

/** Neighbourhoods summarised: neighbours in groups, each group counted, dated and ranked, each read one query. */
export class SummaryRepository {
  constructor(private readonly db: Database) {}

  /**
   * The groups around `id` (or the entity a merged id went into), largest first, each with all its members
   * when there are `threshold` neighbours or fewer, else its first `perGroup` by the order; undefined when no
   * entity has the id.
   */
  async summary(args: {
    id: string;
    types: RelationshipKind[];
    filter: NeighbourFilter;
    threshold: number;
    perGroup: number;
  }): Promise<{ entity: GraphNode; total: number; groups: GroupRow[] } | undefined> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `WITH $id AS id
         ${CURRENT_ENTITY}
         WITH entity AS a
         CALL (a) {
           ${NEIGHBOURS}
           RETURN count(DISTINCT b) AS total
         }
         CALL (a, total) {
           ${memberRows('a, total')}
           WITH total, kind, relationship, direction, count(*) AS count, min(earliest) AS from, max(latest) AS to,
                collect(${MEMBER})[..CASE WHEN total <= $threshold THEN total ELSE $perGroup END] AS members
           ORDER BY count DESC, kind, relationship, direction
           RETURN collect({kind: kind, relationship: relationship, direction: direction, count: count,
                           from: toString(from), to: toString(to), members: ${PROJECT('members')}}) AS groups
         }
         RETURN labels(a) AS labels, properties(a) AS props, groups, total`,
        {
          id: args.id,
          ...params(args.filter),
          types: args.types,
          kind: null,
          direction: null,
          threshold: neo4j.int(args.threshold),
          perGroup: neo4j.int(args.perGroup),
        },
      );
      const record = result.records[0];
      if (!record) return undefined;
      const groups = (record.get('groups') as (Omit<GroupRow, 'members'> & { members: MemberRow[] })[]).map(
        (g) => ({
          ...g,
          from: g.from ?? undefined,
          to: g.to ?? undefined,
          members: g.members.map(toMember),
        }),
      );
      return {
        entity: toGraphNode(record.get('labels') as string[], record.get('props') as Record<string, unknown>),
        total: record.get('total') as number,
        groups,
      };
    });
  }

  /** One page of a group's members by the order, and how many it has; undefined when no entity has the id. */
  async page(args: {
    id: string;
    kind: EntityKind;
    relationship: RelationshipKind;
    direction: RelationshipDirection | null;
    filter: NeighbourFilter;
    skip: number;
    limit: number;
  }): Promise<{ members: NeighbourMember[]; total: number } | undefined> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `WITH $id AS id
         ${CURRENT_ENTITY}
         WITH entity AS a
         CALL (a) {
           ${memberRows('a')}
           WITH collect(${MEMBER}) AS ranked
           RETURN size(ranked) AS total, ${PROJECT('ranked[$skip..$skip + $limit]')} AS members
         }
         RETURN total, members`,
        {
          id: args.id,
          ...params(args.filter),
          types: [args.relationship],
          kind: args.kind,
          direction: args.direction,
          skip: neo4j.int(args.skip),
          limit: neo4j.int(args.limit),
        },
      );
      const record = result.records[0];
      if (!record) return undefined;
      return {
        total: record.get('total') as number,
        members: (record.get('members') as MemberRow[]).map(toMember),
      };
    });
  }
}
