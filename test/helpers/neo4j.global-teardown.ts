import fs from 'node:fs';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';

export default async function globalTeardown(): Promise<void> {
  const shared = (globalThis as { __testNeo4j?: { neo4j: EmbeddedNeo4j; dataDir: string } }).__testNeo4j;
  if (!shared) return;
  await shared.neo4j.stop();
  fs.rmSync(shared.dataDir, { recursive: true, force: true });
}
