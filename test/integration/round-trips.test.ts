import type { IngestDocument } from '../../src/ingest/document.types';
import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import type { RunningApi } from '../../src/server/api.server';
import { data, startTestApi } from '../helpers/api.harness';
import { maxTraversalDepth } from '../helpers/neo4j.test-db';

const PREFIX = 'test-round-trips:';

/** 20 institutions in one region, each with two people and an event they both attend. */
function fixture(count: number): IngestDocument {
  const range = Array.from({ length: count }, (_, i) => i);
  return {
    source: { id: `${PREFIX}source`, publisher: 'test', title: 'round-trip fixture' },
    places: [{ id: `${PREFIX}region`, kind: 'REGION', name: 'Round-trip Region' }],
    institutions: range.map((i) => ({
      id: `${PREFIX}institution-${i}`,
      kind: 'ENTERPRISE',
      name: `Round-trip Company ${String(i).padStart(2, '0')}`,
      locatedIn: `${PREFIX}region`,
    })),
    people: range.flatMap((i) =>
      [0, 1].map((j) => ({
        id: `${PREFIX}person-${i}-${j}`,
        name: `Person ${i}-${j}`,
        positions: [{ institution: `${PREFIX}institution-${i}`, title: j === 0 ? 'Director' : 'Engineer' }],
      })),
    ),
    events: range.map((i) => ({
      id: `${PREFIX}event-${i}`,
      kind: 'MEETING',
      name: `Meeting ${i}`,
      date: '2021-05-01',
      participants: [
        { entity: `${PREFIX}institution-${i}`, role: 'HOST' },
        { entity: `${PREFIX}person-${i}-0`, role: 'ATTENDEE' },
        { entity: `${PREFIX}person-${i}-1`, role: 'ATTENDEE' },
      ],
    })),
  };
}

const HUB_SIZE = 12;

/** A hub with more people and events than the detail query asks for, each event with more participants. */
function hubFixture(): IngestDocument {
  const range = Array.from({ length: HUB_SIZE }, (_, i) => i);
  return {
    source: { id: `${PREFIX}hub-source`, publisher: 'test', title: 'round-trip hub' },
    institutions: [{ id: `${PREFIX}hub`, kind: 'UNIVERSITY', name: 'Round-trip Hub' }],
    people: range.map((i) => ({
      id: `${PREFIX}hub-person-${i}`,
      name: `Fellow ${i}`,
      positions: [{ institution: `${PREFIX}hub`, title: 'Fellow', since: `20${10 + i}-01-01` }],
    })),
    events: range.map((i) => ({
      id: `${PREFIX}hub-event-${i}`,
      kind: 'CONFERENCE',
      name: `Hub conference ${i}`,
      date: `20${10 + i}-06-01`,
      participants: [
        { entity: `${PREFIX}hub`, role: 'HOST' },
        ...range
          .slice(0, 6)
          .map((j) => ({ entity: `${PREFIX}hub-person-${(i + j) % HUB_SIZE}`, role: 'ATTENDEE' })),
      ],
    })),
  };
}

/** The benchmark's institution detail (bench/bench.queries.ts), its lists cut shorter than the hub's. */
const DETAIL = `fragment Detail on Institution { id name kind
  peopleCount people(first: 5) { title since until person { id name } }
  eventsCount events(first: 5) { role event { id name date participantsCount participants(first: 3) { role participant { id name } } } } }`;

const NESTED = `query ($first: Int) {
  institutions(filter: { placeId: "${PREFIX}region" }, first: $first) {
    nodes {
      name
      country { code }
      people(first: 5) { title person { name } }
      events(first: 5) { role event { name participants(first: 5) { role participant { name } } } }
    }
  }
}`;

interface Nested {
  institutions: {
    nodes: {
      name: string;
      people: { title: string; person: { name: string } }[];
      events: { role: string; event: { name: string; participants: { participant: { name: string } }[] } }[];
    }[];
  };
}

