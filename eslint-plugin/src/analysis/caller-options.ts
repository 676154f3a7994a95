import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import type { ExternalCall } from './external-calls.js';
import { contains, getFileNodes, type FunctionNode } from './loops.js';
import { propertyKey, unwrapExpression } from './syntax.js';

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

export interface ForwardedOptions {
  optionsParameter?: number;
  signalParameter?: number;
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
  const index = fn.params.findIndex((param) => contains(param, def.name));
  if (index < 0) return undefined;
  let param: TSESTree.Node = fn.params[index]!;
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
  if (target.type === AST_NODE_TYPES.CallExpression && isObjectAssign(target)) {
    const [first, ...rest] = target.arguments;
    return first && rest.every(addsNoBound) ? optionsParameterOf(source, first, fn, depth + 1) : undefined;
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

/**
 * Which of `fn`'s parameters the external call `call` takes its options or signal from, directly or as the
 * wrapper's own options that only bound it when given. Undefined when the wrapper decides the bound itself.
 */
export function forwardedParameters(source: SourceCode, call: ExternalCall, fn: FunctionNode): ForwardedOptions | undefined {
  if (call.forwardedSignalIndex !== undefined) {
    const signal = call.node.arguments[call.forwardedSignalIndex];
    return signal ? signalFromParameter(source, signal, fn) : undefined;
  }
  return directlyForwarded(source, call, fn) ?? boundOnlyByCaller(source, call, fn);
}

function directlyForwarded(source: SourceCode, call: ExternalCall, fn: FunctionNode): ForwardedOptions | undefined {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  if (!options) return undefined;
  const inherited = call.wrapperOptions === undefined ? {} : { boundOptions: call.wrapperOptions };
  const direct = optionsParameterOf(source, options, fn);
  if (direct !== undefined) return { optionsParameter: direct, ...inherited };
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const signalKey = call.signalOption ?? 'signal';
  let spread: number | undefined;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      spread ??= optionsParameterOf(source, property.argument, fn);
      continue;
    }
    // An option the wrapper sets itself: a value of its own bounds the call, a parameter's is the caller's choice.
    if (propertyKey(property) === signalKey || propertyKey(property) === 'timeout') return signalFromParameter(source, property.value, fn);
  }
  return spread === undefined ? undefined : { optionsParameter: spread, ...inherited };
}

/** `signal` (a parameter, or destructured from one), `opts.signal`, `opts?.signal`. */
function signalFromParameter(source: SourceCode, value: TSESTree.Node, fn: FunctionNode): ForwardedOptions | undefined {
  let target = unwrapExpression(value);
  if (target.type === AST_NODE_TYPES.ChainExpression) target = target.expression;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const parameter = parameterOf(source, target, fn);
    if (!parameter) return undefined;
    return parameter.plain ? { signalParameter: parameter.index } : { optionsParameter: parameter.index };
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
  const reader = new CallerOptionsReader(source, fn);
  for (const key of keys) {
    if (reader.optionOf(call.optionsExpression, key) !== 'nothing') return undefined;
  }
  const parameters = new Set([...reader.reads.values()].map((read) => read.index));
  if (parameters.size !== 1) return undefined;
  const [index] = parameters;
  const milliseconds = reader.millisecondsOption();
  const names = [...new Set([...reader.reads.values()].map((read) => read.name))].sort((a, b) => Number(b === milliseconds) - Number(a === milliseconds));
  return { optionsParameter: index, boundOptions: { names, ...(milliseconds === undefined ? {} : { milliseconds }) } };
}

/** The options of `call` that bound it: its signal and its library's timeouts (not an agent or dispatcher, which bound only sockets). */
function boundingKeys(call: ExternalCall): string[] {
  if (call.wrapperOptions) return [...call.wrapperOptions.names];
  const rule = libraryOf(call.client)?.timeout;
  const options = (call.setting?.timeoutOptions ?? rule?.callOptions ?? []).filter((name) => BOUNDING_NAME.test(name));
  return call.signalOption ? [...new Set([...options, call.signalOption])] : options;
}

