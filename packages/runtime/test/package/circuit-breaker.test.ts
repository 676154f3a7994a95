// Black-box tests of the built package (dist/, through its package name): the breaker's defects of issue 15.
import {
  BrokenCircuitError,
  bulkhead,
  circuitBreaker,
  isTransientError,
  pipeline,
  retry,
  timeout,
  TimeoutError,
  type ExecuteContext,
} from '@resilint/runtime';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Work that waits until its signal aborts, then rejects with the signal's reason (as fetch does). */
const untilAborted = ({ signal }: ExecuteContext) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
const networkError = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

function manualClock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('circuitBreaker (built package)', () => {
  it('opens on the timeouts of an enclosing timeout: pipeline(timeout, retry, circuitBreaker), real timers', async () => {
    const breaker = circuitBreaker({ failureThreshold: 3, resetTimeoutMs: 60_000 });
    const policy = pipeline(timeout(10), retry({ maxAttempts: 1 }), breaker);
    for (let call = 0; call < 3; call++) await expect(policy.execute(untilAborted)).rejects.toBeInstanceOf(TimeoutError);
    await sleep(5);
    expect(breaker.state).toBe('open');
  });

  it('counts work that ignores the signal and answers after the enclosing deadline as a failure', async () => {
    const breaker = circuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    const policy = pipeline(timeout(10), breaker);
    const late = () => sleep(30).then(() => 'too late');
    await expect(policy.execute(late)).rejects.toBeInstanceOf(TimeoutError);
    await expect(policy.execute(late)).rejects.toBeInstanceOf(TimeoutError);
    await sleep(50);
    expect(breaker.state).toBe('open');
  });

  it("counts a caller's deadline (AbortSignal.timeout) as a failure, and never a caller who gave up", async () => {
    const breaker = circuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    for (let call = 0; call < 5; call++) {
      const controller = new AbortController();
      const result = breaker.execute(untilAborted, controller.signal);
      controller.abort();
      await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    }
    expect(breaker.state).toBe('closed');
    for (let call = 0; call < 2; call++) {
      await expect(breaker.execute(untilAborted, AbortSignal.timeout(5))).rejects.toMatchObject({ name: 'TimeoutError' });
    }
    expect(breaker.state).toBe('open');
  });

  it("a failureOn that throws counts a failure, never wedges half-open, and the caller gets the dependency's error", async () => {
    const clock = manualClock();
    const consoleError = console.error;
    console.error = () => {};
    try {
      const breaker = circuitBreaker({
        failureThreshold: 1,
        resetTimeoutMs: 1_000,
        now: clock.now,
        failureOn: (error) => (error as { response: { status: number } }).response.status >= 500,
      });
      const dependencyError = networkError();
      await expect(breaker.execute(() => Promise.reject(dependencyError))).rejects.toBe(dependencyError);
      expect(breaker.state).toBe('open');
      clock.advance(1_000);
      await expect(breaker.execute(() => Promise.reject(dependencyError))).rejects.toBe(dependencyError);
      expect(breaker.state).toBe('open');
      clock.advance(1_000);
      await expect(breaker.execute(() => 'recovered')).resolves.toBe('recovered');
      expect(breaker.state).toBe('closed');

      const byResult = circuitBreaker({
        failureThreshold: 1,
        now: clock.now,
        failureOnResult: (result) => (result as { status: number }).status >= 500,
      });
      await expect(byResult.execute(() => null)).resolves.toBe(null);
      expect(byResult.state).toBe('open');
    } finally {
      console.error = consoleError;
    }
  });

  it('counts every error by default: an AWS SDK 503, gRPC UNAVAILABLE, a lost Postgres connection, a 404', async () => {
    const errors = [
      Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }),
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('Not Found'), { status: 404 }),
    ];
    for (const error of errors) {
      const breaker = circuitBreaker({ failureThreshold: 3, resetTimeoutMs: 60_000 });
      for (let call = 0; call < 3; call++) await expect(breaker.execute(() => Promise.reject(error))).rejects.toBe(error);
      expect(breaker.state).toBe('open');
    }
    // The old behaviour stays one option away.
    const transientOnly = circuitBreaker({ failureThreshold: 1, failureOn: isTransientError });
    await transientOnly.execute(() => Promise.reject(errors[3])).catch(() => {});
    expect(transientOnly.state).toBe('closed');
  });

  it('frees the slot of a half-open probe that never settles after resetTimeoutMs, and tells callers a positive retryAfterMs', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1_000, now: clock.now });
    await breaker.execute(() => Promise.reject(networkError())).catch(() => {});
    clock.advance(1_000);
    void breaker.execute(() => new Promise(() => {}));
    clock.advance(400);
    const refused = await breaker.execute(() => 'not called').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BrokenCircuitError);
    expect((refused as BrokenCircuitError).retryAfterMs).toBe(600);
    clock.advance(600);
    await expect(breaker.execute(() => 'second probe')).resolves.toBe('second probe');
    expect(breaker.state).toBe('closed');
  });

  it("counts the runtime's own rejections neither way: an inner bulkhead refusing a probe, a nested breaker's BrokenCircuitError", async () => {
    const clock = manualClock();
    const outer = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1_000, now: clock.now });
    const full = bulkhead({ maxConcurrent: 1 });
    void full.execute(() => new Promise(() => {}));
    await outer.execute(() => Promise.reject(networkError())).catch(() => {});
    clock.advance(1_000);
    await expect(pipeline(outer, full).execute(() => 'refused')).rejects.toMatchObject({ name: 'BulkheadRejectedError' });
    expect(outer.state).toBe('half-open');
    await expect(outer.execute(() => 'probe')).resolves.toBe('probe');
    expect(outer.state).toBe('closed');

    const counting = circuitBreaker({ failureThreshold: 2, now: clock.now });
    const inner = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000, now: clock.now });
    await inner.execute(() => Promise.reject(networkError())).catch(() => {});
    await counting.execute(() => Promise.reject(networkError())).catch(() => {});
    await expect(pipeline(counting, inner).execute(() => 'refused')).rejects.toBeInstanceOf(BrokenCircuitError);
    await counting.execute(() => Promise.reject(networkError())).catch(() => {});
    expect(counting.state).toBe('open');
  });

  it('refuses with an Error that reads as usual: name, message, one-line stack, state, util.inspect', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1_000, now: clock.now });
    await breaker.execute(() => Promise.reject(networkError())).catch(() => {});
    const error = (await breaker.execute(() => 'not called').catch((e: unknown) => e)) as BrokenCircuitError;
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect(error).toMatchObject({ name: 'BrokenCircuitError', message: 'Circuit is open; try again in 1000 ms', retryAfterMs: 1_000, state: 'open' });
    expect(error.stack).toBe('BrokenCircuitError: Circuit is open; try again in 1000 ms');
    expect(String(error)).toBe(error.stack);
    expect(inspect(error)).toMatch(/^\[BrokenCircuitError: Circuit is open; try again in 1000 ms\] \{/);
    await expect(Promise.reject(error)).rejects.toThrow(BrokenCircuitError);
    error.message = 'annotated by a logger';
    expect(error.message).toBe('annotated by a logger');
  });

  it('opens a count window at exactly its rate: 55 failures of 100 at failureRate 0.55', async () => {
    for (const [failures, rate] of [
      [55, 0.55],
      [7, 0.07],
      [29, 0.29],
    ] as const) {
      const breaker = circuitBreaker({ window: { type: 'count', size: 100, failureRate: rate } });
      for (let call = 0; call < 100 - failures; call++) await breaker.execute(() => 'ok');
      for (let call = 0; call < failures; call++) await breaker.execute(() => Promise.reject(networkError())).catch(() => {});
      expect(breaker.state).toBe('open');
    }
  });
});
