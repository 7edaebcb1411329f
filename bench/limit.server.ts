import 'reflect-metadata';
import http from 'node:http';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import {
  cypherLabel,
  EVENT_KINDS,
  INSTITUTION_KINDS,
  PLACE_KINDS,
  type InstitutionKind,
  type Label,
} from '../src/db/identifier.whitelist';
import { explainEdge } from '../src/traversal/hop.explanation';
import { RelationshipKind, type GraphEdge } from '../src/traversal/traversal.type';
import type { GraphNode } from '../src/db/graph.record';
import type { IngestDocument } from '../src/ingest/document.types';
import { countQueries, listen } from './bench.server';

/**
 * The limit: each answer of the benchmark's mix from hand-written Cypher through neo4j-driver, behind a bare
 * node:http handler (no GraphQL, no framework). Answers have the shape of the API's `data`, so one comparison
 * serves both. POST /<query> with the parameters as JSON; GET /count tells the Cypher queries sent so far.
 */
type Params = Record<string, unknown>;

const ALL_KINDS = Object.values(RelationshipKind).join('|');
const KIND_LABELS: Label[] = [
  ...Object.values(INSTITUTION_KINDS),
  ...Object.values(EVENT_KINDS),
  ...Object.values(PLACE_KINDS),
  'Person',
  'Agreement',
  'Framework',
];

/** Per-label counts from Neo4j's count store: one static label per branch, so no node is read. */
const COUNT_BY_LABEL = KIND_LABELS.map(
  (label) => `MATCH (n:${cypherLabel(label)}) RETURN '${label}' AS kind, count(n) AS count`,
).join(' UNION ALL ');

/** What every handler reads with: one read transaction per query, its queries counted. */
interface Limit {
  rows: (cypher: string, params?: Params) => Promise<Params[]>;
  driver: Driver;
  counter: { queries: number };
}

function handlers(driver: Driver, counter: { queries: number }) {
  const read = async <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(countQueries(tx, counter)));
    } finally {
      await session.close();
    }
  };
  const rows = async (cypher: string, params: Params = {}) =>
    read(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject()));

  const limit: Limit = { rows, driver, counter };
  return {
    typename: () => Promise.resolve({ __typename: 'Query' }),
    stats: (p: Params) => stats(limit, p),
    institutionDetail: (p: Params) => institutionDetail(limit, p),
    neighborhood: (p: Params) => neighborhood(limit, p),
    shortestPath: (p: Params) => shortestPath(limit, p),
    search: (p: Params) => search(limit, p),
    bulkIngest: (p: Params) => bulkIngest(limit, p),
  };
}

async function stats({ rows }: Limit, p: Params) {
  const [entitiesByKind, institutionsByCountry, eventsPerYear, topEntities] = await Promise.all([
    rows(`CALL () { ${COUNT_BY_LABEL} } WITH kind, count WHERE count > 0 RETURN kind, count`),
    rows(
      `MATCH (i:Institution)
         CALL (i) {
           OPTIONAL MATCH path = (i)-[:HOLDS_POSITION|PART_OF|LOCATED_IN|HELD_IN*0..6]->(c:Country)
           RETURN c ORDER BY length(path), c.code LIMIT 1
         }
         RETURN c.code AS code, count(i) AS count`,
    ),
    rows(
      `MATCH (e:Event) WHERE e.date IS NOT NULL
         RETURN toString(e.date.year) AS period, count(*) AS count`,
    ),
    rows(
      `MATCH (n:Entity) WHERE NOT n:Commitment
         WITH n, COUNT { (n)--(:Entity) } AS degree ORDER BY degree DESC, n.name LIMIT $limit
         RETURN degree, n { .id } AS node`,
      { limit: neo4j.int(p.limit as number) },
    ),
  ]);
  return { stats: { entitiesByKind, institutionsByCountry, eventsPerYear, topEntities } };
}

async function institutionDetail({ rows }: Limit, p: Params) {
  const [institution] = await rows(
    `MATCH (i:Entity {id: $id}) WHERE i:Institution
       RETURN i { .id, .name, .kind,
         people: [(person:Person)-[h:HOLDS_POSITION]->(i) |
           { title: h.title, since: toString(h.since), until: toString(h.until), person: person { .id, .name } }],
         events: [(i)-[r:PARTICIPATED_IN]->(e:Event) |
           { role: r.role, event: e { .id, .name, date: toString(e.date),
             participants: [(x:Entity)-[q:PARTICIPATED_IN]->(e) | { role: q.role, participant: x { .id, .name } }] } }]
       } AS institution`,
    { id: p.id },
  );
  return { institution: institution?.institution ?? null };
}

async function neighborhood({ rows }: Limit, p: Params) {
  const [subgraph] = await rows(
    `MATCH (s:Entity {id: $id})
       CALL (s) { OPTIONAL MATCH (s)-[:HOLDS_POSITION|PARTICIPATED_IN]-(a:Entity) RETURN collect(DISTINCT a) AS level1 }
       UNWIND [s] + level1 AS n
       OPTIONAL MATCH (n)-[r:HOLDS_POSITION|PARTICIPATED_IN]-(m:Entity)
       WITH s, collect(DISTINCT m) AS reached, collect(DISTINCT r) AS rels
       RETURN [x IN [s] + [y IN reached WHERE y <> s] | x { .id, .name }] AS nodes,
              [r IN rels | { from: startNode(r).id, to: endNode(r).id, kind: type(r) }] AS edges`,
    { id: p.id },
  );
  return { neighborhood: subgraph ?? { nodes: [], edges: [] } };
}

