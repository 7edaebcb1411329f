import { AppError } from '../common/app.errors';
import type { Logger } from '../common/app.logger';
import type { Config } from '../config/app.config';
import { migrationsDir } from '../config/project.paths';
import { EMBEDDED_USER, EmbeddedNeo4j } from '../db/embedded-neo4j.process';
import { loadMigrations, migrate } from '../db/migration.runner';
import { Database } from '../db/neo4j.database';
import { SourceRepository } from '../modules/source/source.repository';
import { StartupError } from './startup.error';

export interface Neo4jConnection {
  db: Database;
  /** The embedded Neo4j, when this process started one. */
  embedded: EmbeddedNeo4j | undefined;
  close(): Promise<void>;
}

/** Waits until Neo4j answers, for a server that may still be starting (docker-compose, a restart). */
async function awaitNeo4j(db: Database, config: Config, log: Logger): Promise<void> {
  const deadline = Date.now() + config.embedded.startupTimeoutMs;
  let lastProblem = 'no answer yet';
  for (let attempt = 1; ; attempt += 1) {
    try {
      const info = await db.serverInfo(config.neo4j.readinessTimeoutMs);
      log.info({ neo4j: info, uri: db.uri }, 'connected to Neo4j');
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (
        code.startsWith('Neo.ClientError.Security.') ||
        code === 'Neo.ClientError.Database.DatabaseNotFound'
      ) {
        throw new StartupError(`Neo4j at ${db.uri} refused the connection: ${(error as Error).message}`);
      }
      // The driver's own words where there are some: the breaker's refusals (no cause) say nothing new.
      const cause = error instanceof AppError ? error.cause : error;
      if (cause !== undefined) lastProblem = (cause as Error).message;
      if (Date.now() > deadline) {
        throw new StartupError(`cannot reach Neo4j at ${db.uri}: ${lastProblem}`);
      }
      if (attempt === 1) log.info({ uri: db.uri }, 'waiting for Neo4j to answer');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/**
 * Migrations are schema statements and cannot report on data, so data stored before a check existed is
 * reported here, at every start until it is corrected: the log names what ingest would refuse today.
 */
async function reportRefusedData(db: Database, log: Logger): Promise<void> {
  const refused = await new SourceRepository(db).refusedAddresses(20);
  if (refused.count === 0) return;
  log.warn(
    { refusedAddresses: refused },
    `${refused.count} stored sources have an address that is not http or https, which ingest refuses now; ingest their documents again with an http(s) url to correct them`,
  );
}

/**
 * The configured Neo4j, connected and migrated: the server at NEO4J_URI, or an embedded one this process
 * starts (and stops on close). The API and the command-line tools share this path.
 */
export async function openNeo4j(
  config: Config,
  log: Logger,
  onEmbeddedLost?: () => void,
): Promise<Neo4jConnection> {
  let embedded: EmbeddedNeo4j | undefined;
  let db: Database | undefined;
  const close = async (): Promise<void> => {
    await db?.close();
    // Within the shutdown deadline, so that a slow Neo4j is killed rather than the API exiting first.
    await embedded?.stop(config.http.shutdownTimeoutMs / 2);
  };
  try {
    let uri = config.neo4j.uri;
    let credentials = {};
    if (uri === undefined) {
      embedded = await EmbeddedNeo4j.start({ ...config.embedded, progress: (line) => log.info(line) });
      uri = embedded.uri;
      credentials = { user: EMBEDDED_USER, password: embedded.password };
      if (onEmbeddedLost) embedded.onUnexpectedExit(onEmbeddedLost);
    } else {
      log.info({ uri }, 'using the Neo4j server at NEO4J_URI; no embedded Neo4j is started');
    }
    db = Database.connect({ ...config.neo4j, ...credentials, uri });
    await awaitNeo4j(db, config, log);
    const report = await migrate(db, loadMigrations(migrationsDir()));
    log.info(
      report,
      `migrations: ${report.applied.length} applied, ${report.alreadyApplied} already applied`,
    );
    await reportRefusedData(db, log);
    return { db, embedded, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
