import { AppError } from '../../src/common/app.errors';
import { CircuitBreaker } from '../../src/db/circuit.breaker';

describe('CircuitBreaker', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const refusal = (breaker: CircuitBreaker): unknown => {
    try {
      breaker.admit();
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('opens after consecutive failures, refuses during the cool-down, probes once, and closes on an answer', () => {
    const opened = jest.fn();
    const breaker = new CircuitBreaker({ failures: 3, cooldownMs: 1_000 }, opened);
    breaker.admit().failed();
    breaker.admit().failed();
    breaker.admit().answered(); // an answer between failures: Neo4j is alive
    breaker.admit().failed();
    breaker.admit().failed();
    expect(breaker.state).toBe('closed');
    breaker.admit().failed();
    expect(breaker.state).toBe('open');
    expect(opened).toHaveBeenCalledTimes(1);
    expect(refusal(breaker)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(refusal(breaker)).toBeInstanceOf(AppError);

    jest.advanceTimersByTime(1_000);
    expect(breaker.state).toBe('half-open');
    const probe = breaker.admit();
    expect(refusal(breaker)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' }); // one probe at a time
    probe.failed();
    expect(breaker.state).toBe('open'); // a failed probe starts a new cool-down

    jest.advanceTimersByTime(1_000);
    breaker.admit().answered();
    expect(breaker.state).toBe('closed');
    expect(refusal(breaker)).toBeUndefined();
  });

  it('does not count a call that timed out while Neo4j answered others: the server is slow, not gone', () => {
    const breaker = new CircuitBreaker({ failures: 3, cooldownMs: 1_000 });
    const waiting = [breaker.admit(), breaker.admit(), breaker.admit(), breaker.admit()];
    breaker.admit().answered();
    for (const call of waiting) call.failed();
    expect(breaker.state).toBe('closed');
    // Calls admitted after the last answer, with none since, count again.
    const [a, b, c] = [breaker.admit(), breaker.admit(), breaker.admit()];
    a.failed();
    b.failed();
    c.failed();
    expect(breaker.state).toBe('open');
  });
});
