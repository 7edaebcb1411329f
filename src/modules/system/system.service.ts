import { serviceUnavailable } from '../../common/app.errors';
import type { Config } from '../../config/app.config';
import type { DatabaseProvider } from '../../db/database.provider';
import type { ServerInfo } from '../../db/neo4j.database';
import type { About } from './system.type';

export type Readiness = { ready: true; neo4j: ServerInfo } | { ready: false; reason: string };

export class SystemService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly config: Config,
    private readonly apiVersion: string,
  ) {}

  /**
   * Ready means: connected, migrated, and Neo4j answers a query now. Never throws. While the circuit breaker is
   * open it answers at once without asking Neo4j; once the cool-down has passed, this may be the probe that
   * closes it. The reason says what is wrong, not where the database is (the driver's message names its address).
   */
  async readiness(): Promise<Readiness> {
    const db = this.databases.current;
    if (!db) return { ready: false, reason: 'starting: the database is not connected yet' };
    try {
      return { ready: true, neo4j: await db.serverInfo(this.config.neo4j.readinessTimeoutMs) };
    } catch {
      return { ready: false, reason: 'Neo4j does not answer' };
    }
  }

  async about(): Promise<About> {
    const readiness = await this.readiness();
    if (!readiness.ready) throw serviceUnavailable(new Error(readiness.reason));
    return { name: 'institution-graph', version: this.apiVersion, database: readiness.neo4j };
  }
}
