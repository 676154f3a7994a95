import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import type { ExternalCall } from './external-calls.js';
import { callerParameters, contains, type FunctionNode } from './loops.js';
import { declaredOptionNames } from './declared-option-names.js';
import { heldObjectLiteral } from './held-literals.js';
import { OptionPresence } from './option-presence.js';
import { hasDefault } from './optional-timeouts.js';
import { fieldDefaultsToNoTimeout } from './zero-default-fields.js';
import { endsBy, isObjectMerge, mergedParts, propertyKey, unwrapExpression } from './syntax.js';
import { handedBackArgument } from '../project/passed-through-options.js';

/**
 * What a wrapper's external call takes from its caller's options: which parameter becomes the call's options or
 * signal (`fetch(url, init)`, `{ ...init, headers }`, `{ signal: opts.signal }`), and which of the wrapper's own
 * options bound the call when a caller passes them (`const { timeout, ...rest } = init ?? {}` turned into a signal
 * only `if (timeout)`). The wrappers in other modules (project/summarize.ts) are read with it.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** A wrapper's own options that bound its request when its caller passes one; nothing else bounds it. */
export interface WrapperBoundOptions {
  /** As the wrapper reads them (`timeout`, `signal`), the one taking milliseconds first. */
  readonly names: readonly string[];
  /** The one the wrapper reads as milliseconds (hands to `setTimeout` or `AbortSignal.timeout`), for the fix. */
  readonly milliseconds?: string;
  /** For messages, at a call: the wrapper's declared name (`RestClient.get`). */
  readonly wrapper?: string;
}

/** A class whose calls take their bound from the options it is created with (`new Timestamps({ signal })`). */
export interface CreationBound {
  /** The constructor's argument that holds them. */
  readonly index: number;
  /** As the constructor reads them (`signal`, `timeoutMs`). */
  readonly names: readonly string[];
  /** The one of them that is a signal, for the fix. */
  readonly signalOption?: 'signal' | 'abortSignal';
}

export interface ForwardedOptions {
  optionsParameter?: number;
  signalParameter?: number;
  signalDefaulted?: true;
  boundOptions?: WrapperBoundOptions;
}

/** Option names that bound a call when set on its options. */
export const BOUNDING_OPTIONS = new Set(['timeout', 'signal', 'abortSignal', 'cancelToken', 'deadline', 'timeoutMS', 'requestTimeout']);
const BOUNDING_NAME = /timeout|deadline|signal|cancel/i;

/** The parameter of `fn` that `identifier` names: its index, and whether it is the whole argument or destructured from it. */
export function parameterOf(source: SourceCode, identifier: TSESTree.Identifier, fn: FunctionNode): { index: number; plain: boolean } | undefined {
  const variable = findVariable(source.getScope(identifier) as never, identifier) as Variable | null;
  const def = variable?.defs[0];
  if (!def || def.type !== 'Parameter' || def.node !== fn) return undefined;
  const params = callerParameters(fn);
  const index = params.findIndex((param) => contains(param, def.name));
  if (index < 0) return undefined;
  let param: TSESTree.Node = params[index]!;
  if (param.type === AST_NODE_TYPES.TSParameterProperty) param = param.parameter;
  if (param.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
  return { index, plain: param === def.name };
}

/**
 * The parameter of `fn` whose object `node` is, as options are passed on: `init`, `init ?? {}`,
 * `Object.assign(options, { method: 'GET' })`, or a variable holding one of those that is only ever given back
 * to itself by helpers (`req = await this.addAuthHeader(req)`). Undefined when anything on the way may bound it.
 */
export function optionsParameterOf(source: SourceCode, node: TSESTree.Node, fn: FunctionNode, depth = 0): number | undefined {
  if (depth > 6) return undefined;
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '&&') return optionsParameterOf(source, target.left, fn, depth + 1);
  if (target.type === AST_NODE_TYPES.AwaitExpression) return optionsParameterOf(source, target.argument, fn, depth + 1);
  if (target.type === AST_NODE_TYPES.CallExpression && isObjectMerge(target)) {
    const [first, ...rest] = target.arguments;
    return first && rest.every(addsNoBound) ? optionsParameterOf(source, first, fn, depth + 1) : undefined;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    // `fetch(url, withProxy(options))`: a helper of this file or the project handing back (a copy of) what it is
    // given, adding an agent, checking the keys
    const given = handedBackArgument(source, target);
    return given && optionsParameterOf(source, given, fn, depth + 1);
  }
  // `{ ...base, url, followRedirect: false }`: a copy of the options, adding keys that bound nothing
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    const spreads = target.properties.filter((property): property is TSESTree.SpreadElement => property.type === AST_NODE_TYPES.SpreadElement);
    const [spread] = spreads;
    return spreads.length === 1 && spread && addsNoBound({ ...target, properties: target.properties.filter((property) => property !== spread) })
      ? optionsParameterOf(source, spread.argument, fn, depth + 1) : undefined;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const parameter = parameterOf(source, target, fn);
  if (parameter) return parameter.plain ? parameter.index : undefined;
  const variable = findVariable(source.getScope(target) as never, target) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init
    || !contains(fn, def.node)) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init && !givenBackToItself(reference.identifier))) return undefined;
  return optionsParameterOf(source, def.node.init, fn, depth + 1);
}

