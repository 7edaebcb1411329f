import { execute, Kind, parse, type GraphQLSchema } from 'graphql';
import type { ManagedTransaction } from 'neo4j-driver';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/app.errors';
import type { Logger } from '../common/app.logger';
import type { Config } from '../config/app.config';
import { DatabaseProvider } from '../db/database.provider';
import type { Database } from '../db/neo4j.database';
import { prefetchSteps, type PrefetchStep } from '../graphql/prefetch.plan';
import type { RequestContext } from '../graphql/request.context';
import { RequestLoaders } from '../graphql/request.loaders';
import { SelectionWalk } from '../graphql/selection.walk';
import { RelationshipService } from '../modules/entity/relationship.service';
import {
  ENTITY,
  GROUP_PAGE,
  GROUP_PAGE_SIZE,
  NEIGHBOURHOOD_SUMMARY,
  TIMELINE,
  TIMELINE_PAGE_SIZE,
} from '../web/explorer.queries';
import { createServices } from './app.services';

/** An id no entity has: every query runs and matches nothing, which plans it as fully as a real read. */
const NONE = 'plan-warmup:none';

/**
 * What the explorer sends when an entity is opened (src/web/explorer.queries.ts), with variables of the types it
 * sends: Neo4j keys its plans by the query's text and its parameters' types.
 */
export const WARMED_OPERATIONS: { name: string; query: string; variables: Record<string, unknown> }[] = [
  { name: 'Entity', query: ENTITY, variables: { id: NONE } },
  {
    name: 'Timeline',
    query: TIMELINE,
    variables: { id: NONE, from: null, to: null, first: TIMELINE_PAGE_SIZE, after: null },
  },
  {
    name: 'NeighbourhoodSummary',
    query: NEIGHBOURHOOD_SUMMARY,
    variables: { id: NONE, kinds: null, from: null, to: null },
  },
  {
    name: 'GroupPage',
    query: GROUP_PAGE,
    variables: {
      id: NONE,
      kind: 'EVENT',
      relationship: 'PARTICIPATED_IN',
      direction: 'OUTGOING',
      from: null,
      to: null,
      first: GROUP_PAGE_SIZE,
      after: null,
    },
  },
];

export interface WarmupReport {
  /** The Cypher texts run, in order. */
  statements: string[];
  /** Why operations or loader reads failed (Neo4j went away, say): their plans are made by the first request. */
  failures: string[];
  ms: number;
}

/** `db` with every read's query text added to `statements` as it is sent. */
function recorded(db: Database, statements: string[]): Database {
  const query: Database['query'] = (statement, parameters, timeoutMs) => {
    statements.push(statement);
    return db.query(statement, parameters, timeoutMs);
  };
  const read = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> =>
    db.read((tx) => {
      const run: ManagedTransaction['run'] = (query, parameters) => {
        statements.push(typeof query === 'object' && 'text' in query ? query.text : String(query));
        return tx.run(query, parameters);
      };
      return work(Object.assign(Object.create(tx) as ManagedTransaction, { run }));
    });
  return Object.assign(Object.create(db) as Database, { read, query });
}

/** The relationships the look-ahead of an operation follows, at every depth: each has a loader of its own. */
function stepsOf(query: string, variables: Record<string, unknown>): PrefetchStep[] {
  const document = parse(query);
  const walk = SelectionWalk.ofDocument(document, variables);
  const roots = document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? walk.fields([definition.selectionSet]) : [],
  );
  const flat = (steps: PrefetchStep[]): PrefetchStep[] => steps.flatMap((s) => [s, ...flat(s.next)]);
  return flat(
    prefetchSteps(
      roots.map((root) => root.selectionSet),
      walk,
    ),
  );
}

/**
 * Plans the Cypher of the explorer's operations on Neo4j before anyone asks: the first planning of each is a
 * material part of a first open (on the 100k tier, 0.6 to 3.4 s per query on a loaded machine), and EXPLAIN
 * leaves the runtime's part of it undone, so each query is run, on an id that names nothing. Then the loaders
 * an entity found would lead to (its long lists, its country, nodes by id) read the same id. One query at a
 * time, after the API is ready; nothing it meets is thrown.
 */
export async function warmPlans(deps: {
  db: Database;
  config: Config;
  log: Logger;
  schema: GraphQLSchema;
  /** Aborted when the API stops: no query is sent after it. */
  signal: AbortSignal;
}): Promise<WarmupReport> {
  const started = Date.now();
  const statements: string[] = [];
  const databases = new DatabaseProvider();
  databases.set(recorded(deps.db, statements));
  const loaders = new RequestLoaders(databases, deps.config.limits.maxTraversalDepth);
  const context: RequestContext = {
    requestId: 'plan-warmup',
    log: deps.log,
    services: createServices(databases, deps.config),
    graph: new RelationshipService(loaders),
    user: undefined,
    auth: new AuthService(deps.config.auth),
    readsNeedRole: false,
  };
  const failures: string[] = [];
  const attempt = async (work: () => Promise<unknown>): Promise<void> => {
    if (deps.signal.aborted) return;
    try {
      await work();
    } catch (error) {
      failures.push((error as Error).message);
    }
  };
  for (const { query, variables } of WARMED_OPERATIONS) {
    await attempt(async () => {
      const result = await execute({
        schema: deps.schema,
        document: parse(query),
        variableValues: variables,
        contextValue: context,
      });
      // NOT_FOUND is the answer expected for an id that names nothing; anything else means a query did not run.
      const unexpected = result.errors?.find(
        (e) => !(e.originalError instanceof AppError && e.originalError.code === 'NOT_FOUND'),
      );
      if (unexpected) throw unexpected;
    });
  }
  const steps = WARMED_OPERATIONS.flatMap(({ query, variables }) => stepsOf(query, variables));
  await attempt(() => loaders.nodes.load(NONE));
  await attempt(() => loaders.countries.load(NONE));
  for (const step of steps) await attempt(async () => loaders.read(step.read, NONE, step.first, step.params));
  const report = { statements, failures, ms: Date.now() - started };
  deps.log.info(
    { statements: statements.length, failures, ms: report.ms },
    `warmed the explorer's query plans: ${statements.length} Cypher queries in ${report.ms} ms`,
  );
  return report;
}
