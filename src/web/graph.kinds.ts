/** The schema's RelationshipKind values, in the order the filter lists them. */
export const RELATIONSHIP_KINDS = [
  'HOLDS_POSITION',
  'PARTICIPATED_IN',
  'PART_OF',
  'MANAGES',
  'OPERATES',
  'SUCCEEDED_BY',
  'LOCATED_IN',
  'HELD_IN',
  'AT_SITE',
  'PARTY_TO',
  'REACHED_AT',
  'UNDER_FRAMEWORK',
  'HAS_COMMITMENT',
  'CONCERNS',
] as const;

export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const isRelationshipKind = (value: string): value is RelationshipKind =>
  (RELATIONSHIP_KINDS as readonly string[]).includes(value);

export const RELATIONSHIP_COLORS: Record<RelationshipKind, string> = {
  HOLDS_POSITION: '#7b3294',
  PARTICIPATED_IN: '#1b7837',
  PART_OF: '#2166ac',
  MANAGES: '#4393c3',
  OPERATES: '#92c5de',
  SUCCEEDED_BY: '#35978f',
  LOCATED_IN: '#999999',
  HELD_IN: '#bababa',
  AT_SITE: '#5aae61',
  PARTY_TO: '#d6604d',
  REACHED_AT: '#f4a582',
  UNDER_FRAMEWORK: '#b2182b',
  HAS_COMMITMENT: '#e08214',
  CONCERNS: '#fdb863',
};

export type Category =
  'Person' | 'Institution' | 'Event' | 'Place' | 'Agreement' | 'Commitment' | 'Framework';

const EVENTS = new Set(['Visit', 'Meeting', 'Inspection', 'Signing', 'Conference']);
const PLACES = new Set(['Country', 'Region', 'City']);
const OWN = new Set(['Person', 'Agreement', 'Commitment', 'Framework']);

/** The broad kind of a GraphQL type name: every type that is not a person, event, place ... is an institution. */
export function categoryOf(typename: string): Category {
  if (EVENTS.has(typename)) return 'Event';
  if (PLACES.has(typename)) return 'Place';
  if (OWN.has(typename)) return typename as Category;
  return 'Institution';
}

export const CATEGORY_STYLES: Record<Category, { color: string; shape: string }> = {
  Person: { color: '#8e44ad', shape: 'ellipse' },
  Institution: { color: '#2471a3', shape: 'round-rectangle' },
  Event: { color: '#239b56', shape: 'diamond' },
  Place: { color: '#7f8c8d', shape: 'hexagon' },
  Agreement: { color: '#cb4335', shape: 'tag' },
  Commitment: { color: '#e67e22', shape: 'round-tag' },
  Framework: { color: '#b7950b', shape: 'star' },
};

/** "GovernmentDepartment" as a person would write it: "Government department". */
export const typeLabel = (typename: string): string =>
  typename
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/^(\w)(.*)$/, (_m, a: string, b: string) => a + b.toLowerCase());
