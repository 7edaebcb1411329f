import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type SelectionSetNode } from 'graphql';
import { AppError } from '../common/app.errors';
import type { RequestContext } from '../graphql/request.context';

/** The root fields an operation selects, through fragments; introspection (`__schema`, `__typename`) left out. */
function rootFields(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD)
      return selection.name.value.startsWith('__') ? [] : [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    const fragment = document.definitions.find(
      (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION
      ? rootFields(fragment.selectionSet, document, seen)
      : [];
  });
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
