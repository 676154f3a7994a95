import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf, type InstanceOptions, type OptionContext, type TimeoutModel } from '../libraries/index.js';
import { signalMayBeUndefined } from './optional-signals.js';
import { isUntimedControllerSignal } from './controller-signals.js';
import { agentBounds } from './agents.js';
import { visiblyUnbounded } from './option-presence.js';
import { callerGivesNoBound, callerLeavesDispatcherUnset, creationOptionLeftUnset, siblingOwnsTheBound } from './layer-callers.js';
import { objectMethodCallersGiveNoBound } from './object-method-layers.js';
import { declaredPrimitive } from './caller-options.js';
import { madeLayerCallersGiveNoBound, tupleCallersGiveNoBound } from './tuple-layers.js';
import { cancelledOnTimer } from './timer-cancels.js';
import { fieldTimeoutMayBeAbsent, timeoutGivenOnlyWhenSet, timeoutWrittenOnlyWhenSet } from './optional-timeouts.js';
import { fieldDefaultsToNoTimeout } from './zero-default-fields.js';
import { asOptionsObject, isSet, lastWrittenAfterSpreads, propertyKey, readOptions, rootOf, unwrapExpression } from './syntax.js';
import { isFunction } from './loops.js';
import type { ExternalCall } from './external-calls.js';
import { helperReturns } from './helper-returns.js';
import { fetchFix } from '../libraries/fetch.js';
import { factsThroughConstants } from '../libraries/creation-options.js';

export interface TimeoutVerdict {
  bounded: boolean;
  remedy: string;
  /** The signal the call is given when it is its only bound and may be undefined (`{ signal }` from `signal?: AbortSignal`). */
  optionalSignal?: TSESTree.Node;
  /** The signal the call is given when it is its only bound and comes from a controller nothing aborts on time (controller-signals.ts). */
  untimedSignal?: TSESTree.Node;
  /** The timeout the call is given only when it is set, which nothing gives a default (optional-timeouts.ts). */
  optionalTimeout?: TSESTree.Expression;
  /** That timeout is a settings field whose own default is 0, which the client reads as none (zero-default-fields.ts). */
  zeroDefault?: true;
  /** The `null` (or `0`) a caller passes for a wrapper's timeout parameter, replacing the default it has. */
  nulledDefault?: TSESTree.Expression;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Whether the call has a timeout or an abort signal. Anything not statically known (options in a variable we cannot
 * read, a spread, an instance created elsewhere) counts as bounded: the rule reports only what it can see.
 */
export function timeoutVerdict(sourceCode: SourceCode, call: ExternalCall, filename?: string): TimeoutVerdict {
  const rule = libraryOf(call.client)?.timeout;
  // (a shared instance is judged where it is configured: analysis/shared-axios.ts)
  if (!rule || call.wrapped || call.sharedByModule || rule.isChecked?.(call) === false) return { bounded: true, remedy: '' };
  const throughDispatcher = rule.dispatcher !== undefined && call.instanceOptions.length > 0;
  const remedy = call.wrapperOptions ? wrapperRemedy(call.wrapperOptions.wrapper ?? call.label, call.wrapperOptions.names)
    : throughDispatcher ? rule.dispatcher!.remedy : rule.remedyFor?.({ flavor: call.flavor, filename }) ?? rule.remedy;
  const bounded = { bounded: true, remedy };
  const unbounded: TimeoutVerdict = { bounded: false, remedy };
  // a wrapper in another module that passes its caller's signal on: bounded when the caller gives one
  if (call.forwardedSignalIndex !== undefined) {
    const given = call.node.arguments[call.forwardedSignalIndex];
    // `timeout = 60_000` in the wrapper: left out, or `undefined`, the default applies; `null` or `0` turns it off
    if (call.forwardedSignalDefaulted && (!given || (given.type === AST_NODE_TYPES.Identifier && given.name === 'undefined'))) return bounded;
    if (isSet(given)) return bounded;
    return call.forwardedSignalDefaulted && given && given.type !== AST_NODE_TYPES.SpreadElement ? { ...unbounded, nulledDefault: given } : unbounded;
  }
  // `(...args) => fetch(...args)`: the arguments, options included, come from the caller, who chooses the timeout;
  // unless every caller in view builds them with no bound (tuple-layers.ts), or the call takes no bound of its own
  // to be given (`graph[method](path, ...rest, callback)`: fbgraph's requests are bounded where the module is set up)
  const takesCallBound = rule.callOptions.length > 0 || call.signalOption !== undefined || call.wrapperOptions !== undefined || call.setting !== undefined;
  if (takesCallBound && call.node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement && argument.argument.type !== AST_NODE_TYPES.ArrayExpression)) {
    return filename && tupleCallersGiveNoBound(sourceCode, call, filename) ? unbounded : bounded;
  }

