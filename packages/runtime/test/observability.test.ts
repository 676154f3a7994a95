import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BrokenCircuitError,
  bulkhead,
  circuitBreaker,
  exponentialBackoff,
  fallback,
  hedge,
  pipeline,
  rateLimiter,
  retry,
  timeout,
  TimeoutError,
  type FailureEvent,
  type ObservablePolicy,
  type SuccessEvent,
} from '../src/index.js';
import { LatencyHistogram } from '../src/stats.js';
import { networkError } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Fake timers with a fake `performance.now`, so durations are exact. */
function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
}

/** Work that answers after `ms` of (fake) time. */
function after<T>(ms: number, outcome: () => T): () => Promise<T> {
  return () => new Promise<T>((resolve, reject) => setTimeout(() => {
    try {
      resolve(outcome());
    } catch (error) {
      reject(error);
    }
  }, ms));
}

function listen(policy: ObservablePolicy): { successes: SuccessEvent[]; failures: FailureEvent[] } {
  const successes: SuccessEvent[] = [];
  const failures: FailureEvent[] = [];
  policy.onSuccess((event) => successes.push(event));
  policy.onFailure((event) => failures.push(event));
  return { successes, failures };
}

describe('success and failure events', () => {
  it('tell every policy the duration of each call, and whether it acted on a failure', async () => {
    fakeClock();
    const error = networkError();
    const cases: [ObservablePolicy & { execute: (work: () => Promise<unknown>) => Promise<unknown> }, boolean][] = [
      [retry({ maxAttempts: 1 }), true], // a transient error retry gave up on
      [circuitBreaker(), true], // counted towards opening
      [timeout(1_000), false], // the work's own error, not the deadline
      [fallback(0), true], // replaced
      [bulkhead(), false], // a bulkhead acts on no failure
      [pipeline(timeout(1_000)), false],
      [hedge({ delayMs: 1_000, hedgeOn: () => false }), false], // an error not worth another attempt
      [rateLimiter({ permits: 10, perMs: 1_000 }), false],
    ];
    for (const [policy, handled] of cases) {
      const { successes, failures } = listen(policy);
      const succeeded = policy.execute(after(40, () => 'ok'));
      await vi.advanceTimersByTimeAsync(40);
      await succeeded;
      const failed = policy.execute(after(25, () => { throw error; })).catch(() => {});
      await vi.advanceTimersByTimeAsync(25);
      await failed;
      expect(successes, policy.constructor.name).toEqual([{ durationMs: 40 }]);
      expect(failures, policy.constructor.name).toEqual([{ error, durationMs: 25, handled }]);
    }
  });

  it('say handled for the failures a policy acts on, and not for the others', async () => {
    fakeClock();
    const notTransient = new RangeError('bad input');
    const retries = retry({ maxAttempts: 1 });
    const retried = listen(retries);
    await retries.execute(() => Promise.reject(notTransient)).catch(() => {});
    expect(retried.failures).toEqual([{ error: notTransient, durationMs: 0, handled: false }]);

    const deadline = timeout(50);
    const timedOut = listen(deadline);
    const call = deadline.execute(() => new Promise(() => {})).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    const timeoutError = await call;
    expect(timeoutError).toBeInstanceOf(TimeoutError);
    expect(timedOut.failures).toEqual([{ error: timeoutError, durationMs: 50, handled: true }]);

    const breaker = circuitBreaker({ failureOn: (e) => e !== notTransient });
    const counted = listen(breaker);
    await breaker.execute(() => Promise.reject(notTransient)).catch(() => {});
    expect(counted.failures).toEqual([{ error: notTransient, durationMs: 0, handled: false }]);

    const hedged = hedge({ delayMs: 1_000 });
    const everyAttempt = listen(hedged);
    const lastError = networkError();
    let attempts = 0;
    await hedged.execute(() => Promise.reject(++attempts === 1 ? networkError() : lastError)).catch(() => {});
    expect(everyAttempt.failures).toEqual([{ error: lastError, durationMs: 0, handled: true }]);
  });

  it('report a result judged a failure as a result', async () => {
    const unavailable = new Response('busy', { status: 503 });
    const breaker = circuitBreaker();
    const { successes, failures } = listen(breaker);
    await breaker.execute(() => unavailable);
    expect(successes).toEqual([]);
    expect(failures).toMatchObject([{ result: unavailable, handled: true }]);
  });

  it('stop after unsubscribing, and reject a listener that is not a function', async () => {
    const policy = retry();
    const heard: SuccessEvent[] = [];
    const unsubscribe = policy.onSuccess((event) => heard.push(event));
    await policy.execute(() => 1);
    unsubscribe();
    await policy.execute(() => 2);
    expect(heard).toHaveLength(1);
    expect(() => policy.onFailure('log' as never)).toThrow(new TypeError('onFailure: the listener must be a function, got "log"'));
  });
});

