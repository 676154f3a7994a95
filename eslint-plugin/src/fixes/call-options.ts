import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { declaredOptionNames } from '../analysis/declared-option-names.js';
import { heldObjectLiteral } from '../analysis/held-literals.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { isTrailingCallback } from '../analysis/node-callbacks.js';
import { abortSignalAnyList } from '../analysis/signal-lists.js';
import { isOptionalParameter, signalMayBeUndefined } from '../analysis/optional-signals.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { tupleSpread } from '../analysis/tuple-layers.js';
import { libraryOf } from '../libraries/index.js';
import { findProperty, objectTextWith } from './object-literal.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Which argument of this call holds its options object, by the library's documented signature:
 * `fetch(url, init)`, `axios.get(url, config)`, `axios.post(url, data, config)`, `axios.request(config)`,
 * `got(url, options)`, `ky.get(url, options)`, `client.send(command, options)`. Undefined when the
 * signature is not one of these (the call is then left alone rather than guessed at).
 */
export function optionsArgumentIndex(call: ExternalCall, sourceCode: SourceCode): number | undefined {
  // a wrapper that forwards its caller's options (`apiFetch(path, init)`) takes them where it says
  if (call.forwardedOptionsIndex !== undefined) return call.forwardedOptionsIndex;
  // a same-file wrapper (`getJson(url)`) has its own signature: options cannot be passed through it
  if (call.wrapped || call.forwardedSignalIndex !== undefined) return undefined;
  return libraryOf(call.client)?.fix.optionsIndex?.(call, calleeMethod(call.node), sourceCode);
}

/** `AbortSignal.any([...signals, value])`: the new signal joins the list the call's signal is combined from. */
function withListedSignal(sourceCode: SourceCode, list: TSESTree.Node, value: string): string {
  const listed = unwrapExpression(list);
  const entries = listed.type === 'ArrayExpression' ? listed.elements.map((element) => (element ? sourceCode.getText(element) : '')) : [`...${sourceCode.getText(list)}`];
  return `AbortSignal.any([${[...entries, value].join(', ')}])`;
}

function optionalSignalWith(node: TSESTree.Node, current: string, value: string): string {
  const simple = node.type === 'Identifier' || (node.type === 'MemberExpression' && !node.optional);
  return simple ? `${current} ? AbortSignal.any([${current}, ${value}]) : ${value}` : `(${current}) ?? ${value}`;
}

/**
 * Whether the fetch options `options` come from the caller (a parameter, or a name destructured from one), or are a
 * local init written with a signal, whose signal the new one must be combined with rather than replace: replacing
 * it would stop the caller's (or the controller's) cancellation.
 * Only for fetch, whose `RequestInit['signal']` is a standard AbortSignal that `AbortSignal.any` takes; options made
 * here are edited where they are written.
 */
function keepsCallerSignal(sourceCode: SourceCode, call: ExternalCall, key: string, options: TSESTree.Node): boolean {
  if (call.client !== 'fetch' || key !== 'signal' || options.type !== 'Identifier') return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(options), options)?.defs[0];
  // a local init written with a signal (`const request: RequestInit = { ..., signal: controller.signal }`): a cancel
  // it carries keeps working
  if (def?.type === 'Variable' && def.node.init && def.node.id.type === 'Identifier') {
    const init = unwrapExpression(def.node.init);
    return init.type === 'ObjectExpression' && findProperty(init, key) !== undefined;
  }
  // options typed with no signal (`options: FetchOptions`) have none to keep, and `options.signal` would not compile
  return def?.type === 'Parameter' && declaredOptionNames(sourceCode, def.name)?.has(key) !== false;
}

/** The caller's options spread last into the object (`init` in `{ ...init, headers }`), when its signal is to be kept. */
function spreadSignalSource(sourceCode: SourceCode, call: ExternalCall, key: string, object: TSESTree.ObjectExpression): string | undefined {
  const last = [...object.properties].reverse().find((property) => property.type === 'SpreadElement');
  const spread = last?.type === 'SpreadElement' ? unwrapExpression(last.argument) : undefined;
  return spread?.type === 'Identifier' && keepsCallerSignal(sourceCode, call, key, spread) ? spread.name : undefined;
}

/**
 * The caller's options spread into the object (`config` in `{ ...config, ...egressConfig() }`, a parameter of the
 * function making the call, or `rest` in `const { token, ...rest } = options`, what is left of one), whose declared
 * type, if written, has `key`: what reads the caller's `key` (`config?.timeout`), so a caller that passes it keeps it.
 */
function spreadCallerOption(sourceCode: SourceCode, key: string, object: TSESTree.ObjectExpression): string | undefined {
  for (const property of object.properties) {
    if (property.type !== 'SpreadElement') continue;
    const spread = unwrapExpression(property.argument);
    if (spread.type !== 'Identifier') continue;
    // (a rest is an object even when the caller passed none; a parameter may be undefined)
    const whole = wholeParameter(sourceCode, spread);
    const parameter = whole ?? parameterRestOf(sourceCode, spread);
    if (parameter && declaredOptionNames(sourceCode, parameter)?.has(key) !== false) return `${spread.name}${whole ? '?.' : '.'}${key}`;
  }
  return undefined;
}

