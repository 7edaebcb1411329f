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
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('counts requests and latencies by operation, errors by code, and Cypher round trips', async () => {
    await graphql(api, 'query Dashboard { stats { eventsPerYear { count } } }');
    await graphql(api, 'query BadPage { institutions(first: 1000) { totalCount } }');
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/graphql_requests_total\{operation="Dashboard",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_requests_total\{operation="BadPage",outcome="error"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Dashboard"\} 1/);
    const trips = Number(/neo4j_cypher_queries (\d+)/.exec(text)?.[1]);
    expect(trips).toBeGreaterThan(0);
  });
});
