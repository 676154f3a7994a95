// Manual control (isolate, close, reset), persistence (toJSON, initialState) and growing openings (breakDuration).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrokenCircuitError, circuitBreaker, exponentialBackoff, type CircuitBreakerSnapshot } from '../src/index.js';
import { networkError } from './helpers.js';

function manualClock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const fail = () => Promise.reject(networkError());
const succeed = () => Promise.resolve('ok');
const refusalOf = (call: Promise<unknown>) => call.then(() => 'went through', (error: unknown) => error as BrokenCircuitError);

async function failTimes(breaker: ReturnType<typeof circuitBreaker>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await breaker.execute(fail).catch(() => {});
}

describe('circuitBreaker.isolate', () => {
  it('holds the circuit open, however much time passes, telling callers it is isolated and that no time is known', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ resetTimeoutMs: 1_000, now: clock.now });
    const rejected: BrokenCircuitError[] = [];
    breaker.onReject((error) => rejected.push(error));
    breaker.isolate();
    clock.advance(3_600_000);
    const work = vi.fn(succeed);
    const error = await refusalOf(breaker.execute(work));
    expect(work).not.toHaveBeenCalled();
    expect(breaker.state).toBe('isolated');
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect(error).toMatchObject({ state: 'isolated', retryAfterMs: Infinity });
    expect((error as BrokenCircuitError).message).toMatch(/isolated: held open by hand until released/);
    expect(rejected).toEqual([error]);
  });

  it('closes when the last of several holds is released; releasing one twice does not release another', async () => {
    const breaker = circuitBreaker();
    const changes: string[] = [];
    breaker.onStateChange(({ from, to }) => changes.push(`${from}->${to}`));
    const first = breaker.isolate();
    const second = breaker.isolate();
    first.dispose();
    first.dispose();
    expect(breaker.state).toBe('isolated');
    second.dispose();
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
    expect(changes).toEqual(['closed->isolated', 'isolated->closed']);
  });

  it('forgets the failures counted before it, and calls in flight cannot sway it', async () => {
    const breaker = circuitBreaker({ failureThreshold: 2 });
    await failTimes(breaker, 1);
    let failLate!: () => void;
    const inFlight = breaker.execute(() => new Promise<void>((_, reject) => (failLate = () => reject(networkError()))));
    const hold = breaker.isolate();
    failLate();
    await inFlight.catch(() => {});
    expect(breaker.state).toBe('isolated');
    hold.dispose();
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed'); // one failure since the release, of two needed
  });

  it('is ended at once by close(); a handle from before then cannot release a later isolation', async () => {
    const breaker = circuitBreaker();
    const stale = breaker.isolate();
    breaker.close();
    expect(breaker.state).toBe('closed');
    breaker.isolate();
    stale.dispose();
    expect(breaker.state).toBe('isolated');
  });
});

describe('circuitBreaker.close and reset', () => {
  it('close() lets calls through at once from open, and clears the counts', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000, now: clock.now });
    const events: string[] = [];
    breaker.onReset(() => events.push('reset'));
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('open');
    breaker.close();
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed');
    expect(events).toEqual(['reset']);
  });

  it('reset() does the same from half-open: a probe that fails afterwards does not reopen the circuit', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 100, now: clock.now });
    await failTimes(breaker, 1);
    clock.advance(100);
    let failProbe!: () => void;
    const probe = breaker.execute(() => new Promise<void>((_, reject) => (failProbe = () => reject(networkError()))));
    breaker.reset();
    failProbe();
    await probe.catch(() => {});
    expect(breaker.state).toBe('closed');
  });

  it('close() on a closed circuit clears its counted failures', async () => {
    const breaker = circuitBreaker({ failureThreshold: 2 });
    await failTimes(breaker, 1);
    breaker.close();
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed');
  });
});

