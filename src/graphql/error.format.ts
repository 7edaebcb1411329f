import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../common/app.errors';
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
  'FORBIDDEN',
]);

/** The error as the service sees it: our typed error where there is one (driver errors included). */
export const originalError = (error: unknown): unknown => mapNeo4jError(unwrapResolverError(error));

/**
 * Every error leaves with a code and a message meant for a client: AppErrors as they are, Apollo's own request
 * errors as they are, anything else masked. The log has the detail (errors.plugin.ts).
 */
export function formatClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalError(error);
  if (original instanceof AppError) {
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
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
