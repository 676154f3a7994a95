import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeout, TimeoutError } from '../src/index.js';
import { withSilentServer } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('timeout', () => {
  it('rejects with TimeoutError and aborts the signal handed to the work (real timers)', async () => {
    let seen: AbortSignal | undefined;
    const started = performance.now();
    const error = await timeout(30)
      .execute(({ signal }) => {
        seen = signal;
        return new Promise(() => {});
      })
      .catch((e: unknown) => e);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 30, message: 'Operation timed out after 30 ms' });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(error);
  });

  it('cancels a real fetch: the server sees the request closed', async () => {
    await withSilentServer(async (base, requestClosed) => {
      const result = timeout(200).execute(({ signal }) => fetch(`${base}/slow`, { signal }));
      await expect(result).rejects.toBeInstanceOf(TimeoutError);
      await requestClosed;
    });
  });

  it("aborts the work and rejects at once when the caller's signal aborts", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const result = timeout(60_000).execute(({ signal }) => {
      seen = signal;
      return new Promise(() => {});
    }, controller.signal);
    controller.abort(new Error('user left'));
    await expect(result).rejects.toThrow('user left');
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toEqual(new Error('user left'));
  });

  it('clears its timer as soon as the work settles, success or failure', async () => {
    vi.useFakeTimers();
    const policy = timeout(1_000);
    const ok = policy.execute(() => Promise.resolve(1));
    expect(vi.getTimerCount()).toBe(1);
    await expect(ok).resolves.toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    await expect(policy.execute(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(vi.getTimerCount()).toBe(0);
    await expect(policy.execute(() => {
      throw new Error('sync');
    })).rejects.toThrow('sync');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out on the fake clock exactly at the limit', async () => {
    vi.useFakeTimers();
    const settled = vi.fn();
    const result = timeout(500).execute(() => new Promise(() => {}));
    result.catch(settled);
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toHaveBeenCalledWith(expect.any(TimeoutError));
  });

  it('aborts the inner work when an outer timeout fires first', async () => {
    vi.useFakeTimers();
    const outer = timeout(100);
    const inner = timeout(1_000);
    let innerSignal: AbortSignal | undefined;
    const result = outer.execute(({ signal }) =>
      inner.execute(({ signal: s }) => {
        innerSignal = s;
        return new Promise(() => {});
      }, signal),
    );
    const settled = expect(result).rejects.toMatchObject({ timeoutMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    await settled;
    expect(innerSignal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports timeouts to listeners', async () => {
    vi.useFakeTimers();
    const policy = timeout(10);
    const events: unknown[] = [];
    policy.onTimeout((event) => events.push(event));
    const result = policy.execute(() => new Promise(() => {}));
    const settled = expect(result).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(10);
    await settled;
    expect(events).toEqual([{ timeoutMs: 10 }]);
  });

  it.each([[0], [-5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 31]])('rejects %s ms at construction', (ms) => {
    expect(() => timeout(ms)).toThrow(RangeError);
    expect(() => timeout(ms)).toThrow(/timeout: ms must be a number greater than 0/);
  });

  it('rejects a non-number with a TypeError', () => {
    expect(() => timeout('5s' as never)).toThrow(new TypeError('timeout: ms must be a number, got "5s"'));
  });
});
