/** Thrown by `timeout(...)` when the work did not settle in time. Its signal was aborted with this error. */
export class TimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Operation timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Runs `create` without capturing a stack trace (where the engine supports turning that off). Fail-fast
 * rejections are frequent and expected, their origin is the policy that refused, and capturing a stack costs
 * several times more than the rest of the refused call.
 */
function withoutStack<E>(create: () => E): E {
  const errorConstructor = Error as { stackTraceLimit?: unknown };
  const limit = errorConstructor.stackTraceLimit;
  if (typeof limit !== 'number') return create();
  errorConstructor.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    errorConstructor.stackTraceLimit = limit;
  }
}

/** Thrown by an open (or saturated half-open) circuit breaker without calling the work. It has no stack trace. */
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

/** Thrown by `bulkhead(...)` when every slot and every queue place is taken. It has no stack trace. */
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

/** @internal */
export function brokenCircuit(retryAfterMs: number): BrokenCircuitError {
  return withoutStack(() => new BrokenCircuitError(retryAfterMs));
}

/** @internal */
export function bulkheadRejected(maxConcurrent: number, maxQueue: number): BulkheadRejectedError {
  return withoutStack(() => new BulkheadRejectedError(maxConcurrent, maxQueue));
}
