import { AppError } from '../common/app.errors';

/** How many items a nested list returns when `first` is not given, and the most `first` may ask for. */
export interface ListBound {
  default: number;
  max: number;
}

/**
 * An entity's own hub lists: a busy institution's events and people. The default answers the benchmark's
 * hubs (about 50 events each at every tier) and every list of the seed and corpus whole.
 */
const HUB: ListBound = { default: 100, max: 1_000 };

/**
 * Lists of a few dozen at most in practice: an event's participants (at most 12 in the synthetic tiers, 10 in
 * the seed), an agreement's parties, a person's positions, an entity's sources.
 */
const SHORT: ListBound = { default: 20, max: 1_000 };

/**
 * Lists of a handful (an agreement's commitments: 4 at most in the seed; what a commitment concerns: 3; the
 * agreements reached at an event: 2), which queries nest under other lists: a small default keeps the nesting
 * within the cost limit (cost.rules.ts multiplies them).
 */
const FEW: ListBound = { default: 10, max: 1_000 };

/**
 * Every relationship list under an entity or a link, by `Type.field` (an interface's fields hold for every type
 * implementing it): the resolvers cut each list to its `first` and the cost estimator counts it at that size,
 * so nested lists multiply the estimate as they multiply the work.
 */
export const NESTED_LISTS = {
  'Entity.sources': SHORT,
  'Institution.succeededBy': FEW,
  'Institution.precededBy': FEW,
  'Institution.subUnits': HUB,
  'Institution.manages': FEW,
  'Institution.managedBy': FEW,
  'Institution.operates': FEW,
  'Institution.operatedBy': FEW,
  'Institution.people': HUB,
  'Institution.events': HUB,
  'Institution.agreements': SHORT,
  'Institution.frameworks': FEW,
  'Institution.concernedBy': FEW,
  'Person.positions': SHORT,
  'Person.events': HUB,
  'Event.subEvents': FEW,
  'Event.participants': SHORT,
  'Event.sites': FEW,
  'Event.agreements': FEW,
  'Agreement.parties': SHORT,
  'Agreement.commitments': FEW,
  'Commitment.concerns': FEW,
  'Framework.parties': SHORT,
  'Framework.agreements': FEW,
  'Place.places': HUB,
  // A relationship is stated by a document or a few; these sit under hub lists, so they stay small.
  'Participation.sources': FEW,
  'Position.sources': FEW,
  'GraphEdge.sources': FEW,
  'CandidatePair.sources': SHORT,
} as const satisfies Record<string, ListBound>;

export type NestedList = keyof typeof NESTED_LISTS;

/** The options of a nested list's `first` argument: its default and maximum, from the table. */
export function firstArg(list: NestedList): { nullable: true; defaultValue: number; description: string } {
  const bound = NESTED_LISTS[list];
  return {
    nullable: true,
    defaultValue: bound.default,
    description: `How many to return, 0 to ${bound.max}.`,
  };
}

/** The number of items to return: `first` (the default when absent), refused when outside 0..max. */
export function firstOf(list: NestedList, first: number | null | undefined): number {
  const bound = NESTED_LISTS[list];
  const size = first ?? bound.default;
  if (!Number.isInteger(size) || size < 0 || size > bound.max) {
    const field = list.split('.')[1];
    throw new AppError('BAD_USER_INPUT', `${field}(first): must be from 0 to ${bound.max}, got ${size}`, {
      field: `${field}.first`,
    });
  }
  return size;
}

/**
 * The first items of a list that is not read from relationships (the sources a property names), in the order
 * its reader gives, after checking `first` and before reading anything. Relationship lists are cut in Cypher
 * (RelationshipService.list).
 */
export async function firstItems<T>(
  list: NestedList,
  first: number | null | undefined,
  read: () => Promise<T[]>,
): Promise<T[]> {
  const size = firstOf(list, first);
  return (await read()).slice(0, size);
}

/**
 * The count field beside a nested list (`eventsCount` beside `events`): every list has one but the sources a
 * document cites, which are listed for provenance, not browsed.
 */
export function countField(list: NestedList): string | undefined {
  const field = list.split('.')[1] as string;
  return field === 'sources' ? undefined : `${field}Count`;
}

/** The options of a list's count field. */
export function countOf(list: NestedList): { description: string } {
  const field = list.split('.')[1];
  return { description: `How many ${field} there are, however many the list returns.` };
}
