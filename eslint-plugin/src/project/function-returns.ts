import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../libraries/index.js';
import type { Evaluator } from '../analysis/evaluator.js';
import { walkSameFunction, type FunctionNode } from '../analysis/loops.js';
import type { ModuleSource } from './module-source.js';
import { isProjectValue, type Value } from './values.js';

// What a function of a summarised module returns: one expression, the one plain client among several returns, or a
// function calling one of its parameters with its own arguments (a decorator of a client it is handed).

/** What a function returns when it has one return (`if (typeof fetch !== 'undefined') return fetch; throw ...`). */
export function returnedExpression(fn: FunctionNode, visitorKeys: ModuleSource['visitorKeys']): TSESTree.Expression | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns: TSESTree.ReturnStatement[] = [];
  walkSameFunction(fn.body, visitorKeys, (node) => {
    // `if (!configured) return undefined;`: a factory that gives nothing when it cannot make its client
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !givesNothing(node.argument)) returns.push(node);
  });
  return returns.length === 1 ? returns[0]!.argument ?? undefined : undefined;
}

/**
 * `if (config.fetchApi) return config.fetchApi; return global.fetch;`: of several returns, the one plain client they
 * give (fetch) when every other return gives nothing known (the caller's own, which stands in for it, as in
 * `config.fetchApi ?? fetch`). Clients made with options are left alone: two creations may differ in their bounds.
 */
export function defaultAmongReturns(fn: FunctionNode, visitorKeys: ModuleSource['visitorKeys'], evaluator: Evaluator): Value | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const values: (Value | undefined)[] = [];
  walkSameFunction(fn.body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !givesNothing(node.argument)) values.push(evaluator.evaluate(node.argument));
  });
  const known = values.filter((value): value is Value => value !== undefined);
  const [first] = known;
  if (values.length < 2 || !first || isProjectValue(first) || first.origin !== undefined || first.options.length > 0) return undefined;
  return known.every((value) => value === first) ? first : undefined;
}

function givesNothing(node: TSESTree.Expression): boolean {
  const target = unwrapExpression(node);
  return (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') || (target.type === AST_NODE_TYPES.Literal && target.value === null);
}

/**
 * `(...args) => promiseRetry(async () => fn(...args))` returned by a function that takes `fn`: the index of the
 * parameter the returned function calls with all of its own arguments; also through another such function of the
 * project (`return promiseRetryWithCondition(fn, isDNSError)`).
 */
export function decoratedParameter(source: ModuleSource, fn: FunctionNode, returned: TSESTree.Expression, evaluator: Evaluator): number | undefined {
  const parameterIndex = (node: TSESTree.Node): number | undefined => {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = (findVariable(source.getScope(node) as never, node) as TSESLint.Scope.Variable | null)?.defs[0];
    if (def?.type !== 'Parameter' || def.node !== fn) return undefined;
    const index = fn.params.indexOf(def.name as TSESTree.Parameter);
    return index < 0 ? undefined : index;
  };
  if (returned.type === AST_NODE_TYPES.CallExpression) {
    const inner = evaluator.evaluateHelper(returned.callee);
    if (!inner || !isProjectValue(inner) || inner.kind !== 'project-decorator') return undefined;
    const given = returned.arguments[inner.parameter];
    return given && parameterIndex(given);
  }
  if (returned.type !== AST_NODE_TYPES.ArrowFunctionExpression && returned.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const positional = forwardedPositionally(source, returned, parameterIndex);
  if (positional !== undefined) return positional;
  const [rest, ...others] = returned.params;
  if (rest?.type !== AST_NODE_TYPES.RestElement || rest.argument.type !== AST_NODE_TYPES.Identifier || others.length > 0) return undefined;
  const argumentsName = rest.argument.name;
  let found: number | undefined;
  walkNested(returned.body, source.visitorKeys, (node) => {
    if (found !== undefined || node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return;
    const [spread] = node.arguments;
    if (spread?.type === AST_NODE_TYPES.SpreadElement && spread.argument.type === AST_NODE_TYPES.Identifier && spread.argument.name === argumentsName) {
      found = parameterIndex(unwrapExpression(node.callee));
    }
  });
  return found;
}

/**
 * `(url, init) => { ... await fetchFn(url, init) ... }`: the returned function calls one of the factory's parameters
 * with every argument it was given, in order (a retrying fetch made around the fetch it is handed).
 */
function forwardedPositionally(source: ModuleSource, returned: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
  parameterIndex: (node: TSESTree.Node) => number | undefined): number | undefined {
  const names = returned.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : undefined));
  if (names.length === 0 || names.some((name) => name === undefined)) return undefined;
  let found: number | undefined;
  walkNested(returned.body, source.visitorKeys, (node) => {
    if (found !== undefined || node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== names.length) return;
    if (node.arguments.every((argument, index) => argument.type === AST_NODE_TYPES.Identifier && argument.name === names[index])) {
      found = parameterIndex(unwrapExpression(node.callee));
    }
  });
  return found;
}

/** Every node under `root`, nested functions included. */
function walkNested(root: TSESTree.Node, keys: ModuleSource['visitorKeys'], visit: (node: TSESTree.Node) => void): void {
  visit(root);
  for (const key of keys[root.type] ?? []) {
    const child = (root as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof item === 'object' && 'type' in item) walkNested(item as TSESTree.Node, keys, visit);
    }
  }
}
