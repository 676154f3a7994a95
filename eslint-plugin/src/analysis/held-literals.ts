import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from './syntax.js';

/**
 * An object literal written in place, or held by a `const` of this file declared once (`const params = { uri,
 * timeout }`): the literal, and the constant's variable when it is one (to read what is later written on it).
 */
export function heldObjectLiteral(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): { readonly object: TSESTree.ObjectExpression; readonly variable?: TSESLint.Scope.Variable } | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return { object: target };
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.node.id !== definition.name || definition.node.parent.kind !== 'const' || !definition.node.init) return undefined;
  const init = unwrapExpression(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? { object: init, variable: variable! } : undefined;
}
