import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
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

/**
 * What the resolvers under a selection of entities will read, as a tree of relationship steps: fragments and
 * type conditions are followed (a step that does not apply to a node's type just finds nothing).
 */
export function prefetchSteps(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  depth = 1,
): PrefetchStep[] {
  if (!selectionSet || depth > MAX_DEPTH) return [];
  const merged = new Map<string, PrefetchStep>();
  const add = (step: PrefetchStep): void => {
    const key = `${step.type}:${step.direction}`;
    const existing = merged.get(key);
    if (existing) existing.next = mergeSteps([...existing.next, ...step.next]);
    else merged.set(key, step);
  };
  const visit = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment && !seen.has(fragment.name.value))
          visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else {
        const steps = FIELD_STEPS[selection.name.value];
        if (!steps) continue;
        const farSelection = steps.far
          ? farSelectionSet(selection.selectionSet, steps.far, fragments)
          : selection.selectionSet;
        const next = prefetchSteps(farSelection, fragments, depth + 1);
        for (const [type, direction] of steps.follows) add({ type, direction, next });
      }
    }
  };
  visit(selectionSet, new Set());
  return [...merged.values()];
}

/** The steps under the field being resolved, or under its `under` field (such as `node` of a search hit). */
export function stepsOf(info: GraphQLResolveInfo, under?: string): PrefetchStep[] {
  const selections = info.fieldNodes.flatMap((field) => field.selectionSet?.selections ?? []);
  const own: SelectionSetNode = { kind: Kind.SELECTION_SET, selections };
  return prefetchSteps(under ? farSelectionSet(own, under, info.fragments) : own, info.fragments);
}

/** Properties that fields read under other names (relationship.service.ts, entity.resolver.ts). */
const FIELD_PROPERTIES: Record<string, string[]> = {
  sources: ['sourceIds'],
  names: ['nameLangs', 'nameValues'],
};

/**
 * The node properties the selection under `under` reads: each selected field's own property, or those listed
 * above, plus id and name. Fields resolved from relationships need only the id.
 */
export function selectedProperties(info: GraphQLResolveInfo, under: string): string[] {
  const selections = info.fieldNodes.flatMap((field) => field.selectionSet?.selections ?? []);
  const selection = farSelectionSet({ kind: Kind.SELECTION_SET, selections }, under, info.fragments);
  const properties = new Set(['id', 'name']);
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): void => {
    for (const field of set?.selections ?? []) {
      if (field.kind === Kind.INLINE_FRAGMENT) visit(field.selectionSet, seen);
      else if (field.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = info.fragments[field.name.value];
        if (fragment && !seen.has(fragment.name.value))
          visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else if (!field.name.value.startsWith('__')) {
        for (const property of FIELD_PROPERTIES[field.name.value] ?? [field.name.value])
          properties.add(property);
      }
    }
  };
  visit(selection, new Set());
  return [...properties];
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
  const properties = new Set(['id', 'name', 'date', 'order']);
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const field of set?.selections ?? []) {
      if (
        field.kind === Kind.FIELD &&
        !field.name.value.startsWith('__') &&
        !RELATIONSHIP_FIELDS.has(field.name.value)
      ) {
        for (const property of FIELD_PROPERTIES[field.name.value] ?? [field.name.value])
          properties.add(property);
      }
      if (field.kind !== Kind.FRAGMENT_SPREAD) visit(field.selectionSet);
    }
  };
  visit(info.operation.selectionSet);
  for (const fragment of Object.values(info.fragments)) visit(fragment.selectionSet);
  return [...properties];
}

/** The selection under `field` of a link object's selection (such as `person` in `people { person { ... } }`). */
function farSelectionSet(
  selectionSet: SelectionSetNode | undefined,
  field: string,
  fragments: Record<string, FragmentDefinitionNode>,
): SelectionSetNode | undefined {
  if (!selectionSet) return undefined;
  const found: SelectionSetNode['selections'][number][] = [];
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      } else if (selection.name.value === field && selection.selectionSet) {
        found.push(...selection.selectionSet.selections);
      }
    }
  };
  visit(selectionSet);
  return found.length === 0 ? undefined : { kind: Kind.SELECTION_SET, selections: found };
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
