import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '../common/app.errors';
import type { Logger } from '../common/app.logger';
import { originalError } from '../graphql/error.format';
import type { RequestContext } from '../graphql/request.context';

/**
 * Logs every error of a request with the request's id: the detail that the client never sees. A client's own
 * mistakes are info; an unreachable or slow Neo4j is a warning; anything unexpected is an error, with its stack.
 */
export function errorLogging(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue, operationName }) {
          const requestLog = (contextValue as RequestContext | undefined)?.log ?? log;
          for (const error of errors) {
            const original = originalError(error);
            const detail = { operation: operationName, path: error.path, err: original };
            if (
              original instanceof AppError &&
              (original.code === 'SERVICE_UNAVAILABLE' || original.code === 'TIMEOUT')
            ) {
              requestLog.warn({ ...detail, err: original.cause ?? original }, original.message);
            } else if (original instanceof AppError || typeof error.extensions?.code === 'string') {
              requestLog.info(detail, error.message);
            } else {
              requestLog.error(detail, 'unexpected error in a GraphQL request');
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