const PRIMITIVE_TYPES = new Set<string>([AST_NODE_TYPES.TSStringKeyword, AST_NODE_TYPES.TSNumberKeyword, AST_NODE_TYPES.TSBooleanKeyword]);

/** Declared a string, number or boolean (`sql: string`, `retries: number = 3`). */
function typedAsPrimitive(param: TSESTree.Node): boolean {
  let node = param;
  if (node.type === AST_NODE_TYPES.TSParameterProperty) node = node.parameter;
  if (node.type === AST_NODE_TYPES.AssignmentPattern) node = node.left;
  const annotation = 'typeAnnotation' in node && node.typeAnnotation && 'typeAnnotation' in node.typeAnnotation ? node.typeAnnotation.typeAnnotation : undefined;
  if (!annotation) return false;
  const members = annotation.type === AST_NODE_TYPES.TSUnionType ? annotation.types : [annotation];
  return members.every((member) => PRIMITIVE_TYPES.has(member.type));
}

/**
 * A variable or parameter the code declares a string, number or boolean: it holds no options object. Whatever a call
 * takes in that place (mysql's query takes the SQL or `{ sql, timeout }`), a wrapper's caller cannot pass a bound
 * through it (`query(sql: string)`), so the bound belongs in the wrapper, not in its callers.
 */
export function declaredPrimitive(source: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(source.getScope(target) as never, target) as Variable | null;
  const def = variable?.defs[0];
  return variable?.defs.length === 1 && def !== undefined && (def.type === 'Parameter' || def.type === 'Variable') && typedAsPrimitive(def.name);
}

/**
 * Which of `fn`'s parameters the external call `call` takes its options or signal from, directly or as the
 * wrapper's own options that only bound it when given. Undefined when the wrapper decides the bound itself.
 */
export function forwardedParameters(source: SourceCode, call: ExternalCall, fn: FunctionNode): ForwardedOptions | undefined {
  if (call.forwardedSignalIndex !== undefined) {
    const signal = call.node.arguments[call.forwardedSignalIndex];
    return signal ? signalFromParameter(source, signal, fn) : undefined;
  }
  // a string in the options' place (`query(sql: string)`) carries no options of the caller's
  if (call.optionsExpression && declaredPrimitive(source, call.optionsExpression)) return undefined;
  // the layer writes the timeout itself, from a settings field whose default is 0: its gap, reported there
  if (writesZeroDefaultTimeout(source, call)) return undefined;
  const forwarded = directlyForwarded(source, call, fn) ?? boundOnlyByCaller(source, call, fn);
  const guarding = forwarded?.optionsParameter === undefined ? [] : optionsGuardingAnotherPath(source, call.node, fn, forwarded.optionsParameter);
  if (guarding.length > 0) {
    const names = forwarded!.boundOptions?.names ?? boundingKeys(call);
    return { ...forwarded, boundOptions: { names: [...new Set([...guarding, ...names])], milliseconds: forwarded!.boundOptions?.milliseconds ?? guarding[0]! } };
  }
  // options typed with no signal and no timeout (`options: FetchOptions`) carry no bound of the caller's
  if (forwarded?.optionsParameter !== undefined && !forwarded.boundOptions && declaredWithoutBound(source, callerParameters(fn)[forwarded.optionsParameter])) return undefined;
  return forwarded;
}

/** `{ ...overrides, timeout: config.requestTimeout }`, the field's default 0 (zero-default-fields.ts). */
function writesZeroDefaultTimeout(source: SourceCode, call: ExternalCall): boolean {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const keys = boundingKeys(call);
  return options.properties.some((property) => property.type === AST_NODE_TYPES.Property && keys.includes(propertyKey(property) ?? '')
    && fieldDefaultsToNoTimeout(source, property.value));
}

/**
 * Options of the caller's that send the request another way when given: `if (options?.timeout) { return
 * withTimeout((signal) => fetch(url, { ...rest, signal }), options.timeout) }` before the unbounded `fetch`. The
 * call stands on the path taken without them, so a caller passing one is bounded by the other path, which uses it.
 */
