import neo4j from 'neo4j-driver';
import type { Database } from '../../src/db/neo4j.database';
import type { RunningApi } from '../../src/server/api.server';
import { SummaryRepository } from '../../src/traversal/summary.repository';
import { NeighbourOrder } from '../../src/traversal/summary.type';
import { RelationshipKind } from '../../src/traversal/traversal.type';
import { data, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';
import { wrappedReads } from '../helpers/wrapped-reads';

const P = 'test-hubwork:';
const HUB = `${P}city`;
const INSTITUTIONS = 60;
const EVENTS = 50;
const PEOPLE = 40;

/** Each institution's links besides the hub: people holding positions there, a spread of degrees with ties. */
const extraLinks = (i: number): number => (i * 7) % PEOPLE;
/** Two events a year, so that a page's last place is a tie that degree decides. */
const eventYear = (i: number): number => 2000 + Math.floor(i / 2);
/** Participants of each event: the oldest has most of all, and must still rank last by date. */
const participants = (i: number): number => (i === 0 ? PEOPLE : i % 3);

/**
 * A city by hand: 60 institutions located in it (undated, so they tie on every key before degree), 50 events held
 * there, and 40 people who hold positions at the institutions and took part in the events, so that every
 * neighbour has further links. A merged id redirects to one institution: not a link between entities.
 */
const HUB_GRAPH = `
  CREATE (:Entity:Place:City {id: $p + 'city', name: 'Hubwork City', kind: 'CITY', aliases: [], sourceIds: []})
  WITH 1 AS one
  MATCH (city:Entity {id: $p + 'city'})
  FOREACH (j IN range(0, $people - 1) |
    CREATE (:Entity:Person {id: $p + 'person-' + j, name: 'Hubwork Person ' + j, aliases: [], sourceIds: []}))
  FOREACH (i IN range(0, $institutions - 1) |
    CREATE (:Entity:Institution:Ministry {id: $p + 'inst-' + i, name: 'Hubwork Ministry ' + right('0' + i, 2),
                                          kind: 'MINISTRY', aliases: [], sourceIds: []})
           -[:LOCATED_IN {key: '', sourceIds: []}]->(city))
  FOREACH (i IN range(0, $events - 1) |
    CREATE (:Entity:Event:Meeting {id: $p + 'event-' + i, name: 'Hubwork Meeting ' + right('0' + i, 2), kind: 'MEETING',
                                   aliases: [], sourceIds: [], date: date({year: $eventYears[i], month: 6, day: 1})})
           -[:HELD_IN {key: '', sourceIds: []}]->(city))
  WITH city
  UNWIND range(0, $institutions - 1) AS i
  MATCH (inst:Entity {id: $p + 'inst-' + i}), (person:Person)
  WHERE person.id IN [j IN range(0, $extraLinks[i] - 1) | $p + 'person-' + j]
  CREATE (person)-[:HOLDS_POSITION {key: 'Adviser', title: 'Adviser', sourceIds: []}]->(inst)
  WITH DISTINCT city
  UNWIND range(0, $events - 1) AS i
  MATCH (event:Entity {id: $p + 'event-' + i}), (person:Person)
  WHERE person.id IN [j IN range(0, $participants[i] - 1) | $p + 'person-' + j]
  CREATE (person)-[:PARTICIPATED_IN {key: '', role: 'ATTENDEE', sourceIds: []}]->(event)
  WITH DISTINCT city
  MATCH (inst:Entity {id: $p + 'inst-3'})
  CREATE (:MergedId {id: $p + 'merged-inst'})-[:MERGED_INTO]->(inst)`;

interface Member {
  node: { id: string };
  degree: number;
  date: string | null;
}
interface Group {
  kind: string;
  relationship: string;
  count: number;
  members: Member[];
}
interface Summary {
  neighbourhoodSummary: { total: number; grouped: boolean; groups: Group[] };
}
interface GroupPage {
  neighbourhoodGroupPage: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Member[];
  };
}

const SUMMARY = `query ($id: ID!, $perGroup: Int, $order: NeighbourOrder) {
  neighbourhoodSummary(id: $id, perGroup: $perGroup, order: $order) {
    total grouped groups { kind relationship count members { node { id } degree date } }
  }
}`;
const PAGE = `query ($id: ID!, $kind: EntityKind!, $rel: RelationshipKind!, $first: Int, $after: String) {
  neighbourhoodGroupPage(id: $id, kind: $kind, relationship: $rel, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { node { id } degree date }
  }
}`;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** Cypher's integers: a JavaScript number would arrive as a float. */
const ints = (xs: number[]) => xs.map((x) => neo4j.int(x));
const pad = (i: number): string => String(i).padStart(2, '0');

