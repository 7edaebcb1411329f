import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-ingest-batch:';
const INGEST_MANY = `mutation ($documents: [JSONObject!]!, $stopOnError: Boolean) {
  ingestDocuments(documents: $documents, stopOnError: $stopOnError) {
    landed unchanged failed skipped
    documents { index status report { sourceId created matched } error { code message field } }
  }
}`;

interface Batch {
  landed: number;
  unchanged: number;
  failed: number;
  skipped: number;
  documents: {
    index: number;
    status: string;
    report: { sourceId: string; created: number; matched: number } | null;
    error: { code: string; message: string; field: string | null } | null;
  }[];
}

const document = (i: number, extra: Record<string, unknown> = {}) => ({
  source: { id: `${PREFIX}source-${i}`, publisher: 'test', title: `batch document ${i}` },
  institutions: [
    { id: `${PREFIX}institution-${i}`, kind: 'ENTERPRISE', name: `Batch Company ${i}`, ...extra },
  ],
});

/** Limits small enough to reach: three documents a request, 1000 bytes together. */
describe('ingestDocuments: a list, each document on its own', () => {
  let api: RunningApi;
  const ingestMany = async (documents: unknown[], stopOnError = false): Promise<Batch> =>
    (await data<{ ingestDocuments: Batch }>(api, INGEST_MANY, { documents, stopOnError })).ingestDocuments;

  beforeAll(async () => {
    api = await startTestApi({ SEED: 'never', MAX_BATCH_DOCUMENTS: '3', MAX_DOCUMENT_BYTES: '1000' });
  });

  afterEach(async () => {
    await removeByPrefix(api.database, PREFIX);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('writes the good documents, reports the bad one with its field, and says which were already there', async () => {
    await ingestMany([document(1)]);
    const batch = await ingestMany([
      document(1),
      document(2, { partOf: `${PREFIX}nowhere` }),
      { ...document(3), source: { ...document(3).source, url: 'javascript:alert(1)' } },
    ]);
    expect(batch).toEqual({
      landed: 0,
      unchanged: 1,
      failed: 2,
      skipped: 0,
      documents: [
        {
          index: 0,
          status: 'UNCHANGED',
          report: { sourceId: `${PREFIX}source-1`, created: 0, matched: 1 },
          error: null,
        },
        {
          index: 1,
          status: 'FAILED',
          report: null,
          error: {
            code: 'BAD_USER_INPUT',
            field: 'institutions[0].partOf',
            message: `institutions[0].partOf: "${PREFIX}nowhere" is declared neither in this document nor in the graph`,
          },
        },
        {
          index: 2,
          status: 'FAILED',
          report: null,
          error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'source.url' }) as unknown,
        },
      ],
    });
    const landed = await ingestMany([document(4), document(5)]);
    expect([landed.landed, landed.documents.map((d) => d.status)]).toEqual([2, ['LANDED', 'LANDED']]);
    const read = await data<{ a: { id: string } | null; b: { id: string } | null; c: { id: string } | null }>(
      api,
      `{ a: institution(id: "${PREFIX}institution-2") { id } b: institution(id: "${PREFIX}institution-3") { id }
         c: institution(id: "${PREFIX}institution-5") { id } }`,
    );
    expect(read).toEqual({ a: null, b: null, c: { id: `${PREFIX}institution-5` } });
  });

  it('with stopOnError, checks all first and writes none when one is bad', async () => {
    const before = await graphSnapshot(api.database);
    const batch = await ingestMany([document(6), document(7, { kind: 'PLANET' })], true);
    expect(batch.documents.map((d) => [d.status, d.error?.field ?? null])).toEqual([
      ['SKIPPED', null],
      ['FAILED', 'institutions[0].kind'],
    ]);
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('refuses more documents than a request may carry, or more bytes together, before writing any', async () => {
    const before = await graphSnapshot(api.database);
    const tooMany = await graphql(api, INGEST_MANY, {
      documents: [document(8), document(9), document(10), document(11)],
    });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documents' });
    expect(tooMany.errors?.[0]?.message).toBe('documents: 4 documents is over the limit of 3 a request');
    // Each under the limit of a document, together over it.
    const described = (i: number) => document(i, { description: 'x'.repeat(400) });
    const tooLarge = await graphql(api, INGEST_MANY, { documents: [described(12), described(13)] });
    expect(tooLarge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documents' });
    expect(tooLarge.errors?.[0]?.message).toMatch(/^documents: \d+ bytes together is over the limit of 1000/);
    expect(await graphSnapshot(api.database)).toEqual(before);
    const single = await ingestMany([described(12)]);
    expect(single.documents[0]?.status).toBe('LANDED');
  });
});