async function shortestPath({ rows }: Limit, p: Params) {
  const kinds = (p.kinds as string[] | undefined)?.length ? (p.kinds as string[]) : null;
  const types = kinds === null ? ALL_KINDS : kinds.filter((k) => k in RelationshipKind).join('|');
  const [path] = await rows(
    `MATCH p = SHORTEST 1 (a:Entity {id: $from})-[:${types}]-{1,6}(b:Entity {id: $to})
       WHERE all(n IN nodes(p) WHERE n:Entity)
       RETURN [n IN nodes(p) | n { .id, .name, date: toString(n.date) }] AS nodes,
              [r IN relationships(p) | { kind: type(r), from: startNode(r).id, to: endNode(r).id,
                title: r.title, role: r.role, capacity: r.capacity,
                since: toString(r.since), until: toString(r.until),
                sources: COLLECT { MATCH (s:Source) WHERE s.id IN r.sourceIds RETURN s { .id, .title } } }] AS edges`,
    { from: p.from, to: p.to },
  );
  if (!path) return { shortestPath: null };
  const nodes = path.nodes as (GraphNode & { id: string })[];
  const edges = path.edges as (GraphEdge & { sources: unknown[] })[];
  return {
    shortestPath: {
      length: edges.length,
      hops: edges.map((edge, i) => {
        const [from, to] = [nodes[i], nodes[i + 1]] as [
          GraphNode & { id: string },
          GraphNode & { id: string },
        ];
        // The relationship read in its own direction, as the API explains it.
        const forward = edge.from === from.id;
        return {
          explanation: forward ? explainEdge(edge, from, to) : explainEdge(edge, to, from),
          edge: { kind: edge.kind, sources: edge.sources },
          from: { id: from.id },
          to: { id: to.id },
        };
      }),
    },
  };
}

async function search({ rows }: Limit, p: Params) {
  const hits = await rows(
    `CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node, score
       WHERE node:Institution
       WITH node, score, toLower(node.name) = $exact OR toLower(coalesce(node.acronym, '')) = $exact
            OR any(alias IN coalesce(node.aliases, []) WHERE toLower(alias) = $exact) AS isExact
       ORDER BY isExact DESC, score DESC, node.name, node.id LIMIT $first
       RETURN score, node { .id, .name,
         people: [(person:Person)-[h:HOLDS_POSITION]->(node) | { title: h.title, person: person { .id, .name } }] } AS node`,
    { lucene: p.lucene, exact: p.exact, first: neo4j.int(p.first as number) },
  );
  return { search: hits };
}

async function bulkIngest({ driver, counter }: Limit, p: Params) {
  const document = p.document as IngestDocument;
  const institutions = document.institutions ?? [];
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    const created = await session.executeWrite(async (raw) => {
      const tx = countQueries(raw, counter);
      await tx.run(
        `MERGE (s:Source {id: $source.id}) SET s.title = $source.title, s.publisher = $source.publisher,
           s.date = date($source.date)`,
        { source: document.source },
      );
      let total = 0;
      // Labels cannot be parameters: one statement per institution kind, the label from the whitelist.
      const byKind = new Map<InstitutionKind, typeof institutions>();
      for (const inst of institutions) byKind.set(inst.kind, [...(byKind.get(inst.kind) ?? []), inst]);
      for (const [kind, group] of byKind) {
        await tx.run(
          `UNWIND $rows AS row
             MERGE (n:Entity {id: row.id})
             SET n:Institution:${cypherLabel(INSTITUTION_KINDS[kind])},
                 n.name = row.name, n.kind = row.kind, n.sourceIds = [$sourceId], n.aliases = [], n.searchText = ''
             WITH n, row
             MATCH (c:Entity {id: row.locatedIn})
             MERGE (n)-[l:LOCATED_IN {key: ''}]->(c) SET l.sourceIds = [$sourceId]
             WITH n, row WHERE row.partOf IS NOT NULL
             MATCH (parent:Entity {id: row.partOf})
             MERGE (n)-[q:PART_OF {key: ''}]->(parent) SET q.sourceIds = [$sourceId]
             RETURN count(*) AS parts`,
          { rows: group, sourceId: document.source.id },
        );
        total += group.length;
      }
      return total;
    });
    return { ingestDocument: { created } };
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is required');
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
    { disableLosslessIntegers: true, maxConnectionPoolSize: 50 },
  );
  const counter = { queries: 0 };
  const routes: Record<string, (p: Params) => Promise<unknown>> = handlers(driver, counter);
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (req.method === 'GET' && req.url === '/count') return send(200, counter);
    const route = routes[(req.url ?? '').slice(1)];
    if (req.method !== 'POST' || !route) return send(404, { error: 'no such query' });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      route(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Params).then(
        (data) => send(200, { data }),
        (error: Error) => send(500, { error: error.message }),
      );
    });
  });
  await listen(server, async () => driver.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`limit server: ${(error as Error).message}\n`);
  process.exit(1);
});
