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
}

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
