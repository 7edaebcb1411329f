import neo4j, { type Integer } from 'neo4j-driver';
import { toGraphNode, type GraphNode } from '../../db/graph.record';
import { countryOf } from '../../db/country.cypher';
import { CURRENT_ENTITY } from '../../db/current-entity.cypher';
import { cypherLabel, type RelationshipType } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';
import type { PrefetchStep } from '../../graphql/prefetch.plan';
import { readCount, readItems } from './list-read.cypher';
import { LIST_READS, type ListRead, type ReadName, type ReadParams } from './list.reads';

export type { Direction } from './list.reads';

/**
 * A relationship read and the node it reaches, as Cypher returns them (see readRow): a list, not a map, since a
 * map sends its keys again with every row.
 */
export type ReadRow = [
  type: RelationshipType,
  /** All properties, or in the look-ahead, the values of its step's relKeys in their order. */
  rel: Record<string, unknown> | unknown[],
  labels: string[],
  /** All properties, or in the look-ahead, the values of its step's keys in their order. */
  props: Record<string, unknown> | unknown[],
  /** In the look-ahead: the steps below, in their order. */
  related?: ReadResult[],
];

/** A read's first items, in its order, and how many there are in all. */
export type ReadResult = [items: ReadRow[], count: number];

/** A node with what the look-ahead read around it: per step, in the steps' order, that step's read. */
export interface RelatedTree {
  labels: string[];
  props: Record<string, unknown>;
  related?: ReadResult[] | null;
}

const readRow = (r: string, m: string, props: string, next = '', rel = `properties(${r})`): string =>
  `[type(${r}), ${rel}, labels(${m}), ${props}${next}]`;

/**
 * The look-ahead's Cypher for the steps from `variable`, one expression for the whole tree: per step, its
 * read's first items (each with what the steps below read from it) and its count. Each step's size, filter and
 * the properties read of the nodes it reaches are `$firsts[i]`, `$filters[i]` and `$keys[i]` (of an
 * institution `$institutionKeys[i]`, of a place `$placeKeys[i]`), of its relationships `$relKeys[i]`, numbered as treeParameters numbers them:
 * parameters, so that one text (and one plan) serves every selection of a shape.
 */
export function treeProjection(variable: string, steps: PrefetchStep[], counter = { next: 0 }): string {
  const reads = steps.map((step) => {
    const i = counter.next;
    counter.next += 1;
    const [r, m] = [`r${i}`, `m${i}`];
    const next = step.next.length > 0 ? `, ${treeProjection(m, step.next, counter)}` : '';
    const read: ListRead = LIST_READS[step.read];
    const c = {
      from: variable,
      r,
      m,
      first: `$firsts[${i}]`,
      params: `$filters[${i}]`,
      filtered: isFiltered(read, step.params),
    };
    const rel = `[key IN $relKeys[${i}] | ${r}[key]]`;
    const keys = `CASE WHEN ${m}:${cypherLabel('Institution')} THEN $institutionKeys[${i}]
      WHEN ${m}:${cypherLabel('Place')} THEN $placeKeys[${i}] ELSE $keys[${i}] END`;
    const project = readRow(r, m, `[key IN ${keys} | ${m}[key]]`, next, rel);
    return `[${readItems(read, { ...c, project })}, ${readCount(read, { ...c, project })}]`;
  });
  return `[${reads.join(', ')}]`;
}

/** Whether a read's filter has a value among `params` (null, as absent, is none). */
const isFiltered = (read: ListRead, params: ReadParams): boolean =>
  read.filter !== undefined && (params[read.filter] ?? null) !== null;

/** A read's filter values as parameters: absent ones null. */
const filterParameters = (params: ReadParams): { asOf: string | null; roles: readonly string[] | null } => ({
  asOf: params.asOf ?? null,
  roles: params.roles ?? null,
});

/** The sizes, filters and keys of the steps, in the order treeProjection numbers them. */
export function treeParameters(steps: PrefetchStep[]): {
  firsts: Integer[];
  filters: object[];
  keys: (readonly string[])[];
  institutionKeys: (readonly string[])[];
  placeKeys: (readonly string[])[];
  relKeys: string[][];
} {
  const flat = (list: PrefetchStep[]): PrefetchStep[] => list.flatMap((s) => [s, ...flat(s.next)]);
  const all = flat(steps);
  return {
    firsts: all.map((step) => neo4j.int(step.first)),
    filters: all.map((step) => filterParameters(step.params)),
    keys: all.map((step) => step.keys.any),
    institutionKeys: all.map((step) => step.keys.institution),
    placeKeys: all.map((step) => step.keys.place),
    relKeys: all.map((step) => step.relKeys),
  };
}

/** The look-ahead's query from entities by id (`$ids`): each one whole, and what the steps read around it. */
export const treesCypher = (steps: PrefetchStep[]): string =>
  `UNWIND $ids AS id
   ${NODE_BY_ID}
   RETURN id, labels(n) AS labels, properties(n) AS props, ${treeProjection('n', steps)} AS related`;

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
    const records = await this.db.query(
      `UNWIND $ids AS id
       ${NODE_BY_ID}
       RETURN id, labels(n) AS labels, properties(n) AS props`,
      { ids },
    );
    return new Map(records.map((r) => [r.get('id') as string, node(r.toObject() as NodeRow)]));
  }

  /**
   * Each id's node and everything the steps reach from it, in one round trip: what the resolvers of a whole
   * selection would otherwise ask for a level at a time.
   */
  async trees(ids: readonly string[], steps: PrefetchStep[]): Promise<Map<string, RelatedTree>> {
    const records = await this.db.query(treesCypher(steps), { ids, ...treeParameters(steps) });
    return new Map(records.map((r) => [r.get('id') as string, r.toObject() as RelatedTree & { id: string }]));
  }

  /**
   * For each id, the first `first` of what `read` reaches from it (in the read's order, whole nodes) and how
   * many there are: one query for the batch, reading no more than `first` per id.
   */
  async read(
    name: ReadName,
    ids: readonly string[],
    first: number,
    params: ReadParams,
  ): Promise<Map<string, ReadResult>> {
    const read: ListRead = LIST_READS[name];
    const c = {
      filtered: isFiltered(read, params),
      from: 'n',
      r: 'r',
      m: 'm',
      first: '$first',
      params: '$filter',
      project: readRow('r', 'm', 'properties(m)'),
    };
    const records = await this.db.query(
      `UNWIND $ids AS id
       ${NODE_BY_ID}
       RETURN id, ${readItems(read, c)} AS items, ${readCount(read, c)} AS count`,
      { ids, first: neo4j.int(first), filter: filterParameters(params) },
    );
    return new Map(
      records.map((r) => [
        r.get('id') as string,
        [r.get('items') as ReadRow[], r.get('count') as number] as ReadResult,
      ]),
    );
  }

  /** The country each entity is in (see countryOf), and whether it was inferred from a PART_OF ancestor. */
  async countryOf(ids: readonly string[], maxDepth: number): Promise<Map<string, CountryFound>> {
    const records = await this.db.query(
      `UNWIND $ids AS id
       MATCH (n:Entity {id: id})
       WITH id, ${countryOf('n', maxDepth)} AS found
       WHERE found IS NOT NULL
       RETURN id, labels(found.country) AS labels, properties(found.country) AS props, found.inferred AS inferred`,
      { ids },
    );
    return new Map(
      records.map((r) => [
        r.get('id') as string,
        { country: node(r.toObject() as NodeRow), inferred: r.get('inferred') as boolean },
      ]),
    );
  }
}
