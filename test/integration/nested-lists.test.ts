import type { IngestDocument } from '../../src/ingest/document.types';
import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import { NESTED_LISTS } from '../../src/graphql/list.bounds';
import { EntityRepository } from '../../src/modules/entity/entity.repository';
import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { maxTraversalDepth } from '../helpers/neo4j.test-db';

const PREFIX = 'test-nested-lists:';
const HUB = `${PREFIX}hub`;
const EVENTS = NESTED_LISTS['Institution.events'].default + 20;
const CROWD = NESTED_LISTS['Event.participants'].default + 5;

const day = (i: number): string => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const eventId = (i: number): string => `${PREFIX}event-${String(i).padStart(3, '0')}`;

/** Adviser i's tenure at the hub: from day 2i, every third one ended ten days later, dated in reverse of i. */
const tenure = (i: number): { since: string; until?: string } => ({
  since: day(2 * (CROWD - i)),
  ...(i % 3 === 0 ? { until: day(2 * (CROWD - i) + 10) } : {}),
});

/** A hub at more events than the default, the first of them with more participants than the default. */
function fixture(): IngestDocument {
  return {
    source: { id: `${PREFIX}source`, publisher: 'test', title: 'nested lists fixture' },
    institutions: [{ id: HUB, kind: 'ENTERPRISE', name: 'Nested-list Hub' }],
    people: Array.from({ length: CROWD }, (_, i) => ({
      id: `${PREFIX}person-${i}`,
      name: `Guest ${i}`,
      positions: [{ institution: HUB, title: `Adviser ${i}`, ...tenure(i) }],
    })),
    events: Array.from({ length: EVENTS }, (_, i) => ({
      id: eventId(i),
      kind: 'MEETING' as const,
      name: `Hub meeting ${i}`,
      // Dated in reverse of their ids: the list's date order, not the insertion or id order, decides the first.
      date: day(EVENTS - i),
      participants: [
        { entity: HUB, role: 'HOST' as const },
        ...(i === EVENTS - 1
          ? Array.from({ length: CROWD - 1 }, (_, j) => ({
              entity: `${PREFIX}person-${j}`,
              role: 'ATTENDEE' as const,
            }))
          : []),
      ],
    })),
  };
}

interface Hub {
  institution: {
    eventsCount: number;
    events: { role: string; event: { id: string; participantsCount: number; participants: unknown[] } }[];
  } | null;
}

const HUB_EVENTS = `query ($id: ID!, $first: Int) {
  institution(id: $id) {
    eventsCount
    events(first: $first) { role event { id participantsCount participants { role } } }
  }
}`;

/** The hub's event ids in date order (the list's order): the oldest is the last one made. */
const byDate = Array.from({ length: EVENTS }, (_, i) => eventId(EVENTS - 1 - i));

/** The advisers held on `asOf` as the list orders them (by since), as the rule says: begun on or before, not ended before. */
const heldOn = (asOf: string): string[] =>
  Array.from({ length: CROWD }, (_, i) => ({ i, ...tenure(i) }))
    .filter((t) => t.since <= asOf && (t.until === undefined || t.until >= asOf))
    .sort((a, b) => a.since.localeCompare(b.since))
    .map((t) => `Adviser ${t.i}`);

