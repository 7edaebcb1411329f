import type { RelationshipKind } from './graph.kinds';

// The page reads only the public GraphQL API: these are the queries a client developer would write.

export interface EntityRef {
  __typename: string;
  id: string;
  name: string;
}

export interface SourceRef {
  id: string;
  url: string | null;
  title: string;
  publisher: string;
  date: string | null;
}

export interface SearchHit {
  score: number;
  node: EntityRef & { aliases: string[] };
}

export const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 20) { score node { __typename id name aliases } }
}`;

export interface PositionRow {
  title: string;
  since: string | null;
  until: string | null;
}

export interface EntityDetail extends EntityRef {
  aliases: string[];
  names: { lang: string; value: string }[];
  sources: SourceRef[];
  acronym?: string | null;
  country?: { code: string; name: string } | null;
  place?: EntityRef | null;
  parent?: EntityRef | null;
  subUnits?: EntityRef[];
  subUnitsCount?: number;
  people?: (PositionRow & { person: EntityRef })[];
  peopleCount?: number;
  positions?: (PositionRow & { institution: EntityRef })[];
  positionsCount?: number;
  date?: string | null;
  endDate?: string | null;
  parentEvent?: EntityRef | null;
  within?: EntityRef | null;
}

const REF = '__typename id name';

/**
 * How many of each of its lists a card shows: a hub has thousands of people, and the card says how many there
 * are beside the first of them (the graph's groups page through the rest).
 */
export const CARD_LIST_SIZE = 20;

export const ENTITY = `query Entity($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Entity { name aliases names { lang value } sources { id url title publisher date } }
    ... on Institution {
      acronym country { code name } place { ${REF} } parent { ${REF} }
      subUnits(first: ${CARD_LIST_SIZE}) { ${REF} } subUnitsCount
      people(first: ${CARD_LIST_SIZE}) { title since until person { ${REF} } } peopleCount
    }
    ... on Person {
      positions(first: ${CARD_LIST_SIZE}) { title since until institution { ${REF} } } positionsCount
    }
    ... on Event { date endDate place { ${REF} } parentEvent { ${REF} } }
    ... on Place { within { ${REF} } }
  }
}`;

export const NAME = `query Name($id: ID!) { node(id: $id) { __typename id ... on Entity { name } } }`;

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: RelationshipKind;
  role: string | null;
  title: string | null;
  since: string | null;
  until: string | null;
}

const EDGE = 'id from to kind role title since until';

export interface PathHop {
  explanation: string;
  from: EntityRef;
  to: EntityRef;
  edge: GraphEdge & { sources: SourceRef[] };
}

export interface GraphPath {
  length: number;
  summary: string;
  nodes: EntityRef[];
  hops: PathHop[];
}

export const SHORTEST_PATH = `query ShortestPath($from: ID!, $to: ID!, $kinds: [RelationshipKind!]) {
  shortestPath(from: $from, to: $to, relationshipKinds: $kinds) {
    length summary nodes { ${REF} }
    hops { explanation from { ${REF} } to { ${REF} } edge { ${EDGE} sources { id url title publisher date } } }
  }
}`;

export interface TimelineEntry {
  date: string | null;
  role: string;
  event: EntityRef;
  via: EntityRef;
}

export interface TimelinePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: TimelineEntry[];
}

/** Timeline entries a page adds: a hub has thousands, read page by page ("Show more"). */
export const TIMELINE_PAGE_SIZE = 50;

// Sub-units and people too: an institution's timeline is what it and its people did.
export const TIMELINE = `query Timeline($id: ID!, $from: Date, $to: Date, $first: Int, $after: String) {
  timelinePage(id: $id, from: $from, to: $to, includeSubUnits: true, includePeople: true, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { date role event { ${REF} } via { ${REF} } }
  }
}`;

export interface Stats {
  entitiesByKind: { kind: string; category: string; count: number }[];
  institutionsByCountry: { code: string | null; name: string | null; count: number }[];
  eventsPerYear: { period: string; count: number }[];
  topEntities: { node: EntityRef; degree: number }[];
  countryCooperation: { a: string; b: string; events: number; agreements: number }[];
}

export const STATS = `query Stats {
  stats {
    entitiesByKind { kind category count }
    institutionsByCountry { code name count }
    eventsPerYear { period count }
    topEntities(limit: 10) { node { ${REF} } degree }
    countryCooperation { a b events agreements }
  }
}`;

export interface PairSide extends EntityRef {
  aliases: string[];
  parent?: { name: string } | null;
  place?: { name: string } | null;
  country?: { name: string } | null;
  sources: { title: string; url: string | null }[];
}

export interface ReviewPair {
  id: string;
  score: number;
  reasons: string[];
  category: string;
  a: PairSide;
  b: PairSide;
  sources: { title: string; url: string | null }[];
}

// The kind shows as __typename (Ministry, University ...): kinds of different categories have different enums.
const SIDE = `__typename id name aliases sources { title url }
  ... on Institution { parent { name } place { name } country { name } }`;

export const REVIEW = `query Review {
  resolutionCandidates(first: 50) {
    totalCount
    nodes { id score reasons category a { ${SIDE} } b { ${SIDE} } sources { title url } }
  }
}`;

export const CONFIRM_MATCH = `mutation ConfirmMatch($id: ID!, $keepId: ID!) {
  confirmMatch(id: $id, keepId: $keepId) { id status a { id } }
}`;

export const REJECT_MATCH = `mutation RejectMatch($id: ID!) { rejectMatch(id: $id) { id status } }`;

export interface NeighbourMember {
  node: EntityRef;
  edge: GraphEdge;
  degree: number;
  date: string | null;
}

export interface NeighbourGroup {
  id: string;
  kind: string;
  relationship: RelationshipKind;
  direction: 'OUTGOING' | 'INCOMING';
  count: number;
  from: string | null;
  to: string | null;
  members: NeighbourMember[];
}

export interface NeighbourhoodSummary {
  entity: EntityRef;
  total: number;
  grouped: boolean;
  groups: NeighbourGroup[];
}

const MEMBER = `node { ${REF} } edge { ${EDGE} } degree date`;

// Up to GROUP_THRESHOLD neighbours the graph draws them all; above, a node per group with its first members.
export const NEIGHBOURHOOD_SUMMARY = `query NeighbourhoodSummary($id: ID!, $kinds: [RelationshipKind!], $from: Date, $to: Date) {
  neighbourhoodSummary(id: $id, groupThreshold: 40, perGroup: 3, relationshipKinds: $kinds, from: $from, to: $to) {
    entity { ${REF} } total grouped
    groups { id kind relationship direction count from to members { ${MEMBER} } }
  }
}`;

export interface GroupPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: NeighbourMember[];
}

/** Members a group adds to the graph each time it is opened ("show more"). */
export const GROUP_PAGE_SIZE = 25;

export const GROUP_PAGE = `query GroupPage($id: ID!, $kind: EntityKind!, $relationship: RelationshipKind!, $direction: RelationshipDirection, $from: Date, $to: Date, $first: Int, $after: String) {
  neighbourhoodGroupPage(id: $id, kind: $kind, relationship: $relationship, direction: $direction, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${MEMBER} }
  }
}`;
