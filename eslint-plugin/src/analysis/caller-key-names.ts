import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { functionName, getFileNodes, isFunction } from './loops.js';
import { staticPropertyName } from './member-syntax.js';

/**
 * `graph[method](path, ...rest, callback)` with `method` a plain parameter of the function it is in, which every call
 * of that function in the file gives as a string (`base('get', path, token)`, `this.base('post', ...)`): the names
 * those calls give, the members the key may name. Undefined when one call gives anything else, or none is in view.
 */
export function keyNamesFromCallers(sourceCode: Readonly<TSESLint.SourceCode>, key: TSESTree.Node): string[] | undefined {
  if (key.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = (findVariable(sourceCode.getScope(key) as never, key) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return undefined;
  const fn = def.node;
  const index = fn.params.indexOf(def.name as TSESTree.Parameter);
  const named = functionName(fn);
  if (index < 0 || !named) return undefined;
  const names = new Set<string>();
  for (const call of getFileNodes(sourceCode).calls) {
    const callee = call.callee;
    const calls = named.method
      ? callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === named.name
      : callee.type === AST_NODE_TYPES.Identifier && callee.name === named.name;
    if (!calls) continue;
    const given = call.arguments[index];
    if (given?.type !== AST_NODE_TYPES.Literal || typeof given.value !== 'string') return undefined;
    names.add(given.value);
  }
  return names.size > 0 ? [...names] : undefined;
}
