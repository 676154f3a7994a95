import { checkFunction, checkNumber, checkOptions, describe, MAX_TIMER_DELAY_MS } from './core.js';

export type Jitter = 'full' | 'equal' | 'decorrelated' | 'none';

/** Decides how long `retry` waits before each retry. */
export interface Backoff {
  /** No delay exceeds this, including one stretched by a `Retry-After` header. */
  readonly maxDelayMs: number;
  /**
   * The delay before retry number `retry` (1 before the second attempt), given the delay before the
   * previous retry (0 before the first).
   */
  delayMs(retry: number, previousDelayMs: number): number;
}

export interface ExponentialBackoffOptions {
  /** Base of the first delay. Default 100. */
  initialDelayMs?: number;
  /** Cap on every delay. Default 30 000. */
  maxDelayMs?: number;
  /** Growth per retry. Default 2. */
  multiplier?: number;
  /**
   * How the delay is randomised, so that clients that failed together do not retry together. Default 'full':
   * uniform between 0 and the exponential delay. 'equal': between half of it and all of it. 'decorrelated':
   * between `initialDelayMs` and three times the previous delay (or `initialDelayMs`). 'none': exactly the exponential delay.
   */
  jitter?: Jitter;
  /** Source of randomness in [0, 1). Default Math.random; inject one for reproducible tests. */
  random?: () => number;
}

const JITTERS: readonly Jitter[] = ['full', 'equal', 'decorrelated', 'none'];
const WHERE = 'exponentialBackoff';

/** Exponential backoff with jitter, capped at `maxDelayMs`. */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): Backoff {
  checkOptions(WHERE, options, ['initialDelayMs', 'maxDelayMs', 'multiplier', 'jitter', 'random']);
  const initialDelayMs = checkNumber(WHERE, 'initialDelayMs', options.initialDelayMs ?? 100, {
    min: 0,
    max: MAX_TIMER_DELAY_MS,
  });
  const maxDelayMs = checkNumber(WHERE, 'maxDelayMs', options.maxDelayMs ?? 30_000, {
    min: initialDelayMs,
    max: MAX_TIMER_DELAY_MS,
  });
  const multiplier = checkNumber(WHERE, 'multiplier', options.multiplier ?? 2, { min: 1, max: 1000 });
  const jitter = options.jitter ?? 'full';
  if (!JITTERS.includes(jitter)) {
    throw new TypeError(`${WHERE}: jitter must be one of ${JITTERS.join(', ')}, got ${describe(jitter)}`);
  }
  const random = checkFunction(WHERE, 'random', options.random) ?? Math.random;

  const exponential = (retry: number): number =>
    initialDelayMs === 0 ? 0 : Math.min(maxDelayMs, initialDelayMs * multiplier ** (retry - 1));

  return {
    maxDelayMs,
    delayMs(retry, previousDelayMs) {
      switch (jitter) {
        case 'none':
          return exponential(retry);
        case 'full':
          return random() * exponential(retry);
        case 'equal': {
          const delay = exponential(retry);
          return delay / 2 + (random() * delay) / 2;
        }
        case 'decorrelated': {
          const upper = Math.min(maxDelayMs, Math.max(initialDelayMs, previousDelayMs) * 3);
          return initialDelayMs + random() * (upper - initialDelayMs);
        }
      }
    },
  };
}