describe('circuitBreaker breakDuration', () => {
  const growing = () => exponentialBackoff({ initialDelayMs: 1_000, maxDelayMs: 4_000, multiplier: 2, jitter: 'none' });

  it('opens for longer each time a probe fails, up to the cap, and starts again after the circuit closes', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, breakDuration: growing(), now: clock.now });
    const openings: number[] = [];
    for (let opening = 0; opening < 4; opening++) {
      await failTimes(breaker, 1); // the first failure, then failed probes
      openings.push((await refusalOf(breaker.execute(succeed)) as BrokenCircuitError).retryAfterMs);
      clock.advance(openings.at(-1)! - 1);
      expect(breaker.state).toBe('open');
      clock.advance(1);
      expect(breaker.state).toBe('half-open');
    }
    expect(openings).toEqual([1_000, 2_000, 4_000, 4_000]);
    await breaker.execute(succeed);
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);
    expect((await refusalOf(breaker.execute(succeed)) as BrokenCircuitError).retryAfterMs).toBe(1_000);
  });

  it('leaves resetTimeoutMs as the longest a probe may hold its place', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, breakDuration: growing(), resetTimeoutMs: 500, now: clock.now });
    await failTimes(breaker, 1);
    clock.advance(1_000);
    void breaker.execute(() => new Promise(() => {}));
    clock.advance(200);
    expect(await refusalOf(breaker.execute(succeed))).toMatchObject({ state: 'half-open', retryAfterMs: 300 });
    clock.advance(300);
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
  });

  it('keeps the circuit open for maxDelayMs when a hand-written backoff answers NaN', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, breakDuration: { maxDelayMs: 7_000, delayMs: () => NaN }, now: clock.now });
    await failTimes(breaker, 1);
    expect(await refusalOf(breaker.execute(succeed))).toMatchObject({ retryAfterMs: 7_000 });
  });

  it.each([
    [{ breakDuration: 5_000 }, TypeError, /breakDuration must come from exponentialBackoff/],
    [{ breakDuration: { delayMs: (): number => 1 } }, TypeError, /breakDuration.maxDelayMs must be a number, got undefined/],
    [{ breakDuration: { maxDelayMs: 5e9, delayMs: (): number => 1 } }, RangeError, /breakDuration.maxDelayMs must be a number at least 0 and at most 2147483647/],
  ])('rejects %o at construction', (options, type, message) => {
    expect(() => circuitBreaker(options as never)).toThrow(type);
    expect(() => circuitBreaker(options as never)).toThrow(message);
  });
});