function optionsGuardingAnotherPath(source: SourceCode, call: TSESTree.Node, fn: FunctionNode, optionsParameter: number): string[] {
  const names: string[] = [];
  const guardedBy = (test: TSESTree.Expression, branch: TSESTree.Node): void => {
    for (const name of optionNamesRead(source, test, fn, optionsParameter)) {
      if (BOUNDING_NAME.test(name) && !names.includes(name) && optionNamesRead(source, branch, fn, optionsParameter).includes(name)) names.push(name);
    }
  };
  for (let child: TSESTree.Node = call, parent = call.parent; parent && child !== fn.body; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.alternate === child) guardedBy(parent.test, parent.consequent);
    if (parent.type !== AST_NODE_TYPES.BlockStatement) continue;
    for (const statement of parent.body.slice(0, parent.body.indexOf(child as TSESTree.Statement))) {
      if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && endsBy(statement.consequent, AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.ThrowStatement)) guardedBy(statement.test, statement.consequent);
    }
  }
  return names;
}

/** `options.timeout`, `options?.timeout` read anywhere in `node`, with `options` the parameter at `index`. */
function optionNamesRead(source: SourceCode, node: TSESTree.Node, fn: FunctionNode, index: number): string[] {
  const names: string[] = [];
  const visit = (current: TSESTree.Node): void => {
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.property.type === AST_NODE_TYPES.Identifier
      && current.object.type === AST_NODE_TYPES.Identifier && parameterOf(source, current.object, fn)?.index === index) names.push(current.property.name);
    for (const key of source.visitorKeys[current.type] ?? []) {
      const value = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(value) ? value : [value]) if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
    }
  };
  visit(node);
  return names;
}

/** A parameter whose declared type, written in the file, names no option that bounds a call. */
export function declaredWithoutBound(source: SourceCode, param: TSESTree.Node | undefined): boolean {
  const names = declaredOptionNames(source, param);
  return names !== undefined && ![...names].some((name) => BOUNDING_OPTIONS.has(name) || BOUNDING_NAME.test(name));
}

function directlyForwarded(source: SourceCode, call: ExternalCall, fn: FunctionNode): ForwardedOptions | undefined {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  if (!options) return undefined;
  const inherited = call.wrapperOptions === undefined ? {} : { boundOptions: call.wrapperOptions };
  const direct = optionsParameterOf(source, options, fn);
  if (direct !== undefined) return { optionsParameter: direct, ...inherited };
  // `{ ...DEFAULTS, ...init }`, `Object.assign({}, DEFAULTS, init ?? {})`, or such a literal a constant holds
  const parts = mergedParts(heldOptions(source, options, call) ?? options);
  if (!parts) return undefined;
  const signalKey = call.signalOption ?? 'signal';
  let spread: number | undefined;
  for (const property of parts) {
    if (property.type !== AST_NODE_TYPES.Property) {
      spread ??= optionsParameterOf(source, property, fn);
      continue;
    }
    // An option the wrapper sets itself: a value of its own bounds the call, a parameter's is the caller's choice.
    if (propertyKey(property) === signalKey || propertyKey(property) === 'timeout') return signalFromParameter(source, property.value, fn);
  }
  return spread === undefined ? undefined : { optionsParameter: spread, ...inherited };
}

/**
 * `const params = { uri, method, timeout: timeout }` then `request(params, callback)`: the literal, when the constant
 * is given no bounding key afterwards (`params.body = ...` leaves the bound as written).
 */
function heldOptions(source: SourceCode, options: TSESTree.Node, call: ExternalCall): TSESTree.ObjectExpression | undefined {
  const held = options.type === AST_NODE_TYPES.Identifier ? heldObjectLiteral(source, options) : undefined;
  if (!held?.variable) return undefined;
  const keys = new Set([...boundingKeys(call), 'timeout', 'signal']);
  const rewritten = held.variable.references.some((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
    const key = member.computed ? undefined : member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
    return member.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member && (key === undefined || keys.has(key));
  });
  return rewritten ? undefined : held.object;
}

/** `signal` (a parameter, or destructured from one), `opts.signal`, `opts?.signal`. */
function signalFromParameter(source: SourceCode, value: TSESTree.Node, fn: FunctionNode): ForwardedOptions | undefined {
  let target = unwrapExpression(value);
  if (target.type === AST_NODE_TYPES.ChainExpression) target = target.expression;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const parameter = parameterOf(source, target, fn);
    if (!parameter) return undefined;
    if (!parameter.plain) return { optionsParameter: parameter.index };
    return { signalParameter: parameter.index, ...(hasDefault(source, target) ? { signalDefaulted: true as const } : {}) };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const index = optionsParameterOf(source, unwrapExpression(target.object), fn);
    return index === undefined ? undefined : { optionsParameter: index };
  }
  return undefined;
}

