import 'reflect-metadata';
import { AppError } from './common/app.errors';
import { createLogger } from './common/app.logger';
import { ConfigError, loadConfig } from './config/app.config';
import { EmbeddedNeo4jError } from './db/embedded-neo4j.process';
import { MigrationError } from './db/migration.runner';
import { StartupError, startApi } from './server/api.server';

/** Start-up failures a person can act on get one line, not a stack trace. */
function failStartup(error: unknown): never {
  const known =
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof EmbeddedNeo4jError ||
    error instanceof MigrationError ||
    error instanceof AppError;
  const message = known ? error.message : `unexpected error: ${String((error as Error)?.stack ?? error)}`;
  process.stderr.write(`institution-graph: cannot start: ${message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    failStartup(error);
  }
  const log = createLogger(config.logLevel);
  // A signal during start-up ends the process at once; the embedded JVM follows when its stdin pipe closes.
  const duringStartup = (signal: NodeJS.Signals): void => {
    log.warn(`${signal} during start-up: exiting`);
    process.exit(1);
  };
  process.on('SIGINT', duringStartup);
  process.on('SIGTERM', duringStartup);
  const api = await startApi(config, log).catch(failStartup);
  process.off('SIGINT', duringStartup);
  process.off('SIGTERM', duringStartup);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // Ctrl-C under npm delivers SIGINT twice (terminal and npm): later signals wait for the same shutdown.
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight requests, then closing Neo4j`);
    const force = setTimeout(() => {
      log.error(`shutdown took longer than ${config.http.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    force.unref();
    api.stop().then(
      () => {
        log.info('stopped');
        process.exit(process.exitCode ?? 0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
