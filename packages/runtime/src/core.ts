/** What every policy hands to the work it runs. */
export interface ExecuteContext {
  /** Aborted when the caller's signal aborts or an enclosing `timeout` expires. Created on first read. */
  readonly signal: AbortSignal;
  /** 1 on the first call, 2 on the first retry, and so on. */
  readonly attempt: number;
}

/** The function a policy runs. */
export type Work<T> = (context: ExecuteContext) => T | PromiseLike<T>;

/**
 * A resilience policy. `Fallback` is the type a `fallback` in it may produce instead of the work's result
 * (`never` for every other policy), so `execute` resolves to `T | Fallback`.
 */
export interface Policy<Fallback = never> {
  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T | Fallback>;
}

/**
 * Cancellation as seen inside a chain of policies. A real AbortSignal costs microseconds to create, so
 * scopes create one only when the work reads `context.signal`, and policies talk to each other through
 * `onAbort` instead of DOM listeners.
 * @internal
 */
export interface Scope {
  readonly aborted: boolean;
  readonly reason: unknown;
  readonly signal: AbortSignal;
  /** False when nothing can ever abort this scope, so there is no point listening. */
  readonly abortable: boolean;
  /**
   * The caller's work, which the innermost step of a chain runs (`callWork`): carried by the scope, so a chain
   * needs no closure per call to reach it.
   */
  readonly work: Work<unknown>;
  /** Calls `listener` once when the scope aborts; returns the function that cancels that. */
  onAbort(listener: (reason: unknown) => void): () => void;
}

/** @internal */
export type Inner<T> = (scope: Scope, attempt: number) => T | PromiseLike<T>;

/**
 * How policies compose: each runs an inner step within a scope. Every built-in policy is a Runner.
 * @internal
 */
export interface Runner {
  run(inner: Inner<unknown>, scope: Scope, attempt: number): Promise<unknown>;
  /**
   * Optional: runs like `run`, but reports the outcome to `sink` instead of a promise of its own, for an
   * enclosing policy that has both at hand (a timeout's call, a retry's attempt): the promise, and the reaction
   * on it, are saved.
   */
  runInto?(inner: Inner<unknown>, scope: Scope, attempt: number, sink: Sink): void;
}

/** Where a policy run by `runInto` reports its outcome: methods, so no closure is made to receive it. @internal */
export interface Sink {
  succeed(value: unknown): void;
  fail(error: unknown): void;
}

/**
 * An inner step of a pipeline, made once per pipeline; `into` is set when its runner has `runInto`.
 * @internal
 */
export type Step = Inner<unknown> & {
  into?: (scope: Scope, attempt: number, sink: Sink) => void;
};

/** @internal */
export const noop = (): void => {};

/**
 * The settling functions of the promise `newPromise()` made last: read them at once. One executor shared by
 * every call, instead of a closure per call to catch them. @internal
 */
export const settlers: { resolve: (value: unknown) => void; reject: (error: unknown) => void } = {
  resolve: noop,
  reject: noop,
};

function captureSettlers(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  settlers.resolve = resolve;
  settlers.reject = reject;
}

/** A new pending promise; its settling functions are in `settlers` until the next call. @internal */
export function newPromise<T>(): Promise<T> {
  return new Promise<T>(captureSettlers as (resolve: (value: T) => void, reject: (error: unknown) => void) => void);
}

/** The caller's signal, if any. @internal */
export class CallerScope implements Scope {
  private ownSignal: AbortSignal | undefined;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    readonly work: Work<unknown>,
  ) {}

  get abortable(): boolean {
    return this.callerSignal !== undefined;
  }

  get aborted(): boolean {
    return this.callerSignal !== undefined && this.callerSignal.aborted;
  }

  get reason(): unknown {
    return this.callerSignal?.reason;
  }

  get signal(): AbortSignal {
    // Without a caller signal the work still gets its own, never-aborted one (never a shared one that
    // would collect the listeners of every call).
    return this.callerSignal ?? (this.ownSignal ??= new AbortController().signal);
  }

  onAbort(listener: (reason: unknown) => void): () => void {
    const callerSignal = this.callerSignal;
    if (callerSignal === undefined) return noop;
    const onAbort = (): void => listener(callerSignal.reason);
    callerSignal.addEventListener('abort', onAbort, { once: true });
    return () => callerSignal.removeEventListener('abort', onAbort);
  }
}

/** A scope a policy can abort itself (a timeout's). @internal */
export class ChildScope implements Scope {
  readonly abortable = true;
  aborted = false;
  reason: unknown = undefined;
  readonly work: Work<unknown>;
  private controller: AbortController | undefined;
  private listeners: ((reason: unknown) => void)[] | undefined;

  constructor(parent: Scope) {
    this.work = parent.work;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    this.controller?.abort(reason);
    if (listeners !== undefined) for (const listener of listeners) listener(reason);
  }

