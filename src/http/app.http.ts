import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { AuthService } from '../auth/auth.service';
import { complexityLimit, costRules } from '../graphql/cost.rules';
import { createMetrics } from './metrics.plugin';
import type { Logger } from '../common/app.logger';
import type { Config } from '../config/app.config';
import type { DatabaseProvider } from '../db/database.provider';
import { RequestDeadline, withDeadline } from '../db/request.deadline';
import { RequestLoaders } from '../graphql/request.loaders';
import { RelationshipService } from '../modules/entity/relationship.service';
import { formatClientError } from '../graphql/error.format';
import { errorLogging } from './errors.plugin';
import { exportHandler } from './export.http';
import { mutationDeadline } from './deadline.plugin';
import { readAccess } from './read-access.plugin';
import { webStatic } from './web.static';
import type { RequestContext, Services } from '../graphql/request.context';

export interface HttpApp {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type Deps = {
  config: Config;
  log: Logger;
  schema: GraphQLSchema;
  services: Services;
  databases: DatabaseProvider;
};

/** Apollo with the cost limits before execution and the plugins in the order their hooks must run. */
function createApollo(deps: Deps, httpServer: http.Server, metrics: ReturnType<typeof createMetrics>) {
  const { config, log, schema } = deps;
  const production = config.env === 'production';
  return new ApolloServer<RequestContext>({
    schema,
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    // No "did you mean" field suggestions in production: they describe the schema to whoever asks.
    hideSchemaDetailsFromClientErrors: production,
    // Cost limits run before execution: an over-limit request reaches no resolver and no Cypher.
    parseOptions: { maxTokens: config.cost.maxTokens },
    validationRules: costRules(config.cost),
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // This process owns SIGINT and SIGTERM: it drains HTTP, then closes Neo4j (src/index.ts).
    stopOnTerminationSignals: false,
    plugins: [
      // Half the shutdown time drains requests; the other half is Neo4j's to close (neo4j.connection.ts).
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.http.shutdownTimeoutMs / 2,
      }),
      // No cache hints in this schema: Apollo's default cache-control plugin would wrap every field's resolver
      // and run a hook per field of every request to find that out. The header it sent is set below instead.
      ApolloServerPluginCacheControlDisabled(),
      mutationDeadline(config.neo4j.ingestTimeoutMs),
      // Apollo calls these hooks in this order, and the first to throw ends the request: the cost check,
      // whose walk is bounded, goes before anything else walks the selection.
      complexityLimit(schema, config.cost, config.limits),
      readAccess(),
      metrics.plugin,
      errorLogging(log),
    ],
  });
}

/** Each GraphQL request's context: its id, its own loaders, and who is asking (401 for a bad token). */
function requestContext(deps: Deps, auth: AuthService) {
  const { config, log, services, databases } = deps;
  return async ({ req }: { req: express.Request }): Promise<RequestContext> => {
    const given = req.header('x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    const graph = new RelationshipService(new RequestLoaders(databases, config.limits.maxTraversalDepth));
    let user;
    try {
      user = await auth.authenticate(req.header('authorization'));
    } catch (error) {
      // Thrown here, before execution, it must carry its own HTTP status: 401.
      throw new GraphQLError((error as Error).message, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    let requestLog: Logger | undefined;
    return {
      requestId,
      // Made when first used: most requests log nothing, and a child logger per request showed in profiles.
      get log() {
        return (requestLog ??= log.child({ requestId }));
      },
      services,
      graph,
      user,
      auth,
      readsNeedRole: config.auth.reads === 'reader',
    };
  };
}

/** Every query a request makes takes its time from this deadline. */
const deadline =
  (config: Config) => (_req: express.Request, _res: express.Response, next: express.NextFunction) =>
    withDeadline(new RequestDeadline(Date.now(), config.http.requestTimeoutMs), next);

/** Answers are per user and per moment: no cache keeps them (what Apollo's cache-control plugin sent). */
const noStore = (_req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.setHeader('cache-control', 'no-store');
  next();
};

/** Bodies that are not JSON or are too large never reach GraphQL: answer in GraphQL's error shape, no stack. */
const bodyErrors =
  (log: Logger) =>
  (
    error: { status?: number; type?: string },
    _req: express.Request,
    res: express.Response,
    _next: express.NextFunction,
  ) => {
    const status = error.status ?? 500;
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is larger than this server accepts.'
        : status < 500
          ? 'The request body is not valid JSON.'
          : 'Internal server error';
    if (status >= 500) log.error({ err: error }, 'unexpected HTTP error');
    res.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  };

/** Express with /healthz, /readyz, /metrics, /graphql and the explorer page at /; not yet listening. */
export async function createHttpApp(deps: Deps): Promise<HttpApp> {
  const { config, log, services, databases } = deps;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const metrics = createMetrics(databases);
  const apollo = createApollo(deps, httpServer, metrics);
  const auth = new AuthService(config.auth);
  if (!auth.enabled)
    log.warn('access control is off: no AUTH_JWT_SECRET or AUTH_JWKS_URL is set, so anyone may write');
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await services.system.readiness();
    if (readiness.ready) res.json({ status: 'ready', neo4j: readiness.neo4j });
    else res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
  app.use(
    '/graphql',
    // Room for the largest ingest document in a GraphQL request; the ingest service checks the document itself.
    express.json({ limit: config.limits.maxDocumentBytes * 2 }),
    // After the body is read: its stream callbacks would lose the async context the deadline lives in.
    deadline(config),
    noStore,
    expressMiddleware(apollo, { context: requestContext(deps, auth) }),
  );
  app.get(
    '/export',
    deadline(config),
    exportHandler({ exporter: services.export, auth, readsNeedRole: config.auth.reads === 'reader', log }),
  );
  app.use(webStatic());
  app.use(bodyErrors(log));
  return { httpServer, apollo };
}