/** The institutions as the summary must rank them: all tie before degree, so by degree, then name. */
const institutionsRanked = range(INSTITUTIONS)
  .map((i) => ({ id: `inst-${i}`, degree: 1 + extraLinks(i), name: pad(i) }))
  .sort((a, b) => b.degree - a.degree || a.name.localeCompare(b.name));
/** The events as RELEVANCE and RECENCY rank them: newest first, degree among those of one date, then name. */
const eventsRanked = range(EVENTS)
  .map((i) => ({ id: `event-${i}`, degree: 1 + participants(i), year: eventYear(i), name: pad(i) }))
  .sort((a, b) => b.year - a.year || b.degree - a.degree || a.name.localeCompare(b.name));

const ids = (members: Member[]): string[] => members.map((m) => m.node.id.slice(P.length));

interface Profile {
  dbHits: number;
  children: Profile[];
}
const sum = (p: Profile): number => p.dbHits + p.children.reduce((total, c) => total + sum(c), 0);

/** A Database whose reads PROFILE each query, adding up the database hits of every operator. */
function profiling(db: Database): { db: Database; hits: number[] } {
  const hits: number[] = [];
  return {
    db: wrappedReads(db, 'PROFILE', (summary) => hits.push(sum(summary.profile as unknown as Profile))),
    hits,
  };
}

describe('a hub summarised with bounded work: ranked right, and no walk through its neighbours’ links', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ REQUEST_TIMEOUT_MS: '15000' });
    await removeByPrefix(api.database, P);
    await api.database.write((tx) =>
      tx.run(HUB_GRAPH, {
        p: P,
        people: neo4j.int(PEOPLE),
        institutions: neo4j.int(INSTITUTIONS),
        events: neo4j.int(EVENTS),
        eventYears: ints(range(EVENTS).map(eventYear)),
        extraLinks: ints(range(INSTITUTIONS).map(extraLinks)),
        participants: ints(range(EVENTS).map(participants)),
      }),
    );
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, P);
    await api?.stop();
  });

  it('ranks each group’s first members by its keys, degree deciding ties, with degrees of entity links only', async () => {
    const { neighbourhoodSummary: summary } = await data<Summary>(api, SUMMARY, { id: HUB, perGroup: 5 });
    expect(summary).toMatchObject({ total: INSTITUTIONS + EVENTS, grouped: true });
    const [institutions, events] = summary.groups as [Group, Group];
    expect([institutions.kind, institutions.count, events.kind, events.count]).toEqual([
      'INSTITUTION',
      INSTITUTIONS,
      'EVENT',
      EVENTS,
    ]);
    expect(ids(institutions.members)).toEqual(institutionsRanked.slice(0, 5).map((m) => m.id));
    expect(institutions.members.map((m) => m.degree)).toEqual(
      institutionsRanked.slice(0, 5).map((m) => m.degree),
    );
    expect(ids(events.members)).toEqual(eventsRanked.slice(0, 5).map((m) => m.id));

    const byDegree = await data<Summary>(api, SUMMARY, { id: HUB, perGroup: 3, order: 'DEGREE' });
    const [, eventsByDegree] = byDegree.neighbourhoodSummary.groups as [Group, Group];
    expect(eventsByDegree.members[0]).toMatchObject({ node: { id: `${P}event-0` }, degree: 1 + PEOPLE });
  });

  it('pages through a tied group in the same order, every member once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const variables: Record<string, unknown> = {
        id: HUB,
        kind: 'INSTITUTION',
        rel: 'LOCATED_IN',
        first: 7,
        after,
      };
      const page: GroupPage = await data<GroupPage>(api, PAGE, variables);
      seen.push(...ids(page.neighbourhoodGroupPage.nodes));
      if (!page.neighbourhoodGroupPage.pageInfo.hasNextPage) break;
      after = page.neighbourhoodGroupPage.pageInfo.endCursor;
    }
    expect(seen).toEqual(institutionsRanked.map((m) => m.id));
  });

  it('reads the hub’s relationships and each kept neighbour’s degree, never its neighbours’ relationships', async () => {
    const probe = profiling(api.database);
    const repository = new SummaryRepository(probe.db);
    await repository.summary({
      id: HUB,
      types: Object.values(RelationshipKind),
      filter: { from: null, to: null, order: NeighbourOrder.RELEVANCE, roleRanks: {} },
      threshold: 40,
      perGroup: 5,
    });
    // The neighbours' own links number about 1,400 (each institution's 1-40, each event's 1-41): walking them and
    // checking the entity at each far end costs two hits a link, more than all the rest of the query.
    const neighbours = INSTITUTIONS + EVENTS;
    expect(probe.hits[0]).toBeLessThan(18 * neighbours);
  });
});