/** The parameter `identifier` names, when it is the whole parameter, not a name destructured from it. */
function wholeParameter(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Identifier | undefined {
  const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  const whole = def?.type === 'Parameter' && def.node.params.some((param) => param === def.name || (param.type === 'AssignmentPattern' && param.left === def.name));
  return whole ? def.name as TSESTree.Identifier : undefined;
}

/** `rest` in `const { token, ...rest } = options`, `options` a whole parameter: that parameter. */
function parameterRestOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Identifier | undefined {
  const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (def?.type !== 'Variable' || def.name.parent?.type !== 'RestElement' || def.node.id.type !== 'ObjectPattern' || def.name.parent.parent !== def.node.id) return undefined;
  const init = def.node.init && unwrapExpression(def.node.init);
  return init?.type === 'Identifier' ? wholeParameter(sourceCode, init) : undefined;
}

/** `init?.signal ? AbortSignal.any([init.signal, <value>]) : <value>`: the caller's signal and the new one. */
function withSpreadSignal(options: string, key: string, value: string): string {
  return `${options}?.${key} ? AbortSignal.any([${options}.${key}, ${value}]) : ${value}`;
}

function calleeMethod(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    return callee.property.name;
  }
  return undefined;
}

/**
 * The text of `call` with `key: value` set in its options: merged into the options object literal already
 * there, spread over an options variable, or added as a new argument. A signal already given is kept and
 * combined with the new one. Undefined when the options argument cannot be located safely.
 */
export function callTextWithOption(
  sourceCode: SourceCode,
  call: ExternalCall,
  key: string,
  value: string,
): string | undefined {
  const node = call.node;
  const index = optionsArgumentIndex(call, sourceCode);
  const callText = sourceCode.getText(node);
  const at = (offset: number): number => offset - node.range[0];
  const splice = (range: readonly [number, number], text: string): string =>
    callText.slice(0, at(range[0])) + text + callText.slice(at(range[1]));
  const property = key === value ? key : `${key}: ${value}`;

  if (call.wrapped) return undefined;
  // a wrapper taking its caller's signal as an argument of its own (`getJson(url, signal)`): the signal goes there
  if (call.forwardedSignalIndex !== undefined) return key === 'signal' ? withArgumentAt(sourceCode, call.node, call.forwardedSignalIndex, value) : undefined;
  // the caller's argument tuple spread in (`fetch(...params)`): its init is taken out and given the option, a
  // signal in it kept
  const tuple = tupleSpread(call);
  if (tuple && index !== undefined) {
    const init = `${tuple.name}[${index}]`;
    const leading = Array.from({ length: index }, (_, position) => `${tuple.name}[${position}]`);
    const given = key === 'signal' ? withSpreadSignal(init, key, value) : value;
    return splice(node.arguments[0]!.range, [...leading, `{ ...${init}, ${key}: ${given} }`].join(', '));
  }
  const written = index === undefined ? call.optionsExpression : node.arguments[index];
  if (index === undefined && written === undefined) return undefined;
  // `{ ...init, duplex: 'half' } as any` is edited inside its assertion
  const argument = written && (unwrapExpression(written) as TSESTree.CallExpressionArgument);
  // the callback form (`request(url, callback)`): the options go before the callback
  if (argument && index !== undefined && isTrailingCallback(node, argument)) return splice([argument.range[0], argument.range[0]], `{ ${property} }, `);
  if (argument?.type === 'ObjectExpression') {
    // a signal already given keeps working, combined with the new one
    const existing = findProperty(argument, key);
    const current = existing && sourceCode.getText(existing.value);
    const keepsCurrent = current !== undefined && current !== 'undefined' && current !== 'null' && /signal$/i.test(key);
    // a signal that may be undefined (`timeout > 0 ? AbortSignal.timeout(timeout) : undefined`) is kept when given
    const spread = existing ? undefined : spreadSignalSource(sourceCode, call, key, argument);
    // a timeout (or, outside fetch, a signal) the caller's spread options may carry wins over the new default
    // (`config?.timeout ?? 5_000`, `init?.signal ?? AbortSignal.timeout(5_000)`)
    const callerOption = existing || spread !== undefined ? undefined : spreadCallerOption(sourceCode, key, argument);
    const combined = spread !== undefined ? withSpreadSignal(spread, key, value)
      : callerOption !== undefined ? `${callerOption} ?? ${value}`
      : !keepsCurrent ? value
        : existing && abortSignalAnyList(existing.value) ? withListedSignal(sourceCode, abortSignalAnyList(existing.value)!, value)
        : existing && (signalMayBeUndefined(sourceCode, existing.value) || isOptionalParameter(sourceCode, existing.value)) ? optionalSignalWith(existing.value, current, value)
          : `AbortSignal.any([${current}, ${value}])`;
    return splice(argument.range, objectTextWith(sourceCode, argument, { set: [[key, combined]] }));
  }
  // options held in a variable or returned by a helper (`getOptions()`): spread under the new option
  if (argument?.type === 'Identifier' || argument?.type === 'MemberExpression' || argument?.type === 'CallExpression') {
    const options = sourceCode.getText(argument);
    // options built first with the caller's spread in (`const config = { ...rest, headers }`): a caller's own wins
    const held = argument.type === 'Identifier' ? heldObjectLiteral(sourceCode, argument)?.object : undefined;
    const callerOption = held && spreadCallerOption(sourceCode, key, held);
    // a signal goes last: the one a policy threads in must be the one the call gets
    const callersOwn = !/signal$/i.test(key) && argument.type === 'Identifier' && isParameter(sourceCode, argument);
    if (keepsCallerSignal(sourceCode, call, key, argument)) return splice(argument.range, `{ ...${options}, ${key}: ${withSpreadSignal(options, key, value)} }`);
    if (callerOption) return splice(argument.range, `{ ...${options}, ${key}: ${callerOption} ?? ${value} }`);
    // the caller's own options (a layer's `options` parameter): the timeout is a default, under what a caller sets
    if (callersOwn) return splice(argument.range, `{ ${property}, ...${options} }`);
    return splice(argument.range, `{ ...${options}, ${property} }`);
  }
  // options chosen by a condition (`body ? { ...base, body } : base`): spread whichever it gives
  if (argument?.type === 'ConditionalExpression' || argument?.type === 'LogicalExpression') {
    return splice(argument.range, `{ ...(${sourceCode.getText(argument)}), ${property} }`);
  }
  if (argument !== undefined || index === undefined) return undefined;
  if (node.arguments.some((arg) => arg.type === 'SpreadElement')) return undefined;

  // The options argument is absent: append it, with `undefined` for any argument skipped on the way.
  const padding = Array.from({ length: index - node.arguments.length }, () => 'undefined');
  const added = [...padding, `{ ${property} }`].join(', ');
  const closingParen = sourceCode.getLastToken(node);
  if (!closingParen || closingParen.value !== ')') return undefined;
  const lastArgument = node.arguments.at(-1);
  if (!lastArgument) return splice([closingParen.range[0], closingParen.range[0]], added);
  const afterLast = sourceCode.getTokenAfter(lastArgument);
  const trailingComma = afterLast?.value === ',';
  return splice(
    [lastArgument.range[1], (trailingComma ? afterLast : lastArgument).range[1]],
    `, ${added}${trailingComma ? ',' : ''}`,
  );
}

