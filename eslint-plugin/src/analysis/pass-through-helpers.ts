import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingClassBody, methodFunction, staticPropertyName } from './member-syntax.js';
import { isFunction, type FunctionNode } from './loops.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * `this.limited(() => drive.changes.list(...))`, `throttle(() => fetch(url))`, with the helper a function of this
 * file (a method of the class, a function or `const` arrow) that returns what calling the callback gives, outside any
 * try (`async limited(op) { await this.slot(); return op(); }`): the callback's failure comes out of the helper's
 * promise, as if the call were made where the helper is called.
 */
export function passesCallbackThrough(sourceCode: SourceCode, call: TSESTree.CallExpression, callback: TSESTree.Node): boolean {
  const index = call.arguments.findIndex((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && unwrapExpression(argument) === callback);
  const helper = index < 0 ? undefined : helperFunction(sourceCode, call.callee);
  const parameter = helper?.params[index];
  const binding = parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  return binding?.type === AST_NODE_TYPES.Identifier && returnsCallOf(helper!, binding.name);
}

/** The function of this file a callee names: a function or `const` arrow by its name, or `this.method` of the class. */
export function helperFunction(sourceCode: SourceCode, callee: TSESTree.Node): FunctionNode | undefined {
  const target = unwrapExpression(callee);
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression && !target.computed) {
    const body = enclosingClassBody(target);
    const name = staticPropertyName(target);
    return body && name !== undefined ? methodFunction(body, name) : undefined;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = (findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null)?.defs[0];
  if (definition?.type === 'FunctionName' && isFunction(definition.node as TSESTree.Node)) return definition.node as FunctionNode;
  const declarator = definition?.type === 'Variable' ? definition.node : undefined;
  const init = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' ? declarator.init : undefined;
  return init && isFunction(init) ? init : undefined;
}

/** Whether `fn` returns `name()` (awaited or not), with no try around that return. */
function returnsCallOf(fn: FunctionNode, name: string): boolean {
  const callsParameter = (node: TSESTree.Node | null | undefined): boolean => {
    if (!node) return false;
    let inner = unwrapExpression(node);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrapExpression(inner.argument);
    return inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === name;
  };
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return callsParameter(fn.body);
  return fn.body.body.some((statement) => statement.type === AST_NODE_TYPES.ReturnStatement && callsParameter(statement.argument));
}
