import 'reflect-metadata';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import { loadSeed } from '../ingest/seed.loader';
import { openNeo4j } from '../server/neo4j.connection';

/** Loads the seed into the configured Neo4j (NEO4J_URI, or the embedded one); loading it again changes nothing. */
async function main(): Promise<void> {
  const config = loadConfig();
  const neo4j = await openNeo4j(config, createLogger(config.logLevel));
  try {
    await loadSeed(neo4j.db, config.limits.maxTraversalDepth, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
