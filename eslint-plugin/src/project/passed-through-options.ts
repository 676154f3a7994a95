import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { BOUNDING_OPTIONS, parameterOf } from '../analysis/caller-options.js';
import type { FunctionNode } from '../analysis/loops.js';
import { dottedName } from '../analysis/member-syntax.js';
import { propertyKey, unwrapExpression, withoutEmptyFallback } from '../analysis/syntax.js';
import type { ModuleSource } from './module-source.js';
import { helperFunction } from '../analysis/pass-through-helpers.js';
import { returnedExpression } from './function-returns.js';
import { importedProjectFunction } from '../analysis/imported-from.js';

// Functions that hand back the options object they are given, adding nothing that bounds a call (a proxy helper
// setting agents): what they return is their caller's object, which bounds the call or client it configures or not.

/**
 * `function withProxy(config = {}) { config.httpsAgent = agent; return config; }`: the index of the parameter the
 * function returns, when it sets nothing on it that bounds a call and hands it to nothing else.
 */
export function passedThroughParameter(source: ModuleSource, fn: FunctionNode, returned: TSESTree.Expression): number | undefined {
  if (returned.type === AST_NODE_TYPES.ObjectExpression) return copiedParameter(source, fn, returned);
  if (returned.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(source.getScope(returned) as never, returned) as TSESLint.Scope.Variable | null;
  const parameter = parameterOf(source, returned, fn);
  // `const copy = { ...options }; if (proxy) copy.agent = agent; return copy;`: a copy kept in a local first
  const index = parameter?.plain ? parameter.index : parameter ? undefined : localCopyOf(source, fn, variable);
  if (index === undefined) return undefined;
  for (const reference of variable?.references ?? []) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.left === reference.identifier) continue; // its default
    if (reference.isWrite()) {
      if (reference.init) continue;
      return undefined;
    }
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
      const written = parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
      const name = dottedName(parent)?.split('.').pop();
      if (written && (name === undefined || BOUNDING_OPTIONS.has(name))) return undefined;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.ReturnStatement) continue;
    if (parent?.type === AST_NODE_TYPES.CallExpression && readsOnly(parent)) continue;
    return undefined; // handed to other code, which may set anything on it
  }
  return index;
}

/** Built-ins that read an object and set nothing on it: a sanitiser checking which keys its copy has. */
const READ_ONLY_CALLS = new Set(['Object.prototype.hasOwnProperty.call', 'Object.hasOwn', 'Object.keys', 'Object.entries', 'Object.values', 'JSON.stringify']);

function readsOnly(call: TSESTree.CallExpression): boolean {
  const name = call.callee.type === AST_NODE_TYPES.MemberExpression ? dottedName(call.callee) : undefined;
  return name !== undefined && READ_ONLY_CALLS.has(name);
}

/**
 * `withProxy(options)`, a helper of this file handing back (a copy of) the options it is given with nothing added that
 * bounds a call: the argument it hands back, else undefined.
 */
export function handedBackArgument(source: ModuleSource, node: TSESTree.Node): TSESTree.Expression | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  // a helper of this module, or one it imports from the project (a sanitiser checking the options it copies)
  const local = helperFunction(source, node.callee);
  const helper = local ? { source, fn: local } : importedProjectFunction(source, node.callee);
  const returned = helper && returnedExpression(helper.fn, helper.source.visitorKeys);
  const index = returned && passedThroughParameter(helper.source, helper.fn, returned);
  const given = index === undefined ? undefined : node.arguments[index];
  return given && given.type !== AST_NODE_TYPES.SpreadElement ? given : undefined;
}

/** The parameter a `const` of `fn` copies (`const copy = { ...options }`), adding nothing that bounds a call. */
function localCopyOf(source: ModuleSource, fn: FunctionNode, variable: TSESLint.Scope.Variable | null): number | undefined {
  const [definition] = variable?.defs ?? [];
  const declarator = definition?.type === 'Variable' ? definition.node : undefined;
  if (variable?.defs.length !== 1 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) return undefined;
  const init = unwrapExpression(declarator.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? copiedParameter(source, fn, init) : undefined;
}

/**
 * `({ ...config, proxy: false })`, `({ ...(options ?? {}), headers })`: a copy of one parameter with options added
 * that bound nothing. A copy that spreads anything else, or adds a key that may bound (or one it cannot name), is not
 * the caller's object.
 */
function copiedParameter(source: ModuleSource, fn: FunctionNode, returned: TSESTree.ObjectExpression): number | undefined {
  let copied: number | undefined;
  for (const property of returned.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = withoutEmptyFallback(property.argument);
      const parameter = spread.type === AST_NODE_TYPES.Identifier ? parameterOf(source, spread, fn) : undefined;
      if (!parameter?.plain || copied !== undefined) return undefined;
      copied = parameter.index;
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined || BOUNDING_OPTIONS.has(key)) return undefined;
  }
  return copied;
}

/** The parameter is left out or defaults to options that bound nothing (`config = {}`). */
export function defaultUnbounded(fn: FunctionNode, index: number): boolean {
  const param = fn.params[index];
  if (param?.type !== AST_NODE_TYPES.AssignmentPattern) return param?.type === AST_NODE_TYPES.Identifier;
  const fallback = unwrapExpression(param.right);
  return fallback.type === AST_NODE_TYPES.ObjectExpression && fallback.properties.every((property) =>
    property.type === AST_NODE_TYPES.Property && propertyKey(property) !== undefined && !BOUNDING_OPTIONS.has(propertyKey(property)!));
}

