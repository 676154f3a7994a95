import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { functionName, getFileNodes, isFunction, type FunctionName } from './loops.js';
import { staticPropertyName } from './member-syntax.js';

/** A computed member's key that is a plain parameter of a named function, whose callers in the file may name it. */
export interface CallerKey {
  readonly fn: FunctionName;
  readonly index: number;
}

/**
 * `graph[method](path, ...rest, callback)` with `method` a plain parameter of the function it is in: the parameter,
 * whose callers' arguments (`namesGivenByCallers`) are the members the key may name. A cheap test, made before the
 * file's calls are scanned.
 */
export function callerKey(sourceCode: Readonly<TSESLint.SourceCode>, key: TSESTree.Node): CallerKey | undefined {
  if (key.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = (findVariable(sourceCode.getScope(key) as never, key) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return undefined;
  const index = def.node.params.indexOf(def.name as TSESTree.Parameter);
  const fn = functionName(def.node);
  return index >= 0 && fn ? { fn, index } : undefined;
}

/**
 * The names every call of the key's function in the file gives it as a string (`base('get', path, token)`,
 * `this.base('post', ...)`). Undefined when one call gives anything else, or none is in view.
 */
export function namesGivenByCallers(sourceCode: Readonly<TSESLint.SourceCode>, { fn, index }: CallerKey): string[] | undefined {
  const names = new Set<string>();
  for (const call of getFileNodes(sourceCode).calls) {
    const callee = call.callee;
    const calls = fn.method
      ? callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === fn.name
      : callee.type === AST_NODE_TYPES.Identifier && callee.name === fn.name;
    if (!calls) continue;
    const given = call.arguments[index];
    if (given?.type !== AST_NODE_TYPES.Literal || typeof given.value !== 'string') return undefined;
    names.add(given.value);
  }
  return names.size > 0 ? [...names] : undefined;
}
