import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { findDelays } from './delays.js';
import type { LoopStatement } from './loops.js';
import { findCounters, loopBound } from './retry-bounds.js';
import { implied } from './retry-causes.js';
import { describeDelays } from './retry-delays.js';
import { doesIo } from './retry-loops.js';
import type { RetryConstruct } from './retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `while (job.status === 'pending') { await sleep(2_000); job = await api.getJob(id) }`: a loop that goes round while
 * the answer says the work is not done yet, waiting each time, polls (the loop form of a function calling itself on
 * such an answer: status-retries.ts). Nothing failed, so a fixed wait is right; with no count and no deadline, a job
 * stuck in 'pending' keeps it polling for ever. Only the loop's own test is read: a `for (;;)` that leaves on some
 * answer says nothing about which answers keep it going.
 */
export function answerPollLoop(context: Context, loop: LoopStatement): RetryConstruct | undefined {
  if (loop.type !== AST_NODE_TYPES.WhileStatement && loop.type !== AST_NODE_TYPES.DoWhileStatement) return undefined;
  if (implied(context, loop.test, true) !== 'not-ready') return undefined;
  const delays = findDelays(context, loop.body);
  if (delays.length === 0 || !doesIo(context, loop.body)) return undefined;
  const counters = findCounters(context, loop);
  // the test reads the answer, which changes each time round: it ends the loop only when the work is done
  const bound = loopBound(context, loop, counters);
  const delay = describeDelays(context, delays, loop.body, counters, loop.body);
  return {
    kind: 'loop',
    node: loop,
    loc: context.sourceCode.getFirstToken(loop)!.loc,
    name: 'this polling loop',
    cause: 'not-ready',
    retried: [loop.body],
    bound: bound === 'unknown' ? 'none' : bound,
    delay: delay.growth,
    delayNode: delays[0]?.node,
    jitter: delay.jitter,
    answerGuard: loop,
  };
}
