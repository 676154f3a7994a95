import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName, looksLikeWait } from './delays.js';
import { contains, enclosingFunction, walk, type FunctionNode } from './loops.js';

// What sets a function calling itself going again after a failure, besides a catch: a timer, a wait's promise, a
// listener for a failure event (directly, or through a reconnect function of its own the listener calls or is).

export function isTimerCall(node: TSESTree.Node | undefined): node is TSESTree.CallExpression {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    (node.callee.name === 'setTimeout' || node.callee.name === 'setImmediate')
  );
}

/** Events after which a client typically reconnects. */
export const FAILURE_EVENTS = new Set(['error', 'close', 'end', 'disconnect', 'disconnected']);

/** `socket.on('close', listener)`, `socket.addEventListener('error', listener)`: a listener for a failure event. */
export function isFailureListener(node: FunctionNode): boolean {
  const owner = node.parent;
  return owner?.type === AST_NODE_TYPES.CallExpression && owner.arguments[1] === node && isFailureRegistration(owner);
}

function isFailureRegistration(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = calleeName(call.callee);
  const eventName = call.arguments[0]?.type === AST_NODE_TYPES.Literal ? call.arguments[0].value : undefined;
  return (method === 'on' || method === 'once' || method === 'addEventListener') && typeof eventName === 'string' && FAILURE_EVENTS.has(eventName);
}

/** `delay(1_000).then(callback)`: the wait whose promise runs `callback` (a function named for a wait). */
export function waitBefore(owner: TSESTree.Node | undefined, callback: FunctionNode): TSESTree.CallExpression | undefined {
  if (owner?.type !== AST_NODE_TYPES.CallExpression || owner.arguments[0] !== callback || owner.callee.type !== AST_NODE_TYPES.MemberExpression
    || calleeName(owner.callee) !== 'then') return undefined;
  const receiver = owner.callee.object;
  return receiver.type === AST_NODE_TYPES.CallExpression && !isTimerCall(receiver) && looksLikeWait(receiver) ? receiver : undefined;
}

/** `const reconnect = () => { ... }`: a function held in a variable of its own. */
export function isHeldFunction(node: FunctionNode): boolean {
  return node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.init === node && node.parent.id.type === AST_NODE_TYPES.Identifier;
}

/** A failure listener registered in `fn` that is the function `held` (named by its variable) or calls it. */
export function failureListenerCalling(held: FunctionNode, fn: FunctionNode, calls: readonly TSESTree.CallExpression[]): FunctionNode | undefined {
  const name = ((held.parent as TSESTree.VariableDeclarator).id as TSESTree.Identifier).name;
  for (const call of calls) {
    if (!contains(fn, call)) continue;
    // `socket.addEventListener('close', reconnect)`
    const handed = call.arguments[1];
    if (handed?.type === AST_NODE_TYPES.Identifier && handed.name === name && isFailureRegistration(call) && enclosingFunction(call) === fn) return held;
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== name) continue;
    const listener = enclosingFunction(call);
    if (listener && listener !== held && isFailureListener(listener) && enclosingFunction(listener) === fn) return listener;
  }
  return undefined;
}

/** How long a timer (`setTimeout(work, ms)`) or a wait (`delay(ms)`) waits. */
export function timerDuration(timer: TSESTree.CallExpression): TSESTree.Node | undefined {
  const [first, second] = timer.arguments;
  return isTimerCall(timer) ? second : first;
}

/**
 * `if (Date.now() - startedAt > windowMs) launch() else setTimeout(launch, windowMs - elapsed)`: a restart at once only
 * when the last start is a window old, else after the rest of the window; at most one start per window, whichever
 * branch `call` sits in.
 */
export function throttledByLastStart(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node, handler: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = call.parent; current && current !== handler; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement) continue;
    return current.alternate !== null && measuresElapsed(sourceCode, current.test) && containsTimer(sourceCode, current.alternate);
  }
  return false;
}

const ELAPSED = /\b(?:Date|performance)\.now\(\)\s*-/;

/** `Date.now() - last > window`, `elapsed >= window` with `const elapsed = Date.now() - last`, `window < elapsed`. */
function measuresElapsed(sourceCode: Readonly<TSESLint.SourceCode>, test: TSESTree.Expression): boolean {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || !['>', '>=', '<', '<='].includes(test.operator)) return false;
  const elapsed = test.operator.startsWith('>') ? test.left : test.right;
  if (ELAPSED.test(sourceCode.getText(elapsed))) return true;
  if (elapsed.type !== AST_NODE_TYPES.Identifier) return false;
  const declarator = findVariable(sourceCode.getScope(elapsed) as never, elapsed)?.defs[0]?.node as TSESTree.Node | undefined;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init !== null && ELAPSED.test(sourceCode.getText(declarator.init));
}

function containsTimer(sourceCode: Readonly<TSESLint.SourceCode>, branch: TSESTree.Statement): boolean {
  let found = false;
  walk(branch, sourceCode.visitorKeys, (node) => {
    if (isTimerCall(node)) found = true;
    return !found;
  });
  return found;
}
