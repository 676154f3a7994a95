import { exponentialBackoff, type Backoff } from './backoff.js';
import type { RetryBudget } from './budget.js';
import {
  checkFunction,
  checkNumber,
  checkOptions,
  callInner,
  clearCallTimer,
  describe,
  executeWith,
  MAX_TIMER_DELAY_MS,
  newPromise,
  noop,
  Predicate,
  settlers,
  type Inner,
  type Sink,
  type Policy,
  type Scope,
  type Step,
  type Work,
} from './core.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ObservablePolicy, type Outcome } from './stats.js';
import { discardBody, isTransientError, isTransientResult, retryAfterMs } from './transient.js';

export type RetryEvent = Outcome & {
  /** The attempt that failed (1 for the first call). */
  readonly attempt: number;
  /** How long `retry` waits before the next attempt. */
  readonly delayMs: number;
};

export type GiveUpEvent = Outcome & {
  /** How many attempts were made. */
  readonly attempts: number;
  /** 'attempts' when `maxAttempts` was reached, 'budget' when the retry budget was spent. */
  readonly reason: 'attempts' | 'budget';
};

export interface RetryOptions {
  /** Total calls, the first included: 3 means one call and up to two retries. Default 3. */
  maxAttempts?: number;
  /** Delay before each retry. Default `exponentialBackoff()`: 100 ms doubling up to 30 s, full jitter. */
  backoff?: Backoff;
  /**
   * Which thrown errors are retried. Default `isTransientError`. The caller's abort is never retried. One that
   * throws retries nothing, and the caller gets the work's own error.
   */
  retryOn?: (error: unknown) => boolean;
  /** Which returned results are retried. Default `isTransientResult` (responses with 408/425/429/5xx). */
  retryOnResult?: (result: unknown) => boolean;
  /** A budget shared across calls (from any copy of this runtime); retries stop while it is spent. */
  budget?: RetryBudget;
  onRetry?: (event: RetryEvent) => void;
  onGiveUp?: (event: GiveUpEvent) => void;
}

const WHERE = 'retry';
const OPTIONS = ['maxAttempts', 'backoff', 'retryOn', 'retryOnResult', 'budget', 'onRetry', 'onGiveUp'];

export class RetryPolicy extends ObservablePolicy implements Policy {
  readonly maxAttempts: number;
  private readonly backoff: Backoff;
  private readonly retryOn: Predicate<unknown>;
  private readonly retryOnResult: Predicate<unknown>;
  private readonly budget: RetryBudget | undefined;
  private readonly retryEvents = new Emitter<RetryEvent>();
  private readonly giveUpEvents = new Emitter<GiveUpEvent>();

  constructor(options: RetryOptions = {}) {
    super();
    checkOptions(WHERE, options, OPTIONS);
    this.maxAttempts = checkNumber(WHERE, 'maxAttempts', options.maxAttempts ?? 3, { min: 1, integer: true });
    const backoff = options.backoff ?? exponentialBackoff();
    if (
      typeof backoff !== 'object' ||
      backoff === null ||
      typeof backoff.delayMs !== 'function' ||
      typeof backoff.maxDelayMs !== 'number'
    ) {
      throw new TypeError(
        `${WHERE}: backoff must come from exponentialBackoff(...) or have maxDelayMs and delayMs(retry, previousDelayMs), got ${describe(backoff)}`,
      );
    }
    // Above 2^31-1 ms, setTimeout fires at once: a hand-written cap of 5e9 would make a loop of 1 ms waits.
    checkNumber(WHERE, 'backoff.maxDelayMs', backoff.maxDelayMs, { min: 0, max: MAX_TIMER_DELAY_MS });
    this.backoff = backoff;
    const retryOn = checkFunction(WHERE, 'retryOn', options.retryOn) ?? isTransientError;
    this.retryOn = new Predicate(WHERE, 'retryOn', retryOn, false);
    const retryOnResult = checkFunction(WHERE, 'retryOnResult', options.retryOnResult) ?? isTransientResult;
    this.retryOnResult = new Predicate(WHERE, 'retryOnResult', retryOnResult, false);
    if (options.budget !== undefined && !isRetryBudget(options.budget)) {
      throw new TypeError(`${WHERE}: budget must come from retryBudget(...), got ${describe(options.budget)}`);
    }
    this.budget = options.budget;
    const onRetry = checkFunction(WHERE, 'onRetry', options.onRetry);
    const onGiveUp = checkFunction(WHERE, 'onGiveUp', options.onGiveUp);
    if (onRetry) this.retryEvents.subscribe(onRetry);
    if (onGiveUp) this.giveUpEvents.subscribe(onGiveUp);
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    return executeWith(this, work, signal);
  }

  /** Listens for each retry about to be made. */
  onRetry(listener: (event: RetryEvent) => void): Unsubscribe {
    return this.retryEvents.subscribe(listener);
  }

  /** Listens for calls that failed transiently and will not be retried again. */
  onGiveUp(listener: (event: GiveUpEvent) => void): Unsubscribe {
    return this.giveUpEvents.subscribe(listener);
  }

  /**
   * Written with explicit resolve/reject rather than async/await: passing a failure on by rethrowing it costs
   * more than the rest of a failed call. One RetryCall per call holds the state and its two handlers, instead
   * of closures per attempt.
   * @internal
   */
  run<T>(inner: Inner<T>, scope: Scope, _attempt: number): Promise<T> {
    const promise = newPromise<T>();
    new RetryCall(this, inner as Inner<unknown>, scope, undefined, settlers.resolve, settlers.reject).start();
    return promise;
  }

  /** @internal */
  runInto(inner: Inner<unknown>, scope: Scope, _attempt: number, sink: Sink): void {
    new RetryCall(this, inner, scope, sink, noop, noop).start();
  }

