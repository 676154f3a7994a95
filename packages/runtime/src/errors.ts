/** Thrown by `timeout(...)` when the work did not settle in time. Its signal was aborted with this error. */
export class TimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Operation timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** Thrown by an open (or saturated half-open) circuit breaker without calling the work. */
export class BrokenCircuitError extends Error {
  /** Milliseconds until the breaker lets a probe through; 0 when probes are already in flight. */
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super(
      retryAfterMs > 0
        ? `Circuit is open; try again in ${Math.ceil(retryAfterMs)} ms`
        : 'Circuit is half-open and its probe calls are in flight; try again shortly',
    );
    this.name = 'BrokenCircuitError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** Thrown by `bulkhead(...)` when every slot and every queue place is taken. */
export class BulkheadRejectedError extends Error {
  readonly maxConcurrent: number;
  readonly maxQueue: number;

  constructor(maxConcurrent: number, maxQueue: number) {
    super(`Bulkhead is full (${maxConcurrent} running, ${maxQueue} queued)`);
    this.name = 'BulkheadRejectedError';
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
  }
}
