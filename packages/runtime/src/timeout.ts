import {
  checkNumber,
  ChildScope,
  executeWith,
  MAX_TIMER_DELAY_MS,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { TimeoutError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';

export interface TimeoutEvent {
  readonly timeoutMs: number;
}

/**
 * Bounds a call in time and cancels it: when `ms` pass, the work's signal is aborted with a `TimeoutError`
 * and the caller gets that error at once. The caller's own abort also aborts the work and rejects at once.
 * The timer is cleared as soon as the work settles.
 */
export class TimeoutPolicy implements Policy {
  private readonly timeoutEvents = new Emitter<TimeoutEvent>();

  constructor(readonly timeoutMs: number) {
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
    return new Promise<T>((resolve, reject) => {
      const scope = new ChildScope();
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        stopListening();
        const error = new TimeoutError(this.timeoutMs);
        scope.abort(error);
        if (this.timeoutEvents.hasListeners) this.timeoutEvents.emit({ timeoutMs: this.timeoutMs });
        reject(error);
      }, this.timeoutMs);
      const stopListening = parent.onAbort((reason) => {
        settled = true;
        clearTimeout(timer);
        scope.abort(reason);
        reject(reason);
      });
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        stopListening();
        return true;
      };

      let result: T | PromiseLike<T>;
      try {
        result = inner(scope, attempt);
      } catch (error) {
        if (settle()) reject(error);
        return;
      }
      Promise.resolve(result).then(
        (value) => {
          if (settle()) resolve(value);
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  }
}

/** Fails the call with `TimeoutError` after `ms` milliseconds, aborting the work's signal. */
export function timeout(ms: number): TimeoutPolicy {
  return new TimeoutPolicy(ms);
}
