import {
  GraphQLError,
  getNamedType,
  isListType,
  getNullableType,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config/app.config';
import type { RequestContext } from './request.context';

const limitError = (limit: string, message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } });

/** Rejects operations nested deeper than `max` fields, fragments included (cycles are another rule's error). */
export function depthLimit(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    // Each fragment's depth is worked out once: a query that spreads fragments many times costs no more to check.
    const fragmentDepths = new Map<string, number>();
    const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(
            deepest,
            selection.selectionSet ? 1 + depthOf(selection.selectionSet, visiting) : 1,
          );
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value, visiting));
        }
      }
      return deepest;
    };
    const fragmentDepth = (name: string, visiting: Set<string>): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      // A cycle is NoFragmentCyclesRule's error to report; here it adds no depth.
      if (visiting.has(name)) return 0;
      visiting.add(name);
      const depth = depthOf(fragments.get(name)?.selectionSet, visiting);
      visiting.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max)
          context.reportError(limitError('depth', `The query is ${depth} levels deep; the limit is ${max}.`));
      },
    };
  };
}

/** Rejects operations with more than `max` aliases: one field asked for a thousand times is a thousand queries. */
export function aliasLimit(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > max)
            context.reportError(
              limitError('aliases', `The query has ${aliases} aliases; the limit is ${max}.`),
            );
        },
      },
    };
  };
}

/**
 * Cost of a field: 1, plus its children's cost times how many items it can return: `first` or `limit` where it
 * takes one, else a fixed guess for unbounded lists (the page already multiplied `nodes` and `edges`).
 */
const listAwareEstimator =
  (defaultPageSize: number, neighborhoodNodes: number): ComplexityEstimator =>
  ({ args, childComplexity, field }) => {
    const bound =
      typeof args.first === 'number'
        ? args.first
        : typeof args.limit === 'number'
          ? args.limit
          : field.name === 'neighborhood'
            ? neighborhoodNodes
            : undefined;
    const list = isListType(getNullableType(field.type));
    const connection = getNamedType(field.type).name.endsWith('Connection');
    const items =
      bound ?? (connection ? defaultPageSize : list && !['nodes', 'edges'].includes(field.name) ? 10 : 1);
    return 1 + childComplexity * Math.max(items, 1);
  };

/** Depth and alias limits, as validation rules: they need the query alone. */
export function costRules(cost: Config['cost']): ValidationRule[] {
  return [depthLimit(cost.maxDepth), aliasLimit(cost.maxAliases)];
}

/**
 * The complexity limit needs the variables (a page size is often one), so it runs once the operation is
 * resolved, still before any resolver: over the limit, the request ends with HTTP 400.
 */
export function complexityLimit(
  schema: GraphQLSchema,
  cost: Config['cost'],
  limits: Config['limits'],
): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [listAwareEstimator(limits.defaultPageSize, limits.maxNeighborhoodNodes)],
            });
          } catch (error) {
            // Variables of the wrong type: execution answers that with BAD_USER_INPUT. Anything else (a query
            // too large even to estimate) is over the limit.
            if (/^Variable "\$/.test((error as Error).message)) return Promise.resolve();
            complexity = Number.POSITIVE_INFINITY;
          }
          if (complexity > cost.maxComplexity) {
            throw new GraphQLError(
              `The query's estimated cost is ${complexity}; the limit is ${cost.maxComplexity}. Ask for fewer items or fields.`,
              {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'complexity', http: { status: 400 } },
              },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
