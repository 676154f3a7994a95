import { checkNumber, checkOptions, describe } from './core.js';

/**
 * Decides when a closed breaker opens. Every operation is O(1): counters are kept as calls are recorded,
 * never recomputed from a list of calls.
 * @internal
 */
export interface FailureCounter {
  /** Records one call; returns whether the breaker should open now (only ever on a failure). */
  record(failed: boolean): boolean;
  reset(): void;
  /** The counts as plain data; `toWall` turns a time of the breaker's clock into a wall-clock time. */
  snapshot(toWall: (time: number) => number): FailureCounts;
  /** Takes back counts of the same kind (anything else is left empty); `fromWall` is toWall's inverse. */
  restore(counts: FailureCounts, fromWall: (wallTime: number) => number): void;
}

/** A closed breaker's counts in `breaker.toJSON()`. */
export type FailureCounts =
  | { readonly type: 'consecutive'; readonly failures: number }
  | {
      readonly type: 'count';
      readonly size: number;
      /** The calls in the window, oldest first: '1' a failure, '0' a success. */
      readonly outcomes: string;
    }
  | {
      readonly type: 'time';
      readonly size: number;
      /** When the newest bucket began, in milliseconds since the epoch. */
      readonly newestBucketStart: number;
      /** Calls and failures per bucket, oldest first (10 buckets of size / 10 ms). */
      readonly calls: readonly number[];
      readonly failures: readonly number[];
    };

/** Opens after `threshold` failures in a row. @internal */
export class ConsecutiveFailures implements FailureCounter {
  private failures = 0;

  constructor(private readonly threshold: number) {}

  record(failed: boolean): boolean {
    this.failures = failed ? this.failures + 1 : 0;
    return this.failures >= this.threshold;
  }

  reset(): void {
    this.failures = 0;
  }

  snapshot(): FailureCounts {
    return { type: 'consecutive', failures: this.failures };
  }

  restore(counts: FailureCounts): void {
    if (counts.type === 'consecutive') this.failures = counts.failures;
  }
}

export type SlidingWindow =
  | {
      /** The last `size` calls. */
      type: 'count';
      size: number;
      /** No decision before this many calls are in the window. Default: `size`. */
      minimumCalls?: number;
      /** Opens when failures / calls reaches this, in (0, 1]. */
      failureRate: number;
    }
  | {
      /** The calls of the last `size` milliseconds (kept in 10 buckets of `size / 10` ms each). */
      type: 'time';
      size: number;
      /** No decision before this many calls are in the window. Default 10. */
      minimumCalls?: number;
      failureRate: number;
    };

/** @internal */
export function createWindow(window: SlidingWindow, now: () => number): FailureCounter {
  const where = 'circuitBreaker: window';
  checkOptions(where, window, ['type', 'size', 'minimumCalls', 'failureRate']);
  if (window === undefined) throw new TypeError(`${where} must be an object, got undefined`);
  const failureRate = checkNumber(where, 'failureRate', window.failureRate, { min: 0, exclusiveMin: true, max: 1 });
  switch (window.type) {
    case 'count': {
      const size = checkNumber(where, 'size', window.size, { min: 1, max: 1_000_000, integer: true });
      const minimumCalls = checkNumber(where, 'minimumCalls', window.minimumCalls ?? size, {
        min: 1,
        max: size,
        integer: true,
      });
      return new CountWindow(size, minimumCalls, failureRate);
    }
    case 'time': {
      const size = checkNumber(where, 'size', window.size, { min: 10 });
      const minimumCalls = checkNumber(where, 'minimumCalls', window.minimumCalls ?? 10, { min: 1, integer: true });
      return new TimeWindow(size, minimumCalls, failureRate, now);
    }
    default:
      throw new TypeError(`${where}: type must be 'count' or 'time', got ${describe((window as { type: unknown }).type)}`);
  }
}

function isTripped(calls: number, failures: number, minimumCalls: number, failureRate: number): boolean {
  // Divided, not multiplied: 55 / 100 rounds to the same double as 0.55, where 0.55 * 100 is 55.000000000000007.
  return calls >= minimumCalls && failures / calls >= failureRate;
}

/** A ring of the last `size` outcomes with running totals. @internal */
export class CountWindow implements FailureCounter {
  private readonly outcomes: Uint8Array;
  private next = 0;
  private calls = 0;
  private failures = 0;

  constructor(
    size: number,
    private readonly minimumCalls: number,
    private readonly failureRate: number,
  ) {
    this.outcomes = new Uint8Array(size);
  }

  record(failed: boolean): boolean {
    if (this.calls === this.outcomes.length) this.failures -= this.outcomes[this.next]!;
    else this.calls++;
    this.outcomes[this.next] = failed ? 1 : 0;
    if (failed) this.failures++;
    this.next = (this.next + 1) % this.outcomes.length;
    return failed && isTripped(this.calls, this.failures, this.minimumCalls, this.failureRate);
  }

  reset(): void {
    this.outcomes.fill(0);
    this.next = this.calls = this.failures = 0;
  }

  snapshot(): FailureCounts {
    let outcomes = '';
    const size = this.outcomes.length;
    const oldest = this.calls === size ? this.next : 0;
    for (let i = 0; i < this.calls; i++) outcomes += this.outcomes[(oldest + i) % size];
    return { type: 'count', size, outcomes };
  }

