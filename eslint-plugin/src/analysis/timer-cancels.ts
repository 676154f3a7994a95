import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, isFunction } from './loops.js';
import { unwrapExpression } from './syntax.js';

/**
 * A timeout made by hand around a request object: `setTimeout(() => req.destroy(), ms)`, or a controller a timer
 * aborts (`setTimeout(() => controller.abort(), ms)`, `AbortSignal.timeout(ms)`) whose signal's 'abort' listener
 * destroys the request. The signal never reaches the call's options, yet the request ends when the time is up.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** Whether a method that cancels the request (`req.destroy()`) is called from a timer, directly or through an abort signal. */
export function cancelledOnTimer(sourceCode: SourceCode, request: Variable, methods: readonly string[]): boolean {
  return request.references.some((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.computed) return false;
    if (member.property.type !== AST_NODE_TYPES.Identifier || !methods.includes(member.property.name)) return false;
    if (member.parent.type !== AST_NODE_TYPES.CallExpression || member.parent.callee !== member) return false;
    const listener = nearestFunction(member);
    return listener !== undefined && (isTimerCallback(listener) || isAbortListenerOfTimedSignal(sourceCode, listener));
  });
}

/** Whether `node` runs in a function handed to `setTimeout` (however deeply nested in it). */
export function isInTimerCallback(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isTimerCall(current) && current.arguments[0] !== undefined && contains(current.arguments[0], node)) return true;
  }
  return false;
}

function isTimerCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'setTimeout';
}

function isTimerCallback(fn: TSESTree.Node): boolean {
  return fn.parent !== undefined && isTimerCall(fn.parent) && fn.parent.arguments[0] === fn;
}

function nearestFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current;
}

/** `signal.addEventListener('abort', fn)` or `signal.onabort = fn`, for a signal a timer aborts. */
function isAbortListenerOfTimedSignal(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  const owner = fn.parent;
  if (owner?.type === AST_NODE_TYPES.CallExpression && owner.arguments[1] === fn && owner.callee.type === AST_NODE_TYPES.MemberExpression) {
    const [event] = owner.arguments;
    const method = owner.callee.property;
    return method.type === AST_NODE_TYPES.Identifier && method.name === 'addEventListener' && event?.type === AST_NODE_TYPES.Literal
      && event.value === 'abort' && abortedByTimer(sourceCode, owner.callee.object, 0);
  }
  if (owner?.type === AST_NODE_TYPES.AssignmentExpression && owner.right === fn && owner.left.type === AST_NODE_TYPES.MemberExpression) {
    const property = owner.left.property;
    return property.type === AST_NODE_TYPES.Identifier && property.name === 'onabort' && abortedByTimer(sourceCode, owner.left.object, 0);
  }
  return false;
}

/**
 * Whether a signal is aborted by a timer: `AbortSignal.timeout(ms)`, or `controller.signal` of a controller some
 * `setTimeout` callback aborts; through a `const` holding either.
 */
function abortedByTimer(sourceCode: SourceCode, signal: TSESTree.Node, depth: number): boolean {
  const node = unwrapExpression(signal);
  if (node.type === AST_NODE_TYPES.CallExpression) return sourceCode.getText(node.callee) === 'AbortSignal.timeout';
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'signal') {
    const controller = node.object.type === AST_NODE_TYPES.Identifier ? constVariable(sourceCode, node.object) : undefined;
    const init = controller?.defs[0]?.node.type === AST_NODE_TYPES.VariableDeclarator ? controller.defs[0].node.init : undefined;
    return init?.type === AST_NODE_TYPES.NewExpression && sourceCode.getText(init.callee) === 'AbortController'
      && controller!.references.some((reference) => isAbortCall(reference.identifier) && isInTimerCallback(reference.identifier));
  }
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 0) return false;
  const held = constVariable(sourceCode, node)?.defs[0]?.node;
  return held?.type === AST_NODE_TYPES.VariableDeclarator && held.init !== null && abortedByTimer(sourceCode, held.init, depth + 1);
}

/** `controller.abort()`. */
function isAbortCall(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier && !member.computed
    && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'abort'
    && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}

/** The variable a name refers to, when it is a `const` declared once. */
function constVariable(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as Variable | null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return definition?.type === 'Variable' && definition.parent?.type === AST_NODE_TYPES.VariableDeclaration && definition.parent.kind === 'const' ? variable! : undefined;
}
