import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, walkSameFunction, type FunctionNode } from './loops.js';

/**
 * Promised timers, read from syntax alone, so that the project model can tell a sleep helper in another module
 * (`export const timer = (ms) => new Promise((res) => setTimeout(res, ms))`) whatever its name.
 */

/** The `setTimeout` call of `new Promise((resolve) => setTimeout(resolve, ms))` and its variants (a block body, `() => resolve()`). */
export function promisedTimerCall(node: TSESTree.NewExpression, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.CallExpression | undefined {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return undefined;
  const executor = node.arguments[0];
  if (!executor || !isFunction(executor)) return undefined;
  let timer: TSESTree.CallExpression | undefined;
  walkSameFunction(executor, visitorKeys, (inner) => {
    if (timer || inner.type !== AST_NODE_TYPES.CallExpression) return;
    if (inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'setTimeout') timer = inner;
  });
  return timer;
}

/** A function whose whole work is to wait on a timer: it returns (or awaits) a promised timer and does nothing else. */
export function waitsOnTimer(fn: FunctionNode, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  let result: TSESTree.Node | null | undefined = fn.body;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    const only = fn.body.body.length === 1 ? fn.body.body[0] : undefined;
    result = only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument
      : only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
  }
  if (result?.type === AST_NODE_TYPES.AwaitExpression) result = result.argument;
  return result?.type === AST_NODE_TYPES.NewExpression && promisedTimerCall(result, visitorKeys) !== undefined;
}
