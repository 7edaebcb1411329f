import {
  GraphQLError,
  getNamedType,
  isListType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LruCache } from '../common/lru.cache';
import type { Config } from '../config/app.config';
import { RELATIONSHIP_TYPES } from '../db/identifier.whitelist';
import {
  BROKER_EXAMPLES,
  COMMUNITY_MEMBERS,
  COMMUNITY_TIES,
  DEFAULT_ANALYTICS_RESULTS,
  HOP_LINKS,
  SIMILAR_SHARED,
} from '../modules/analytics/analytics.service';
import { DEFAULT_SEARCH_HITS } from '../modules/search/search.service';
import { TOP_ENTITIES } from '../traversal/stats.service';
import { SUMMARY, summaryMembers } from '../traversal/summary.service';
import { COMMON_CONNECTIONS, DEFAULT_PATHS } from '../traversal/traversal.service';
import { NESTED_LISTS, type ListBound } from './list.bounds';
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
 * What one dashboard aggregate (each field of `stats`) counts as: a query over the whole graph, about 100 ms at
 * the benchmark's 100k tier where a lookup with its nested lists takes a few; a dashboard's five fit the default
 * limit. It counts once per operation: a request computes each aggregate at most once however many aliases name
 * it (stats.service.ts).
 */
export const AGGREGATE_COST = 3_000;

type Args = Record<string, unknown>;
const given = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * How many items a field returns at most, from the caps its resolver applies (or the default it uses when the
 * request names none): keyed by type and field.
 */
const listCaps = (limits: Config['limits']): Record<string, (args: Args) => number> => ({
  'Query.search': (args) => given(args.first) ?? DEFAULT_SEARCH_HITS,
  'Query.timeline': () => limits.maxTimelineEvents,
  'Query.commonConnections': () => COMMON_CONNECTIONS,
  'Query.paths': (args) => given(args.first) ?? DEFAULT_PATHS,
  // A subgraph's nodes and edges (counted once each below) are multiplied here.
  'Query.neighborhood': (args) => given(args.limit) ?? limits.maxNeighborhoodNodes,
  'GraphPath.hops': () => limits.maxTraversalDepth,
  'GraphPath.nodes': () => limits.maxTraversalDepth + 1,
  'Stats.topEntities': (args) => given(args.limit) ?? TOP_ENTITIES.default,
  // An analytics answer's list is as long as the query's `first` (counted on the query's field) ...
  'Query.centrality': analyticsFirst,
  'Query.communities': analyticsFirst,
  'Query.brokers': analyticsFirst,
  'Query.similar': analyticsFirst,
  'CentralityResult.ranked': () => 1,
  'CommunitiesResult.communities': () => 1,
  'BrokersResult.brokers': () => 1,
  'SimilarResult.similar': () => 1,
  // ... and the lists inside each item are capped by the service.
  'Community.members': () => COMMUNITY_MEMBERS,
  'Community.ties': () => COMMUNITY_TIES,
  'Broker.examples': () => BROKER_EXAMPLES,
  // A route per example; a broker's paths are at most MAX_TRAVERSAL_DEPTH hops, as every walk.
  'Broker.routes': () => BROKER_EXAMPLES,
  'BrokerRoute.hops': () => limits.maxTraversalDepth,
  'BrokerHop.links': () => HOP_LINKS,
  'SimilarEntity.shared': () => SIMILAR_SHARED,
  // A summary's groups and their members (counted once each below) are multiplied here: all members below the
  // threshold, perGroup in each group above it.
  'Query.neighbourhoodSummary': (args) =>
    summaryMembers(
      given(args.groupThreshold) ?? SUMMARY.threshold.default,
      given(args.perGroup) ?? SUMMARY.perGroup.default,
    ),
});

const analyticsFirst = (args: Args): number => given(args.first) ?? DEFAULT_ANALYTICS_RESULTS;

/** Analytics queries that project and run an algorithm over their whole scope: each costs an aggregate's worth. */
const WHOLE_GRAPH_QUERIES = new Set(['centrality', 'communities', 'brokers']);

/** Lists whose length the field above them already counted: a page's, a subgraph's and a summary's. */
const COUNTED_ABOVE = new Set(['nodes', 'edges', 'groups', 'members']);

/**
 * Lists as long as what the request itself sent (an ingest's report names the document's mentions, a batch's
 * its documents): the body limit bounds them, and nothing is read to fill them.
 */
const REQUEST_SIZED = new Set([
  'IngestReport.entities',
  'IngestReport.uncertain',
  'IngestReport.skipped',
  'UncertainMention.candidates',
  'IngestBatchReport.documents',
]);

/** The relationships between two nodes that a common connection lists: one per type in the graph. */
const VIA_EDGES = RELATIONSHIP_TYPES.length;

/** Lists held in the properties of the node above them (an entity's names): read with it, nothing more. */
const PROPERTY_LISTS: Record<string, true> = { 'Entity.names': true };

/** The entry for `Type.field` in a table keyed so, by the type's own name or one of its interfaces'. */
const entryFor = <T>(table: Record<string, T>, type: GraphQLCompositeType, field: string): T | undefined => {
  const names = [type.name, ...(isObjectType(type) || isInterfaceType(type) ? type.getInterfaces() : [])];
  for (const name of names.map((n) => (typeof n === 'string' ? n : n.name))) {
    const entry = table[`${name}.${field}`];
    if (entry) return entry;
  }
  return undefined;
};

/**
 * How many items a list field can return, as a function of its arguments; undefined for a list whose bound
 * the estimator does not know (cost.rules.test.ts finds none in the schema). Lists of scalars and enums hold
 * values of the object above them: their items cost nothing to count.
 */
