import { isDate, isDateTime, isLocalDateTime } from 'neo4j-driver';
import { kindLabelOf } from './identifier.whitelist';

/** A node as the GraphQL layer sees it: its properties, its id, and the GraphQL type it resolves to. */
export interface GraphNode {
  __typename: string;
  id: string;
  labels: string[];
  [property: string]: unknown;
}

/** A node reached over a relationship, with that relationship's properties. */
export interface Related {
  rel: Record<string, unknown>;
  node: GraphNode;
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

export function toGraphNode(labels: string[], properties: Record<string, unknown>): GraphNode {
  const typename = kindLabelOf(labels) ?? PLAIN_TYPES.find((label) => labels.includes(label));
  if (typename === undefined)
    throw new Error(`node ${String(properties.id)} has no known type (${labels.join(', ')})`);
  return { ...plainProperties(properties), __typename: typename, labels, id: properties.id as string };
}
