// Black-box tests of the built package: retry's defects and missing option checks (issue 15, 8 and 10).
import { createRequire } from 'node:module';
import {
  exponentialBackoff,
  pipeline,
  retry,
  retryBudget,
  type Backoff,
  type GiveUpEvent,
  type Policy,
  type Work,
} from '@resilint/runtime';
import { describe, expect, it } from 'vitest';

const networkError = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const noWait: Backoff = { maxDelayMs: 0, delayMs: () => 0 };

describe('option checks (built package)', () => {
  it('exponentialBackoff rejects a random that is not a function', () => {
    expect(() => exponentialBackoff({ random: 0.5 as unknown as () => number })).toThrow(
      /exponentialBackoff: random must be a function, got 0\.5/,
    );
  });

  it('retry rejects a hand-written backoff whose maxDelayMs is above 2^31-1 ms, NaN or negative', () => {
    for (const maxDelayMs of [5e9, Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(() => retry({ backoff: { maxDelayMs, delayMs: () => 100 } })).toThrow(RangeError);
    }
    expect(() => retry({ backoff: { maxDelayMs: 2_147_483_647, delayMs: () => 100 } })).not.toThrow();
  });
});

describe('retry (built package)', () => {
  it("onGiveUp says 'attempts' when maxAttempts stopped the call, even with a budget spent by then", async () => {
    const events: GiveUpEvent[] = [];
    const budget = retryBudget({ maxTokens: 4 });
    const policy = retry({ maxAttempts: 2, backoff: noWait, budget, onGiveUp: (event) => events.push(event) });
    await policy.execute(() => Promise.reject(networkError())).catch(() => {});
    expect(events.map(({ attempts, reason }) => ({ attempts, reason }))).toEqual([{ attempts: 2, reason: 'attempts' }]);
    // Now the budget alone stops the next call after its first attempt.
    await policy.execute(() => Promise.reject(networkError())).catch(() => {});
    expect(events[1]).toMatchObject({ attempts: 1, reason: 'budget' });
  });

  it("a throwing retryOn or retryOnResult does not retry and leaves the caller the dependency's own outcome", async () => {
    const consoleError = console.error;
    console.error = () => {};
    try {
      const dependencyError = networkError();
      let calls = 0;
      const byError = retry({
        backoff: noWait,
        retryOn: (error) => (error as { response: { status: number } }).response.status >= 500,
      });
      await expect(byError.execute(() => (calls++, Promise.reject(dependencyError)))).rejects.toBe(dependencyError);
      expect(calls).toBe(1);
      const byResult = retry({ backoff: noWait, retryOnResult: (result) => (result as { status: number }).status >= 500 });
      await expect(byResult.execute(() => (calls++, null))).resolves.toBe(null);
      expect(calls).toBe(2);
    } finally {
      console.error = consoleError;
    }
  });

  it('accepts a budget made by another copy of the runtime (the vendored file, the CommonJS build)', async () => {
    const vendored = (await import(new URL('../../dist/resilint-runtime.js', import.meta.url).href)) as typeof import('@resilint/runtime');
    const commonJs = createRequire(import.meta.url)('../../dist/index.cjs') as typeof import('@resilint/runtime');
    for (const budget of [vendored.retryBudget({ maxTokens: 4 }), commonJs.retryBudget({ maxTokens: 4 })]) {
      const policy = retry({ maxAttempts: 5, backoff: noWait, budget });
      let calls = 0;
      await policy.execute(() => (calls++, Promise.reject(networkError()))).catch(() => {});
      // 4 tokens: retries stop once no more than half are left.
      expect(calls).toBe(2);
      expect(budget.tokens).toBe(2);
    }
    expect(() => retry({ budget: { canRetry: true } as never })).toThrow(TypeError);
  });
});

describe('pipeline (built package)', () => {
  it('advances ctx.attempt under a retry that is not ours', async () => {
    const foreignRetry: Policy = {
      async execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
        for (let attempt = 0; ; attempt++) {
          try {
            return await work({ signal: signal ?? new AbortController().signal, attempt });
          } catch (error) {
            if (attempt === 2) throw error;
          }
        }
      },
    };
    const attempts: number[] = [];
    const result = await pipeline(foreignRetry, pipeline()).execute(({ attempt }) => {
      attempts.push(attempt);
      if (attempts.length < 3) throw networkError();
      return 'third';
    });
    expect(result).toBe('third');
    expect(attempts).toEqual([1, 2, 3]);
  });
});
