import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { mintToken } from '../../src/auth/auth.service';
import type { RunningApi } from '../../src/server/api.server';
import { startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-export:';
const SECRET = 'export-test-secret-of-at-least-32-characters';

/** A person holding a dated position at a university that hosted a meeting, each stated by a source. */
const GRAPH = `
  CREATE (u:Entity:Institution:University {id: $p + 'uni', name: 'Export University & Co <test>', aliases: [], sourceIds: [$p + 'src']})
  CREATE (person:Entity:Person {id: $p + 'person', name: 'Export Person', aliases: [], sourceIds: [$p + 'src']})
  CREATE (e:Entity:Event:Meeting {id: $p + 'meeting', name: 'Export Meeting', date: date('2021-03-04'), aliases: [], sourceIds: [$p + 'src']})
  CREATE (person)-[:HOLDS_POSITION {key: 'dean', title: 'Dean', since: date('2019-01-01'), until: date('2022-06-30'), sourceIds: [$p + 'src']}]->(u)
  CREATE (u)-[:PARTICIPATED_IN {key: 'host', role: 'HOST', sourceIds: [$p + 'src']}]->(e)`;

interface GexfItem {
  id: string;
  source?: string;
  target?: string;
  /** GEXF's own edge attribute, where graphology-gexf writes an edge's `kind`. */
  kind?: string;
  attvalues?: { attvalue: { for: string; value: string }[] };
}
interface Gexf {
  gexf: {
    graph: {
      attributes: { class: string; attribute: { id: string; title: string }[] }[];
      nodes: { node: GexfItem[] };
      edges: { edge: GexfItem[] };
    };
  };
}

describe('GET /export', () => {
  let api: RunningApi;
  const get = (query: string, token?: string) =>
    fetch(`${api.url}/export?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const neighbourhood = (format: string) =>
    `format=${format}&id=${encodeURIComponent(`${PREFIX}uni`)}&depth=1`;

  beforeAll(async () => {
    api = await startTestApi({
      AUTH_JWT_SECRET: SECRET,
      // Room for a busy test machine: the bound under test here is the format, not the time.
      REQUEST_TIMEOUT_MS: '30000',
      NEO4J_TRANSACTION_TIMEOUT_MS: '30000',
    });
    await removeByPrefix(api.database, PREFIX);
    await api.database.write((tx) => tx.run(GRAPH, { p: PREFIX }));
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  /** What every format must carry: the nodes with kind and dates, the edges with kind, dates and sources. */
  const expectGraph = (nodes: Map<string, Record<string, string>>, edges: Record<string, string>[]) => {
    expect([...nodes.keys()].sort()).toEqual([`${PREFIX}meeting`, `${PREFIX}person`, `${PREFIX}uni`]);
    expect(nodes.get(`${PREFIX}uni`)).toMatchObject({
      kind: 'University',
      name: 'Export University & Co <test>',
    });
    expect(nodes.get(`${PREFIX}meeting`)).toMatchObject({ kind: 'Meeting', date: '2021-03-04' });
    const position = edges.find((e) => e.kind === 'HOLDS_POSITION');
    expect(position).toMatchObject({
      from: `${PREFIX}person`,
      to: `${PREFIX}uni`,
      title: 'Dean',
      since: '2019-01-01',
      until: '2022-06-30',
      sources: `${PREFIX}src`,
    });
    expect(edges.find((e) => e.kind === 'PARTICIPATED_IN')).toMatchObject({
      role: 'HOST',
      to: `${PREFIX}meeting`,
    });
  };

  it('GraphML reads back with graphology’s GraphML parser', async () => {
    const response = await get(neighbourhood('graphml'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/graphml/);
    const graph = parseGraphml(Graph, await response.text());
    const nodes = new Map(graph.mapNodes((id, attributes) => [id, attributes as Record<string, string>]));
    const edges = graph.mapEdges((_id, attributes, from, to) => ({
      ...(attributes as Record<string, string>),
      from,
      to,
    }));
    expectGraph(nodes, edges);
  });

  it('GEXF reads back with fast-xml-parser', async () => {
    const response = await get(neighbourhood('gexf'));
    expect(response.status).toBe(200);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['node', 'edge', 'attvalue', 'attribute', 'attributes'].includes(name),
    });
    const graph = (parser.parse(await response.text()) as Gexf).gexf.graph;
    const titles = new Map<string, string>();
    for (const set of graph.attributes)
      for (const a of set.attribute) titles.set(`${set.class}:${a.id}`, a.title);
    const values = (cls: string, item: GexfItem): Record<string, string> =>
      Object.fromEntries(
        (item.attvalues?.attvalue ?? []).map((v): [string, string] => [
          titles.get(`${cls}:${v.for}`) ?? v.for,
          String(v.value),
        ]),
      );
    const nodes = new Map(graph.nodes.node.map((n) => [n.id, values('node', n)]));
    const edges = graph.edges.edge.map((e) => ({
      ...values('edge', e),
      kind: e.kind ?? '',
      from: e.source ?? '',
      to: e.target ?? '',
    }));
    expectGraph(nodes, edges);
  });

  it('CSV reads back with csv-parse: a row per node and per edge', async () => {
    const response = await get(neighbourhood('csv'));
    expect(response.status).toBe(200);
    const rows: Record<string, string>[] = parseCsv(await response.text(), { columns: true });
    const nodes = new Map(rows.filter((r) => r.element === 'node').map((r) => [r.id as string, r]));
    expectGraph(
      nodes,
      rows.filter((r) => r.element === 'edge'),
    );
  });

  it('JSON keeps sources as lists', async () => {
    const response = await get(neighbourhood('json'));
    const body = (await response.json()) as {
      truncated: boolean;
      nodes: Record<string, unknown>[];
      edges: Record<string, unknown>[];
    };
    expect(body.truncated).toBe(false);
    const flat = (item: Record<string, unknown>) =>
      ({ ...item, sources: (item.sources as string[]).join(' ') }) as Record<string, string>;
    expectGraph(new Map(body.nodes.map((n) => [n.id as string, flat(n)])), body.edges.map(flat));
  });

  it('a view’s entities (ids) come with the relationships among them, and nothing else', async () => {
    const ids = [`${PREFIX}uni`, `${PREFIX}meeting`, `${PREFIX}nobody`].map(encodeURIComponent).join(',');
    const response = await get(`format=graphml&ids=${ids}`);
    expect(response.status).toBe(200);
    const graph = parseGraphml(Graph, await response.text());
    expect(graph.nodes().sort()).toEqual([`${PREFIX}meeting`, `${PREFIX}uni`]);
    expect(graph.mapEdges((_id, attributes, from, to) => [from, to, attributes.kind as string])).toEqual([
      [`${PREFIX}uni`, `${PREFIX}meeting`, 'PARTICIPATED_IN'],
    ]);
    const both = await get(`format=json&id=${PREFIX}uni&ids=${ids}`);
    expect(both.status).toBe(400);
    const none = await get('format=json&ids=,');
    expect(await none.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'ids' } }],
    });
  });

  it('answers 400 for a bad format or date and 404 for an unknown id, in GraphQL’s error shape', async () => {
    const format = await get(`format=pdf&id=${PREFIX}uni`);
    expect(format.status).toBe(400);
    expect(await format.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'format' } }],
    });
    const date = await get(`format=json&id=${PREFIX}uni&from=2021-02-30`);
    expect(date.status).toBe(400);
    const missing = await get(`format=json&id=${PREFIX}nobody`);
    expect(missing.status).toBe(404);
  });

  it('the whole graph is for admins: 401 without a token, 403 for a reader, 200 for an admin', async () => {
    expect((await get('format=json&all=true')).status).toBe(401);
    const reader = await mintToken(SECRET, 'reader', ['reader'], '5m');
    expect((await get('format=json&all=true', reader)).status).toBe(403);
    const admin = await mintToken(SECRET, 'admin', ['admin'], '5m');
    const response = await get('format=json&all=true', admin);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { nodes: { id: string }[] };
    expect(body.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([`${PREFIX}uni`, `${PREFIX}meeting`]));
  });
});
