import type { Backoff } from './backoff.js';
import {
  checkFunction,
  checkNumber,
  callInner,
  checkOptions,
  describe,
  executeWith,
  isDeadline,
  MAX_TIMER_DELAY_MS,
  Predicate,
  type Inner,
  type Policy,
  type Scope,
  type Sink,
  type Work,
} from './core.js';
import { brokenCircuit, isPolicyRejection, type BrokenCircuitError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';
import {
  checkFailureCounts,
  ConsecutiveFailures,
  createWindow,
  type FailureCounter,
  type FailureCounts,
  type SlidingWindow,
} from './failure-counter.js';
import { ObservablePolicy } from './stats.js';
import { isTransientResult } from './transient.js';

/** 'isolated': held open by hand (`isolate()`) until released. */
export type CircuitState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface StateChangeEvent {
  readonly from: CircuitState;
  readonly to: CircuitState;
}

export interface BreakEvent {
  /** The failure that opened the circuit: a thrown error or a failed result. */
  readonly error?: unknown;
  readonly result?: unknown;
}

/** What `isolate()` returns: disposing it releases that hold on the circuit. */
export interface IsolationHandle {
  /** Releases this hold; the circuit closes when no hold is left. A second call does nothing. */
  dispose(): void;
}

/**
 * A breaker's state as plain data (`breaker.toJSON()`, `JSON.stringify(breaker)`), to hand back as
 * `initialState` to a breaker in another process or after a restart. Times are wall-clock milliseconds since the
 * epoch, so they mean the same thing there.
 */
export interface CircuitBreakerSnapshot {
  readonly version: 1;
  readonly state: CircuitState;
  /** When the circuit last opened (open or half-open only). */
  readonly openedAt?: number;
  /** How long that opening lasts before probes are let through (open or half-open only). */
  readonly openMs?: number;
  /** Openings since the circuit last closed; what makes `breakDuration` grow. */
  readonly openings: number;
  /** The failures counted while closed. */
  readonly counts: FailureCounts;
}

export interface CircuitBreakerOptions {
  /** Opens after this many failures in a row. Default 5. Use either this or `window`. */
  failureThreshold?: number;
  /** Opens when the failure rate over a sliding window of calls (or of time) reaches `failureRate`. */
  window?: SlidingWindow;
  /**
   * How long the circuit stays open before letting probes through (unless `breakDuration` is given), and how
   * long half-open probes may hold their places before others are let through instead. Default 30 000.
   */
  resetTimeoutMs?: number;
  /**
   * An opening time that grows while the circuit keeps reopening: the n-th opening since it last closed lasts
   * `breakDuration.delayMs(n, previous)` ms, capped at its `maxDelayMs`. Give `exponentialBackoff(...)` with
   * `jitter: 'equal'` or `'none'` ('full' may draw an opening close to 0 ms).
   */
  breakDuration?: Backoff;
  /** A state from `breaker.toJSON()` to start from (after a restart, in another serverless instance). */
  initialState?: CircuitBreakerSnapshot;
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
  'breakDuration',
  'initialState',
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
  private readonly breakDuration: Backoff | undefined;
  private readonly counter: FailureCounter;
  private readonly failureOn: Predicate<unknown> | undefined;
  private readonly failureOnResult: Predicate<unknown>;
  private readonly now: () => number;
  private current: CircuitState = 'closed';
  /** Bumped on every state change, so a call admitted in an earlier state cannot sway the current one. */
  private generation = 0;
  private openedAt = 0;
  /** How long the current opening lasts: resetTimeoutMs, or breakDuration's delay for this opening. */
  private openMs: number;
  /** Openings since the circuit last closed. */
  private openings = 0;
  /** Holds from isolate() not yet released (a restored isolation counts as one that only close() ends). */
  private isolations = 0;
  /** Bumped when the circuit closes, so a handle from an earlier isolation cannot release a later one. */
  private isolationEpoch = 0;
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
    this.openMs = this.resetTimeoutMs;
    this.breakDuration = options.breakDuration === undefined ? undefined : checkBackoff(options.breakDuration);
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
    if (options.initialState !== undefined) this.restore(options.initialState);
  }

  /** The current state; an open circuit whose reset timeout has passed reports (and becomes) half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.openMs) this.transition('half-open');
    return this.current;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    // run() hands back the work's own promise, already watched; a promise of its own for the caller keeps an
    // unhandled failure reported as unhandled.
    return executeWith<T>(this, work, signal).then();
  }

  /**
   * Holds the circuit open until released: every call fails fast with a `BrokenCircuitError` whose state is
   * 'isolated' (retryAfterMs `Infinity`). Holds add up; the circuit closes (counts cleared) when the last handle
   * is disposed, or at once on `close()`.
   */
  isolate(): IsolationHandle {
    this.isolations++;
    if (this.current !== 'isolated') this.transition('isolated');
    const epoch = this.isolationEpoch;
    let held = true;
    return {
      dispose: () => {
        if (!held || epoch !== this.isolationEpoch) return;
        held = false;
        if (--this.isolations === 0) this.transition('closed');
      },
    };
  }

  /**
   * Closes the circuit now, whatever its state: ends every isolation, forgets the failures counted and the
   * openings that made `breakDuration` grow. Probes and calls in flight can no longer sway the state.
   */
  close(): void {
    if (this.current === 'closed') this.counter.reset();
    else this.transition('closed');
  }

  /** The same as `close()`, under the name resilience4j and opossum users look for. */
  reset(): void {
    this.close();
  }

  /** The state as plain data, for `initialState` (JSON.stringify calls this). */
  toJSON(): CircuitBreakerSnapshot {
    const state = this.state;
    const now = this.now();
    const wallNow = Date.now();
    const toWall = (time: number): number => wallNow - (now - time);
    const opened = state === 'open' || state === 'half-open' ? { openedAt: toWall(this.openedAt), openMs: this.openMs } : {};
    return { version: 1, state, ...opened, openings: this.openings, counts: this.counter.snapshot(toWall) };
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
    return this.watch(inner, scope, attempt, state === 'half-open', undefined);
  }

  /**
   * Runs like `run`, but hands the outcome to the enclosing policy's sink (a retry's attempt, a timeout's call)
   * once it is counted: the enclosing policy then needs no reaction of its own on the work's promise. A refusal
   * is reported to the sink at once.
   * @internal
   */
  runInto(inner: Inner<unknown>, scope: Scope, attempt: number, sink: Sink): void {
    const state = this.state;
    if (state !== 'closed') {
      const refusal = this.refusal(state);
      if (refusal !== undefined) {
        this.telemetry.refused();
        sink.fail(refusal);
        return;
      }
    }
    this.watch(inner, scope, attempt, state === 'half-open', sink);
  }

  /** Makes the call and counts its outcome when it settles, then passes that on to `sink` if there is one. */
  private watch<T>(inner: Inner<T>, scope: Scope, attempt: number, probe: boolean, sink: Sink | undefined): Promise<T> {
    const startedAt = this.telemetry.start();
    const generation = this.generation;
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
        sink?.succeed(result);
      },
      (error: unknown) => {
        try {
          this.settle(generation, probe, this.judgeError(error, scope), true, error, startedAt);
        } catch (unexpected) {
          reportUnexpected(unexpected);
        }
        sink?.fail(error);
      },
    );
    return call;
  }

  /** The BrokenCircuitError for a call that may not go through now, or undefined if it may (as a probe). */
  private refusal(state: 'open' | 'half-open' | 'isolated'): BrokenCircuitError | undefined {
    let retryAfterMs: number;
    if (state === 'isolated') {
      retryAfterMs = Infinity;
    } else if (state === 'open') {
      retryAfterMs = this.openedAt + this.openMs - this.now();
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
    this.openings++;
    if (this.breakDuration !== undefined) {
      const previous = this.openMs;
      const delay = this.breakDuration.delayMs(this.openings, this.openings === 1 ? 0 : previous);
      // A hand-written backoff's NaN or Infinity keeps the circuit open longest rather than probing at once.
      this.openMs = Number.isFinite(delay) ? Math.min(this.breakDuration.maxDelayMs, Math.max(delay, 0)) : this.breakDuration.maxDelayMs;
    }
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
    if (to === 'closed') {
      this.counter.reset();
      this.openings = 0;
      this.isolations = 0;
      this.isolationEpoch++;
    }
    if (this.stateChangeEvents.hasListeners) this.stateChangeEvents.emit({ from, to });
    if (to === 'half-open') this.halfOpenEvents.emit();
    else if (to === 'closed') this.resetEvents.emit();
  }

  /** Takes up a snapshot's state, without events: no listener has had a chance to subscribe yet. */
  private restore(snapshot: CircuitBreakerSnapshot): void {
    const where = `${WHERE}: initialState`;
    if (typeof snapshot !== 'object' || snapshot === null) {
      throw new TypeError(`${where} must be a snapshot object from breaker.toJSON(), got ${describe(snapshot)}`);
    }
    checkOptions(where, snapshot, ['version', 'state', 'openedAt', 'openMs', 'openings', 'counts']);
    if (snapshot.version !== 1) {
      throw new TypeError(`${where}.version must be 1 (a snapshot from breaker.toJSON()), got ${describe(snapshot.version)}`);
    }
    if (!STATES.includes(snapshot.state)) {
      throw new TypeError(`${where}.state must be one of ${STATES.join(', ')}, got ${describe(snapshot.state)}`);
    }
    this.openings = checkNumber(where, 'openings', snapshot.openings, { min: 0, integer: true });
    const counts = checkFailureCounts(`${where}.counts`, snapshot.counts);
    const now = this.now();
    const wallNow = Date.now();
    // A snapshot from a machine whose clock runs ahead is taken as made now, never as made in the future.
    const fromWall = (wallTime: number): number => now - Math.max(0, wallNow - wallTime);
    this.current = snapshot.state;
    if (snapshot.state === 'open' || snapshot.state === 'half-open') {
      this.openedAt = fromWall(checkNumber(where, 'openedAt', snapshot.openedAt, { min: 0 }));
      this.openMs = checkNumber(where, 'openMs', snapshot.openMs, { min: 0, max: MAX_TIMER_DELAY_MS });
      this.probesSince = now;
    } else if (snapshot.state === 'isolated') {
      this.isolations = 1;
    }
    if (snapshot.state === 'closed') this.counter.restore(counts, fromWall);
  }
}

const STATES: readonly CircuitState[] = ['closed', 'open', 'half-open', 'isolated'];

function checkBackoff(backoff: unknown): Backoff {
  const candidate = backoff as Partial<Backoff> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.delayMs !== 'function') {
    throw new TypeError(
      `${WHERE}: breakDuration must come from exponentialBackoff(...) or have maxDelayMs and delayMs(opening, previousMs), got ${describe(backoff)}`,
    );
  }
  checkNumber(WHERE, 'breakDuration.maxDelayMs', candidate.maxDelayMs, { min: 0, max: MAX_TIMER_DELAY_MS });
  return candidate as Backoff;
}

/** A clock or listener that threw during bookkeeping: the call's outcome stands, the bug is reported. */
function reportUnexpected(error: unknown): void {
  console.error('[@resilint/runtime] circuitBreaker: its bookkeeping threw; the call was not affected:', error);
}

/** Fails fast while a dependency keeps failing, and probes it before trusting it again. */
export function circuitBreaker(options?: CircuitBreakerOptions): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(options);
}
