import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { BrokenCircuitError, circuitBreaker, isTransientError, pipeline, retry, timeout, type CircuitState } from '../src/index.js';
import { httpResponse, networkError } from './helpers.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const fail = () => Promise.reject(networkError());
const succeed = () => Promise.resolve('ok');

async function failTimes(breaker: ReturnType<typeof circuitBreaker>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await breaker.execute(fail).catch(() => {});
}

describe('circuitBreaker', () => {
  it('opens after failureThreshold consecutive failures and then fails fast without calling the work', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 3, resetTimeoutMs: 10_000, now: clock.now });
    await failTimes(breaker, 2);
    await breaker.execute(succeed);
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');

    clock.advance(4_000);
    const work = vi.fn();
    const error = await breaker.execute(work).catch((e: unknown) => e);
    expect(work).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect(error).toMatchObject({ retryAfterMs: 6_000, message: 'Circuit is open; try again in 6000 ms' });
  });

  it('fails fast with an error that carries no stack trace, leaving the global stack limit alone', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000 });
    await failTimes(breaker, 1);
    const limit = Error.stackTraceLimit;
    const error = (await breaker.execute(succeed).catch((e: unknown) => e)) as BrokenCircuitError;
    expect(error.stack).toBe(`BrokenCircuitError: ${error.message}`);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('lets one probe through after resetTimeoutMs; its success closes the circuit', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1_000, now: clock.now });
    await failTimes(breaker, 1);
    clock.advance(1_000);
    expect(breaker.state).toBe('half-open');

    let finishProbe!: (value: string) => void;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (finishProbe = resolve)));
    const other = await breaker.execute(succeed).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(BrokenCircuitError);
    expect((other as BrokenCircuitError).message).toMatch(/half-open/);
    finishProbe('probe ok');
    await expect(probe).resolves.toBe('probe ok');
    expect(breaker.state).toBe('closed');
  });

  it('reopens when a probe fails, for a fresh resetTimeoutMs', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1_000, now: clock.now });
    await failTimes(breaker, 1);
    clock.advance(1_500);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
    clock.advance(999);
    expect(breaker.state).toBe('open');
    clock.advance(1);
    expect(breaker.state).toBe('half-open');
  });

  it('admits at most halfOpenMaxCalls probes at once and closes after that many successes', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 100, halfOpenMaxCalls: 2, now: clock.now });
    await failTimes(breaker, 1);
    clock.advance(100);
    const release: (() => void)[] = [];
    const work = vi.fn(() => new Promise<void>((resolve) => release.push(resolve)));
    const calls = Array.from({ length: 5 }, () => breaker.execute(work).then(() => 'ran', (e: unknown) => e));
    expect(work).toHaveBeenCalledTimes(2);
    release.forEach((resolve) => resolve());
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(2);
    expect(outcomes.filter((o) => o instanceof BrokenCircuitError)).toHaveLength(3);
    expect(breaker.state).toBe('closed');
  });

  it('counts a returned 503 Response and every thrown error as failures; a returned 404 Response as a success', async () => {
    const notFound = () => Promise.reject(Object.assign(new Error('Not Found'), { response: { status: 404 } }));
    const breaker = circuitBreaker({ failureThreshold: 2 });
    await breaker.execute(() => httpResponse(503));
    await breaker.execute(() => httpResponse(404));
    await breaker.execute(() => httpResponse(503));
    expect(breaker.state).toBe('closed');
    await breaker.execute(notFound).catch(() => {});
    expect(breaker.state).toBe('open');

    // failureOn: isTransientError counts only transient errors: the 404 is a success again.
    const transientOnly = circuitBreaker({ failureThreshold: 2, failureOn: isTransientError });
    await transientOnly.execute(() => httpResponse(503));
    await transientOnly.execute(notFound).catch(() => {});
    await transientOnly.execute(() => httpResponse(503));
    expect(transientOnly.state).toBe('closed');
  });

  it("does not count the caller's own abort against the dependency", async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const controller = new AbortController();
    const call = breaker.execute(
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(networkError()))),
      controller.signal,
    );
    controller.abort();
    await expect(call).rejects.toThrow('ECONNRESET');
    expect(breaker.state).toBe('closed');
  });

  it('ignores a result that arrives after the circuit changed state', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 100, now: clock.now });
    let finishSlow!: (value: string) => void;
    const slow = breaker.execute(() => new Promise<string>((resolve) => (finishSlow = resolve)));
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
    finishSlow('late');
    await slow;
    expect(breaker.state).toBe('open');
  });

  it('opens on the failure rate of a count-based sliding window', async () => {
    const breaker = circuitBreaker({ window: { type: 'count', size: 10, minimumCalls: 4, failureRate: 0.5 } });
    await failTimes(breaker, 1);
    await breaker.execute(succeed);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed'); // 3 calls: below minimumCalls
    await breaker.execute(succeed);
    expect(breaker.state).toBe('closed'); // 50%, but a success never opens the circuit
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open'); // 3 of 5
  });

  it('forgets calls that slide out of a count-based window', async () => {
    const breaker = circuitBreaker({ window: { type: 'count', size: 4, failureRate: 0.75 } });
    await failTimes(breaker, 2);
    for (let i = 0; i < 4; i++) await breaker.execute(succeed);
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('closed'); // the window holds ok, ok, fail, fail
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
  });

  it('opens on the failure rate of a time-based window and forgets old failures', async () => {
    const clock = manualClock();
    const breaker = circuitBreaker({ window: { type: 'time', size: 10_000, minimumCalls: 3, failureRate: 0.6 }, now: clock.now });
    await failTimes(breaker, 2);
    clock.advance(11_000);
    await failTimes(breaker, 1);
    await breaker.execute(succeed);
    await breaker.execute(succeed);
    expect(breaker.state).toBe('closed');
    clock.advance(1_000);
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('open'); // 3 failures of 5 within the last 10 s
  });

  it('emits break, half-open, reset, state-change and reject events; listener errors are isolated', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const clock = manualClock();
    const changes: string[] = [];
    const breaker = circuitBreaker({
      failureThreshold: 1,
      resetTimeoutMs: 10,
      now: clock.now,
      onStateChange: ({ from, to }) => changes.push(`${from}->${to}`),
    });
    const seen: string[] = [];
    breaker.onStateChange(() => {
      throw new Error('listener bug');
    });
    breaker.onBreak(({ error }) => seen.push(`break:${(error as Error).message}`));
    breaker.onHalfOpen(() => seen.push('half-open'));
    breaker.onReset(() => seen.push('reset'));
    breaker.onReject((error) => seen.push(`reject:${error.retryAfterMs}`));
    await failTimes(breaker, 1);
    await breaker.execute(succeed).catch(() => {});
    clock.advance(10);
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
    expect(seen).toEqual(['break:read ECONNRESET', 'reject:10', 'half-open', 'reset']);
    expect(consoleError).toHaveBeenCalledTimes(3);
    consoleError.mockRestore();
  });

  it.each([
    [{ failureThreshold: 0 }, RangeError, /failureThreshold must be an integer at least 1/],
    [{ resetTimeoutMs: -1 }, RangeError, /resetTimeoutMs must be a number at least 0/],
    [{ halfOpenMaxCalls: 0 }, RangeError, /halfOpenMaxCalls/],
    [{ failureThreshold: 3, window: { type: 'count', size: 10, failureRate: 0.5 } }, TypeError, /either failureThreshold .* or window, not both/],
    [{ window: { type: 'count', size: 10, failureRate: 1.5 } }, RangeError, /failureRate must be a number greater than 0 and at most 1/],
    [{ window: { type: 'count', size: 10, minimumCalls: 20, failureRate: 0.5 } }, RangeError, /minimumCalls .* at most 10/],
    [{ window: { type: 'sliding', size: 10, failureRate: 0.5 } }, TypeError, /type must be 'count' or 'time'/],
    [{ threshold: 3 }, TypeError, /unknown option "threshold"/],
  ])('rejects bad options %o at construction', (options, type, message) => {
    expect(() => circuitBreaker(options as never)).toThrow(type);
    expect(() => circuitBreaker(options as never)).toThrow(message);
  });
});