/**
 * The wrapper's call is bounded only by options its caller may leave out: with none of them given, every option
 * that bounds the call (its signal, its timeout) is visibly unset, while given one, the wrapper sets a bound. A
 * default the wrapper gives (`timeout = 10_000`, `init.timeout ?? 10_000`) bounds the call, and so does anything
 * it cannot read (a helper's result, a field): then its callers are not judged, and the call is judged where it is.
 */
function boundOnlyByCaller(source: SourceCode, call: ExternalCall, fn: FunctionNode): ForwardedOptions | undefined {
  const keys = boundingKeys(call);
  if (keys.length === 0) return undefined;
  const reader = new OptionPresence(source, fn, 'absent');
  for (const key of keys) {
    if (reader.optionOf(call.optionsExpression, key) !== 'nothing') return undefined;
  }
  // of the caller's options read on the way (`json`, `body` choose the request), those named for a bound are the ones
  const reads = [...reader.reads.values()].filter((read) => BOUNDING_NAME.test(read.name));
  const parameters = new Set(reads.map((read) => read.index));
  if (parameters.size !== 1) return undefined;
  const [index] = parameters;
  const milliseconds = reader.millisecondsOption();
  const names = [...new Set(reads.map((read) => read.name))].sort((a, b) => Number(b === milliseconds) - Number(a === milliseconds));
  return { optionsParameter: index, boundOptions: { names, ...(milliseconds === undefined ? {} : { milliseconds }) } };
}

/**
 * The options a class was created with that alone bound the call a method of it makes (`signal: this.signal`, the
 * field set in the constructor from `options.signal`): with none given, every option that bounds the call is
 * visibly unset. Then whoever creates the class chooses the bound, and is judged by what it passes.
 */
export function boundOnlyByCreator(source: SourceCode, call: ExternalCall, method: FunctionNode): CreationBound | undefined {
  const keys = boundingKeys(call);
  if (keys.length === 0 || !call.optionsExpression) return undefined;
  const reader = new OptionPresence(source, method, 'unknown', 'absent');
  for (const key of keys) {
    if (reader.optionOf(call.optionsExpression, key) !== 'nothing') return undefined;
  }
  const reads = [...reader.creationReads.values()].filter((read) => BOUNDING_NAME.test(read.name));
  const parameters = new Set(reads.map((read) => read.index));
  if (parameters.size !== 1) return undefined;
  const [index] = parameters;
  const names = [...new Set(reads.map((read) => read.name))];
  const signal = call.signalOption !== undefined && names.includes(call.signalOption) ? call.signalOption : undefined;
  return { index: index!, names, ...(signal === undefined ? {} : { signalOption: signal }) };
}

/** The options of `call` that bound it: its signal and its library's timeouts (not an agent or dispatcher, which bound only sockets). */
function boundingKeys(call: ExternalCall): string[] {
  if (call.wrapperOptions) return [...call.wrapperOptions.names];
  const rule = libraryOf(call.client)?.timeout;
  const options = (call.setting?.timeoutOptions ?? rule?.callOptions ?? []).filter((name) => BOUNDING_NAME.test(name));
  return call.signalOption ? [...new Set([...options, call.signalOption])] : options;
}

/** An object literal merged into options that sets nothing bounding (`{ method: 'GET', path }`). */
function addsNoBound(argument: TSESTree.CallExpressionArgument): boolean {
  const target = unwrapExpression(argument);
  return target.type === AST_NODE_TYPES.ObjectExpression && target.properties.every((property) =>
    property.type === AST_NODE_TYPES.Property && propertyKey(property) !== undefined && !BOUNDING_OPTIONS.has(propertyKey(property)!));
}

/** `req = helper(req)`, `req = await this.addAuthHeader(req)`: given back by a helper not named for a bound. */
function givenBackToItself(identifier: TSESTree.Node): boolean {
  const assignment = identifier.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== identifier || assignment.operator !== '=') return false;
  let value: TSESTree.Node = unwrapExpression(assignment.right);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = (identifier as TSESTree.Identifier).name;
  if (!value.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === name)) return false;
  const callee = value.callee.type === AST_NODE_TYPES.MemberExpression ? value.callee.property : value.callee;
  return callee.type === AST_NODE_TYPES.Identifier && !BOUNDING_NAME.test(callee.name) && !/abort/i.test(callee.name);
}
