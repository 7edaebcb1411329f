import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { RelationshipType } from '../db/identifier.whitelist';
import type { Direction } from '../modules/entity/entity.repository';
import { countField, NESTED_LISTS, type NestedList } from './list.bounds';
import { SelectionWalk } from './selection.walk';

/** One relationship the resolvers will follow from a node, and what they will follow from the nodes it reaches. */
export interface PrefetchStep {
  type: RelationshipType;
  direction: Direction;
  /** Read only where the node has at most this many such relationships (lookAheadLimit). */
  limit: number;
  next: PrefetchStep[];
}

interface FieldSteps {
  follows: [RelationshipType, Direction][];
  /** For fields that return a link object (Position, Participation): its field holding the far node. */
  far?: string;
}

/**
 * The relationships each field's resolver reads through RequestLoaders.related (relationship.service.ts), by
 * field name on any entity type. A field missing here is simply not looked ahead: its loader fetches it.
 */
const FIELD_STEPS: Record<string, FieldSteps> = {
  people: { follows: [['HOLDS_POSITION', 'IN']], far: 'person' },
  positions: { follows: [['HOLDS_POSITION', 'OUT']], far: 'institution' },
  events: {
    follows: [
      ['PARTICIPATED_IN', 'OUT'],
      ['AT_SITE', 'IN'],
    ],
    far: 'event',
  },
  participants: { follows: [['PARTICIPATED_IN', 'IN']], far: 'participant' },
  parent: { follows: [['PART_OF', 'OUT']] },
  parentEvent: { follows: [['PART_OF', 'OUT']] },
  subUnits: { follows: [['PART_OF', 'IN']] },
  subEvents: { follows: [['PART_OF', 'IN']] },
  place: {
    follows: [
      ['LOCATED_IN', 'OUT'],
      ['HELD_IN', 'OUT'],
    ],
  },
  sites: { follows: [['AT_SITE', 'OUT']] },
  manages: { follows: [['MANAGES', 'OUT']] },
  managedBy: { follows: [['MANAGES', 'IN']] },
  operates: { follows: [['OPERATES', 'OUT']] },
  operatedBy: { follows: [['OPERATES', 'IN']] },
  succeededBy: { follows: [['SUCCEEDED_BY', 'OUT']] },
  precededBy: { follows: [['SUCCEEDED_BY', 'IN']] },
  parties: { follows: [['PARTY_TO', 'IN']] },
  reachedAt: { follows: [['REACHED_AT', 'OUT']] },
};

/** The count fields of the lists above (`eventsCount`): read from the same relationships, not properties. */
const COUNT_FIELDS = (Object.keys(NESTED_LISTS) as NestedList[]).flatMap((list) => countField(list) ?? []);

/**
 * The most items the look-ahead reads of a list followed by the field `name` (a nested list's `first`, or its
 * default, by field name on any type): a longer list is not read ahead but left to its loader, which the
 * resolver then cuts to `first`. So the look-ahead reads no more than the cost estimate counts.
 */
function lookAheadLimit(name: string, first: number | undefined): number {
  const bounds = Object.entries(NESTED_LISTS)
    .filter(([list]) => list.endsWith(`.${name}`))
    .map(([, bound]) => bound);
  if (bounds.length === 0) return 1; // a single node (parent, place ...): one at most.
  const max = Math.max(...bounds.map((b) => b.max));
  return Math.min(max, Math.max(0, first ?? Math.max(...bounds.map((b) => b.default))));
}

/** Deeper selections are left to the loaders: one query for the first levels is where the round trips go. */
const MAX_DEPTH = 4;

/**
 * The most relationships one look-ahead reads: its Cypher grows with them, and fragments can name many more
 * paths than the document has fields. Past it, breadth first, the rest is left to the loaders.
 */
const MAX_STEPS = 32;

/**
 * What the resolvers under a selection of entities will read, as a tree of relationship steps: fragments and
 * type conditions are followed (a step that does not apply to a node's type just finds nothing). Each
 * (type, direction) appears once under its parent, with what all the fields following it select.
 */
export function prefetchSteps(
  sets: readonly (SelectionSetNode | undefined)[],
  walk: SelectionWalk,
): PrefetchStep[] {
  const root: PrefetchStep[] = [];
  let level = [{ into: root, sets }];
  let budget = MAX_STEPS;
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth += 1) {
    const below: typeof level = [];
    for (const { into, sets: selected } of level) {
      for (const { step, sets: under } of stepsFollowed(selected, walk)) {
        if (budget === 0) return root;
        budget -= 1;
        into.push(step);
        below.push({ into: step.next, sets: under });
      }
    }
    level = below;
  }
  return root;
}

