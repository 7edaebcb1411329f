import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/app.config';
import { launcherDir, projectRoot } from '../../src/config/project.paths';
import { parseDockerfile } from '../helpers/dockerfile.stages';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[]; interval: string; retries: number };
  depends_on?: Record<string, { condition: string }>;
}

const root = projectRoot();
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const { neo4j, api } = compose.services as { neo4j: Service; api: Service };
const image = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).at(-1)!;

/** What `docker compose` makes of `${X}`, `${X:-default}` and `${X:?message}` ($$ is a dollar), with the shell's env. */
function interpolate(
  value: string,
  shell: Record<string, string>,
  required: Set<string> = new Set(),
): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_]\w*)(?::?([-?])([^}]*))?\}/g,
    (whole, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
      if (name === undefined) return '$';
      const set = shell[name];
      if (operator === '?') {
        required.add(name);
        if (!set) throw new Error(`compose refuses to start: ${operand}`);
      }
      return set ?? (operator === '-' ? (operand ?? '') : '');
    },
  );
}

const apiEnv = (shell: Record<string, string>, required?: Set<string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(api.environment ?? {}).map(([name, value]) => [name, interpolate(value, shell, required)]),
  );

/** Every variable the config module reads, found by running it on an environment that records what is read. */
function variablesTheApiReads(): Set<string> {
  const names = new Set<string>();
  for (const base of [{}, { NODE_ENV: 'production', AUTH_DISABLED: 'true' }]) {
    const recorder = new Proxy<Record<string, string | undefined>>(base, {
      get: (target, name) => {
        if (typeof name === 'string') names.add(name);
        return target[name as string];
      },
    });
    loadConfig(recorder);
  }
  return names;
}

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('docker-compose.yml', () => {
  it('runs Neo4j (the launcher’s 5.x version) and the API built from the Dockerfile, ports on loopback only', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'neo4j']);
    const pom = fs.readFileSync(path.join(launcherDir(), 'pom.xml'), 'utf8');
    const [, minor] = /<neo4j\.version>(\d+\.\d+)\.\d+<\/neo4j\.version>/.exec(pom) ?? [];
    expect(neo4j.image).toBe(`neo4j:${minor}-community`);
    expect(api.build).toBe('.');
    const ports = [...(neo4j.ports ?? []), ...(api.ports ?? [])];
    expect(ports.filter((mapping) => !mapping.startsWith('127.0.0.1:'))).toEqual([]);
    expect(api.ports).toEqual([`127.0.0.1:${image.env.PORT}:${image.env.PORT}`]);
  });

  it('starts the API once Neo4j answers its health check; the image checks the API’s own readiness', () => {
    expect(neo4j.healthcheck?.test.join(' ')).toMatch(/cypher-shell .*RETURN 1/);
    expect(neo4j.healthcheck?.retries).toBeGreaterThan(0);
    expect(api.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(image.healthcheck).toMatch(/\/readyz/);
  });

  it('requires AUTH_JWT_SECRET and nothing else from the shell, and then gives a valid production config', () => {
    const required = new Set<string>();
    const env = apiEnv({ AUTH_JWT_SECRET: SECRET }, required);
    expect([...required]).toEqual(['AUTH_JWT_SECRET']);
    const config = loadConfig({ ...image.env, ...env });
    expect(config).toMatchObject({ env: 'production', auth: { enabled: true } });
    expect(() => apiEnv({})).toThrow(/set AUTH_JWT_SECRET/);
    // The image alone, without the key compose passes, would not start.
    expect(() =>
      loadConfig({ ...image.env, ...apiEnv({ AUTH_JWT_SECRET: SECRET }), AUTH_JWT_SECRET: '' }),
    ).toThrow(ConfigError);
  });

  it('sets only variables the API reads', () => {
    const reads = variablesTheApiReads();
    expect(reads).toContain('NEO4J_URI');
    expect(Object.keys(api.environment ?? {}).filter((name) => !reads.has(name))).toEqual([]);
    expect(Object.keys(image.env).filter((name) => !reads.has(name))).toEqual([]);
  });

  it('points the API at the neo4j service with the password Neo4j was given', () => {
    const shells: Record<string, string>[] = [{}, { NEO4J_PASSWORD: 'chosen-password' }];
    for (const shell of shells) {
      const env = apiEnv({ ...shell, AUTH_JWT_SECRET: SECRET });
      const [user, password] = interpolate(neo4j.environment?.NEO4J_AUTH ?? '', shell).split('/');
      expect({ user: env.NEO4J_USER, password: env.NEO4J_PASSWORD }).toEqual({ user, password });
      expect(new URL(env.NEO4J_URI ?? '').host).toBe('neo4j:7687');
    }
  });
});
