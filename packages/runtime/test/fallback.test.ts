import { describe, expect, it } from 'vitest';
import { fallback, TimeoutError } from '../src/index.js';
import { networkError } from './helpers.js';

describe('fallback', () => {
  it('returns the work’s result when it succeeds', async () => {
    await expect(fallback('cached').execute(() => 'fresh')).resolves.toBe('fresh');
  });

  it('substitutes a plain value for any failure, thrown synchronously or not', async () => {
    await expect(fallback('cached').execute(() => Promise.reject(networkError()))).resolves.toBe('cached');
    await expect(
      fallback(null).execute(() => {
        throw new Error('sync');
      }),
    ).resolves.toBeNull();
  });

  it('calls a function with the error, and awaits what it returns', async () => {
    const error = new TimeoutError(10);
    const seen: unknown[] = [];
    const value = await fallback(async (e: unknown) => {
      seen.push(e);
      return 'from cache';
    }).execute(() => Promise.reject(error));
    expect(value).toBe('from cache');
    expect(seen).toEqual([error]);
  });

  it('rejects with the fallback’s own error when the fallback fails', async () => {
    const policy = fallback(() => {
      throw new Error('cache down too');
    });
    await expect(policy.execute(() => Promise.reject(networkError()))).rejects.toThrow('cache down too');
  });

  it("does not hide the caller's own abort", async () => {
    const controller = new AbortController();
    const result = fallback('cached').execute(
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      controller.signal,
    );
    controller.abort(new Error('cancelled by user'));
    await expect(result).rejects.toThrow('cancelled by user');
  });
});
