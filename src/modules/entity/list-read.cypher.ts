import { cypherLabel, cypherRelType } from '../../db/identifier.whitelist';
import type { ListRead, SortKey } from './list.reads';

/**
 * Cypher for one read (list.reads.ts) from the node bound to `from`: `items`, its relationships in the read's
 * order cut to `first`, each as `project`; `count`, how many there are. `r` and `m` name the relationship and the
 * node reached (unique in the query), `first` and `params` are Cypher expressions of parameters (the size and
 * the filter's values). The look-ahead (nested, one per step) and the loaders (one per batch) both use it.
 */
export interface ReadCypher {
  from: string;
  r: string;
  m: string;
  first: string;
  params: string;
  /** Whether the read's filter has a value: without one, the read and its count need no condition. */
  filtered: boolean;
  project: string;
}

const pattern = (read: ListRead, index: number, { from, r, m }: ReadCypher): string => {
  const [type, direction] = read.follows[index]!;
  const rel = `[${r}:${cypherRelType(type)}]`;
  const far = read.label ? `(${m}:${cypherLabel(read.label)})` : `(${m})`;
  return direction === 'OUT' ? `(${from})-${rel}->${far}` : `(${from})<-${rel}-${far}`;
};

/** The filter's condition, where its value is given. */
const condition = (read: ListRead, { r, params, filtered }: ReadCypher): string => {
  if (!filtered) return '';
  if (read.filter === 'asOf')
    return `WHERE (${r}.since IS NULL OR ${r}.since <= date(${params}.asOf))
      AND (${r}.until IS NULL OR ${r}.until >= date(${params}.asOf))`;
  if (read.filter === 'roles') return `WHERE ${r}.role IN ${params}.roles`;
  return '';
};

const sortKey = (key: SortKey, { r, m }: ReadCypher): string => {
  const value = `${key.of === 'node' ? m : r}.${key.property}`;
  return key.absent === 'zero' ? `coalesce(${value}, 0)` : `${value} IS NOT NULL, ${value}`;
};

/** The read's own keys, then the relationship followed, its `order`, the name and the id: one order for all. */
const orderBy = (read: ListRead, c: ReadCypher): string =>
  [
    ...(read.order ?? []).map((key) => sortKey(key, c)),
    ...(read.follows.length > 1 ? [follow(c)] : []),
    `coalesce(${c.r}.order, 0)`,
    `${c.m}.name`,
    `${c.m}.id`,
  ].join(', ');

/** The index of the follow a relationship came through: named after it, as reads nest. */
const follow = ({ r }: ReadCypher): string => `${r}_follow`;

/** The relationships of every follow, with the index of the follow each came through. */
const matched = (read: ListRead, c: ReadCypher): string => {
  if (read.follows.length === 1)
    return `MATCH ${pattern(read, 0, c)} ${condition(read, c)} WITH ${c.r}, ${c.m}`;
  const branches = read.follows.map(
    (_, i) =>
      `MATCH ${pattern(read, i, c)} ${condition(read, c)} RETURN ${c.r}, ${c.m}, ${i} AS ${follow(c)}`,
  );
  return `CALL (${c.from}) { ${branches.join(' UNION ALL ')} } WITH ${c.r}, ${c.m}, ${follow(c)}`;
};

export const readItems = (read: ListRead, c: ReadCypher): string =>
  `COLLECT { ${matched(read, c)} ORDER BY ${orderBy(read, c)} LIMIT ${c.first} RETURN ${c.project} }`;

/**
 * Without a label or a filter's value, each count is a degree, which Neo4j reads from its stored counts instead of
 * the relationships.
 */
export const readCount = (read: ListRead, c: ReadCypher): string =>
  read.follows
    .map((_, i) =>
      read.label || c.filtered
        ? `COUNT { MATCH ${pattern(read, i, c)} ${condition(read, c)} }`
        : `COUNT { ${pattern(read, i, { ...c, r: '', m: '' })} }`,
    )
    .join(' + ');
