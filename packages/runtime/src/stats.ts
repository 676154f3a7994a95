import { describe, type Inner, type Scope } from './core.js';
import { Emitter, type Unsubscribe } from './events.js';

/** What failed: a thrown error, or a returned result judged a failure (such as a 503 response). */
export type Outcome = { readonly error: unknown } | { readonly result: unknown };

/** A call through a policy that succeeded. */
export interface SuccessEvent {
  /** From the call entering the policy to its outcome, in milliseconds. */
  readonly durationMs: number;
}

/** A call through a policy that failed: it threw, or returned a result the policy judged a failure. */
export type FailureEvent = Outcome & {
  readonly durationMs: number;
  /**
   * Whether this policy acted on the failure: retry found it retryable (and gave up), the breaker counted it,
   * the timeout's own deadline caused it, the fallback replaced it. Always false for bulkhead and pipeline.
   */
  readonly handled: boolean;
};

/** Latencies of the calls that succeeded or failed since latencies were first asked for, in milliseconds. */
export interface LatencySummary {
  /** Calls measured; every figure below is 0 while this is 0. */
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** A snapshot of what a policy has seen; `calls = successes + failures + rejections + inFlight`. */
export interface PolicyStats {
  readonly calls: number;
  readonly successes: number;
  readonly failures: number;
  /** Calls the policy refused without running them (an open breaker, a full bulkhead). */
  readonly rejections: number;
  readonly inFlight: number;
  readonly latencyMs: LatencySummary;
}

/**
 * Sub-buckets per power of two: a percentile is the middle of its bucket, within 1/16 (about 6%) of the
 * latencies in it. Below 8 µs the buckets are 1 µs wide; the last bucket holds everything from 2^31 µs (36 min).
 */
const SUB_BUCKETS = 8;
const BUCKETS = 29 * SUB_BUCKETS;
const MAX_MICROS = 2 ** 31 - 1;

/**
 * A fixed-bucket log histogram of durations: O(1) and no allocation to record one, constant memory, percentiles
 * read from the bucket counts. @internal
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private count = 0;
  private sum = 0;
  private max = 0;

  record(durationMs: number): void {
    const micros = Math.min(MAX_MICROS, Math.max(0, Math.floor(durationMs * 1000)));
    let index = micros;
    if (micros >= SUB_BUCKETS) {
      const exponent = 31 - Math.clz32(micros);
      index = (exponent - 2) * SUB_BUCKETS + ((micros >>> (exponent - 3)) & (SUB_BUCKETS - 1));
    }
    this.counts[index]!++;
    this.count++;
    this.sum += durationMs;
    if (durationMs > this.max) this.max = durationMs;
  }

  summary(): LatencySummary {
    const count = this.count;
    if (count === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    return {
      count,
      mean: this.sum / count,
      p50: this.percentile(0.5),
      p90: this.percentile(0.9),
      p99: this.percentile(0.99),
      max: this.max,
    };
  }

  private percentile(fraction: number): number {
    const rank = Math.ceil(fraction * this.count);
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index]!;
      // The last bucket also holds everything longer than it: only the maximum says how long those were.
      if (seen >= rank) return index === BUCKETS - 1 ? this.max : Math.min(this.max, middleOfBucketMs(index));
    }
    return this.max;
  }
}

function middleOfBucketMs(index: number): number {
  if (index < SUB_BUCKETS) return (index + 0.5) / 1000;
  const width = 2 ** (Math.floor(index / SUB_BUCKETS) - 1);
  const lower = (SUB_BUCKETS + (index % SUB_BUCKETS)) * width;
  return (lower + width / 2) / 1000;
}

/** A start time for a call whose duration nobody asked for. */
const UNTIMED = -1;

/**
 * A policy's counters, latency histogram and success/failure events. Counting is a few integer increments; the
 * clock is read only once latencies are wanted (stats() was called, or a success/failure listener is subscribed),
 * and event objects are made only for listeners, so a policy nobody observes pays next to nothing.
 * @internal
 */
export class Telemetry {
  calls = 0;
  successes = 0;
  failures = 0;
  rejections = 0;
  /** Whether calls are being timed; read by policies that record only while observed (pipeline). */
  observed = false;
  private histogram: LatencyHistogram | undefined;
  readonly successEvents = new Emitter<SuccessEvent>(() => this.update());
  readonly failureEvents = new Emitter<FailureEvent>(() => this.update());

