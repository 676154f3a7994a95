import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import { MAX_CALLERS, parameterOf } from './caller-signals.js';
import type { ExternalCall } from './external-calls.js';
import { boundingKeys, callersOf, inProduct } from './layer-callers.js';
import { enclosingFunction, type FunctionNode } from './loops.js';
import { isNothing, signalMayBeUndefined } from './optional-signals.js';
import { propertyKey, unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

interface Caller {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly module: SourceCode;
}

/**
 * A request layer handed its caller's whole argument tuple (`send(params)` with `params: Parameters<typeof fetch>`,
 * spread into `fetch(...params)`) leaves the bound to whoever builds the tuple, as `(...args) => fetch(...args)`
 * does. But when every caller in view is the project's own code building `[url, init]` with no bound in the init
 * (none at all, or only a signal its own caller may leave out), nobody bounds the request: the layer is where one edit
 * bounds them all (an SDK's client functions and its REST client, all through one fetch layer). The callers are those
 * of the layer by name, or, for a layer its factory returns (`const send = makeSender(); ... send([url, init])`), of
 * what the factory's calls give, also through a function of the caller's module it is handed to. A layer nobody in
 * view calls (a library's API) is not judged; neither is a caller whose tuple cannot be read.
 */
export function tupleCallersGiveNoBound(sourceCode: SourceCode, call: ExternalCall, filename: string): boolean {
  const spread = tupleSpread(call);
  const parameter = spread && parameterOf(sourceCode, spread);
  const optionsIndex = libraryOf(call.client)?.fix.optionsIndex?.(call, undefined, sourceCode);
  const keys = boundingKeys(call);
  if (call.client !== 'fetch' || !parameter || parameter.destructuredKey !== undefined || optionsIndex === undefined || keys.length === 0) return false;
  const callers = layerCallers(sourceCode, filename, parameter.fn);
  if (callers.length === 0 || callers.length > MAX_CALLERS) return false;
  return callers.every(({ call: other, module }) => initGivesNoBound(module, tupleInit(module, other.arguments[parameter.index], optionsIndex), keys));
}

/**
 * The same for a layer a factory makes that hands its caller's init on whole (`fetchRequestFactory(config)(url, init)`
 * calling `fetch(url, init)`): a wrapper called by name is followed into its callers, who are told there; one made
 * by a factory is not, so when every caller in view of what the factory gives builds an init with no bound, the layer
 * is where the bound goes.
 */
export function madeLayerCallersGiveNoBound(sourceCode: SourceCode, call: ExternalCall, filename: string): boolean {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  const parameter = options?.type === AST_NODE_TYPES.Identifier ? parameterOf(sourceCode, options) : undefined;
  const keys = boundingKeys(call);
  if (call.client !== 'fetch' || !parameter || parameter.destructuredKey !== undefined || keys.length === 0) return false;
  if (!returnedBy(sourceCode, parameter.fn) || layerCallers(sourceCode, filename, parameter.fn, false).length > 0) return false;
  const callers = layerCallers(sourceCode, filename, parameter.fn);
  if (callers.length === 0 || callers.length > MAX_CALLERS) return false;
  return callers.every(({ call: other, module }) => {
    const given = other.arguments[parameter.index];
    if (given?.type === AST_NODE_TYPES.SpreadElement) return false;
    return initGivesNoBound(module, given === undefined ? null : unwrapExpression(given), keys);
  });
}

/** The one argument of the call when it is a spread of a name (`fetch(...params)`). */
export function tupleSpread(call: ExternalCall): TSESTree.Identifier | undefined {
  const [only, ...rest] = call.node.arguments;
  if (rest.length > 0 || only?.type !== AST_NODE_TYPES.SpreadElement) return undefined;
  const argument = unwrapExpression(only.argument);
  return argument.type === AST_NODE_TYPES.Identifier ? argument : undefined;
}

/** The layer's calls in view: by its name, then (`throughFactory`) of what the factory that returns it gives. */
function layerCallers(sourceCode: SourceCode, filename: string, layer: FunctionNode, throughFactory = true): Caller[] {
  // the layer's tests call it as they please: what the product's own callers give decides
  const named = callersOf(sourceCode, filename, layer).filter(inProduct).map(({ call, module }) => ({ call, module }))
    // the layer asking again with what it was given (a retry) adds no caller
    .filter(({ call }) => !call.arguments.some((argument) => forwardsOwnTuple(sourceCode, argument, layer)));
  const factory = throughFactory ? returnedBy(sourceCode, layer) : undefined;
  if (!factory) return named;
  const given: Caller[] = [];
  for (const { call: made, module } of callersOf(sourceCode, filename, factory).filter(inProduct)) {
    // `makeSender()(url, init)`
    if (made.parent.type === AST_NODE_TYPES.CallExpression && made.parent.callee === made) {
      given.push({ call: made.parent, module });
      continue;
    }
    const holder = made.parent.type === AST_NODE_TYPES.VariableDeclarator && made.parent.init === made ? made.parent.id : undefined;
    if (holder?.type !== AST_NODE_TYPES.Identifier) return [];
    const calls = callsOfName(module, module.getDeclaredVariables(made.parent as TSESTree.VariableDeclarator)[0]);
    if (!calls) return [];
    given.push(...calls.map((call) => ({ call, module })));
  }
  return [...named, ...given];
}

/** The function whose `return` gives `layer` (`return send`, `return async (params) => ...`). */
function returnedBy(sourceCode: SourceCode, layer: FunctionNode): FunctionNode | undefined {
  const holder = layer.parent;
  if (holder?.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(holder);
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = sourceCode.getDeclaredVariables(holder)[0];
  const returned = variable?.references.find((reference) => reference.identifier.parent?.type === AST_NODE_TYPES.ReturnStatement);
  const outer = returned && enclosingFunction(returned.identifier);
  return outer && outer === enclosingFunction(holder) ? outer : undefined;
}

/**
 * The calls of a variable holding the layer: called by name, or handed to a function declared in the same module that
 * calls its parameter. Undefined when it is used any other way (stored, returned, handed elsewhere): its callers are
 * then out of view.
 */
function callsOfName(module: SourceCode, variable: Variable | undefined): TSESTree.CallExpression[] | undefined {
  if (!variable) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = reference.identifier;
    const parent = use.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    if (parent.callee === use) {
      calls.push(parent);
      continue;
    }
    const handedTo = handedParameter(module, parent, parent.arguments.indexOf(use as TSESTree.CallExpressionArgument));
    if (!handedTo) return undefined;
    for (const inner of handedTo.references) {
      const innerParent = inner.identifier.parent;
      if (innerParent?.type !== AST_NODE_TYPES.CallExpression || innerParent.callee !== inner.identifier) return undefined;
      calls.push(innerParent);
    }
  }
  return calls;
}

/** The parameter, as a variable, of the module's own function `call` calls, at the position `index` hands to it. */
function handedParameter(module: SourceCode, call: TSESTree.CallExpression, index: number): Variable | undefined {
  if (index < 0 || call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = findVariable(module.getScope(call) as never, call.callee) as Variable | null;
  const def = fn?.defs.length === 1 ? fn.defs[0] : undefined;
  if (def?.type !== 'FunctionName' || def.node.type !== AST_NODE_TYPES.FunctionDeclaration) return undefined;
  const parameter = def.node.params[index];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return undefined;
  return module.getDeclaredVariables(def.node).find((variable) => variable.defs[0]?.name === parameter);
}

function forwardsOwnTuple(module: SourceCode, argument: TSESTree.Node | undefined, layer: FunctionNode): boolean {
  const target = argument && unwrapExpression(argument);
  return target?.type === AST_NODE_TYPES.Identifier && parameterOf(module, target)?.fn === layer;
}

/** The init a caller's tuple holds at the options' place: null when it has none, undefined when it cannot be read. */
function tupleInit(module: SourceCode, argument: TSESTree.Node | undefined, index: number): TSESTree.Node | null | undefined {
  let tuple = argument && unwrapExpression(argument);
  if (tuple?.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(module.getScope(tuple) as never, tuple) as Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return undefined;
    tuple = unwrapExpression(def.node.init);
  }
  if (tuple?.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  if (tuple.elements.slice(0, index + 1).some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const init = tuple.elements[index];
  return init === undefined || init === null ? null : unwrapExpression(init);
}

/**
 * The init sets no bound of its own: left out, or a literal naming none, or naming only a signal the caller's own
 * caller may leave out (an SDK function handing on its user's optional `signal`); a spread in it only of literals
 * chosen by a condition that name none (`...(body ? { body } : undefined)`).
 */
function initGivesNoBound(module: SourceCode, given: TSESTree.Node | null | undefined, keys: readonly string[]): boolean {
  if (given === null) return true;
  const init = given && constantObject(module, given);
  if (!init) return false;
  return init.properties.every((property) => {
    if (property.type === AST_NODE_TYPES.SpreadElement) return spreadNamesNone(unwrapExpression(property.argument), keys);
    const key = propertyKey(property);
    if (key === undefined) return false;
    return !keys.includes(key) || isNothing(property.value) || (key === 'signal' && callerMayLeaveOut(module, property.value as TSESTree.Node));
  });
}

/** An object literal, written there or held by a `const` of the caller's that nothing writes a member of. */
function constantObject(module: SourceCode, node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(module.getScope(target) as never, target) as Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return undefined;
  const held = unwrapExpression(def.node.init);
  const written = variable!.references.some(({ identifier }) => identifier.parent?.type === AST_NODE_TYPES.MemberExpression
    && identifier.parent.object === identifier && identifier.parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && identifier.parent.parent.left === identifier.parent);
  return held.type === AST_NODE_TYPES.ObjectExpression && !written ? held : undefined;
}

function spreadNamesNone(node: TSESTree.Node, keys: readonly string[]): boolean {
  if (isNothing(node)) return true;
  if (node.type === AST_NODE_TYPES.ConditionalExpression) return spreadNamesNone(unwrapExpression(node.consequent), keys) && spreadNamesNone(unwrapExpression(node.alternate), keys);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return spreadNamesNone(unwrapExpression(node.right), keys);
  return node.type === AST_NODE_TYPES.ObjectExpression && node.properties.every((property) =>
    property.type === AST_NODE_TYPES.Property && propertyKey(property) !== undefined && !keys.includes(propertyKey(property)!));
}

/**
 * A signal that may be undefined, or one taken from options its function's caller may leave out (`options = {}`,
 * `options?: ...`, then `const { signal } = options`): the user's to give, which bounds nothing when they give none.
 */
function callerMayLeaveOut(module: SourceCode, value: TSESTree.Node): boolean {
  if (signalMayBeUndefined(module, value)) return true;
  const target = unwrapExpression(value);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(module.getScope(target) as never, target) as Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'Parameter') return optionalParameter(module, target);
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !def.node.init) return false;
  const from = unwrapExpression(def.node.init);
  return from.type === AST_NODE_TYPES.Identifier && optionalParameter(module, from);
}

/** A parameter of its function, or a name destructured from one, that its callers may leave out. */
function optionalParameter(module: SourceCode, identifier: TSESTree.Identifier): boolean {
  const found = parameterOf(module, identifier);
  const parameter = found && found.fn.params[found.index];
  return parameter !== undefined && (parameter.type === AST_NODE_TYPES.AssignmentPattern || ('optional' in parameter && parameter.optional === true));
}
