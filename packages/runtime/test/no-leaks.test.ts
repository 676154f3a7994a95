import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkhead, circuitBreaker, exponentialBackoff, fallback, pipeline, retry, timeout, type Policy } from '../src/index.js';
import { networkError } from './helpers.js';

/** Wraps the global timer functions to know which timers are still pending. */
function trackTimers() {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const live = new Set<unknown>();
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = realSetTimeout(
      (...callbackArgs: unknown[]) => {
        live.delete(handle);
        callback(...callbackArgs);
      },
      ms,
      ...args,
    );
    live.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle?: Parameters<typeof clearTimeout>[0]) => {
    live.delete(handle);
    realClearTimeout(handle);
  }) as typeof clearTimeout;
  return {
    live,
    restore() {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    },
  };
}

/** A caller's signal that counts the abort listeners added to it and not yet removed. */
function countedController() {
  const controller = new AbortController();
  const signal = controller.signal;
  const listeners = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  type Listener = Parameters<AbortSignal['addEventListener']>[1];
  signal.addEventListener = ((type: string, listener: Listener, options?: { once?: boolean }) => {
    if (type === 'abort') {
      listeners.add(listener);
      // A `once` listener is gone after the abort event fires.
      if (options?.once) add('abort', () => listeners.delete(listener), { once: true });
    }
    add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: Listener, options?: { capture?: boolean }) => {
    if (type === 'abort') listeners.delete(listener);
    remove(type, listener, options);
  }) as typeof signal.removeEventListener;
  return { controller, listeners };
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    // The work's own timers are real work, not the runtime's: keep them out of the count.
    const handle = timers.realSetTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(handle);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const timers = { realSetTimeout: globalThis.setTimeout };
let tracker: ReturnType<typeof trackTimers>;

beforeEach(() => {
  timers.realSetTimeout = globalThis.setTimeout;
  tracker = trackTimers();
});
afterEach(() => tracker.restore());

describe('resource hygiene', () => {
  it('the tracker itself sees a timer that is never cleared', () => {
    const handle = setTimeout(() => {}, 1_000);
    expect(tracker.live.size).toBe(1);
    clearTimeout(handle);
    expect(tracker.live.size).toBe(0);
    const { controller, listeners } = countedController();
    controller.signal.addEventListener('abort', () => {});
    expect(listeners.size).toBe(1);
  });

  it('leaves no live timer and no abort listener after thousands of mixed calls', async () => {
    const random = seeded(20_261_122);
    const backoff = exponentialBackoff({ initialDelayMs: 1, maxDelayMs: 4, jitter: 'full', random });
    const breaker = circuitBreaker({ failureThreshold: 3, resetTimeoutMs: 5 });
    const longBackoff = exponentialBackoff({ initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 'none' });
    // Long timers (60 s) would still be pending at the end of the test if they leaked; short ones also fire.
    const policies: Policy<unknown>[] = [
      timeout(5),
      timeout(60_000),
      retry({ maxAttempts: 3, backoff }),
      pipeline(timeout(60_000), retry({ maxAttempts: 3, backoff }), breaker),
      pipeline(fallback('fallback'), breaker, retry({ maxAttempts: 4, backoff }), timeout(3)),
      pipeline(timeout(15), retry({ maxAttempts: 2, backoff: longBackoff }), timeout(60_000)),
      pipeline(bulkhead({ maxConcurrent: 4, maxQueue: 20 }), timeout(6)),
      pipeline(timeout(20), bulkhead({ maxConcurrent: 2, maxQueue: 5 }), retry({ maxAttempts: 2, backoff }), timeout(60_000)),
    ];
    const controllers: ReturnType<typeof countedController>[] = [];
    const outcomes = new Map<string, number>();
    const calls: Promise<void>[] = [];

    for (let i = 0; i < 3_000; i++) {
      const policy = policies[i % policies.length]!;
      const roll = random();
      const withSignal = random() < 0.6 ? countedController() : undefined;
      if (withSignal) controllers.push(withSignal);
      const call = policy
        .execute(async ({ signal }) => {
          // A mix of fast successes, failures, slow calls that honour the signal and ones that ignore it.
          if (roll < 0.3) return 'ok';
          if (roll < 0.5) throw networkError();
          if (roll < 0.6) throw new Error('not transient');
          if (roll < 0.8) {
            await sleep(Math.floor(random() * 10), signal);
            return 'slow ok';
          }
          await sleep(Math.floor(random() * 10));
          return 'ignored the signal';
        }, withSignal?.controller.signal)
        .then(
          (value) => String(value),
          (error: unknown) => (error as Error).name,
        )
        .then((outcome) => {
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        });
      calls.push(call);
      if (withSignal && random() < 0.2) {
        const abortAfter = Math.floor(random() * 8);
        timers.realSetTimeout(() => withSignal.controller.abort(), abortAfter);
      }
      if (i % 100 === 0) await new Promise((resolve) => timers.realSetTimeout(resolve, 1));
    }
    await Promise.all(calls);

    // Every kind of ending happened, so the check below covers them all.
    for (const outcome of ['ok', 'slow ok', 'fallback', 'TimeoutError', 'AbortError', 'BrokenCircuitError', 'BulkheadRejectedError', 'Error']) {
      expect(outcomes.get(outcome), outcome).toBeGreaterThan(0);
    }
    expect(tracker.live.size).toBe(0);
    expect(controllers.reduce((sum, { listeners }) => sum + listeners.size, 0)).toBe(0);
  });
});
