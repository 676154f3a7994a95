import { executeWith, type Inner, type Policy, type Scope, type Work } from './core.js';
import { ObservablePolicy } from './stats.js';

/**
 * Replaces a failure with a substitute: a value, or what a function of the error returns. The caller's own
 * abort is not replaced: it still rejects.
 */
export class FallbackPolicy<F> extends ObservablePolicy implements Policy<F> {
  private readonly substitute: (error: unknown) => F | PromiseLike<F>;

  constructor(substitute: (error: unknown) => F | PromiseLike<F>) {
    super();
    this.substitute = substitute;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T | F> {
    return executeWith(this, work, signal);
  }

  /** @internal */
  async run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T | F> {
    const startedAt = this.telemetry.start();
    try {
      const result = await inner(scope, attempt);
      this.telemetry.succeeded(startedAt);
      return result;
    } catch (error) {
      this.telemetry.failed(startedAt, true, error, !scope.aborted);
      if (scope.aborted) throw error;
      return this.substitute(error);
    }
  }
}

/**
 * Falls back to `fn(error)` when the call fails. To fall back to a function itself, return it from one:
 * `fallback(() => myFunction)`.
 */
export function fallback<F>(fn: (error: unknown) => F): FallbackPolicy<Awaited<F>>;
/** Falls back to `value` when the call fails. */
export function fallback<F>(value: F): FallbackPolicy<F>;
export function fallback(valueOrFn: unknown): FallbackPolicy<unknown> {
  const substitute = typeof valueOrFn === 'function' ? (valueOrFn as (error: unknown) => unknown) : () => valueOrFn;
  return new FallbackPolicy(substitute);
}