/** The call's text with `value` as its argument at `index`, in place of `undefined` or added with `undefined` before it. */
function withArgumentAt(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, index: number, value: string): string | undefined {
  if (node.arguments.some((argument) => argument.type === 'SpreadElement')) return undefined;
  const callText = sourceCode.getText(node);
  const at = (offset: number): number => offset - node.range[0];
  const given = node.arguments[index];
  if (given) {
    // a signal the caller already gives keeps working, combined with the new one
    const kept = given.type === 'Identifier' && given.name === 'undefined' ? value
      : given.type === 'Identifier' || given.type === 'MemberExpression' ? `AbortSignal.any([${sourceCode.getText(given)}, ${value}])` : undefined;
    return kept && callText.slice(0, at(given.range[0])) + kept + callText.slice(at(given.range[1]));
  }
  const added = [...Array.from({ length: index - node.arguments.length }, () => 'undefined'), value].join(', ');
  const last = node.arguments.at(-1);
  if (last) return callText.slice(0, at(last.range[1])) + `, ${added}` + callText.slice(at(last.range[1]));
  const closing = sourceCode.getLastToken(node);
  return closing?.value === ')' ? callText.slice(0, at(closing.range[0])) + added + callText.slice(at(closing.range[0])) : undefined;
}

/**
 * The option through which a client takes a timeout itself, when that is the smaller change than a policy:
 * fetch-like clients and the AWS SDK take `AbortSignal.timeout(ms)`, axios and ky a `timeout` in ms, got a
 * `timeout.request` in ms.
 */
export function nativeTimeoutOption(call: ExternalCall, milliseconds: string): { key: string; value: string } | undefined {
  if (call.wrapped) return undefined;
  // a wrapper bounded by options of its own takes its own milliseconds option, else the signal it reads
  if (call.wrapperOptions) {
    const { names, milliseconds: own } = call.wrapperOptions;
    if (own !== undefined) return { key: own, value: milliseconds };
    return call.signalOption !== undefined && names.includes(call.signalOption) ? { key: call.signalOption, value: `AbortSignal.timeout(${milliseconds})` } : undefined;
  }
  return libraryOf(call.client)?.fix.nativeTimeout?.(call, milliseconds);
}

/** The options that bound every call of a client where the instance is created (axios and got instances, pg pools...). */
export function instanceTimeoutOptions(call: ExternalCall, target?: Pick<FixTarget, 'filename' | 'sourceCode'>): (readonly [string, string])[] | undefined {
  return libraryOf(call.client)?.fix.instanceTimeout?.(call, target);
}

function isParameter(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0]?.type === 'Parameter';
}
