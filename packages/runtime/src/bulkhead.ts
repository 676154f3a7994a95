import {
  checkNumber,
  checkOptions,
  executeWith,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { bulkheadRejected, type BulkheadRejectedError } from './errors.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ObservablePolicy, runRecorded } from './stats.js';

export interface BulkheadOptions {
  /** Calls allowed to run at once. Default 10. */
  maxConcurrent?: number;
  /** Calls allowed to wait for a slot, in arrival order. Default 0: reject at once when full. */
  maxQueue?: number;
}

interface Waiter {
  start(): void;
}

const WHERE = 'bulkhead';

/**
 * Caps how many calls run at once, so one slow dependency cannot take every connection or every request
 * handler. Calls beyond `maxConcurrent` wait in a queue of `maxQueue` places; beyond that they are
 * rejected with `BulkheadRejectedError`. A queued call whose caller aborts leaves the queue at once.
 */
export class BulkheadPolicy extends ObservablePolicy implements Policy {
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  private running = 0;
  /** A Set keeps arrival order and removes an aborted waiter in O(1). */
  private readonly queue = new Set<Waiter>();
  private readonly rejectEvents = new Emitter<BulkheadRejectedError>();

  constructor(options: BulkheadOptions = {}) {
    super();
    checkOptions(WHERE, options, ['maxConcurrent', 'maxQueue']);
    this.maxConcurrent = checkNumber(WHERE, 'maxConcurrent', options.maxConcurrent ?? 10, { min: 1, integer: true });
    this.maxQueue = checkNumber(WHERE, 'maxQueue', options.maxQueue ?? 0, { min: 0, integer: true });
  }

  /** Calls running now. */
  get active(): number {
    return this.running;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.queue.size;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    return executeWith(this, work, signal);
  }

  /** Listens for calls refused because the bulkhead was full. */
  onReject(listener: (error: BulkheadRejectedError) => void): Unsubscribe {
    return this.rejectEvents.subscribe(listener);
  }

  /** @internal */
  run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T> {
    if (scope.aborted) return Promise.reject(scope.reason);
    if (this.running < this.maxConcurrent) return this.runNow(inner, scope, attempt, this.telemetry.start());
    if (this.queue.size >= this.maxQueue) {
      this.telemetry.refused();
      const error = bulkheadRejected(this.maxConcurrent, this.maxQueue);
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
        reject(reason);
      });
      this.queue.add(waiter);
    });
  }

  /** Runs a call in a slot; its time waiting in the queue counts in its duration. */
  private runNow<T>(inner: Inner<T>, scope: Scope, attempt: number, startedAt: number): Promise<T> {
    this.running++;
    return runRecorded(this.telemetry, inner, scope, attempt, startedAt, this);
  }

  /** A call left its slot: the next in the queue takes it. @internal */
  released(): void {
    this.running--;
    if (this.queue.size > 0) {
      const next = this.queue.values().next().value!;
      this.queue.delete(next);
      next.start();
    }
  }
}

/** Limits concurrent calls, with an optional waiting queue. */
export function bulkhead(options?: BulkheadOptions): BulkheadPolicy {
  return new BulkheadPolicy(options);
}
