import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrokenCircuitError, exponentialBackoff, retry, retryBudget, TimeoutError } from '../src/index.js';
import { flushPromises, httpResponse, networkError } from './helpers.js';

const noJitter = (initialDelayMs = 100, maxDelayMs = 30_000) =>
  exponentialBackoff({ initialDelayMs, maxDelayMs, jitter: 'none' });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('retry', () => {
  it('counts maxAttempts as total calls: 3 is one call and two retries', async () => {
    const work = vi.fn().mockRejectedValue(networkError());
    const result = retry({ maxAttempts: 3, backoff: noJitter() }).execute(work);
    const settled = expect(result).rejects.toThrow('read ECONNRESET');
    await vi.runAllTimersAsync();
    await settled;
    expect(work).toHaveBeenCalledTimes(3);
    expect(work.mock.calls.map(([context]) => context.attempt)).toEqual([1, 2, 3]);
  });

  it('returns the first success and stops', async () => {
    let calls = 0;
    const result = retry({ backoff: noJitter() }).execute(() => {
      calls++;
      if (calls < 2) throw networkError();
      return 'ok';
    });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('waits the backoff delay between attempts', async () => {
    const work = vi.fn().mockRejectedValueOnce(networkError()).mockRejectedValueOnce(networkError()).mockResolvedValue('ok');
    const result = retry({ maxAttempts: 3, backoff: noJitter(100) }).execute(work);
    await flushPromises();
    expect(work).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(work).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(work).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('ok');
  });

  it.each([
    ['a ReferenceError', new ReferenceError('user is not defined')],
    ['a TypeError that is not a network error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a BrokenCircuitError', new BrokenCircuitError(5_000)],
    ['a 404', Object.assign(new Error('Not Found'), { response: { status: 404 } })],
    ['an unknown error', new Error('validation failed')],
  ])('does not retry %s by default', async (_name, error) => {
    const work = vi.fn().mockRejectedValue(error);
    await expect(retry({ backoff: noJitter() }).execute(work)).rejects.toBe(error);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('retries timeouts and transient HTTP errors by default', async () => {
    const work = vi
      .fn()
      .mockRejectedValueOnce(new TimeoutError(10))
      .mockRejectedValueOnce(Object.assign(new Error('Service Unavailable'), { response: { status: 503 } }))
      .mockResolvedValue('ok');
    const result = retry({ backoff: noJitter(1) }).execute(work);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ok');
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('retries a returned 503 Response and returns the last one as is when attempts run out', async () => {
    const responses = [httpResponse(503), httpResponse(503), httpResponse(503)];
    const cancels = responses.map((response) => vi.spyOn(response.body!, 'cancel'));
    let call = 0;
    const result = retry({ maxAttempts: 3, backoff: noJitter(1) }).execute(() => responses[call++]!);
    await vi.runAllTimersAsync();
    const response = await result;
    expect(response).toBe(responses[2]);
    expect(response.status).toBe(503);
    await expect(response.text()).resolves.toBe('status 503');
    // The discarded responses released their connections; the returned one is intact.
    expect(cancels.map((cancel) => cancel.mock.calls.length)).toEqual([1, 1, 0]);
  });

  it('returns a successful Response after a 429 one', async () => {
    const work = vi.fn().mockResolvedValueOnce(httpResponse(429)).mockResolvedValue(httpResponse(200));
    const result = retry({ backoff: noJitter(1) }).execute(work);
    await vi.runAllTimersAsync();
    expect((await result).status).toBe(200);
  });

  it('stretches the next delay to Retry-After, within maxDelayMs', async () => {
    const delays: number[] = [];
    const policy = retry({ maxAttempts: 3, backoff: noJitter(100, 5_000), onRetry: (event) => delays.push(event.delayMs) });
    const work = vi
      .fn()
      .mockResolvedValueOnce(httpResponse(429, { 'retry-after': '2' }))
      .mockRejectedValueOnce(Object.assign(new Error('x'), { response: { status: 503, headers: { 'retry-after': '60' } } }))
      .mockResolvedValue(httpResponse(200));
    const result = policy.execute(work);
    await flushPromises();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(work).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(2);
    await vi.runAllTimersAsync();
    expect((await result).status).toBe(200);
    expect(delays).toEqual([2_000, 5_000]);
  });

  it('rejects at once when the caller aborts during a backoff, with no further call', async () => {
    const controller = new AbortController();
    const work = vi.fn().mockRejectedValue(networkError());
    const result = retry({ maxAttempts: 5, backoff: noJitter(10_000) }).execute(work, controller.signal);
    const settled = expect(result).rejects.toThrow('stop');
    await flushPromises();
    expect(work).toHaveBeenCalledTimes(1);
    controller.abort(new Error('stop'));
    await settled;
    expect(vi.getTimerCount()).toBe(0);
    await vi.runAllTimersAsync();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("never retries once the caller's signal is aborted, even with retryOn: () => true", async () => {
    const controller = new AbortController();
    const work = vi.fn(async ({ signal }: { signal: AbortSignal }) => {
      controller.abort();
      throw signal.reason;
    });
    await expect(retry({ retryOn: () => true }).execute(work, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('does not call the work at all when the signal is already aborted', async () => {
    const work = vi.fn();
    await expect(retry().execute(work, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(work).not.toHaveBeenCalled();
  });

  it('uses retryOn and retryOnResult when given', async () => {
    const work = vi.fn().mockResolvedValueOnce({ ready: false }).mockRejectedValueOnce(new Error('custom')).mockResolvedValue({ ready: true });
    const policy = retry({
      backoff: noJitter(1),
      retryOn: (error) => error instanceof Error && error.message === 'custom',
      retryOnResult: (result) => (result as { ready: boolean }).ready === false,
    });
    const result = policy.execute(work);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toEqual({ ready: true });
  });

  it('emits retry and give-up events, and a throwing listener changes nothing', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const policy = retry({ maxAttempts: 2, backoff: noJitter(50) });
    const retries: unknown[] = [];
    const giveUps: unknown[] = [];
    policy.onRetry(() => {
      throw new Error('listener bug');
    });
    policy.onRetry((event) => retries.push(event));
    policy.onGiveUp((event) => giveUps.push(event));
    const error = networkError();
    const result = policy.execute(() => Promise.reject(error));
    const settled = expect(result).rejects.toBe(error);
    await vi.runAllTimersAsync();
    await settled;
    expect(retries).toEqual([{ error, attempt: 1, delayMs: 50 }]);
    expect(giveUps).toEqual([{ error, attempts: 2, reason: 'attempts' }]);
    expect(consoleError).toHaveBeenCalledOnce();
  });

  it('stops retrying across calls once a shared budget is spent, and recovers with successes', async () => {
    const budget = retryBudget({ maxTokens: 4, tokenRatio: 1 });
    const reasons: string[] = [];
    const policy = retry({ maxAttempts: 10, backoff: noJitter(1), budget, onGiveUp: (event) => reasons.push(event.reason) });
    const work = vi.fn().mockRejectedValue(networkError());
    const result = policy.execute(work);
    const settled = expect(result).rejects.toThrow('ECONNRESET');
    await vi.runAllTimersAsync();
    await settled;
    // 4 tokens: the 1st failure leaves 3 (> 2, retry), the 2nd leaves 2 (not > 2, stop).
    expect(work).toHaveBeenCalledTimes(2);
    expect(reasons).toEqual(['budget']);

    work.mockClear();
    const next = policy.execute(work);
    const nextSettled = expect(next).rejects.toThrow('ECONNRESET');
    await vi.runAllTimersAsync();
    await nextSettled;
    expect(work).toHaveBeenCalledTimes(1);

    await policy.execute(() => 'ok');
    await policy.execute(() => 'ok');
    expect(budget.canRetry).toBe(true);
  });

  it('accepts a hand-written backoff and treats a NaN or negative delay as no delay', async () => {
    const delays: number[] = [];
    const policy = retry({
      maxAttempts: 3,
      backoff: { maxDelayMs: 1_000, delayMs: (retryNumber) => (retryNumber === 1 ? Number.NaN : -50) },
      onRetry: (event) => delays.push(event.delayMs),
    });
    const work = vi.fn().mockRejectedValueOnce(networkError()).mockRejectedValueOnce(networkError()).mockResolvedValue('ok');
    await expect(policy.execute(work)).resolves.toBe('ok');
    expect(delays).toEqual([0, 0]);
  });

  it.each([
    [{ maxAttempts: 0 }, RangeError, /maxAttempts must be an integer at least 1/],
    [{ maxAttempts: 2.5 }, RangeError, /maxAttempts/],
    [{ maxAttempts: Number.NaN }, RangeError, /maxAttempts .* got NaN/],
    [{ maxAttempts: Number.POSITIVE_INFINITY }, RangeError, /maxAttempts/],
    [{ backoff: 100 }, TypeError, /backoff must come from exponentialBackoff/],
    [{ backoff: { delayMs: () => 5 } }, TypeError, /or have maxDelayMs and delayMs/],
    [{ retryOn: true }, TypeError, /retryOn must be a function, got true/],
    [{ attempts: 3 }, TypeError, /unknown option "attempts"/],
  ])('rejects bad options %o at construction', (options, type, message) => {
    expect(() => retry(options as never)).toThrow(type);
    expect(() => retry(options as never)).toThrow(message);
  });

  it('rejects a non-function work with a clear TypeError', async () => {
    await expect(retry().execute('fetch' as never)).rejects.toThrow('execute() expects a function, got "fetch"');
  });
});