  const custom = call.setting;
  // a wrapper bounded only by options of its own is judged by those, not by the client it wraps
  const callOptions = call.wrapperOptions?.names ?? custom?.timeoutOptions ?? rule.callOptions;
  const signalOption = call.signalOption;

  // The call's own options (http's first argument may be the URL instead).
  // a timeout set on the request only when the caller gives one (`if (config.timeout) req.setTimeout(...)`) is the
  // layer's own way of bounding it: options it passes that cannot be read are not taken for a bound then
  const chained = rule.chainMethods.length ? chainOrHolderCalls(sourceCode, call.node, rule.chainMethods) : [];
  const optionalTimeouts = chained.map((method) => timeoutGivenOnlyWhenSet(sourceCode, method));
  const optionalTimeout = optionalTimeouts.length && optionalTimeouts.every((value) => value !== undefined) ? optionalTimeouts[0] : undefined;

  let writtenOnlyWhenSet: TSESTree.Expression | undefined;

  const urlInOptionsPlace = rule.urlMayTakeOptionsPlace === true && call.optionsExpression === call.node.arguments[0]
    && call.optionsExpression !== undefined && looksLikeUrl(sourceCode, call.optionsExpression);
  // a value declared a string in the options' place (mysql's `query(sql)`, `sql: string`) is no options object, nor is
  // a callback a layer's caller hands where its options go (`request(url, (body) => ...)`, the layer taking it for one)
  const callbackForOptions = call.optionsExpression !== undefined && call.forwardedOptionsIndex !== undefined && isFunction(unwrapExpression(call.optionsExpression));
  if (call.optionsExpression && !urlInOptionsPlace && !callbackForOptions && !declaredPrimitive(sourceCode, call.optionsExpression)) {
    const options = resolveObject(sourceCode, call.optionsExpression, signalOption ? [...callOptions, signalOption] : callOptions, call.optionsUnseen === true);
    // options not written as one literal (a spread, a condition, a class field) bound the call unless visibly unset
    // (spreads of object literals this file keeps in constants, `{ ...params, method: 'GET' }`, read through)
    const facts = options === 'unknown' || options === undefined ? options : readOptionsThroughConstants(sourceCode, options);
    // (an init that is one option of the caller's options object is judged by the callers in view, when the file is known;
    // a factory's options, by the factory's other calls)
    // `timeout: this.timeout` copied from an optional option with no default bounds only the clients made with one; the
    // literal names its own timeout, so a payload spread beside it is not taken for the bound
    const fieldTimeout = options && options !== 'unknown' ? optionalFieldTimeout(sourceCode, options, callOptions) : undefined;
    if (fieldTimeout) return { ...unbounded, optionalTimeout: fieldTimeout.value, ...(fieldTimeout.zeroDefault ? { zeroDefault: true } : {}) };
    const lastSignal = facts !== 'unknown' ? undefined
      : options !== 'unknown' && options !== undefined ? signalOverSpreads(sourceCode, options, signalOption, spreadableBounds(call, callOptions))
        : helperBuiltSignal(sourceCode, call.optionsExpression, signalOption, spreadableBounds(call, callOptions));
    if (lastSignal) return { ...unbounded, ...(signalMayBeUndefined(sourceCode, lastSignal) ? { optionalSignal: lastSignal } : { untimedSignal: lastSignal }) };
    // `if (config.timeout !== undefined) options.timeout = config.timeout`: the options' only bound is the caller's
    writtenOnlyWhenSet = facts === 'unknown' ? timeoutWrittenOnlyWhenSet(sourceCode, call.node, call.optionsExpression, signalOption ? [...callOptions, signalOption] : callOptions) : undefined;
    if (facts === 'unknown' && !optionalTimeout && !writtenOnlyWhenSet && !visiblyUnbounded(sourceCode, call, filename) && !(filename && callerGivesNoBound(sourceCode, call, filename))
      && !siblingOwnsTheBound(sourceCode, call) && !objectMethodCallersGiveNoBound(sourceCode, call, filename) && !(filename && madeLayerCallersGiveNoBound(sourceCode, call, filename))) return bounded;
    if (facts && facts !== 'unknown') {
      const signal = signalOption ? facts.get(signalOption) : undefined;
      const optionalSignal = signal && isSet(signal) && signalMayBeUndefined(sourceCode, signal) ? signal : undefined;
      const untimedSignal = signal && isSet(signal) && !optionalSignal && isUntimedControllerSignal(sourceCode, signal) ? signal : undefined;
      if (signal && isSet(signal) && !optionalSignal && !untimedSignal) return bounded;
      const own = call.wrapperOptions ? undefined : rule.readCallOptions?.(facts, { flavor: call.flavor, filename, sourceCode });
      if (own) return own === 'bounded' ? bounded : unbounded;
      if (callOptions.some((name) => isSet(facts.get(name)))) return bounded;
      if (rule.agent && !call.wrapperOptions && agentBounds(sourceCode, facts.get(rule.agent.option), rule.agent.socketTimeoutCounts)) return bounded;
      // then, if nothing else bounds it, the message says which signal may be missing
      if (optionalSignal) unbounded.optionalSignal = optionalSignal;
      if (untimedSignal) unbounded.untimedSignal = untimedSignal;
    }
  } else if (rule.requestInput) {
    const input = call.node.arguments[0];
    const request = input && requestInput(sourceCode, input);
    if (request === 'unknown') return bounded; // a Request may carry a signal
    // `new Request(url, init)`: the init is where its signal would be, and is judged as the call's own options
    if (request?.init) return timeoutVerdict(sourceCode, { ...call, optionsExpression: request.init, optionsArgument: undefined }, filename);
  }

