import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import {
  FIELD_READS,
  LIST_READS,
  type ListRead,
  type ReadName,
  type ReadParams,
} from '../modules/entity/list.reads';
import { isIsoDate } from './date.scalar';
import { countField, NESTED_LISTS, type ListBound, type NestedList } from './list.bounds';
import { SelectionWalk } from './selection.walk';

/** One read the resolvers will make from a node (list.reads.ts), and what they will read from the nodes it reaches. */
export interface PrefetchStep {
  read: ReadName;
  /** How many of the list to read (the largest `first` asked, or the default), in the read's order. */
  first: number;
  params: ReadParams;
  /** The properties read of the nodes reached: what the selections under them read (nodeKeys). */
  keys: NodeKeys;
  /** The properties read of the relationships: what the link objects' selections read (none for a plain list). */
  relKeys: string[];
  next: PrefetchStep[];
}

/** A field's reads: for each, the field (`Type.field`) its size bound is named by, and its link's far field. */
interface FieldRead {
  field: string;
  read: ReadName;
  far?: string;
}

/** The reads of FIELD_READS by field name, on any type (a read that does not apply to a node finds nothing). */
const READS_BY_NAME = new Map<string, FieldRead[]>();
for (const [field, { read, ...link }] of Object.entries(FIELD_READS)) {
  const far = 'far' in link ? link.far : undefined;
  const name = field.split('.')[1] as string;
  READS_BY_NAME.set(name, [...(READS_BY_NAME.get(name) ?? []), { field, read, far }]);
}

/** The list a count field counts (`eventsCount`: `events`), by field name. */
const COUNTED = new Map<string, string>(
  (Object.keys(NESTED_LISTS) as NestedList[]).flatMap((list) => {
    const count = countField(list);
    return count ? [[count, list.split('.')[1] as string]] : [];
  }),
);

/**
 * How many of a list the look-ahead reads for `field`: its `first` (or its default), held to 0..max; a field
 * of one node reads one.
 */
function firstToRead(field: string, first: number | undefined): number {
  const bound = (NESTED_LISTS as Record<string, ListBound | undefined>)[field];
  if (!bound) return 1;
  return Math.min(bound.max, Math.max(0, first ?? bound.default));
}

/** The filter values a read takes from its field's argument of the same name (list.reads.ts). */
function paramsOf(read: ReadName, field: FieldNode, walk: SelectionWalk): ReadParams | undefined {
  const filter = (LIST_READS[read] as ListRead).filter;
  if (filter === 'asOf') {
    const asOf = walk.argument(field, 'asOf');
    if (asOf === undefined) return {};
    return typeof asOf === 'string' && isIsoDate(asOf) ? { asOf } : undefined;
  }
  if (filter === 'roles') {
    const given = walk.argument(field, 'roles');
    if (given === undefined || given === null) return {};
    // One value where a list is expected is a list of one (GraphQL's input coercion).
    const roles = typeof given === 'string' ? [given] : given;
    return Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? { roles } : undefined;
  }
  return {};
}

/** Deeper selections are left to the loaders: one query for the first levels is where the round trips go. */
const MAX_DEPTH = 4;

/**
 * The most reads one look-ahead makes: its Cypher grows with them, and fragments can name many more
 * paths than the document has fields. Past it, breadth first, the rest is left to the loaders.
 */
const MAX_STEPS = 32;

/**
 * What the resolvers under a selection of entities will read, as a tree of relationship steps: fragments and
 * type conditions are followed (a step that does not apply to a node's type just finds nothing). Each read
 * (with its filter's values) appears once under its parent, as large as the largest field asking for it, with
 * what all those fields select.
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

/** The steps the fields of `sets` read, each with the selection sets its far nodes are read with. */
function stepsFollowed(
  sets: readonly (SelectionSetNode | undefined)[],
  walk: SelectionWalk,
): { step: PrefetchStep; sets: SelectionSetNode[] }[] {
  const followed = new Map<string, { step: PrefetchStep; sets: SelectionSetNode[]; links: FieldNode[] }>();
  for (const field of walk.fields(sets)) {
    const name = field.name.value;
    const counted = COUNTED.get(name);
    // A count alone reads no items; a list's items are read with what its selection reads below them.
    if (!counted && !field.selectionSet) continue;
    for (const { field: key, read, far } of READS_BY_NAME.get(counted ?? name) ?? []) {
      const params = paramsOf(read, field, walk);
      // A filter value the look-ahead cannot read is left to the loader.
      if (params === undefined) continue;
      const first = counted ? 0 : firstToRead(key, walk.intArgument(field, 'first'));
      const id = `${read}:${JSON.stringify(params)}`;
      const known = followed.get(id) ?? {
        step: { read, first, params, keys: NO_KEYS, relKeys: [], next: [] },
        sets: [],
        links: [],
      };
      known.step.first = Math.max(known.step.first, first);
      if (!counted) known.sets.push(...setsUnder(field, far, walk));
      if (!counted && far) known.links.push(field);
      followed.set(id, known);
    }
  }
  for (const { step, sets: under, links } of followed.values()) {
    // Frozen: every node the step reads keeps its list as the keys it was read with (graph.record.ts).
    const { any, institution, place } = nodeKeys(walk.fields(under));
    step.keys = {
      any: Object.freeze(any),
      institution: Object.freeze(institution),
      place: Object.freeze(place),
    };
    step.relKeys = linkKeys(
      links.map((link) => link.selectionSet),
      walk,
    );
  }
  return [...followed.values()];
}

