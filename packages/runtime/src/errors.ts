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
 * The fail-fast errors are frequent and expected under load, and the policy that refused is their origin. Even
 * without a stack trace, Error's constructor costs about a microsecond, a third of a call refused by
 * pipeline(timeout, retry, circuitBreaker). So the runtime makes them from their prototype, and the prototype
 * answers for them: `name`, a `message` formatted when first read, and a `stack` of that one line. They are
 * instances of Error and of their class, like any error; only `util.types.isNativeError` and
 * `Object.prototype.toString` tell them apart.
 * (`new BrokenCircuitError(...)` in your code makes an ordinary one.)
 */
function describeLazily<E extends Error>(errorClass: { prototype: E }, name: string, message: (error: E) => string): void {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(errorClass.prototype, 'stack', {
    get(this: E) {
      return `${this.name}: ${this.message}`;
    },
    set(this: E, value: string) {
      Object.defineProperty(this, 'stack', { value, writable: true, configurable: true });
    },
    configurable: true,
  });
  Object.defineProperty(errorClass.prototype, 'message', {
    get(this: E) {
      return message(this);
    },
    // Assigning a message, as some loggers and test helpers do, makes it an own property as usual.
    set(this: E, value: string) {
      Object.defineProperty(this, 'message', { value, writable: true, configurable: true });
    },
    configurable: true,
  });
}

/** Thrown by an open (or saturated half-open) circuit breaker without calling the work. It has no stack trace (see below). */
export class BrokenCircuitError extends Error {
  /**
   * Milliseconds until the breaker lets a probe through. While probes are in flight, until it stops waiting
   * for them (sooner if they settle). `Infinity` while the circuit is isolated: no time is known (do not hand
   * it to setTimeout, which fires at once for it).
   */
  readonly retryAfterMs: number;
  /** 'open'; 'half-open' when the breaker's probes are in flight; 'isolated' when it is held open by hand. */
  readonly state: 'open' | 'half-open' | 'isolated';

  constructor(retryAfterMs: number, state: 'open' | 'half-open' | 'isolated' = 'open') {
    super();
    this.retryAfterMs = retryAfterMs;
    this.state = state;
  }
}

describeLazily(BrokenCircuitError, 'BrokenCircuitError', ({ retryAfterMs, state }) =>
  state === 'isolated'
    ? 'Circuit is isolated: held open by hand until released (isolate() handle disposed, or close())'
    : state === 'half-open'
      ? `Circuit is half-open and its probe calls are in flight; try again in ${Math.ceil(retryAfterMs)} ms at the latest`
      : `Circuit is open; try again in ${Math.ceil(retryAfterMs)} ms`,
);

/** Thrown by `bulkhead(...)` when every slot and every queue place is taken. It has no stack trace. */
export class BulkheadRejectedError extends Error {
  readonly maxConcurrent: number;
  readonly maxQueue: number;

  constructor(maxConcurrent: number, maxQueue: number) {
    super();
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
  }
}

describeLazily(
  BulkheadRejectedError,
  'BulkheadRejectedError',
  ({ maxConcurrent, maxQueue }) => `Bulkhead is full (${maxConcurrent} running, ${maxQueue} queued)`,
);

/** Thrown by `rateLimiter(...)` when no permit is free and its queue is full. It has no stack trace. */
export class RateLimitedError extends Error {
  /** Milliseconds until a call would be let through (or into the queue). */
  readonly retryAfterMs: number;
  readonly permits: number;
  readonly perMs: number;

  constructor(retryAfterMs: number, permits: number, perMs: number) {
    super();
    this.retryAfterMs = retryAfterMs;
    this.permits = permits;
    this.perMs = perMs;
  }
}

describeLazily(
  RateLimitedError,
  'RateLimitedError',
  ({ retryAfterMs, permits, perMs }) =>
    `Rate limit of ${permits} calls per ${perMs} ms reached; try again in ${Math.ceil(retryAfterMs)} ms`,
);

/** @internal */
export function rateLimited(retryAfterMs: number, permits: number, perMs: number): RateLimitedError {
  const error = Object.create(RateLimitedError.prototype) as { -readonly [K in keyof RateLimitedError]: RateLimitedError[K] };
  error.retryAfterMs = retryAfterMs;
  error.permits = permits;
  error.perMs = perMs;
  return error;
}

/** @internal */
export function brokenCircuit(retryAfterMs: number, state: BrokenCircuitError['state']): BrokenCircuitError {
  const error = Object.create(BrokenCircuitError.prototype) as { -readonly [K in keyof BrokenCircuitError]: BrokenCircuitError[K] };
  error.retryAfterMs = retryAfterMs;
  error.state = state;
  return error;
}

/**
 * A refusal by a policy (this copy's, another copy's): a full bulkhead, an open breaker, a rate limit. It says nothing of
 * the dependency, which was not called. @internal
 */
export function isPolicyRejection(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'BrokenCircuitError' || name === 'BulkheadRejectedError' || name === 'RateLimitedError';
}

/** @internal */
export function bulkheadRejected(maxConcurrent: number, maxQueue: number): BulkheadRejectedError {
  const error = Object.create(BulkheadRejectedError.prototype) as { -readonly [K in keyof BulkheadRejectedError]: BulkheadRejectedError[K] };
  error.maxConcurrent = maxConcurrent;
  error.maxQueue = maxQueue;
  return error;
}