  // What bounds the client beyond this file, then how the instance was created.
  const beyond = rule.instanceBound?.(call, filename);
  if (beyond === 'bounded' || beyond === 'unknown') return bounded;
  for (const created of call.instanceOptions) {
    // a bound its maker hands in, which a maker in view leaves out
    const leftUnset = created && filename && rootOf(created) === sourceCode.ast ? creationOptionLeftUnset(sourceCode, filename, created, custom?.timeoutOptions ?? rule.instanceOptions) : undefined;
    if (leftUnset) return { ...unbounded, optionalTimeout: leftUnset };
    const verdict = instanceVerdict(created, rule, custom?.timeoutOptions ?? rule.instanceOptions, { flavor: call.flavor, filename, sourceCode });
    // a dispatcher handed in by callers, one of which leaves it to the global one
    if (verdict === 'unknown' && created === null && throughDispatcher && filename && callerLeavesDispatcherUnset(sourceCode, call, filename)) return unbounded;
    if (verdict === 'unknown' || verdict === 'bounded') return bounded;
    if (verdict === 'unbounded') return unbounded;
  }
  if (rule.boundedByDefault) return bounded;
  if (call.defaultsTimeout && isSet(call.defaultsTimeout)) return bounded;
  if (optionalTimeout ?? writtenOnlyWhenSet) return { ...unbounded, optionalTimeout: optionalTimeout ?? writtenOnlyWhenSet };
  if (chained.length) return bounded;
  const request = rule.cancelMethods && holderVariable(sourceCode, call.node);
  if (request && cancelledOnTimer(sourceCode, request, rule.cancelMethods!)) return bounded;
  return unbounded;
}

/**
 * `{ method, ...init, headers, signal: abortSignal }`: a signal written after every spread replaces whatever the
 * spreads bring, so when it may be undefined (an optional parameter) and nothing else bounding can come from them
 * (each of the client's timeout options, if it has any, is also written after them), it is the call's only bound.
 * A request layer handed its caller's init and, apart, its caller's optional signal (wrangler's Cloudflare API layer).
 */
