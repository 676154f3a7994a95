import {
  checkFunction,
  checkNumber,
  callInner,
  checkOptions,
  executeWith,
  isDeadline,
  Predicate,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { brokenCircuit, isPolicyRejection, type BrokenCircuitError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ConsecutiveFailures, createWindow, type FailureCounter, type SlidingWindow } from './failure-counter.js';
import { ObservablePolicy } from './stats.js';
import { isTransientResult } from './transient.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface StateChangeEvent {
  readonly from: CircuitState;
  readonly to: CircuitState;
}

export interface BreakEvent {
  /** The failure that opened the circuit: a thrown error or a failed result. */
  readonly error?: unknown;
  readonly result?: unknown;
}

export interface CircuitBreakerOptions {
  /** Opens after this many failures in a row. Default 5. Use either this or `window`. */
  failureThreshold?: number;
  /** Opens when the failure rate over a sliding window of calls (or of time) reaches `failureRate`. */
  window?: SlidingWindow;
  /**
   * How long the circuit stays open before letting probes through, and how long half-open probes may hold
   * their places before others are let through instead. Default 30 000.
   */
  resetTimeoutMs?: number;
  /** Probes allowed at once when half-open; this many successes close the circuit. Default 1. */
  halfOpenMaxCalls?: number;
  /**
   * Which thrown errors count as failures (others count as successes). Default: every error, as in Polly,
   * resilience4j and opossum; `isTransientError` counts only network errors, timeouts and 408/429/5xx. Never
   * counted either way: the caller's own abort and a policy's refusal (`BrokenCircuitError`,
   * `BulkheadRejectedError`). A deadline that expired (a `timeout` around the breaker, `AbortSignal.timeout`)
   * is judged as its `TimeoutError`. A predicate that throws counts a failure.
   */
  failureOn?: (error: unknown) => boolean;
  /** Which returned results count as failures. Default `isTransientResult` (responses with 408/429/5xx...). */
  failureOnResult?: (result: unknown) => boolean;
  /** Monotonic clock in milliseconds. Default `performance.now`. */
  now?: () => number;
  onStateChange?: (event: StateChangeEvent) => void;
}

const WHERE = 'circuitBreaker';
const OPTIONS = [
  'failureThreshold',
  'window',
  'resetTimeoutMs',
  'halfOpenMaxCalls',
  'failureOn',
  'failureOnResult',
  'now',
  'onStateChange',
];

/**
 * Stops calling a dependency that keeps failing. Closed: calls go through and failures are counted. Open:
 * calls fail fast with `BrokenCircuitError` for `resetTimeoutMs`. Half-open: up to `halfOpenMaxCalls` probes
 * go through; a failed probe opens the circuit again, `halfOpenMaxCalls` successful ones close it.
 */
export class CircuitBreakerPolicy extends ObservablePolicy implements Policy {
  readonly resetTimeoutMs: number;
  readonly halfOpenMaxCalls: number;
  private readonly counter: FailureCounter;
  private readonly failureOn: Predicate<unknown> | undefined;
  private readonly failureOnResult: Predicate<unknown>;
  private readonly now: () => number;
  private current: CircuitState = 'closed';
  /** Bumped on every state change, so a call admitted in an earlier state cannot sway the current one. */
  private generation = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  /** When the current probes were let through: they hold their places for at most resetTimeoutMs. */
  private probesSince = 0;
  private readonly stateChangeEvents = new Emitter<StateChangeEvent>();
  private readonly breakEvents = new Emitter<BreakEvent>();
  private readonly halfOpenEvents = new Emitter<void>();
  private readonly resetEvents = new Emitter<void>();
  private readonly rejectEvents = new Emitter<BrokenCircuitError>();

  constructor(options: CircuitBreakerOptions = {}) {
    super();
    checkOptions(WHERE, options, OPTIONS);
    this.now = checkFunction(WHERE, 'now', options.now) ?? (() => performance.now());
    if (options.window !== undefined && options.failureThreshold !== undefined) {
      throw new TypeError(`${WHERE}: give either failureThreshold (consecutive failures) or window, not both`);
    }
    this.counter =
      options.window !== undefined
        ? createWindow(options.window, this.now)
        : new ConsecutiveFailures(
            checkNumber(WHERE, 'failureThreshold', options.failureThreshold ?? 5, { min: 1, integer: true }),
          );
    this.resetTimeoutMs = checkNumber(WHERE, 'resetTimeoutMs', options.resetTimeoutMs ?? 30_000, { min: 0 });
    this.halfOpenMaxCalls = checkNumber(WHERE, 'halfOpenMaxCalls', options.halfOpenMaxCalls ?? 1, {
      min: 1,
      integer: true,
    });
    const failureOn = checkFunction(WHERE, 'failureOn', options.failureOn);
    this.failureOn = failureOn && new Predicate(WHERE, 'failureOn', failureOn, true);
    const failureOnResult = checkFunction(WHERE, 'failureOnResult', options.failureOnResult) ?? isTransientResult;
    this.failureOnResult = new Predicate(WHERE, 'failureOnResult', failureOnResult, true);
    const onStateChange = checkFunction(WHERE, 'onStateChange', options.onStateChange);
    if (onStateChange) this.stateChangeEvents.subscribe(onStateChange);
  }

