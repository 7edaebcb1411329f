import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const P = 'test-summary:';
const HUB = `${P}hub`;

/**
 * A hub by hand: 30 events it took part in (2016-2023; it hosted one and led the delegation at another), 12
 * people holding positions there (one of them two), 3 sub-units, a parent and a city. Event 5 also has five of
 * the people as participants, so it is the best connected neighbour.
 */
const HUB_GRAPH = `
  CREATE (hub:Entity:Institution:Ministry {id: $p + 'hub', name: 'Summary Hub Ministry', kind: 'MINISTRY', aliases: [], sourceIds: []})
  CREATE (parent:Entity:Institution:Government {id: $p + 'parent', name: 'Summary Government', kind: 'GOVERNMENT', aliases: [], sourceIds: []})
  CREATE (city:Entity:Place:City {id: $p + 'city', name: 'Summary City', kind: 'CITY', aliases: [], sourceIds: []})
  CREATE (hub)-[:PART_OF {key: '', sourceIds: []}]->(parent)
  CREATE (hub)-[:LOCATED_IN {key: '', sourceIds: []}]->(city)
  FOREACH (i IN range(0, 2) |
    CREATE (:Entity:Institution:GovernmentDepartment {id: $p + 'unit-' + i, name: 'Summary Unit ' + i, kind: 'GOVERNMENT_DEPARTMENT', aliases: [], sourceIds: []})
           -[:PART_OF {key: '', sourceIds: []}]->(hub))
  FOREACH (j IN range(0, 11) |
    CREATE (:Entity:Person {id: $p + 'person-' + j, name: 'Summary Person ' + j, aliases: [], sourceIds: []})
           -[:HOLDS_POSITION {key: 'Director', title: 'Director', since: date({year: 2010 + j, month: 1, day: 1}), sourceIds: []}]->(hub))
  FOREACH (i IN range(0, 29) |
    CREATE (hub)-[:PARTICIPATED_IN {key: '', sourceIds: [],
                   role: CASE i WHEN 7 THEN 'HOST' WHEN 3 THEN 'DELEGATION_LEAD' ELSE 'ATTENDEE' END}]->
           (:Entity:Event:Meeting {id: $p + 'event-' + i, name: 'Summary Meeting ' + i, kind: 'MEETING', aliases: [], sourceIds: [],
                                   date: date({year: 2016 + i % 8, month: i % 12 + 1, day: 10})}))
  WITH hub
  MATCH (p0:Person {id: $p + 'person-0'})
  CREATE (p0)-[:HOLDS_POSITION {key: 'Adviser', title: 'Adviser', since: date('2009-01-01'), sourceIds: []}]->(hub)
  WITH hub
  MATCH (e5:Event {id: $p + 'event-5'}), (person:Person) WHERE person.id IN [x IN range(0, 4) | $p + 'person-' + x]
  CREATE (person)-[:PARTICIPATED_IN {key: '', role: 'ATTENDEE', sourceIds: []}]->(e5)`;

interface Member {
  node: { id: string; __typename: string };
  edge: { kind: string; from: string; to: string; role: string | null; title: string | null };
  links: number;
  degree: number;
  date: string | null;
}
interface Group {
  id: string;
  kind: string;
  relationship: string;
  direction: string;
  count: number;
  from: string | null;
  to: string | null;
  members: Member[];
}
interface Summary {
  neighbourhoodSummary: { entity: { id: string }; total: number; grouped: boolean; groups: Group[] };
}
interface GroupPage {
  neighbourhoodGroupPage: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Member[];
  };
}

const MEMBER = 'node { id __typename } edge { kind from to role title } links degree date';
const SUMMARY = `query ($id: ID!, $threshold: Int, $perGroup: Int, $order: NeighbourOrder, $kinds: [RelationshipKind!], $from: Date, $to: Date) {
  neighbourhoodSummary(id: $id, groupThreshold: $threshold, perGroup: $perGroup, order: $order, relationshipKinds: $kinds, from: $from, to: $to) {
    entity { id } total grouped
    groups { id kind relationship direction count from to members { ${MEMBER} } }
  }
}`;
const PAGE = `query ($id: ID!, $kind: EntityKind!, $rel: RelationshipKind!, $direction: RelationshipDirection, $order: NeighbourOrder, $first: Int, $after: String) {
  neighbourhoodGroupPage(id: $id, kind: $kind, relationship: $rel, direction: $direction, order: $order, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${MEMBER} }
  }
}`;

const ids = (members: Member[]): string[] => members.map((m) => m.node.id.slice(P.length));

