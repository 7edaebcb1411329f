import neo4j from 'neo4j-driver';
import { CURRENT_ENTITY } from '../db/current-entity.cypher';
import { NON_ENTITY_RELATIONSHIP_TYPES, cypherRelType } from '../db/identifier.whitelist';
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
 * An entity's degree (its links to other entities) from the degree store: the count of all its relationships
 * less those to non-entities, never a walk to the other ends.
 */
const DEGREE = `COUNT { (b)--() } - COUNT { (b)-[:${NON_ENTITY_RELATIONSHIP_TYPES.map(cypherRelType).join('|')}]-() }`;

/**
 * One row per neighbour `b` of `a` and group (its kind, the relationship's type and direction), in one pass over
 * `a`'s relationships and without sorting them: `m` holds the neighbour, the relationship that ranks first and
 * how many join them, and its ranking keys other than degree; `carry` names the variables kept from before.
 */
const memberRows = (carry: string): string => `
  ${NEIGHBOURS}
  WITH ${carry}, b, r, [l IN labels(b) WHERE l IN $entityKinds][0] AS kind, type(r) AS relationship,
       CASE WHEN startNode(r) = a THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
       coalesce($roleRanks[coalesce(r.role, '')], 0) AS roleRank, coalesce(b.date, r.since) AS date,
       coalesce(b.endDate, b.date, r.until, r.since) AS until
  WHERE $direction IS NULL OR direction = $direction
  WITH ${carry}, b, kind, relationship, direction,
       collect({r: r, roleRank: roleRank, recent: coalesce(toString(date), '')}) AS links, max(roleRank) AS roleRank,
       max(date) AS date, min(date) AS earliest, max(until) AS latest
  WITH ${carry}, kind, relationship, direction, earliest, latest,
       {b: b, lname: toLower(b.name), roleRank: roleRank, date: date, recent: coalesce(toString(date), ''),
        links: size(links),
        edge: reduce(best = head(links), l IN tail(links) |
                CASE WHEN l.roleRank > best.roleRank OR (l.roleRank = best.roleRank AND l.recent > best.recent)
                     THEN l ELSE best END).r} AS m`;

/** The order's keys before degree, for a member `m`. */
const FIRST_KEYS = `CASE $order WHEN 'NAME' THEN m.lname END,
  CASE $order WHEN 'RELEVANCE' THEN m.roleRank END DESC,
  CASE WHEN $order IN ['RELEVANCE', 'RECENCY'] THEN m.recent END DESC`;

/** Whether `m` ranks no lower than `c` by the order's keys before degree. */
const NOT_AFTER = `CASE $order
  WHEN 'NAME' THEN m.lname <= c.lname
  WHEN 'RELEVANCE' THEN m.roleRank > c.roleRank OR (m.roleRank = c.roleRank AND m.recent >= c.recent)
  WHEN 'RECENCY' THEN m.recent >= c.recent
  ELSE true END`;

/**
 * `members`, sorted by the order's keys before degree, in the full order as `ranked`, enough of them for the
 * first `keep`: degree only for the members that rank no lower than the last of the first `keep` (ties included:
 * degree decides among them), and a sort of those alone.
 */
const RANK = `
  CALL (members, keep) {
    WITH members[CASE WHEN keep < size(members) THEN keep ELSE size(members) END - 1] AS c, members, keep
    UNWIND [m IN members WHERE keep > 0 AND ${NOT_AFTER}] AS m
    WITH m, m.b AS b
    WITH m, ${DEGREE} AS degree
    ORDER BY ${FIRST_KEYS}, degree DESC, m.b.name, m.b.id
    RETURN collect({b: m.b, edge: m.edge, links: m.links, degree: degree, date: m.date}) AS ranked
  }`;

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
    const records = await this.db.query(
      `WITH $id AS id
       ${CURRENT_ENTITY}
       WITH entity AS a
       CALL (a) {
         ${memberRows('a')}
         RETURN collect({kind: kind, relationship: relationship, direction: direction, earliest: earliest,
                         latest: latest, m: m}) AS rows, count(DISTINCT m.b) AS total
       }
       CALL (rows, total) {
         UNWIND rows AS row
         WITH total, row, row.m AS m ORDER BY ${FIRST_KEYS}
         WITH total, row.kind AS kind, row.relationship AS relationship, row.direction AS direction,
              count(*) AS count, min(row.earliest) AS from, max(row.latest) AS to, collect(row.m) AS members
         WITH *, CASE WHEN total <= $threshold THEN count ELSE $perGroup END AS keep
         ${RANK}
         WITH kind, relationship, direction, count, from, to, ranked[..keep] AS ranked
         ORDER BY count DESC, kind, relationship, direction
         RETURN collect({kind: kind, relationship: relationship, direction: direction, count: count,
                         from: toString(from), to: toString(to), members: ${PROJECT('ranked')}}) AS groups
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
    const record = records[0];
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
    const records = await this.db.query(
      `WITH $id AS id
       ${CURRENT_ENTITY}
       WITH entity AS a
       CALL (a) {
         ${memberRows('a')}
         WITH m ORDER BY ${FIRST_KEYS}
         RETURN collect(m) AS members
       }
       WITH members, size(members) AS total, $skip + $limit AS keep
       ${RANK}
       WITH total, ${PROJECT('ranked[$skip..keep]')} AS members
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
    const record = records[0];
    if (!record) return undefined;
    return {
      total: record.get('total') as number,
      members: (record.get('members') as MemberRow[]).map(toMember),
    };
  }
}
