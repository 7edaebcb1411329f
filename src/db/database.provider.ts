import { AppError } from '../common/app.errors';
import type { Database } from './neo4j.database';

/**
 * The API serves HTTP before Neo4j is connected (health and readiness answer from the first second), so the
 * rest of the service asks this holder for the database and gets SERVICE_UNAVAILABLE until it is there.
 */
export class DatabaseProvider {
  private database: Database | undefined;

  set(database: Database): void {
    this.database = database;
  }

  get current(): Database | undefined {
    return this.database;
  }

  get(): Database {
    if (!this.database) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'The service is starting; the database is not connected yet.',
      );
    }
    return this.database;
  }
}
