import {
  checkFunction,
  checkNumber,
  checkOptions,
  executeWith,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { brokenCircuit, type BrokenCircuitError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ConsecutiveFailures, createWindow, type FailureCounter, type SlidingWindow } from './failure-counter.js';
import { isTransientError, isTransientResult } from './transient.js';

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
  /** How long the circuit stays open before letting probes through. Default 30 000. */
  resetTimeoutMs?: number;
  /** Probes allowed at once when half-open; this many successes close the circuit. Default 1. */
  halfOpenMaxCalls?: number;
  /** Which thrown errors count as failures. Default `isTransientError`; other errors count as successes. */
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
export class CircuitBreakerPolicy implements Policy {
  readonly resetTimeoutMs: number;
  readonly halfOpenMaxCalls: number;
  private readonly counter: FailureCounter;
  private readonly failureOn: (error: unknown) => boolean;
  private readonly failureOnResult: (result: unknown) => boolean;
  private readonly now: () => number;
  private current: CircuitState = 'closed';
  /** Bumped on every state change, so a call admitted in an earlier state cannot sway the current one. */
  private generation = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  private readonly stateChangeEvents = new Emitter<StateChangeEvent>();
  private readonly breakEvents = new Emitter<BreakEvent>();
  private readonly halfOpenEvents = new Emitter<void>();
  private readonly resetEvents = new Emitter<void>();
  private readonly rejectEvents = new Emitter<BrokenCircuitError>();

  constructor(options: CircuitBreakerOptions = {}) {
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
    this.failureOn = checkFunction(WHERE, 'failureOn', options.failureOn) ?? isTransientError;
    this.failureOnResult = checkFunction(WHERE, 'failureOnResult', options.failureOnResult) ?? isTransientResult;
    const onStateChange = checkFunction(WHERE, 'onStateChange', options.onStateChange);
    if (onStateChange) this.stateChangeEvents.subscribe(onStateChange);
  }

  /** The current state; an open circuit whose reset timeout has passed reports (and becomes) half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.resetTimeoutMs) this.transition('half-open');
    return this.current;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    return executeWith(this, work, signal);
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

  /** @internal */
  async run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probesInFlight >= this.halfOpenMaxCalls)) {
      const error = brokenCircuit(state === 'open' ? this.openedAt + this.resetTimeoutMs - this.now() : 0);
      if (this.rejectEvents.hasListeners) this.rejectEvents.emit(error);
      throw error;
    }
    const generation = this.generation;
    const probe = state === 'half-open';
    if (probe) this.probesInFlight++;
    let result: T;
    try {
      result = await inner(scope, attempt);
    } catch (error) {
      // The caller gave up: that says nothing about the dependency's health.
      this.settle(generation, probe, scope.aborted ? undefined : this.failureOn(error), true, error);
      throw error;
    }
    this.settle(generation, probe, this.failureOnResult(result), false, result);
    return result;
  }

  /** Records a call's outcome; `failed` is undefined for an outcome that counts neither way. */
  private settle(generation: number, probe: boolean, failed: boolean | undefined, thrown: boolean, outcome: unknown): void {
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

  private transition(to: CircuitState): void {
    const from = this.current;
    this.current = to;
    this.generation++;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    if (to === 'closed') this.counter.reset();
    if (this.stateChangeEvents.hasListeners) this.stateChangeEvents.emit({ from, to });
    if (to === 'half-open') this.halfOpenEvents.emit();
    else if (to === 'closed') this.resetEvents.emit();
  }
}

/** Fails fast while a dependency keeps failing, and probes it before trusting it again. */
export function circuitBreaker(options?: CircuitBreakerOptions): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(options);
}
