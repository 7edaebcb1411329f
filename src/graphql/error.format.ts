import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../common/app.errors';
import type { Logger } from '../common/app.logger';
import { mapNeo4jError } from '../db/neo4j.errors';

const GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
]);

/**
 * Every error leaves with a code and a message meant for a client: AppErrors as they are, Apollo's own request
 * errors as they are, anything else masked. The log keeps the detail.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = mapNeo4jError(unwrapResolverError(error));
    if (original instanceof AppError) {
      if (original.code === 'SERVICE_UNAVAILABLE' || original.code === 'TIMEOUT') {
        log.warn({ err: original.cause ?? original, path: formatted.path }, original.message);
      }
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && GRAPHQL_CODES.has(code)) {
      const limit = formatted.extensions?.limit;
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: typeof limit === 'string' ? { code, limit } : { code },
      };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