describe('nested queries and Cypher round trips', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    const documents = new DocumentRepository(api.database, maxTraversalDepth());
    await documents.ingest(planDocument(fixture(20)));
    await documents.ingest(planDocument(hubFixture()));
  });

  afterAll(async () => {
    await api?.database.write((tx) =>
      tx.run('MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix DETACH DELETE n', {
        prefix: PREFIX,
      }),
    );
    await api?.stop();
  });

  async function roundTrips(first: number): Promise<{ trips: number; result: Nested }> {
    const before = api.database.queryCount;
    const result = await data<Nested>(api, NESTED, { first });
    return { trips: api.database.queryCount - before, result };
  }

  it('costs about as many queries for 20 institutions as for 2: it grows with depth, not with parents', async () => {
    const twenty = await roundTrips(20);
    const two = await roundTrips(2);

    expect(twenty.result.institutions.nodes).toHaveLength(20);
    const company = twenty.result.institutions.nodes[3];
    expect(company?.name).toBe('Round-trip Company 03');
    expect(company?.people.map((p) => [p.title, p.person.name])).toEqual([
      ['Director', 'Person 3-0'],
      ['Engineer', 'Person 3-1'],
    ]);
    expect(company?.events).toHaveLength(1);
    expect(company?.events[0]?.event.participants.map((p) => p.participant.name).sort()).toEqual([
      'Person 3-0',
      'Person 3-1',
      'Round-trip Company 03',
    ]);

    // list, country, positions, people, participations, sites, events, participants, participants' nodes: one
    // query each, whatever the number of parents. Loads of one loader that land in two ticks make two batches, so
    // the two counts may differ by one; one query per parent would make the twenty's count grow by dozens.
    expect(twenty.trips).toBeLessThanOrEqual(two.trips + 1);
    expect(twenty.trips).toBeLessThanOrEqual(10);
  });

  it('answers a lookup by id with its nested selection in one query (sources in one more), the same answer the loaders give', async () => {
    const ONE = `query ($id: ID!) { institution(id: $id) { ...Detail } }
      fragment Detail on Institution {
        name
        people(first: 5) { title person { name aliases sources(first: 5) { id } names { lang } positions(first: 5) { title institution { name sources(first: 5) { id } } } } }
        events(first: 5) { role event { name participants(first: 5) { role participant { name ... on Person { positions(first: 5) { title } } } } } }
      }`;
    const before = api.database.queryCount;
    const one = await data<{ institution: Nested['institutions']['nodes'][number] }>(api, ONE, {
      id: `${PREFIX}institution-3`,
    });
    // The look-ahead, then the sources of every node shown, by id: two queries, however many nodes.
    expect(api.database.queryCount - before).toBe(2);

    // The same selection through the list, which reads a level at a time through the loaders.
    const listed = await data<{ institutions: { nodes: unknown[] } }>(
      api,
      `query ($first: Int) { institutions(filter: { placeId: "${PREFIX}region" }, first: $first) { nodes { ...Detail } } }
      ${ONE.slice(ONE.indexOf('fragment'))}`,
      { first: 4 },
    );
    expect(one.institution).toEqual(listed.institutions.nodes[3]);
    expect(one.institution.people.map((p) => p.person.name)).toEqual(['Person 3-0', 'Person 3-1']);
  });

  it('answers a shortest path with the documents behind its hops in one query, and reads none it does not show', async () => {
    type Hop = { explanation: string; edge: { kind: string; sources?: { id: string; title: string }[] } };
    const path = async (selection: string) => {
      const before = api.database.queryCount;
      const { shortestPath } = await data<{ shortestPath: { hops: Hop[] } }>(
        api,
        `query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { hops { explanation edge { kind ${selection} } } } }`,
        { from: `${PREFIX}person-2-0`, to: `${PREFIX}institution-2` },
      );
      return {
        trips: api.database.queryCount - before,
        explained: shortestPath.hops.every((hop) => hop.explanation.length > 0),
        edges: shortestPath.hops.map((hop) => hop.edge),
      };
    };
    const source = { id: `${PREFIX}source`, title: 'round-trip fixture' };
    expect(await path('sources { id title }')).toEqual({
      trips: 1,
      explained: true,
      edges: [{ kind: 'HOLDS_POSITION', sources: [source] }],
    });
    expect(await path('')).toEqual({ trips: 1, explained: true, edges: [{ kind: 'HOLDS_POSITION' }] });
  });

  it('answers the institution detail of a hub in one query, each list cut to its first, as the loaders answer it', async () => {
    const before = api.database.queryCount;
    const looked = await data<{ institution: Record<string, unknown> }>(
      api,
      `query ($id: ID!) { institution(id: $id) { ...Detail } } ${DETAIL}`,
      { id: `${PREFIX}hub` },
    );
    expect(api.database.queryCount - before).toBe(1);
    expect(looked.institution).toMatchObject({ peopleCount: HUB_SIZE, eventsCount: HUB_SIZE });
    const { people, events } = looked.institution as {
      people: { person: { name: string } }[];
      events: { event: { name: string; participantsCount: number; participants: unknown[] } }[];
    };
    expect(people.map((p) => p.person.name)).toEqual([
      'Fellow 0',
      'Fellow 1',
      'Fellow 2',
      'Fellow 3',
      'Fellow 4',
    ]);
    expect(events.map((e) => e.event.name)).toEqual([0, 1, 2, 3, 4].map((i) => `Hub conference ${i}`));
    for (const { event } of events) {
      expect(event.participantsCount).toBe(7);
      expect(event.participants).toHaveLength(3);
    }

    const listed = await data<{ institutions: { nodes: unknown[] } }>(
      api,
      `{ institutions(filter: { name: "Round-trip Hub" }) { nodes { ...Detail } } } ${DETAIL}`,
    );
    expect(listed.institutions.nodes).toEqual([looked.institution]);
  });

  it('ingests a document of new institutions with ids, in the region and under the hub already there, in four queries', async () => {
    const documents = new DocumentRepository(api.database, maxTraversalDepth());
    const before = api.database.queryCount;
    const report = await documents.ingest(
      planDocument({
        source: { id: `${PREFIX}bulk-source`, publisher: 'test', title: 'round-trip bulk' },
        institutions: Array.from({ length: 30 }, (_, i) => ({
          id: `${PREFIX}bulk-${i}`,
          kind: 'ENTERPRISE',
          name: `Round-trip Bulk ${i}`,
          locatedIn: `${PREFIX}region`,
          ...(i % 3 === 0 ? { partOf: `${PREFIX}hub` } : {}),
        })),
      }),
    );
    // Locks with the ids' entities and tombstones; the source and the entities; the relationships; the graph's
    // generation. No hierarchy lock or cycle walk: every PART_OF and LOCATED_IN leaves an entity it created.
    expect(api.database.queryCount - before).toBe(4);
    expect(report).toMatchObject({ created: 30, relationshipsCreated: 40 });
  });
});
