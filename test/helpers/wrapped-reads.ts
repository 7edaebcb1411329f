import type { ManagedTransaction, QueryResult, ResultSummary } from 'neo4j-driver';
import type { Database } from '../../src/db/neo4j.database';

/**
 * A Database whose reads run each query under `prefix` (EXPLAIN to see its plan without running it, PROFILE to
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
  return { read } as unknown as Database;
}
