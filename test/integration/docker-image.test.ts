import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config/project.paths';
import { readSeedDocuments } from '../../src/ingest/seed.loader';
import { ApiProcess } from '../helpers/api.process';
import { buildStages, inStage, parseDockerfile, type BuiltStage } from '../helpers/dockerfile.stages';
import { freePort, neo4jEnv, tempDir } from '../helpers/neo4j.test-db';

const SECRET = 'docker-image-test-secret-long-enough-for-hs256';

async function query(url: string, text: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return response.json();
}

/**
 * The image as `docker build` would make it, without a Docker engine: each stage rebuilt in a folder from exactly
 * the files its COPY lines name, its RUN lines run there (npm taking packages from its cache first), and the last
 * stage's CMD started with the image's ENV, as `docker run -e` would, against the run's shared Neo4j.
 */
describe('the Docker image, rebuilt stage by stage', () => {
  const root = projectRoot();
  const stages = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  let built: BuiltStage[];
  let final: BuiltStage;
  let port: string;

  /** The last stage's CMD with the image's ENV and what `docker run -e` adds; loopback only, on a free port. */
  const startImage = (env: Record<string, string>): ApiProcess =>
    ApiProcess.run(
      final.stage.cmd ?? [],
      { PATH: process.env.PATH ?? '', ...final.stage.env, HOST: '127.0.0.1', PORT: port, ...env },
      inStage(final, '.'),
    );

  const workDir = tempDir('image');

  beforeAll(async () => {
    built = await buildStages(stages, root, workDir, { npm_config_prefer_offline: 'true' });
    final = built.at(-1)!;
    port = String(await freePort());
  }, 900_000);

  // Two copies of node_modules: about 400 MB.
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('builds from the files it names, and takes no test and no benchmark from the context', () => {
    const taken = built.flatMap((stage) => stage.contextFiles);
    expect(taken).toContain('src/index.ts');
    expect(taken.filter((file) => /^(test|bench)\//.test(file))).toEqual([]);
    expect(fs.existsSync(inStage(final, 'src'))).toBe(false);
  });

  it('holds the built API and explorer, no development package, and runs as a user other than root', () => {
    expect(fs.existsSync(inStage(final, 'dist/src/index.js'))).toBe(true);
    expect(fs.readFileSync(inStage(final, 'dist/web/index.html'), 'utf8')).toContain('<script type="module"');
    // The lockfile marks what only development needs.
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devPackagesPresent = Object.entries(lock.packages)
      .filter(([location, entry]) => entry.dev === true && fs.existsSync(inStage(final, location)))
      .map(([location]) => location);
    expect(devPackagesPresent).toEqual([]);
    expect(final.stage.env.NODE_ENV).toBe('production');
    expect(final.stage.user).toBeDefined();
    expect(['root', '0']).not.toContain(final.stage.user?.split(':')[0]);
  });

  it('starts on Neo4j, and answers /readyz, GraphQL, the explorer page and its own health check', async () => {
    const api = startImage({ ...neo4jEnv(), AUTH_JWT_SECRET: SECRET, SEED: 'always' });
    try {
      const url = await api.ready();
      expect(url).toBe(`http://127.0.0.1:${port}`);
      // The seed documents are in the image: each was loaded.
      const seeded = api.logs.filter((line) => line.msg?.startsWith('seed: loaded'));
      expect(seeded).toHaveLength(readSeedDocuments().length);

      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });

      expect(await query(url, '{ person(id: "person:s-munkhbat") { name } }')).toEqual({
        data: { person: { name: 'S. Munkhbat' } },
      });
      // Production mode: introspection is off.
      const introspection = (await query(url, '{ __schema { queryType { name } } }')) as {
        errors?: unknown[];
      };
      expect(introspection.errors).toHaveLength(1);

      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>institution-graph</title>');
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)">/.exec(html)?.[1];
      expect((await fetch(`${url}${script ?? '/missing'}`)).status).toBe(200);

      const check = spawnSync('sh', ['-c', final.stage.healthcheck ?? 'exit 1'], {
        env: { PATH: process.env.PATH ?? '', ...final.stage.env, PORT: port },
        timeout: 10_000,
      });
      expect(check.status).toBe(0);
    } finally {
      await api.stop();
    }
  });

  it('refuses to start in production without a key', async () => {
    const api = startImage(neo4jEnv());
    expect(await api.exited).toBe(2);
    expect(api.stderr.join('\n')).toMatch(/production needs AUTH_JWT_SECRET or AUTH_JWKS_URL/);
  });
});
