import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, type FunctionNode } from './loops.js';

/** The body of a function given as an argument: written inline, or a function of the argument's module named there. */
export function callbackBody(sourceCode: Readonly<TSESLint.SourceCode>, argument: TSESTree.Node | undefined): TSESTree.Node | undefined {
  return (argument && callbackFunction(sourceCode, argument))?.body ?? undefined;
}

/** The function given as an argument: written inline, or a function or `const` of the argument's module named there. */
export function callbackFunction(sourceCode: Readonly<TSESLint.SourceCode>, argument: TSESTree.Node): FunctionNode | undefined {
  if (isFunction(argument)) return argument;
  if (argument.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(sourceCode.getScope(argument), argument)?.defs[0];
  if (definition?.type === 'FunctionName' && isFunction(definition.node)) return definition.node;
  if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && isFunction(definition.node.init)) {
    return definition.node.init;
  }
  return undefined;
}
