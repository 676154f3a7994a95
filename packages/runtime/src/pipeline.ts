import type { BulkheadPolicy } from './bulkhead.js';
import type { CircuitBreakerPolicy } from './circuit-breaker.js';
import {
  CallerScope,
  callInner,
  callWork,
  executeWith,
  type Inner,
  type Policy,
  type Runner,
  type Scope,
  type Step,
  type Work,
} from './core.js';
import { isPolicyRejection } from './errors.js';
import type { FallbackPolicy } from './fallback.js';
import type { RetryPolicy } from './retry.js';
import { ObservablePolicy } from './stats.js';
import type { TimeoutPolicy } from './timeout.js';

/**
 * What a policy may resolve to instead of the work's result: a fallback's type, a pipeline's union of them, the
 * `F` of a value typed `Policy<F>`. TypeScript cannot read `F` back from a class's generic `execute` (it comes
 * out `unknown`), so a policy from elsewhere that is not typed `Policy<F>` adds nothing rather than `unknown`.
 */
export type FallbackOf<P> =
  P extends FallbackPolicy<infer F>
    ? F
    : P extends PipelinePolicy<infer F>
      ? F
      : P extends RetryPolicy | TimeoutPolicy | CircuitBreakerPolicy | BulkheadPolicy
        ? never
        : P extends Policy<infer F>
          ? unknown extends F
            ? never
            : F
          : never;

/**
 * Composes policies; the first is the outermost. `pipeline(fallback(x), circuitBreaker(), retry(), timeout(1000))`
 * times out each attempt, retries failed attempts, counts each retried call once in the breaker, and falls back
 * when all of that fails.
 */
export class PipelinePolicy<F> extends ObservablePolicy implements Policy<F> {
  private readonly runners: readonly Runner[];
  /**
   * What each runner is handed as its inner step when the chain ends in the caller's work (always, but in a
   * pipeline nested in a foreign policy): made once here, so a call makes no closure per policy.
   */
  private readonly steps: readonly Step[];

  constructor(policies: readonly Policy<unknown>[]) {
    super();
    this.runners = policies.map((policy, index) => toRunner(policy, index));
    const steps: Step[] = [];
    let next: Step = callWork;
    for (let index = this.runners.length - 1; index >= 0; index--) {
      steps[index] = next;
      const runner = this.runners[index]!;
      const inner = next;
      next = (scope, attempt) => runner.run(inner, scope, attempt);
      if (runner.runInto !== undefined) {
        next.into = (scope, attempt, sink) => runner.runInto!(inner, scope, attempt, sink);
      }
    }
    this.steps = steps;
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T | F> {
    return executeWith(this, work, signal);
  }

  /** @internal */
  run(inner: Inner<unknown>, scope: Scope, attempt: number): Promise<unknown> {
    if (this.telemetry.observed) {
      const startedAt = this.telemetry.start();
      return this.observe(this.runChain(inner, scope, attempt), startedAt);
    }
    return this.runChain(inner, scope, attempt);
  }

  private runChain(inner: Inner<unknown>, scope: Scope, attempt: number): Promise<unknown> {
    if (inner === callWork && this.runners.length > 0) return this.runners[0]!.run(this.steps[0]!, scope, attempt);
    return this.runFrom(0, inner, scope, attempt);
  }

  /**
   * Watching a pipeline's outcome costs a promise per call, so a pipeline counts and times its calls only once
   * observed (its policies count theirs always).
   */
  private observe(call: Promise<unknown>, startedAt: number): Promise<unknown> {
    const telemetry = this.telemetry;
    call.then(
      () => telemetry.succeeded(startedAt),
      (error: unknown) => {
        if (isPolicyRejection(error)) telemetry.refusedAfterStart();
        else telemetry.failed(startedAt, true, error, false);
      },
    );
    return call;
  }

  private runFrom(index: number, inner: Inner<unknown>, scope: Scope, attempt: number): Promise<unknown> {
    const runner = this.runners[index];
    if (runner === undefined) return callInner(inner, scope, attempt);
    if (index === this.runners.length - 1) return runner.run(inner, scope, attempt);
    return runner.run((innerScope, innerAttempt) => this.runFrom(index + 1, inner, innerScope, innerAttempt), scope, attempt);
  }
}

/** Composes policies into one; the first is the outermost. */
export function pipeline<const P extends readonly Policy<unknown>[]>(...policies: P): PipelinePolicy<FallbackOf<P[number]>> {
  return new PipelinePolicy(policies);
}

function toRunner(policy: Policy<unknown>, index: number): Runner {
  if (typeof (policy as Partial<Runner> | null)?.run === 'function') return policy as unknown as Runner;
  if (typeof (policy as Partial<Policy> | null)?.execute !== 'function') {
    throw new TypeError(`pipeline: argument ${index + 1} is not a policy (it has no execute method)`);
  }
  // A policy from elsewhere: drive it through its public execute. Each time it calls the work again (a retry of
  // its own) is the next attempt, whatever it numbers its attempts from.
  return {
    run: (inner, scope, attempt) => {
      let calls = 0;
      return policy.execute(
        (context) => inner(new CallerScope(context.signal, scope.work), attempt + calls++),
        scope.signal,
      );
    },
  };
}
