import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from './syntax.js';

/**
 * Whether a failure handler lets the failure through, or the promise it guards settles without rejecting. The
 * protection analysis asks this of every `catch` and `.catch(handler)` on a failure's way; a function whose every
 * external call ends at such a handler is no wrapper, so its callers' floating calls are not reported, in the same
 * file and, through the module summaries, in every module that imports it.
 *
 * All or nothing: a handler that throws (or returns `Promise.reject(...)`) on any path lets the failure through,
 * except a throw only in a developer mode (below).
 */
export function catchLetsFailureThrough(handler: TSESTree.CatchClause): boolean {
  return letsThrough(handler.body);
}

/** `.catch(handler)` / `.then(onFulfilled, handler)`: an inline handler that throws again passes the failure on. */
export function rejectionHandlerLetsFailureThrough(handler: TSESTree.Node): boolean {
  const fn = unwrapExpression(handler);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isPromiseReject(fn.body);
  return letsThrough(fn.body);
}

function letsThrough(body: TSESTree.BlockStatement): boolean {
  const stack: TSESTree.Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isPromiseReject(node.argument)) return true;
    if (isFunctionNode(node)) continue;
    // The shipped behaviour is what counts: a throw kept for a debug or validation mode is a developer's aid.
    if (node.type === AST_NODE_TYPES.IfStatement && onlyInDeveloperMode(node.test)) {
      if (node.alternate) stack.push(node.alternate);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) for (const item of value) { if (isNode(item)) stack.push(item); }
      else if (isNode(value)) stack.push(value);
    }
  }
  return false;
}

/** Names of flags that switch on a developer mode: debug, validation of what is sent, verbose, development. */
const DEVELOPER_MODE = /debug|validat|verbose|devmode|development/i;

/**
 * The test holds only in a developer mode: such a flag (`session.debugMode`, `validateOnly`, `DEBUG`), alone or
 * in a conjunction, or `NODE_ENV` equal to 'development' or 'test', or not 'production'. A negated flag holds in production.
 */
function onlyInDeveloperMode(test: TSESTree.Expression): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return node.operator === '&&' && (onlyInDeveloperMode(node.left) || onlyInDeveloperMode(node.right));
  }
  if (node.type === AST_NODE_TYPES.Identifier) return DEVELOPER_MODE.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node);
    return name !== undefined && name !== 'NODE_ENV' && DEVELOPER_MODE.test(name);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    const [named, value] = node.right.type === AST_NODE_TYPES.Literal ? [node.left, node.right.value] : [node.right, node.left.type === AST_NODE_TYPES.Literal ? node.left.value : undefined];
    const equal = node.operator === '===' || node.operator === '==';
    if (named.type === AST_NODE_TYPES.MemberExpression && memberName(named) === 'NODE_ENV') {
      return equal ? value === 'development' || value === 'test' : (node.operator === '!==' || node.operator === '!=') && value === 'production';
    }
    return equal && value === true && named.type !== AST_NODE_TYPES.PrivateIdentifier && onlyInDeveloperMode(named);
  }
  return false;
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined;
}

function isPromiseReject(node: TSESTree.Node): boolean {
  const call = unwrapExpression(node);
  return call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression
    && call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === 'Promise'
    && !call.callee.computed && call.callee.property.type === AST_NODE_TYPES.Identifier && call.callee.property.name === 'reject';
}

function isFunctionNode(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
