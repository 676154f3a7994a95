import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { heldOptions, libraryOf, type ClientValue, type InstanceOptions } from '../libraries/index.js';
import { isFunction, type FunctionNode } from './loops.js';
import { enclosingFunction } from './protection.js';
import { staticPropertyName } from './member-syntax.js';
import { isObjectMerge, isOptionalLiteral, propertyKey, unwrapExpression, withoutEmptyFallback } from './syntax.js';
import type { Value } from '../project/values.js';

/**
 * The options a client is created with, read through what a factory of the project does with them:
 * `const config = { ...axios.defaults, ...customConfig }; config.httpAgent = agent; axios.create(config)`.
 * A spread of the library's own `defaults` adds no bound (axios's `timeout` defaults to 0) unless this file sets
 * one on them; a spread of a parameter of the creating function leaves the bound to what each caller passes
 * (`parameter`), judged where the factory is called.
 */
export interface CreationArgument {
  readonly options: InstanceOptions;
  /** The index of the creating function's parameter whose spread the options take in. */
  readonly parameter?: number;
}

type Variable = TSESLint.Scope.Variable;

export interface CreationScope {
  variableOf(identifier: TSESTree.Identifier): Variable | undefined;
  evaluate(node: TSESTree.Node): Value | undefined;
  /** The parameter whose object a function of this file or of the project hands back unbounded (`withProxy(url, config)`). */
  passedThroughParameter(callee: TSESTree.Node): number | undefined;
  /** The file sets `<client>.defaults.timeout` on the library's root. */
  setsRootDefaultsTimeout(): boolean;
  /** A config a function of the project builds in modules that never write one of `words` (see project-config-sources.ts). */
  unboundedProjectConfig(node: TSESTree.Node, words: readonly string[]): boolean;
}

export function creationArgument(argument: TSESTree.Node, client: ClientValue, scope: CreationScope): CreationArgument | undefined {
  const bounding = boundingNames(client);
  const holder = libraryOf(client.kind)?.optionsHolderClass;
  const configWords = libraryOf(client.kind)?.timeout?.projectConfigBounds ?? [];
  const unboundedConfig = (node: TSESTree.Node): boolean => configWords.length > 0 && scope.unboundedProjectConfig(node, configWords);
  let object = passedThrough(withoutEmptyFallback(argument), scope);
  // `new S3Client(await loadConfiguration(context))`: options that set nothing, where a fix adds the bound
  if (object.type !== AST_NODE_TYPES.ObjectExpression && unboundedConfig(object)) return { options: emptyObjectAt(object) };
  if (object.type === AST_NODE_TYPES.Identifier) {
    const literal = localObject(object, bounding, holder, scope);
    if (!literal) return undefined;
    object = literal;
  }
  if (holder !== undefined) object = heldOptions(object, holder) ?? object;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (!object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return { options: object };
  const creating = enclosingFunction(argument);
  let parameter: number | undefined;
  const kept: TSESTree.ObjectLiteralElement[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.SpreadElement) {
      kept.push(property);
      continue;
    }
    const spread = unwrapExpression(property.argument);
    if (spreadsLibraryDefaults(spread, client, scope) || unboundedConfig(spread)) continue;
    // `...(credentials && { credentials })`: a literal or none, read with the rest
    if (isOptionalLiteral(spread)) {
      kept.push(property);
      continue;
    }
    // `...DEFAULTS`, a constant object of the file only ever read, naming no bound: it adds none
    const constant = spread.type === AST_NODE_TYPES.Identifier ? readOnlyConstant(spread, scope) : undefined;
    const namesNoBound = (option: TSESTree.ObjectLiteralElement): boolean => {
      const key = option.type === AST_NODE_TYPES.Property ? propertyKey(option) : undefined;
      return key !== undefined && !bounding.includes(key);
    };
    if (constant?.properties.every(namesNoBound)) continue;
    const index = spread.type === AST_NODE_TYPES.Identifier && creating ? optionsParameter(spread, creating, scope) : undefined;
    if (index === undefined || (parameter !== undefined && parameter !== index)) return { options: null };
    parameter = index;
  }
  // the same node with the spreads it reads through: its range stays the literal's, where a fix adds the timeout
  const options: TSESTree.ObjectExpression = { ...object, properties: kept };
  return parameter === undefined ? { options } : { options, parameter };
}

function emptyObjectAt(node: TSESTree.Node): TSESTree.ObjectExpression {
  return { type: AST_NODE_TYPES.ObjectExpression, properties: [], range: node.range, loc: node.loc, parent: node.parent } as TSESTree.ObjectExpression;
}

function boundingNames(client: ClientValue): readonly string[] {
  const model = libraryOf(client.kind)?.timeout;
  return model ? [...model.instanceOptions, ...model.instanceOptionsRead ?? [], ...model.callOptions] : [];
}

