import { execFileSync } from 'node:child_process';
import { readSeedDocuments } from '../../src/ingest/seed.loader';
import { ApiProcess, isProcessAlive, waitUntil } from '../helpers/api.process';
import { connect, neo4jEnv, sharedNeo4j, tempDir } from '../helpers/neo4j.test-db';

const embeddedPid = (api: ApiProcess): number => {
  const line = api.logs.find(
    (l) => typeof l.msg === 'string' && /Embedded Neo4j \(pid \d+\) is ready/.test(l.msg),
  );
  return Number(/pid (\d+)/.exec(line?.msg ?? '')?.[1]);
};

const childPids = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
  } catch {
    return [];
  }
};

async function about(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ about { name database { version edition } } }' }),
  });
  return response.json();
}

describe('the API as a user starts it, on the embedded Neo4j', () => {
  const dataDir = tempDir('api-embedded');
  let api: ApiProcess;
  let url: string;

  beforeAll(async () => {
    api = ApiProcess.start({ PORT: '0', NEO4J_DATA_DIR: dataDir });
    url = await api.ready();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('reports Neo4j 5.26 Community, read from the live database, on /readyz and through GraphQL', async () => {
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; neo4j: { version: string; edition: string } };
    expect(body.status).toBe('ready');
    expect(body.neo4j.version).toMatch(/^5\.26\.\d+$/);
    expect(body.neo4j.edition).toBe('community');
    expect(await about(url)).toEqual({
      data: {
        about: { name: 'institution-graph', database: { version: body.neo4j.version, edition: 'community' } },
      },
    });
    expect(isProcessAlive(embeddedPid(api))).toBe(true);
  });

  it('loads the seed into the empty database, once', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ person(id: "person:s-munkhbat") { name sources { url } } }' }),
    });
    expect(await response.json()).toEqual({
      data: {
        person: { name: 'S. Munkhbat', sources: [{ url: 'https://en.casttc.org/article/00001083.html' }] },
      },
    });
    expect(
      api.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('seed: loaded')),
    ).toHaveLength(readSeedDocuments().length);
  });

  it('logs an error with the request id the client sent', async () => {
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-log-test-1' },
      body: JSON.stringify({ query: '{ institutions(first: 1000) { totalCount } }' }),
    });
    const line = await api.waitForLog((l) => l.requestId === 'req-log-test-1');
    expect(line.msg).toContain('"first" must be from 0 to 100');
  });

  it('refuses a second start on the same port with one clear line', async () => {
    const port = new URL(url).port;
    const second = ApiProcess.start({ PORT: port, NEO4J_DATA_DIR: tempDir('api-second') });
    expect(await second.exited).toBe(1);
    expect(second.stderr).toEqual([
      `institution-graph: cannot start: port ${port} on 127.0.0.1 is already in use (is the API already running? set PORT to another port)`,
    ]);
  });

  it('refuses a second start on the same data directory with one clear line', async () => {
    const second = ApiProcess.start({ PORT: '0', NEO4J_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr).toEqual([
      `institution-graph: cannot start: Neo4j data directory ${dataDir} is locked by another running Neo4j`,
    ]);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('ends the API and its JVM on SIGINT (Ctrl-C)', async () => {
    const jvm = embeddedPid(api);
    expect(await api.stop('SIGINT')).toBe(0);
    await waitUntil(() => !isProcessAlive(jvm), 30_000);
    expect(api.logs.map((l) => l.msg)).toContain('stopped');
  });
});

describe('the embedded Neo4j never outlives the API', () => {
  it('dies when the API is killed outright (SIGKILL)', async () => {
    const api = ApiProcess.start({ PORT: '0', NEO4J_DATA_DIR: tempDir('api-killed') });
    await api.ready();
    const jvm = embeddedPid(api);
    expect(isProcessAlive(jvm)).toBe(true);
    await api.stop('SIGKILL');
    await waitUntil(() => !isProcessAlive(jvm), 30_000);
  });
});

describe('the API on a Neo4j given by NEO4J_URI', () => {
  it('uses that server and starts no JVM', async () => {
    const api = ApiProcess.start({ PORT: '0', ...neo4jEnv() });
    try {
      const url = await api.ready();
      expect(childPids(api.child.pid as number)).toEqual([]);
      expect(api.logs.some((l) => typeof l.msg === 'string' && /Embedded Neo4j/.test(l.msg))).toBe(false);
      expect(api.logs.find((l) => l.msg === 'connected to Neo4j')).toMatchObject({ uri: sharedNeo4j().uri });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await api.stop();
    }
  });
});

describe('SIGTERM with a request in flight', () => {
  it('finishes the request, then stops', async () => {
    const api = ApiProcess.start({ PORT: '0', ...neo4jEnv(), SEED: 'never' });
    const url = await api.ready();
    const prefix = 'test-sigterm:';
    const document = {
      source: { id: `${prefix}source`, publisher: 'test', title: 'in flight' },
      institutions: Array.from({ length: 1500 }, (_, i) => ({
        id: `${prefix}${i}`,
        kind: 'ENTERPRISE',
        name: `In-flight Company ${i}`,
      })),
    };
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($d: JSONObject!) { ingestDocument(document: $d) { created } }',
        variables: { d: document },
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    api.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { ingestDocument: { created: 1500 } } });
    expect(await api.exited).toBe(0);
    const db = connect();
    try {
      const count = await db.read(async (tx) => {
        const result = await tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS n', {
          p: prefix,
        });
        return result.records[0]?.get('n') as number;
      });
      expect(count).toBe(1500);
      await db.write((tx) =>
        tx.run('MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $p DETACH DELETE n', {
          p: prefix,
        }),
      );
    } finally {
      await db.close();
    }
  });
});

describe('a bad configuration', () => {
  it('stops the start with one line naming the setting, before anything starts', async () => {
    const api = ApiProcess.start({ PORT: 'four thousand', NEO4J_DATA_DIR: tempDir('api-bad-config') });
    expect(await api.exited).toBe(2);
    expect(api.stderr).toEqual([
      "institution-graph: cannot start: invalid configuration: PORT must be a whole number from 0 to 65535, got 'four thousand'",
    ]);
    expect(api.logs).toEqual([]);
  });
});