  /** A window of another size keeps the newest outcomes that fit. */
  restore(counts: FailureCounts): void {
    if (counts.type !== 'count') return;
    this.reset();
    for (const outcome of counts.outcomes.slice(-this.outcomes.length)) this.record(outcome === '1');
  }
}

const BUCKETS = 10;

/** Calls in the last `size` ms, in BUCKETS buckets that expire one at a time. @internal */
export class TimeWindow implements FailureCounter {
  private readonly bucketCalls = new Float64Array(BUCKETS);
  private readonly bucketFailures = new Float64Array(BUCKETS);
  private readonly bucketMs: number;
  private current = 0;
  private currentStart: number;
  private calls = 0;
  private failures = 0;

  constructor(
    size: number,
    private readonly minimumCalls: number,
    private readonly failureRate: number,
    private readonly now: () => number,
  ) {
    this.bucketMs = size / BUCKETS;
    this.currentStart = now();
  }

  record(failed: boolean): boolean {
    this.advance(this.now());
    this.bucketCalls[this.current]!++;
    this.calls++;
    if (failed) {
      this.bucketFailures[this.current]!++;
      this.failures++;
    }
    return failed && isTripped(this.calls, this.failures, this.minimumCalls, this.failureRate);
  }

  reset(): void {
    this.bucketCalls.fill(0);
    this.bucketFailures.fill(0);
    this.calls = this.failures = 0;
    this.currentStart = this.now();
  }

  snapshot(toWall: (time: number) => number): FailureCounts {
    this.advance(this.now());
    const calls: number[] = [];
    const failures: number[] = [];
    for (let i = 1; i <= BUCKETS; i++) {
      const bucket = (this.current + i) % BUCKETS;
      calls.push(this.bucketCalls[bucket]!);
      failures.push(this.bucketFailures[bucket]!);
    }
    return { type: 'time', size: this.bucketMs * BUCKETS, newestBucketStart: toWall(this.currentStart), calls, failures };
  }

  /** Buckets of another size mean other spans of time: a window of another size starts empty. */
  restore(counts: FailureCounts, fromWall: (wallTime: number) => number): void {
    if (counts.type !== 'time' || counts.size !== this.bucketMs * BUCKETS) return;
    this.reset();
    for (let i = 0; i < BUCKETS; i++) {
      this.bucketCalls[i] = counts.calls[i]!;
      this.bucketFailures[i] = counts.failures[i]!;
      this.calls += counts.calls[i]!;
      this.failures += counts.failures[i]!;
    }
    this.current = BUCKETS - 1;
    this.currentStart = Math.min(fromWall(counts.newestBucketStart), this.now());
    this.advance(this.now());
  }

  /** Expires the buckets that time has moved past: at most BUCKETS steps, whatever the gap. */
  private advance(now: number): void {
    const steps = Math.floor((now - this.currentStart) / this.bucketMs);
    if (steps <= 0) return;
    if (steps >= BUCKETS) {
      this.reset();
      this.currentStart = now;
      return;
    }
    for (let step = 0; step < steps; step++) {
      this.current = (this.current + 1) % BUCKETS;
      this.calls -= this.bucketCalls[this.current]!;
      this.failures -= this.bucketFailures[this.current]!;
      this.bucketCalls[this.current] = 0;
      this.bucketFailures[this.current] = 0;
    }
    this.currentStart += steps * this.bucketMs;
  }
}

/** Validates the counts of a snapshot handed back to a breaker. @internal */
export function checkFailureCounts(where: string, counts: unknown): FailureCounts {
  const fail = (problem: string): never => {
    throw new TypeError(`${where}: ${problem}`);
  };
  if (typeof counts !== 'object' || counts === null) return fail(`must be an object, got ${describe(counts)}`);
  const value = counts as Record<string, unknown>;
  const count = (name: string, item: unknown): void => {
    if (!Number.isInteger(item) || (item as number) < 0) fail(`${name} must be a count (an integer at least 0), got ${describe(item)}`);
  };
  switch (value.type) {
    case 'consecutive':
      checkOptions(where, value, ['type', 'failures']);
      count('failures', value.failures);
      break;
    case 'count':
      checkOptions(where, value, ['type', 'size', 'outcomes']);
      count('size', value.size);
      if (typeof value.outcomes !== 'string' || !/^[01]*$/.test(value.outcomes)) {
        fail(`outcomes must be a string of 0 (success) and 1 (failure), got ${describe(value.outcomes)}`);
      }
      break;
    case 'time': {
      checkOptions(where, value, ['type', 'size', 'newestBucketStart', 'calls', 'failures']);
      checkNumber(where, 'size', value.size, { min: 0 });
      checkNumber(where, 'newestBucketStart', value.newestBucketStart, { min: 0 });
      for (const name of ['calls', 'failures'] as const) {
        const list = value[name];
        if (!Array.isArray(list) || list.length !== BUCKETS) fail(`${name} must be an array of ${BUCKETS} counts, got ${describe(list)}`);
        (list as unknown[]).forEach((item) => count(name, item));
      }
      if ((value.failures as number[]).some((failures, i) => failures > (value.calls as number[])[i]!)) {
        fail('failures must not exceed calls in any bucket');
      }
      break;
    }
    default:
      fail(`type must be 'consecutive', 'count' or 'time', got ${describe(value.type)}`);
  }
  return counts as FailureCounts;
}
