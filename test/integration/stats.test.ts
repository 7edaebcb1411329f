import pino from 'pino';
import { loadConfig } from '../../src/config/app.config';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { DatabaseProvider } from '../../src/db/database.provider';
import { RequestDeadline, withDeadline } from '../../src/db/request.deadline';
import { startApi, type RunningApi } from '../../src/server/api.server';
import { StatsService } from '../../src/traversal/stats.service';
import { data, graphql } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';
import { neo4jEnv, startPrivateNeo4j, tempDir } from '../helpers/neo4j.test-db';

const PREFIX = 'test-stats:';
const UNIVERSITIES = `{ stats { entitiesByKind { kind count } } }`;
const INGEST = 'mutation ($d: JSONObject!) { ingestDocument(document: $d) { created } }';
/** A document stating one university; a deleted one stays deleted (a tombstone), so each test states its own. */
const universityDocument = (n = 1) => ({
  source: { id: `${PREFIX}source-${n}`, publisher: 'test', title: `stats test ${n}` },
  institutions: [{ id: `${PREFIX}university-${n}`, kind: 'UNIVERSITY', name: `Stats Test University ${n}` }],
});

/** Universities by `entitiesByKind`, as each alias of `stats` in one answer says. */
const universities = (answer: Record<string, { entitiesByKind: { kind: string; count: number }[] }>) =>
  Object.values(answer).map((stats) => stats.entitiesByKind.find((k) => k.kind === 'University')?.count);