  onAbort(listener: (reason: unknown) => void): () => void {
    (this.listeners ??= []).push(listener);
    return () => {
      const listeners = this.listeners;
      if (listeners === undefined) return;
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  }
}

/**
 * The context's own properties, as `{ ...context }` and `Object.keys` see them. `signal` is a placeholder here:
 * the proxy below reads the scope's signal in its place, so it is still created only when read (a spread reads it).
 */
class ContextTarget {
  readonly signal: AbortSignal | undefined = undefined;
  readonly #scope: Scope;

  constructor(
    scope: Scope,
    readonly attempt: number,
  ) {
    this.#scope = scope;
  }

  static signalOf(target: ContextTarget): AbortSignal {
    return target.#scope.signal;
  }
}

const contextHandler: ProxyHandler<ContextTarget> = {
  get: (target, key) => (key === 'signal' ? ContextTarget.signalOf(target) : target[key as keyof ContextTarget]),
};

/** The innermost step of every chain: the scope's work, called with its context. @internal */
export const callWork: Inner<unknown> = (scope, attempt) =>
  scope.work(new Proxy(new ContextTarget(scope, attempt), contextHandler) as unknown as ExecuteContext);

/**
 * The public `execute` of every built-in policy. Runners are untyped inside a chain; each policy's
 * `execute` states the precise result type. @internal
 */
export function executeWith<R>(runner: Runner, work: Work<unknown>, signal: AbortSignal | undefined): Promise<R> {
  if (typeof work !== 'function') {
    return Promise.reject(new TypeError(`execute() expects a function, got ${describe(work)}`));
  }
  if (signal !== undefined && !isAbortSignal(signal)) {
    return Promise.reject(new TypeError(`execute() expects an AbortSignal as its second argument, got ${describe(signal)}`));
  }
  // Like fetch: an already aborted call is not started.
  if (signal?.aborted) return Promise.reject(signal.reason);
  return runner.run(callWork, new CallerScope(signal, work), 1) as Promise<R>;
}

// Duck-typed, so signals from another realm or a polyfill are accepted too.
function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}

/** Calls `inner` and turns a synchronous throw into a rejection. @internal */
export function callInner<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T> {
  try {
    return Promise.resolve(inner(scope, attempt));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** @internal */
export function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

/**
 * Clears a timer set for a call that settled before it fired. Node deletes the timer list of a duration when its
 * last ref'd timer is cleared, and the next call's timer makes it again (a priority-queue insertion and removal
 * and a dictionary delete): for calls made one after another, that was the largest cost of a failed call. Node
 * keeps the list of an unref'd timer that is cleared (for http sockets, which re-arm at once), until the time
 * that list would have expired; so the timer is unref'd first. It is cleared all the same: it never fires, and
 * nothing keeps the process alive. Where a timer is a number (browsers, Deno) it is only cleared. @internal
 */
export function clearCallTimer(timer: ReturnType<typeof setTimeout> | undefined): void {
  if (timer === undefined) return;
  (timer as { unref?: () => unknown }).unref?.();
  clearTimeout(timer);
}

/** setTimeout silently fires at once for delays above this. @internal */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Validates a numeric option at construction, so a bad value fails loudly instead of misbehaving later.
 * @internal
 */
export function checkNumber(
  where: string,
  name: string,
  value: unknown,
  rule: { min: number; max?: number; integer?: boolean; exclusiveMin?: boolean },
): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`);
  }
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  const tooSmall = rule.exclusiveMin ? value <= rule.min : value < rule.min;
  if (Number.isNaN(value) || tooSmall || value > max || (rule.integer && !Number.isInteger(value))) {
    const kind = rule.integer ? 'an integer' : 'a number';
    const lower = rule.exclusiveMin ? `greater than ${rule.min}` : `at least ${rule.min}`;
    throw new RangeError(`${where}: ${name} must be ${kind} ${lower} and at most ${max}, got ${value}`);
  }
  return value;
}

/** @internal */
export function checkFunction<F>(where: string, name: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
  }
  return value;
}

/** Rejects a non-object and any misspelt option name, which would otherwise be silently ignored. @internal */
export function checkOptions(where: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option "${key}"; expected one of ${known.join(', ')}`);
    }
  }
}

/**
 * A user's predicate (failureOn, retryOn, ...). One that throws must not replace the dependency's outcome nor
 * leave a policy half-way through its bookkeeping: it answers `onThrow` instead, and the first throw is
 * reported on the console so the bug is seen. @internal
 */
export class Predicate<V> {
  private reported = false;

  constructor(
    private readonly where: string,
    private readonly name: string,
    private readonly predicate: (value: V) => boolean,
    private readonly onThrow: boolean,
  ) {}

  test(value: V): boolean {
    try {
      return Boolean(this.predicate(value));
    } catch (error) {
      if (!this.reported) {
        this.reported = true;
        console.error(`[@resilint/runtime] ${this.where}: ${this.name} threw; taken as ${this.onThrow} (reported once):`, error);
      }
      return this.onThrow;
    }
  }
}

/**
 * Whether an abort reason is a deadline (this runtime's TimeoutError, AbortSignal.timeout's DOMException, or
 * another copy's) rather than a caller who gave up. By name, so every source of deadline is recognised. @internal
 */
export function isDeadline(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
}
