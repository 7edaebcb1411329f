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
