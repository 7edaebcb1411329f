import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

interface Hit {
  score: number;
  node: { __typename: string; id: string; name: string };
}

const SEARCH = `query ($q: String!, $kinds: [EntityKind!], $first: Int) {
  search(query: $q, kinds: $kinds, first: $first) { score node { __typename id name } }
}`;

describe('search', () => {
  let api: RunningApi;
  const search = async (q: string, extra: Record<string, unknown> = {}): Promise<Hit[]> =>
    (await data<{ search: Hit[] }>(api, SEARCH, { q, ...extra })).search;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it.each(['Munkhbat', 'munkhbat', 'MUNKH'])('finds S. Munkhbat first for %p', async (q) => {
    const hits = await search(q);
    expect(hits[0]?.node).toEqual({ __typename: 'Person', id: 'person:s-munkhbat', name: 'S. Munkhbat' });
    expect(hits[0]?.score).toBeGreaterThan(0);
  });

  it('finds the Ningxia department by words of its name and its aliases, ranked', async () => {
    const hits = await search('Ningxia science');
    const ids = hits.map((h) => h.node.id);
    expect(ids).toContain('institution:ningxia-st-department');
    expect(ids).toContain('institution:ningxia-st-exchange-center');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds by acronym and narrows by kind', async () => {
    expect((await search('casttc'))[0]?.node.id).toBe('institution:casttc');
    const people = await search('ningxia', { kinds: ['PERSON'] });
    expect(people).toEqual([]);
    const places = await search('ningxia', { kinds: ['PLACE'] });
    expect(places.map((h) => h.node.id)).toEqual(['place:region-ningxia']);
  });

  it.each([
    '(',
    'AND',
    'name:x',
    '"open',
    '*',
    'OR NOT',
    '\\',
    'a && b || !c',
    "'; MATCH (n) DETACH DELETE n //",
    '',
  ])('answers %p with hits or an empty list, never an error', async (q) => {
    const response = await graphql<{ search: Hit[] }>(api, SEARCH, { q });
    expect(response.errors).toBeUndefined();
    expect(Array.isArray(response.data?.search)).toBe(true);
  });

  it('leaves the graph as it was whatever the query', async () => {
    const count = async (): Promise<number> =>
      api.database.read(
        async (tx) => (await tx.run('MATCH (n) RETURN count(n) AS n')).records[0]?.get('n') as number,
      );
    const before = await count();
    for (const q of [
      "') YIELD node CALL { MATCH (n) DETACH DELETE n } RETURN 1 //",
      '*:* OR x',
      'Munkhbat~0 AND node:*',
    ]) {
      expect((await graphql(api, SEARCH, { q })).errors).toBeUndefined();
    }
    expect(await count()).toBe(before);
  });

  it('finds agreements and commitments by their names, every hit a typed entity', async () => {
    const hits = await search('Ningxia Mongolia agreement', { first: 20 });
    expect(hits.map((h) => h.node.__typename)).toEqual(expect.arrayContaining(['Agreement', 'Commitment']));
    expect((await search('agreement', { kinds: [] })).length).toBeGreaterThan(0);
  });

  it('bounds the number of hits', async () => {
    const response = await graphql(api, SEARCH, { q: 'ningxia', first: 100 });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await search('ningxia', { first: 2 })).toHaveLength(2);
  });
});

/**
 * The index's analyzer makes a term of every Chinese character, and Lucene refuses queries of more than 1,024
 * clauses: long names in Chinese must not turn a candidate lookup or a search into an internal error.
 */
describe('search and ingest with long names in Chinese', () => {
  const PREFIX = 'test-cjk:';
  // 3,000 different ideographs, in aliases of at most 500 characters (the document format's bound).
  const ideographs = Array.from({ length: 3_000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
  const aliases = Array.from({ length: 6 }, (_, i) => ideographs.slice(i * 500, (i + 1) * 500));
  // Without an id: ingest looks its candidates up by the terms of its names.
  const NAME = 'Test CJK 长名公司';
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ MAX_FILTER_LENGTH: '3000' });
  });

  afterAll(async () => {
    if (api) {
      await removeByPrefix(api.database, PREFIX);
      await removeByPrefix(api.database, 'institution:test-cjk-');
    }
    await api?.stop();
  });

  it('ingests a mention with 3,000 characters of aliases, its candidates looked up, twice', async () => {
    const ingest = (n: number) =>
      graphql(
        api,
        `
          mutation ($document: JSONObject!) {
            ingestDocument(document: $document) {
              created
            }
          }
        `,
        {
          document: {
            source: { id: `${PREFIX}source-${n}`, publisher: 'test', title: 'long aliases' },
            institutions: [{ ref: 'a', kind: 'ENTERPRISE', name: NAME, aliases }],
          },
        },
      );
    expect((await ingest(1)).errors).toBeUndefined();
    // The second ingest finds the first one's entity among its candidates: still one entity.
    expect((await ingest(2)).errors).toBeUndefined();
    const hits = await data<{ search: Hit[] }>(api, SEARCH, { q: NAME, first: 5 });
    expect(hits.search.filter((h) => h.node.name === NAME)).toHaveLength(1);
  });

  it('searches with 3,000 characters in Chinese', async () => {
    const hits = await graphql<{ search: Hit[] }>(api, SEARCH, { q: ideographs, first: 5 });
    expect(hits.status).toBe(200);
    expect(hits.errors).toBeUndefined();
    expect(hits.data?.search.map((h) => h.node.name)).toContain(NAME);
  });
});
