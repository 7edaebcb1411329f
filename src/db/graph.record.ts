import { isDate, isDateTime, isLocalDateTime } from 'neo4j-driver';
import { kindLabelOf, kindOfLabel, PLACE_KINDS } from './identifier.whitelist';

/** A node as the GraphQL layer sees it: its properties, its id, and the GraphQL type it resolves to. */
export interface GraphNode {
  __typename: string;
  id: string;
  labels: string[];
  [property: string]: unknown;
}

const PLAIN_TYPES = ['Person', 'Agreement', 'Commitment', 'Framework', 'Source'];

/** Neo4j temporal values become ISO strings; everything else passes as it is. */
export function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return value.toString();
  return value;
}

export function plainProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, plainValue(value)]));
}

/**
 * The properties a node was read with, for nodes read with some of theirs only (the look-ahead reads of each
 * node what its own selection reads): a key read and absent is null, a key not read is not known.
 */
const READ_KEYS = new WeakMap<GraphNode, ReadonlySet<string>>();

/** A node read with `keys` only (values in their order). */
export function partialNode(labels: string[], keys: string[], values: unknown[]): GraphNode {
  const node = toGraphNode(labels, propertiesFrom(keys, values));
  READ_KEYS.set(node, new Set(keys));
  return node;
}

/** Whether `value` is a node read without one of `properties` (a node read whole lacks none). */
export function lacksProperties(value: unknown, properties: readonly string[]): boolean {
  const read = typeof value === 'object' && value !== null ? READ_KEYS.get(value as GraphNode) : undefined;
  return read !== undefined && properties.some((key) => !read.has(key));
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
  for (const key of added) if (key in more) node[key] = more[key];
  READ_KEYS.set(node, new Set([...read, ...added]));
}

/** Values read for `keys` (in their order) as the properties they are: a property that is absent reads as null. */
export function propertiesFrom(keys: string[], values: unknown[]): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((key, i) => (values[i] === null ? [] : [[key, values[i]]])));
}

/**
 * A place written without a kind (documents did not have to give one) reads as the kind its `kind` property
 * names, or else as a city: the narrowest kind, which claims the least about it.
 */
function kindlessPlaceLabel(labels: string[], properties: Record<string, unknown>): string | undefined {
  if (!labels.includes('Place')) return undefined;
  const kind = properties.kind;
  return typeof kind === 'string' && kind !== 'COUNTRY' && Object.hasOwn(PLACE_KINDS, kind)
    ? PLACE_KINDS[kind as keyof typeof PLACE_KINDS]
    : PLACE_KINDS.CITY;
}

export function toGraphNode(labels: string[], properties: Record<string, unknown>): GraphNode {
  const kindLabel = kindLabelOf(labels) ?? kindlessPlaceLabel(labels, properties);
  const typename = kindLabel ?? PLAIN_TYPES.find((label) => labels.includes(label));
  if (typename === undefined)
    throw new Error(`node ${String(properties.id)} has no known type (${labels.join(', ')})`);
  const node = { ...plainProperties(properties), __typename: typename, labels, id: properties.id as string };
  // `kind` is never null in the schema: the label says it when the property is missing.
  return kindLabel === undefined || 'kind' in node ? node : { ...node, kind: kindOfLabel(kindLabel) };
}
