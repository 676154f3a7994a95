import { checkFunction, checkOptions, executeWith, Predicate, type Inner, type Policy, type Scope, type Work } from './core.js';
import { ObservablePolicy } from './stats.js';
import { isFetchNetworkError } from './transient.js';

export interface FallbackOptions {
  /**
   * Which thrown errors are replaced. Default: every error except a programming error (see
   * `isProgrammingError`), so a bug in your own code is not hidden behind a cached value. The caller's own abort
   * is never replaced. One that throws replaces nothing: the caller gets the work's own error.
   */
  on?: (error: unknown) => boolean;
  /**
   * Which returned results are replaced (a `Response` with a 5xx status: `onResult: isTransientResult`, or
   * `r => !r.ok`). Default: none. The substitute function is handed the result in place of an error.
   */
  onResult?: (result: unknown) => boolean;
}

const WHERE = 'fallback';

/** The error types the language throws for a bug (a typo, a call on undefined, a bad argument). */
const PROGRAMMING_ERRORS = [TypeError, ReferenceError, SyntaxError, RangeError, EvalError, URIError];
const PROGRAMMING_ERROR_NAMES = new Set(PROGRAMMING_ERRORS.map((type) => type.name));

/**
 * Whether an error is a bug to fix rather than a failure to replace: a TypeError, ReferenceError,
 * SyntaxError, RangeError, EvalError or URIError (a subclass, or one from another realm, included). Two kinds
 * are the dependency's failure, not a bug, so they are not: fetch's network TypeError (`fetch failed`,
 * `Failed to fetch`...) and a SyntaxError about JSON (a body that is not JSON, such as a proxy's HTML error page).
 */
export function isProgrammingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  const builtIn =
    PROGRAMMING_ERRORS.some((type) => error instanceof type) || (typeof name === 'string' && PROGRAMMING_ERROR_NAMES.has(name));
  if (!builtIn || isFetchNetworkError(error)) return false;
  return !(error instanceof SyntaxError || name === 'SyntaxError') || typeof message !== 'string' || !message.includes('JSON');
}

/**
 * Replaces a failure with a substitute: a value, or what a function of the error returns. The caller's own
 * abort is not replaced: it still rejects.
 */
export class FallbackPolicy<F> extends ObservablePolicy implements Policy<F> {
  private readonly on: Predicate<unknown> | undefined;
  private readonly onResult: Predicate<unknown> | undefined;

  constructor(
    private readonly substitute: (failure: unknown) => F | PromiseLike<F>,
    options: FallbackOptions = {},
  ) {
    super();
    checkOptions(WHERE, options, ['on', 'onResult']);
    const on = checkFunction(WHERE, 'on', options.on);
    this.on = on && new Predicate(WHERE, 'on', on, false);
    const onResult = checkFunction(WHERE, 'onResult', options.onResult);
    this.onResult = onResult && new Predicate(WHERE, 'onResult', onResult, false);
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T | F> {
    return executeWith(this, work, signal);
  }

  /** @internal */
  async run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T | F> {
    const startedAt = this.telemetry.start();
    let result: T;
    try {
      result = await inner(scope, attempt);
    } catch (error) {
      const replaced = !scope.aborted && (this.on === undefined ? !isProgrammingError(error) : this.on.test(error));
      this.telemetry.failed(startedAt, true, error, replaced);
      if (!replaced) throw error;
      return this.substitute(error);
    }
    if (this.onResult?.test(result)) {
      this.telemetry.failed(startedAt, false, result, true);
      return this.substitute(result);
    }
    this.telemetry.succeeded(startedAt);
    return result;
  }
}

/**
 * Falls back to `fn(error)` when the call fails. To fall back to a function itself, return it from one:
 * `fallback(() => myFunction)`.
 */
export function fallback<F>(fn: (error: unknown) => F, options?: FallbackOptions): FallbackPolicy<Awaited<F>>;
/** Falls back to `value` when the call fails. */
export function fallback<F>(value: F, options?: FallbackOptions): FallbackPolicy<F>;
export function fallback(valueOrFn: unknown, options?: FallbackOptions): FallbackPolicy<unknown> {
  const substitute = typeof valueOrFn === 'function' ? (valueOrFn as (failure: unknown) => unknown) : () => valueOrFn;
  return new FallbackPolicy(substitute, options);
}
