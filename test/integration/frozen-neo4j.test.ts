import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { ApiProcess, waitUntil } from '../helpers/api.process';
import { neo4jEnv, startPrivateNeo4j, tempDir } from '../helpers/neo4j.test-db';

/**
 * Neo4j that stops answering without closing its connections (a long GC pause, a frozen VM, a partition): its
 * JVM is frozen with SIGSTOP, so the sockets stay open and nothing comes back, until SIGCONT.
 */

const READ = '{ institutions(first: 5) { totalCount } }';
const REQUEST_TIMEOUT_MS = 3_000;
const READINESS_TIMEOUT_MS = 1_000;
// Generous: the machine is shared and noisy. What matters is an answer near the deadline, not at SIGCONT.
const MARGIN_MS = 4_000;
const REFUSED = 'The database is not answering, so this request was not sent to it; try again shortly.';

interface Answer {
  ms: number;
  status?: number;
  code?: string;
  message?: string;
  data?: unknown;
}

/** One GraphQL request; a request that gets no answer within `waitMs` comes back as code NO_ANSWER. */
async function query(url: string, text: string, waitMs = 60_000): Promise<Answer> {
  const started = Date.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text }),
      signal: AbortSignal.timeout(waitMs),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = body.errors?.[0];
    return {
      ms: Date.now() - started,
      status: response.status,
      code: error?.extensions?.code,
      message: error?.message,
      data: body.data,
    };
  } catch {
    return { ms: Date.now() - started, code: 'NO_ANSWER' };
  }
}

async function readyz(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/readyz`, {
    signal: AbortSignal.timeout(READINESS_TIMEOUT_MS + MARGIN_MS),
  });
  return { status: response.status, body: await response.json() };
}

async function metrics(url: string): Promise<{ cypherQueries: number; circuitOpen: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    cypherQueries: Number(/^neo4j_cypher_queries (\d+)$/m.exec(text)?.[1]),
    circuitOpen: Number(/^neo4j_circuit_open (\d+)$/m.exec(text)?.[1]),
  };
}

describe('a Neo4j that stops answering (frozen JVM)', () => {
  let neo4j: EmbeddedNeo4j;
  const freeze = (): void => {
    process.kill(neo4j.pid, 'SIGSTOP');
  };
  // Never leave a JVM frozen, whatever fails.
  const thaw = (): void => {
    if (neo4j) process.kill(neo4j.pid, 'SIGCONT');
  };

  beforeAll(async () => {
    neo4j = await startPrivateNeo4j(tempDir('frozen'));
  });

  afterAll(async () => {
    thaw();
    await neo4j?.stop();
  });

  describe('requests with deadlines and a circuit breaker', () => {
    let api: ApiProcess;
    let url: string;

    beforeAll(async () => {
      api = ApiProcess.start({
        PORT: '0',
        ...neo4jEnv(neo4j),
        SEED: 'never',
        REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        READINESS_TIMEOUT_MS: String(READINESS_TIMEOUT_MS),
        // Long enough that no probe goes through while the test counts refused requests.
        NEO4J_BREAKER_COOLDOWN_MS: '10000',
      });
      url = await api.ready();
      await api.warmed();
    });

    afterAll(async () => {
      thaw();
      await api?.stop();
    });

    it('answers in-flight requests at their deadline, refuses new ones at once, and recovers without a restart', async () => {
      // Warm: the first queries on a busy machine may take longer than the short deadline of this test.
      await waitUntil(async () => (await query(url, READ)).code === undefined, 60_000);
      expect((await readyz(url)).status).toBe(200);

      freeze();
      try {
        // Steady load: requests in flight as the database stops answering.
        const inFlight = await Promise.all(
          Array.from({ length: 8 }, () => query(url, READ, REQUEST_TIMEOUT_MS + MARGIN_MS)),
        );
        for (const answer of inFlight) {
          expect(['TIMEOUT', 'SERVICE_UNAVAILABLE']).toContain(answer.code);
          expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS + MARGIN_MS);
        }
        expect(inFlight.map((answer) => answer.code)).toContain('TIMEOUT');

        // The breaker is open: new requests are refused without a query reaching the driver.
        const before = await metrics(url);
        expect(before.circuitOpen).toBe(1);
        const refused = await Promise.all(
          Array.from({ length: 20 }, () => query(url, READ, REQUEST_TIMEOUT_MS + MARGIN_MS)),
        );
        expect(refused.map(({ code, message }) => ({ code, message }))).toEqual(
          Array(20).fill({ code: 'SERVICE_UNAVAILABLE', message: REFUSED }),
        );
        expect((await metrics(url)).cypherQueries).toBe(before.cypherQueries);

        expect(await readyz(url)).toEqual({
          status: 503,
          body: { status: 'unavailable', reason: 'Neo4j does not answer' },
        });
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
        expect(api.alive).toBe(true);
      } finally {
        thaw();
      }

      // Recovery: the half-open probe finds the database answering again; no restart.
      await waitUntil(async () => (await readyz(url)).status === 200, 60_000);
      expect(await query(url, READ)).toMatchObject({ data: { institutions: { totalCount: 0 } } });
      expect((await metrics(url)).circuitOpen).toBe(0);
      expect(api.alive).toBe(true);
    });
  });

  describe('shutdown', () => {
    it('lets a request in flight finish for SHUTDOWN_TIMEOUT_MS, not only for Apollo’s default 10 s', async () => {
      const api = ApiProcess.start({
        PORT: '0',
        ...neo4jEnv(neo4j),
        SEED: 'never',
        SHUTDOWN_TIMEOUT_MS: '60000',
        NEO4J_TRANSACTION_TIMEOUT_MS: '40000',
        REQUEST_TIMEOUT_MS: '30000',
      });
      try {
        const url = await api.ready();
        await api.warmed();
        // A request kept in flight for longer than 10 s: the database answers only when it is thawed.
        freeze();
        const inFlight = query(url, READ);
        await new Promise((resolve) => setTimeout(resolve, 500));
        api.child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 12_000));
        thaw();
        expect(await inFlight).toMatchObject({ status: 200, data: { institutions: { totalCount: 0 } } });
        expect(await api.exited).toBe(0);
      } finally {
        thaw();
        await api.stop();
      }
    });
  });
});