describe('circuitBreaker persistence', () => {
  afterEach(() => vi.useRealTimers());

  /** The wall clock both "processes" read; the breakers' own monotonic clocks start anywhere. */
  function wallClock(start = Date.parse('2026-12-03T12:00:00Z')) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    return { advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
  }

  it('round-trips a closed circuit with failures counted, through JSON', async () => {
    const breaker = circuitBreaker({ failureThreshold: 3 });
    await failTimes(breaker, 2);
    const stored = JSON.stringify(breaker);
    expect(JSON.parse(stored)).toEqual({ version: 1, state: 'closed', openings: 0, counts: { type: 'consecutive', failures: 2 } });
    const restored = circuitBreaker({ failureThreshold: 3, initialState: JSON.parse(stored) as CircuitBreakerSnapshot });
    await failTimes(restored, 1);
    expect(restored.state).toBe('open');
  });

  it('restores an open circuit with the time it has left, measured on the wall clock', async () => {
    const wall = wallClock();
    const oldClock = manualClock(5);
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 10_000, now: oldClock.now });
    await failTimes(breaker, 1);
    wall.advance(4_000);
    oldClock.advance(4_000);
    const snapshot = breaker.toJSON();
    expect(snapshot).toMatchObject({ state: 'open', openedAt: Date.parse('2026-12-03T12:00:00Z'), openMs: 10_000, openings: 1 });

    wall.advance(1_000); // the new instance starts a second later, with a monotonic clock of its own
    const clock = manualClock(123_456);
    const restored = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 10_000, now: clock.now, initialState: snapshot });
    expect(await refusalOf(restored.execute(succeed))).toMatchObject({ state: 'open', retryAfterMs: 5_000 });
    clock.advance(5_000);
    expect(restored.state).toBe('half-open');
  });

  it('keeps the growth of breakDuration across a restart', async () => {
    wallClock();
    const options = { failureThreshold: 1, breakDuration: exponentialBackoff({ initialDelayMs: 1_000, maxDelayMs: 60_000, jitter: 'none' }) };
    const clock = manualClock();
    const breaker = circuitBreaker({ ...options, now: clock.now });
    await failTimes(breaker, 1);
    clock.advance(1_000);
    await failTimes(breaker, 1); // a failed probe: the second opening, 2 s
    const restoredClock = manualClock();
    const restored = circuitBreaker({ ...options, now: restoredClock.now, initialState: breaker.toJSON() });
    restoredClock.advance(2_000);
    await failTimes(restored, 1); // its probe fails too: the third opening, 4 s
    expect(await refusalOf(restored.execute(succeed))).toMatchObject({ retryAfterMs: 4_000 });
  });

  it('takes a snapshot from a clock running ahead as made now, never as made in the future', async () => {
    wallClock();
    const snapshot: CircuitBreakerSnapshot = {
      version: 1,
      state: 'open',
      openedAt: Date.now() + 60_000,
      openMs: 1_000,
      openings: 1,
      counts: { type: 'consecutive', failures: 0 },
    };
    const restored = circuitBreaker({ now: manualClock().now, initialState: snapshot });
    expect(await refusalOf(restored.execute(succeed))).toMatchObject({ retryAfterMs: 1_000 });
  });

  it('round-trips a count window, oldest outcome first, and a smaller window keeps the newest outcomes', async () => {
    const window = { type: 'count', size: 4, failureRate: 0.75 } as const;
    const breaker = circuitBreaker({ window });
    await failTimes(breaker, 1);
    await breaker.execute(succeed);
    await breaker.execute(succeed);
    await failTimes(breaker, 1);
    await breaker.execute(succeed);
    const snapshot = breaker.toJSON();
    expect(snapshot.counts).toEqual({ type: 'count', size: 4, outcomes: '0010' }); // the first failure slid out
    const restored = circuitBreaker({ window, initialState: snapshot });
    await failTimes(restored, 1);
    expect(restored.state).toBe('closed'); // 0, 1, 0, 1: two of four...
    await failTimes(restored, 1);
    expect(restored.state).toBe('open'); // ...1, 0, 1, 1: three of four
    const smaller = circuitBreaker({ window: { type: 'count', size: 2, failureRate: 1 }, initialState: snapshot });
    expect(smaller.toJSON().counts).toEqual({ type: 'count', size: 2, outcomes: '10' });
  });

  it('round-trips a time window, whose buckets go on ageing while the breaker is down', async () => {
    const wall = wallClock();
    const window = { type: 'time', size: 10_000, minimumCalls: 3, failureRate: 0.5 } as const;
    const clock = manualClock();
    const breaker = circuitBreaker({ window, now: clock.now });
    await failTimes(breaker, 2);
    clock.advance(3_000);
    await breaker.execute(succeed);
    wall.advance(3_000);
    const snapshot = breaker.toJSON();
    expect(snapshot.counts).toMatchObject({ type: 'time', size: 10_000, calls: [0, 0, 0, 0, 0, 0, 2, 0, 0, 1] });

    wall.advance(6_500); // the two failures, 9.5 s old, are still in the window; 1 s more and they are not
    const restored = circuitBreaker({ window, now: manualClock().now, initialState: snapshot });
    await failTimes(restored, 1);
    expect(restored.state).toBe('open'); // 3 failures of 4

    wall.advance(1_000);
    const laterRestored = circuitBreaker({ window, now: manualClock().now, initialState: snapshot });
    await failTimes(laterRestored, 1);
    expect(laterRestored.state).toBe('closed'); // 1 failure of 2: the old failures have left the window
  });

  it('restores an isolation, which only close() ends; counts of another kind of window start empty', async () => {
    const breaker = circuitBreaker({ failureThreshold: 5 });
    breaker.isolate();
    const restored = circuitBreaker({ window: { type: 'count', size: 10, failureRate: 0.5 }, initialState: breaker.toJSON() });
    expect(restored.state).toBe('isolated');
    const extra = restored.isolate();
    extra.dispose();
    expect(restored.state).toBe('isolated');
    restored.close();
    expect(restored.toJSON()).toEqual({ version: 1, state: 'closed', openings: 0, counts: { type: 'count', size: 10, outcomes: '' } });
  });

  const valid: CircuitBreakerSnapshot = { version: 1, state: 'closed', openings: 0, counts: { type: 'consecutive', failures: 0 } };
  it.each([
    ['{"state":"open"}', /initialState must be a snapshot object from breaker.toJSON\(\), got "\{/],
    [{ ...valid, version: 2 }, /initialState.version must be 1 \(a snapshot from breaker.toJSON\(\)\), got 2/],
    [{ ...valid, state: 'ajar' }, /initialState.state must be one of closed, open, half-open, isolated, got "ajar"/],
    [{ ...valid, state: 'open' }, /initialState: openedAt must be a number, got undefined/],
    [{ ...valid, openings: -1 }, /initialState: openings must be an integer at least 0/],
    [{ ...valid, counts: { type: 'count', size: 4, outcomes: '0120' } }, /initialState.counts: outcomes must be a string of 0 \(success\) and 1 \(failure\)/],
    [{ ...valid, counts: { type: 'consecutive', failures: 1.5 } }, /initialState.counts: failures must be a count/],
    [{ ...valid, counts: { type: 'time', size: 1_000, newestBucketStart: 0, calls: [1], failures: [1] } }, /calls must be an array of 10 counts/],
    [{ ...valid, openedSince: 5 }, /initialState: unknown option "openedSince"/],
  ])('rejects the initialState %o with a clear message', (initialState, message) => {
    expect(() => circuitBreaker({ initialState: initialState as never })).toThrow(message);
  });
});
