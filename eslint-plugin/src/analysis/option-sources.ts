import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { optionsParameterOf } from './caller-options.js';
import { contains, type FunctionNode } from './loops.js';
import { enclosingFunction } from './protection.js';
import { isObjectMerge, propertyKey, unwrapExpression } from './syntax.js';

// Where the names an options expression reads come from, for option-presence.ts: the wrapper's own options (a
// parameter, destructured or gathered), its class's creation options, a local or module constant, or a property of
// what a function of the file returns (whose returns helper-returns.ts reads).

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** Where a caller's option comes from: the function's own parameters, or (`creation`) its class's constructor's. */
export type Binding =
  | { kind: 'options'; index: number; creation?: boolean }
  | { kind: 'option'; index: number; name: string; fallback: TSESTree.Expression | undefined; creation?: boolean }
  | { kind: 'rest'; index: number; excluded: ReadonlySet<string>; creation?: boolean }
  | { kind: 'local'; variable: Variable; init: TSESTree.Expression | null }
  /** `const { options } = setupRequest(payload)`: the property of what a function of this file returns. */
  | { kind: 'returned'; call: TSESTree.CallExpression; property: string }
  | { kind: 'unknown' };

/** What `identifier` names, seen from the wrapper `fn`. */
export function bindingOf(source: SourceCode, fn: FunctionNode, identifier: TSESTree.Identifier): Binding {
  const variable = findVariable(source.getScope(identifier) as never, identifier) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || !def) return { kind: 'unknown' };
  const creation = def.type === 'Parameter' && def.node !== fn && isOwnConstructor(fn, def.node);
  if (def.type === 'Parameter' && (def.node === fn || creation)) {
    const owner = def.node as FunctionNode;
    const index = owner.params.findIndex((param) => contains(param, def.name));
    let param: TSESTree.Node | undefined = owner.params[index];
    if (param?.type === AST_NODE_TYPES.TSParameterProperty) param = param.parameter;
    if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
    if (!param) return { kind: 'unknown' };
    if (param === def.name) return { kind: 'options', index, creation };
    const binding = param.type === AST_NODE_TYPES.ObjectPattern ? destructured(def.name as TSESTree.Identifier, param, index) : { kind: 'unknown' as const };
    return binding.kind === 'unknown' ? binding : { ...binding, creation };
  }
  if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init) {
    // `const { signal } = options` in the constructor: an option of the creation
    const constructor = enclosingFunction(def.node);
    const index = constructor && constructor !== fn && isOwnConstructor(fn, constructor) ? optionsParameterOf(source, def.node.init, constructor) : undefined;
    if (index !== undefined) {
      const binding = destructured(def.name as TSESTree.Identifier, def.node.id, index);
      return binding.kind === 'unknown' ? binding : { ...binding, creation: true };
    }
  }
  if (def.type !== 'Variable') return { kind: 'unknown' };
  // a `const` of the module or an outer function (`const defaults = { headers }` spread into the init) is as much
  // in view as one of the wrapper's own: what it holds, and every write on its members, are read the same way; one
  // handed to other code (`applyDefaults(defaults)`) may be given anything there
  if (!contains(fn, def.node)) {
    if (def.parent.kind !== 'const' || !def.node.init) return { kind: 'unknown' };
    // a property taken from what a helper returns, handed here to the call being judged (and to nothing outside)
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      return variable.references.some((reference) => handedToCall(reference) && !contains(fn, reference.identifier))
        ? { kind: 'unknown' } : returnedProperty(def.name as TSESTree.Identifier, def.node.id, def.node.init);
    }
    // (handed to a call inside the wrapper, the call being judged among them, it is read there like the wrapper's own)
    return def.node.id.type === AST_NODE_TYPES.Identifier && !variable.references.some((reference) => handedToCall(reference) && !contains(fn, reference.identifier))
      ? { kind: 'local', variable, init: def.node.init } : { kind: 'unknown' };
  }
  if (def.node.id.type === AST_NODE_TYPES.Identifier) return { kind: 'local', variable, init: def.node.init };
  if (def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !def.node.init) return { kind: 'unknown' };
  const index = optionsParameterOf(source, def.node.init, fn);
  if (index === undefined) return returnedProperty(def.name as TSESTree.Identifier, def.node.id, def.node.init);
  return destructured(def.name as TSESTree.Identifier, def.node.id, index);
}

/** `const { options } = build(...)` (or `{ options: opts }`): the property of a call's result the name holds. */
function returnedProperty(name: TSESTree.Identifier, pattern: TSESTree.ObjectPattern, init: TSESTree.Expression): Binding {
  const call = unwrapExpression(init);
  if (call.type !== AST_NODE_TYPES.CallExpression) return { kind: 'unknown' };
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.value !== name) continue;
    const key = propertyKey(property);
    return key === undefined ? { kind: 'unknown' } : { kind: 'returned', call, property: key };
  }
  return { kind: 'unknown' };
}

/** `node` is the constructor of the class whose method (or arrow-function field) makes the call. */
function isOwnConstructor(fn: FunctionNode, node: TSESTree.Node): boolean {
  const method = node.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return false;
  const owner = fn.parent;
  return (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.PropertyDefinition) && owner.parent === method.parent;
}

/** `{ timeout, ...rest }` taken from the caller's options: which option a name holds, or the rest of them. */
function destructured(name: TSESTree.Identifier, pattern: TSESTree.ObjectPattern, index: number): Extract<Binding, { kind: 'option' | 'rest' | 'unknown' }> {
  const excluded = new Set<string>();
  let found: Extract<Binding, { kind: 'option' | 'rest' | 'unknown' }> = { kind: 'unknown' };
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.RestElement) {
      if (property.argument === name) found = { kind: 'rest', index, excluded };
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined) return { kind: 'unknown' };
    excluded.add(key);
    const value = property.value;
    if (value === name) found = { kind: 'option', index, name: key, fallback: undefined };
    else if (value.type === AST_NODE_TYPES.AssignmentPattern && value.left === name) found = { kind: 'option', index, name: key, fallback: value.right };
  }
  return found;
}

/** The reference is an argument of a call or `new` (not the callee, not spread into an object). */
function handedToCall(reference: TSESLint.Scope.Reference): boolean {
  const parent = reference.identifier.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return false;
  const index = parent.arguments.indexOf(reference.identifier as TSESTree.Identifier);
  // a source of `Object.assign(target, ...sources)` is only read
  return index >= 0 && !(index > 0 && parent.type === AST_NODE_TYPES.CallExpression && isObjectMerge(parent));
}