export const listBounds = (
  limits: Config['limits'],
): ((
  type: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
) => ((args: Args) => number) | undefined) => {
  const caps = listCaps(limits);
  return (type, field) => {
    const cap = caps[`${type.name}.${field.name}`];
    if (cap) return cap;
    if (!isListType(getNullableType(field.type)) && !getNamedType(field.type).name.endsWith('Connection'))
      return () => 1;
    const nested = entryFor<ListBound>(NESTED_LISTS, type, field.name);
    // Above the maximum the resolver refuses `first` with BAD_USER_INPUT: counting it at the maximum lets it.
    if (nested) return (args) => Math.min(given(args.first) ?? nested.default, nested.max);
    if (getNamedType(field.type).name.endsWith('Connection'))
      return (args) => given(args.first) ?? limits.defaultPageSize;
    if (COUNTED_ABOVE.has(field.name) || isLeafType(getNamedType(field.type))) return () => 1;
    if (entryFor(PROPERTY_LISTS, type, field.name)) return () => 1;
    // Each aggregate's whole answer is counted in AGGREGATE_COST.
    if (type.name === 'Stats' || REQUEST_SIZED.has(`${type.name}.${field.name}`)) return () => 1;
    if (type.name === 'CommonConnection') return () => VIA_EDGES;
    return undefined;
  };
};

/**
 * Cost of a field: 1, plus its children's cost times how many items it can return (listBound). A list whose
 * bound is unknown makes the estimate infinite: the request is refused rather than let through unbounded.
 * Each dashboard aggregate adds AGGREGATE_COST the first time the operation names it. One estimator per operation.
 */
export const listAwareEstimator = (limits: Config['limits']): ComplexityEstimator => {
  const aggregates = new Set<string>();
  const aggregateCost = (name: string): number => {
    if (aggregates.has(name)) return 1;
    aggregates.add(name);
    return AGGREGATE_COST;
  };
  const boundOf = listBounds(limits);
  return ({ args, childComplexity, field, type }) => {
    const bound = boundOf(type, field);
    if (!bound) return Number.POSITIVE_INFINITY;
    const items = bound(args);
    const own =
      type.name === 'Stats'
        ? aggregateCost(field.name)
        : type.name === 'Query' && WHOLE_GRAPH_QUERIES.has(field.name)
          ? AGGREGATE_COST
          : 1;
    return own + childComplexity * Math.max(items, 1);
  };
};

/** Depth and alias limits, as validation rules: they need the query alone. */
export function costRules(cost: Config['cost']): ValidationRule[] {
  return [depthLimit(cost.maxDepth), aliasLimit(cost.maxAliases)];
}

/**
 * The estimated cost of an operation with its variables; infinite for a document too large even to estimate.
 * Undefined when the variables do not fit it: execution answers that with BAD_USER_INPUT.
 */
export function estimateCost(
  schema: GraphQLSchema,
  limits: Config['limits'],
  request: { document: DocumentNode; operationName?: string; variables?: Record<string, unknown> },
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: request.document,
      operationName: request.operationName,
      variables: request.variables ?? {},
      estimators: [listAwareEstimator(limits)],
    });
  } catch (error) {
    if (/^Variable "\$/.test((error as Error).message)) return undefined;
    return Number.POSITIVE_INFINITY;
  }
}

/** Variables whose value can change an estimate: a text or an id names what to read, never how much. */
export const COST_NEUTRAL_TYPES = new Set(['String', 'ID']);

/** Past this length a key is not worth keeping: the estimate is worked out again. */
const MAX_KEY_LENGTH = 2_000;

/**
 * The estimate's cache key: the document's hash, the operation and the values of the variables that can change
 * the estimate (page sizes, limits, @skip/@include conditions); undefined when the key would be too long.
 */
function costKey(
  queryHash: string,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string | undefined {
  const relevant: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    if (type.kind === Kind.NAMED_TYPE && COST_NEUTRAL_TYPES.has(type.name.value)) continue;
    const name = definition.variable.name.value;
    relevant[name] = variables[name] ?? null;
  }
  const key = `${queryHash}\u0000${operation.name?.value ?? ''}\u0000${JSON.stringify(relevant)}`;
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/** Estimates kept per document: a client repeats a few operations, each estimated once. */
const COST_CACHE_SIZE = 1_000;

/**
 * The complexity limit needs the variables (a page size is often one), so it runs once the operation is
 * resolved, still before any resolver: over the limit, the request ends with HTTP 400.
 */
export function complexityLimit(
  schema: GraphQLSchema,
  cost: Config['cost'],
  limits: Config['limits'],
): ApolloServerPlugin<RequestContext> {
  // Undefined (variables that do not fit) is kept as null: the same variables do not fit the next time either.
  const estimates = new LruCache<number | null>(COST_CACHE_SIZE);
  const estimate = (
    queryHash: string,
    operation: OperationDefinitionNode | undefined,
    request: { document: DocumentNode; operationName?: string; variables: Record<string, unknown> },
  ): number | undefined => {
    const key = operation && costKey(queryHash, operation, request.variables);
    const known = key === undefined ? undefined : estimates.get(key);
    if (known !== undefined) return known ?? undefined;
    const complexity = estimateCost(schema, limits, request);
    if (key !== undefined) estimates.set(key, complexity ?? null);
    return complexity;
  };
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation, queryHash }) {
          const complexity = estimate(queryHash, operation, {
            document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
          });
          if (complexity !== undefined && complexity > cost.maxComplexity) {
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
