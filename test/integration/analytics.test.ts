import { DatabaseProvider } from '../../src/db/database.provider';
import { AnalyticsService } from '../../src/modules/analytics/analytics.service';
import { CentralityMeasure } from '../../src/modules/analytics/analytics.type';
import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-analytics:';
const id = (name: string) => `${PREFIX}${name}`;
/** Two user-assigned ISO codes, so that each hand-built graph is a scope of its own. */
const CLIQUES = 'XA';
const STAR = 'XB';

/**
 * Two cliques of four institutions (each clique met at one event) joined by a bridge that met one member of each,
 * in country XA; and in XB a star: a centre that met each of six leaves at an event of its own.
 */
const GRAPH = `
  CREATE (xa:Entity:Place:Country {id: $p + 'xa', code: 'XA', name: 'Test Cliques', aliases: []})
  CREATE (xb:Entity:Place:Country {id: $p + 'xb', code: 'XB', name: 'Test Star', aliases: []})
  WITH xa, xb
  UNWIND ['k1','k2','k3','k4','l1','l2','l3','l4','bridge'] AS name
  CREATE (i:Entity:Institution:Enterprise {id: $p + name, name: 'Clique ' + name, aliases: []})-[:LOCATED_IN]->(xa)
  WITH xa, xb, collect(i) AS _
  CREATE (ek:Entity:Event:Meeting {id: $p + 'ek', name: 'K meeting', date: date('2020-01-01'), aliases: []})
  CREATE (el:Entity:Event:Meeting {id: $p + 'el', name: 'L meeting', date: date('2020-02-01'), aliases: []})
  CREATE (ebk:Entity:Event:Meeting {id: $p + 'ebk', name: 'Bridge meets K1', date: date('2021-01-01'), aliases: []})
  CREATE (ebl:Entity:Event:Meeting {id: $p + 'ebl', name: 'Bridge meets L1', date: date('2021-02-01'), aliases: []})
  WITH xb, ek, el, ebk, ebl
  MATCH (i:Institution) WHERE i.id IN [$p + 'k1', $p + 'k2', $p + 'k3', $p + 'k4'] CREATE (i)-[:PARTICIPATED_IN {role: 'ATTENDEE'}]->(ek)
  WITH DISTINCT xb, el, ebk, ebl
  MATCH (i:Institution) WHERE i.id IN [$p + 'l1', $p + 'l2', $p + 'l3', $p + 'l4'] CREATE (i)-[:PARTICIPATED_IN {role: 'ATTENDEE'}]->(el)
  WITH DISTINCT xb, ebk, ebl
  MATCH (i:Institution) WHERE i.id IN [$p + 'k1', $p + 'bridge'] CREATE (i)-[:PARTICIPATED_IN {role: 'ATTENDEE', sourceIds: [$p + 'doc-k']}]->(ebk)
  WITH DISTINCT xb, ebl
  MATCH (i:Institution) WHERE i.id IN [$p + 'l1', $p + 'bridge'] CREATE (i)-[:PARTICIPATED_IN {role: 'ATTENDEE', sourceIds: [$p + 'doc-l']}]->(ebl)
  WITH DISTINCT xb
  CREATE (:Source {id: $p + 'doc-k', url: 'https://example.org/bridge-meets-k1', publisher: 'test', title: 'Bridge meets K1'})
  CREATE (:Source {id: $p + 'doc-l', url: 'https://example.org/bridge-meets-l1', publisher: 'test', title: 'Bridge meets L1'})
  CREATE (c:Entity:Institution:University {id: $p + 'centre', name: 'Star Centre', aliases: []})-[:LOCATED_IN]->(xb)
  WITH xb, c
  UNWIND range(1, 6) AS n
  CREATE (leaf:Entity:Institution:Enterprise {id: $p + 'leaf' + n, name: 'Star Leaf ' + n, aliases: []})-[:LOCATED_IN]->(xb)
  CREATE (e:Entity:Event:Visit {id: $p + 'visit' + n, name: 'Visit ' + n, date: date('2022-01-01'), aliases: []})
  CREATE (c)-[:PARTICIPATED_IN {role: 'HOST'}]->(e)
  CREATE (leaf)-[:PARTICIPATED_IN {role: 'DELEGATION_LEAD'}]->(e)`;

interface Ranked {
  centrality: { engine: string; nodeCount: number; ranked: { node: { id: string }; score: number }[] };
}

const CENTRALITY = `query ($measure: CentralityMeasure!, $scope: AnalyticsScope, $first: Int) {
  centrality(measure: $measure, scope: $scope, first: $first) { engine measure nodeCount ranked { node { id } score } }
}`;

