import { AppError } from '../common/app.errors';

export interface BreakerSettings {
  /** Consecutive calls without an answer from Neo4j, and with none to any other call meanwhile, that open it. */
  failures: number;
  /** How long an open circuit refuses calls before it lets one through as a probe. */
  cooldownMs: number;
}

/** What the caller reports back for one admitted call. */
export interface BreakerPermit {
  /** Neo4j answered (with data or with an error of its own): it is alive. */
  answered(): void;
  /**
   * Neo4j did not answer in time, or could not be reached. It counts only when no other call was answered while
   * this one waited: a query that outlasts its deadline while others are answered meets a slow or busy server,
   * not one that is gone, and refusing everyone for it would let one client's heavy queries stop the API.
   */
  failed(): void;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export const refusedByBreaker = (): AppError =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'The database is not answering, so this request was not sent to it; try again shortly.',
  );

/**
 * Stops requests from queueing behind a database that does not answer. Closed: every call goes through, and a
 * run of failures with no answer between them (nor to any call while they waited) opens it. Open: calls are refused at once (no connection taken,
 * no query sent) until the cool-down has passed; then one call goes through as a probe (half-open) while the
 * others are still refused. Any answer from Neo4j closes it again, so recovery needs no restart.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private probing = false;
  /** Answers so far: a failure of a call admitted before the latest answer does not count. */
  private answers = 0;

  constructor(
    private readonly settings: BreakerSettings,
    private readonly onOpen: () => void = () => undefined,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.probing || Date.now() - this.openedAt < this.settings.cooldownMs ? 'open' : 'half-open';
  }

  /** Admits a call, or throws SERVICE_UNAVAILABLE while the circuit is open. */
  admit(): BreakerPermit {
    const state = this.state;
    if (state === 'open') throw refusedByBreaker();
    const probe = state === 'half-open';
    if (probe) this.probing = true;
    const answersBefore = this.answers;
    let settled = false;
    const settle = (answered: boolean): void => {
      if (settled) return;
      settled = true;
      if (probe) this.probing = false;
      if (answered) this.close();
      else if (this.answers === answersBefore) this.fail(probe);
    };
    return { answered: () => settle(true), failed: () => settle(false) };
  }

  private close(): void {
    this.answers += 1;
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
  }

  private fail(probe: boolean): void {
    this.consecutiveFailures += 1;
    if (probe) {
      this.openedAt = Date.now();
    } else if (this.openedAt === undefined && this.consecutiveFailures >= this.settings.failures) {
      this.openedAt = Date.now();
      this.onOpen();
    }
  }
}
