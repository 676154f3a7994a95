import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../libraries/index.js';
import type { Evaluator } from '../analysis/evaluator.js';
import { isFunction, walkSameFunction, type FunctionNode } from '../analysis/loops.js';
import type { ModuleSource } from './module-source.js';
import { isProjectValue, type Value } from './values.js';

// What a function of a summarised module returns: one expression, the one plain client among several returns, a key of
// the object literals it returns, or a function calling one of its parameters with its own arguments (a decorator of
// a client it is handed).

/** What a function returns when it has one return (`if (typeof fetch !== 'undefined') return fetch; throw ...`). */
export function returnedExpression(fn: FunctionNode, visitorKeys: ModuleSource['visitorKeys']): TSESTree.Expression | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns: TSESTree.ReturnStatement[] = [];
  walkSameFunction(fn.body, visitorKeys, (node) => {
    // `if (!configured) return undefined;`: a factory that gives nothing when it cannot make its client
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !givesNothing(node.argument)) returns.push(node);
  });
  // `if (cached) return cached; cached = new ProxyAgent(proxy); return cached`: one variable, given back wherever it returns
  const [first, ...rest] = returns.map((statement) => unwrapExpression(statement.argument!));
  const oneName = first?.type === AST_NODE_TYPES.Identifier && rest.every((other) => other.type === AST_NODE_TYPES.Identifier && other.name === first.name);
  return returns.length === 1 || oneName ? returns[0]!.argument ?? undefined : undefined;
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

/** What memberOfLiteral needs of the module's evaluator. */
export interface LiteralScope {
  variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined;
  /** The function of this module a callee names, if any. */
  calledFunction(callee: TSESTree.Node): TSESTree.Node | null | undefined;
  evaluate(node: TSESTree.Node): Value | undefined;
  readonly visitorKeys: ModuleSource['visitorKeys'];
}

/**
 * `made.client` where `made` is an object literal of this module or what a function of this module returns
 * (`{ response }` on one path, `{ client: new google.auth.OAuth2(...) }` on another): what the literal gives the key.
 * The evaluator reads it before the package's field index, where an unrelated module's `client: {}` would leave the
 * name unknown (formbricks' Google Sheets callback, beside t3-env's `createEnv({ client: {} })`).
 */
export function memberOfLiteral(object: TSESTree.Node, key: string, scope: LiteralScope, depth = 0): Value | undefined {
  let target = unwrapExpression(object);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
  if (target.type === AST_NODE_TYPES.Identifier && depth === 0) {
    const variable = scope.variableOf(target);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
    if (variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    return memberOfLiteral(def.node.init, key, scope, depth + 1);
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    const given = propertyValue(target, key);
    return given && scope.evaluate(given);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const fn = scope.calledFunction(unwrapExpression(target.callee));
  const given = fn && isFunction(fn) ? keyOfReturnedObjects(fn, key, scope.visitorKeys) : undefined;
  const values = given?.map((node) => scope.evaluate(node));
  // two paths giving the key different things (or one this module cannot read) leave it unknown
  return values?.every((found) => found !== undefined && found === values[0]) ? values[0] : undefined;
}

/**
 * The values a function's returned object literals give a key: `{ client: new google.auth.OAuth2(...) }` of a helper
 * that returns `{ response }` when it cannot make its client. Returns without the key (or giving nothing) say nothing
 * of it; undefined when some return is no object literal, or none gives the key.
 */
function keyOfReturnedObjects(fn: FunctionNode, key: string, visitorKeys: ModuleSource['visitorKeys']): TSESTree.Node[] | undefined {
  const returned: TSESTree.Expression[] = [];
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    walkSameFunction(fn.body, visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !givesNothing(node.argument)) returned.push(node.argument);
    });
  } else {
    returned.push(fn.body);
  }
  const values: TSESTree.Node[] = [];
  for (const expression of returned) {
    const object = unwrapExpression(expression);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const value = propertyValue(object, key);
    if (value) values.push(value);
  }
  return values.length > 0 ? values : undefined;
}

/** The value an object literal gives `key` (the last one written), when no spread after it may replace it. */
function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of [...object.properties].reverse()) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (property.computed || property.kind !== 'init') continue;
    const name = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (name === key) return property.value;
  }
  return undefined;
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

/**
 * `return { headers: { ...shared, Authorization } }` on every path of a function that is not a generator (an
 * expression body counts as one return; an async function's are what its promise resolves to): the keys those
 * literals write, or undefined when a return gives anything else, spreads an object at its top (which may bring any
 * key), or computes a key.
 */
export function literalReturnKeys(fn: FunctionNode, visitorKeys: ModuleSource['visitorKeys']): readonly string[] | undefined {
  // an async helper's keys are those of what it resolves to, read where its call is awaited
  if (fn.generator) return undefined;
  const values: TSESTree.Node[] = [];
  let bare = false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
  else {
    walkSameFunction(fn.body, visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.ReturnStatement) return;
      if (node.argument) values.push(node.argument);
      else bare = true;
    });
  }
  if (bare || values.length === 0) return undefined;
  const keys = new Set<string>();
  // `accept ? { headers: { Accept: accept } } : { headers: {} }`: each branch is a return
  const branches = (node: TSESTree.Node, depth = 0): TSESTree.Node[] => {
    const inner = unwrapExpression(node);
    return inner.type === AST_NODE_TYPES.ConditionalExpression && depth < 4
      ? [...branches(inner.consequent, depth + 1), ...branches(inner.alternate, depth + 1)] : [inner];
  };
  for (const literal of values.flatMap((value) => branches(value))) {
    if (literal.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    for (const property of literal.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
      if (property.key.type === AST_NODE_TYPES.Identifier) keys.add(property.key.name);
      else if (property.key.type === AST_NODE_TYPES.Literal) keys.add(String(property.key.value));
      else return undefined;
    }
  }
  return [...keys];
}
