import type { ManagedTransaction, QueryResult, Record as Neo4jRecord, ResultSummary } from 'neo4j-driver';
import type { Database } from '../../src/db/neo4j.database';

/**
 * A Database whose reads (read and query) run each query under `prefix` (EXPLAIN to see its plan without running it, PROFILE to
 * count its work), handing every summary to `seen`: what a repository plans, without changing the repository.
 */
export function wrappedReads(
  db: Database,
  prefix: 'EXPLAIN' | 'PROFILE',
  seen: (summary: ResultSummary) => void,
): Database {
  const read = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> =>
    db.read((tx) => {
      const run = async (query: string, parameters?: Record<string, unknown>): Promise<QueryResult> => {
        const result = await tx.run(`${prefix} ${query}`, parameters);
        seen(result.summary);
        return result;
      };
      return work({ run } as unknown as ManagedTransaction);
    });
  // One statement alone (Database.query) runs the same way, in a transaction of its own.
  const query = (statement: string, parameters?: Record<string, unknown>): Promise<Neo4jRecord[]> =>
    read(async (tx) => (await tx.run(statement, parameters)).records);
  return { read, query } as unknown as Database;
}

/**
 * A Database whose write transactions run each statement under PROFILE, handing every summary and statement to
 * `seen`: the plans of what a repository writes, written as it would be.
 */
export function profiledWrites(
  db: Database,
  seen: (summary: ResultSummary, query: string) => void,
): Database {
  const write = <T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> =>
    db.write((tx) => {
      const run = async (query: string, parameters?: Record<string, unknown>): Promise<QueryResult> => {
        const result = await tx.run(`PROFILE ${query}`, parameters);
        seen(result.summary, query);
        return result;
      };
      return work({ run } as unknown as ManagedTransaction);
    }, timeoutMs);
  return { write, ingestTimeoutMs: db.ingestTimeoutMs } as unknown as Database;
}