  /** A call entered the policy; returns its start time (or UNTIMED), to hand back when it settles. */
  start(): number {
    this.calls++;
    return this.observed ? performance.now() : UNTIMED;
  }

  /** A call the policy refused without running it. */
  refused(): void {
    this.calls++;
    this.rejections++;
  }

  /** A call already started (counted by start()) that turned out to be a refusal from within (pipeline). */
  refusedAfterStart(): void {
    this.rejections++;
  }

  succeeded(startedAt: number): void {
    this.successes++;
    if (startedAt === UNTIMED) return;
    const durationMs = performance.now() - startedAt;
    this.histogram?.record(durationMs);
    if (this.successEvents.hasListeners) this.successEvents.emit({ durationMs });
  }

  failed(startedAt: number, thrown: boolean, value: unknown, handled: boolean): void {
    this.failures++;
    if (startedAt === UNTIMED) return;
    const durationMs = performance.now() - startedAt;
    this.histogram?.record(durationMs);
    if (this.failureEvents.hasListeners) {
      this.failureEvents.emit(thrown ? { error: value, durationMs, handled } : { result: value, durationMs, handled });
    }
  }

  /**
   * A call whose outcome the policy judged: `countedFailure` true for a failure it acted on, false for an outcome
   * it took as a success, undefined for one it ignored (the caller's abort, an inner policy's refusal).
   */
  judged(startedAt: number, thrown: boolean, value: unknown, countedFailure: boolean | undefined): void {
    if (!thrown && countedFailure !== true) this.succeeded(startedAt);
    else this.failed(startedAt, thrown, value, countedFailure === true);
  }

  stats(): PolicyStats {
    if (this.histogram === undefined) {
      this.histogram = new LatencyHistogram();
      this.update();
    }
    const { calls, successes, failures, rejections } = this;
    return {
      calls,
      successes,
      failures,
      rejections,
      inFlight: calls - successes - failures - rejections,
      latencyMs: this.histogram.summary(),
    };
  }

  private update(): void {
    this.observed =
      this.histogram !== undefined || this.successEvents.hasListeners || this.failureEvents.hasListeners;
  }
}

/** A policy that holds something while a call runs (a bulkhead's slot), told when the call has settled. @internal */
export interface Holder {
  released(): void;
}

/**
 * Runs a call a policy has admitted (a bulkhead's slot, a rate limiter's permit) and records its outcome, which it
 * passes on unchanged; `holder` is told when the call settles, either way. Async/await: for a policy that only
 * watches, the rethrow costs less than a promise of its own with two closures to settle it. @internal
 */
export async function runRecorded<T>(
  telemetry: Telemetry,
  inner: Inner<T>,
  scope: Scope,
  attempt: number,
  startedAt: number,
  holder?: Holder,
): Promise<T> {
  try {
    const result = await inner(scope, attempt);
    telemetry.succeeded(startedAt);
    return result;
  } catch (error) {
    telemetry.failed(startedAt, true, error, false);
    throw error;
  } finally {
    holder?.released();
  }
}

/**
 * What every built-in policy offers for telemetry: success and failure events with durations, and a stats
 * snapshot. Subclassed by each policy.
 */
export abstract class ObservablePolicy {
  /** @internal */
  readonly telemetry = new Telemetry();

  /** Listens for calls through this policy that succeeded, with their duration. */
  onSuccess(listener: (event: SuccessEvent) => void): Unsubscribe {
    return this.telemetry.successEvents.subscribe(checkListener('onSuccess', listener));
  }

  /** Listens for calls through this policy that failed, with their duration and what failed. */
  onFailure(listener: (event: FailureEvent) => void): Unsubscribe {
    return this.telemetry.failureEvents.subscribe(checkListener('onFailure', listener));
  }

  /**
   * Counts since the policy was made (a pipeline's: since it was first observed) and latency percentiles of the
   * calls since the first `stats()` call or success/failure listener: call it once at start-up to measure from
   * then on.
   */
  stats(): PolicyStats {
    return this.telemetry.stats();
  }
}

function checkListener<F>(name: string, listener: F): F {
  if (typeof listener !== 'function') throw new TypeError(`${name}: the listener must be a function, got ${describe(listener)}`);
  return listener;
}