  /** The current state; an open circuit whose reset timeout has passed reports (and becomes) half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.resetTimeoutMs) this.transition('half-open');
    return this.current;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    // run() hands back the work's own promise, already watched; a promise of its own for the caller keeps an
    // unhandled failure reported as unhandled.
    return executeWith<T>(this, work, signal).then();
  }

  onStateChange(listener: (event: StateChangeEvent) => void): Unsubscribe {
    return this.stateChangeEvents.subscribe(listener);
  }

  /** Listens for the circuit opening. */
  onBreak(listener: (event: BreakEvent) => void): Unsubscribe {
    return this.breakEvents.subscribe(listener);
  }

  onHalfOpen(listener: () => void): Unsubscribe {
    return this.halfOpenEvents.subscribe(listener);
  }

  /** Listens for the circuit closing again. */
  onReset(listener: () => void): Unsubscribe {
    return this.resetEvents.subscribe(listener);
  }

  /** Listens for calls refused without being made. */
  onReject(listener: (error: BrokenCircuitError) => void): Unsubscribe {
    return this.rejectEvents.subscribe(listener);
  }

  /**
   * Hands back the work's own promise, watched rather than wrapped: a wrapper (async/await, or a new promise)
   * costs a promise, a hop and, on failure, a rethrow. The watchers cannot throw (their bookkeeping runs in a
   * try), so the promise they make never rejects. A refusal is a rejected promise, not a throw.
   * @internal
   */
  run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T> {
    const state = this.state;
    if (state !== 'closed') {
      const refusal = this.refusal(state);
      if (refusal !== undefined) {
        this.telemetry.refused();
        return Promise.reject(refusal);
      }
    }
    const startedAt = this.telemetry.start();
    const generation = this.generation;
    const probe = state === 'half-open';
    if (probe) this.probesInFlight++;
    const call = callInner(inner, scope, attempt);
    call.then(
      (result) => {
        try {
          // An answer after the deadline came too late for the caller, who was told TimeoutError.
          if (scope.aborted && isDeadline(scope.reason)) {
            this.settle(generation, probe, this.judgeError(scope.reason, scope), true, scope.reason, startedAt);
          } else {
            this.settle(generation, probe, this.failureOnResult.test(result), false, result, startedAt);
          }
        } catch (unexpected) {
          reportUnexpected(unexpected);
        }
      },
      (error: unknown) => {
        try {
          this.settle(generation, probe, this.judgeError(error, scope), true, error, startedAt);
        } catch (unexpected) {
          reportUnexpected(unexpected);
        }
      },
    );
    return call;
  }

  /** The BrokenCircuitError for a call that may not go through now, or undefined if it may (as a probe). */
  private refusal(state: 'open' | 'half-open'): BrokenCircuitError | undefined {
    let retryAfterMs: number;
    if (state === 'open') {
      retryAfterMs = this.openedAt + this.resetTimeoutMs - this.now();
    } else {
      if (this.probesInFlight < this.halfOpenMaxCalls) return undefined;
      // Probes that never settle must not wedge the breaker: after resetTimeoutMs, others replace them.
      retryAfterMs = this.probesSince + this.resetTimeoutMs - this.now();
      if (retryAfterMs <= 0) {
        this.restartProbes();
        return undefined;
      }
    }
    const error = brokenCircuit(retryAfterMs, state);
    if (this.rejectEvents.hasListeners) this.rejectEvents.emit(error);
    return error;
  }

  /** Whether a thrown error counts as a failure; undefined for one that counts neither way. */
  private judgeError(error: unknown, scope: Scope): boolean | undefined {
    if (scope.aborted) {
      // The caller gave up: that says nothing about the dependency's health. A deadline does.
      if (!isDeadline(scope.reason)) return undefined;
      error = scope.reason;
    }
    if (isPolicyRejection(error)) return undefined;
    return this.failureOn === undefined || this.failureOn.test(error);
  }

  /** Records a call's outcome; `failed` is undefined for an outcome that counts neither way. */
  private settle(
    generation: number,
    probe: boolean,
    failed: boolean | undefined,
    thrown: boolean,
    outcome: unknown,
    startedAt: number,
  ): void {
    this.telemetry.judged(startedAt, thrown, outcome, failed);
    if (generation !== this.generation) return;
    if (probe) this.probesInFlight--;
    if (failed === undefined) return;
    if (probe) {
      if (failed) this.open(thrown, outcome);
      else if (++this.probeSuccesses >= this.halfOpenMaxCalls) this.transition('closed');
    } else if (this.counter.record(failed)) {
      this.open(thrown, outcome);
    }
  }

  private open(thrown: boolean, outcome: unknown): void {
    this.openedAt = this.now();
    this.transition('open');
    if (this.breakEvents.hasListeners) this.breakEvents.emit(thrown ? { error: outcome } : { result: outcome });
  }

  /** Forgets the probes in flight (bumping the generation, so they cannot sway the state when they settle). */
  private restartProbes(): void {
    this.generation++;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    this.probesSince = this.now();
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    this.current = to;
    this.restartProbes();
    if (to === 'closed') this.counter.reset();
    if (this.stateChangeEvents.hasListeners) this.stateChangeEvents.emit({ from, to });
    if (to === 'half-open') this.halfOpenEvents.emit();
    else if (to === 'closed') this.resetEvents.emit();
  }
}

/** A clock or listener that threw during bookkeeping: the call's outcome stands, the bug is reported. */
function reportUnexpected(error: unknown): void {
  console.error('[@resilint/runtime] circuitBreaker: its bookkeeping threw; the call was not affected:', error);
}

/** Fails fast while a dependency keeps failing, and probes it before trusting it again. */
export function circuitBreaker(options?: CircuitBreakerOptions): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(options);
}
