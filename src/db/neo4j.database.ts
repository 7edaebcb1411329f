import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Config } from '../config/app.config';
import { mapNeo4jError } from './neo4j.errors';

export interface ServerInfo {
  version: string;
  edition: string;
}

export type DatabaseSettings = Omit<Config['neo4j'], 'uri'> & { uri: string };

/**
 * The one way the service talks to Neo4j: reads in executeRead, writes in executeWrite, always naming the
 * database and bounding each transaction's time. Work functions must be idempotent: the driver may retry them.
 */
export class Database {
  private queries = 0;

  private constructor(
    readonly driver: Driver,
    private readonly settings: DatabaseSettings,
  ) {}

  static connect(settings: DatabaseSettings): Database {
    const auth =
      settings.password === undefined ? undefined : neo4j.auth.basic(settings.user, settings.password);
    const driver = neo4j.driver(settings.uri, auth, {
      connectionTimeout: settings.connectionTimeoutMs,
      connectionAcquisitionTimeout: settings.acquisitionTimeoutMs,
      maxTransactionRetryTime: settings.maxRetryTimeMs,
      maxConnectionPoolSize: settings.maxPoolSize,
      disableLosslessIntegers: true,
      userAgent: 'institution-graph',
    });
    return new Database(driver, settings);
  }

  get uri(): string {
    return this.settings.uri;
  }

  get ingestTimeoutMs(): number {
    return this.settings.ingestTimeoutMs;
  }

  /** Cypher queries sent so far through read() and write(): how tests and metrics count round trips. */
  get queryCount(): number {
    return this.queries;
  }

  private counted(tx: ManagedTransaction): ManagedTransaction {
    const run: ManagedTransaction['run'] = (query, parameters) => {
      this.queries += 1;
      return tx.run(query, parameters);
    };
    return Object.assign(Object.create(tx) as ManagedTransaction, { run });
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      return await session.executeRead((tx) => work(this.counted(tx)), {
        timeout: this.settings.transactionTimeoutMs,
      });
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  /** `timeoutMs` is for writes that are large by nature (a whole document); others keep the default. */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    try {
      return await session.executeWrite((tx) => work(this.counted(tx)), {
        timeout: timeoutMs ?? this.settings.transactionTimeoutMs,
      });
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  /** Schema commands (constraints, indexes) cannot share a transaction with data writes: each runs alone. */
  async runSchemaCommand(statement: string): Promise<void> {
    await this.write((tx) => tx.run(statement));
  }

  /**
   * Asks the live server for its version and edition, once, without the driver's retries, within a deadline:
   * what a readiness probe needs to fail fast while Neo4j is down.
   */
  async serverInfo(deadlineMs: number): Promise<ServerInfo> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: neo4j.session.READ,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const query = session.run(
        'CALL dbms.components() YIELD name, versions, edition WHERE name = $name RETURN versions[0] AS version, edition',
        { name: 'Neo4j Kernel' },
        { timeout: deadlineMs },
      );
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Neo4j did not answer within ${deadlineMs} ms`)),
          deadlineMs,
        );
      });
      const result = await Promise.race([query, deadline]);
      const record = result.records[0];
      if (!record) throw new Error('dbms.components() returned no Neo4j Kernel row');
      return { version: record.get('version') as string, edition: record.get('edition') as string };
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
