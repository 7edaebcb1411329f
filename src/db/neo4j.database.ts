import neo4j, {
  isRetryableError,
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type Record as Neo4jRecord,
  type Session,
  type SessionMode,
} from 'neo4j-driver';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceUnavailable, timedOut } from '../common/app.errors';
import type { Config } from '../config/app.config';
import { CircuitBreaker, type BreakerState } from './circuit.breaker';
import { bumpGeneration } from './graph.generation';
import { isUnreachable, mapNeo4jError } from './neo4j.errors';
import { currentDeadline } from './request.deadline';

export interface ServerInfo {
  version: string;
  edition: string;
}

export type DatabaseSettings = Omit<Config['neo4j'], 'uri'> & { uri: string };

/** The driver's retry schedule for executeRead (its TransactionExecutor): the first delay, and its jitter. */
const RETRY_DELAY_MS = 1_000;
const RETRY_JITTER = 0.2;

/** Why a call stopped waiting: its time ran out, or the breaker opened while it waited. */
type Abandoned = { reason: 'deadline' } | { reason: 'breaker' };

/**
 * The one way the service talks to Neo4j: one read statement in an auto-commit transaction (query), reads of
 * several statements in executeRead, writes in executeWrite, always naming the database and bounding each
 * transaction's time. Statements and work functions must be idempotent: they may be run again.
 *
 * Every call waits at most until the earlier of its transaction timeout and its request's deadline. The server
 * is told the same limit, but a server that does not answer at all (a long GC pause, a frozen VM, a network
 * partition) cannot enforce it, so the call also stops waiting on its own and gives its session up. Calls that
 * find no answer open the circuit breaker, which then refuses calls until a probe is answered.
 */
export class Database {
  private queries = 0;
  private readonly breaker: CircuitBreaker;
  private readonly inFlight = new Set<(why: Abandoned) => void>();

  private constructor(
    readonly driver: Driver,
    private readonly settings: DatabaseSettings,
  ) {
    // Whatever is still waiting when the circuit opens waits for a database that is not answering: stop it now.
    this.breaker = new CircuitBreaker(
      { failures: settings.breakerFailures, cooldownMs: settings.breakerCooldownMs },
      () => {
        for (const abandon of [...this.inFlight]) abandon({ reason: 'breaker' });
      },
    );
  }

  static connect(settings: DatabaseSettings): Database {
    const auth =
      settings.password === undefined ? undefined : neo4j.auth.basic(settings.user, settings.password);
    const driver = neo4j.driver(settings.uri, auth, {
      connectionTimeout: settings.connectionTimeoutMs,
      connectionAcquisitionTimeout: settings.acquisitionTimeoutMs,
      maxTransactionRetryTime: settings.maxRetryTimeMs,
      maxConnectionPoolSize: settings.maxPoolSize,
      disableLosslessIntegers: true,
      userAgent: 'institution-graph',
    });
    return new Database(driver, settings);
  }

  get uri(): string {
    return this.settings.uri;
  }

  get ingestTimeoutMs(): number {
    return this.settings.ingestTimeoutMs;
  }

  /** Cypher statements sent so far through read(), query() and write(): how tests and metrics count round trips. */
  get queryCount(): number {
    return this.queries;
  }

  private counted(tx: ManagedTransaction): ManagedTransaction {
    const run: ManagedTransaction['run'] = (query, parameters) => {
      this.queries += 1;
      return tx.run(query, parameters);
    };
    return Object.assign(Object.create(tx) as ManagedTransaction, { run });
  }

