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
});
