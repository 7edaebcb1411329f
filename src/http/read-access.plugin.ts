import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { AppError } from '../common/app.errors';
import { fieldsOf } from '../graphql/prefetch.plan';
import type { RequestContext } from '../graphql/request.context';

/** The root fields an operation selects, through fragments; introspection (`__schema`, `__typename`) left out. */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): string[] {
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return fieldsOf(selectionSet, fragments)
    .map((field) => field.name.value)
    .filter((name) => !name.startsWith('__'));
}

/**
 * Where reads need the reader role (AUTH_READS=reader), each operation is checked once, before execution:
 * a check on every field resolution would cost more than the fields themselves.
 */
export function readAccess(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, operation, document }) {
          if (!contextValue.readsNeedRole || !operation) return Promise.resolve();
          const root = operation.operation === OperationTypeNode.MUTATION ? 'Mutation' : 'Query';
          for (const field of rootFields(operation.selectionSet, document)) {
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
