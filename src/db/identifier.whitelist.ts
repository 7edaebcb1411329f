/**
 * Every label and relationship type that Cypher may name. Cypher cannot take them as parameters, so code that
 * builds a label or type into a query takes it from here, never from a client's string.
 */
export const INSTITUTION_KINDS = {
  MINISTRY: 'Ministry',
  GOVERNMENT: 'Government',
  GOVERNMENT_DEPARTMENT: 'GovernmentDepartment',
  COMMITTEE: 'Committee',
  SCIENCE_PARK: 'SciencePark',
  TRANSFER_CENTER: 'TransferCenter',
  SERVICE_CENTER: 'ServiceCenter',
  PLATFORM: 'Platform',
  INNOVATION_CENTER: 'InnovationCenter',
  INCUBATOR: 'Incubator',
  MARKET: 'Market',
  UNIVERSITY: 'University',
  RESEARCH_INSTITUTE: 'ResearchInstitute',
  ENTERPRISE: 'Enterprise',
  INTERNATIONAL_ORGANIZATION: 'InternationalOrganization',
} as const;

export const EVENT_KINDS = {
  VISIT: 'Visit',
  MEETING: 'Meeting',
  INSPECTION: 'Inspection',
  SIGNING: 'Signing',
  CONFERENCE: 'Conference',
} as const;

export const PLACE_KINDS = {
  COUNTRY: 'Country',
  REGION: 'Region',
  CITY: 'City',
} as const;

export type InstitutionKind = keyof typeof INSTITUTION_KINDS;
export type EventKind = keyof typeof EVENT_KINDS;
export type PlaceKind = keyof typeof PLACE_KINDS;

export const BASE_LABELS = [
  'Entity',
  'Institution',
  'Person',
  'Event',
  'Place',
  'Agreement',
  'Commitment',
  'Framework',
  'Source',
  'MergedId',
  'ResolutionLock',
  'ResolutionCandidate',
  'MergeRecord',
  'Tombstone',
  'SchemaMigration',
  'GraphGeneration',
] as const;

export type Label =
  | (typeof BASE_LABELS)[number]
  | (typeof INSTITUTION_KINDS)[InstitutionKind]
  | (typeof EVENT_KINDS)[EventKind]
  | (typeof PLACE_KINDS)[PlaceKind];

/**
 * The relationships documents state between entities: what traversals follow, what RelationshipKind names, and
 * what link.rules.ts holds to which kinds of entity.
 */
export const FACT_RELATIONSHIP_TYPES = [
  'PART_OF',
  'LOCATED_IN',
  'MANAGES',
  'OPERATES',
  'SUCCEEDED_BY',
  'HOLDS_POSITION',
  'PARTICIPATED_IN',
  'HELD_IN',
  'AT_SITE',
  'REACHED_AT',
  'PARTY_TO',
  'UNDER_FRAMEWORK',
  'HAS_COMMITMENT',
  'CONCERNS',
] as const;

export type FactRelationshipType = (typeof FACT_RELATIONSHIP_TYPES)[number];

/** The types that join an entity to what is not one (a source, a merge's records): no link between entities. */
export const NON_ENTITY_RELATIONSHIP_TYPES = ['PUBLISHED_BY', 'MERGED_INTO', 'RECORDED'] as const;

/** Every relationship type: the facts, and the graph's own bookkeeping. */
export const RELATIONSHIP_TYPES = [...FACT_RELATIONSHIP_TYPES, ...NON_ENTITY_RELATIONSHIP_TYPES] as const;

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

const ALL_LABELS = new Set<string>([
  ...BASE_LABELS,
  ...Object.values(INSTITUTION_KINDS),
  ...Object.values(EVENT_KINDS),
  ...Object.values(PLACE_KINDS),
]);
const ALL_TYPES = new Set<string>(RELATIONSHIP_TYPES);

/** A label as a value for a dynamic label (`SET n:$(...)`); throws for anything not in the whitelist. */
export function checkedLabel(label: Label): string {
  if (!ALL_LABELS.has(label)) throw new Error(`label ${String(label)} is not in the whitelist`);
  return label;
}

/** A relationship type as a value for a dynamic type (`[r:$(...)]`); throws for anything not in the whitelist. */
export function checkedRelType(type: RelationshipType): string {
  if (!ALL_TYPES.has(type)) throw new Error(`relationship type ${String(type)} is not in the whitelist`);
  return type;
}

/** A label ready to splice into Cypher; throws for anything not in the whitelist. */
export function cypherLabel(label: Label): string {
  return `\`${checkedLabel(label)}\``;
}

/** A relationship type ready to splice into Cypher; throws for anything not in the whitelist. */
export function cypherRelType(type: RelationshipType): string {
  return `\`${checkedRelType(type)}\``;
}

const KIND_BY_LABEL = new Map<string, string>([
  ...Object.entries(INSTITUTION_KINDS).map(([kind, label]) => [label, kind] as [string, string]),
  ...Object.entries(EVENT_KINDS).map(([kind, label]) => [label, kind] as [string, string]),
  ...Object.entries(PLACE_KINDS).map(([kind, label]) => [label, kind] as [string, string]),
]);

/** The kind (such as MINISTRY) a kind label (such as Ministry) stands for. */
export function kindOfLabel(label: string): string | undefined {
  return KIND_BY_LABEL.get(label);
}

/** The kind label among a node's labels (such as Ministry), which is also its GraphQL type name. */
export function kindLabelOf(labels: readonly string[]): string | undefined {
  return labels.find((label) => KIND_BY_LABEL.has(label));
}