function signalOverSpreads(sourceCode: SourceCode, options: TSESTree.ObjectExpression, signalOption: string | undefined, callOptions: readonly string[]): TSESTree.Node | undefined {
  if (!signalOption) return undefined;
  const signal = lastWrittenAfterSpreads(options, signalOption);
  if (!signal || !isSet(signal) || !(signalMayBeUndefined(sourceCode, signal) || isUntimedControllerSignal(sourceCode, signal))) return undefined;
  return callOptions.every((name) => {
    if (name === signalOption) return true;
    const written = lastWrittenAfterSpreads(options, name);
    return written !== undefined && !isSet(written);
  }) ? signal : undefined;
}

/**
 * The options a spread into the call's options could bring that bound it. A fetch's init bounds it only by its
 * signal: undici's `headersTimeout` and `bodyTimeout` are its dispatcher's options, not the init's, and a dispatcher
 * a caller's init might carry bounds it no more than the default one (300 s each) does.
 */
function spreadableBounds(call: ExternalCall, callOptions: readonly string[]): readonly string[] {
  return libraryOf(call.client)?.fix === fetchFix ? [] : callOptions;
}

/**
 * `fetch(url, perHop('manual'))` where `perHop` is a function of this file returning options it builds as one
 * literal (`const init: RequestInit = { signal: abortSignal, redirect }`, later given only headers): the signal it
 * sets is read as if written in the call, so one that may be undefined is the call's only bound (the AI SDK's
 * redirect-validating download layer).
 */
function helperBuiltSignal(sourceCode: SourceCode, expression: TSESTree.Node, signalOption: string | undefined, callOptions: readonly string[]): TSESTree.Node | undefined {
  const target = unwrapExpression(expression);
  if (!signalOption || target.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const helper = helperReturns(sourceCode, target);
  if (helper?.values.length !== 1) return undefined;
  const built = resolveObject(sourceCode, helper.values[0]!, [...callOptions, signalOption]);
  if (built === undefined || built === 'unknown') return undefined;
  const facts = readOptions(built);
  if (facts === 'unknown') return signalOverSpreads(sourceCode, built, signalOption, callOptions);
  const signal = facts.get(signalOption);
  if (!signal || !isSet(signal) || !(signalMayBeUndefined(sourceCode, signal) || isUntimedControllerSignal(sourceCode, signal))) return undefined;
  return callOptions.some((name) => name !== signalOption && isSet(facts.get(name))) ? undefined : signal;
}

function wrapperRemedy(wrapper: string, names: readonly string[]): string {
  const options = names.map((name) => `\`${name}\``).join(' or ');
  return `pass ${options} in its options, or give the project's \`${wrapper}\` a default bound: it sets none of its own, only the one its caller gives`;
}

function instanceVerdict(created: InstanceOptions, rule: TimeoutModel, names: readonly string[], context: OptionContext): 'unknown' | 'bounded' | 'unbounded' | 'silent' {
  if (created === null) return 'unknown';
  // `axios.create({ baseURL, ...DEFAULTS })`: spreads of the file's constant defaults are read through
  const { sourceCode } = context;
  const facts = readOptions(created) === 'unknown' && sourceCode && rootOf(created) === sourceCode.ast ? factsThroughConstants(sourceCode, created) : readOptions(created);
  if (facts === 'unknown') return 'unknown';
  const own = rule.readInstanceOptions?.(facts, context);
  if (own) return own;
  return names.some((name) => isSet(facts.get(name))) ? 'bounded' : 'silent';
}

/** An options argument as an object literal, through a `const` that holds one; 'unknown' when it cannot be read. */
/**
 * An options argument as an object literal, through a variable that holds one; 'unknown' when it cannot be read.
 * Later writes count only when they may bound the call: `options.client = 'x'` adds no timeout, `options.timeout = t`
 * does; `config = withProxy(config)` keeps the config's options unless the helper's name says it bounds it.
 */
function resolveObject(sourceCode: SourceCode, node: TSESTree.Node, bounding: readonly string[], parameterUnseen = false): TSESTree.ObjectExpression | undefined | 'unknown' {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  const chosen = asOptionsObject(target); // `cond ? { headers } : undefined`: either way, what the literal sets
  if (chosen) return chosen;
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (target.name === 'undefined') return undefined;
    const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
    const def = variable?.defs[0];
    if (variable && variable.defs.length === 1 && def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init
      && !variable.references.some((reference) => (reference.isWrite() && !reference.init && !keepsOptions(reference.identifier)) || setsProperty(reference.identifier, bounding))) {
      const init = unwrapExpression(def.node.init);
      if (init.type === AST_NODE_TYPES.ObjectExpression) return init;
      const chosenInit = asOptionsObject(init);
      if (chosenInit) return chosenInit;
    }
    if (parameterUnseen && variable && def?.type === 'Parameter'
      && !variable.references.some((reference) => (reference.isWrite() && !reference.init) || setsProperty(reference.identifier, bounding))) {
      // only its default, if it has one, is seen
      const pattern = def.name.parent;
      const fallback = pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === def.name ? unwrapExpression(pattern.right) : undefined;
      if (fallback === undefined) return undefined;
      return fallback.type === AST_NODE_TYPES.ObjectExpression ? fallback : 'unknown';
    }
    return 'unknown';
  }
  if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return undefined; // a URL or SQL text
  return 'unknown';
}

