import {
  callInner,
  checkFunction,
  checkNumber,
  checkOptions,
  ChildScope,
  clearCallTimer,
  executeWith,
  MAX_TIMER_DELAY_MS,
  noop,
  Predicate,
  type Inner,
  type Policy,
  type Scope,
  type Work,
} from './core.js';
import { Emitter, type Unsubscribe } from './events.js';
import { ObservablePolicy } from './stats.js';
import { discardBody, isTransientError, isTransientResult } from './transient.js';

export interface HedgeEvent {
  /** The attempt started (2 for the first hedged one). */
  readonly attempt: number;
  /** 'delay': no answer came within delayMs; 'failure': an attempt failed and another was started at once. */
  readonly reason: 'delay' | 'failure';
}

export interface HedgeOptions {
  /** How long to wait for an answer before starting another attempt. 0 starts them all at once. Default 2 000. */
  delayMs?: number;
  /** Attempts started beside the first, at most. Default 1. */
  maxHedged?: number;
  /**
   * Which thrown errors start the next attempt at once (or wait for the others); any other error is the call's
   * answer at once. Default `isTransientError`. The caller's abort always ends the call.
   */
  hedgeOn?: (error: unknown) => boolean;
  /** Which returned results count as failed attempts in the same way. Default `isTransientResult`. */
  hedgeOnResult?: (result: unknown) => boolean;
  onHedge?: (event: HedgeEvent) => void;
}

const WHERE = 'hedge';

/**
 * Sends a slow call again without giving up on it: after `delayMs` without an answer, another attempt starts
 * beside the first (up to `maxHedged` more). The first success wins; the other attempts' signals are aborted.
 * A failed attempt (by `hedgeOn`) starts the next one at once; when every attempt has failed, the call settles
 * as the last one did. Only for idempotent work: the dependency may see every attempt.
 */
export class HedgePolicy extends ObservablePolicy implements Policy {
  readonly delayMs: number;
  readonly maxHedged: number;
  /** @internal */
  readonly hedgeOn: Predicate<unknown>;
  /** @internal */
  readonly hedgeOnResult: Predicate<unknown>;
  private readonly hedgeEvents = new Emitter<HedgeEvent>();

  constructor(options: HedgeOptions = {}) {
    super();
    checkOptions(WHERE, options, ['delayMs', 'maxHedged', 'hedgeOn', 'hedgeOnResult', 'onHedge']);
    this.delayMs = checkNumber(WHERE, 'delayMs', options.delayMs ?? 2_000, { min: 0, max: MAX_TIMER_DELAY_MS });
    this.maxHedged = checkNumber(WHERE, 'maxHedged', options.maxHedged ?? 1, { min: 1, max: 100, integer: true });
    this.hedgeOn = new Predicate(WHERE, 'hedgeOn', checkFunction(WHERE, 'hedgeOn', options.hedgeOn) ?? isTransientError, false);
    const hedgeOnResult = checkFunction(WHERE, 'hedgeOnResult', options.hedgeOnResult) ?? isTransientResult;
    this.hedgeOnResult = new Predicate(WHERE, 'hedgeOnResult', hedgeOnResult, false);
    const onHedge = checkFunction(WHERE, 'onHedge', options.onHedge);
    if (onHedge) this.hedgeEvents.subscribe(onHedge);
  }

  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    return executeWith(this, work, signal);
  }

  /** Listens for each hedged attempt started. */
  onHedge(listener: (event: HedgeEvent) => void): Unsubscribe {
    return this.hedgeEvents.subscribe(listener);
  }

  /** @internal */
  run<T>(inner: Inner<T>, scope: Scope, attempt: number): Promise<T> {
    if (scope.aborted) return Promise.reject(scope.reason);
    return new Promise<T>((resolve, reject) => {
      const startedAt = this.telemetry.start();
      const call = new HedgedCall(this, inner as Inner<unknown>, scope, attempt, startedAt, resolve as (value: unknown) => void, reject);
      call.launch();
    });
  }

  /** @internal */
  hedged(event: HedgeEvent): void {
    if (this.hedgeEvents.hasListeners) this.hedgeEvents.emit(event);
  }
}

