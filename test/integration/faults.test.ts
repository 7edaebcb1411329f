import { mintToken } from '../../src/auth/auth.service';
import type { RunningApi } from '../../src/server/api.server';
import { graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-faults:';

/** A document large enough that writing it takes well over a second on this machine. */
function bigDocument(count: number): Record<string, unknown> {
  return {
    source: { id: `${PREFIX}source`, publisher: 'test', title: 'a big document' },
    institutions: Array.from({ length: count }, (_, i) => ({
      id: `${PREFIX}institution-${i}`,
      kind: 'ENTERPRISE',
      name: `Fault Company ${i}`,
    })),
    people: Array.from({ length: count }, (_, i) => ({
      id: `${PREFIX}person-${i}`,
      name: `Fault Person ${i}`,
      positions: [{ institution: `${PREFIX}institution-${i}`, title: 'Director' }],
    })),
  };
}

describe('a transaction past its timeout', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ INGEST_TIMEOUT_MS: '100', SEED: 'never' });
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('answers TIMEOUT, writes nothing, and the API goes on serving', async () => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(
      api,
      `
        mutation ($d: JSONObject!) {
          ingestDocument(document: $d) {
            created
          }
        }
      `,
      { d: bigDocument(4000) },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(response.errors?.[0]?.message).toBe(
      'The query took longer than the allowed time and was stopped.',
    );
    expect(await graphSnapshot(api.database)).toEqual(before);
    expect((await graphql(api, '{ about { name } }')).data).toEqual({ about: { name: 'institution-graph' } });
  });
});

describe('metrics', () => {
  const SECRET = 'metrics-test-secret-of-at-least-32-characters';
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({ AUTH_JWT_SECRET: SECRET });
    token = await mintToken(SECRET, 'metrics-test', ['reader'], '10m');
  });

  afterAll(async () => {
    await api?.stop();
  });

  const send = (query: string, bearer?: string): Promise<Response> =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      },
      body: JSON.stringify({ query }),
    });

  it('counts requests and latencies by operation, errors by code, and Cypher round trips', async () => {
    await send('query Dashboard { stats { eventsPerYear { count } } }', token);
    await send('query BadPage { institutions(first: 1000) { totalCount } }', token);
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/graphql_requests_total\{operation="Dashboard",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_requests_total\{operation="BadPage",outcome="error"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Dashboard"\} 1/);
    expect(text).toMatch(/neo4j_circuit_open 0/);
    const trips = Number(/neo4j_cypher_queries (\d+)/.exec(text)?.[1]);
    expect(trips).toBeGreaterThan(0);
  });

  it('labels no operation name a client sends without a valid token', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => send(`query Junk${i} { about { name } }`)));
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).not.toMatch(/operation="Junk/);
    expect(text).toMatch(/graphql_requests_total\{operation="other",outcome="ok"\} 30/);
  });
});