describe('stats()', () => {
  it('counts calls, successes, failures, refusals and calls in flight', async () => {
    const breaker = circuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    await breaker.execute(() => 'ok');
    await breaker.execute(() => Promise.reject(networkError())).catch(() => {});
    await breaker.execute(() => Promise.reject(networkError())).catch(() => {});
    await expect(breaker.execute(() => 'ok')).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(breaker.stats()).toMatchObject({ calls: 4, successes: 1, failures: 2, rejections: 1, inFlight: 0 });

    const slots = bulkhead({ maxConcurrent: 1 });
    let finish!: () => void;
    const running = slots.execute(() => new Promise<void>((resolve) => (finish = resolve)));
    await expect(slots.execute(() => 'refused')).rejects.toMatchObject({ name: 'BulkheadRejectedError' });
    expect(slots.stats()).toMatchObject({ calls: 2, successes: 0, failures: 0, rejections: 1, inFlight: 1 });
    finish();
    await running;
    expect(slots.stats()).toMatchObject({ calls: 2, successes: 1, inFlight: 0 });

    const limiter = rateLimiter({ permits: 1, perMs: 60_000 });
    await limiter.execute(() => 'ok');
    await expect(limiter.execute(() => 'refused')).rejects.toMatchObject({ name: 'RateLimitedError' });
    expect(limiter.stats()).toMatchObject({ calls: 2, successes: 1, failures: 0, rejections: 1, inFlight: 0 });
  });

  it('times the calls made after it was first asked, in percentiles within 6% of the true latencies', async () => {
    fakeClock();
    const deadline = timeout(10_000);
    await deadline.execute(() => 'before anyone asked');
    expect(deadline.stats().latencyMs).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    for (let ms = 1; ms <= 100; ms++) {
      const call = deadline.execute(after(ms, () => ms));
      await vi.advanceTimersByTimeAsync(ms);
      await call;
    }
    const { calls, successes, latencyMs } = deadline.stats();
    expect({ calls, successes }).toEqual({ calls: 101, successes: 101 });
    expect(latencyMs.count).toBe(100);
    expect(latencyMs.mean).toBeCloseTo(50.5);
    expect(latencyMs.max).toBe(100);
    for (const [measured, truth] of [[latencyMs.p50, 50], [latencyMs.p90, 90], [latencyMs.p99, 99]] as const) {
      expect(Math.abs(measured - truth) / truth).toBeLessThanOrEqual(1 / 16);
    }
  });

  it('counts a call the caller aborted during a backoff wait as a failure, not as one in flight for ever', async () => {
    fakeClock();
    const policy = retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, jitter: 'none' }) });
    const caller = new AbortController();
    const call = policy.execute(() => Promise.reject(networkError()), caller.signal).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    caller.abort(new Error('the user left'));
    await expect(call).resolves.toEqual(new Error('the user left'));
    expect(policy.stats()).toMatchObject({ calls: 1, successes: 0, failures: 1, inFlight: 0 });
  });

  it('counts a pipeline once it is observed, a refusal from within as a rejection', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const stack = pipeline(retry({ maxAttempts: 1 }), breaker);
    await stack.execute(() => 'unobserved');
    expect(stack.stats()).toMatchObject({ calls: 0 });
    await stack.execute(() => Promise.reject(networkError())).catch(() => {});
    await stack.execute(() => 'refused').catch(() => {});
    expect(stack.stats()).toMatchObject({ calls: 2, successes: 0, failures: 1, rejections: 1, inFlight: 0 });
    expect(breaker.stats()).toMatchObject({ calls: 3, successes: 1, failures: 1, rejections: 1 });
  });
});

describe('LatencyHistogram', () => {
  it('keeps sub-microsecond, hour-long and negative durations without losing count', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [0.0004, 0.003, 2.5, 3_600_000, -1]) histogram.record(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(5);
    expect(summary.max).toBe(3_600_000);
    expect(summary.p50).toBeCloseTo(0.0035, 4);
    expect(summary.p99).toBe(3_600_000);
  });
});