  /**
   * An attempt returned `result`. Every step runs in a try, so a throwing hand-written backoff still rejects the
   * call instead of leaving it pending. @internal
   */
  attemptReturned(call: RetryCall, result: unknown): void {
    try {
      if (!this.retryOnResult.test(result)) {
        this.budget?.recordSuccess();
        this.telemetry.succeeded(call.startedAt);
        call.resolve(result);
      } else this.attemptFailed(call, false, result);
    } catch (error) {
      call.abandon(error);
    }
  }

  /** An attempt threw `error`. @internal */
  attemptThrew(call: RetryCall, error: unknown): void {
    try {
      if (call.scope.aborted || !this.retryOn.test(error)) {
        this.telemetry.failed(call.startedAt, true, error, false);
        call.reject(error);
      } else this.attemptFailed(call, true, error);
    } catch (unexpected) {
      call.abandon(unexpected);
    }
  }

  /** A retryable failure: give up, or wait and start the next attempt. */
  private attemptFailed(call: RetryCall, thrown: boolean, outcome: unknown): void {
    this.budget?.recordFailure();
    const attempt = call.attempt;
    const attemptsSpent = attempt >= this.maxAttempts;
    if (attemptsSpent || (this.budget !== undefined && !this.budget.canRetry)) {
      if (this.giveUpEvents.hasListeners) {
        const reason = attemptsSpent ? 'attempts' : 'budget';
        this.giveUpEvents.emit(thrown ? { error: outcome, attempts: attempt, reason } : { result: outcome, attempts: attempt, reason });
      }
      this.telemetry.failed(call.startedAt, thrown, outcome, true);
      if (thrown) call.reject(outcome);
      else call.resolve(outcome);
      return;
    }

    const asked = retryAfterMs(outcome);
    // Clamped, so a hand-written backoff that returns NaN or a negative number cannot make a busy loop.
    const delayMs = Math.min(
      this.backoff.maxDelayMs,
      Math.max(this.backoff.delayMs(attempt, call.previousDelayMs) || 0, asked ?? 0, 0),
    );
    call.previousDelayMs = delayMs;
    if (this.retryEvents.hasListeners) {
      this.retryEvents.emit(thrown ? { error: outcome, attempt, delayMs } : { result: outcome, attempt, delayMs });
    }
    if (!thrown) discardBody(outcome);
    sleep(delayMs, call.scope).then(
      () => call.next(),
      (reason: unknown) => call.abandon(reason),
    );
  }
}

/**
 * One call through a retry: its attempt, its last delay and how to settle it (its own promise's functions, or the
 * sink of the timeout that encloses it).
 */
class RetryCall implements Sink {
  attempt = 1;
  previousDelayMs = 0;
  readonly startedAt: number;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly inner: Inner<unknown>,
    readonly scope: Scope,
    private readonly sink: Sink | undefined,
    private readonly resolvePromise: (value: unknown) => void,
    private readonly rejectPromise: (error: unknown) => void,
  ) {
    this.startedAt = policy.telemetry.start();
  }

  resolve(value: unknown): void {
    if (this.sink !== undefined) this.sink.succeed(value);
    else this.resolvePromise(value);
  }

  reject(error: unknown): void {
    if (this.sink !== undefined) this.sink.fail(error);
    else this.rejectPromise(error);
  }

  /** Fails the call with an error retry did not judge: an abort, or a bug in a hand-written backoff or budget. */
  abandon(error: unknown): void {
    this.policy.telemetry.failed(this.startedAt, true, error, false);
    this.reject(error);
  }

  start(): void {
    if (this.scope.aborted) return this.abandon(this.scope.reason);
    const into = (this.inner as Step).into;
    if (into !== undefined) {
      // The policy inside (a breaker) reports the attempt's outcome straight to this call: no reaction of retry's
      // own on the attempt's promise, and no handlers to make for it.
      try {
        into(this.scope, this.attempt, this);
      } catch (error) {
        // As callInner would: a policy that throws (a hand-written clock of a breaker) fails the attempt.
        this.fail(error);
      }
      return;
    }
    callInner(this.inner, this.scope, this.attempt).then(
      (result) => this.succeed(result),
      (error: unknown) => this.fail(error),
    );
  }

  /** The attempt returned `result` (as a Sink: what the policy inside reports to). */
  succeed(result: unknown): void {
    this.policy.attemptReturned(this, result);
  }

  /** The attempt threw `error`. */
  fail(error: unknown): void {
    this.policy.attemptThrew(this, error);
  }

  /** After a backoff wait. */
  next(): void {
    this.attempt++;
    this.start();
  }
}

/** Retries transient failures with backoff. */
export function retry(options?: RetryOptions): RetryPolicy {
  return new RetryPolicy(options);
}

/**
 * A budget from retryBudget(), of this copy of the runtime or another (a vendored copy, the other of the ESM
 * and CommonJS builds): instanceof would refuse those.
 */
function isRetryBudget(value: unknown): value is RetryBudget {
  const budget = value as Partial<RetryBudget> | null;
  return (
    typeof budget === 'object' &&
    budget !== null &&
    typeof budget.canRetry === 'boolean' &&
    typeof budget.recordSuccess === 'function' &&
    typeof budget.recordFailure === 'function'
  );
}

/** Waits, unless the scope aborts first: then rejects at once with the abort reason. */
function sleep(delayMs: number, scope: Scope): Promise<void> {
  if (scope.aborted) return Promise.reject(scope.reason);
  if (delayMs <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      resolve();
    }, delayMs);
    const stopListening = scope.onAbort((reason) => {
      clearCallTimer(timer);
      reject(reason);
    });
  });
}
