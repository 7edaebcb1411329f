import 'reflect-metadata';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import { startApi } from '../server/api.server';

/** Loads the seed into the configured Neo4j (NEO4J_URI, or the embedded one) and stops. */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: '0', SEED: 'always' });
  const api = await startApi(config, createLogger(config.logLevel));
  await api.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
