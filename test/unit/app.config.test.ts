import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app.config';

describe('loadConfig', () => {
  it('gives working defaults: port 4000, embedded Neo4j with its data under the working directory', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.http.port).toBe(4000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.embedded.dataDir).toBe(path.resolve('/srv/app/.data/neo4j'));
    expect(config.neo4j.database).toBe('neo4j');
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      NEO4J_URI: 'neo4j+s://db.example.org:7687',
      NEO4J_USER: 'app',
      NEO4J_PASSWORD: 'secret',
      NEO4J_HEAP_MB: '1024',
      NEO4J_DATA_DIR: '/var/lib/graph',
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-chars',
    });
    expect(config).toMatchObject({
      env: 'production',
      http: { port: 8080 },
      neo4j: { uri: 'neo4j+s://db.example.org:7687', user: 'app', password: 'secret' },
      embedded: { heapMb: 1024, dataDir: '/var/lib/graph' },
    });
  });

  it('names every bad value at once, with what was expected', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', NEO4J_URI: 'http://localhost:7474', LOG_LEVEL: 'loud', NEO4J_HEAP_MB: '1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "PORT must be a whole number from 0 to 65535, got 'abc'",
      "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'",
      expect.stringContaining('NEO4J_URI must be a Neo4j address such as bolt://host:7687'),
      "NEO4J_HEAP_MB must be a whole number from 128 to 65536, got '1'",
    ]);
  });

  it.each(['-1', '65536', '4000.5', '40 00', '0x10'])('rejects PORT=%s', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
  });

  it('turns access control on with a key, and refuses production without one', () => {
    expect(loadConfig({}).auth.enabled).toBe(false);
    expect(loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32) }).auth.enabled).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /production needs AUTH_JWT_SECRET or AUTH_JWKS_URL/,
    );
    expect(loadConfig({ NODE_ENV: 'production', AUTH_DISABLED: 'true' }).auth.enabled).toBe(false);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(
      'AUTH_JWT_SECRET must be at least 32 characters long',
    );
    expect(() =>
      loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://idp.example.org/jwks' }),
    ).toThrow('set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  });

  it('wants AUTH_JWKS_URL over https except in tests, and a known list of algorithms', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'http://idp.example.org/jwks' })).toThrow(
      "AUTH_JWKS_URL must be an https address, got 'http://idp.example.org/jwks'",
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp.example.org/jwks' }),
    ).toThrow(ConfigError);
    expect(loadConfig({ AUTH_JWKS_URL: 'https://idp.example.org/jwks' }).auth.jwksAlgorithms).toEqual([
      'RS256',
      'ES256',
      'EdDSA',
    ]);
    expect(loadConfig({ NODE_ENV: 'test', AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks' }).auth.enabled).toBe(
      true,
    );
    expect(() => loadConfig({ AUTH_JWKS_ALGORITHMS: 'RS256,HS256' })).toThrow(
      /AUTH_JWKS_ALGORITHMS must be a comma-separated list of RS256/,
    );
  });

  it('refuses to listen beyond loopback without a key, unless AUTH_DISABLED=true', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      /HOST 0.0.0.0 is reachable from other machines: set AUTH_JWT_SECRET or AUTH_JWKS_URL/,
    );
    expect(() => loadConfig({ HOST: '192.168.1.10', NODE_ENV: 'test' })).toThrow(ConfigError);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_DISABLED: 'true' }).auth.enabled).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_JWT_SECRET: 'x'.repeat(32) }).auth.enabled).toBe(true);
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1'])
      expect(loadConfig({ HOST: host }).auth.enabled).toBe(false);
  });
});

describe('request deadlines', () => {
  it('give reads a few seconds, below the transaction timeout, and refuse a deadline the server would outlast', () => {
    const config = loadConfig({});
    expect(config.http.requestTimeoutMs).toBe(5_000);
    expect(config.http.requestTimeoutMs).toBeLessThan(config.neo4j.transactionTimeoutMs);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '20000' })).toThrow(
      'REQUEST_TIMEOUT_MS (20000) must not exceed NEO4J_TRANSACTION_TIMEOUT_MS (15000)',
    );
  });
});
