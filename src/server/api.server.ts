import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../common/app.logger';
import type { Config } from '../config/app.config';
import { migrationsDir, projectRoot } from '../config/project.paths';
import { DatabaseProvider } from '../db/database.provider';
import { EmbeddedNeo4j } from '../db/embedded-neo4j.process';
import { loadMigrations, migrate } from '../db/migration.runner';
import { Database } from '../db/neo4j.database';
import { graphIsEmpty, loadSeed } from '../ingest/seed.loader';
import { buildAppSchema } from '../graphql/schema.build';
import type { Services } from '../graphql/request.context';
import { createHttpApp } from '../http/app.http';
import { SystemService } from '../modules/system/system.service';
import { EntityListService } from '../modules/entity/entity-list.service';
import { SearchService } from '../modules/search/search.service';

/** A start-up failure with a one-line message for the person starting the service. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface RunningApi {
  url: string;
  port: number;
  /** The embedded Neo4j, when this process started one. */
  embedded: EmbeddedNeo4j | undefined;
  database: Database;
  stop(): Promise<void>;
}

const apiVersion = (): string =>
  (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;

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

/** Waits until Neo4j answers, for a server that may still be starting (docker-compose, a restart). */
async function awaitNeo4j(db: Database, config: Config, log: Logger): Promise<void> {
  const deadline = Date.now() + config.embedded.startupTimeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const info = await db.serverInfo(config.neo4j.readinessTimeoutMs);
      log.info({ neo4j: info, uri: db.uri }, 'connected to Neo4j');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new StartupError(`cannot reach Neo4j at ${db.uri}: ${(error as Error).message}`);
      }
      if (attempt === 1) log.info({ uri: db.uri }, 'waiting for Neo4j to answer');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/**
 * Starts the API: listen first (so a second start fails at once on the port, and /healthz answers during
 * start-up), then Neo4j (embedded when NEO4J_URI is unset), then migrations. Only then is it ready.
 */
export async function startApi(config: Config, log: Logger): Promise<RunningApi> {
  const databases = new DatabaseProvider();
  const services: Services = {
    system: new SystemService(databases, config, apiVersion()),
    lists: new EntityListService(databases, config.limits),
    search: new SearchService(databases, config.limits),
  };
  const { httpServer, apollo } = await createHttpApp({
    config,
    log,
    schema: await buildAppSchema(),
    services,
    databases,
  });
  let embedded: EmbeddedNeo4j | undefined;
  let db: Database | undefined;

  const stop = async (): Promise<void> => {
    const started = Date.now();
    await apollo.stop();
    log.info(`HTTP drained in ${Date.now() - started} ms`);
    await db?.close();
    await embedded?.stop();
    log.info(`Neo4j closed in ${Date.now() - started} ms`);
  };

  try {
    const port = await listen(httpServer, config.http.host, config.http.port);
    const url = `http://${config.http.host}:${port}`;
    log.info({ url }, `API listening on ${url}/graphql`);

    let uri = config.neo4j.uri;
    if (uri === undefined) {
      embedded = await EmbeddedNeo4j.start({ ...config.embedded, progress: (line) => log.info(line) });
      uri = embedded.uri;
      embedded.onUnexpectedExit((code) => {
        log.fatal({ code }, 'the embedded Neo4j stopped unexpectedly; the API cannot serve without it');
        process.exitCode = 1;
        void stop();
      });
    } else {
      log.info({ uri }, 'using the Neo4j server at NEO4J_URI; no embedded Neo4j is started');
    }
    db = Database.connect({ ...config.neo4j, uri });
    await awaitNeo4j(db, config, log);
    const report = await migrate(db, loadMigrations(migrationsDir()));
    log.info(
      report,
      `migrations: ${report.applied.length} applied, ${report.alreadyApplied} already applied`,
    );
    if (config.seed === 'always' || (config.seed === 'auto' && (await graphIsEmpty(db)))) {
      await loadSeed(db, (line) => log.info(line));
    }
    databases.set(db);
    log.info({ url }, 'ready');
    return { url, port, embedded, database: db, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
