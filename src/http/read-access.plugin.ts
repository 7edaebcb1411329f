import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode, type OperationDefinitionNode, type DocumentNode } from 'graphql';
import { AppError } from '../common/app.errors';
import { SelectionWalk } from '../graphql/selection.walk';
import type { RequestContext } from '../graphql/request.context';

/** The root fields an operation selects, through fragments; introspection (`__schema`, `__typename`) left out. */
function rootFields(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown>,
): string[] {
  const names = SelectionWalk.ofDocument(document, variables)
    .fields([operation.selectionSet])
    .map((field) => field.name.value);
  return [...new Set(names)].filter((name) => !name.startsWith('__'));
}

/**
 * Where reads need the reader role (AUTH_READS=reader), each operation is checked once, before execution:
 * a check on every field resolution would cost more than the fields themselves.
 */
export function readAccess(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, operation, document, request }) {
          if (!contextValue.readsNeedRole || !operation) return Promise.resolve();
          const root = operation.operation === OperationTypeNode.MUTATION ? 'Mutation' : 'Query';
          for (const field of rootFields(operation, document, request.variables ?? {})) {
            try {
              contextValue.auth.require(contextValue.user, 'reader', `${root}.${field}`);
            } catch (error) {
              const { code, message } = error as AppError;
              throw new GraphQLError(message, {
                extensions: { code, http: { status: code === 'UNAUTHENTICATED' ? 401 : 403 } },
              });
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
