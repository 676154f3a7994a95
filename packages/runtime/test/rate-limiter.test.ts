import { describe, expect, it, vi } from 'vitest';
import { circuitBreaker, pipeline, RateLimitedError, rateLimiter, retry } from '../src/index.js';

function manualClock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const succeed = () => Promise.resolve('ok');
const outcomeOf = (call: Promise<unknown>) => call.then((value) => value, (error: unknown) => error);
const liveTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('rateLimiter', () => {
  it('allows a burst of `permits`, then rejects with a RateLimitedError saying when a permit is free', async () => {
    const clock = manualClock();
    const limiter = rateLimiter({ permits: 3, perMs: 1_000, now: clock.now });
    for (let i = 0; i < 3; i++) await expect(limiter.execute(succeed)).resolves.toBe('ok');
    const work = vi.fn(succeed);
    const error = (await outcomeOf(limiter.execute(work))) as RateLimitedError;
    expect(work).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ name: 'RateLimitedError', permits: 3, perMs: 1_000 });
    expect(error.retryAfterMs).toBeCloseTo(1_000 / 3);
    expect(error.message).toBe('Rate limit of 3 calls per 1000 ms reached; try again in 334 ms');
    expect(error.stack).toBe(`RateLimitedError: ${error.message}`);
  });

  it('refills continuously without rounding short of a permit, and never beyond `permits`', async () => {
    const clock = manualClock();
    const limiter = rateLimiter({ permits: 3, perMs: 1_000, now: clock.now });
    for (let i = 0; i < 3; i++) await limiter.execute(succeed);
    clock.advance(333);
    expect(limiter.available).toBe(0);
    clock.advance(1);
    expect(limiter.available).toBe(1);
    await expect(limiter.execute(succeed)).resolves.toBe('ok');
    clock.advance(3_600_000);
    expect(limiter.available).toBe(3);
  });

  it('keeps the rate over a long run: 10 per second admits 10 + 50 calls in 5 seconds', async () => {
    const clock = manualClock();
    const limiter = rateLimiter({ permits: 10, perMs: 1_000, now: clock.now });
    let admitted = 0;
    for (let ms = 0; ms <= 5_000; ms += 10) {
      if (ms > 0) clock.advance(10);
      if ((await outcomeOf(limiter.execute(succeed))) === 'ok') admitted++;
      if ((await outcomeOf(limiter.execute(succeed))) === 'ok') admitted++;
    }
    expect(admitted).toBe(10 + 50);
  });

  it('queues up to maxQueue calls, starts them in arrival order as permits come, and rejects the rest', async () => {
    const limiter = rateLimiter({ permits: 2, perMs: 100, maxQueue: 2 });
    const started: [string, number][] = [];
    const begin = performance.now();
    const call = (name: string) =>
      outcomeOf(limiter.execute(() => void started.push([name, performance.now() - begin])));
    const calls = ['a', 'b', 'c', 'd', 'e'].map(call);
    expect(limiter.queued).toBe(2);
    const outcomes = await Promise.all(calls);
    expect(outcomes.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(outcomes[4]).toBeInstanceOf(RateLimitedError);
    expect((outcomes[4] as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect(started.map(([name]) => name)).toEqual(['a', 'b', 'c', 'd']);
    // One permit every 50 ms after the burst.
    expect(started[2]![1]).toBeGreaterThanOrEqual(45);
    expect(started[3]![1]).toBeGreaterThanOrEqual(95);
  });

  it("lets a queued call whose caller aborts leave at once, and stops its timer when the queue empties", async () => {
    const before = liveTimers();
    const limiter = rateLimiter({ permits: 1, perMs: 60_000, maxQueue: 1 });
    await limiter.execute(succeed);
    const controller = new AbortController();
    const work = vi.fn(succeed);
    const queued = limiter.execute(work, controller.signal);
    expect(limiter.queued).toBe(1);
    controller.abort(new Error('gave up waiting'));
    await expect(queued).rejects.toThrow('gave up waiting');
    expect(limiter.queued).toBe(0);
    expect(work).not.toHaveBeenCalled();
    expect(liveTimers()).toBe(before);
  });

  it('in a pipeline: not retried by default, and not counted by a breaker around it', async () => {
    const clock = manualClock();
    const limiter = rateLimiter({ permits: 1, perMs: 1_000, now: clock.now });
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const work = vi.fn(succeed);
    const policy = pipeline(breaker, retry({ maxAttempts: 3 }), limiter);
    await expect(policy.execute(work)).resolves.toBe('ok');
    await expect(policy.execute(work)).rejects.toBeInstanceOf(RateLimitedError);
    expect(work).toHaveBeenCalledTimes(1);
    expect(breaker.state).toBe('closed');
  });

  it.each([
    [undefined, TypeError, /rateLimiter: expects options \{ permits, perMs \}/],
    [{ perMs: 1_000 }, TypeError, /rateLimiter: permits must be a number, got undefined/],
    [{ permits: 0, perMs: 1_000 }, RangeError, /permits must be an integer at least 1/],
    [{ permits: 5, perMs: 0.5 }, RangeError, /perMs must be an integer at least 1 and at most 2147483647, got 0.5/],
    [{ permits: 5, perMs: 1_000, maxQueue: -1 }, RangeError, /maxQueue must be an integer at least 0/],
    [{ permits: 5, per: 1_000 }, TypeError, /unknown option "per"; expected one of permits, perMs, maxQueue, now/],
  ])('rejects %o at construction', (options, type, message) => {
    expect(() => rateLimiter(options as never)).toThrow(type);
    expect(() => rateLimiter(options as never)).toThrow(message);
  });
});