/**
 * `const config = { ... }` with later writes that set nothing bounding (`config.proxy = false`); for a library whose
 * options come in a holder, `const configuration = new Configuration({ ... })` too.
 */
function localObject(identifier: TSESTree.Identifier, bounding: readonly string[], holder: string | undefined, scope: CreationScope): TSESTree.ObjectExpression | undefined {
  const variable = scope.variableOf(identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
  const init = holder === undefined ? passedThrough(def.node.init, scope) : heldOptions(def.node.init, holder) ?? unwrapExpression(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const reference of variable!.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return undefined;
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
      const written = parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
      const key = staticPropertyName(parent);
      if (written && (key === undefined || bounding.includes(key))) return undefined;
      continue;
    }
    if (shownOnly(reference.identifier)) continue;
    // handed to a call or `new` (as it is, or with an empty fallback: `config ?? {}`): only the creation itself, which reads it
    const handed = parent && withoutEmptyFallback(parent) === reference.identifier ? parent : reference.identifier;
    const receiver = handed.parent;
    if ((receiver?.type === AST_NODE_TYPES.CallExpression || receiver?.type === AST_NODE_TYPES.NewExpression) && receiver.arguments.includes(handed as TSESTree.CallExpressionArgument)
      && scope.evaluate(receiver.callee) !== undefined) continue;
    return undefined;
  }
  return init;
}

/**
 * `debug({ opts })`, `JSON.stringify(opts)`: the options shown to a logger inside a fresh literal, or serialised. The
 * callee gets a new object holding them (or a string), not a place to add a bound to them.
 */
function shownOnly(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === identifier && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const literal = parent.parent;
    return literal.parent?.type === AST_NODE_TYPES.CallExpression && literal.parent.arguments.includes(literal);
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== identifier) return false;
  const callee = parent.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'JSON'
    && staticPropertyName(callee) === 'stringify';
}

/**
 * The object literal a `const` holds (with no spread of its own), when it is only ever read: spread into literals,
 * its members read, or given as a source of `Object.assign`.
 */
function readOnlyConstant(identifier: TSESTree.Identifier, scope: CreationScope): TSESTree.ObjectExpression | undefined {
  const variable = scope.variableOf(identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
  const init = unwrapExpression(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression || init.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const onlyRead = variable!.references.every(({ identifier: used, init: declared }) => {
    const parent = used.parent;
    if (declared || parent?.type === AST_NODE_TYPES.SpreadElement) return true;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === used) {
      return !(parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent);
    }
    return parent?.type === AST_NODE_TYPES.CallExpression && isObjectMerge(parent) && parent.arguments.indexOf(used as TSESTree.Identifier) > 0;
  });
  return onlyRead ? init : undefined;
}

/**
 * `withProxy(url, { baseURL })`, a helper of the project that hands back the config it is given with nothing added
 * that bounds a call (proxy agents): the config given. Anything else is returned as it is.
 */
function passedThrough(node: TSESTree.Node, scope: CreationScope, depth = 0): TSESTree.Node {
  const call = unwrapExpression(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || depth > 2) return call;
  const parameter = scope.passedThroughParameter(call.callee);
  if (parameter === undefined) return call;
  const given = call.arguments[parameter];
  return given && given.type !== AST_NODE_TYPES.SpreadElement ? passedThrough(given, scope, depth + 1) : call;
}

/** `...axios.defaults`: the library's root defaults, which bound nothing unless the file sets their timeout. */
function spreadsLibraryDefaults(spread: TSESTree.Node, client: ClientValue, scope: CreationScope): boolean {
  if (spread.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(spread) !== 'defaults') return false;
  const owner = scope.evaluate(spread.object);
  return owner !== undefined && owner.kind === client.kind && (owner as ClientValue).role === 'root' && !scope.setsRootDefaultsTimeout();
}

/** A parameter of the creating function taken whole, left out or defaulting to options that bound nothing. */
function optionsParameter(identifier: TSESTree.Identifier, fn: FunctionNode, scope: CreationScope): number | undefined {
  const def = scope.variableOf(identifier)?.defs[0];
  if (def?.type !== 'Parameter' || def.node !== fn || !isFunction(def.node)) return undefined;
  const index = fn.params.findIndex((param) => param === def.name || restOf(param) === def.name
    || (param.type === AST_NODE_TYPES.AssignmentPattern && (param.left === def.name || restOf(param.left) === def.name)
      && unwrapExpression(param.right).type === AST_NODE_TYPES.ObjectExpression
      && (unwrapExpression(param.right) as TSESTree.ObjectExpression).properties.length === 0));
  return index < 0 ? undefined : index;
}

/** `{ secure, ...axiosConfig }`: the rest of the options, the caller's config less what the function reads itself. */
function restOf(pattern: TSESTree.Node): TSESTree.Node | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const rest = pattern.properties.at(-1);
  return rest?.type === AST_NODE_TYPES.RestElement ? rest.argument : undefined;
}