/** `config.timeout = 5000`, `config[key] = v`, `Object.assign(config, ...)`: the object may gain a bound after it is written. */
function setsProperty(identifier: TSESTree.Node, bounding: readonly string[]): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const assignment = parent.parent;
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== parent) return false;
    const key = parent.computed ? undefined : parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : undefined;
    return key === undefined || bounding.includes(key);
  }
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier && parent.callee.type === AST_NODE_TYPES.MemberExpression
    && parent.callee.object.type === AST_NODE_TYPES.Identifier && parent.callee.object.name === 'Object';
}

/** `config = withProxy(config)` / `config = await this.withAuth(config)`: the same options, given more by a helper not named for a bound. */
function keepsOptions(identifier: TSESTree.Node): boolean {
  const assignment = identifier.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== identifier || assignment.operator !== '=') return false;
  let value: TSESTree.Node = unwrapExpression(assignment.right);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression || !value.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === (identifier as TSESTree.Identifier).name)) return false;
  const callee = value.callee.type === AST_NODE_TYPES.MemberExpression ? value.callee.property : value.callee;
  return callee.type === AST_NODE_TYPES.Identifier && !/timeout|deadline|abort|signal|cancel/i.test(callee.name);
}

/** A string or URL: a literal, `new URL(...)`, a `string`/`URL`-typed or URL-named variable. */
export function looksLikeUrl(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (target.type === AST_NODE_TYPES.NewExpression) return target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'URL';
  // `opts.url`, `attachment.downloadLink`: a member named for an address
  if (target.type === AST_NODE_TYPES.MemberExpression) return !target.computed && target.property.type === AST_NODE_TYPES.Identifier && URL_NAME.test(target.property.name);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const def = (findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type === 'Variable' && def.node.init) return looksLikeUrl(sourceCode, def.node.init);
  const annotation = (def?.name as TSESTree.Identifier | undefined)?.typeAnnotation?.typeAnnotation;
  if (annotation?.type === AST_NODE_TYPES.TSStringKeyword) return true;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'URL') return true;
  return URL_NAME.test(target.name);
}

const URL_NAME = /(?:url|uri|href|endpoint|link)$/i;

/**
 * What a fetch's first argument says of a Request: 'unknown' for a Request whose signal cannot be read (a parameter
 * typed `Request`, one copied from another Request, made elsewhere), `{ init }` for `new Request(url, init?)` made
 * from a URL, inline or in a variable only given it once; undefined for a URL.
 */
function requestInput(sourceCode: SourceCode, node: TSESTree.Node): { init: TSESTree.CallExpressionArgument | undefined } | 'unknown' | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.NewExpression) return madeFromUrl(sourceCode, target);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (def?.type === 'Variable') {
    const init = def.node.init && unwrapExpression(def.node.init);
    if (init?.type !== AST_NODE_TYPES.NewExpression) return undefined;
    return variable!.defs.length === 1 && !variable!.references.some((reference) => reference.isWrite() && !reference.init) ? madeFromUrl(sourceCode, init) : 'unknown';
  }
  if (def?.type === 'Parameter') {
    const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
    return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier
      && annotation.typeName.name === 'Request' ? 'unknown' : undefined;
  }
  return undefined;
}

