import { loadSynthetic } from '../../seed/synthetic/synthetic.loader';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { loadMigrations, migrate } from '../../src/db/migration.runner';
import type { Database } from '../../src/db/neo4j.database';
import { migrationsDir } from '../../src/config/project.paths';
import { graphSnapshot } from '../helpers/graph.snapshot';
import { connect, maxTraversalDepth, startPrivateNeo4j, tempDir } from '../helpers/neo4j.test-db';

describe('loading a synthetic tier', () => {
  let neo4j: EmbeddedNeo4j;
  let db: Database;

  beforeAll(async () => {
    neo4j = await startPrivateNeo4j(tempDir('synthetic'));
    db = connect(neo4j);
    await migrate(db, loadMigrations(migrationsDir()));
  });

  afterAll(async () => {
    await db?.close();
    await neo4j?.stop();
  });

  it('writes the tier through the ingest path, with progress, and loading it again changes nothing', async () => {
    const progress: string[] = [];
    const summary = await loadSynthetic(db, maxTraversalDepth(), { tier: '1k', batchSize: 250 }, (line) =>
      progress.push(line),
    );
    const counts = await db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (n:Entity) WHERE NOT n:Commitment WITH count(n) AS nodes
         MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> 'HAS_COMMITMENT'
         RETURN nodes, count(r) AS relationships`,
      );
      return result.records[0]?.toObject() as { nodes: number; relationships: number };
    });
    expect(counts.nodes).toBe(1_000);
    // About four relationships per node, as the benchmark tiers promise (10k nodes, some 40-50k relationships).
    expect(counts.relationships).toBeGreaterThan(3_800);
    expect(progress).toHaveLength(summary.documents);
    expect(progress[progress.length - 1]).toMatch(
      /^synthetic 1k: document \d+, \d+ entities created, [\d.]+ s$/,
    );

    const before = await graphSnapshot(db);
    await loadSynthetic(db, maxTraversalDepth(), { tier: '1k', batchSize: 250 }, () => undefined);
    expect(await graphSnapshot(db)).toEqual(before);
  });
});
