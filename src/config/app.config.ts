import path from 'node:path';

/** Everything the service reads from its environment, typed, with every limit and timeout in one place. */
export interface Config {
  env: 'development' | 'test' | 'production';
  http: {
    host: string;
    port: number;
    shutdownTimeoutMs: number;
    /** How long a read request may wait for its answer; a mutation gets neo4j.ingestTimeoutMs. */
    requestTimeoutMs: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  limits: {
    defaultPageSize: number;
    maxPageSize: number;
    maxSearchResults: number;
    maxFilterLength: number;
    /** The largest ingest document, as JSON text. */
    maxDocumentBytes: number;
    /** The most documents one ingestDocuments request takes (together at most maxDocumentBytes). */
    maxBatchDocuments: number;
    /** The deepest neighbourhood or path a traversal may ask for. */
    maxTraversalDepth: number;
    /** The most nodes a neighbourhood returns before it is truncated. */
    maxNeighborhoodNodes: number;
    /** The most paths `paths` returns. */
    maxPaths: number;
    /** The most events a timeline returns (the earliest ones). */
    maxTimelineEvents: number;
    /**
     * How long one dashboard aggregate may compute. It runs past the request that began it (whose deadline
     * answers TIMEOUT) and is kept for the requests after it: a large graph's dashboard is slow once, not never.
     */
    statsTimeoutMs: number;
    /** The most nodes an analytics projection may hold; a larger scope answers BAD_USER_INPUT. */
    maxAnalyticsNodes: number;
    /** The most entities, communities, brokers or similar entities an analytics query returns. */
    maxAnalyticsResults: number;
    /** The most entities an export of the whole graph holds (the first by id; the export says it was cut). */
    maxExportNodes: number;
  };
  auth: {
    /** Off only where no key is configured outside production: everything is then allowed. */
    enabled: boolean;
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** The longest a token may live (exp minus iat, or minus now): a token without exp is refused. */
    maxTokenTtlSeconds: number;
    /** The algorithms a token from AUTH_JWKS_URL may be signed with; the secret is always HS256. */
    jwksAlgorithms: JwksAlgorithm[];
    /** public: anyone may read; reader: reads need a token with the reader role (or higher). */
    reads: 'public' | 'reader';
  };
  cost: {
    maxDepth: number;
    maxComplexity: number;
    maxAliases: number;
    maxTokens: number;
  };
  /** auto: load seed/documents when the graph holds no source yet; always: on every start (idempotent). */
  seed: 'auto' | 'always' | 'never';
  neo4j: {
    /** Absent: the service starts Neo4j itself, embedded in the launcher JVM. */
    uri: string | undefined;
    user: string;
    password: string | undefined;
    database: string;
    connectionTimeoutMs: number;
    acquisitionTimeoutMs: number;
    transactionTimeoutMs: number;
    /** Ingesting a whole document is one transaction, which may rightly take longer than a query. */
    ingestTimeoutMs: number;
    maxRetryTimeMs: number;
    maxPoolSize: number;
    readinessTimeoutMs: number;
    /** Consecutive calls without an answer that open the circuit breaker. */
    breakerFailures: number;
    /** How long the open breaker refuses calls before one goes through as a probe. */
    breakerCooldownMs: number;
  };
  embedded: {
    dataDir: string;
    boltPort: number;
    heapMb: number;
    pageCacheMb: number;
    startupTimeoutMs: number;
  };
}

/** Asymmetric algorithms jose verifies; the default list leaves out the RSA variants few issuers use. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];

/** Addresses only this machine can reach: listening there without access control exposes nothing. */
const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks the whole environment, reporting every bad value at once. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const config = readSettings(read, env, cwd);
  checkTogether(config, read, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Every setting on its own: its variable, default and range. */
function readSettings(read: EnvReader, env: Env, cwd: string): Config {
  return {
    env: read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development'),
    http: {
      host: read.string('HOST', '127.0.0.1'),
      port: read.int('PORT', 4000, 0, 65535),
      shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 600_000),
      requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 5_000, 100, 3_600_000),
    },
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      env.NODE_ENV === 'test' ? 'warn' : 'info',
    ),
    limits: {
      defaultPageSize: read.int('DEFAULT_PAGE_SIZE', 20, 1, 1_000),
      maxPageSize: read.int('MAX_PAGE_SIZE', 100, 1, 1_000),
      maxSearchResults: read.int('MAX_SEARCH_RESULTS', 50, 1, 1_000),
      maxFilterLength: read.int('MAX_FILTER_LENGTH', 200, 1, 10_000),
      maxDocumentBytes: read.int('MAX_DOCUMENT_BYTES', 1_000_000, 1_000, 100_000_000),
      maxBatchDocuments: read.int('MAX_BATCH_DOCUMENTS', 100, 1, 10_000),
      maxTraversalDepth: read.int('MAX_TRAVERSAL_DEPTH', 6, 1, 12),
      maxNeighborhoodNodes: read.int('MAX_NEIGHBORHOOD_NODES', 500, 1, 100_000),
      maxPaths: read.int('MAX_PATHS', 10, 1, 100),
      maxTimelineEvents: read.int('MAX_TIMELINE_EVENTS', 1_000, 1, 100_000),
      statsTimeoutMs: read.int('STATS_TIMEOUT_MS', 120_000, 100, 3_600_000),
      maxAnalyticsNodes: read.int('MAX_ANALYTICS_NODES', 250_000, 1, 10_000_000),
      maxAnalyticsResults: read.int('MAX_ANALYTICS_RESULTS', 100, 1, 1_000),
      maxExportNodes: read.int('MAX_EXPORT_NODES', 200_000, 1, 10_000_000),
    },
    seed: read.oneOf('SEED', ['auto', 'always', 'never'], 'auto'),
    auth: {
      enabled: false,
      jwtSecret: read.optionalSecret('AUTH_JWT_SECRET', 32),
      // Keys fetched over plain http could be swapped by anyone on the path; tests serve theirs locally.
      jwksUrl: read.optionalUrl('AUTH_JWKS_URL', env.NODE_ENV === 'test' ? ['https', 'http'] : ['https']),
      issuer: env.AUTH_ISSUER?.trim() || undefined,
      audience: env.AUTH_AUDIENCE?.trim() || undefined,
      maxTokenTtlSeconds: read.int('AUTH_MAX_TOKEN_TTL', 86_400, 60, 31_536_000),
      jwksAlgorithms: read.listOf('AUTH_JWKS_ALGORITHMS', JWKS_ALGORITHMS, ['RS256', 'ES256', 'EdDSA']),
      reads: read.oneOf('AUTH_READS', ['public', 'reader'], 'public'),
    },
    cost: {
      maxDepth: read.int('MAX_QUERY_DEPTH', 12, 1, 100),
      maxComplexity: read.int('MAX_QUERY_COMPLEXITY', 20_000, 10, 10_000_000),
      maxAliases: read.int('MAX_QUERY_ALIASES', 30, 0, 10_000),
      maxTokens: read.int('MAX_QUERY_TOKENS', 3_000, 50, 1_000_000),
    },
    neo4j: {
      uri: read.optionalUri('NEO4J_URI', ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc']),
      user: read.string('NEO4J_USER', 'neo4j'),
      password: env.NEO4J_PASSWORD === '' ? undefined : env.NEO4J_PASSWORD,
      database: read.string('NEO4J_DATABASE', 'neo4j'),
      connectionTimeoutMs: read.int('NEO4J_CONNECTION_TIMEOUT_MS', 5_000, 100, 600_000),
      acquisitionTimeoutMs: read.int('NEO4J_ACQUISITION_TIMEOUT_MS', 5_000, 100, 600_000),
      transactionTimeoutMs: read.int('NEO4J_TRANSACTION_TIMEOUT_MS', 15_000, 100, 3_600_000),
      ingestTimeoutMs: read.int('INGEST_TIMEOUT_MS', 120_000, 100, 3_600_000),
      maxRetryTimeMs: read.int('NEO4J_MAX_RETRY_TIME_MS', 5_000, 0, 600_000),
      maxPoolSize: read.int('NEO4J_MAX_POOL_SIZE', 50, 1, 1_000),
      readinessTimeoutMs: read.int('READINESS_TIMEOUT_MS', 2_000, 100, 60_000),
      breakerFailures: read.int('NEO4J_BREAKER_FAILURES', 3, 1, 1_000),
      breakerCooldownMs: read.int('NEO4J_BREAKER_COOLDOWN_MS', 1_000, 100, 600_000),
    },
    embedded: {
      dataDir: path.resolve(cwd, read.string('NEO4J_DATA_DIR', '.data/neo4j')),
      boltPort: read.int('NEO4J_BOLT_PORT', 0, 0, 65535),
      heapMb: read.int('NEO4J_HEAP_MB', 512, 128, 65_536),
      pageCacheMb: read.int('NEO4J_PAGECACHE_MB', 128, 8, 65_536),
      startupTimeoutMs: read.int('NEO4J_STARTUP_TIMEOUT_MS', 120_000, 1_000, 3_600_000),
    },
  };
}

