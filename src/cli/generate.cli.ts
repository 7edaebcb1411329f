import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadSynthetic } from '../../seed/synthetic/synthetic.loader';
import { TIERS, type Tier } from '../../seed/synthetic/synthetic.generator';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import { openNeo4j } from '../server/neo4j.connection';

/** npm run generate -- --tier 10k [--seed 42]: loads a deterministic synthetic graph into the configured Neo4j. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tier: { type: 'string', default: '10k' }, seed: { type: 'string' } },
  });
  if (!(values.tier in TIERS)) throw new Error(`--tier must be one of ${Object.keys(TIERS).join(', ')}`);
  const config = loadConfig();
  const neo4j = await openNeo4j(config, createLogger('warn'));
  try {
    const summary = await loadSynthetic(
      neo4j.db,
      config.limits.maxTraversalDepth,
      { tier: values.tier as Tier, seed: values.seed === undefined ? undefined : Number(values.seed) },
      (line) => process.stdout.write(`${line}\n`),
    );
    process.stdout.write(
      `done: ${summary.documents} documents, ${summary.created} entities in ${summary.seconds.toFixed(1)} s\n`,
    );
  } finally {
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`generate: ${(error as Error).message}\n`);
  process.exit(1);
});
