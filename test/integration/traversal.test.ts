import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-traversal:';

interface Hop {
  from: { id: string };
  to: { id: string };
  edge: {
    kind: string;
    from: string;
    to: string;
    role: string | null;
    title: string | null;
    sources: { url: string }[];
  };
  explanation: string;
}

describe('traversals for analysts', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    await data(
      api,
      `mutation ($input: CreateInstitutionInput!, $source: SourceInput!) { createInstitution(input: $input, source: $source) { outcome } }`,
      {
        input: { id: `${PREFIX}island`, kind: 'ENTERPRISE', name: 'Traversal Island Company' },
        source: { id: `${PREFIX}source`, publisher: 'test', title: 'traversal test' },
      },
    );
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('6. finds the shortest chain from Batulzii to Li Guofeng, each hop explained with its source', async () => {
    const result = await data<{
      shortestPath: { length: number; summary: string; nodes: { id: string }[]; hops: Hop[] };
    }>(
      api,
      `{
        shortestPath(from: "person:batulzii", to: "person:li-guofeng") {
          length summary nodes { id }
          hops { from { id } to { id } explanation edge { kind from to role title sources { url } } }
        }
      }`,
    );
    const path = result.shortestPath;
    expect(path.nodes[0]?.id).toBe('person:batulzii');
    expect(path.nodes[path.nodes.length - 1]?.id).toBe('person:li-guofeng');
    expect(path.length).toBe(path.hops.length);
    expect(path.length).toBe(4);
    path.hops.forEach((hop, i) => {
      expect(hop.from.id).toBe(path.nodes[i]?.id);
      expect(hop.to.id).toBe(path.nodes[i + 1]?.id);
      expect([hop.edge.from, hop.edge.to].sort()).toEqual([hop.from.id, hop.to.id].sort());
      expect(hop.explanation.length).toBeGreaterThan(10);
      expect(hop.edge.sources.length).toBeGreaterThan(0);
    });
    expect(path.hops[path.hops.length - 1]).toMatchObject({
      explanation: 'Li Guofeng is Director of China-Arab States Technology Transfer Center',
      edge: {
        kind: 'HOLDS_POSITION',
        title: 'Director',
        sources: [{ url: 'https://en.casttc.org/article/00001083.html'.replace('00001083', '00001525') }],
      },
    });
    expect(path.hops[0]?.explanation).toMatch(/^Batulzii took part in .+ \(2019-12-23\) as delegation lead$/);
    expect(path.summary).toMatch(/^Batulzii to Li Guofeng in 4 hops: Batulzii took part in /);
  });

  it('ranks several paths, shortest first, and answers null for an unreachable pair', async () => {
    const result = await data<{ paths: { length: number }[]; none: null; noneEither: unknown[] }>(
      api,
      `{
        paths(from: "person:batulzii", to: "person:li-guofeng", first: 3) { length }
        none: shortestPath(from: "person:batulzii", to: "${PREFIX}island") { length }
        noneEither: paths(from: "person:batulzii", to: "${PREFIX}island") { length }
      }`,
    );
    expect(result.paths.length).toBeGreaterThan(1);
    const lengths = result.paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(result.none).toBeNull();
    expect(result.noneEither).toEqual([]);
  });

  it('keeps a path to the relationship kinds asked for', async () => {
    const kinds = ['PARTICIPATED_IN', 'HOLDS_POSITION', 'PART_OF'];
    const result = await data<{ shortestPath: { hops: { edge: { kind: string } }[] } }>(
      api,
      `{ shortestPath(from: "person:batulzii", to: "person:li-guofeng", relationshipKinds: [PARTICIPATED_IN, HOLDS_POSITION, PART_OF]) { hops { edge { kind } } } }`,
    );
    expect(result.shortestPath.hops.length).toBeGreaterThan(0);
    for (const hop of result.shortestPath.hops) expect(kinds).toContain(hop.edge.kind);
    const none = await data<{ shortestPath: null }>(
      api,
      `{ shortestPath(from: "person:batulzii", to: "person:li-guofeng", relationshipKinds: [MANAGES]) { length } }`,
    );
    expect(none.shortestPath).toBeNull();
  });

  it('gives the depth-2 neighbourhood of the China-Mongolia Technology Transfer Center: the meeting and its participants', async () => {
    const result = await data<{
      neighborhood: {
        truncated: boolean;
        nodes: { id: string; __typename: string }[];
        edges: { kind: string; from: string; to: string; role: string | null }[];
      };
    }>(
      api,
      `{ neighborhood(id: "institution:china-mongolia-ttc", depth: 2) { truncated nodes { id __typename } edges { kind from to role } } }`,
    );
    const { nodes, edges, truncated } = result.neighborhood;
    const ids = nodes.map((n) => n.id);
    expect(truncated).toBe(false);
    expect(ids).toContain('event:2019-12-23-ningxia-mongolia-meeting');
    for (const participant of [
      'person:s-munkhbat',
      'person:batulzii',
      'person:chaoketu',
      'person:chen-fang',
      'institution:ningxia-st-department',
    ]) {
      expect(ids).toContain(participant);
      expect(edges).toContainEqual(
        expect.objectContaining({
          kind: 'PARTICIPATED_IN',
          from: participant,
          to: 'event:2019-12-23-ningxia-mongolia-meeting',
        }),
      );
    }
    for (const edge of edges) {
      expect(ids).toContain(edge.from);
      expect(ids).toContain(edge.to);
    }
  });

  it('shows each neighbourhood node as a lookup by id shows it, whatever fields are asked', async () => {
    const FIELDS = `id name __typename aliases sources { id } names { lang value }
      ... on Institution { institutionKind: kind acronym country { code } parent { id } }
      ... on Event { date eventKind: kind }
      ... on Person { positions { title } }`;
    const result = await data<{ neighborhood: { nodes: { id: string }[] } }>(
      api,
      `{ neighborhood(id: "institution:casttc", depth: 1, limit: 30) { nodes { ...F } } } fragment F on Entity { ${FIELDS} }`,
    );
    expect(result.neighborhood.nodes.length).toBeGreaterThan(3);
    for (const shown of result.neighborhood.nodes) {
      const looked = await data<{ node: unknown }>(
        api,
        `query ($id: ID!) { node(id: $id) { ...F } } fragment F on Entity { ${FIELDS} }`,
        { id: shown.id },
      );
      expect(shown).toEqual(looked.node);
    }
  });

  it('shows each neighbourhood edge with what its relationship states: titles, dates, roles, sources', async () => {
    interface Edge {
      from: string;
      to: string;
      kind: string;
      title?: string;
      since?: string;
      until?: string;
      role?: string;
      sources: { id: string }[];
    }
    const { neighborhood, person } = await data<{
      neighborhood: { edges: Edge[] };
      person: {
        positions: {
          title: string;
          since?: string;
          until?: string;
          institution: { id: string };
          sources: { id: string }[];
        }[];
        events: { role: string; event: { id: string }; sources: { id: string }[] }[];
      };
    }>(
      api,
      `{ neighborhood(id: "person:chen-fang", limit: 50) { edges { from to kind title since until role sources { id } } }
         person(id: "person:chen-fang") {
           positions { title since until institution { id } sources { id } }
           events { role event { id } sources { id } } } }`,
    );
    const shown = (edges: Edge[], kind: string) =>
      edges
        .filter((e) => e.kind === kind)
        .map((e) =>
          JSON.stringify([
            e.to,
            e.title ?? e.role,
            e.since ?? null,
            e.until ?? null,
            e.sources.map((s) => s.id).sort(),
          ]),
        )
        .sort();
    expect(shown(neighborhood.edges, 'HOLDS_POSITION')).toEqual(
      person.positions
        .map((p) =>
          JSON.stringify([
            p.institution.id,
            p.title,
            p.since ?? null,
            p.until ?? null,
            p.sources.map((s) => s.id).sort(),
          ]),
        )
        .sort(),
    );
    expect(shown(neighborhood.edges, 'PARTICIPATED_IN')).toEqual(
      person.events
        .filter((e) => e.role !== 'SITE')
        .map((e) => JSON.stringify([e.event.id, e.role, null, null, e.sources.map((s) => s.id).sort()]))
        .sort(),
    );
    expect(person.positions.length).toBeGreaterThan(0);
  });

  it('filters a neighbourhood by kinds and dates, and says when its limit cut it', async () => {
    const result = await data<{
      people: { nodes: { __typename: string }[] };
      before2020: { nodes: { id: string }[] };
      small: { truncated: boolean; nodes: unknown[] };
    }>(
      api,
      `{
        people: neighborhood(id: "institution:ningxia-st-department", depth: 2, entityKinds: [PERSON], relationshipKinds: [HOLDS_POSITION]) { nodes { __typename } }
        before2020: neighborhood(id: "person:chen-fang", to: "2019-12-31") { nodes { id } }
        small: neighborhood(id: "institution:ningxia-st-department", depth: 2, limit: 3) { truncated nodes { id } }
      }`,
    );
    expect(result.people.nodes.map((n) => n.__typename)).toEqual(['GovernmentDepartment', 'Person']);
    const before = result.before2020.nodes.map((n) => n.id);
    expect(before).toContain('event:2019-12-23-ningxia-mongolia-meeting');
    expect(before).not.toContain('event:2020-08-10-beautiful-doha-signing');
    expect(result.small).toMatchObject({ truncated: true });
    expect(result.small.nodes).toHaveLength(3);
  });

  describe('a neighbourhood by hand: each node once, nearest first, edges between kept nodes only', () => {
    /**
     * A person holding two positions at Z1 and one at Z2; Z1 took part in meetings D, C, B, A (created in that
     * order), Z2 in A alone. The meetings' names sort before the ministries': "nearest" must mean the level
     * first, the name within it. Two more people hold 40 and 39 positions at one office: at a limit of 2 nodes a
     * level reads at most 40 relationships, and reaching that cap cuts the answer short.
     */
    const GRAPH = `
      CREATE (s:Entity:Person {id: $p + 'nb-start', name: 'Nbhd Start', aliases: [], sourceIds: []})
      CREATE (z1:Entity:Institution:Ministry {id: $p + 'nb-z1', name: 'Nbhd Z1 Ministry', kind: 'MINISTRY', aliases: [], sourceIds: []})
      CREATE (z2:Entity:Institution:Ministry {id: $p + 'nb-z2', name: 'Nbhd Z2 Ministry', kind: 'MINISTRY', aliases: [], sourceIds: []})
      CREATE (s)-[:HOLDS_POSITION {key: 'Adviser', title: 'Adviser', sourceIds: []}]->(z1)
      CREATE (s)-[:HOLDS_POSITION {key: 'Director', title: 'Director', sourceIds: []}]->(z1)
      CREATE (s)-[:HOLDS_POSITION {key: 'Adviser', title: 'Adviser', sourceIds: []}]->(z2)
      FOREACH (m IN ['D', 'C', 'B', 'A'] |
        CREATE (z1)-[:PARTICIPATED_IN {key: '', role: 'ATTENDEE', sourceIds: []}]->
               (:Entity:Event:Meeting {id: $p + 'nb-meeting-' + m, name: 'Nbhd Meeting ' + m, kind: 'MEETING',
                                       aliases: [], sourceIds: [], date: date('2020-01-01')}))
      WITH z2
      MATCH (a:Entity {id: $p + 'nb-meeting-A'})
      CREATE (z2)-[:PARTICIPATED_IN {key: '', role: 'ATTENDEE', sourceIds: []}]->(a)
      CREATE (office:Entity:Institution:Ministry {id: $p + 'nb-office', name: 'Nbhd Office', kind: 'MINISTRY', aliases: [], sourceIds: []})
      FOREACH (posts IN [41, 40] |
        CREATE (busy:Entity:Person {id: $p + 'nb-busy-' + posts, name: 'Nbhd Busy', aliases: [], sourceIds: []})
        FOREACH (i IN range(1, posts) |
          CREATE (busy)-[:HOLDS_POSITION {key: 'Post ' + i, title: 'Post ' + i, sourceIds: []}]->(office)))`;
    interface Subgraph {
      truncated: boolean;
      nodes: { id: string }[];
      edges: { from: string; to: string; title: string | null }[];
    }
    const around = async (id: string, depth: number, limit: number | null) => {
      const { neighborhood } = await data<{ neighborhood: Subgraph }>(
        api,
        `query ($id: ID!, $depth: Int, $limit: Int) {
          neighborhood(id: $id, depth: $depth, limit: $limit, relationshipKinds: [HOLDS_POSITION, PARTICIPATED_IN]) {
            truncated nodes { id } edges { from to title } } }`,
        { id: `${PREFIX}nb-${id}`, depth, limit },
      );
      const short = (x: string) => x.slice(`${PREFIX}nb-`.length);
      return {
        truncated: neighborhood.truncated,
        nodes: neighborhood.nodes.map((n) => short(n.id)),
        edges: neighborhood.edges
          .map((e) => `${short(e.from)}>${short(e.to)}${e.title ? ` ${e.title}` : ''}`)
          .sort(),
      };
    };

    beforeAll(async () => {
      await api.database.write((tx) => tx.run(GRAPH, { p: PREFIX }));
    });

    it('gives a node reached by two relationships once, with both edges', async () => {
      expect(await around('start', 2, null)).toEqual({
        truncated: false,
        nodes: ['start', 'z1', 'z2', 'meeting-A', 'meeting-B', 'meeting-C', 'meeting-D'],
        edges: [
          'start>z1 Adviser',
          'start>z1 Director',
          'start>z2 Adviser',
          'z1>meeting-A',
          'z1>meeting-B',
          'z1>meeting-C',
          'z1>meeting-D',
          'z2>meeting-A',
        ],
      });
    });

    it('keeps the nearest nodes when the limit cuts, by level then name, and the edges between them only', async () => {
      expect(await around('start', 2, 5)).toEqual({
        truncated: true,
        nodes: ['start', 'z1', 'z2', 'meeting-A', 'meeting-B'],
        edges: [
          'start>z1 Adviser',
          'start>z1 Director',
          'start>z2 Adviser',
          'z1>meeting-A',
          'z1>meeting-B',
          'z2>meeting-A',
        ],
      });
      expect(await around('start', 2, 2)).toEqual({
        truncated: true,
        nodes: ['start', 'z1'],
        edges: ['start>z1 Adviser', 'start>z1 Director'],
      });
    });

    it('says a level with more relationships than its cap was cut short, and one with just its cap was not', async () => {
      const posts = (n: number) =>
        Array.from({ length: n }, (_, i) => `busy-${n}>office Post ${i + 1}`).sort();
      // The cap at limit 2 is 40 relationships a level: of 41 equally near, any 40 are kept.
      const over = await around('busy-41', 1, 2);
      expect(over).toMatchObject({ truncated: true, nodes: ['busy-41', 'office'] });
      expect(over.edges).toHaveLength(40);
      expect(posts(41)).toEqual(expect.arrayContaining(over.edges));
      expect(await around('busy-40', 1, 2)).toEqual({
        truncated: false,
        nodes: ['busy-40', 'office'],
        edges: posts(40),
      });
    });
  });

  it('7. gives the timeline of the Ningxia department across documents, in date order', async () => {
    const result = await data<{
      own: { date: string; role: string; event: { id: string } }[];
      wide: { date: string; role: string; event: { id: string }; via: { id: string } }[];
    }>(
      api,
      `{
        own: timeline(id: "institution:ningxia-st-department") { date role event { id } }
        wide: timeline(id: "institution:ningxia-st-department", includeSubUnits: true, includePeople: true) { date role event { id } via { id } }
      }`,
    );
    expect(result.own.map((e) => [e.date, e.event.id, e.role])).toEqual([
      ['2019-12-23', 'event:2019-12-23-ningxia-mongolia-meeting', 'HOST'],
      ['2019-12-23', 'event:2019-12-23-ningxia-mongolia-meeting', 'PARTY'],
      ['2019-12-23', 'event:2019-12-23-mongolian-delegation-visits-ningxia', 'HOST'],
    ]);
    const dates = result.wide.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(result.wide.map((e) => [e.event.id, e.role, e.via.id])).toEqual(
      expect.arrayContaining([
        [
          'event:2019-12-23-ningxia-mongolia-meeting',
          'ATTENDEE',
          'institution:ningxia-st-cooperation-division',
        ],
        ['event:2020-08-10-beautiful-doha-signing', 'ATTENDEE', 'person:chen-fang'],
        ['event:2022-08-19-4th-china-arab-technology-transfer-conference', 'PARTY', 'institution:casttc'],
      ]),
    );
    const ranged = await data<{ timeline: { date: string }[] }>(
      api,
      `{ timeline(id: "institution:ningxia-st-department", includeSubUnits: true, includePeople: true, from: "2020-01-01", to: "2021-12-31") { date } }`,
    );
    expect(ranged.timeline.map((e) => e.date)).toEqual(['2020-08-10']);
  });

  it('pages a timeline: the same entries as the whole list, a page at a time, with their count', async () => {
    const args = 'id: "institution:ningxia-st-department", includeSubUnits: true, includePeople: true';
    const whole = await data<{
      timeline: { date: string; role: string; event: { id: string }; via: { id: string } }[];
    }>(api, `{ timeline(${args}) { date role event { id } via { id } } }`);
    expect(whole.timeline.length).toBeGreaterThan(3);
    type Page = {
      timelinePage: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { date: string; role: string; event: { id: string }; via: { id: string } }[];
      };
    };
    const pages: Page['timelinePage'][] = [];
    let after: string | null = null;
    do {
      const { timelinePage }: Page = await data<Page>(
        api,
        `query ($after: String) { timelinePage(${args}, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { date role event { id } via { id } } } }`,
        { after },
      );
      pages.push(timelinePage);
      after = timelinePage.pageInfo.hasNextPage ? timelinePage.pageInfo.endCursor : null;
    } while (after !== null && pages.length < 50);
    expect(pages.every((page) => page.totalCount === whole.timeline.length)).toBe(true);
    expect(pages.every((page) => page.nodes.length <= 2)).toBe(true);
    expect(pages.flatMap((page) => page.nodes)).toEqual(whole.timeline);
    const empty = await data<Page>(
      api,
      `{ timelinePage(id: "${PREFIX}island") { totalCount pageInfo { hasNextPage } nodes { date } } }`,
    );
    expect(empty.timelinePage).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false }, nodes: [] });
  });

  it('finds the common connections of two people', async () => {
    const result = await data<{
      commonConnections: { node: { id: string }; viaA: { role: string }[]; viaB: { role: string }[] }[];
    }>(
      api,
      `{ commonConnections(a: "person:s-munkhbat", b: "person:chen-fang") { node { id } viaA { role } viaB { role } } }`,
    );
    expect(result.commonConnections).toEqual([
      {
        node: { id: 'event:2019-12-23-ningxia-mongolia-meeting' },
        viaA: [{ role: 'DELEGATION_LEAD' }],
        viaB: [{ role: 'HOST' }],
      },
    ]);
  });

  it.each([
    [`{ neighborhood(id: "person:batulzii", depth: 99) { truncated } }`, 'depth'],
    [
      `{ shortestPath(from: "person:batulzii", to: "person:li-guofeng", maxDepth: 13) { length } }`,
      'maxDepth',
    ],
    [`{ paths(from: "person:batulzii", to: "person:li-guofeng", first: 1000) { length } }`, 'first'],
    [`{ neighborhood(id: "person:batulzii", limit: 1000) { truncated } }`, 'limit'],
    [`{ timeline(id: "person:batulzii", from: "2020-01-01", to: "2019-01-01") { date } }`, 'from'],
    [`{ timelinePage(id: "person:batulzii", first: 101) { totalCount } }`, 'first'],
    [`{ timelinePage(id: "person:batulzii", after: "not-a-cursor") { totalCount } }`, 'after'],
  ])('rejects %s with BAD_USER_INPUT naming %s', async (query, field) => {
    const response = await graphql(api, query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const response = await graphql(
      api,
      `
        {
          shortestPath(from: "person:batulzii", to: "person:nobody") {
            length
          }
        }
      `,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'to' });
    const timeline = await graphql(
      api,
      `
        {
          timelinePage(id: "person:nobody") {
            totalCount
          }
        }
      `,
    );
    expect(timeline.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});
