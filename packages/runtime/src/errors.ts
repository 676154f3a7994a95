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
  /**
   * Milliseconds until the breaker lets a probe through. While probes are in flight, until it stops waiting
   * for them (sooner if they settle).
   */
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number, halfOpen = false) {
    super(
      halfOpen
        ? `Circuit is half-open and its probe calls are in flight; try again in ${Math.ceil(retryAfterMs)} ms at the latest`
        : `Circuit is open; try again in ${Math.ceil(retryAfterMs)} ms`,
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
export function brokenCircuit(retryAfterMs: number, halfOpen: boolean): BrokenCircuitError {
  return withoutStack(() => new BrokenCircuitError(retryAfterMs, halfOpen));
}

/**
 * A refusal by a policy (this copy's, another copy's): a full bulkhead, an open breaker. It says nothing of
 * the dependency, which was not called. @internal
 */
export function isPolicyRejection(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'BrokenCircuitError' || name === 'BulkheadRejectedError';
}

/** @internal */
export function bulkheadRejected(maxConcurrent: number, maxQueue: number): BulkheadRejectedError {
  return withoutStack(() => new BulkheadRejectedError(maxConcurrent, maxQueue));
}
