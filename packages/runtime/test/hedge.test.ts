import { describe, expect, it, vi } from 'vitest';
import { circuitBreaker, hedge, pipeline, timeout, TimeoutError, type ExecuteContext, type HedgeEvent } from '../src/index.js';
import { httpResponse, networkError, withSilentServer } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work whose attempts answer as `plan` says (by attempt number), recording each attempt's signal. */
function plannedWork(plan: Record<number, { afterMs: number; value?: unknown; error?: unknown }>) {
  const signals = new Map<number, AbortSignal>();
  const work = vi.fn(({ signal, attempt }: ExecuteContext) => {
    signals.set(attempt, signal);
    const step = plan[attempt]!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (step.error === undefined ? resolve(step.value) : reject(step.error)), step.afterMs);
      signal.addEventListener('abort', () => clearTimeout(timer));
    });
  });
  return { work, signals };
}

// An earlier test's last timer may still be running when a test starts and fire during it: a leak shows as more
// timers than at the start, never fewer.
const liveTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('hedge', () => {
  it('does not hedge an answer that comes within delayMs, and leaves no timer behind', async () => {
    const before = liveTimers();
    const events: HedgeEvent[] = [];
    const { work } = plannedWork({ 1: { afterMs: 5, value: 'first' } });
    await expect(hedge({ delayMs: 200, onHedge: (event) => events.push(event) }).execute(work)).resolves.toBe('first');
    expect(work).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
    expect(liveTimers()).toBeLessThanOrEqual(before);
  });

  it('starts another attempt after delayMs; the first success wins and the slow attempt is aborted', async () => {
    const events: HedgeEvent[] = [];
    const { work, signals } = plannedWork({ 1: { afterMs: 1_000, value: 'slow' }, 2: { afterMs: 10, value: 'hedged' } });
    const started = performance.now();
    await expect(hedge({ delayMs: 40, onHedge: (event) => events.push(event) }).execute(work)).resolves.toBe('hedged');
    expect(performance.now() - started).toBeLessThan(500);
    expect(events).toEqual([{ attempt: 2, reason: 'delay' }]);
    expect(signals.get(1)!.aborted).toBe(true);
    expect(signals.get(1)!.reason).toMatchObject({ name: 'AbortError', message: 'Another hedged attempt answered first' });
    expect(signals.get(2)!.aborted).toBe(false);
  });

  it('starts at most maxHedged more attempts, delayMs apart', async () => {
    const { work } = plannedWork({ 1: { afterMs: 200, value: 1 }, 2: { afterMs: 200, value: 2 }, 3: { afterMs: 200, value: 3 } });
    await expect(hedge({ delayMs: 20, maxHedged: 2 }).execute(work)).resolves.toBe(1);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('starts the next attempt at once when one fails transiently, and settles as the last one when all fail', async () => {
    const events: HedgeEvent[] = [];
    const last = networkError('ETIMEDOUT');
    const { work } = plannedWork({ 1: { afterMs: 5, error: networkError() }, 2: { afterMs: 5, error: last } });
    const started = performance.now();
    await expect(hedge({ delayMs: 5_000, onHedge: (event) => events.push(event) }).execute(work)).rejects.toBe(last);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(events).toEqual([{ attempt: 2, reason: 'failure' }]);
  });

  it('answers at once with an error that is not transient, aborting the other attempts', async () => {
    const notFound = Object.assign(new Error('Not Found'), { status: 404 });
    const { work, signals } = plannedWork({ 1: { afterMs: 1_000, value: 'slow' }, 2: { afterMs: 5, error: notFound } });
    await expect(hedge({ delayMs: 10 }).execute(work)).rejects.toBe(notFound);
    expect(signals.get(1)!.aborted).toBe(true);
  });

  it('counts a returned 503 response as a failed attempt and prefers a later success', async () => {
    const { work } = plannedWork({ 1: { afterMs: 5, value: httpResponse(503) }, 2: { afterMs: 5, value: 'ok' } });
    await expect(hedge({ delayMs: 1_000 }).execute(work)).resolves.toBe('ok');
  });

  it('starts every attempt at once with delayMs 0', async () => {
    const { work } = plannedWork({ 1: { afterMs: 50, value: 1 }, 2: { afterMs: 5, value: 2 }, 3: { afterMs: 50, value: 3 } });
    const call = hedge({ delayMs: 0, maxHedged: 2 }).execute(work);
    expect(work).toHaveBeenCalledTimes(3);
    await expect(call).resolves.toBe(2);
  });

  it("rejects at once on the caller's abort, aborting every attempt and leaving no timer", async () => {
    const before = liveTimers();
    const controller = new AbortController();
    const { work, signals } = plannedWork({ 1: { afterMs: 1_000, value: 1 }, 2: { afterMs: 1_000, value: 2 } });
    const call = hedge({ delayMs: 10 }).execute(work, controller.signal);
    await sleep(30);
    controller.abort(new Error('user left'));
    await expect(call).rejects.toThrow('user left');
    expect([...signals.values()].map((signal) => signal.aborted)).toEqual([true, true]);
    expect(liveTimers()).toBeLessThanOrEqual(before);
  });

  it('cancels the losing request at the socket (real fetch)', async () => {
    await withSilentServer(async (base, requestClosed) => {
      const policy = hedge({ delayMs: 50 });
      const text = await policy.execute(async ({ signal, attempt }) => {
        const response = await fetch(`${base}/${attempt === 1 ? 'never' : 'fast'}`, { signal });
        return response.text();
      });
      expect(text).toBe('ok');
      await requestClosed;
    });
  });

  it('in a pipeline: a breaker inside does not count the aborted losers; a timeout outside bounds them all', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const { work } = plannedWork({ 1: { afterMs: 500, value: 'slow' }, 2: { afterMs: 5, value: 'hedged' } });
    await expect(pipeline(hedge({ delayMs: 20 }), breaker).execute(work)).resolves.toBe('hedged');
    expect(breaker.state).toBe('closed');

    const { work: slow, signals } = plannedWork({ 1: { afterMs: 500, value: 1 }, 2: { afterMs: 500, value: 2 } });
    await expect(pipeline(timeout(60), hedge({ delayMs: 20 })).execute(slow)).rejects.toBeInstanceOf(TimeoutError);
    expect([...signals.values()].map((signal) => signal.reason instanceof TimeoutError)).toEqual([true, true]);
  });

  it.each([
    [{ delayMs: -1 }, RangeError, /hedge: delayMs must be a number at least 0/],
    [{ maxHedged: 0 }, RangeError, /hedge: maxHedged must be an integer at least 1 and at most 100, got 0/],
    [{ maxHedged: 1.5 }, RangeError, /maxHedged must be an integer/],
    [{ hedgeOn: 'transient' }, TypeError, /hedge: hedgeOn must be a function, got "transient"/],
    [{ delay: 100 }, TypeError, /hedge: unknown option "delay"; expected one of delayMs, maxHedged/],
  ])('rejects %o at construction', (options, type, message) => {
    expect(() => hedge(options as never)).toThrow(type);
    expect(() => hedge(options as never)).toThrow(message);
  });
});
