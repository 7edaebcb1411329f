import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The moment by which a request must have its answer. Every Cypher call made while serving the request takes the
 * time left from it (database.read/write), so a request stops waiting at its deadline however many round trips
 * it makes. Held in async-local storage so that services and loaders need not pass it along.
 */
export class RequestDeadline {
  private expiresAt: number;

  constructor(
    private readonly startedAt: number,
    timeoutMs: number,
  ) {
    this.expiresAt = startedAt + timeoutMs;
  }

  /** A mutation learns it is one only after parsing: it gets the longer deadline of writes from its start. */
  extendTo(timeoutMs: number): void {
    this.expiresAt = Math.max(this.expiresAt, this.startedAt + timeoutMs);
  }

  remainingMs(now = Date.now()): number {
    return this.expiresAt - now;
  }
}

const storage = new AsyncLocalStorage<RequestDeadline>();

/** Runs `fn` (and everything it starts) under `deadline`. */
export function withDeadline<T>(deadline: RequestDeadline, fn: () => T): T {
  return storage.run(deadline, fn);
}

/** The deadline of the request being served, if any (none for start-up, migrations and the command line). */
export function currentDeadline(): RequestDeadline | undefined {
  return storage.getStore();
}

/** Runs `fn` outside any request's deadline: clean-up that must happen even when the request's time ran out. */
export function withoutDeadline<T>(fn: () => T): T {
  return storage.exit(fn);
}
