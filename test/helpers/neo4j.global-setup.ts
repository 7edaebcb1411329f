import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsDir } from '../../src/config/project.paths';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { loadMigrations, migrate } from '../../src/db/migration.runner';
import { connect } from './neo4j.test-db';

/** One embedded Neo4j for the whole integration run; each test isolates its own data. */
export default async function globalSetup(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'institution-graph-test-'));
  const neo4j = await EmbeddedNeo4j.start({
    dataDir,
    boltPort: 0,
    heapMb: 768,
    pageCacheMb: 128,
    startupTimeoutMs: 300_000,
    // Jest prints nothing of a global set-up by itself; the first run builds the launcher, which takes a while.
    // eslint-disable-next-line no-console
    progress: (line) => console.log(`\n[neo4j] ${line}`),
  });
  process.env.TEST_NEO4J_URI = neo4j.uri;
  process.env.TEST_NEO4J_PASSWORD = neo4j.password;
  // Constraints first, so that tests writing the same ids at once cannot duplicate a node.
  const db = connect(neo4j);
  await migrate(db, loadMigrations(migrationsDir()));
  await db.close();
  Object.assign(globalThis, { __testNeo4j: { neo4j, dataDir } });
}
