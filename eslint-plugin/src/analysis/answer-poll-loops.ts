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
 * stuck in 'pending' keeps it polling for ever. Only the loop's own test is read, or, in a loop with none (`while
 * (true)`, `for (;;)`), the one way out, whose test says which answers keep it going (`if (d.state !== 'WIP') return d`).
 */
export function answerPollLoop(context: Context, loop: LoopStatement): RetryConstruct | undefined {
  const ownTest = (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement) && implied(context, loop.test, true) === 'not-ready';
  if (!ownTest && !leavesOnlyWhenDone(context, loop)) return undefined;
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

/**
 * `while (true) { const d = await api.getDeployment(id); if (d.state !== 'WIP') return d; await sleep(5_000) }`: a loop
 * with no test of its own whose one way out, an `if` among the statements of its body (no other `if` or `try` beside
 * it), is taken unless the answer says the work is not done yet: it goes round exactly while it is not.
 */
function leavesOnlyWhenDone(context: Context, loop: LoopStatement): boolean {
  const endless = (loop.type === AST_NODE_TYPES.WhileStatement && isTrue(loop.test)) || (loop.type === AST_NODE_TYPES.ForStatement && !loop.test);
  if (!endless || loop.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const exits = loop.body.body.filter((statement): statement is TSESTree.IfStatement => statement.type === AST_NODE_TYPES.IfStatement && leaves(statement.consequent));
  const [exit] = exits;
  return exits.length === 1 && !exit!.alternate && implied(context, exit!.test, false) === 'not-ready' && !containsOtherExit(loop.body, exit!);
}

function isTrue(test: TSESTree.Expression): boolean {
  return test.type === AST_NODE_TYPES.Literal && test.value === true;
}

function leaves(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.BreakStatement;
}

/** A `return`, `break` or `throw` elsewhere in the body (a catch that gives up, a second condition): another way out. */
function containsOtherExit(body: TSESTree.BlockStatement, exit: TSESTree.IfStatement): boolean {
  return body.body.some((statement) => statement !== exit && (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.BreakStatement
    || statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.TryStatement || statement.type === AST_NODE_TYPES.IfStatement));
}
