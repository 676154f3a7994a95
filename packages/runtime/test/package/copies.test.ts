// Black-box tests of the built package: the new policies' errors and snapshots cross between copies of the runtime
// (the ESM and CommonJS builds, a vendored copy), as they do in an application that ends up with two.
import { createRequire } from 'node:module';
import * as esm from '@resilint/runtime';
import { describe, expect, it } from 'vitest';

const cjs = createRequire(import.meta.url)('@resilint/runtime') as typeof esm;

describe('the new policies across copies of the runtime (built package)', () => {
  it("a rate limiter's refusal from the CommonJS build is neither retried nor counted by the ESM build's policies", async () => {
    const breaker = esm.circuitBreaker({ failureThreshold: 1 });
    const limiter = cjs.rateLimiter({ permits: 1, perMs: 60_000 });
    let calls = 0;
    const policy = esm.pipeline(breaker, esm.retry({ maxAttempts: 3 }), limiter);
    await policy.execute(() => ++calls);
    const refusal = await policy.execute(() => ++calls).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(cjs.RateLimitedError);
    expect(esm.isTransientError(refusal)).toBe(false);
    expect(calls).toBe(1);
    expect(breaker.state).toBe('closed');
  });

  it("a breaker's snapshot from one build restores in the other, through JSON", async () => {
    const breaker = esm.circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000 });
    await breaker.execute(() => Promise.reject(new Error('down'))).catch(() => {});
    const restored = cjs.circuitBreaker({ resetTimeoutMs: 60_000, initialState: JSON.parse(JSON.stringify(breaker)) as esm.CircuitBreakerSnapshot });
    const refusal = await restored.execute(() => 'not called').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ name: 'BrokenCircuitError', state: 'open' });
    expect((refusal as esm.BrokenCircuitError).retryAfterMs).toBeGreaterThan(59_000);
  });

  it("an isolated circuit's refusal from one build is not counted by the other build's breaker around it", async () => {
    const inner = cjs.circuitBreaker();
    inner.isolate();
    const outer = esm.circuitBreaker({ failureThreshold: 1 });
    const refusal = await esm.pipeline(outer, inner).execute(() => 'not called').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ state: 'isolated', retryAfterMs: Infinity });
    expect(outer.state).toBe('closed');
  });
});
