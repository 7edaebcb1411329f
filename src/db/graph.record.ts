import {
  isDate,
  isDateTime,
  isLocalDateTime,
  type Date,
  type DateTime,
  type LocalDateTime,
} from 'neo4j-driver';
import { kindOfLabel, PLACE_KINDS } from './identifier.whitelist';

/** A node as the GraphQL layer sees it: its properties, its id, and the GraphQL type it resolves to. */
export interface GraphNode {
  __typename: string;
  id: string;
  labels: string[];
  [property: string]: unknown;
}

/** The types of nodes without a kind label, in the order they are looked for among a node's labels. */
const PLAIN_TYPES = ['Person', 'Agreement', 'Commitment', 'Framework', 'Source'];
const PLAIN_RANK = new Map(PLAIN_TYPES.map((label, rank) => [label, rank]));

const isTemporal = (value: object): value is Date | DateTime | LocalDateTime =>
  isDate(value) || isDateTime(value) || isLocalDateTime(value);

/** Neo4j temporal values become ISO strings; everything else passes as it is (a list with none, itself). */
export function plainValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return plainList(value);
  return isTemporal(value) ? value.toString() : value;
}

function plainList(values: unknown[]): unknown[] {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (plainValue(value) !== value) return values.map(plainValue);
  }
  return values;
}

export function plainProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const key in properties) plain[key] = plainValue(properties[key]);
  return plain;
}

/**
 * The properties a node was read with, for nodes read with some of theirs only (the look-ahead reads of each
 * node what its own selection reads): a key read and absent is null, a key not read is not known. The look-ahead
 * step's own key list, shared by the nodes it read, which is why it is frozen (prefetch.plan.ts).
 */
const READ_KEYS = new WeakMap<GraphNode, readonly string[]>();

/** A node read with `keys` only (values in their order; `keys` is kept, so it must not change). */
export function partialNode(labels: string[], keys: readonly string[], values: unknown[]): GraphNode {
  const node = typed(plainPropertiesFrom(keys, values), labels);
  READ_KEYS.set(node, keys);
  return node;
}

/** Whether `value` is a node read without one of `properties` (a node read whole lacks none). */
export function lacksProperties(value: unknown, properties: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const read = READ_KEYS.get(value as GraphNode);
  if (read === undefined) return false;
  for (const key of properties) if (!read.includes(key)) return true;
  return false;
}

/**
 * Adds what `more` was read with to `node`, in place (objects already handed to resolvers see it): all of a
 * whole node, or the keys of a partial one. `node` is whole after a whole one.
 */
export function mergeInto(node: GraphNode, more: GraphNode): void {
  const read = READ_KEYS.get(node);
  if (read === undefined || node === more) return;
  const added = READ_KEYS.get(more);
  if (added === undefined) {
    Object.assign(node, more);
    READ_KEYS.delete(node);
    return;
  }
  let union: string[] | undefined;
  for (const key of added) {
    if (key in more) node[key] = more[key];
    if (!(union ?? read).includes(key)) (union ??= [...read]).push(key);
  }
  if (union) READ_KEYS.set(node, union);
}

/** Values read for `keys` (in their order) as the properties they are: a property that is absent reads as null. */
export function propertiesFrom(keys: readonly string[], values: unknown[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i += 1) {
    if (values[i] !== null) properties[keys[i] as string] = values[i];
  }
  return properties;
}

/** propertiesFrom and plainProperties in one pass. */
export function plainPropertiesFrom(keys: readonly string[], values: unknown[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i += 1) {
    if (values[i] !== null) properties[keys[i] as string] = plainValue(values[i]);
  }
  return properties;
}

/**
 * A place written without a kind (documents did not have to give one) reads as the kind its `kind` property
 * names, or else as a city: the narrowest kind, which claims the least about it.
 */
function kindlessPlaceLabel(kind: unknown): string {
  return typeof kind === 'string' && kind !== 'COUNTRY' && Object.hasOwn(PLACE_KINDS, kind)
    ? PLACE_KINDS[kind as keyof typeof PLACE_KINDS]
    : PLACE_KINDS.CITY;
}

export function toGraphNode(labels: string[], properties: Record<string, unknown>): GraphNode {
  return typed(plainProperties(properties), labels);
}

/**
 * `properties` (plain already) made the node of these labels, in place: its GraphQL type is its kind label (the
 * first), else a kindless place's (kindlessPlaceLabel), else the first of PLAIN_TYPES among them.
 */
function typed(properties: Record<string, unknown>, labels: string[]): GraphNode {
  let kindLabel: string | undefined;
  let place = false;
  let plainRank = PLAIN_TYPES.length;
  for (const label of labels) {
    if (kindLabel === undefined && kindOfLabel(label) !== undefined) kindLabel = label;
    else if (label === 'Place') place = true;
    else plainRank = Math.min(plainRank, PLAIN_RANK.get(label) ?? plainRank);
  }
  if (kindLabel === undefined && place) kindLabel = kindlessPlaceLabel(properties.kind);
  const typename = kindLabel ?? PLAIN_TYPES[plainRank];
  if (typename === undefined)
    throw new Error(`node ${String(properties.id)} has no known type (${labels.join(', ')})`);
  const node = properties as GraphNode;
  node.__typename = typename;
  node.labels = labels;
  node.id = properties.id as string;
  // `kind` is never null in the schema: the label says it when the property is missing.
  if (kindLabel !== undefined && !('kind' in node)) node.kind = kindOfLabel(kindLabel);
  return node;
}
