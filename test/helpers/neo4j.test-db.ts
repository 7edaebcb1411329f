import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/app.config';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { Database } from '../../src/db/neo4j.database';

/** The address and password of the run's shared Neo4j, started by the global set-up. */
export function sharedNeo4j(): Pick<EmbeddedNeo4j, 'uri' | 'password'> {
  const { TEST_NEO4J_URI: uri, TEST_NEO4J_PASSWORD: password } = process.env;
  if (!uri || !password)
    throw new Error('TEST_NEO4J_URI is not set: integration tests run under the jest global set-up');
  return { uri, password };
}

/** The environment that points the API (or a command) at an embedded Neo4j: the shared one by default. */
export function neo4jEnv(neo4j = sharedNeo4j()): { NEO4J_URI: string; NEO4J_PASSWORD: string } {
  return { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password };
}

/** MAX_TRAVERSAL_DEPTH as the API runs with it by default: for tests that ingest without the API. */
export const maxTraversalDepth = (): number => loadConfig({ NODE_ENV: 'test' }).limits.maxTraversalDepth;

export function connect(neo4j = sharedNeo4j()): Database {
  const { neo4j: settings } = loadConfig({ NODE_ENV: 'test', ...neo4jEnv(neo4j) });
  return Database.connect({ ...settings, uri: neo4j.uri });
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
    // A busy shared machine may need longer: NEO4J_STARTUP_TIMEOUT_MS, as the API reads it.
    startupTimeoutMs: Number(process.env.NEO4J_STARTUP_TIMEOUT_MS ?? 180_000),
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
