import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { ApiProcess, waitUntil } from '../helpers/api.process';
import { freePort, neo4jEnv, startPrivateNeo4j, tempDir } from '../helpers/neo4j.test-db';

async function readyz(url: string): Promise<{ status: number; body: { status: string; neo4j?: unknown } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; neo4j?: unknown } };
}

async function aboutError(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ about { name } }' }),
  });
  return ((await response.json()) as { errors?: { extensions: unknown }[] }).errors?.[0]?.extensions;
}

describe('readiness and requests through a Neo4j outage', () => {
  const dataDir = tempDir('outage');
  let port: number;
  let neo4j: EmbeddedNeo4j;
  let api: ApiProcess;
  let url: string;

  beforeAll(async () => {
    port = await freePort();
    neo4j = await startPrivateNeo4j(dataDir, port);
    api = ApiProcess.start({ PORT: '0', ...neo4jEnv(neo4j), READINESS_TIMEOUT_MS: '1500' });
    url = await api.ready();
  });

  afterAll(async () => {
    await api?.stop();
    await neo4j?.stop();
  });

  it('answers 503 while Neo4j is stopped and 200 once it is back, staying alive throughout', async () => {
    expect((await readyz(url)).status).toBe(200);

    await neo4j.stop();
    const down = await readyz(url);
    expect(down.status).toBe(503);
    // What is wrong, not where the database is: the driver's message names its host and port.
    expect(down.body).toEqual({ status: 'unavailable', reason: 'Neo4j does not answer' });
    expect(await aboutError(url)).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(api.alive).toBe(true);

    const underLoad = await Promise.all(Array.from({ length: 20 }, () => aboutError(url)));
    expect(underLoad).toEqual(Array(20).fill({ code: 'SERVICE_UNAVAILABLE' }));

    neo4j = await startPrivateNeo4j(dataDir, port);
    // Generous: a Neo4j just started on a busy machine may take seconds over its first answers.
    await waitUntil(async () => (await readyz(url)).status === 200, 60_000);
    const recovered = await Promise.all(Array.from({ length: 20 }, () => aboutError(url)));
    expect(recovered).toEqual(Array(20).fill(undefined));
    expect((await readyz(url)).body).toMatchObject({ status: 'ready', neo4j: { edition: 'community' } });
    expect(await aboutError(url)).toBeUndefined();
    expect(api.alive).toBe(true);
  });
});