type Outcome = { readonly error: unknown } | { readonly result: unknown };

/** One call: its attempts, each in a scope of its own so that the losers can be aborted. */
class HedgedCall {
  private readonly running = new Set<ChildScope>();
  private started = 0;
  private settled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFailure: Outcome | undefined;
  private readonly stopListening: () => void;
  /** The scope each attempt's own scope is made in (it carries the work). */
  private readonly parent: Scope;

  constructor(
    private readonly policy: HedgePolicy,
    private readonly inner: Inner<unknown>,
    parent: Scope,
    private readonly firstAttempt: number,
    private readonly startedAt: number,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.parent = parent;
    this.stopListening = parent.abortable ? parent.onAbort((reason) => this.finish({ error: reason }, reason, false)) : noop;
  }

  /** Starts the next attempt (all of them at once when delayMs is 0), and the timer for the one after. */
  launch(reason: 'delay' | 'failure' = 'delay'): void {
    do {
      const scope = new ChildScope(this.parent);
      const attempt = this.firstAttempt + this.started++;
      this.running.add(scope);
      if (this.started > 1) this.policy.hedged({ attempt, reason });
      callInner(this.inner, scope, attempt).then(
        (result) => this.settle(scope, this.policy.hedgeOnResult.test(result), { result }),
        (error: unknown) => this.settle(scope, this.policy.hedgeOn.test(error), { error }),
      );
    } while (this.policy.delayMs === 0 && this.canStartMore() && !this.settled);
    clearCallTimer(this.timer);
    if (this.canStartMore() && !this.settled) this.timer = setTimeout(hedgeAfterDelay, this.policy.delayMs, this);
  }

  private canStartMore(): boolean {
    return this.started <= this.policy.maxHedged;
  }

  private settle(scope: ChildScope, failed: boolean, outcome: Outcome): void {
    this.running.delete(scope);
    if (this.settled) {
      // A loser that answered anyway (its work ignored the signal).
      if ('result' in outcome) discardBody(outcome.result);
      return;
    }
    // A success, or an error that is not worth another attempt: either is the call's answer.
    if (!failed) return this.finish(outcome, lostRace(), false);
    if (this.lastFailure !== undefined && 'result' in this.lastFailure) discardBody(this.lastFailure.result);
    this.lastFailure = outcome;
    if (this.canStartMore()) this.launch('failure');
    else if (this.running.size === 0) this.finish(outcome, undefined, true);
  }

  /**
   * Settles the call with `outcome` and aborts the attempts still running with `abortReason`; `everyAttemptFailed`
   * when the hedge tried all it could (a failure it handled, for telemetry).
   */
  private finish(outcome: Outcome, abortReason: unknown, everyAttemptFailed: boolean): void {
    if (this.settled) return;
    this.settled = true;
    clearCallTimer(this.timer);
    this.stopListening();
    for (const scope of this.running) scope.abort(abortReason);
    const { telemetry } = this.policy;
    if ('error' in outcome) telemetry.failed(this.startedAt, true, outcome.error, everyAttemptFailed);
    else if (everyAttemptFailed) telemetry.failed(this.startedAt, false, outcome.result, true);
    else telemetry.succeeded(this.startedAt);
    if ('result' in outcome) this.resolve(outcome.result);
    else this.reject(outcome.error);
  }
}

function hedgeAfterDelay(call: HedgedCall): void {
  call.launch('delay');
}

/** What the losers' signals are aborted with. */
function lostRace(): DOMException {
  return new DOMException('Another hedged attempt answered first', 'AbortError');
}

/** Starts another attempt when the first is slow; the first success wins and the others are cancelled. */
export function hedge(options?: HedgeOptions): HedgePolicy {
  return new HedgePolicy(options);
}
