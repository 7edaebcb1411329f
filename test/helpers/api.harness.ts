import pino from 'pino';
import { loadConfig } from '../../src/config/app.config';
import { startApi, type RunningApi } from '../../src/server/api.server';
import { neo4jEnv } from './neo4j.test-db';

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; limit?: string } }[];
}

/** The API in this process, on the run's shared Neo4j, with the seed loaded: GraphQL in, data out. */
export async function startTestApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    ...neo4jEnv(),
    SEED: 'always',
    ...env,
  });
  const api = await startApi(config, pino({ level: 'silent' }));
  // Tests count the queries a request sends: the warm-up's, run once the API is ready, are over before then.
  await api.warmup;
  return api;
}

export async function graphql<T = Record<string, unknown>>(
  api: RunningApi,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** The data of a query that must succeed; its errors, if any, fail the test with their messages. */
export async function data<T = Record<string, unknown>>(
  api: RunningApi,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await graphql<T>(api, query, variables);
  if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}
