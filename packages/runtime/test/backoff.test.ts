import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exponentialBackoff, type Jitter } from '../src/index.js';

const jitters: Jitter[] = ['full', 'equal', 'decorrelated', 'none'];

describe('exponentialBackoff', () => {
  it('doubles from initialDelayMs up to maxDelayMs without jitter', () => {
    const backoff = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1_000, jitter: 'none' });
    const delays = [1, 2, 3, 4, 5, 6].map((retry) => backoff.delayMs(retry, 0));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('spreads full jitter over [0, exponential delay]', () => {
    const low = exponentialBackoff({ initialDelayMs: 100, jitter: 'full', random: () => 0 });
    const high = exponentialBackoff({ initialDelayMs: 100, jitter: 'full', random: () => 0.999_999 });
    expect(low.delayMs(3, 0)).toBe(0);
    expect(high.delayMs(3, 0)).toBeCloseTo(400, 2);
  });

  it('keeps equal jitter in the upper half of the exponential delay', () => {
    const backoff = exponentialBackoff({ initialDelayMs: 100, jitter: 'equal', random: () => 0 });
    expect(backoff.delayMs(2, 0)).toBe(100);
  });

  it('grows decorrelated jitter from the previous delay', () => {
    const backoff = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 10_000, jitter: 'decorrelated', random: () => 0.999_999 });
    const first = backoff.delayMs(1, 0);
    expect(first).toBeCloseTo(300, 2);
    expect(backoff.delayMs(2, first)).toBeCloseTo(900, 1);
  });

  it('never returns a delay outside its bounds, whatever the jitter, retry number and randomness', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...jitters),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (jitter, initialDelayMs, extra, multiplier, retries, randoms) => {
          let i = 0;
          const maxDelayMs = initialDelayMs + extra;
          const backoff = exponentialBackoff({
            initialDelayMs,
            maxDelayMs,
            multiplier,
            jitter,
            random: () => randoms[i++ % randoms.length]!,
          });
          let previous = 0;
          for (let retry = 1; retry <= Math.min(retries, 60); retry++) {
            const delay = backoff.delayMs(retry, previous);
            const exponential = Math.min(maxDelayMs, initialDelayMs * multiplier ** (retry - 1));
            expect(Number.isFinite(delay)).toBe(true);
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(maxDelayMs);
            if (jitter === 'none') expect(delay).toBe(exponential);
            if (jitter === 'full') expect(delay).toBeLessThanOrEqual(exponential);
            if (jitter === 'equal') expect(delay).toBeGreaterThanOrEqual(exponential / 2);
            if (jitter === 'decorrelated') expect(delay).toBeGreaterThanOrEqual(initialDelayMs);
            previous = delay;
          }
        },
      ),
    );
  });

  it('stays finite for very late retries', () => {
    const backoff = exponentialBackoff({ initialDelayMs: 0, maxDelayMs: 10, jitter: 'none' });
    expect(backoff.delayMs(5_000, 0)).toBe(0);
    expect(exponentialBackoff({ jitter: 'none' }).delayMs(5_000, 0)).toBe(30_000);
  });

  it.each([
    [{ initialDelayMs: -1 }, RangeError, /initialDelayMs must be a number at least 0/],
    [{ initialDelayMs: Number.NaN }, RangeError, /initialDelayMs .* got NaN/],
    [{ initialDelayMs: 500, maxDelayMs: 100 }, RangeError, /maxDelayMs must be a number at least 500/],
    [{ maxDelayMs: 3_000_000_000 }, RangeError, /maxDelayMs .* at most 2147483647/],
    [{ multiplier: 0.5 }, RangeError, /multiplier/],
    [{ jitter: 'random' as Jitter }, TypeError, /jitter must be one of full, equal, decorrelated, none/],
    [{ initialDelay: 100 } as object, TypeError, /unknown option "initialDelay"/],
    [{ initialDelayMs: '100' as unknown as number }, TypeError, /initialDelayMs must be a number, got "100"/],
  ])('rejects bad options %o at construction', (options, type, message) => {
    expect(() => exponentialBackoff(options)).toThrow(type);
    expect(() => exponentialBackoff(options)).toThrow(message);
  });
});
