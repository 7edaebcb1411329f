import { mintToken, type Role } from '../../src/auth/auth.service';
import type { RunningApi } from '../../src/server/api.server';
import { startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const PREFIX = 'test-auth:';

async function post(api: RunningApi, query: string, token?: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string } }[];
  };
  return { status: response.status, body, code: body.errors?.[0]?.extensions?.code };
}

const token = (role: Role, ttl = '10m'): Promise<string> => mintToken(SECRET, `test-${role}`, [role], ttl);

const INGEST = `mutation ($document: JSONObject!) { ingestDocument(document: $document) { created } }`;
const document = (n: number) => ({
  source: { id: `${PREFIX}source-${n}`, publisher: 'test', title: 'auth test' },
  institutions: [{ id: `${PREFIX}institution-${n}`, kind: 'ENTERPRISE', name: `Auth Test Company ${n}` }],
});

describe('access control with JWT bearer tokens', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ AUTH_JWT_SECRET: SECRET });
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('lets anyone read when reads are public', async () => {
    const result = await post(
      api,
      `{ person(id: "person:batulzii") { name positions { institution { name } } } }`,
    );
    expect(result).toMatchObject({ status: 200, body: { data: { person: { name: 'Batulzii' } } } });
  });

  it('refuses writes without a token (UNAUTHENTICATED) and with too small a role (FORBIDDEN), writing nothing', async () => {
    const before = await graphSnapshot(api.database);
    expect((await post(api, INGEST, undefined, { document: document(1) })).code).toBe('UNAUTHENTICATED');
    expect((await post(api, INGEST, await token('reader'), { document: document(1) })).code).toBe(
      'FORBIDDEN',
    );
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('lets an editor write, and keeps merges and deletes to admins', async () => {
    const editor = await token('editor');
    expect((await post(api, INGEST, editor, { document: document(2) })).body.data).toEqual({
      ingestDocument: { created: 1 },
    });
    const remove = `mutation { deleteEntity(id: "${PREFIX}institution-2") { relationshipsRemoved } }`;
    expect((await post(api, remove, editor)).code).toBe('FORBIDDEN');
    expect((await post(api, remove, await token('admin'))).body.data).toEqual({
      deleteEntity: { relationshipsRemoved: 0 },
    });
    const merge = `mutation { mergeEntities(keepId: "institution:cn-most", mergeId: "institution:mn-mecss") { mergedId } }`;
    expect((await post(api, merge, editor)).code).toBe('FORBIDDEN');
    const link = `mutation ($s: SourceInput!) { link(fromId: "institution:cn-most", kind: MANAGES, toId: "institution:mn-mecss", source: $s) { id } }`;
    const source = { s: { id: `${PREFIX}link-source`, publisher: 'test', title: 'link' } };
    expect((await post(api, link, await token('reader'), source)).code).toBe('FORBIDDEN');
    expect((await post(api, link, undefined, source)).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a malformed header', 'Token abc'],
    ['a token signed with another secret', 'OTHER'],
    ['an expired token', 'EXPIRED'],
  ])('answers 401 UNAUTHENTICATED for %s, even on a read', async (_, kind) => {
    let header = kind;
    if (kind === 'OTHER')
      header = `Bearer ${await mintToken('another-secret-that-is-long-enough-too', 'x', ['admin'], '10m')}`;
    if (kind === 'EXPIRED') header = `Bearer ${await mintToken(SECRET, 'x', ['admin'], '-1m')}`;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: header },
      body: JSON.stringify({ query: '{ about { name } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]?.message).not.toMatch(/signature|jws|jwt/i);
  });
});

describe('reads that need the reader role (AUTH_READS=reader)', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ AUTH_JWT_SECRET: SECRET, AUTH_READS: 'reader' });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('refuses a read without a token and answers it with one, nested fields included', async () => {
    const query = `{ institutions(filter: { country: "MN" }) { nodes { name people { person { name } } } } }`;
    expect((await post(api, query)).code).toBe('UNAUTHENTICATED');
    const read = await post(api, query, await token('reader'));
    expect(read.code).toBeUndefined();
    expect((read.body.data as { institutions: { nodes: unknown[] } }).institutions.nodes).toHaveLength(4);
  });

  it('checks each operation once, before any resolver: 401 with no data, root fields behind fragments included', async () => {
    const hidden = `query { ...Root } fragment Root on Query { ... on Query { person(id: "person:batulzii") { name } } }`;
    const refused = await post(api, hidden);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refused.body.data).toBeUndefined();
    // Introspection of the root type reads no graph data and stays open.
    expect(await post(api, '{ __typename }')).toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });
});
