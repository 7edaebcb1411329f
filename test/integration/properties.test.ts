import fc from 'fast-check';
import type { Database } from '../../src/db/neo4j.database';
import type { RunningApi } from '../../src/server/api.server';
import { graphql, startTestApi, type GraphQLResponse } from '../helpers/api.harness';
import { documentArb, FC_SEED, invalidDocumentArb, operationArb } from '../helpers/arbitraries';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-props:';
const REQUEST_TIMEOUT_MS = 5000;
const RUNS = { seed: FC_SEED, numRuns: 30 };
const INGEST = `mutation ($document: JSONObject!) { ingestDocument(document: $document) { created skipped { id } } }`;

/** A new source id for every document: each property run is a document never seen before. */
let counter = 0;
const freshSource = fc.constant(null).map(() => `${PREFIX}${(counter += 1)}-${Date.now()}`);

/** Removes what the generated documents wrote: their sources, and what only they state. */
async function removeGenerated(db: Database): Promise<void> {
  await db.write((tx) =>
    tx.run(
      `MATCH (n) WHERE (n:Entity OR n:ResolutionCandidate) AND size(coalesce(n.sourceIds, [])) > 0
         AND all(s IN n.sourceIds WHERE s STARTS WITH $prefix)
       DETACH DELETE n`,
      { prefix: PREFIX },
    ),
  );
  await removeByPrefix(db, PREFIX);
}

/** No client input may end in a 5xx or an INTERNAL_SERVER_ERROR; and every answer comes within the deadline. */
async function timed<T>(
  send: () => Promise<GraphQLResponse<T>>,
): Promise<{ response: GraphQLResponse<T>; ms: number }> {
  const started = Date.now();
  const response = await send();
  const ms = Date.now() - started;
  expect(response.status).toBeLessThan(500);
  expect(response.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
  return { response, ms };
}

describe('properties of ingest and of reads, on the real graph', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  });

  afterAll(async () => {
    // A busy machine may have opened the breaker: give it its cool-down before cleaning up.
    for (let attempt = 1; api && attempt <= 3; attempt += 1) {
      const removed = await removeGenerated(api.database).then(
        () => true,
        () => false,
      );
      if (removed) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await api?.stop();
  });

  it('ingests any valid document (names in any script) without a server error, and ingesting it again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb(freshSource), async (document) => {
        const { response } = await timed(() => graphql(api, INGEST, { document }));
        expect(response.errors).toBeUndefined();
        const once = await graphSnapshot(api.database);
        await timed(() => graphql(api, INGEST, { document }));
        expect(await graphSnapshot(api.database)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('refuses any spoiled document with BAD_USER_INPUT and writes nothing of it', async () => {
    await fc.assert(
      fc.asyncProperty(invalidDocumentArb(freshSource), async ([, document]) => {
        const before = await graphSnapshot(api.database);
        const { response } = await timed(() => graphql(api, INGEST, { document }));
        expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(await graphSnapshot(api.database)).toEqual(before);
      }),
      RUNS,
    );
  });

  it('answers any read with nested fragments, aliases, @skip and @include within the limits, in time', async () => {
    await fc.assert(
      fc.asyncProperty(operationArb, async (query) => {
        const { response, ms } = await timed(() => graphql(api, query));
        expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1000);
        // The read succeeds, or says in its typed way why not: a limit the generator's nesting can pass through
        // fragments (depth, cost), or a machine too busy for Neo4j to answer in time. Never an internal error.
        for (const error of response.errors ?? []) {
          expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'TIMEOUT', 'SERVICE_UNAVAILABLE']).toContain(
            error.extensions?.code,
          );
          // A validation failure here is a limit, never a query the schema does not know.
          if (error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
            expect(error.extensions.limit).toBeDefined();
        }
      }),
      RUNS,
    );
  });
});