/** `new Request(url, init?)` with the global Request and a URL first: its init; a `new URL(...)`, none; anything else is not read. */
function madeFromUrl(sourceCode: SourceCode, node: TSESTree.NewExpression): { init: TSESTree.CallExpressionArgument | undefined } | 'unknown' | undefined {
  const callee = node.callee;
  // `new URL(...)`: an address, which carries no signal
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'URL' && !findVariable(sourceCode.getScope(callee) as never, callee)?.defs.length) return undefined;
  const [input, init, ...rest] = node.arguments;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Request' || findVariable(sourceCode.getScope(callee) as never, callee)?.defs.length
    || !input || input.type === AST_NODE_TYPES.SpreadElement || !looksLikeUrl(sourceCode, input) || init?.type === AST_NODE_TYPES.SpreadElement || rest.length > 0) return 'unknown';
  return { init };
}

/** `request.timeout(ms)` in the call's chain, or `req.setTimeout(ms)` on the variable that holds it: those calls. */
function chainOrHolderCalls(sourceCode: SourceCode, node: TSESTree.CallExpression, methods: readonly string[]): TSESTree.CallExpression[] {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
      if (!parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && methods.includes(parent.property.name)) return [parent.parent];
      current = parent.parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.AwaitExpression || parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      continue;
    }
    break;
  }
  return (holderVariable(sourceCode, current)?.references ?? []).flatMap((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && !member.computed
      && member.property.type === AST_NODE_TYPES.Identifier && methods.includes(member.property.name)
      && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? [member.parent] : [];
  });
}

/** The variable a call's result is held in (`const req = https.request(...)`, through `await`, `as` and `!`). */
function holderVariable(sourceCode: SourceCode, node: TSESTree.Node): TSESLint.Scope.Variable | undefined {
  let current = node;
  // (`const socket = local ? net.connect({ path }) : net.connect({ host, port })`: either arm is the socket held)
  while (current.parent?.type === AST_NODE_TYPES.AwaitExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression || current.parent?.type === AST_NODE_TYPES.TSNonNullExpression
    || (current.parent?.type === AST_NODE_TYPES.ConditionalExpression && current.parent.test !== current)) {
    current = current.parent;
  }
  const holder = current.parent;
  // `let req: ClientRequest;` declared first, then `req = https.request(...)`, its only value
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.operator === '=' && holder.right === current && holder.left.type === AST_NODE_TYPES.Identifier) {
    const variable = (findVariable(sourceCode.getScope(holder) as never, holder.left) as TSESLint.Scope.Variable | null) ?? undefined;
    const writes = variable?.references.filter((reference) => reference.isWrite()) ?? [];
    return writes.length === 1 && writes[0]!.identifier === holder.left && variable!.defs.every((definition) => definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init)
      ? variable : undefined;
  }
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return (findVariable(sourceCode.getScope(holder) as never, holder.id) as TSESLint.Scope.Variable | null) ?? undefined;
}

/**
 * A signal kept from the options a class was created with is its creator's to give (judged where the class is
 * created, see `boundOnlyByCreator`); only a timeout copied from an optional option is the layer's own missing default.
 */
const SIGNAL_OPTIONS = new Set(['signal', 'abortSignal']);

/** The timeout an options literal names, when every one it names is a field that may be absent (fieldTimeoutMayBeAbsent). */
function optionalFieldTimeout(sourceCode: SourceCode, options: TSESTree.ObjectExpression, names: readonly string[]): { value: TSESTree.Expression; zeroDefault: boolean } | undefined {
  const given = options.properties
    .filter((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && names.includes(propertyKey(property) ?? '')
      && !SIGNAL_OPTIONS.has(propertyKey(property)!))
    .map((property) => property.value as TSESTree.Expression);
  if (given.length === 0) return undefined;
  if (given.every((value) => fieldTimeoutMayBeAbsent(sourceCode, value))) return { value: given[0]!, zeroDefault: false };
  // a settings class's field whose default is 0, "no timeout" (zero-default-fields.ts)
  return given.every((value) => fieldDefaultsToNoTimeout(sourceCode, value)) ? { value: given[0]!, zeroDefault: true } : undefined;
}

/** The call's options as `readOptions` reads them, or, where a spread hides them, through the constants it spreads. */
function readOptionsThroughConstants(sourceCode: SourceCode, options: TSESTree.ObjectExpression): Map<string, TSESTree.Node> | 'unknown' {
  const facts = readOptions(options);
  return facts === 'unknown' ? factsThroughConstants(sourceCode, options) : facts;
}
