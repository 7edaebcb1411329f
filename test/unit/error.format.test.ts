import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../../src/common/app.errors';
import { formatClientError as format } from '../../src/graphql/error.format';

const asResolverError = (original: Error): GraphQLError =>
  new GraphQLError(original.message, { path: ['about'], originalError: original });

describe('GraphQL error formatting', () => {
  it('passes a typed application error through with its code', () => {
    const error = new AppError('NOT_FOUND', 'No entity has id x', { id: 'x' });
    expect(format({ message: error.message, path: ['node'] }, asResolverError(error))).toEqual({
      message: 'No entity has id x',
      path: ['node'],
      extensions: { code: 'NOT_FOUND', id: 'x' },
    });
  });

  it('turns an unreachable Neo4j into SERVICE_UNAVAILABLE', () => {
    const error = new Neo4jError('Could not perform discovery', 'ServiceUnavailable', 'N/A', 'N/A');
    expect(format({ message: error.message }, asResolverError(error)).extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('masks anything else: no Cypher, no stack, no internals', () => {
    const error = new Error('Invalid input: MATCH (n:Secret) RETURN n at /srv/app/x.ts:10');
    const formatted = format(
      { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      asResolverError(error),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it("keeps GraphQL's own request errors, which tell the client what to fix", () => {
    const formatted = format(
      {
        message: 'Cannot query field "nope" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      new GraphQLError('Cannot query field "nope" on type "Query".'),
    );
    expect(formatted).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
