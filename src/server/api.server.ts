import type { AddressInfo } from 'node:net';
import type { Logger } from '../common/app.logger';
import type { Config } from '../config/app.config';
import { DatabaseProvider } from '../db/database.provider';
import type { EmbeddedNeo4j } from '../db/embedded-neo4j.process';
import type { Database } from '../db/neo4j.database';
import { graphIsEmpty, loadSeed } from '../ingest/seed.loader';
import { buildAppSchema } from '../graphql/schema.build';
import { createHttpApp } from '../http/app.http';

import { createServices } from './app.services';
import { openNeo4j, type Neo4jConnection } from './neo4j.connection';
import { warmPlans, type WarmupReport } from './plan.warmup';
import { StartupError } from './startup.error';

export { StartupError };

export interface RunningApi {
  url: string;
  port: number;
  /** The embedded Neo4j, when this process started one. */
  embedded: EmbeddedNeo4j | undefined;
  database: Database;
  /** The warming of the explorer's query plans, begun once ready: what it ran. */
  warmup: Promise<WarmupReport>;
  stop(): Promise<void>;
}

function listen(server: import('node:http').Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(
              `port ${port} on ${host} is already in use (is the API already running? set PORT to another port)`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the API: listen first (so a second start fails at once on the port, and /healthz answers during
 * start-up), then Neo4j (embedded when NEO4J_URI is unset), then migrations. Only then is it ready; the
 * explorer's query plans are warmed after that, off the path of requests (plan.warmup.ts).
 */
export async function startApi(config: Config, log: Logger): Promise<RunningApi> {
  const databases = new DatabaseProvider();
  const services = createServices(databases, config);
  const schema = await buildAppSchema();
  const { httpServer, apollo } = await createHttpApp({
    config,
    log,
    schema,
    services,
    databases,
  });
  let neo4j: Neo4jConnection | undefined;

  const warming = new AbortController();
  const stop = async (): Promise<void> => {
    warming.abort();
    const started = Date.now();
    await apollo.stop();
    log.info(`HTTP drained in ${Date.now() - started} ms`);
    await neo4j?.close();
    log.info(`Neo4j closed in ${Date.now() - started} ms`);
  };

  try {
    const port = await listen(httpServer, config.http.host, config.http.port);
    const url = `http://${config.http.host}:${port}`;
    log.info({ url }, `API listening on ${url}/graphql`);

    neo4j = await openNeo4j(config, log, () => {
      log.fatal('the embedded Neo4j stopped unexpectedly; the API cannot serve without it');
      process.exitCode = 1;
      void stop();
    });
    const db = neo4j.db;
    if (config.seed === 'always' || (config.seed === 'auto' && (await graphIsEmpty(db)))) {
      await loadSeed(db, config.limits.maxTraversalDepth, (line) => log.info(line));
    }
    databases.set(db);
    log.info({ url }, 'ready');
    const warmup = warmPlans({ db, config, log, schema, signal: warming.signal });
    return { url, port, embedded: neo4j.embedded, database: db, warmup, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
