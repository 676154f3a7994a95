import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { findDelays } from './delays.js';
import { alwaysLeavesLoop, walk, walkSameFunction, type LoopStatement } from './loops.js';
import { doesIo } from './retry-loops.js';
import { attemptTests, comparedLimit, findCounters, loopBound } from './retry-bounds.js';
import { implied } from './retry-causes.js';
import { describeDelays } from './retry-delays.js';
import type { RetryConstruct } from './retries.js';
import { saysStatusFailed } from './status-retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `for (let i = 0; i < maxRetries; i++) { if (res.status === 408 || res.status >= 500) { await pause(ms); res = await
 * send() } else break }`, `while (res.status >= 500 && tries < 3) { ...; res = await send() }`: a loop with no try that
 * sends again where a test of the answer's status says the dependency failed (an SDK's retry layer over fetch, which
 * rejects on no status). It retries that answer as a catch retries a thrown failure.
 */
export function statusRetryLoop(context: Context, loop: LoopStatement): RetryConstruct | undefined {
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) return undefined;
  const test = 'test' in loop && loop.test && saysStatusFailed(context, loop.test) ? loop.test : undefined;
  const branch = test ? { test, resent: loop.body } : failedStatusBranch(context, loop);
  // it sends again there, the new answer in place of the failed one, and goes round: a branch that reads the error's
  // body and throws leaves (a paginated read)
  if (!branch || alwaysLeavesLoop(branch.resent, loop) || !replacesAnswer(context, branch) || !doesIo(context, branch.resent)) return undefined;
  const counters = findCounters(context, loop);
  // a test of the answer changes each time round, and ends the loop only when the service recovers: no bound
  const judged = loopBound(context, loop, counters);
  const bound = judged === 'unknown' ? 'none' : judged;
  const delays = findDelays(context, loop.body);
  const delay = describeDelays(context, delays, loop.body, counters, loop.body);
  const rateLimited = implied(context, branch.test, true) === 'rate-limited';
  return {
    kind: 'loop',
    node: loop,
    loc: context.sourceCode.getFirstToken(loop)!.loc,
    name: 'this retry loop',
    ...(rateLimited ? { cause: 'rate-limited' as const } : {}),
    retried: [branch.resent],
    bound,
    ...(bound === 'attempts' ? { attemptLimit: comparedLimit(context, attemptTests(context, loop, counters), counters) } : {}),
    delay: delay.growth,
    delayNode: delays[0]?.node,
    jitter: delay.jitter,
    ...(delay.serverPaced ? { serverPaced: true } : {}),
  };
}

/** `answer = await send()` in the branch, `answer` being what the status test reads. */
function replacesAnswer(context: Context, branch: { test: TSESTree.Expression; resent: TSESTree.Node }): boolean {
  const read = new Set<string>();
  walk(branch.test, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) read.add(node.name);
    return true;
  });
  let replaced = false;
  walkSameFunction(branch.resent, context.sourceCode.visitorKeys, (node) => {
    if (replaced || node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.Identifier || !read.has(node.left.name)) return;
    const value = node.right.type === AST_NODE_TYPES.AwaitExpression ? node.right.argument : node.right;
    replaced = value.type === AST_NODE_TYPES.CallExpression;
  });
  return replaced;
}

/** An `if` among the loop body's statements whose test says the status failed, and what it runs then. */
function failedStatusBranch(context: Context, loop: LoopStatement): { test: TSESTree.Expression; resent: TSESTree.Statement } | undefined {
  const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.IfStatement && saysStatusFailed(context, statement.test)) return { test: statement.test, resent: statement.consequent };
  }
  return undefined;
}
