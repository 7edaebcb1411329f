import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../common/app.logger';
import type { Config } from '../config/app.config';
import { projectRoot } from '../config/project.paths';
import { DatabaseProvider } from '../db/database.provider';
import type { EmbeddedNeo4j } from '../db/embedded-neo4j.process';
import type { Database } from '../db/neo4j.database';
import { IngestService } from '../ingest/ingest.service';
import { EditService } from '../modules/edit/edit.service';
import { ReviewService } from '../modules/review/review.service';
import { AnalyticsService } from '../modules/analytics/analytics.service';
import { ExportService } from '../modules/export/export.service';
import { StatsService } from '../traversal/stats.service';
import { SummaryService } from '../traversal/summary.service';
import { TraversalService } from '../traversal/traversal.service';
import { graphIsEmpty, loadSeed } from '../ingest/seed.loader';
import { buildAppSchema } from '../graphql/schema.build';
import type { Services } from '../graphql/request.context';
import { createHttpApp } from '../http/app.http';
import { SystemService } from '../modules/system/system.service';
import { EntityListService } from '../modules/entity/entity-list.service';
import { SearchService } from '../modules/search/search.service';

import { openNeo4j, type Neo4jConnection } from './neo4j.connection';
import { StartupError } from './startup.error';

export { StartupError };

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

/**
 * Starts the API: listen first (so a second start fails at once on the port, and /healthz answers during
 * start-up), then Neo4j (embedded when NEO4J_URI is unset), then migrations. Only then is it ready.
 */
export async function startApi(config: Config, log: Logger): Promise<RunningApi> {
  const databases = new DatabaseProvider();
  const ingest = new IngestService(databases, config.limits);
  const traversal = new TraversalService(databases, config.limits);
  const services: Services = {
    system: new SystemService(databases, config, apiVersion()),
    lists: new EntityListService(databases, config.limits),
    search: new SearchService(databases, config.limits),
    ingest,
    edit: new EditService(databases, ingest),
    review: new ReviewService(databases, config.limits),
    traversal,
    stats: new StatsService(databases, config.limits),
    analytics: new AnalyticsService(databases, config.limits),
    summary: new SummaryService(databases, config.limits),
    export: new ExportService(databases, traversal, config.limits),
  };
  const { httpServer, apollo } = await createHttpApp({
    config,
    log,
    schema: await buildAppSchema(),
    services,
    databases,
  });
  let neo4j: Neo4jConnection | undefined;

  const stop = async (): Promise<void> => {
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
    return { url, port, embedded: neo4j.embedded, database: db, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
