import { Neo4jError } from 'neo4j-driver';
import { AppError, serviceUnavailable, timedOut } from '../common/app.errors';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMEOUTS = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** The driver could not reach Neo4j, or no connection to it was free in time: the server did not answer. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (UNAVAILABLE.has(error.code) || /connection acquisition timed out|failed to connect/i.test(error.message))
  );
}

/** Turns a driver error into the typed error a client may see; other errors pass through to be masked. */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Neo4jError)) return error;
  if (isUnreachable(error)) return serviceUnavailable(error);
  if (TIMEOUTS.has(error.code)) return timedOut(error);
  // Still transient after the driver's retries: other writes kept taking the same nodes.
  if (error.code.startsWith('Neo.TransientError.Transaction.')) {
    return new AppError(
      'CONFLICT',
      'Concurrent writes to the same entities kept colliding; try again.',
      {},
      { cause: error },
    );
  }
  return error;
}
