import { loadSeed, readSeedDocuments } from '../../src/ingest/seed.loader';
import type { Database } from '../../src/db/neo4j.database';
import { connect, maxTraversalDepth } from '../helpers/neo4j.test-db';

/** Every node and relationship the seed writes, with all properties, in a stable order. */
async function seedGraph(db: Database, sourceIds: string[]): Promise<unknown> {
  return db.read(async (tx) => {
    const nodes = await tx.run(
      `MATCH (n) WHERE any(s IN coalesce(n.sourceIds, [n.id]) WHERE s IN $sourceIds)
       RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id`,
      { sourceIds },
    );
    const rels = await tx.run(
      `MATCH (a)-[r]->(b) WHERE any(s IN coalesce(r.sourceIds, []) WHERE s IN $sourceIds)
       RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props ORDER BY from, type, to, r.key`,
      { sourceIds },
    );
    return { nodes: nodes.records.map((r) => r.toObject()), rels: rels.records.map((r) => r.toObject()) };
  });
}

describe('loading the seed', () => {
  let db: Database;
  const sourceIds = readSeedDocuments().map((d) => d.document.source.id);

  beforeAll(() => {
    db = connect();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('is idempotent: loading it twice gives the same graph, with the same ids', async () => {
    const progress: string[] = [];
    await loadSeed(db, maxTraversalDepth(), (line) => progress.push(line));
    const once = await seedGraph(db, sourceIds);
    await loadSeed(db, maxTraversalDepth(), () => undefined);
    expect(await seedGraph(db, sourceIds)).toEqual(once);
    expect(progress[progress.length - 1]).toMatch(/^seed: loaded .+\.json \(\d+\/\d+\)$/);
  });

  it('represents the seed article completely, every fact with its source', async () => {
    const graph = (await seedGraph(db, ['source:casttc-article-00001083'])) as {
      nodes: { labels: string[]; props: { id: string; sourceIds?: string[] } }[];
      rels: { type: string; props: { sourceIds: string[] } }[];
    };
    const count = (label: string) => graph.nodes.filter((n) => n.labels.includes(label)).length;
    expect({
      people: count('Person'),
      institutions: count('Institution'),
      places: count('Place'),
      events: count('Event'),
      inspections: count('Inspection'),
      agreements: count('Agreement'),
      commitments: count('Commitment'),
      frameworks: count('Framework'),
      sources: count('Source'),
    }).toEqual({
      people: 4,
      institutions: 14,
      places: 4,
      events: 5,
      inspections: 3,
      agreements: 1,
      commitments: 4,
      frameworks: 2,
      sources: 1,
    });
    expect(
      graph.nodes
        .filter((n) => n.labels.includes('Person'))
        .map((n) => n.props.id)
        .sort(),
    ).toEqual(['person:batulzii', 'person:chaoketu', 'person:chen-fang', 'person:s-munkhbat']);
    const entities = graph.nodes.filter((n) => n.labels.includes('Entity'));
    expect(entities.every((n) => n.props.sourceIds?.includes('source:casttc-article-00001083'))).toBe(true);
    expect(graph.rels.length).toBeGreaterThan(40);
    expect(graph.rels.every((r) => r.props.sourceIds.includes('source:casttc-article-00001083'))).toBe(true);
  });
});
