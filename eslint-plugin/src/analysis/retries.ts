import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileNodes, type LoopStatement } from './loops.js';
import type { RetryCause } from './retry-causes.js';
import { findHelperRetries } from './retry-helpers.js';
import { analyzeLoop } from './retry-loops.js';
import { findInterceptorRetries, findRecursiveRetries } from './retry-recursion.js';
import { findLibraryRetries } from './retry-libraries.js';

export { classifyDuration, isRandomised, type DurationGrowth } from './retry-delays.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What stops a retry: a number of attempts, a point in time (or the caller's abort), nothing, or we cannot tell. */
export type RetryBound = 'attempts' | 'deadline' | 'none' | 'unknown';
/** The wait between attempts. */
export type RetryDelay = 'none' | 'constant' | 'growing' | 'unknown';

export interface RetryConstruct {
  /** 'helper': work handed to a retry helper, whose own loop is judged where it is written. */
  readonly kind: 'loop' | 'recursion' | 'library' | 'helper';
  /** The loop, the call that retries, the library call, or the call of the helper. */
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
  /** The option that removes the bound (`forever: true`), when there is one. */
  readonly boundNode?: TSESTree.Node;
  readonly delay: RetryDelay;
  /** The option or expression that sets the delay, when there is one to point at. */
  readonly delayNode?: TSESTree.Node;
  /** Whether the delay is randomised; undefined when we cannot tell. */
  readonly jitter: boolean | undefined;
  /** What it goes round again for, when not any failure: work not ready yet (polling), a uniqueness conflict, a 429. */
  readonly cause?: Exclude<RetryCause, 'failure'>;
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
    const retry = analyzeLoop(context, loop);
    if (retry) retries.push(retry);
  }
  retries.push(...findRecursiveRetries(context), ...findInterceptorRetries(context));
  retries.push(...findLibraryRetries(context));
  retries.push(...findHelperRetries(context, retries));
  retries.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(context.sourceCode.ast, retries);
  return retries;
}

/** Whether this loop is a hand-written retry loop (its iterations are attempts at the same work). */
export function isRetryLoop(context: Context, loop: LoopStatement): boolean {
  return getRetries(context).some((retry) => retry.kind === 'loop' && retry.node === loop);
}

