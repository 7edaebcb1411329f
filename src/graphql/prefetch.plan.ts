import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { RelationshipType } from '../db/identifier.whitelist';
import type { Direction } from '../modules/entity/entity.repository';

/** One relationship the resolvers will follow from a node, and what they will follow from the nodes it reaches. */
export interface PrefetchStep {
  type: RelationshipType;
  direction: Direction;
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
  parties: { follows: [['PARTY_TO', 'IN']] },
  reachedAt: { follows: [['REACHED_AT', 'OUT']] },
};

/** Deeper selections are left to the loaders: one query for the first levels is where the round trips go. */
const MAX_DEPTH = 4;

/** The fields a selection set selects, through inline fragments and fragment spreads (each spread once). */
export function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments, seen);
    const fragment = fragments[selection.name.value];
    if (!fragment || seen.has(fragment.name.value)) return [];
    return fieldsOf(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
  });
}

/**
 * What the resolvers under a selection of entities will read, as a tree of relationship steps: fragments and
 * type conditions are followed (a step that does not apply to a node's type just finds nothing).
 */
export function prefetchSteps(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  depth = 1,
): PrefetchStep[] {
  if (depth > MAX_DEPTH) return [];
  return mergeSteps(
    fieldsOf(selectionSet, fragments).flatMap((field) => {
      const steps = FIELD_STEPS[field.name.value];
      if (!steps) return [];
      const farSelection = steps.far
        ? farSelectionSet(field.selectionSet, steps.far, fragments)
        : field.selectionSet;
      const next = prefetchSteps(farSelection, fragments, depth + 1);
      return steps.follows.map(([type, direction]) => ({ type, direction, next }));
    }),
  );
}

/** The selection set of the field being resolved, all its field nodes together. */
const ownSelection = (info: GraphQLResolveInfo): SelectionSetNode => ({
  kind: Kind.SELECTION_SET,
  selections: info.fieldNodes.flatMap((field) => field.selectionSet?.selections ?? []),
});

/** The steps under the field being resolved, or under its `under` field (such as `node` of a search hit). */
export function stepsOf(info: GraphQLResolveInfo, under?: string): PrefetchStep[] {
  const own = ownSelection(info);
  return prefetchSteps(under ? farSelectionSet(own, under, info.fragments) : own, info.fragments);
}

/** Properties that fields read under other names (relationship.service.ts, entity.resolver.ts). */
const FIELD_PROPERTIES: Record<string, string[]> = {
  sources: ['sourceIds'],
  names: ['nameLangs', 'nameValues'],
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
  const selection = farSelectionSet(ownSelection(info), under, info.fragments);
  return [...new Set(['id', 'name', ...propertiesRead(fieldsOf(selection, info.fragments))])];
}

/** Fields read from relationships, not properties: the look-ahead's fields and the link objects' far ends. */
const RELATIONSHIP_FIELDS = new Set([
  ...Object.keys(FIELD_STEPS),
  ...Object.values(FIELD_STEPS).flatMap((steps) => (steps.far ? [steps.far] : [])),
]);

/**
 * Every node property any field of the whole operation can read: what a look-ahead needs to read of the nodes
 * it primes the loaders with, since any of them may be resolved under any selection of the operation. Sorting
 * reads name, date and order (relationship.service.ts).
 */
export function operationProperties(info: GraphQLResolveInfo): string[] {
  const fields: FieldNode[] = [];
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const field of fieldsOf(set, info.fragments)) {
      if (!RELATIONSHIP_FIELDS.has(field.name.value)) fields.push(field);
      collect(field.selectionSet);
    }
  };
  collect(info.operation.selectionSet);
  return [...new Set(['id', 'name', 'date', 'order', ...propertiesRead(fields)])];
}

/** The selection under `field` of a link object's selection (such as `person` in `people { person { ... } }`). */
function farSelectionSet(
  selectionSet: SelectionSetNode | undefined,
  field: string,
  fragments: Record<string, FragmentDefinitionNode>,
): SelectionSetNode | undefined {
  const selections = fieldsOf(selectionSet, fragments)
    .filter((node) => node.name.value === field)
    .flatMap((node) => node.selectionSet?.selections ?? []);
  return selections.length === 0 ? undefined : { kind: Kind.SELECTION_SET, selections };
}

function mergeSteps(steps: PrefetchStep[]): PrefetchStep[] {
  const merged = new Map<string, PrefetchStep>();
  for (const step of steps) {
    const key = `${step.type}:${step.direction}`;
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, next: mergeSteps([...existing.next, ...step.next]) } : step);
  }
  return [...merged.values()];
}
