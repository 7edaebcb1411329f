import type { Label, RelationshipType } from '../../db/identifier.whitelist';

export type Direction = 'OUT' | 'IN';

/**
 * A key a list is sorted by: a property of the node reached or of the relationship. `absent` says where a node
 * without it goes: `first` (as an empty value sorts before any other), or as 0 (an order not given).
 */
export interface SortKey {
  of: 'node' | 'rel';
  property: string;
  absent: 'first' | 'zero';
}

/** A filter that takes a field's argument of the same name: `asOf` (a position held then), `roles`. */
export type ReadFilter = 'asOf' | 'roles';

/**
 * How one GraphQL field reads its relationships: which types and directions (their lists joined), which label
 * the node reached must have, the order (by `order`, then by the relationship followed, then by the
 * relationship's own `order`, the name and the id, so that every list has one order), and the filter its
 * argument sets. EntityRepository turns it into Cypher, for the look-ahead and the loaders alike.
 */
export interface ListRead {
  follows: readonly (readonly [RelationshipType, Direction])[];
  label?: Label;
  order?: readonly SortKey[];
  filter?: ReadFilter;
}

const byDateThenName: readonly SortKey[] = [
  { of: 'node', property: 'date', absent: 'first' },
  { of: 'node', property: 'name', absent: 'first' },
];
const bySinceThenTitle: readonly SortKey[] = [
  { of: 'rel', property: 'since', absent: 'first' },
  { of: 'rel', property: 'title', absent: 'first' },
];

/** Every relationship read of the API, by name: relationship.service.ts reads through these and nothing else. */
export const LIST_READS = {
  succeededBy: { follows: [['SUCCEEDED_BY', 'OUT']] },
  precededBy: { follows: [['SUCCEEDED_BY', 'IN']] },
  // Where it is: its own place, else where it was held (an event).
  place: {
    follows: [
      ['LOCATED_IN', 'OUT'],
      ['HELD_IN', 'OUT'],
    ],
  },
  placesWithin: { follows: [['LOCATED_IN', 'IN']], label: 'Place' },
  parent: { follows: [['PART_OF', 'OUT']] },
  parts: { follows: [['PART_OF', 'IN']] },
  subEvents: {
    follows: [['PART_OF', 'IN']],
    order: [{ of: 'node', property: 'order', absent: 'zero' }, ...byDateThenName],
  },
  manages: { follows: [['MANAGES', 'OUT']] },
  managedBy: { follows: [['MANAGES', 'IN']] },
  operates: { follows: [['OPERATES', 'OUT']] },
  operatedBy: { follows: [['OPERATES', 'IN']] },
  positionsOfPerson: { follows: [['HOLDS_POSITION', 'OUT']], order: bySinceThenTitle, filter: 'asOf' },
  positionsAt: { follows: [['HOLDS_POSITION', 'IN']], order: bySinceThenTitle, filter: 'asOf' },
  participants: { follows: [['PARTICIPATED_IN', 'IN']], filter: 'roles' },
  sites: { follows: [['AT_SITE', 'OUT']] },
  // Every event an entity took part in, or was the site of, in date order.
  involvements: {
    follows: [
      ['PARTICIPATED_IN', 'OUT'],
      ['AT_SITE', 'IN'],
    ],
    order: byDateThenName,
  },
  agreementsReachedAt: { follows: [['REACHED_AT', 'IN']] },
  reachedAt: { follows: [['REACHED_AT', 'OUT']] },
  parties: { follows: [['PARTY_TO', 'IN']] },
  agreementsPartyTo: { follows: [['PARTY_TO', 'OUT']], label: 'Agreement', order: byDateThenName },
  frameworksPartyTo: { follows: [['PARTY_TO', 'OUT']], label: 'Framework', order: byDateThenName },
  framework: { follows: [['UNDER_FRAMEWORK', 'OUT']] },
  // Commitments can sit under a framework too: only its agreements are listed.
  agreementsUnder: { follows: [['UNDER_FRAMEWORK', 'IN']], label: 'Agreement' },
  commitments: {
    follows: [['HAS_COMMITMENT', 'OUT']],
    order: [{ of: 'node', property: 'order', absent: 'zero' }],
  },
  concerns: { follows: [['CONCERNS', 'OUT']] },
  concernedBy: { follows: [['CONCERNS', 'IN']] },
  publisher: { follows: [['PUBLISHED_BY', 'OUT']] },
} as const satisfies Record<string, ListRead>;

export type ReadName = keyof typeof LIST_READS;

/** The values of a read's filter: a date for `asOf`, role names for `roles`; absent, no filter. */
export interface ReadParams {
  asOf?: string;
  roles?: readonly string[];
}

/**
 * The GraphQL fields that read relationships, by `Type.field` (as list.bounds.ts names the lists), with the read
 * each one makes and, for a field returning link objects (Position, Participation), the link's field holding the
 * node reached. The look-ahead reads ahead from this, by field name.
 */
export const FIELD_READS = {
  'Institution.succeededBy': { read: 'succeededBy' },
  'Institution.precededBy': { read: 'precededBy' },
  'Institution.place': { read: 'place' },
  'Institution.parent': { read: 'parent' },
  'Institution.subUnits': { read: 'parts' },
  'Institution.manages': { read: 'manages' },
  'Institution.managedBy': { read: 'managedBy' },
  'Institution.operates': { read: 'operates' },
  'Institution.operatedBy': { read: 'operatedBy' },
  'Institution.people': { read: 'positionsAt', far: 'person' },
  'Institution.events': { read: 'involvements', far: 'event' },
  'Institution.agreements': { read: 'agreementsPartyTo' },
  'Institution.frameworks': { read: 'frameworksPartyTo' },
  'Institution.concernedBy': { read: 'concernedBy' },
  'Person.positions': { read: 'positionsOfPerson', far: 'institution' },
  'Person.events': { read: 'involvements', far: 'event' },
  'Event.place': { read: 'place' },
  'Event.parentEvent': { read: 'parent' },
  'Event.subEvents': { read: 'subEvents' },
  'Event.participants': { read: 'participants', far: 'participant' },
  'Event.sites': { read: 'sites' },
  'Event.agreements': { read: 'agreementsReachedAt' },
  'Agreement.reachedAt': { read: 'reachedAt' },
  'Agreement.parties': { read: 'parties' },
  'Agreement.framework': { read: 'framework' },
  'Agreement.commitments': { read: 'commitments' },
  'Commitment.concerns': { read: 'concerns' },
  'Commitment.framework': { read: 'framework' },
  'Framework.parties': { read: 'parties' },
  'Framework.agreements': { read: 'agreementsUnder' },
  'Place.within': { read: 'place' },
  'Place.places': { read: 'placesWithin' },
  'Source.publisher': { read: 'publisher' },
} as const satisfies Record<string, { read: ReadName; far?: string }>;
