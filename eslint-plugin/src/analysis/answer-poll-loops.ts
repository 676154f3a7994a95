import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { findDelays } from './delays.js';
import { functionName, getFileNodes, isFunction, walkSameFunction, type LoopStatement } from './loops.js';
import { findCounters, loopBound } from './retry-bounds.js';
import { implied, markerText } from './retry-causes.js';
import { describeDelays } from './retry-delays.js';
import { doesIo } from './retry-loops.js';
import { saysGoingOn } from './status-retries.js';
import type { RetryConstruct } from './retries.js';
import { endsBy, unwrapExpression } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `while (job.status === 'pending') { await sleep(2_000); job = await api.getJob(id) }`, `while (status === 'building'
 * || status === 'waiting')`: a loop that goes round while the answer says the work is not done yet, waiting each time, polls (the loop form of a function calling itself on
 * such an answer: status-retries.ts). Nothing failed, so a fixed wait is right; with no count and no deadline, a job
 * stuck in 'pending' keeps it polling for ever. Only the loop's own test is read, or, in a loop with none (`while
 * (true)`, `for (;;)`), the one way out, whose test says which answers keep it going (`if (d.state !== 'WIP') return d`).
 */
export function answerPollLoop(context: Context, loop: LoopStatement): RetryConstruct | undefined {
  const ownTest = (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement)
    && (implied(context, loop.test, true) === 'not-ready' || saysGoingOn(loop.test) || untilHandedTestSaysDone(context, loop.test, loop.body));
  const polled = ownTest ? loop.body : doneExitBody(context, loop);
  if (!polled) return undefined;
  const delays = findDelays(context, loop.body);
  if (delays.length === 0 || !doesIo(context, loop.body)) return undefined;
  // a count set back to 0 on each "not yet" (`failures = 0`) counts failures in a row, not the times asked
  const counters = new Set([...findCounters(context, loop)].filter((name) => !resetIn(context, polled, name)));
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
 * it), is taken unless the answer says the work is not done yet: it goes round exactly while it is not. The body may be
 * one `try` whose catch leaves only by throwing (a failure has its own count there, not the poll). Returns the
 * statements the poll goes round by (the body, or that `try`'s block).
 */
function doneExitBody(context: Context, loop: LoopStatement): TSESTree.BlockStatement | undefined {
  const endless = (loop.type === AST_NODE_TYPES.WhileStatement && isTrue(loop.test)) || (loop.type === AST_NODE_TYPES.ForStatement && !loop.test);
  if (!endless || loop.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const body = pollBody(context, loop.body);
  if (!body) return undefined;
  const exits = body.body.filter((statement): statement is TSESTree.IfStatement => statement.type === AST_NODE_TYPES.IfStatement && endsBy(statement.consequent, AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.BreakStatement));
  const [exit] = exits;
  const leavesWhenDone = exits.length === 1 && !exit!.alternate
    && (implied(context, exit!.test, false) === 'not-ready' || saysDone(context, exit!.test) || waitsForHandedAnswer(context, exit!.test))
    && !containsOtherExit(body, exit!);
  return leavesWhenDone ? body : undefined;
}

/**
 * `status === 'CREATE_COMPLETE'`, `status.endsWith('_COMPLETE')`, `['SUCCEEDED', 'DONE'].includes(state)`: a test that
 * holds when the answer names a finished state. Going round while it does not is asking until the work is over.
 */
function saysDone(context: Context, test: TSESTree.Expression): boolean {
  const names = (node: TSESTree.Node): boolean => {
    const text = markerText(context, node);
    return DONE_STATE.test(text) && !NOT_DONE_STATE.test(text);
  };
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '===' || test.operator === '==')) return names(test.left) || names(test.right);
  if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = test.callee.property.type === AST_NODE_TYPES.Identifier ? test.callee.property.name : undefined;
  if (method === 'endsWith' || method === 'startsWith' || method === 'includes') return test.arguments.some(names) || names(test.callee.object);
  return false;
}

/** States a job, a deployment or a stack is left in when its work is over, well or not. */
const DONE_STATE = /complete|succeeded|success|finished|\bdone\b/i;
const NOT_DONE_STATE = /\bnot[ _-]?|incomplete|unsuccess/i;

/** A flag or predicate named for the work being over: `done`, `isDone`, `finished`, `ready`, `isComplete`. */
const DONE_NAME = /done|finish|ready|complete|settled/i;

/**
 * `while (!done) { const result = await fn(); done = isDone(result); ... }`, `isDone` a parameter: a generic helper
 * asking until the test it is handed says the work is over (a `pollUntil(fn, interval, isDone)`). Nothing failed when
 * it goes round: the answer said "not yet".
 */
function untilHandedTestSaysDone(context: Context, test: TSESTree.Expression, body: TSESTree.Statement): boolean {
  const flag = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' && test.argument.type === AST_NODE_TYPES.Identifier ? test.argument : undefined;
  if (!flag) return false;
  let set = false;
  walkSameFunction(body, context.sourceCode.visitorKeys, (node) => {
    if (set || node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.Identifier || node.left.name !== flag.name) return;
    const asked = unwrapExpression(node.right);
    const callee = asked.type === AST_NODE_TYPES.CallExpression ? asked.callee : undefined;
    set = callee?.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(context.sourceCode.getScope(callee), callee)?.defs[0]?.type === 'Parameter'
      && (DONE_NAME.test(flag.name) || DONE_NAME.test(callee.name));
  });
  return set;
}

/** `failures = 0` among the statements of `body`. */
function resetIn(context: Context, body: TSESTree.Statement, name: string): boolean {
  return (body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body]).some((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression
    && statement.expression.operator === '=' && context.sourceCode.getText(statement.expression.left) === name
    && statement.expression.right.type === AST_NODE_TYPES.Literal && statement.expression.right.value === 0);
}

/** The loop's body, or the block of the one `try` it holds when its catch leaves only by throwing. */
function pollBody(context: Context, body: TSESTree.BlockStatement): TSESTree.BlockStatement | undefined {
  const [only] = body.body;
  if (body.body.length !== 1 || only!.type !== AST_NODE_TYPES.TryStatement) return body;
  if (!only.handler || only.finalizer) return undefined;
  let leaves = false;
  walkSameFunction(only.handler.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.BreakStatement) leaves = true;
  });
  return leaves ? undefined : only.block;
}

/**
 * `const result = await fetchResult(); if (result != null) return result`, `fetchResult` a parameter: a helper asking
 * the function it is handed until that gives something (a `waitFor`, an `until`). Giving nothing says "not yet" when a
 * caller of this file hands it a function that reads an answer in progress (`if (d.state !== 'WIP') return d`); a
 * worker waiting for the next job asks the same way, for work that may never come, by design.
 */
function waitsForHandedAnswer(context: Context, test: TSESTree.Expression): boolean {
  const value = presenceTested(test);
  const declarator = value && ASTUtils.findVariable(context.sourceCode.getScope(value), value)?.defs[0]?.node;
  const init = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init ? unwrapExpression(declarator.init) : undefined;
  const called = init?.type === AST_NODE_TYPES.AwaitExpression && init.argument.type === AST_NODE_TYPES.CallExpression ? init.argument.callee : undefined;
  const parameter = called?.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(context.sourceCode.getScope(called), called)?.defs[0] : undefined;
  if (parameter?.type !== 'Parameter' || !isFunction(parameter.node)) return false;
  const helper = parameter.node;
  const index = helper.params.findIndex((param) => param === parameter.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === parameter.name));
  const name = functionName(helper);
  if (index < 0 || !name || name.method) return false;
  return getFileNodes(context.sourceCode).calls.some((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name.name
    && readsAnswerInProgress(context, call.arguments[index]));
}

/** A function given in place (`async () => { ...; return d.state === 'WIP' ? null : d }`) testing an answer for "in progress". */
function readsAnswerInProgress(context: Context, given: TSESTree.Node | undefined): boolean {
  if (!given || !isFunction(given)) return false;
  let reads = false;
  walkSameFunction(given.body, context.sourceCode.visitorKeys, (node) => {
    if (reads || (node.type !== AST_NODE_TYPES.IfStatement && node.type !== AST_NODE_TYPES.ConditionalExpression)) return;
    reads = implied(context, node.test, true) === 'not-ready' || implied(context, node.test, false) === 'not-ready';
  });
  return reads;
}

/** `x`, `x != null`, `x !== undefined`: the value whose presence the test asks. */
function presenceTested(test: TSESTree.Expression): TSESTree.Identifier | undefined {
  if (test.type === AST_NODE_TYPES.Identifier) return test;
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '!=' && test.operator !== '!==')) return undefined;
  const absent = (side: TSESTree.Node): boolean => (side.type === AST_NODE_TYPES.Literal && side.value === null) || (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined');
  const [value, other] = absent(test.right) ? [test.left, test.right] : [test.right, test.left];
  return absent(other) && value.type === AST_NODE_TYPES.Identifier ? value : undefined;
}

function isTrue(test: TSESTree.Expression): boolean {
  return test.type === AST_NODE_TYPES.Literal && test.value === true;
}

/** A `return`, `break` or `throw` elsewhere in the body (a catch that gives up, a second condition): another way out. */
function containsOtherExit(body: TSESTree.BlockStatement, exit: TSESTree.IfStatement): boolean {
  return body.body.some((statement) => statement !== exit && (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.BreakStatement
    || statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.TryStatement || statement.type === AST_NODE_TYPES.IfStatement));
}
