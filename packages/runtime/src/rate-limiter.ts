import {
  checkFunction,
  checkNumber,
  checkOptions,
  clearCallTimer,
  executeWith,
  MAX_TIMER_DELAY_MS,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { rateLimited, type RateLimitedError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ObservablePolicy, runRecorded } from './stats.js';

export interface RateLimiterOptions {
  /** Calls allowed per `perMs`, and the largest burst. Required. */
  permits: number;
  /** The period, in milliseconds. Required. */
  perMs: number;
  /** Calls allowed to wait for a permit, in arrival order. Default 0: reject at once when none is free. */
  maxQueue?: number;
  /** Monotonic clock in milliseconds. Default `performance.now`. */
  now?: () => number;
}

interface Waiter {
  start(): void;
}

const WHERE = 'rateLimiter';

/**
 * Lets at most `permits` calls start per `perMs` milliseconds: a token bucket that holds `permits` tokens and
 * refills continuously, so a burst of `permits` is allowed and the rate is kept over any longer stretch. A call
 * without a token waits in a queue of `maxQueue` places, or is rejected with `RateLimitedError`. A queued call
 * whose caller aborts leaves the queue at once.
 */
export class RateLimiterPolicy extends ObservablePolicy implements Policy {
  readonly permits: number;
  readonly perMs: number;
  readonly maxQueue: number;
  private readonly now: () => number;
  /**
   * Tokens times perMs, so that refilling (elapsed × permits) and taking (perMs) stay in integers for an integer
   * clock: 3 permits per 1 000 ms give a token after 334 ms, never a rounding error short of one.
   */
  private credit: number;
  private refilledAt: number;
  private readonly queue = new Set<Waiter>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly rejectEvents = new Emitter<RateLimitedError>();

  constructor(options: RateLimiterOptions) {
    super();
    checkOptions(WHERE, options, ['permits', 'perMs', 'maxQueue', 'now']);
    if (options === undefined) throw new TypeError(`${WHERE}: expects options { permits, perMs }, got undefined`);
    this.permits = checkNumber(WHERE, 'permits', options.permits, { min: 1, max: 1_000_000, integer: true });
    this.perMs = checkNumber(WHERE, 'perMs', options.perMs, { min: 1, max: MAX_TIMER_DELAY_MS, integer: true });
    this.maxQueue = checkNumber(WHERE, 'maxQueue', options.maxQueue ?? 0, { min: 0, integer: true });
    this.now = checkFunction(WHERE, 'now', options.now) ?? (() => performance.now());
    this.credit = this.permits * this.perMs;
    this.refilledAt = this.now();
  }

  /** Permits free now. */
  get available(): number {
    this.refill();
    return Math.floor(this.credit / this.perMs);
  }

  /** Calls waiting for a permit. */
  get queued(): number {
    return this.queue.size;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    return executeWith(this, work, signal);
  }

  /** Listens for calls refused because no permit was free and the queue was full. */
  onReject(listener: (error: RateLimitedError) => void): Unsubscribe {
    return this.rejectEvents.subscribe(listener);
  }

  /** @internal */
  run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T> {
    if (scope.aborted) return Promise.reject(scope.reason);
    this.release();
    if (this.queue.size === 0 && this.credit >= this.perMs) {
      this.credit -= this.perMs;
      return this.runNow(inner, scope, attempt, this.telemetry.start());
    }
    if (this.queue.size >= this.maxQueue) {
      this.telemetry.refused();
      const error = rateLimited(this.msUntilPermit(), this.permits, this.perMs);
      if (this.rejectEvents.hasListeners) this.rejectEvents.emit(error);
      return Promise.reject(error);
    }
    const startedAt = this.telemetry.start();
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          stopListening();
          this.runNow(inner, scope, attempt, startedAt).then(resolve, reject);
        },
      };
      const stopListening = scope.onAbort((reason) => {
        this.queue.delete(waiter);
        this.telemetry.failed(startedAt, true, reason, false);
        if (this.queue.size === 0) this.stopTimer();
        reject(reason);
      });
      this.queue.add(waiter);
      this.scheduleRelease();
    });
  }

  /** Runs a call that has its permit; its time waiting in the queue counts in its duration. */
  private runNow<T>(inner: Inner<T>, scope: Scope, attempt: number, startedAt: number): Promise<T> {
    return runRecorded(this.telemetry, inner, scope, attempt, startedAt);
  }

  private refill(): void {
    const now = this.now();
    this.credit = Math.min(this.permits * this.perMs, this.credit + (now - this.refilledAt) * this.permits);
    this.refilledAt = now;
  }

  private msUntilPermit(): number {
    return Math.max(0, (this.perMs - this.credit) / this.permits);
  }

  /** Starts the queued calls that a token is free for, in arrival order. */
  private release(): void {
    this.refill();
    while (this.queue.size > 0 && this.credit >= this.perMs) {
      this.credit -= this.perMs;
      const next = this.queue.values().next().value!;
      this.queue.delete(next);
      next.start();
    }
    if (this.queue.size === 0) this.stopTimer();
  }

  private scheduleRelease(): void {
    if (this.timer !== undefined || this.queue.size === 0) return;
    // At least 1 ms, so a clock that lags the timer cannot make a loop of zero-delay timers.
    this.timer = setTimeout(releaseQueued, Math.max(1, Math.ceil(this.msUntilPermit())), this);
  }

  private stopTimer(): void {
    clearCallTimer(this.timer);
    this.timer = undefined;
  }

  /** @internal */
  timerFired(): void {
    this.timer = undefined;
    this.release();
    this.scheduleRelease();
  }
}

function releaseQueued(limiter: RateLimiterPolicy): void {
  limiter.timerFired();
}

/** Limits how many calls start per period: `rateLimiter({ permits: 10, perMs: 1_000 })`. */
export function rateLimiter(options: RateLimiterOptions): RateLimiterPolicy {
  return new RateLimiterPolicy(options);
}
