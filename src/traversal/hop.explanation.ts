import type { GraphNode } from '../db/graph.record';
import { RelationshipKind, type GraphEdge } from './traversal.type';

const lower = (role: string): string => role.toLowerCase().replace(/_/g, ' ');
const dated = (node: GraphNode): string => (typeof node.date === 'string' ? ` (${node.date})` : '');
const span = (edge: GraphEdge): string =>
  edge.since && edge.until
    ? ` from ${edge.since} to ${edge.until}`
    : edge.since
      ? ` since ${edge.since}`
      : edge.until
        ? ` until ${edge.until}`
        : '';

/** One sentence for a relationship, read in its own direction: what a person would say it means. */
export function explainEdge(edge: GraphEdge, from: GraphNode, to: GraphNode): string {
  const a = String(from.name);
  const b = String(to.name);
  switch (edge.kind) {
    case RelationshipKind.HOLDS_POSITION:
      return `${a} is ${edge.title ?? 'a member'} of ${b}${span(edge)}`;
    case RelationshipKind.PARTICIPATED_IN:
      return `${a} took part in ${b}${dated(to)} as ${lower(edge.role ?? 'participant')}${edge.capacity ? ` (${edge.capacity})` : ''}`;
    case RelationshipKind.PART_OF:
      return `${a} is part of ${b}`;
    case RelationshipKind.LOCATED_IN:
      return `${a} is in ${b}`;
    case RelationshipKind.HELD_IN:
      return `${a}${dated(from)} took place in ${b}`;
    case RelationshipKind.AT_SITE:
      return `${a}${dated(from)} visited ${b}`;
    case RelationshipKind.REACHED_AT:
      return `${a} was reached at ${b}${dated(to)}`;
    case RelationshipKind.PARTY_TO:
      return `${a} is a party to ${b}`;
    case RelationshipKind.UNDER_FRAMEWORK:
      return `${a} sits under ${b}`;
    case RelationshipKind.HAS_COMMITMENT:
      return `${a} commits to: ${typeof to.text === 'string' ? to.text : b}`;
    case RelationshipKind.CONCERNS:
      return `${a} concerns ${b}`;
    case RelationshipKind.MANAGES:
      return `${a} manages ${b}`;
    case RelationshipKind.OPERATES:
      return `${a} operates ${b}`;
    case RelationshipKind.SUCCEEDED_BY:
      return `${a} was succeeded by ${b}${edge.since ? ` in ${edge.since}` : ''}`;
  }
}
