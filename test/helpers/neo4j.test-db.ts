import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/app.config';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { Database } from '../../src/db/neo4j.database';

/** The address of the run's shared Neo4j, started by the global set-up. */
export function sharedNeo4jUri(): string {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is not set: integration tests run under the jest global set-up');
  return uri;
}

/** The environment that points an API process (or a command) at the shared Neo4j. */
export function neo4jEnv(): { NEO4J_URI: string } {
  return { NEO4J_URI: sharedNeo4jUri() };
}

export function connect(uri: string = sharedNeo4jUri()): Database {
  const { neo4j } = loadConfig({ NODE_ENV: 'test', NEO4J_URI: uri });
  return Database.connect({ ...neo4j, uri });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `institution-graph-${prefix}-`));
}

/** A Neo4j of a test's own, for tests that stop it or need it empty; `port` lets a restart reuse the address. */
export function startPrivateNeo4j(dataDir: string, port = 0): Promise<EmbeddedNeo4j> {
  return EmbeddedNeo4j.start({
    dataDir,
    boltPort: port,
    heapMb: 384,
    pageCacheMb: 32,
    startupTimeoutMs: 180_000,
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
