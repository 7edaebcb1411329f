import { mintToken } from '../../src/auth/auth.service';
import type { RunningApi } from '../../src/server/api.server';
import { startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-hostile:';

async function raw(api: RunningApi, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

const post = (api: RunningApi, query: string, variables: Record<string, unknown> = {}) =>
  raw(api, JSON.stringify({ query, variables }));

/** Hostile and malformed requests: each gets a clear, typed error; the process keeps serving; nothing is written. */
describe('hostile input', () => {
  let api: RunningApi;
  let before: unknown;

  beforeAll(async () => {
    api = await startTestApi({
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_ALIASES: '20',
      MAX_QUERY_COMPLEXITY: '5000',
      MAX_QUERY_TOKENS: '1500',
    });
    before = await graphSnapshot(api.database);
  });

  afterEach(async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  afterAll(async () => {
    if (api) {
      expect(await graphSnapshot(api.database)).toEqual(before);
      await removeByPrefix(api.database, PREFIX);
    }
    await api?.stop();
  });

  const expectLimit = (result: Awaited<ReturnType<typeof post>>, limit: string) => {
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
  };

  it('rejects a query nested too deep before any Cypher runs', async () => {
    const deep = `{ institution(id: "institution:cn-most") { ${'parent { '.repeat(10)}id${' }'.repeat(10)} } }`;
    const queries = api.database.queryCount;
    expectLimit(await post(api, deep), 'depth');
    expect(api.database.queryCount).toBe(queries);
  });

  it('rejects fragment cycles, and depth hidden in fragments', async () => {
    const cycle = await post(
      api,
      `query { node(id: "x") { ...A } } fragment A on Institution { parent { ...B } } fragment B on Institution { parent { ...A } }`,
    );
    expect(cycle.status).toBe(400);
    expect(cycle.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const hidden = await post(
      api,
      `{ institution(id: "institution:cn-most") { ...A } }
       fragment A on Institution { parent { ...B } } fragment B on Institution { parent { ...C } }
       fragment C on Institution { parent { ...D } } fragment D on Institution { parent { parent { parent { parent { parent { id } } } } } }`,
    );
    expectLimit(hidden, 'depth');
  });

  it('rejects fan-out: lists of lists multiplied past the cost limit', async () => {
    const fanOut = `{ institutions(first: 100) { nodes { people { person { events { event { id } } } } } } }`;
    expectLimit(await post(api, fanOut), 'complexity');
  });

  it('estimates a document again when its variables change the cost: a small first answer lets no big one through', async () => {
    const paged = `query Paged($first: Int, $deep: Boolean!) { institutions(first: $first) {
      nodes { id people @include(if: $deep) { person { events { event { id } } } } } } }`;
    const small = await post(api, paged, { first: 1, deep: false });
    expect(small.status).toBe(200);
    expect(small.json.errors).toBeUndefined();
    const queries = api.database.queryCount;
    expectLimit(await post(api, paged, { first: 100, deep: true }), 'complexity');
    expectLimit(await post(api, paged, { first: 1, deep: true }), 'complexity');
    expect(api.database.queryCount).toBe(queries);
    expect((await post(api, paged, { first: 1, deep: false })).status).toBe(200);
  });

  it('rejects fragments that double at every level, quickly and before execution', async () => {
    const fragments = Array.from({ length: 30 }, (_, i) =>
      i === 29
        ? `fragment F${i} on Query { about { name } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const queries = api.database.queryCount;
    const result = await post(api, `query { ...F0 }\n${fragments}`);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'complexity',
    });
    expect(api.database.queryCount).toBe(queries);
  });

  it('rejects an alias bomb', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: search(query: "ningxia") { score }`).join(
      ' ',
    );
    expectLimit(await post(api, `{ ${aliases} }`), 'aliases');
  });

  it('rejects a document of too many tokens before parsing it whole', async () => {
    const huge = `{ ${Array.from({ length: 800 }, () => 'about { name }').join(' ')} }`;
    const result = await post(api, huge);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects a huge page size and wrong variable types', async () => {
    const page = await post(api, `{ institutions(first: 1000) { totalCount } }`);
    expect(page.json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const wrongType = await post(api, `query ($first: Int) { institutions(first: $first) { totalCount } }`, {
      first: 'ten',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongDate = await post(api, `query ($d: Date) { events(filter: { from: $d }) { totalCount } }`, {
      d: '23/12/2019',
    });
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.json.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
  });

  it('answers a body that is not JSON, or too large, with a JSON error and no stack', async () => {
    const notJson = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ "query": ',
    });
    expect(notJson.status).toBe(400);
    const text = await notJson.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const tooLarge = await raw(
      api,
      JSON.stringify({ query: '{ about { name } }', pad: 'x'.repeat(2_100_000) }),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).not.toMatch(/at .*\.js|node_modules/);
  });

  it('refuses batched requests and cross-site simple requests', async () => {
    const batch = await raw(
      api,
      JSON.stringify([{ query: '{ about { name } }' }, { query: '{ about { name } }' }]),
    );
    expect(batch.status).toBe(400);
    const csrf = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ about { name } }')}`, {
      method: 'GET',
    });
    expect(csrf.status).toBe(400);
  });

  const INJECTIONS = [
    "') MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    '` MATCH (n) DETACH DELETE n //',
    "x' OR 1=1 --",
    '$ids',
    '\u0000\u0001',
    '{{7*7}}',
  ];

  it.each(INJECTIONS)('treats %j as plain text in every string argument', async (text) => {
    const reads = [
      [`query ($t: String!) { search(query: $t) { score } }`, { t: text }],
      [`query ($t: String) { institutions(filter: { name: $t }) { totalCount } }`, { t: text }],
      [`query ($t: String) { people(filter: { name: $t }) { totalCount } }`, { t: text }],
      [`query ($t: String) { events(filter: { name: $t }) { totalCount } }`, { t: text }],
      [`query ($t: ID!) { node(id: $t) { id } }`, { t: text }],
      [`query ($t: ID!) { neighborhood(id: $t) { truncated } }`, { t: text }],
      [`query ($t: ID!) { timeline(id: $t) { date } }`, { t: text }],
      [`query ($t: ID!) { shortestPath(from: "person:batulzii", to: $t) { length } }`, { t: text }],
    ] as const;
    for (const [query, variables] of reads) {
      const result = await post(api, query, variables);
      const code = result.json.errors?.[0]?.extensions?.code;
      expect([undefined, 'BAD_USER_INPUT', 'NOT_FOUND']).toContain(code);
      expect(result.text).not.toMatch(/Neo\.|neo4j|Cypher|node_modules|\.ts:\d/i);
    }
    const write = await post(
      api,
      `mutation ($document: JSONObject!) { ingestDocument(document: $document) { created } }`,
      {
        document: {
          source: { id: text, publisher: text, title: text },
          institutions: [{ ref: 'a', kind: 'ENTERPRISE', name: text }],
          relationships: [{ from: 'a', type: 'PART_OF', to: text }],
        },
      },
    );
    expect(write.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('production mode', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'production-secret-of-at-least-32-chars',
      SEED: 'never',
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('tells every cache not to keep an answer, a refused one included', async () => {
    for (const query of ['{ about { name } }', '{ nothing }']) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('turns introspection and field suggestions off', async () => {
    const introspection = await post(api, '{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await post(api, '{ institutionz { totalCount } }');
    expect(typo.status).toBe(400);
    expect(typo.text).not.toMatch(/Did you mean/);
  });
});

/** Fragments F0 ... F(levels-1) on `type`, each spreading the next twice (each spread with `spread`), the last `leaf`. */
const doubling = (levels: number, type: string, leaf: string, spread = ''): string =>
  Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on ${type} { ${leaf} }`
      : `fragment F${i} on ${type} { ...F${i + 1} ${spread} ...F${i + 1} ${spread} }`,
  ).join('\n');

/**
 * Walks of the selection (read access, look-ahead) visit each fragment once and skip what @skip skips: a document
 * that doubles its fragments at each of 22 levels took minutes before (2^22 branches walked); the cost check runs
 * first. The timeouts are only a backstop: the bounded work is asserted in test/unit/selection.walk.test.ts.
 */
describe('hostile selections where reads need a token', () => {
  const SECRET = 'test-secret-that-is-long-enough-for-hs256';
  let api: RunningApi;
  let reader: string;

  beforeAll(async () => {
    api = await startTestApi({ AUTH_JWT_SECRET: SECRET, AUTH_READS: 'reader' });
    reader = await mintToken(SECRET, 'test-reader', ['reader'], '10m');
  });

  afterAll(async () => {
    await api?.stop();
  });

  const asReader = (query: string, variables: Record<string, unknown> = {}) =>
    raw(api, JSON.stringify({ query, variables }), { authorization: `Bearer ${reader}` });

  it('checks the cost before read access walks the selection: 400, not a walk of 2^22 branches', async () => {
    const result = await post(api, `{ ...F0 }\n${doubling(22, 'Query', 'about { name }')}`);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'complexity',
    });
  }, 30_000);

  it('walks skipped fragments once in the read-access check: 401 without a token', async () => {
    const query = `query ($skip: Boolean!) { about { name } ...F0 @skip(if: $skip) }
      ${doubling(22, 'Query', 'about { name }', '@skip(if: $skip)')}`;
    const result = await post(api, query, { skip: true });
    expect(result.status).toBe(401);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // What @include takes in is checked like any other root field.
    const included = await post(api, `query ($x: Boolean!) { about @include(if: $x) { name } }`, { x: true });
    expect(included.status).toBe(401);
  }, 30_000);

  it('answers 30 aliased dashboards with one computation: a request asks for each aggregate once', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `s${i}: stats { entitiesByKind { count } }`);
    const queries = api.database.queryCount;
    const result = await asReader(`{ ${aliases.join(' ')} }`);
    expect(result.status).toBe(200);
    // The graph's generation, and the aggregate unless it was kept from an earlier request.
    expect(api.database.queryCount - queries).toBeLessThanOrEqual(2);
  });

  it('answers search and lookups whose selections double skipped fragments, as without them', async () => {
    const fragments = doubling(22, 'Entity', 'name aliases', '@skip(if: $skip)');
    const search = await asReader(
      `query ($skip: Boolean!) { search(query: "ningxia", first: 3) { node { id ...F0 @skip(if: $skip) } } }
       ${fragments}`,
      { skip: true },
    );
    const plainSearch = await asReader(`{ search(query: "ningxia", first: 3) { node { id } } }`);
    expect(search.status).toBe(200);
    expect((search.json as { data?: { search: unknown[] } }).data?.search.length).toBeGreaterThan(0);
    expect(search.json).toEqual(plainSearch.json);
    const lookup = await asReader(
      `query ($skip: Boolean!) { node(id: "person:batulzii") { id ...F0 @include(if: $skip) } }
       ${fragments}`,
      { skip: false },
    );
    expect(lookup.status).toBe(200);
    expect(lookup.json).toEqual({ data: { node: { id: 'person:batulzii' } } });
  }, 30_000);
});