describe('neighbourhood summaries: a hub in groups, and its groups page by page', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // This machine is shared and busy: a first request's planning alone can take seconds.
    api = await startTestApi({ REQUEST_TIMEOUT_MS: '15000' });
    await removeByPrefix(api.database, P);
    await api.database.write((tx) => tx.run(HUB_GRAPH, { p: P }));
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, P);
    await api?.stop();
  });

  it('groups a hub above the threshold by kind, relationship and direction, counted, dated and ranked, in one query', async () => {
    const before = api.database.queryCount;
    const { neighbourhoodSummary: summary } = await data<Summary>(api, SUMMARY, {
      id: HUB,
      threshold: 10,
      perGroup: 3,
    });
    expect(api.database.queryCount - before).toBe(1);
    expect(summary).toMatchObject({ entity: { id: HUB }, total: 47, grouped: true });
    expect(
      summary.groups.map((g) => [
        g.kind,
        g.relationship,
        g.direction,
        g.count,
        g.from,
        g.to,
        g.members.length,
      ]),
    ).toEqual([
      ['EVENT', 'PARTICIPATED_IN', 'OUTGOING', 30, '2016-01-10', '2023-12-10', 3],
      ['PERSON', 'HOLDS_POSITION', 'INCOMING', 12, '2009-01-01', '2021-01-01', 3],
      ['INSTITUTION', 'PART_OF', 'INCOMING', 3, null, null, 3],
      ['INSTITUTION', 'PART_OF', 'OUTGOING', 1, null, null, 1],
      ['PLACE', 'LOCATED_IN', 'OUTGOING', 1, null, null, 1],
    ]);
    const [events, people] = summary.groups as [Group, Group];
    expect(events.id).toBe(`${HUB}|Event|PARTICIPATED_IN|OUTGOING`);
    // Relevance: the event it hosted and the one it led (the later first), then the most recent.
    expect(ids(events.members)).toEqual(['event-7', 'event-3', 'event-23']);
    expect(events.members[0]).toMatchObject({
      edge: { kind: 'PARTICIPATED_IN', from: HUB, to: `${P}event-7`, role: 'HOST' },
      links: 1,
      degree: 1,
      date: '2023-08-10',
    });
    expect(ids(people.members)).toEqual(['person-11', 'person-10', 'person-9']);
    expect(people.members[0]?.edge).toMatchObject({ from: `${P}person-11`, to: HUB, title: 'Director' });
  });

  it('ranks by degree, recency or name when asked, and lists every member at or below the threshold', async () => {
    const byDegree = await data<Summary>(api, SUMMARY, {
      id: HUB,
      threshold: 10,
      perGroup: 2,
      order: 'DEGREE',
    });
    const events = byDegree.neighbourhoodSummary.groups[0] as Group;
    expect(events.members[0]).toMatchObject({ node: { id: `${P}event-5` }, degree: 6 });
    const people = byDegree.neighbourhoodSummary.groups[1] as Group;
    // Person 0 holds two positions there: one member, two links, and the first six of its degree.
    const byName = await data<Summary>(api, SUMMARY, { id: HUB, threshold: 10, perGroup: 2, order: 'NAME' });
    expect(ids((byName.neighbourhoodSummary.groups[1] as Group).members)).toEqual(['person-0', 'person-1']);
    expect((byName.neighbourhoodSummary.groups[1] as Group).members[0]).toMatchObject({
      links: 2,
      degree: 3,
    });
    expect(people.members.map((m) => m.degree)).toEqual([3, 2]);

    const all = await data<Summary>(api, SUMMARY, { id: HUB, threshold: 47 });
    expect(all.neighbourhoodSummary.grouped).toBe(false);
    expect(all.neighbourhoodSummary.groups.map((g) => g.members.length)).toEqual([30, 12, 3, 1, 1]);
    expect(new Set(all.neighbourhoodSummary.groups.flatMap((g) => ids(g.members))).size).toBe(47);
  });

  it('keeps to the relationship kinds and dates asked for', async () => {
    const filtered = await data<Summary>(api, SUMMARY, {
      id: HUB,
      kinds: ['PARTICIPATED_IN', 'LOCATED_IN'],
      from: '2022-01-01',
      to: '2022-12-31',
    });
    expect(filtered.neighbourhoodSummary.total).toBe(4);
    expect(filtered.neighbourhoodSummary.grouped).toBe(false);
    expect(filtered.neighbourhoodSummary.groups.map((g) => [g.kind, g.count, g.from, g.to])).toEqual([
      ['EVENT', 3, '2022-03-10', '2022-11-10'],
      ['PLACE', 1, null, null],
    ]);
  });

  it('pages through a group in the summary’s order, each page one query, every member once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: number[] = [];
    for (;;) {
      const before = api.database.queryCount;
      const { neighbourhoodGroupPage: page }: GroupPage = await data<GroupPage>(api, PAGE, {
        id: HUB,
        kind: 'EVENT',
        rel: 'PARTICIPATED_IN',
        direction: 'OUTGOING',
        first: 12,
        after,
      });
      expect(api.database.queryCount - before).toBe(1);
      expect(page.totalCount).toBe(30);
      pages.push(page.nodes.length);
      seen.push(...ids(page.nodes));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([12, 12, 6]);
    expect(seen.slice(0, 3)).toEqual(['event-7', 'event-3', 'event-23']);
    expect(new Set(seen).size).toBe(30);

    const parent = await data<GroupPage>(api, PAGE, {
      id: HUB,
      kind: 'INSTITUTION',
      rel: 'PART_OF',
      direction: 'OUTGOING',
    });
    expect(ids(parent.neighbourhoodGroupPage.nodes)).toEqual(['parent']);
  });

  it.each([
    ['groupThreshold', SUMMARY, { id: HUB, threshold: 101 }, 'BAD_USER_INPUT'],
    ['perGroup', SUMMARY, { id: HUB, perGroup: -1 }, 'BAD_USER_INPUT'],
    ['from', SUMMARY, { id: HUB, from: '2020-01-01', to: '2019-01-01' }, 'BAD_USER_INPUT'],
    ['id', SUMMARY, { id: `${P}nobody` }, 'NOT_FOUND'],
    [
      'after',
      PAGE,
      { id: HUB, kind: 'EVENT', rel: 'PARTICIPATED_IN', after: 'not-a-cursor' },
      'BAD_USER_INPUT',
    ],
    ['first', PAGE, { id: HUB, kind: 'EVENT', rel: 'PARTICIPATED_IN', first: 1000 }, 'BAD_USER_INPUT'],
    ['id', PAGE, { id: `${P}nobody`, kind: 'EVENT', rel: 'PARTICIPATED_IN' }, 'NOT_FOUND'],
  ])('answers bad %s with a typed error', async (field, query, variables, code) => {
    const response = await graphql(api, query, variables);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  });
});
