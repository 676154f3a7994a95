import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asDelay, calleeName } from './delays.js';
import { isFunction, walk, walkSameFunction, type FunctionNode } from './loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// What a promise does when a timer fires: a deadline rejects, a sleep resolves. Read by the race analyses (a race
// against a rejecting timer is a timeout), the retry bounds (a race against one bounds an attempt) and the hand-offs.

const TIMER_HELPER_NAME = /^#?(?:timeout|timeoutAfter|rejectAfter|rejectIn|timer|deadline|sleep|delay|wait)/i;

type TimerKind = 'rejecting' | 'resolving';

/** Whether this promise settles when a timer fires: 'rejecting' for a deadline, 'resolving' for a sleep. */
export function timerSettlement(context: Context, node: TSESTree.Node): TimerKind | undefined {
  return timerKind(context, node, 0);
}

/**
 * Whether a promise settles when a timer fires, and how: a promised `setTimeout` that rejects, a sleep
 * followed by a throw, a timeout helper (of this file, or named so), a variable holding one.
 */
function timerKind(context: Context, node: TSESTree.Node, depth: number): TimerKind | undefined {
  if (depth > 3) return undefined;
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    ['then', 'catch', 'finally'].includes(calleeName(node.callee) ?? '')
  ) {
    const inner = timerKind(context, node.callee.object, depth + 1);
    if (!inner) return undefined;
    // `sleep(ms).then(() => { throw new TimeoutError() })`
    return inner === 'rejecting' || node.arguments.some((argument) => throwsOrRejects(context, argument)) ? 'rejecting' : 'resolving';
  }
  if (node.type === AST_NODE_TYPES.NewExpression) return promisedTimer(context, node);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    if (asDelay(context, node)) return 'resolving';
    const fn = localFunction(context, node.callee);
    if (fn) return returnedTimer(context, fn, depth);
    const name = calleeName(node.callee);
    if (name === undefined || !TIMER_HELPER_NAME.test(name) || node.arguments.length === 0 || node.arguments.length > 2 || looksLikeWork(node)) {
      return undefined;
    }
    return /timeout|reject|deadline/i.test(name) ? 'rejecting' : 'resolving';
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const declarator = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0]?.node;
    return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init
      ? timerKind(context, declarator.init, depth + 1)
      : undefined;
  }
  return undefined;
}

/** A callback that throws or returns a rejection: `() => { throw new Error('timeout') }`. */
export function throwsOrRejects(context: Context, node: TSESTree.Node): boolean {
  if (!isFunction(node)) return false;
  let found = false;
  walkSameFunction(node, context.sourceCode.visitorKeys, (inner) => {
    if (inner.type === AST_NODE_TYPES.ThrowStatement) found = true;
    if (inner.type === AST_NODE_TYPES.CallExpression && context.sourceCode.getText(inner.callee) === 'Promise.reject') found = true;
  });
  return found;
}

/** `timeout(fetch(url), 1000)` is a wrapper around work, not a timer. */
function looksLikeWork(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => argument.type === AST_NODE_TYPES.CallExpression || isFunction(argument));
}

/** `new Promise((_, reject) => setTimeout(() => reject(...), ms))`, or a resolving `new Promise((r) => setTimeout(r, ms))`. */
function promisedTimer(context: Context, node: TSESTree.NewExpression): TimerKind | undefined {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return undefined;
  const executor = node.arguments[0];
  if (!executor || !isFunction(executor)) return undefined;
  const rejectParam = executor.params[1]?.type === AST_NODE_TYPES.Identifier ? executor.params[1].name : undefined;
  let timer = false;
  let rejects = false;
  walk(executor.body, context.sourceCode.visitorKeys, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression) return true;
    if (inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'setTimeout') timer = true;
    if (rejectParam && context.sourceCode.getText(inner).includes(rejectParam)) {
      if (inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === rejectParam) rejects = true;
      if (inner.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === rejectParam)) rejects = true;
    }
    return true;
  });
  if (!timer) return undefined;
  return rejects ? 'rejecting' : 'resolving';
}

/** The function of this file a callee names (a declaration, or a variable holding one). */
export function localFunction(context: Context, callee: TSESTree.Node): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(callee), callee)?.defs[0];
  if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && isFunction(definition.node.init)) {
    return definition.node.init;
  }
  return undefined;
}

function returnedTimer(context: Context, fn: FunctionNode, depth: number): TimerKind | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return timerKind(context, fn.body, depth + 1);
  let kind: TimerKind | undefined;
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) kind ??= timerKind(context, node.argument, depth + 1);
  });
  return kind;
}