/** On a Neo4j of its own holding exactly the three corpus documents, so that counts can be checked by hand. */
describe('stats for dashboards', () => {
  let neo4j: EmbeddedNeo4j;
  let api: RunningApi;

  beforeAll(async () => {
    neo4j = await startPrivateNeo4j(tempDir('stats'));
    api = await startApi(
      loadConfig({ NODE_ENV: 'test', PORT: '0', ...neo4jEnv(neo4j), SEED: 'auto' }),
      pino({ level: 'silent' }),
    );
    // Its queries are counted here: the warm-up's, run once it is ready, are over first.
    await api.warmup;
  });

  afterAll(async () => {
    await api?.stop();
    await neo4j?.stop();
  });

  /** Cypher queries the API sends while `work` runs: how many aggregates it computed, besides generation reads. */
  const queriesDuring = async <T>(work: () => Promise<T>): Promise<{ queries: number; result: T }> => {
    const before = api.database.queryCount;
    const result = await work();
    return { queries: api.database.queryCount - before, result };
  };

  it('counts entities by kind as the documents state them', async () => {
    const result = await data<{
      stats: { entitiesByKind: { kind: string; category: string; count: number }[] };
    }>(api, `{ stats { entitiesByKind { kind category count } } }`);
    const counts = Object.fromEntries(result.stats.entitiesByKind.map((k) => [k.kind, k.count]));
    expect(counts).toEqual({
      Person: 7,
      Ministry: 2,
      GovernmentDepartment: 4,
      Committee: 1,
      SciencePark: 1,
      TransferCenter: 4,
      ServiceCenter: 1,
      Platform: 1,
      InnovationCenter: 1,
      Incubator: 1,
      Market: 1,
      University: 1,
      Enterprise: 2,
      Government: 1,
      InternationalOrganization: 2,
      Visit: 1,
      Meeting: 1,
      Inspection: 3,
      Signing: 1,
      Conference: 1,
      Agreement: 4,
      Framework: 3,
      Country: 4,
      Region: 1,
      City: 2,
    });
    const byCategory = (category: string) =>
      result.stats.entitiesByKind.filter((k) => k.category === category).reduce((sum, k) => sum + k.count, 0);
    expect([byCategory('Institution'), byCategory('Event'), byCategory('Place')]).toEqual([23, 7, 7]);
  });

  it('counts institutions by country, events by year and month, and cooperation between countries', async () => {
    const result = await data<{
      stats: {
        institutionsByCountry: { code: string | null; count: number }[];
        eventsPerYear: { period: string; count: number }[];
        eventsPerMonth: { period: string; count: number }[];
        countryCooperation: { a: string; b: string; events: number; agreements: number }[];
        topEntities: { node: { id: string }; degree: number }[];
      };
    }>(
      api,
      `{
        stats {
          institutionsByCountry { code count }
          eventsPerYear { period count }
          eventsPerMonth { period count }
          countryCooperation { a b events agreements }
          topEntities(limit: 5) { node { id } degree }
        }
      }`,
    );
    expect(result.stats.institutionsByCountry).toEqual([
      { code: 'CN', count: 11 },
      { code: null, count: 5 },
      { code: 'MN', count: 4 },
      { code: 'QA', count: 2 },
      { code: 'NG', count: 1 },
    ]);
    expect(result.stats.eventsPerYear).toEqual([
      { period: '2019', count: 5 },
      { period: '2020', count: 1 },
      { period: '2022', count: 1 },
    ]);
    expect(result.stats.eventsPerMonth).toEqual([
      { period: '2019-12', count: 5 },
      { period: '2020-08', count: 1 },
      { period: '2022-08', count: 1 },
    ]);
    expect(result.stats.countryCooperation).toEqual([
      { a: 'CN', b: 'MN', events: 2, agreements: 1 },
      { a: 'CN', b: 'QA', events: 1, agreements: 1 },
    ]);
    const degrees = result.stats.topEntities.map((t) => t.degree);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    const maxDegree = await api.database.read(async (tx) => {
      const r = await tx.run(
        'MATCH (n:Entity) WHERE NOT n:Commitment RETURN max(COUNT { (n)--(:Entity) }) AS max',
      );
      return r.records[0]?.get('max') as number;
    });
    expect(degrees[0]).toBe(maxDegree);
  });

  it('bounds topEntities', async () => {
    const response = await graphql(
      api,
      `
        {
          stats {
            topEntities(limit: 1000) {
              degree
            }
          }
        }
      `,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });

  describe('kept per graph generation', () => {
    let other: RunningApi;
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: stats { entitiesByKind { kind count } }`).join(' ')} }`;

    beforeAll(async () => {
      other = await startApi(
        loadConfig({ NODE_ENV: 'test', PORT: '0', ...neo4jEnv(neo4j), SEED: 'never' }),
        pino({ level: 'silent' }),
      );
      await other.warmup;
    });

    afterAll(async () => {
      await removeByPrefix(api.database, PREFIX);
      await other?.stop();
    });

    it('computes 30 aliases of one aggregate once, then reads only the generation until a write, and the write at once', async () => {
      const first = await queriesDuring(() => data<Parameters<typeof universities>[0]>(api, aliased));
      expect(universities(first.result)).toEqual(Array(30).fill(1));
      // One read of the generation and at most one computation, however many aliases.
      expect(first.queries).toBeLessThanOrEqual(2);
      const again = await queriesDuring(() => data<Parameters<typeof universities>[0]>(api, aliased));
      expect(again).toEqual({ queries: 1, result: first.result });

      await data(api, INGEST, { d: universityDocument() });
      const written = await queriesDuring(() => data<Parameters<typeof universities>[0]>(api, aliased));
      expect(universities(written.result)).toEqual(Array(30).fill(2));
      expect(written.queries).toBe(2);
    });

    it('shares one computation among concurrent requests', async () => {
      await data(api, `mutation { deleteEntity(id: "${PREFIX}university-1") { id } }`);
      const concurrent = await queriesDuring(() =>
        Promise.all(
          Array.from({ length: 5 }, () => data<Parameters<typeof universities>[0]>(api, UNIVERSITIES)),
        ),
      );
      expect(concurrent.result.flatMap(universities)).toEqual(Array(5).fill(1));
      // Five reads of the generation, one computation.
      expect(concurrent.queries).toBe(6);
    });

    it('answers on another API instance on the same Neo4j what was written through this one, at once', async () => {
      expect(universities(await data(other, UNIVERSITIES))).toEqual([1]);
      expect(universities(await data(api, UNIVERSITIES))).toEqual([1]);
      await data(api, INGEST, { d: universityDocument(2) });
      expect(universities(await data(other, UNIVERSITIES))).toEqual([2]);
      await data(other, `mutation { deleteEntity(id: "${PREFIX}university-2") { id } }`);
      expect(universities(await data(api, UNIVERSITIES))).toEqual([1]);
    });
  });

  /** A request whose deadline leaves time for its first query (the generation read) and none after it. */
  class SpentAfterFirstQuery extends RequestDeadline {
    private asked = 0;

    override remainingMs(): number {
      this.asked += 1;
      return this.asked === 1 ? 10_000 : 0;
    }
  }

  it('goes on computing an aggregate past the deadline of the request that began it, and keeps it', async () => {
    const databases = new DatabaseProvider();
    databases.set(api.database);
    // A service of its own: nothing kept yet, as after a write on a graph too large to aggregate in a request.
    const stats = new StatsService(databases, { maxTraversalDepth: 6, statsTimeoutMs: 60_000 });
    const hurried = () =>
      withDeadline(new SpentAfterFirstQuery(Date.now(), 0), () => stats.countryCooperation({}));
    await expect(hurried()).rejects.toMatchObject({ code: 'TIMEOUT' });
    // Requests as hurried as the first answer once the computation it began is done (before: never).
    let answer: unknown;
    for (const giveUp = Date.now() + 30_000; answer === undefined && Date.now() < giveUp;) {
      answer = await hurried().catch(() => new Promise((resolve) => setTimeout(resolve, 100)));
    }
    const expected = await data<{ stats: { countryCooperation: unknown } }>(
      api,
      '{ stats { countryCooperation { a b events agreements } } }',
    );
    expect(answer).toEqual(expected.stats.countryCooperation);
  });
});
