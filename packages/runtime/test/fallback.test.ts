import { describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { BrokenCircuitError, fallback, isProgrammingError, isTransientResult, pipeline, retry, TimeoutError } from '../src/index.js';
import { httpResponse, networkError } from './helpers.js';

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

  it("lets a bug in the caller's own code through by default, instead of hiding it behind the substitute", async () => {
    const policy = fallback('cached');
    const readsUndefined = () => (undefined as unknown as { id: string }).id;
    await expect(policy.execute(readsUndefined)).rejects.toBeInstanceOf(TypeError);
    await expect(
      policy.execute(() => {
        throw new ReferenceError('ordersClient is not defined');
      }),
    ).rejects.toThrow('ordersClient is not defined');
    await expect(policy.execute(() => new Array(-1))).rejects.toBeInstanceOf(RangeError);
  });

  it("still replaces the dependency's failures that look like programming errors: fetch's network TypeError and a body that is not JSON", async () => {
    const policy = fallback('cached');
    const badCertificate = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    await expect(policy.execute(() => Promise.reject(new TypeError('fetch failed', { cause: badCertificate })))).resolves.toBe('cached');
    await expect(policy.execute(() => JSON.parse('<html>502 Bad Gateway</html>'))).resolves.toBe('cached');
    await expect(policy.execute(() => Promise.reject(new BrokenCircuitError(1_000)))).resolves.toBe('cached');
    await expect(policy.execute(() => Promise.reject(new TimeoutError(50)))).resolves.toBe('cached');
  });

  it('replaces only what `on` accepts, and the caller still gets its own abort whatever `on` says', async () => {
    const notFound = Object.assign(new Error('Not Found'), { status: 404 });
    const policy = fallback(() => 'cached', { on: (error) => (error as { status?: number }).status !== 404 });
    await expect(policy.execute(() => Promise.reject(notFound))).rejects.toBe(notFound);
    await expect(policy.execute(() => Promise.reject(networkError()))).resolves.toBe('cached');
    // `on` may opt back in to programming errors.
    await expect(fallback('cached', { on: () => true }).execute(() => Promise.reject(new TypeError('x')))).resolves.toBe('cached');

    const controller = new AbortController();
    const aborted = fallback('cached', { on: () => true }).execute(
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      controller.signal,
    );
    controller.abort(new Error('cancelled by user'));
    await expect(aborted).rejects.toThrow('cancelled by user');
  });

  it('replaces a returned result that `onResult` rejects, handing it to the substitute function', async () => {
    const seen: unknown[] = [];
    const policy = pipeline(
      fallback(
        (failure: unknown) => {
          seen.push((failure as Response).status);
          return 'cached';
        },
        { onResult: isTransientResult },
      ),
      retry({ maxAttempts: 1 }),
    );
    await expect(policy.execute(() => httpResponse(503))).resolves.toBe('cached');
    const ok = await policy.execute(() => httpResponse(200));
    expect((ok as Response).status).toBe(200);
    expect(seen).toEqual([503]);
    // By default a result is never replaced.
    expect(((await fallback('cached').execute(() => httpResponse(503))) as Response).status).toBe(503);
  });

  it("a throwing `on` replaces nothing and reports itself once: the caller gets the work's own error", async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const policy = fallback('cached', { on: (error) => (error as { response: { status: number } }).response.status >= 500 });
    const failure = networkError();
    await expect(policy.execute(() => Promise.reject(failure))).rejects.toBe(failure);
    await expect(policy.execute(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(consoleError).toHaveBeenCalledTimes(1);
    consoleError.mockRestore();
  });

  it.each([
    [{ when: () => true }, /fallback: unknown option "when"; expected one of on, onResult/],
    [{ on: 'TypeError' }, /fallback: on must be a function, got "TypeError"/],
    [{ onResult: true }, /fallback: onResult must be a function, got true/],
  ])('rejects the options %o at construction', (options, message) => {
    expect(() => fallback('x', options as never)).toThrow(TypeError);
    expect(() => fallback('x', options as never)).toThrow(message);
  });
});

describe('isProgrammingError', () => {
  it('recognises the language\'s own error types, subclasses and other realms\' included', () => {
    class InvalidOrderId extends RangeError {}
    expect(isProgrammingError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(true);
    expect(isProgrammingError(new SyntaxError('Invalid regular expression: /(/: Unterminated group'))).toBe(true);
    expect(isProgrammingError(new InvalidOrderId('order id out of range'))).toBe(true);
    expect(isProgrammingError(Object.assign(new Error('x is not defined'), { name: 'ReferenceError' }))).toBe(true);
  });

  it('leaves dependency failures, plain errors and non-errors alone', () => {
    expect(isProgrammingError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isProgrammingError(new SyntaxError('Unexpected end of JSON input'))).toBe(false);
    expect(isProgrammingError(networkError())).toBe(false);
    expect(isProgrammingError(new Error('boom'))).toBe(false);
    expect(isProgrammingError('TypeError')).toBe(false);
  });
});