/** What settings must be together (timeouts, page sizes, access control); decides whether access control is on. */
function checkTogether(config: Config, read: EnvReader, problems: string[]): void {
  if (config.limits.defaultPageSize > config.limits.maxPageSize) {
    problems.push(
      `DEFAULT_PAGE_SIZE (${config.limits.defaultPageSize}) must not exceed MAX_PAGE_SIZE (${config.limits.maxPageSize})`,
    );
  }
  // A read must give up before the server would stop it, so that it answers even when the server cannot.
  if (config.http.requestTimeoutMs > config.neo4j.transactionTimeoutMs) {
    problems.push(
      `REQUEST_TIMEOUT_MS (${config.http.requestTimeoutMs}) must not exceed NEO4J_TRANSACTION_TIMEOUT_MS (${config.neo4j.transactionTimeoutMs})`,
    );
  }
  const disabled = read.oneOf('AUTH_DISABLED', ['true', 'false'], 'false') === 'true';
  const keyed = config.auth.jwtSecret !== undefined || config.auth.jwksUrl !== undefined;
  if (config.auth.jwtSecret !== undefined && config.auth.jwksUrl !== undefined) {
    problems.push('set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  if (config.env === 'production' && !keyed && !disabled) {
    problems.push(
      'production needs AUTH_JWT_SECRET or AUTH_JWKS_URL (or AUTH_DISABLED=true, to run without access control)',
    );
  }
  if (!keyed && !disabled && !LOOPBACK_HOSTS.test(config.http.host)) {
    problems.push(
      `HOST ${config.http.host} is reachable from other machines: set AUTH_JWT_SECRET or AUTH_JWKS_URL (or AUTH_DISABLED=true, to run without access control)`,
    );
  }
  config.auth.enabled = keyed && !disabled;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
      return fallback;
    }
    return Number(value);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
      return fallback;
    }
    return value as T;
  }

  optionalSecret(name: string, minLength: number): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') return undefined;
    if (value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
      return undefined;
    }
    return value;
  }

  optionalUrl(name: string, schemes: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const scheme = /^([a-z]+):\/\/\S+$/i.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined || !schemes.includes(scheme)) {
      this.problems.push(`${name} must be an ${schemes.join(' or ')} address, got '${value}'`);
      return undefined;
    }
    return value;
  }

  /** A comma-separated list, each item one of `allowed`. */
  listOf<T extends string>(name: string, allowed: readonly T[], fallback: T[]): T[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const items = value.split(',').map((item) => item.trim());
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (unknown.length > 0) {
      this.problems.push(`${name} must be a comma-separated list of ${allowed.join(', ')}, got '${value}'`);
      return fallback;
    }
    return items as T[];
  }

  optionalUri(name: string, schemes: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const scheme = /^([a-z0-9+]+):\/\/[^/\s]+/i.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined || !schemes.includes(scheme)) {
      this.problems.push(
        `${name} must be a Neo4j address such as bolt://host:7687 (schemes: ${schemes.join(', ')}), got '${value}'`,
      );
      return undefined;
    }
    return value;
  }
}
