import { exponentialBackoff, type Backoff } from './backoff.js';
import { RetryBudget } from './budget.js';
import {
  checkFunction,
  checkNumber,
  checkOptions,
  describe,
  executeWith,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { Emitter, type Unsubscribe } from './events.js';
import { isTransientError, isTransientResult, retryAfterMs } from './transient.js';

/** What failed: a thrown error, or a returned result judged a failure (such as a 503 response). */
export type Outcome = { readonly error: unknown } | { readonly result: unknown };

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
  /** Which thrown errors are retried. Default `isTransientError`. The caller's abort is never retried. */
  retryOn?: (error: unknown) => boolean;
  /** Which returned results are retried. Default `isTransientResult` (responses with 408/425/429/5xx). */
  retryOnResult?: (result: unknown) => boolean;
  /** A budget shared across calls; retries stop while it is spent. */
  budget?: RetryBudget;
  onRetry?: (event: RetryEvent) => void;
  onGiveUp?: (event: GiveUpEvent) => void;
}

const WHERE = 'retry';
const OPTIONS = ['maxAttempts', 'backoff', 'retryOn', 'retryOnResult', 'budget', 'onRetry', 'onGiveUp'];

export class RetryPolicy implements Policy {
  readonly maxAttempts: number;
  private readonly backoff: Backoff;
  private readonly retryOn: (error: unknown) => boolean;
  private readonly retryOnResult: (result: unknown) => boolean;
  private readonly budget: RetryBudget | undefined;
  private readonly retryEvents = new Emitter<RetryEvent>();
  private readonly giveUpEvents = new Emitter<GiveUpEvent>();

  constructor(options: RetryOptions = {}) {
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
    this.backoff = backoff;
    this.retryOn = checkFunction(WHERE, 'retryOn', options.retryOn) ?? isTransientError;
    this.retryOnResult = checkFunction(WHERE, 'retryOnResult', options.retryOnResult) ?? isTransientResult;
    if (options.budget !== undefined && !(options.budget instanceof RetryBudget)) {
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

  /** @internal */
  async run<T>(inner: Inner<T>, scope: Scope, _attempt: number): Promise<T> {
    let previousDelayMs = 0;
    for (let attempt = 1; ; attempt++) {
      let outcome: { error: unknown } | { result: T };
      if (scope.aborted) throw scope.reason;
      try {
        const result = await inner(scope, attempt);
        if (!this.retryOnResult(result)) {
          this.budget?.recordSuccess();
          return result;
        }
        outcome = { result };
      } catch (error) {
        if (scope.aborted || !this.retryOn(error)) throw error;
        outcome = { error };
      }

      this.budget?.recordFailure();
      const budgetSpent = this.budget !== undefined && !this.budget.canRetry;
      if (attempt >= this.maxAttempts || budgetSpent) {
        if (this.giveUpEvents.hasListeners) {
          this.giveUpEvents.emit({ ...outcome, attempts: attempt, reason: budgetSpent ? 'budget' : 'attempts' });
        }
        if ('result' in outcome) return outcome.result;
        throw outcome.error;
      }

      const asked = retryAfterMs('result' in outcome ? outcome.result : outcome.error);
      // Clamped, so a hand-written backoff that returns NaN or a negative number cannot make a busy loop.
      const delayMs = Math.min(
        this.backoff.maxDelayMs,
        Math.max(this.backoff.delayMs(attempt, previousDelayMs) || 0, asked ?? 0, 0),
      );
      previousDelayMs = delayMs;
      if (this.retryEvents.hasListeners) this.retryEvents.emit({ ...outcome, attempt, delayMs });
      if ('result' in outcome) discardBody(outcome.result);
      await sleep(delayMs, scope);
    }
  }
}

/** Retries transient failures with backoff. */
export function retry(options?: RetryOptions): RetryPolicy {
  return new RetryPolicy(options);
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
      clearTimeout(timer);
      reject(reason);
    });
  });
}

/** A discarded fetch response would hold its connection until garbage collection; release it now. */
function discardBody(result: unknown): void {
  const body = (result as { body?: { cancel?: unknown; locked?: unknown } } | null)?.body;
  if (body && typeof body.cancel === 'function' && body.locked === false) {
    (body.cancel() as Promise<void>).catch(() => {});
  }
}
