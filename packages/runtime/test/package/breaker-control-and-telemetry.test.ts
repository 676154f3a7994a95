// Black-box tests of the built package: what issue 15's users reach for on a breaker and on any policy —
// observability, manual control, persistence and half-open safety — with real timers where time matters.
import {
  BrokenCircuitError,
  circuitBreaker,
  exponentialBackoff,
  pipeline,
  retry,
  timeout,
  type CircuitBreakerSnapshot,
  type FailureEvent,
  type SuccessEvent,
} from '@resilint/runtime';
import { describe, expect, it } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const down = () => Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
const refusalOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as BrokenCircuitError);

describe('observability (built package)', () => {
  it('tells success and failure listeners of every policy in a pipeline, with durations, and counts in stats()', async () => {
    const inner = timeout(1_000);
    const breaker = circuitBreaker({ failureThreshold: 100 });
    const stack = pipeline(retry({ maxAttempts: 1 }), breaker, inner);
    const successes: SuccessEvent[] = [];
    const failures: FailureEvent[] = [];
    inner.onSuccess((event) => successes.push(event));
    breaker.onFailure((event) => failures.push(event));
    stack.stats();
    await stack.execute(async () => {
      await sleep(5);
      return 'ok';
    });
    await stack.execute(down).catch(() => {});
    expect(successes).toHaveLength(1);
    expect(successes[0]!.durationMs).toBeGreaterThan(0);
    expect(failures).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'ECONNRESET' }), handled: true })]);
    expect(breaker.stats()).toMatchObject({ calls: 2, successes: 1, failures: 1, rejections: 0, inFlight: 0 });
    const pipelineStats = stack.stats();
    expect(pipelineStats).toMatchObject({ calls: 2, successes: 1, failures: 1 });
    expect(pipelineStats.latencyMs.count).toBe(2);
    expect(pipelineStats.latencyMs.max).toBeGreaterThanOrEqual(pipelineStats.latencyMs.p50);
  });

  it('counts refusals as rejections, and a call in flight as inFlight', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000 });
    let finish!: () => void;
    const pending = breaker.execute(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(breaker.stats()).toMatchObject({ calls: 1, inFlight: 1 });
    finish();
    await pending;
    await breaker.execute(down).catch(() => {});
    await breaker.execute(() => 'not called').catch(() => {});
    expect(breaker.stats()).toMatchObject({ calls: 3, successes: 1, failures: 1, rejections: 1, inFlight: 0 });
  });
});

describe('manual breaker control (built package)', () => {
  it('isolate() holds the circuit open, with retryAfterMs Infinity, until every handle is disposed', async () => {
    const breaker = circuitBreaker();
    const first = breaker.isolate();
    const second = breaker.isolate();
    let calls = 0;
    const refusal = await refusalOf(breaker.execute(() => ++calls));
    expect(refusal).toBeInstanceOf(BrokenCircuitError);
    expect(refusal).toMatchObject({ state: 'isolated', retryAfterMs: Infinity });
    first.dispose();
    first.dispose();
    expect(breaker.state).toBe('isolated');
    second.dispose();
    expect(breaker.state).toBe('closed');
    expect(await breaker.execute(() => ++calls)).toBe(1);
  });

  it('close() and reset() close an open circuit at once and forget the failures counted', async () => {
    const breaker = circuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    for (const end of ['close', 'reset'] as const) {
      await breaker.execute(down).catch(() => {});
      await breaker.execute(down).catch(() => {});
      expect(breaker.state).toBe('open');
      breaker[end]();
      expect(breaker.state).toBe('closed');
      await breaker.execute(down).catch(() => {});
      expect(breaker.state).toBe('closed');
      breaker.close();
    }
  });
});

describe('breaker persistence (built package)', () => {
  it('restores an open circuit from toJSON() through JSON, with the time it has left', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000 });
    await breaker.execute(down).catch(() => {});
    const snapshot = JSON.parse(JSON.stringify(breaker)) as CircuitBreakerSnapshot;
    expect(snapshot).toMatchObject({ version: 1, state: 'open', openMs: 60_000, openings: 1 });
    const restored = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000, initialState: snapshot });
    const refusal = await refusalOf(restored.execute(() => 'not called'));
    expect(refusal).toMatchObject({ state: 'open' });
    expect(refusal!.retryAfterMs).toBeGreaterThan(50_000);
    expect(refusal!.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('keeps the failures counted while closed, so the next failure opens the restored circuit', async () => {
    const breaker = circuitBreaker({ failureThreshold: 3 });
    await breaker.execute(down).catch(() => {});
    await breaker.execute(down).catch(() => {});
    const restored = circuitBreaker({ failureThreshold: 3, initialState: breaker.toJSON() });
    expect(restored.state).toBe('closed');
    await restored.execute(down).catch(() => {});
    expect(restored.state).toBe('open');
  });

  it('rejects a snapshot that is not one, with a message that says what was expected', () => {
    expect(() => circuitBreaker({ initialState: { version: 2 } as unknown as CircuitBreakerSnapshot })).toThrow(/version must be 1/);
  });
});

describe('half-open safety (built package, real timers)', () => {
  it('lets a probe through after resetTimeoutMs, reopens on its failure, and closes on its success', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 20 });
    await breaker.execute(down).catch(() => {});
    await sleep(30);
    expect(breaker.state).toBe('half-open');
    await breaker.execute(down).catch(() => {});
    expect(breaker.state).toBe('open');
    await sleep(30);
    expect(await breaker.execute(() => 'probe')).toBe('probe');
    expect(breaker.state).toBe('closed');
  });

  it('lengthens each opening by breakDuration while the circuit keeps reopening, and starts over once it closes', async () => {
    const breaker = circuitBreaker({
      failureThreshold: 1,
      breakDuration: exponentialBackoff({ initialDelayMs: 20, multiplier: 2, maxDelayMs: 1_000, jitter: 'none' }),
    });
    const openMs = () => breaker.toJSON().openMs;
    await breaker.execute(down).catch(() => {});
    const first = openMs()!;
    await sleep(first + 10);
    await breaker.execute(down).catch(() => {});
    const second = openMs()!;
    expect(second).toBeGreaterThan(first);
    await sleep(second + 10);
    await breaker.execute(() => 'probe');
    expect(breaker.state).toBe('closed');
    await breaker.execute(down).catch(() => {});
    expect(openMs()).toBe(first);
  });
});
