import {
  checkNumber,
  ChildScope,
  clearCallTimer,
  noop,
  executeWith,
  MAX_TIMER_DELAY_MS,
  newPromise,
  settlers,
  type Inner,
  type Policy,
  type Scope,
  type Sink,
  type Step,
  type Work,
} from './core.js';
import { TimeoutError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ObservablePolicy } from './stats.js';

export interface TimeoutEvent {
  readonly timeoutMs: number;
}

/**
 * Bounds a call in time and cancels it: when `ms` pass, the work's signal is aborted with a `TimeoutError`
 * and the caller gets that error at once. The caller's own abort also aborts the work and rejects at once.
 * The timer is cleared as soon as the work settles.
 */
export class TimeoutPolicy extends ObservablePolicy implements Policy {
  private readonly timeoutEvents = new Emitter<TimeoutEvent>();

  constructor(readonly timeoutMs: number) {
    super();
    checkNumber('timeout', 'ms', timeoutMs, { min: 0, exclusiveMin: true, max: MAX_TIMER_DELAY_MS });
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    return executeWith(this, work, signal);
  }

  /** Listens for calls that ran out of time. */
  onTimeout(listener: (event: TimeoutEvent) => void): Unsubscribe {
    return this.timeoutEvents.subscribe(listener);
  }

  /** @internal */
  run<T>(inner: Inner<T>, parent: Scope, attempt: number): Promise<T> {
    if (parent.aborted) return Promise.reject(parent.reason);
    const promise = newPromise<T>();
    const call = new TimedCall(this, parent, settlers.resolve, settlers.reject);
    let result: T | PromiseLike<T>;
    try {
      const into = (inner as Step).into;
      if (into !== undefined) {
        // The policy inside reports straight to this call: no promise of its own, no reaction on it.
        into(call, attempt, call);
        return promise;
      }
      result = inner(call, attempt);
    } catch (error) {
      call.fail(error);
      return promise;
    }
    Promise.resolve(result).then(
      (value) => call.succeed(value),
      (error: unknown) => call.fail(error),
    );
    return promise;
  }

  /** @internal */
  expired(): void {
    if (this.timeoutEvents.hasListeners) this.timeoutEvents.emit({ timeoutMs: this.timeoutMs });
  }
}

/**
 * One call under a timeout: the scope its work runs in, its timer, and the sink its inner policy reports to.
 */
class TimedCall extends ChildScope implements Sink {
  private settled = false;
  private readonly startedAt: number;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly stopListening: () => void;

  constructor(
    private readonly policy: TimeoutPolicy,
    parent: Scope,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    super(parent);
    this.startedAt = policy.telemetry.start();
    this.timer = setTimeout(expire, policy.timeoutMs, this);
    this.stopListening = parent.abortable ? parent.onAbort((reason) => this.cancel(reason)) : noop;
  }

  succeed(value: unknown): void {
    if (!this.finish()) return;
    this.policy.telemetry.succeeded(this.startedAt);
    this.resolve(value);
  }

  fail(error: unknown): void {
    if (!this.finish()) return;
    this.policy.telemetry.failed(this.startedAt, true, error, false);
    this.reject(error);
  }

  /** The caller (or an enclosing timeout) aborted: abort the work and reject at once. */
  private cancel(reason: unknown): void {
    if (!this.finish()) return;
    this.abort(reason);
    this.policy.telemetry.failed(this.startedAt, true, reason, false);
    this.reject(reason);
  }

  /** @internal */
  expire(): void {
    if (this.settled) return;
    this.settled = true;
    this.stopListening();
    const error = new TimeoutError(this.policy.timeoutMs);
    this.abort(error);
    this.policy.expired();
    this.policy.telemetry.failed(this.startedAt, true, error, true);
    this.reject(error);
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearCallTimer(this.timer);
    this.stopListening();
    return true;
  }
}

// A plain function with the call as argument: no closure per call for the timer.
function expire(call: TimedCall): void {
  call.expire();
}

/** Fails the call with `TimeoutError` after `ms` milliseconds, aborting the work's signal. */
export function timeout(ms: number): TimeoutPolicy {
  return new TimeoutPolicy(ms);
}