describe('nested lists: bounded by first, counted beside, costed at their size', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    await new DocumentRepository(api.database, maxTraversalDepth()).ingest(planDocument(fixture()));
  });

  afterAll(async () => {
    await api?.database.write((tx) =>
      tx.run('MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix DETACH DELETE n', {
        prefix: PREFIX,
      }),
    );
    await api?.stop();
  });

  it('answers the default number of a long list, in its order, and says how many there are', async () => {
    const { institution } = await data<Hub>(api, HUB_EVENTS, { id: HUB });
    expect(institution?.eventsCount).toBe(EVENTS);
    expect(institution?.events.map((e) => e.event.id)).toEqual(
      byDate.slice(0, NESTED_LISTS['Institution.events'].default),
    );
    const crowded = institution?.events[0]?.event;
    expect(crowded?.id).toBe(eventId(EVENTS - 1));
    expect(crowded?.participantsCount).toBe(CROWD);
    expect(crowded?.participants).toHaveLength(NESTED_LISTS['Event.participants'].default);
  });

  it('answers first items when asked, all of them up to the maximum, none for 0', async () => {
    const five = await data<Hub>(api, HUB_EVENTS, { id: HUB, first: 5 });
    expect(five.institution?.events.map((e) => e.event.id)).toEqual(byDate.slice(0, 5));
    expect(five.institution?.eventsCount).toBe(EVENTS);
    const all = await data<Hub>(api, HUB_EVENTS, { id: HUB, first: EVENTS });
    expect(all.institution?.events.map((e) => e.event.id)).toEqual(byDate);
    const none = await data<Hub>(api, HUB_EVENTS, { id: HUB, first: 0 });
    expect(none.institution).toEqual({ eventsCount: EVENTS, events: [] });
    const crowd = await data<{ event: { participants: { participant: { id: string } }[] } }>(
      api,
      `query ($id: ID!) { event(id: $id) { participants(first: ${CROWD}) { participant { id } } } }`,
      { id: eventId(EVENTS - 1) },
    );
    expect(crowd.event.participants.map((p) => p.participant.id).sort()).toEqual(
      [HUB, ...Array.from({ length: CROWD - 1 }, (_, j) => `${PREFIX}person-${j}`)].sort(),
    );
  });

  it('gives the same answer through a lookup (read ahead) and through a page of a list (read by the loaders)', async () => {
    const fragment = `fragment Hub on Institution {
      eventsCount events(first: 3) { event { name participantsCount participants(first: 2) { role } } } }`;
    const looked = await data<{ institution: unknown }>(
      api,
      `query ($id: ID!) { institution(id: $id) { ...Hub } } ${fragment}`,
      { id: HUB },
    );
    const listed = await data<{ institutions: { nodes: unknown[] } }>(
      api,
      `{ institutions(filter: { name: "Nested-list Hub" }) { nodes { ...Hub } } } ${fragment}`,
    );
    expect(listed.institutions.nodes).toEqual([looked.institution]);
  });

  it('cuts a filtered list after its filter, in its order, and counts what the filter keeps', async () => {
    const asOf = day(30);
    const held = heldOn(asOf);
    expect(held.length).toBeGreaterThan(3);
    expect(held.length).toBeLessThan(CROWD);
    const crowded = eventId(EVENTS - 1);
    const query = `query ($hub: ID!, $event: ID!, $asOf: Date) {
      institution(id: $hub) { peopleCount(asOf: $asOf) people(asOf: $asOf, first: 3) { title } allPeople: peopleCount }
      event(id: $event) { participantsCount(roles: [ATTENDEE]) participants(roles: [ATTENDEE], first: 3) { role }
        none: participants(first: 0) { role } hosts: participantsCount(roles: HOST) } }`;
    const answer = await data<{
      institution: { peopleCount: number; people: { title: string }[]; allPeople: number };
      event: { participantsCount: number; participants: { role: string }[]; none: unknown[]; hosts: number };
    }>(api, query, { hub: HUB, event: crowded, asOf });
    expect(answer.institution).toEqual({
      peopleCount: held.length,
      people: held.slice(0, 3).map((title) => ({ title })),
      allPeople: CROWD,
    });
    expect(answer.event).toEqual({
      participantsCount: CROWD - 1,
      participants: [{ role: 'ATTENDEE' }, { role: 'ATTENDEE' }, { role: 'ATTENDEE' }],
      none: [],
      hosts: 1,
    });
  });

  it('reads a lookup of the hub, its lists longer than their first, in one round trip and gives what the loaders give', async () => {
    const fragment = `fragment Detail on Institution {
      eventsCount events(first: 4) { role event { id participantsCount participants(first: 2) { role participant { id } } } }
      peopleCount(asOf: "${day(30)}") people(asOf: "${day(30)}", first: 2) { title person { name } }
      subUnitsCount }`;
    const before = api.database.queryCount;
    const looked = await data<{ institution: unknown }>(
      api,
      `query ($id: ID!) { institution(id: $id) { ...Detail } } ${fragment}`,
      { id: HUB },
    );
    expect(api.database.queryCount - before).toBe(1);
    const listed = await data<{ institutions: { nodes: unknown[] } }>(
      api,
      `{ institutions(filter: { name: "Nested-list Hub" }) { nodes { ...Detail } } } ${fragment}`,
    );
    expect(listed.institutions.nodes).toEqual([looked.institution]);
  });

  it('reads no more of a hub than first, through the look-ahead and through the loaders', async () => {
    const reads = new EntityRepository(api.database);
    const [page] = (await reads.read('involvements', [HUB], 5, {})).values();
    expect(page?.[1]).toBe(EVENTS);
    expect(page?.[0].map((row) => (row[3] as { id: string }).id)).toEqual(byDate.slice(0, 5));
    const [tree] = (
      await reads.trees(
        [HUB],
        [
          {
            read: 'involvements',
            first: 5,
            params: {},
            keys: { any: ['id'], institution: ['id'], place: ['id'] },
            relKeys: [],
            next: [],
          },
        ],
      )
    ).values();
    expect(tree?.related?.[0]?.[1]).toBe(EVENTS);
    expect(tree?.related?.[0]?.[0].map((row) => (row[3] as string[])[0])).toEqual(byDate.slice(0, 5));
  });

  it('refuses first above the maximum or below 0 with BAD_USER_INPUT naming the list', async () => {
    const max = NESTED_LISTS['Institution.events'].max;
    for (const first of [max + 1, -1]) {
      const response = await graphql<Hub>(
        api,
        `
          query ($id: ID!, $first: Int) {
            institution(id: $id) {
              events(first: $first) {
                role
              }
            }
          }
        `,
        { id: HUB, first },
      );
      expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', 'events.first'],
      ]);
      expect(response.errors?.[0]?.message).toContain(
        `events(first): must be from 0 to ${max}, got ${first}`,
      );
    }
  });

  it('refuses a query whose nested firsts multiply past the cost limit, before reading anything', async () => {
    const before = api.database.queryCount;
    const response = await graphql(
      api,
      `
        query ($id: ID!) {
          institution(id: $id) {
            events(first: 1000) {
              event {
                participants(first: 1000) {
                  participant {
                    ... on Person {
                      events(first: 1000) {
                        role
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { id: HUB },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.limit])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', 'complexity'],
    ]);
    expect(api.database.queryCount).toBe(before);
  });
});