/**
 * Whether a value is visibly unset ('nothing': undefined, null, false, 0) or set ('something') when the caller
 * passes none of the wrapper's options, else 'unknown'. Every option of the caller it reads is remembered.
 */
type Presence = 'nothing' | 'something' | 'unknown';

type Binding =
  | { kind: 'options'; index: number }
  | { kind: 'option'; index: number; name: string; fallback: TSESTree.Expression | undefined }
  | { kind: 'rest'; index: number; excluded: ReadonlySet<string> }
  | { kind: 'local'; variable: Variable; init: TSESTree.Expression | null }
  | { kind: 'unknown' };

const MAX_DEPTH = 12;

class CallerOptionsReader {
  readonly reads = new Map<string, { index: number; name: string; node: TSESTree.Node }>();
  private depth = 0;
  private readonly evaluating = new Set<TSESTree.Node | Variable>();

  constructor(private readonly source: SourceCode, private readonly fn: FunctionNode) {}

  /** The value of option `key` of the options expression the call is given. */
  optionOf(options: TSESTree.Node | undefined, key: string): Presence {
    if (!options) return 'nothing';
    const target = unwrapExpression(options);
    return target.type === AST_NODE_TYPES.ObjectExpression ? this.propertyOf(target, key) : this.member(target, key);
  }

