import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseProvider } from '../db/database.provider';
import type { RequestContext } from '../graphql/request.context';

const MAX_OPERATION_LABELS = 200;

/** Prometheus metrics, one registry per API instance: requests and latencies by operation, errors by code. */
export function createMetrics(databases: DatabaseProvider): {
  registry: Registry;
  plugin: ApolloServerPlugin<RequestContext>;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors sent to clients, by code',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'neo4j_circuit_open',
    help: 'Whether the circuit breaker refuses queries because Neo4j does not answer (1) or not (0)',
    registers: [registry],
    collect() {
      this.set(databases.current?.breakerState === 'open' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'neo4j_cypher_queries',
    help: 'Cypher queries sent to Neo4j since start (round trips)',
    registers: [registry],
    collect() {
      this.set(databases.current?.queryCount ?? 0);
    },
  });

  // Operation names come from clients. Only a request with a valid token names its series: anyone else could
  // fill the label set with names of their choosing. Past a bound, new names share one label too.
  const seen = new Set<string>();
  const operationLabel = (name: string | null | undefined, authenticated: boolean): string => {
    if (!name) return 'anonymous';
    if (!authenticated) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    seen.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin<RequestContext> = {
    requestDidStart() {
      const stop = latency.startTimer();
      return Promise.resolve({
        willSendResponse({ operationName, response, contextValue }) {
          const user = (contextValue as RequestContext | undefined)?.user;
          const operation = operationLabel(operationName, user !== undefined);
          // The errors as the client sees them, after formatting: their codes are the ones that count.
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of sent) {
            const code = error.extensions?.code;
            errors.inc({ code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
          }
          stop({ operation });
          requests.inc({ operation, outcome: sent.length > 0 ? 'error' : 'ok' });
          return Promise.resolve();
        },
      });
    },
  };
  return { registry, plugin };
}