/** What a list field selects of the nodes it reaches: its own selection, or its link's far field's. */
const setsUnder = (field: FieldNode, far: string | undefined, walk: SelectionWalk): SelectionSetNode[] =>
  far ? farSelectionSets([field.selectionSet], far, walk) : field.selectionSet ? [field.selectionSet] : [];

/** The selection sets of the fields being resolved, all their field nodes together. */
const ownSelection = (info: GraphQLResolveInfo): (SelectionSetNode | undefined)[] =>
  info.fieldNodes.map((field) => field.selectionSet);

/** The steps under the field being resolved, or under its `under` field (such as `node` of a search hit). */
export function stepsOf(info: GraphQLResolveInfo, under?: string): PrefetchStep[] {
  const walk = SelectionWalk.of(info);
  const own = ownSelection(info);
  return prefetchSteps(under ? farSelectionSets(own, under, walk) : own, walk);
}

/**
 * Properties that fields read under other names (relationship.service.ts, entity.resolver.ts), and fields that
 * read none (a loader answers them).
 */
const FIELD_PROPERTIES: Record<string, string[]> = {
  sources: ['sourceIds'],
  names: ['nameLangs', 'nameValues', 'nameSince', 'nameUntil'],
  country: [],
  countrySource: [],
};

/** An institution's name is the one it bore on a date (today by default): it reads its dated names too. */
const INSTITUTION_FIELD_PROPERTIES: Record<string, string[]> = {
  name: ['name', ...(FIELD_PROPERTIES.names as string[])],
};

/** Fields read from relationships, not properties: the reads' fields, their counts and the links' far ends. */
const RELATIONSHIP_FIELDS = new Set([
  ...READS_BY_NAME.keys(),
  ...COUNTED.keys(),
  ...Object.values(FIELD_READS).flatMap((read) => ('far' in read ? [read.far] : [])),
]);

/**
 * The node properties an entity's field reads: its own, or those listed above; none for a relationship or
 * introspection. Node resolution (node.completion.ts) and the look-ahead's keys both ask this.
 */
export function fieldProperties(name: string, ofInstitution = false): readonly string[] {
  if (name.startsWith('__') || RELATIONSHIP_FIELDS.has(name)) return [];
  return (ofInstitution ? INSTITUTION_FIELD_PROPERTIES[name] : undefined) ?? FIELD_PROPERTIES[name] ?? [name];
}

/**
 * The properties read of a node reached: `any` of most, `institution` of an institution (its names), `place` of a
 * place (its kind: a place without a kind label is of the type its `kind` names, graph.record.ts).
 */
export interface NodeKeys {
  any: readonly string[];
  institution: readonly string[];
  place: readonly string[];
}

const NO_KEYS: NodeKeys = { any: [], institution: [], place: [] };

/** The properties the given fields of a node read, plus id and name (every node is read with them). */
function nodeKeys(fields: FieldNode[]): Record<keyof NodeKeys, string[]> {
  const of = (institution: boolean, more: string[] = []): string[] => [
    ...new Set([
      'id',
      'name',
      ...fields.flatMap((field) => fieldProperties(field.name.value, institution)),
      ...more,
    ]),
  ];
  return { any: of(false), institution: of(true), place: of(false, ['kind']) };
}

/** The relationship properties link objects (a Position, a Participation) read under these selection sets. */
const linkKeys = (sets: readonly (SelectionSetNode | undefined)[], walk: SelectionWalk): string[] => [
  ...new Set(walk.fields(sets).flatMap((field) => fieldProperties(field.name.value))),
];

/** The relationship properties the link objects of the field being resolved read (relationship.service.ts). */
export const linkProperties = (info: GraphQLResolveInfo): string[] =>
  linkKeys(ownSelection(info), SelectionWalk.of(info));

/**
 * The node properties the selection under `under` reads, plus id and name. Fields resolved from relationships
 * need only the id.
 */
export function selectedProperties(info: GraphQLResolveInfo, under: string): string[] {
  const walk = SelectionWalk.of(info);
  return nodeKeys(walk.fields(farSelectionSets(ownSelection(info), under, walk))).any;
}

/**
 * Whether the selection being resolved reaches the field at `path` (`['hops', 'edge', 'sources']`), through
 * fragments and @skip/@include.
 */
export function selects(info: GraphQLResolveInfo, path: readonly [string, ...string[]]): boolean {
  const walk = SelectionWalk.of(info);
  const last = path[path.length - 1] as string;
  const sets = path
    .slice(0, -1)
    .reduce<(SelectionSetNode | undefined)[]>(
      (under, name) => farSelectionSets(under, name, walk),
      ownSelection(info),
    );
  return walk.fields(sets).some((field) => field.name.value === last);
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