  /** The option the wrapper hands to `setTimeout(..., ms)` or `AbortSignal.timeout(ms)`, among those read. */
  millisecondsOption(): string | undefined {
    for (const node of getFileNodes(this.source).calls) {
      if (!contains(this.fn, node)) continue;
      const callee = unwrapExpression(node.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
      const argument = name === 'setTimeout' ? node.arguments[1] : name === 'timeout' ? node.arguments[0] : undefined;
      const read = argument && this.optionRead(argument);
      if (read) return read;
    }
    return undefined;
  }

  private optionRead(node: TSESTree.Node): string | undefined {
    const target = unwrapExpression(node);
    const name = target.type === AST_NODE_TYPES.MemberExpression ? staticName(target)
      : target.type === AST_NODE_TYPES.Identifier ? this.bindingOf(target) : undefined;
    const key = typeof name === 'string' ? name : name?.kind === 'option' ? name.name : undefined;
    return key !== undefined && [...this.reads.values()].some((read) => read.name === key) ? key : undefined;
  }

  private guarded<T extends Presence>(node: TSESTree.Node | Variable, compute: () => T): Presence {
    if (this.evaluating.has(node) || this.depth > MAX_DEPTH) return 'unknown';
    this.evaluating.add(node);
    this.depth++;
    try {
      return compute();
    } finally {
      this.depth--;
      this.evaluating.delete(node);
    }
  }

  private record(index: number, name: string, node: TSESTree.Node): 'nothing' {
    this.reads.set(`${index}:${name}`, { index, name, node });
    return 'nothing';
  }

  value(node: TSESTree.Node): Presence {
    return this.guarded(node, () => this.compute(unwrapExpression(node)));
  }

  private compute(node: TSESTree.Node): Presence {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return node.value === null || node.value === false || node.value === 0 || node.value === '' ? 'nothing' : 'something';
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node);
      case AST_NODE_TYPES.ChainExpression:
        return this.value(node.expression);
      case AST_NODE_TYPES.MemberExpression: {
        const key = staticName(node);
        return key === undefined ? 'unknown' : this.member(node.object, key);
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const left = this.value(node.left);
        if (node.operator === '&&') {
          if (left === 'nothing') return 'nothing';
          const right = this.value(node.right);
          return right === 'nothing' ? 'nothing' : left === 'something' ? right : 'unknown';
        }
        if (left === 'nothing') return this.value(node.right);
        if (left === 'something') return 'something';
        return this.value(node.right) === 'something' ? 'something' : 'unknown';
      }
      case AST_NODE_TYPES.ConditionalExpression: {
        const test = this.value(node.test);
        if (test === 'nothing') return this.value(node.alternate);
        if (test === 'something') return this.value(node.consequent);
        return join(this.value(node.consequent), this.value(node.alternate));
      }
      case AST_NODE_TYPES.UnaryExpression: {
        if (node.operator === 'void') return 'nothing';
        if (node.operator !== '!') return 'unknown';
        const operand = this.value(node.argument);
        return operand === 'nothing' ? 'something' : operand === 'something' ? 'nothing' : 'unknown';
      }
      case AST_NODE_TYPES.BinaryExpression:
        return this.comparison(node);
      case AST_NODE_TYPES.AwaitExpression:
        return this.value(node.argument) === 'nothing' ? 'nothing' : 'unknown';
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.value(node.right) : 'unknown';
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return 'something';
      case AST_NODE_TYPES.CallExpression: {
        // `AbortSignal.timeout(ms)`, `AbortSignal.any([...])` always give a signal
        const callee = unwrapExpression(node.callee);
        return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'AbortSignal'
          ? 'something' : 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  /** `timeout > 0`, `timeout !== undefined`, `typeof timeout === 'number'` with nothing given is false. */
  private comparison(node: TSESTree.BinaryExpression): Presence {
    const { operator } = node;
    if (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') {
      const [value, bound] = operator === '>' || operator === '>=' ? [node.left, node.right] : [node.right, node.left];
      const limit = unwrapExpression(bound);
      const positive = limit.type === AST_NODE_TYPES.Literal && typeof limit.value === 'number' && (limit.value > 0 || (limit.value === 0 && !operator.includes('=')));
      return positive && this.value(value) === 'nothing' ? 'nothing' : 'unknown';
    }
    if (operator === '!==' || operator === '!=' || operator === '===' || operator === '==') {
      const [left, right] = [unwrapExpression(node.left), unwrapExpression(node.right)];
      const typeofTest = left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof' && right.type === AST_NODE_TYPES.Literal
        && typeof right.value === 'string' && right.value !== 'undefined';
      const absentTest = isNothingLiteral(right) || isNothingLiteral(left);
      if (!typeofTest && !absentTest) return 'unknown';
      const tested = typeofTest ? (left as TSESTree.UnaryExpression).argument : isNothingLiteral(right) ? left : right;
      if (this.value(tested) !== 'nothing') return 'unknown';
      const negated = operator.startsWith('!');
      return typeofTest ? (negated ? 'something' : 'nothing') : negated ? 'nothing' : 'something';
    }
    return 'unknown';
  }

  private identifier(node: TSESTree.Identifier): Presence {
    const binding = this.bindingOf(node);
    switch (binding.kind) {
      case 'option':
        return binding.fallback ? this.value(binding.fallback) : this.record(binding.index, binding.name, node);
      case 'local':
        return this.guarded(binding.variable, () => this.localValue(binding.variable, binding.init));
      case 'unknown':
        return node.name === 'undefined' && !findVariable(this.source.getScope(node) as never, node) ? 'nothing' : 'unknown';
      default:
        return 'unknown';
    }
  }

  /** Every value a variable of the wrapper is given on a path the caller's options leave open. */
  private localValue(variable: Variable, init: TSESTree.Expression | null): Presence {
    let result: Presence = init ? this.value(init) : 'nothing';
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return 'unknown';
      if (!this.reachable(assignment)) continue;
      result = join(result, this.value(assignment.right));
      if (result === 'unknown') return result;
    }
    return result;
  }

  /** The member `key` of the object `node` holds. */
  member(node: TSESTree.Node, key: string): Presence {
    const target = unwrapExpression(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const binding = this.bindingOf(target);
      if (binding.kind === 'options') return this.record(binding.index, key, target);
      if (binding.kind === 'rest') return binding.excluded.has(key) ? 'nothing' : this.record(binding.index, key, target);
      if (binding.kind === 'local') return this.guarded(binding.variable, () => this.localMember(binding.variable, binding.init, key));
    }
    return this.value(target) === 'nothing' ? 'nothing' : 'unknown';
  }

  /** `const fetchOptions = { headers }` and later `fetchOptions.signal = ...` on the paths that run. */
  private localMember(variable: Variable, init: TSESTree.Expression | null, key: string): Presence {
    // a variable given whole new values: its member is unset only where the variable itself is
    if (!init || variable.references.some((reference) => reference.isWrite() && !reference.init)) return this.localValue(variable, init) === 'nothing' ? 'nothing' : 'unknown';
    const start = unwrapExpression(init);
    let result: Presence = start.type === AST_NODE_TYPES.ObjectExpression ? this.propertyOf(start, key) : this.member(start, key);
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && isObjectAssign(parent) && parent.arguments[0] === reference.identifier) return 'unknown';
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) continue;
      const assignment = parent.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== parent) continue;
      const written = staticName(parent);
      if (written === undefined) return 'unknown';
      if (written !== key || !this.reachable(assignment)) continue;
      result = join(result, this.value(assignment.right));
      if (result === 'unknown') return result;
    }
    return result;
  }

  /** Option `key` of an object literal: its last property of that name, or a spread after it that may set one. */
  propertyOf(object: TSESTree.ObjectExpression, key: string): Presence {
    let result: Presence = 'nothing';
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.member(property.argument, key);
        if (spread !== 'nothing') result = spread === 'something' ? 'something' : 'unknown';
        continue;
      }
      const name = propertyKey(property);
      if (name === undefined) return 'unknown';
      if (name === key) result = this.value(property.value);
    }
    return result;
  }

  /** Whether the caller's options leave the path to `node` open: no enclosing `if` or `&&` of the wrapper that they close. */
  private reachable(node: TSESTree.Node): boolean {
    let child: TSESTree.Node = node;
    for (let current = node.parent; current && current !== this.fn; child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) {
        if (child === current.test) continue;
        const test = this.value(current.test);
        if (child === current.consequent && test === 'nothing') return false;
        if (child === current.alternate && test === 'something') return false;
      }
      if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && child === current.right && this.value(current.left) === 'nothing') return false;
    }
    return true;
  }

  bindingOf(identifier: TSESTree.Identifier): Binding {
    const variable = findVariable(this.source.getScope(identifier) as never, identifier) as Variable | null;
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return { kind: 'unknown' };
    if (def.type === 'Parameter' && def.node === this.fn) {
      const index = this.fn.params.findIndex((param) => contains(param, def.name));
      let param: TSESTree.Node | undefined = this.fn.params[index];
      if (param?.type === AST_NODE_TYPES.TSParameterProperty) param = param.parameter;
      if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
      if (!param) return { kind: 'unknown' };
      if (param === def.name) return { kind: 'options', index };
      return param.type === AST_NODE_TYPES.ObjectPattern ? destructured(def.name as TSESTree.Identifier, param, index) : { kind: 'unknown' };
    }
    if (def.type !== 'Variable' || !contains(this.fn, def.node)) return { kind: 'unknown' };
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return { kind: 'local', variable, init: def.node.init };
    if (def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !def.node.init) return { kind: 'unknown' };
    const index = optionsParameterOf(this.source, def.node.init, this.fn);
    return index === undefined ? { kind: 'unknown' } : destructured(def.name as TSESTree.Identifier, def.node.id, index);
  }
}

/** `{ timeout, ...rest }` taken from the caller's options: which option a name holds, or the rest of them. */
function destructured(name: TSESTree.Identifier, pattern: TSESTree.ObjectPattern, index: number): Binding {
  const excluded = new Set<string>();
  let found: Binding = { kind: 'unknown' };
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

function join(a: Presence, b: Presence): Presence {
  return a === b ? a : 'unknown';
}

function staticName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined;
}

function isNothingLiteral(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

function isObjectAssign(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object'
    && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'assign';
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
