import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { currentDeadline } from '../db/request.deadline';
import type { RequestContext } from '../graphql/request.context';

/**
 * A request starts with the deadline of reads (REQUEST_TIMEOUT_MS, app.http.ts); once it is known to be a
 * mutation, it gets the longer one of writes, which may carry a whole document.
 */
export function mutationDeadline(writeTimeoutMs: number): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION)
            currentDeadline()?.extendTo(writeTimeoutMs);
          return Promise.resolve();
        },
      });
    },
  };
}