  /** closed, open (refusing calls) or half-open (the next call is a probe): what /metrics reports. */
  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  /** `timeoutMs` is for reads that are long by nature (a dashboard's aggregate); others keep the default. */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    try {
      return await this.guarded(
        neo4j.session.READ,
        timeoutMs ?? this.settings.transactionTimeoutMs,
        (session, timeout) => session.executeRead((tx) => work(this.counted(tx)), { timeout }),
      );
    } catch (error) {
      throw mapNeo4jError(error);
    }
  }

  /**
   * One read statement as an auto-commit transaction: one round trip where read() takes two (the statement, then
   * its COMMIT). A retryable error (isRetryableError: Neo4j out of reach for a moment, a transient failure) runs it
   * again, as executeRead would, while the time allows. Reads that need several statements to see one state of the
   * graph go through read().
   */
  async query(
    statement: string,
    parameters: Record<string, unknown> = {},
    timeoutMs?: number,
  ): Promise<Neo4jRecord[]> {
    try {
      const result = await this.guarded(
        neo4j.session.READ,
        timeoutMs ?? this.settings.transactionTimeoutMs,
        (session, budget, givenUp) => this.runRetried(session, statement, parameters, budget, givenUp),
      );
      return result.records;
    } catch (error) {
      throw mapNeo4jError(error);
    }
  }

  /**
   * `statement` on `session`, again after a retryable error: the driver's schedule for executeRead (a first delay,
   * doubled each time, with jitter, for up to maxRetryTimeMs), cut short where the next attempt would start after
   * `budgetMs`, and stopped once the call is given up (its session is closed then: nothing more is sent).
   */
  private async runRetried(
    session: Session,
    statement: string,
    parameters: Record<string, unknown>,
    budgetMs: number,
    givenUp: AbortSignal,
  ): Promise<QueryResult> {
    const end = Date.now() + budgetMs;
    let failedAt: number | undefined;
    for (let delay = RETRY_DELAY_MS; ; delay *= 2) {
      if (givenUp.aborted) throw new Error('the query was given up before its next attempt');
      this.queries += 1;
      try {
        return await session.run(statement, parameters, { timeout: Math.max(1, end - Date.now()) });
      } catch (error) {
        failedAt ??= Date.now();
        const wait = delay * (1 + RETRY_JITTER * (2 * Math.random() - 1));
        const retry =
          isRetryableError(error) &&
          Date.now() - failedAt < this.settings.maxRetryTimeMs &&
          Date.now() + wait < end;
        if (!retry) throw error;
        // Rejects as soon as the call is given up: no timer outlives it.
        await sleep(wait, undefined, { signal: givenUp });
      }
    }
  }

  /**
   * Every data write goes through here, and each moves the graph's generation on in its own transaction (see
   * graph.generation.ts): what is kept computed from the graph learns of it however the write was made.
   * `timeoutMs` is for writes that are large by nature (a whole document); others keep the default.
   */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.transact(async (tx) => {
      const value = await work(tx);
      await bumpGeneration(tx);
      return value;
    }, timeoutMs);
  }

  private async transact<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    try {
      return await this.guarded(
        neo4j.session.WRITE,
        timeoutMs ?? this.settings.transactionTimeoutMs,
        (session, timeout) => session.executeWrite((tx) => work(this.counted(tx)), { timeout }),
      );
    } catch (error) {
      throw mapNeo4jError(error);
    }
  }

  /**
   * Runs `call` on a new session through the breaker, within the time left: the smaller of `timeoutMs` and the
   * request's deadline. When the time runs out first, the session is closed without waiting for it (the driver
   * resets the connection, which stops the transaction on a live server and returns it to the pool) and the
   * call answers TIMEOUT; the driver's later result or error is dropped.
   */
  private async guarded<T>(
    mode: SessionMode,
    timeoutMs: number,
    call: (session: Session, timeoutMs: number, givenUp: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const budget = Math.min(timeoutMs, currentDeadline()?.remainingMs() ?? timeoutMs);
    if (budget <= 0) throw timedOut(new Error('the request had no time left for another query'));
    const permit = this.breaker.admit();
    const session = this.driver.session({ database: this.settings.database, defaultAccessMode: mode });
    let abandon: (why: Abandoned) => void = () => undefined;
    const abandoned = new Promise<Abandoned>((resolve) => (abandon = resolve));
    const timer = setTimeout(() => abandon({ reason: 'deadline' }), budget);
    this.inFlight.add(abandon);
    const givenUp = new AbortController();
    const work = call(session, budget, givenUp.signal);
    let settled = false;
    try {
      const outcome = await Promise.race([
        work.then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
        abandoned,
      ]);
      settled = !('reason' in outcome);
      if (!settled) givenUp.abort();
      if ('value' in outcome) {
        permit.answered();
        return outcome.value;
      }
      if ('error' in outcome) {
        if (isUnreachable(outcome.error)) permit.failed();
        else permit.answered();
        throw outcome.error;
      }
      permit.failed();
      throw outcome.reason === 'deadline'
        ? timedOut(new Error(`Neo4j did not answer within ${budget} ms`))
        : serviceUnavailable(new Error('the circuit opened while the query waited for Neo4j'));
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abandon);
      // A session given up on may never settle (the server is frozen): close it without waiting.
      if (settled) await session.close();
      else void session.close().catch(() => undefined);
    }
  }

  /** Schema commands (constraints, indexes) cannot share a transaction with data writes: each runs alone. */
  async runSchemaCommand(statement: string): Promise<void> {
    await this.transact((tx) => tx.run(statement));
  }

  /**
   * Asks the live server for its version and edition, once, without the driver's retries, within a deadline:
   * what a readiness probe needs to fail fast while Neo4j is down.
   */
  async serverInfo(deadlineMs: number): Promise<ServerInfo> {
    const result = await this.guarded(neo4j.session.READ, deadlineMs, async (session, timeout) =>
      session.run(
        'CALL dbms.components() YIELD name, versions, edition WHERE name = $name RETURN versions[0] AS version, edition',
        { name: 'Neo4j Kernel' },
        { timeout },
      ),
    );
    const record = result.records[0];
    if (!record) throw new Error('dbms.components() returned no Neo4j Kernel row');
    return { version: record.get('version') as string, edition: record.get('edition') as string };
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
