import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import { getExternalCalls } from './external-calls.js';
import { contains, getFileNodes, type LoopStatement } from './loops.js';
import { type RetryCause } from './retry-causes.js';
import { predicateCause } from './retry-predicates.js';
import { findHelperRetries } from './retry-helpers.js';
import { analyzeLoop } from './retry-loops.js';
import { statusRetryLoop } from './status-retry-loops.js';
import { answerPollLoop } from './answer-poll-loops.js';
import { findRecursiveRetries } from './retry-recursion.js';
import { findInterceptorRetries } from './retry-interceptors.js';
import { findLibraryRetries } from './retry-libraries.js';
import { findOptionRetries } from './option-retries.js';
import { findObservableRetries } from './retry-observables.js';
import { findIntervalPolls } from './interval-polls.js';

export { classifyDuration, isRandomised, type DurationGrowth } from './retry-delays.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What stops a retry: a number of attempts, a point in time (or the caller's abort), nothing, or we cannot tell. */
export type RetryBound = 'attempts' | 'deadline' | 'none' | 'unknown';
/** The wait between attempts. */
export type RetryDelay = 'none' | 'constant' | 'growing' | 'unknown';

export interface RetryConstruct {
  /**
   * 'helper': work handed to a retry helper, whose own loop is judged where it is written; 'interval': work a
   * `setInterval` runs until an answer clears it (interval-polls.ts).
   */
  readonly kind: 'loop' | 'recursion' | 'library' | 'helper' | 'interval';
  /** The loop, the call that retries, the library call, the call of the helper, or the `setInterval` call. */
  readonly node: TSESTree.Node;
  /** Where a finding about the whole retry is shown (a loop's keyword, the library call). */
  readonly loc: TSESTree.SourceLocation;
  /** Names the retry in messages: 'this retry loop', '`fetchUser` calling itself from its catch', 'p-retry'. */
  readonly name: string;
  /** The code run again on every attempt (empty when the library retries requests it makes itself). */
  readonly retried: readonly TSESTree.Node[];
  readonly bound: RetryBound;
  /**
   * For a bound on attempts: the largest number the count is compared with (`attempt < 3`, `retries <= MAX_RETRIES`,
   * p-retry's `retries`), when every comparison reads one.
   */
  readonly attemptLimit?: number;
  /**
   * Retries without end on purpose, but waits longer each time up to a cap and reports each failure (p-retry's
   * `forever: true` with `maxTimeout` and `onFailedAttempt`): its load is bounded and its failure is seen.
   */
  readonly watched?: boolean;
  /** The option that removes the bound (`forever: true`), when there is one. */
  readonly boundNode?: TSESTree.Node;
  readonly delay: RetryDelay;
  /** The option or expression that sets the delay, when there is one to point at. */
  readonly delayNode?: TSESTree.Node;
  /** Whether the delay is randomised; undefined when we cannot tell. */
  readonly jitter: boolean | undefined;
  /**
   * Every wait before the next attempt is the time the server asked for (a `Retry-After` header, an SDK error's
   * `retryAfter`): the server paces it.
   */
  readonly serverPaced?: boolean;
  /** What it goes round again for, when not any failure: work not ready yet (polling), a uniqueness conflict, a 429. */
  readonly cause?: Exclude<RetryCause, 'failure'>;
  /**
   * Every request it retries goes through a client that retries by itself with growing waits (the OpenAI SDK, the
   * AWS SDK, created without changing that): the waits are there, inside each attempt.
   */
  readonly clientBacksOff?: boolean;
  /**
   * Every attempt runs this program's own code on this machine (a Node script in a child process, files): nothing
   * shared with other clients is loaded by trying again at once (see local-work.ts).
   */
  readonly ownCodeOnly?: true;
  /**
   * The test by which it goes round only on an answer saying the work is not done yet (`if (res.status === 202)`,
   * `case 'pending':`, the loop itself for `while (job.state === 'pending')`), never on a failure: each request was
   * answered, and sending it again is what the service asked for.
   */
  readonly answerGuard?: TSESTree.IfStatement | TSESTree.SwitchCase | LoopStatement;
  /**
   * A retry a request's options turn on, whose client takes only a fixed pause between tries (urllib's `retry` and
   * `retryDelay`): the options, the count, and the name of the pause option, for a fix to set.
   */
  readonly pauseOption?: { readonly options: TSESTree.ObjectExpression; readonly count: TSESTree.Property; readonly pause: string };
  /** The test of a deadline that holds only when one was given (`t1 > t0 && Date.now() >= t1`), for a retry with none by default. */
  readonly optionalDeadline?: TSESTree.Node;
  /** A library told to retry POST/PATCH requests (`retry.methods`, an accept-all `retryCondition`). */
  readonly retriesNonIdempotent?: { readonly node: TSESTree.Node; readonly method: string };
}

const cache = new WeakMap<TSESTree.Program, readonly RetryConstruct[]>();

/** Every retry in the file (hand-written loops, recursion from a failure, retry libraries), computed once per file. */
export function getRetries(context: Context): readonly RetryConstruct[] {
  const cached = cache.get(context.sourceCode.ast);
  if (cached) return cached;
  const nodes = getFileNodes(context.sourceCode);
  const retries: RetryConstruct[] = [];
  for (const loop of nodes.loops) {
    const retry = analyzeLoop(context, loop) ?? answerPollLoop(context, loop) ?? statusRetryLoop(context, loop);
    if (retry) retries.push(retry);
  }
  retries.push(...findRecursiveRetries(context), ...findInterceptorRetries(context));
  retries.push(...findLibraryRetries(context), ...findOptionRetries(context), ...findObservableRetries(context), ...findIntervalPolls(context));
  retries.push(...findHelperRetries(context, retries));
  retries.sort((a, b) => a.node.range[0] - b.node.range[0]);
  const judged = retries.map((retry) => {
    const refusalsOnly = (retry.kind === 'library' || retry.kind === 'helper') && retry.cause === undefined && retry.node.type === AST_NODE_TYPES.CallExpression
      ? predicateCause(context, retry.node) : undefined;
    const caused = refusalsOnly ? { ...retry, cause: refusalsOnly } : retry;
    return retry.kind !== 'library' && clientsBackOff(context, retry) ? { ...caused, clientBacksOff: true } : caused;
  });
  cache.set(context.sourceCode.ast, judged);
  return judged;
}

/** Whether every external call the retry runs again is made by a client that backs off by itself (at least one). */
function clientsBackOff(context: Context, retry: RetryConstruct): boolean {
  const calls = getExternalCalls(context).calls.filter((call) => retry.retried.some((region) => contains(region, call.node)));
  return calls.length > 0 && calls.every((call) => {
    const option = libraryOf(call.client)?.backsOffUnlessSet;
    // A client made with options the file does not show, or that name the retry option, may not back off.
    return option !== undefined && call.createdBy !== undefined && call.instanceOptions.every((options) => options !== null && !mentionsOption(options, option));
  });
}

function mentionsOption(options: TSESTree.ObjectExpression, name: string): boolean {
  return options.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.SpreadElement ||
      (property.key.type === AST_NODE_TYPES.Identifier ? property.key.name === name : property.key.type === AST_NODE_TYPES.Literal && property.key.value === name),
  );
}

/** Whether this loop is a hand-written retry loop (its iterations are attempts at the same work). */
export function isRetryLoop(context: Context, loop: LoopStatement): boolean {
  return getRetries(context).some((retry) => retry.kind === 'loop' && retry.node === loop);
}