describe('circuitBreaker state machine (property)', () => {
  type Command = { kind: 'call'; fails: boolean } | { kind: 'wait'; ms: number };
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('call' as const), fails: fc.boolean() }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2_000 }) }),
  );

  it('behaves like the reference model for any sequence of calls and waits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(command, { maxLength: 60 }),
        async (failureThreshold, resetTimeoutMs, halfOpenMaxCalls, commands) => {
          const clock = manualClock(0);
          const breaker = circuitBreaker({ failureThreshold, resetTimeoutMs, halfOpenMaxCalls, now: clock.now });
          // The model, written as plainly as possible.
          let state = 'closed' as CircuitState;
          let failures = 0;
          let openedAt = 0;
          let probeSuccesses = 0;
          const observe = () => {
            if (state === 'open' && clock.now() - openedAt >= resetTimeoutMs) {
              state = 'half-open';
              probeSuccesses = 0;
            }
          };
          for (const step of commands) {
            if (step.kind === 'wait') {
              clock.advance(step.ms);
            } else {
              observe();
              let called = false;
              const outcome = await breaker
                .execute(() => {
                  called = true;
                  return step.fails ? fail() : succeed();
                })
                .then(() => 'ok', (e: unknown) => e);
              if (state === 'open') {
                expect(called).toBe(false);
                expect(outcome).toBeInstanceOf(BrokenCircuitError);
                expect((outcome as BrokenCircuitError).retryAfterMs).toBe(openedAt + resetTimeoutMs - clock.now());
              } else {
                expect(called).toBe(true);
                if (step.fails) {
                  failures++;
                  if (state === 'half-open' || failures >= failureThreshold) {
                    state = 'open';
                    openedAt = clock.now();
                  }
                } else if (state === 'half-open') {
                  if (++probeSuccesses >= halfOpenMaxCalls) {
                    state = 'closed';
                    failures = 0;
                  }
                } else {
                  failures = 0;
                }
                if (state === 'open') failures = 0;
              }
            }
            observe();
            expect(breaker.state).toBe(state);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never lets more than halfOpenMaxCalls probes run at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 20 }), async (halfOpenMaxCalls, callers) => {
        const clock = manualClock(0);
        const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 10, halfOpenMaxCalls, now: clock.now });
        await failTimes(breaker, 1);
        clock.advance(10);
        let running = 0;
        let most = 0;
        const release: (() => void)[] = [];
        const calls = Array.from({ length: callers }, () =>
          breaker
            .execute(() => {
              most = Math.max(most, ++running);
              return new Promise<void>((resolve) => release.push(() => (running--, resolve())));
            })
            .catch(() => {}),
        );
        release.forEach((finish) => finish());
        await Promise.all(calls);
        expect(most).toBe(Math.min(halfOpenMaxCalls, callers));
      }),
    );
  });
});

