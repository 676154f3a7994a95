import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrokenCircuitError,
  circuitBreaker,
  exponentialBackoff,
  fallback,
  pipeline,
  retry,
  timeout,
  TimeoutError,
  type Policy,
} from '../src/index.js';
import { networkError } from './helpers.js';

const fastRetry = (maxAttempts = 3) =>
  retry({ maxAttempts, backoff: exponentialBackoff({ initialDelayMs: 10, maxDelayMs: 100, jitter: 'none' }) });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pipeline', () => {
  it('times out each attempt when the timeout is inside the retry, and retries the TimeoutError', async () => {
    const attempts: number[] = [];
    const signals: AbortSignal[] = [];
    const result = pipeline(fastRetry(3), timeout(100)).execute(({ signal, attempt }) => {
      attempts.push(attempt);
      signals.push(signal);
      return attempt < 3 ? new Promise<string>(() => {}) : 'third time lucky';
    });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('third time lucky');
    expect(attempts).toEqual([1, 2, 3]);
    expect(signals.map((s) => s.aborted)).toEqual([true, true, false]);
    expect(new Set(signals).size).toBe(3);
  });

  it('bounds all attempts together when the timeout is outside the retry', async () => {
    const work = vi.fn().mockRejectedValue(networkError());
    const result = pipeline(timeout(15), fastRetry(10)).execute(work);
    const settled = expect(result).rejects.toBeInstanceOf(TimeoutError);
    await vi.runAllTimersAsync();
    await settled;
    // Attempt 1 at 0 ms, attempt 2 at 10 ms, then the 20 ms backoff is cut short by the timeout at 15 ms.
    expect(work).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands the caller what a retry inside a timeout ends with: a later success, the last error, a thrown one', async () => {
    const flaky = vi.fn().mockRejectedValueOnce(networkError()).mockResolvedValueOnce('second time');
    const succeeded = pipeline(timeout(1_000), fastRetry(3)).execute(flaky);
    await vi.runAllTimersAsync();
    await expect(succeeded).resolves.toBe('second time');

    const last = networkError('ECONNREFUSED');
    const down = vi.fn().mockRejectedValueOnce(networkError()).mockRejectedValueOnce(last);
    const gaveUp = pipeline(timeout(1_000), fastRetry(2)).execute(down);
    const settled = expect(gaveUp).rejects.toBe(last);
    await vi.runAllTimersAsync();
    await settled;

    const bug = new TypeError('x is not a function');
    await expect(pipeline(timeout(1_000), fastRetry(3)).execute(() => { throw bug; })).rejects.toBe(bug);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back when the breaker is open, and the breaker counts a retried call once', async () => {
    const breaker = circuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    const policy = pipeline(fallback('stale'), breaker, fastRetry(3), timeout(1_000));
    const work = vi.fn().mockRejectedValue(networkError());
    for (let call = 0; call < 2; call++) {
      const result = policy.execute(work);
      await vi.runAllTimersAsync();
      await expect(result).resolves.toBe('stale');
    }
    expect(work).toHaveBeenCalledTimes(6);
    expect(breaker.state).toBe('open');
    await expect(policy.execute(work)).resolves.toBe('stale');
    expect(work).toHaveBeenCalledTimes(6);
  });

  it('does not retry an open circuit when the breaker is inside the retry', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const policy = pipeline(fastRetry(5), breaker);
    const work = vi.fn().mockRejectedValue(networkError());
    const first = policy.execute(work);
    const settled = expect(first).rejects.toBeInstanceOf(BrokenCircuitError);
    await vi.runAllTimersAsync();
    await settled;
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("hands the caller's signal through to the work when nothing in between creates one", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    await pipeline(fastRetry(), circuitBreaker()).execute(({ signal }) => (seen = signal), controller.signal);
    expect(seen).toBe(controller.signal);
  });

  it('creates no AbortController for work that never reads its signal', async () => {
    const RealAbortController = globalThis.AbortController;
    let created = 0;
    globalThis.AbortController = class extends RealAbortController {
      constructor() {
        super();
        created++;
      }
    };
    try {
      const policy = pipeline(fallback(0), circuitBreaker(), fastRetry(), timeout(1_000));
      await policy.execute(() => 1);
      expect(created).toBe(0);
      await policy.execute(({ signal }) => signal.aborted);
      expect(created).toBe(1);
    } finally {
      globalThis.AbortController = RealAbortController;
    }
  });

  it('with no policies, just runs the work', async () => {
    await expect(pipeline().execute(({ attempt }) => attempt)).resolves.toBe(1);
  });

  it('accepts a policy from elsewhere through its execute method', async () => {
    const log: string[] = [];
    const logging: Policy = {
      execute: async (work, signal) => {
        log.push('before');
        try {
          return await work({ signal: signal ?? new AbortController().signal, attempt: 1 });
        } finally {
          log.push('after');
        }
      },
    };
    let signalAborted: boolean | undefined;
    const result = pipeline(timeout(50), logging).execute(({ signal }) => {
      signalAborted = signal.aborted;
      return 'ok';
    });
    await expect(result).resolves.toBe('ok');
    expect(log).toEqual(['before', 'after']);
    expect(signalAborted).toBe(false);
  });

  it('rejects something that is not a policy', () => {
    expect(() => pipeline(fastRetry(), 5_000 as never)).toThrow(new TypeError('pipeline: argument 2 is not a policy (it has no execute method)'));
  });
});