describe('analytics with Graph Data Science', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // Each answer is a projection and an algorithm: on a busy test machine it takes more than a lookup's 5 s.
    api = await startTestApi({ REQUEST_TIMEOUT_MS: '60000', NEO4J_TRANSACTION_TIMEOUT_MS: '60000' });
    await removeByPrefix(api.database, PREFIX);
    await api.database.write((tx) => tx.run(GRAPH, { p: PREFIX }));
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('ranks the centre of a star first by PageRank and by degree, with its degree as the score', async () => {
    const scope = { countries: [STAR] };
    const pagerank = await data<Ranked>(api, CENTRALITY, { measure: 'PAGERANK', scope, first: 3 });
    expect(pagerank.centrality.engine).toBe('GDS');
    expect(pagerank.centrality.nodeCount).toBe(7);
    expect(pagerank.centrality.ranked[0]?.node.id).toBe(id('centre'));
    expect(pagerank.centrality.ranked[0]?.score).toBeGreaterThan(
      pagerank.centrality.ranked[1]?.score ?? Infinity,
    );
    const degree = await data<Ranked>(api, CENTRALITY, { measure: 'DEGREE', scope, first: 2 });
    expect(degree.centrality.ranked.map((r) => [r.node.id, r.score])).toEqual([
      [id('centre'), 6],
      [id('leaf1'), 1],
    ]);
  });

  it('ranks the bridge between two cliques first by betweenness', async () => {
    const result = await data<Ranked>(api, CENTRALITY, {
      measure: 'BETWEENNESS',
      scope: { countries: [CLIQUES] },
      first: 3,
    });
    expect(result.centrality.nodeCount).toBe(9);
    expect(result.centrality.ranked.map((r) => r.node.id)).toEqual([id('bridge'), id('k1'), id('l1')]);
  });

  it('a date range leaves out the bridge’s meetings: the bridge is no longer in the projection', async () => {
    const result = await data<Ranked>(api, CENTRALITY, {
      measure: 'DEGREE',
      scope: { countries: [CLIQUES], to: '2020-12-31' },
      first: 20,
    });
    expect(result.centrality.nodeCount).toBe(8);
    expect(result.centrality.ranked.map((r) => r.node.id)).not.toContain(id('bridge'));
  });

  it('finds the two cliques as two communities, each held together by its meeting', async () => {
    const result = await data<{
      communities: {
        engine: string;
        count: number;
        communities: {
          size: number;
          members: { id: string }[];
          ties: { node: { id: string }; members: number }[];
        }[];
      };
    }>(
      api,
      `{ communities(scope: { countries: ["${CLIQUES}"] }) {
          engine count communities { size members { id } ties { node { id } members } } } }`,
    );
    const { communities } = result.communities;
    expect(result.communities.count).toBe(2);
    const groupOf = (member: string) =>
      communities.findIndex((c) => c.members.some((m) => m.id === id(member)));
    expect(new Set(['k1', 'k2', 'k3', 'k4'].map(groupOf)).size).toBe(1);
    expect(new Set(['l1', 'l2', 'l3', 'l4'].map(groupOf)).size).toBe(1);
    expect(groupOf('k1')).not.toBe(groupOf('l1'));
    expect(communities[groupOf('k1')]?.ties[0]).toEqual({ node: { id: id('ek') }, members: 4 });
    expect(communities[groupOf('l1')]?.ties[0]).toEqual({ node: { id: id('el') }, members: 4 });
  });

  it('names the bridge as the broker between the two cliques, with the paths through it', async () => {
    const result = await data<{
      brokers: {
        engine: string;
        pathCount: number;
        brokers: { node: { id: string }; paths: number; share: number; examples: { id: string }[][] }[];
      };
    }>(
      api,
      `query ($a: [ID!], $b: [ID!]) { brokers(a: { ids: $a }, b: { ids: $b }) {
          engine pathCount brokers { node { id } paths share examples { id } } } }`,
      { a: ['k1', 'k2', 'k3', 'k4'].map(id), b: ['l1', 'l2', 'l3', 'l4'].map(id) },
    );
    const top = result.brokers.brokers[0];
    expect(result.brokers.pathCount).toBe(16);
    expect(top?.node.id).toBe(id('bridge'));
    expect(top?.paths).toBe(16);
    expect(top?.share).toBe(1);
    const example = top?.examples[0]?.map((n) => n.id) ?? [];
    expect(example).toContain(id('bridge'));
    expect(example[0]).toMatch(/test-analytics:k/);
    expect(example[example.length - 1]).toMatch(/test-analytics:l/);
  });

  it('gives each hop of a broker’s path what joins its ends and the documents that say so', async () => {
    interface Hop {
      from: { id: string };
      to: { id: string };
      links: {
        via: { id: string } | null;
        edges: { from: string; to: string; sources: { url: string }[] }[];
      }[];
    }
    const result = await data<{
      brokers: { brokers: { node: { id: string }; routes: { nodes: { id: string }[]; hops: Hop[] }[] }[] };
    }>(
      api,
      `query ($a: [ID!], $b: [ID!]) { brokers(a: { ids: $a }, b: { ids: $b }, first: 1) { brokers { node { id }
          routes { nodes { id } hops { from { id } to { id } links { via { id } edges { from to sources { url } } } } } } } }`,
      { a: [id('k2')], b: [id('l3')] },
    );
    const route = result.brokers.brokers[0]?.routes[0];
    expect(route?.nodes.map((n) => n.id)).toEqual(['k2', 'k1', 'bridge', 'l1', 'l3'].map((name) => id(name)));
    expect(route?.hops.map((hop) => [hop.from.id, hop.to.id, hop.links.map((l) => l.via?.id)])).toEqual([
      [id('k2'), id('k1'), [id('ek')]],
      [id('k1'), id('bridge'), [id('ebk')]],
      [id('bridge'), id('l1'), [id('ebl')]],
      [id('l1'), id('l3'), [id('el')]],
    ]);
    const toBridge = route?.hops[1]?.links[0]?.edges ?? [];
    expect(toBridge.map((edge) => [edge.from, edge.to]).sort()).toEqual([
      [id('bridge'), id('ebk')],
      [id('k1'), id('ebk')],
    ]);
    for (const edge of toBridge)
      expect(edge.sources).toEqual([{ url: 'https://example.org/bridge-meets-k1' }]);
    expect(route?.hops[2]?.links[0]?.edges[0]?.sources).toEqual([
      { url: 'https://example.org/bridge-meets-l1' },
    ]);
  });

  it('finds the institutions most alike by the events they share, with those events', async () => {
    const result = await data<{
      similar: {
        engine: string;
        similar: { node: { id: string }; score: number; shared: { id: string }[] }[];
      };
    }>(
      api,
      `{ similar(id: "${id('k2')}", first: 3) { engine similar { node { id } score shared { id } } } }`,
    );
    expect(result.similar.engine).toBe('CYPHER');
    expect(result.similar.similar.map((s) => [s.node.id, s.score])).toEqual([
      [id('k3'), 1],
      [id('k4'), 1],
      [id('k1'), 0.5],
    ]);
    expect(result.similar.similar[0]?.shared).toEqual([{ id: id('ek') }]);
  });

  it('a write changes the answer: cached results are tied to the state of the graph', async () => {
    const before = await data<Ranked>(api, CENTRALITY, {
      measure: 'DEGREE',
      scope: { countries: [STAR] },
      first: 1,
    });
    await api.database.write((tx) =>
      tx.run(
        `MATCH (c:Institution {id: $p + 'centre'}), (xb:Country {code: 'XB'})
         CREATE (leaf:Entity:Institution:Enterprise {id: $p + 'leaf7', name: 'Star Leaf 7', aliases: []})-[:LOCATED_IN]->(xb)
         CREATE (e:Entity:Event:Visit {id: $p + 'visit7', name: 'Visit 7', date: date('2022-01-01'), aliases: []})
         CREATE (c)-[:PARTICIPATED_IN {role: 'HOST'}]->(e), (leaf)-[:PARTICIPATED_IN {role: 'ATTENDEE'}]->(e)`,
        { p: PREFIX },
      ),
    );
    const after = await data<Ranked>(api, CENTRALITY, {
      measure: 'DEGREE',
      scope: { countries: [STAR] },
      first: 1,
    });
    expect(before.centrality.ranked[0]?.score).toBe(6);
    expect(after.centrality.ranked[0]?.score).toBe(7);
  });

  it('answers BAD_USER_INPUT for a scope or a size it cannot take, NOT_FOUND for an unknown id', async () => {
    const kinds = await graphql(
      api,
      `
        {
          centrality(measure: DEGREE, scope: { kinds: [EVENT] }) {
            nodeCount
          }
        }
      `,
    );
    expect(kinds.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.kinds' });
    const first = await graphql(
      api,
      `
        {
          communities(first: 0) {
            count
          }
        }
      `,
    );
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const country = await graphql(
      api,
      `
        {
          centrality(measure: DEGREE, scope: { countries: ["china"] }) {
            nodeCount
          }
        }
      `,
    );
    expect(country.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scope.countries',
    });
    const sides = await graphql(
      api,
      `
        {
          brokers(a: { ids: ["x"], countries: ["CN"] }, b: { countries: ["MN"] }) {
            pathCount
          }
        }
      `,
    );
    expect(sides.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'a' });
    const missing = await graphql(api, `{ similar(id: "${id('nobody')}") { engine } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('analytics on a Neo4j without Graph Data Science', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('answers SERVICE_UNAVAILABLE naming what is missing', async () => {
    const databases = new DatabaseProvider();
    databases.set(api.database);
    // The real Neo4j, asked for a GDS entry point it does not have: what a Neo4j without the plugin answers.
    const service = new AnalyticsService(
      databases,
      { maxTraversalDepth: 6, maxAnalyticsNodes: 1000, maxAnalyticsResults: 10 },
      'gds.no.such.function',
    );
    const missing = { code: 'SERVICE_UNAVAILABLE', details: { missing: 'graph-data-science' } };
    await expect(service.centrality(CentralityMeasure.PAGERANK)).rejects.toMatchObject(missing);
    await expect(service.communities()).rejects.toMatchObject(missing);
    await expect(service.brokers({ countries: ['CN'] }, { countries: ['MN'] })).rejects.toMatchObject(
      missing,
    );
    await expect(service.centrality(CentralityMeasure.DEGREE)).rejects.toThrow(
      /needs Neo4j Graph Data Science.*install the graph-data-science plugin/,
    );
  });
});