/** The steps the fields of `sets` follow, each with the selection sets its far nodes are read with. */
function stepsFollowed(
  sets: readonly (SelectionSetNode | undefined)[],
  walk: SelectionWalk,
): { step: PrefetchStep; sets: SelectionSetNode[] }[] {
  const byName = new Map<string, SelectionSetNode[]>();
  const limits = new Map<string, number>();
  for (const field of walk.fields(sets)) {
    const name = field.name.value;
    if (!FIELD_STEPS[name] || !field.selectionSet) continue;
    byName.set(name, [...(byName.get(name) ?? []), field.selectionSet]);
    limits.set(name, Math.max(limits.get(name) ?? 0, lookAheadLimit(name, walk.intArgument(field, 'first'))));
  }
  const followed = new Map<string, { step: PrefetchStep; sets: SelectionSetNode[] }>();
  for (const [name, selected] of byName) {
    const { follows, far } = FIELD_STEPS[name]!;
    const under = far ? farSelectionSets(selected, far, walk) : selected;
    for (const [type, direction] of follows) {
      const key = `${type}:${direction}`;
      const known = followed.get(key) ?? { step: { type, direction, limit: 0, next: [] }, sets: [] };
      known.step.limit = Math.max(known.step.limit, limits.get(name) ?? 0);
      known.sets.push(...under);
      followed.set(key, known);
    }
  }
  return [...followed.values()];
}

/** The selection sets of the fields being resolved, all their field nodes together. */
const ownSelection = (info: GraphQLResolveInfo): (SelectionSetNode | undefined)[] =>
  info.fieldNodes.map((field) => field.selectionSet);

/** The steps under the field being resolved, or under its `under` field (such as `node` of a search hit). */
export function stepsOf(info: GraphQLResolveInfo, under?: string): PrefetchStep[] {
  const walk = SelectionWalk.of(info);
  const own = ownSelection(info);
  return prefetchSteps(under ? farSelectionSets(own, under, walk) : own, walk);
}

/** Properties that fields read under other names (relationship.service.ts, entity.resolver.ts). */
const FIELD_PROPERTIES: Record<string, string[]> = {
  sources: ['sourceIds'],
  names: ['nameLangs', 'nameValues', 'nameSince', 'nameUntil'],
  // An institution's name as of a date reads its dated names.
  name: ['name', 'nameLangs', 'nameValues', 'nameSince', 'nameUntil'],
};

/** The properties the given fields read: each one's own, or those listed above; introspection reads none. */
const propertiesRead = (fields: FieldNode[]): string[] =>
  fields
    .map((field) => field.name.value)
    .filter((name) => !name.startsWith('__'))
    .flatMap((name) => FIELD_PROPERTIES[name] ?? [name]);

/**
 * The node properties the selection under `under` reads, plus id and name. Fields resolved from relationships
 * need only the id.
 */
export function selectedProperties(info: GraphQLResolveInfo, under: string): string[] {
  const walk = SelectionWalk.of(info);
  const fields = walk.fields(farSelectionSets(ownSelection(info), under, walk));
  return [...new Set(['id', 'name', ...propertiesRead(fields)])];
}

/** Fields read from relationships, not properties: the look-ahead's fields and the link objects' far ends. */
const RELATIONSHIP_FIELDS = new Set([
  ...Object.keys(FIELD_STEPS),
  ...COUNT_FIELDS,
  ...Object.values(FIELD_STEPS).flatMap((steps) => (steps.far ? [steps.far] : [])),
]);

/**
 * Every node property any field of the whole operation can read: what a look-ahead needs to read of the nodes
 * it primes the loaders with, since any of them may be resolved under any selection of the operation. Sorting
 * reads name, date and order (relationship.service.ts).
 */
export function operationProperties(info: GraphQLResolveInfo): string[] {
  const fields = SelectionWalk.of(info)
    .reachableFields([info.operation.selectionSet])
    .filter((field) => !RELATIONSHIP_FIELDS.has(field.name.value));
  return [...new Set(['id', 'name', 'date', 'order', ...propertiesRead(fields)])];
}

/** The selection sets under `field` of a link object's selection (`person` in `people { person { ... } }`). */
function farSelectionSets(
  sets: readonly (SelectionSetNode | undefined)[],
  field: string,
  walk: SelectionWalk,
): SelectionSetNode[] {
  return walk
    .fields(sets)
    .filter((node) => node.name.value === field)
    .flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}