describe('circuitBreaker inside a retry or a timeout (it reports to them directly, with no promise of theirs)', () => {
  const noWait = { maxDelayMs: 0, delayMs: () => 0 };

  it('counts an attempt before the retry sees it, and hands its refusal straight back: the timer is cleared', async () => {
    vi.useFakeTimers();
    try {
      const breaker = circuitBreaker({ failureThreshold: 1, resetTimeoutMs: 60_000 });
      const policy = pipeline(timeout(60_000), retry({ maxAttempts: 3, backoff: noWait }), breaker);
      const work = vi.fn(fail);
      await expect(policy.execute(work)).rejects.toBeInstanceOf(BrokenCircuitError);
      expect(work).toHaveBeenCalledTimes(1);
      expect(breaker.stats()).toMatchObject({ calls: 2, failures: 1, rejections: 1, inFlight: 0 });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails the call with the error of a clock that throws, rather than throwing out of execute', async () => {
    let broken = false;
    const now = () => {
      if (broken) throw new Error('clock broke');
      return 0;
    };
    const breaker = circuitBreaker({ failureThreshold: 1, now });
    await breaker.execute(fail).catch(() => {});
    broken = true;
    const stacks = [
      pipeline(retry({ maxAttempts: 2, backoff: noWait }), breaker),
      pipeline(timeout(1_000), retry({ maxAttempts: 2, backoff: noWait }), breaker),
      pipeline(timeout(1_000), breaker),
    ];
    for (const policy of stacks) {
      const call = policy.execute(succeed);
      await expect(call).rejects.toThrow('clock broke');
    }
  });
});
