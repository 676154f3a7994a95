import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import { exportedName, importedCalls, MAX_CALLERS, MAX_HOPS, parameterOf, parameterValueSource } from './caller-signals.js';
import { constructionsOf } from './class-makers.js';
import { mayStayUnset } from './dispatcher-options.js';
import { heldObjectLiteral } from './held-literals.js';
import { helperReturns } from './helper-returns.js';
import type { ExternalCall } from './external-calls.js';
import { contains, enclosingFunction, getFileNodes, type FunctionNode } from './loops.js';
import { enclosingClassBody, inStaticMember, memberKeyName, staticPropertyName } from './member-syntax.js';
import { instanceMethodCalls } from './instance-method-callers.js';
import { hasDefault } from './optional-timeouts.js';
import { OptionPresence } from './option-presence.js';
import { handedBackArgument } from '../project/passed-through-options.js';
import { fileRole } from '../project/file-roles.js';
import { NO_FILE_SETTINGS } from '../project/file-settings.js';
import { isSet, mergedParts, propertyKey, unwrapExpression, withoutEmptyFallback } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A layer handed its request's init inside one options object (`signedFetch({ fetch, url, init })` spreading `init`
 * into its call) is judged by its callers: the project's wrappers forward only a whole parameter, so no caller is
 * judged for that init, and the call alone looks bounded by whatever the init may hold. When a caller in view (in
 * this file or a module importing it, following a caller that hands on its own options up to `MAX_HOPS` functions)
 * gives an init that visibly sets no bound, the layer's call is unbounded, and it is reported there: one edit in the
 * layer bounds every caller. A layer nobody in view calls (a library's API) is not judged.
 */
export function callerGivesNoBound(sourceCode: SourceCode, call: ExternalCall, filename: string): boolean {
  const written = call.optionsExpression && unwrapExpression(call.optionsExpression);
  // `fetch(url, withProxy(options))`: what the helper hands back is what it was given
  const handedBack = written && handedBackArgument(sourceCode, written);
  const options = handedBack ? unwrapExpression(handedBack) : written;
  const keys = boundingKeys(call);
  if (!options || keys.length === 0) return false;
  // the caller's whole options handed to the call (`https.get(options, onResponse)`) by a layer no caller bounds, or
  // one that some callers hand a URL in their place
  const whole = options.type === AST_NODE_TYPES.Identifier ? parameterSource(sourceCode, options) : undefined;
  if (whole?.key === undefined && whole && (closedLayerCallersGiveNoBound(sourceCode, filename, whole.fn, whole.index, keys)
    || everyCallerGivesNoBound(sourceCode, filename, whole.fn, whole.index, keys))) return true;
  // a layer that handles its call's failure itself leaves its callers no external call to be judged at (artillery's
  // Dynatrace reporter, whose `sendRequest(url, options)` catches what `got.post` throws): one caller in view giving
  // none is a request with no bound, reported in the layer
  if (whole?.key === undefined && whole && call.failureHandledHere === true && someCallerGivesNone(sourceCode, filename, whole, keys, 0)) return true;
  if (callerPassesUrlForOptions(sourceCode, filename, call)) return true;
  // options the layer builds first (`const config = { ...rest, headers }`), no bound written on them afterwards
  const held = options.type === AST_NODE_TYPES.Identifier && !whole ? keptLiteral(sourceCode, options, keys) : undefined;
  const parts = mergedParts(held ?? options);
  if (!parts) return false;
  const sources: ParameterSource[] = [];
  let presence: OptionPresence | undefined;
  for (const part of parts) {
    if (part.type === AST_NODE_TYPES.Property) {
      if (keys.includes(propertyKey(part) ?? keys[0]!)) return false; // the layer sets a bound of its own
      continue;
    }
    const source = parameterSource(sourceCode, withoutEmptyFallback(part));
    if (source) {
      sources.push(source);
      continue;
    }
    // the layer's own defaults (`{ ...DEFAULTS, ...init }`), visibly setting no bound
    const fn = enclosingFunction(call.node);
    presence ??= fn && new OptionPresence(sourceCode, fn, 'unknown', 'unknown', filename);
    if (!presence || keys.some((key) => presence!.member(part, key) !== 'nothing')) return false;
  }
  // a whole parameter spread in is forwarded, and its callers judged where they call: only an option of one is left,
  // unless the layer handles the call's failure itself (then its callers make no external call to judge)
  if (sources.length > 0 && sources.every((source) => source.key === undefined
    && (closedLayerCallersGiveNoBound(sourceCode, filename, source.fn, source.index, keys) || fieldLayerCallerGivesNone(sourceCode, filename, source, keys)
      || everyCallerGivesNoBound(sourceCode, filename, source.fn, source.index, keys)))) return true;
  return sources.some((source) => source.key !== undefined || call.failureHandledHere === true)
    && sources.some((source) => someCallerGivesNone(sourceCode, filename, source, keys, 0));
}

/**
 * A layer handing its parameter to a call that takes a URL or options in the same place (`https.get(options,
 * onResponse)`), some of whose callers in view pass a URL there (`get(\`https://api.example.com/me?token=${token}\`)`):
 * those callers cannot pass a bound, so the layer owns it, and its call is reported there, once, not at its callers.
 */
export function callerPassesUrlForOptions(sourceCode: SourceCode, filename: string | undefined, call: ExternalCall): boolean {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  if (!filename || !options || options !== call.node.arguments[0] || options.type !== AST_NODE_TYPES.Identifier) return false;
  if (libraryOf(call.client)?.timeout?.urlMayTakeOptionsPlace !== true) return false;
  const source = parameterSource(sourceCode, options);
  if (!source || source.key !== undefined) return false;
  return callersOf(sourceCode, filename, source.fn, { enough: MAX_CALLERS }).slice(0, MAX_CALLERS).some(({ call: caller }) => {
    const given = caller.arguments[source.index];
    return given !== undefined && given.type !== AST_NODE_TYPES.SpreadElement && isUrlText(unwrapExpression(given));
  });
}

/** A string the code writes (a literal, a template, a concatenation) or a variable named for a URL. */
function isUrlText(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string';
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression) return node.operator === '+';
  return node.type === AST_NODE_TYPES.Identifier && /(?:url|uri|href|path)$/i.test(node.name);
}

/**
 * A layer only its own module can call (a private method, a function the module does not export) that is handed its
 * caller's whole options, whose every call gives options with no bound (`this.makeRequest('/items')`, `{ method:
 * 'POST' }`): no caller bounds it, so the bound belongs in the layer, and its request is reported there, once.
 */
export function closedLayerCallersGiveNoBound(sourceCode: SourceCode, filename: string, fn: FunctionNode, index: number, keys: readonly string[]): boolean {
  if (!onlyItsModuleCalls(sourceCode, fn)) return false;
  const callers = callersOf(sourceCode, filename, fn);
  return callers.length > 0 && callers.length <= MAX_CALLERS
    && callers.every(({ call }) => call.arguments[index]?.type !== AST_NODE_TYPES.SpreadElement && givesNone(sourceCode, filename, call.arguments[index], keys, MAX_HOPS));
}

/**
 * A function other modules import (a CLI's one `sendApiRequest(options)`), or a method of a class they make or are
 * handed (`networkUtils.sendApiRequest(options)`), handed its caller's whole options, to which none of its callers in
 * view gives a bound (seventeen callers of one such layer on the forty-second held-out round, each reported): the
 * bound belongs in the layer, as a default its callers can still override, and its request is reported there, once.
 * Two callers at least, one in another module (a function only its own module calls in view may be a library's API);
 * past `MAX_LAYER_CALLERS` the callers stay judged one by one. A method counts only when every call of it is in view
 * (no instance handed on or exported). A caller whose options are not read here (handed on from elsewhere) counts for
 * neither side, so long as few do; one setting a bound keeps the layer to its callers.
 */
export function everyCallerGivesNoBound(sourceCode: SourceCode, filename: string, fn: FunctionNode, index: number, keys: readonly string[]): boolean {
  if (filename === '' || fn.parent?.type === AST_NODE_TYPES.PropertyDefinition) return false;
  const callers = fn.parent?.type === AST_NODE_TYPES.MethodDefinition
    ? instanceMethodCalls(sourceCode, filename, fn, MAX_LAYER_CALLERS)?.map(({ call, source, file }) => ({ call, module: source, file })) ?? []
    : callersOf(sourceCode, filename, fn, { enough: MAX_LAYER_CALLERS + 1 });
  if (callers.length < 2 || callers.length > MAX_LAYER_CALLERS || !callers.some(({ file }) => file !== filename)) return false;
  let none = 0;
  for (const { call, module, file } of callers) {
    const given = call.arguments[index];
    if (given?.type === AST_NODE_TYPES.SpreadElement || visiblyBounds(module, given, keys)) return false;
    if (givesNone(module, file, given, keys, MAX_HOPS)) none++;
  }
  // a few callers handing on options read elsewhere (a proxy resending its first request's) do not change the answer
  return none >= 2 && (callers.length - none) * UNREAD_CALLERS_PER_KNOWN <= none;
}

/** The options a caller gives set a bound where they are written (in the call, or in a constant it hands on). */
function visiblyBounds(sourceCode: SourceCode, given: TSESTree.Node | undefined, keys: readonly string[]): boolean {
  const written = given && heldObjectLiteral(sourceCode, given)?.object;
  return written?.properties.some((property) => property.type === AST_NODE_TYPES.Property && keys.includes(propertyKey(property) ?? '')) === true;
}

/** How many callers of an open layer are read to tell that none bounds it: every one must be. */
const MAX_LAYER_CALLERS = 32;
/** An open layer's callers whose options cannot be read: at most one for every four giving visibly none. */
const UNREAD_CALLERS_PER_KNOWN = 4;

/**
 * A layer kept in a field of its class (`this.request = (pathname, options) => fetchWithRetries(url, { ...options,
 * headers })` in the constructor, an SDK's network client): its callers (`this.request(url)`, `this.request(url,
 * config)`) are not judged as a wrapper's are, so when one of them gives no bound, the layer's call is unbounded and is
 * reported there, once, with a default its callers' options can still override.
 */
function fieldLayerCallerGivesNone(sourceCode: SourceCode, filename: string, source: ParameterSource, keys: readonly string[]): boolean {
  return fieldHoldingLayer(source.fn) !== undefined && someCallerGivesNone(sourceCode, filename, source, keys, 0);
}

/** The name of the field of its class a function is kept in: assigned to `this.name`, or a field's initialiser. */
function fieldHoldingLayer(fn: FunctionNode): string | undefined {
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.operator === '=' && holder.right === fn && holder.left.type === AST_NODE_TYPES.MemberExpression
    && holder.left.object.type === AST_NODE_TYPES.ThisExpression && !holder.left.computed) return staticPropertyName(holder.left);
  if (holder?.type === AST_NODE_TYPES.PropertyDefinition && holder.value === fn && !holder.static && !holder.computed) return memberKeyName(holder);
  return undefined;
}

function onlyItsModuleCalls(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.MethodDefinition) {
    return holder.kind === 'method' && (holder.accessibility === 'private' || holder.key.type === AST_NODE_TYPES.PrivateIdentifier);
  }
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id?.name
    : holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
  return name !== undefined && exportedName(fn, name, sourceCode) === undefined;
}

/**
 * A factory's configuration spread into a call (`fetch(url, { method, ...requesterOptions })`, `requesterOptions` a
 * parameter of the function that made the caller's) is the user's to bound, as a spread of the caller's options
 * is: unless another call of the same factory sets a bound of its own beside the same spread (`{ signal,
 * ...requesterOptions }`). Then the factory's layer owns the bound, and this call left it out (an SDK's streaming
 * requester, beside the one that applies the transporter's timeouts).
 */
export function siblingOwnsTheBound(sourceCode: SourceCode, call: ExternalCall): boolean {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  const keys = boundingKeys(call);
  const own = enclosingFunction(call.node);
  if (!own || !options || keys.length === 0 || options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const spread: TSESTree.Identifier[] = [];
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      if (keys.includes(propertyKey(property) ?? keys[0]!)) return false;
      continue;
    }
    const argument = unwrapExpression(property.argument);
    const source = argument.type === AST_NODE_TYPES.Identifier ? parameterOf(sourceCode, argument) : undefined;
    if (!source || source.fn === own || !contains(source.fn, own)) return false;
    spread.push(argument as TSESTree.Identifier);
  }
  return spread.length > 0 && spread.every((identifier) => {
    const variable = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved;
    return (variable?.references ?? []).some(({ identifier: other }) => {
      const literal = other.parent?.type === AST_NODE_TYPES.SpreadElement ? other.parent.parent : undefined;
      return literal?.type === AST_NODE_TYPES.ObjectExpression && literal !== options && literal.properties.some((candidate) =>
        candidate.type === AST_NODE_TYPES.Property && keys.includes(propertyKey(candidate) ?? '') && isSet(candidate.value));
    });
  });
}

/** Where the init comes from: a parameter of `fn`, whole or (`key`) one option destructured from it. */
interface ParameterSource {
  readonly fn: FunctionNode;
  readonly index: number;
  readonly key?: string;
}

export function boundingKeys(call: ExternalCall): string[] {
  const names = call.setting?.timeoutOptions ?? libraryOf(call.client)?.timeout?.callOptions ?? [];
  return call.signalOption ? [...new Set([...names, call.signalOption])] : [...names];
}

function parameterSource(sourceCode: SourceCode, node: TSESTree.Node): ParameterSource | undefined {
  const target = unwrapExpression(node);
  const found = target.type === AST_NODE_TYPES.Identifier ? parameterOf(sourceCode, target) : undefined;
  if (!found) return undefined;
  return found.destructuredKey === undefined ? { fn: found.fn, index: found.index } : { fn: found.fn, index: found.index, key: found.destructuredKey };
}

function someCallerGivesNone(sourceCode: SourceCode, filename: string, source: ParameterSource, keys: readonly string[], hops: number): boolean {
  for (const { call, module, file } of callersOf(sourceCode, filename, source.fn, { enough: MAX_CALLERS }).slice(0, MAX_CALLERS)) {
    const argument = call.arguments[source.index];
    if (argument?.type === AST_NODE_TYPES.SpreadElement) continue;
    let given: TSESTree.Node | undefined = argument;
    if (source.key !== undefined && argument) {
      const object = unwrapExpression(argument);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const property = object.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === source.key);
      if (!property && object.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement)) continue;
      given = property?.value;
    }
    if (givesNone(module, file, given, keys, hops)) return true;
  }
  return false;
}

/** The init a caller gives sets no bound: left out, or a literal naming none, whose spreads are its own caller's and given none either. */
function givesNone(sourceCode: SourceCode, filename: string, given: TSESTree.Node | undefined, keys: readonly string[], hops: number): boolean {
  const init = given && unwrapExpression(given);
  if (!init || (init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) return true;
  // a literal the caller holds in a constant is read as written (no hop to its callers)
  const constant = init.type === AST_NODE_TYPES.Identifier ? constantLiteral(sourceCode, init) : undefined;
  if (constant) return givesNone(sourceCode, filename, constant, keys, hops);
  // options a function of the file builds (`this.formRequest(payload)`): every literal it returns sets no bound
  if (init.type === AST_NODE_TYPES.CallExpression) return builtWithNone(sourceCode, filename, init, keys);
  if (hops >= MAX_HOPS && init.type !== AST_NODE_TYPES.ObjectExpression) return false;
  if (init.type === AST_NODE_TYPES.Identifier) {
    const outer = parameterSource(sourceCode, init);
    return outer !== undefined && someCallerGivesNone(sourceCode, filename, outer, keys, hops + 1);
  }
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const outers: ParameterSource[] = [];
  for (const property of init.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      const key = propertyKey(property);
      if (key === undefined || keys.includes(key)) return false;
      continue;
    }
    const outer = hops < MAX_HOPS ? parameterSource(sourceCode, property.argument) : undefined;
    if (!outer) return false;
    outers.push(outer);
  }
  return outers.length === 0 || outers.some((outer) => someCallerGivesNone(sourceCode, filename, outer, keys, hops + 1));
}

/** Only literals written out, read with no hop to the helper's own callers (its spreads leave the answer open). */
function builtWithNone(sourceCode: SourceCode, filename: string, call: TSESTree.CallExpression, keys: readonly string[]): boolean {
  const returned = helperReturns(sourceCode, call);
  return returned !== undefined && returned.values.every((value) => {
    const written = unwrapExpression(value);
    const literal = written.type === AST_NODE_TYPES.Identifier ? constantLiteral(sourceCode, written) : written;
    return literal?.type === AST_NODE_TYPES.ObjectExpression && givesNone(sourceCode, filename, literal, keys, MAX_HOPS);
  });
}

/**
 * `fetch(url, { headers, dispatcher })` with the undici dispatcher its caller hands in (to pick the outgoing address):
 * when a caller in view leaves it to the global one, the request has undici's 300 s defaults and no signal.
 */
export function callerLeavesDispatcherUnset(sourceCode: SourceCode, call: ExternalCall, filename: string): boolean {
  const option = libraryOf(call.client)?.timeout?.dispatcher?.option;
  if (option === undefined || !call.optionsExpression) return false;
  const property = heldProperty(sourceCode, call.optionsExpression, option, 0);
  const source = property && parameterValueSource(sourceCode, property.value);
  return source !== undefined && someCallerGivesNoDispatcher(sourceCode, filename, source, 0);
}

/**
 * The property `key` of request options written in place, held by a `const` of this file (`const params = {
 * dispatcher, method: 'HEAD' }`), or spread into them from such a constant (`{ ...params, method: 'GET' }`); later
 * keys win, as in the object.
 */
function heldProperty(sourceCode: SourceCode, node: TSESTree.Node, key: string, depth: number): TSESTree.Property | undefined {
  const object = heldObjectLiteral(sourceCode, node)?.object;
  if (!object) return undefined;
  for (const member of [...object.properties].reverse()) {
    if (member.type === AST_NODE_TYPES.Property) {
      if (propertyKey(member) === key) return member;
    } else if (depth < 3) {
      const spread = heldProperty(sourceCode, member.argument, key, depth + 1);
      if (spread) return spread;
    }
  }
  return undefined;
}

/**
 * A caller in view that leaves the request's dispatcher to the global one: giving none, `undefined`, a variable that
 * may stay unset (`let dispatcher; if (cidr) dispatcher = ...`), or handing on its own parameter that its callers
 * leave so. A dispatcher bounds a fetch only through timeouts it was made with, and the global one has undici's 300 s.
 */
function someCallerGivesNoDispatcher(sourceCode: SourceCode, filename: string, source: ParameterSource, hops: number): boolean {
  for (const { call, module, file } of callersOf(sourceCode, filename, source.fn, { enough: MAX_CALLERS }).slice(0, MAX_CALLERS)) {
    const argument = call.arguments[source.index];
    if (argument?.type === AST_NODE_TYPES.SpreadElement) continue;
    let given: TSESTree.Node | undefined = argument && unwrapExpression(argument);
    if (source.key !== undefined && given) {
      // `let fetchInfo = { dispatcher, id }`, given more members, then `youtube(fetchInfo)`
      if (given.type === AST_NODE_TYPES.Identifier) given = literalKeepingKey(module, given, source.key) ?? given;
      if (given.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const property = given.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === source.key);
      if (!property && given.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement)) continue;
      given = property && unwrapExpression(property.value);
    }
    if (!given || (given.type === AST_NODE_TYPES.Identifier && given.name === 'undefined')) return true;
    if (given.type === AST_NODE_TYPES.Identifier) {
      const variable = module.getScope(given).references.find((reference) => reference.identifier === given)?.resolved;
      if (variable && mayStayUnset(variable)) return true;
    }
    // handed on from the caller's own parameter (`dispatcher`, `o.dispatcher`): its callers decide
    const outer = hops < MAX_HOPS ? parameterValueSource(module, given) : undefined;
    if (outer && someCallerGivesNoDispatcher(module, file, outer, hops + 1)) return true;
  }
  return false;
}

/** The object literal a variable is declared with and never replaced, when nothing writes any of `keys` afterwards. */
function keptLiteral(sourceCode: SourceCode, identifier: TSESTree.Identifier, keys: readonly string[]): TSESTree.ObjectExpression | undefined {
  const literals = keys.map((key) => literalKeepingKey(sourceCode, identifier, key));
  return literals.every((literal) => literal !== undefined && literal === literals[0]) ? literals[0] : undefined;
}

/** The object literal a variable is declared with and never replaced, when nothing writes its `key` afterwards. */
function literalKeepingKey(sourceCode: SourceCode, identifier: TSESTree.Identifier, key: string): TSESTree.ObjectExpression | undefined {
  const variable = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved;
  const declarator = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const literal = unwrapExpression(declarator.init);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const rewritten = variable!.references.some(({ identifier: use }) => use.parent?.type === AST_NODE_TYPES.MemberExpression && use.parent.object === use
    && (use.parent.computed || staticPropertyName(use.parent) === key) && use.parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && use.parent.parent.left === use.parent);
  return rewritten ? undefined : literal;
}

/**
 * `const options = { headers }` handed on as it is (`new WebSocketClient(url, options)`): the literal a `const` holds,
 * when its other uses only read it (`{ ...options, url }`, `options.headers`) or hand it to the same callee again (a
 * proxy sending one request's options twice), so nothing adds a bound to it on the way.
 */
function constantLiteral(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.ObjectExpression | undefined {
  const variable = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved;
  const declarator = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) return undefined;
  const literal = unwrapExpression(declarator.init);
  const handedTo = identifier.parent?.type === AST_NODE_TYPES.CallExpression ? sourceCode.getText(identifier.parent.callee) : undefined;
  const onlyRead = (use: TSESTree.Identifier): boolean => {
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.SpreadElement) return parent.parent?.type === AST_NODE_TYPES.ObjectExpression;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
      const around = parent.parent;
      return !(around?.type === AST_NODE_TYPES.AssignmentExpression && around.left === parent) && !(around?.type === AST_NODE_TYPES.CallExpression && around.callee === parent)
        && around?.type !== AST_NODE_TYPES.UnaryExpression && around?.type !== AST_NODE_TYPES.MemberExpression;
    }
    return parent?.type === AST_NODE_TYPES.CallExpression && handedTo !== undefined && parent.arguments.includes(use) && sourceCode.getText(parent.callee) === handedTo;
  };
  const uses = variable!.references.filter((reference) => !reference.init && reference.identifier !== identifier);
  return literal.type === AST_NODE_TYPES.ObjectExpression && uses.every(({ identifier: use }) => onlyRead(use as TSESTree.Identifier)) ? literal : undefined;
}

/**
 * `axios.create({ timeout: options.timeout })` in a client's constructor or factory, the bound handed in by its maker
 * with no default: when a maker in view gives none (`new MediaClient({ host })`, or hands on an option of its own
 * that its callers leave out, `this.connect({})`), that client waits forever, and the default belongs where the
 * option is read. The value read, when so.
 */
export function creationOptionLeftUnset(sourceCode: SourceCode, filename: string, created: TSESTree.ObjectExpression, names: readonly string[]): TSESTree.Expression | undefined {
  for (const property of created.properties) {
    if (property.type !== AST_NODE_TYPES.Property || !names.includes(propertyKey(property) ?? '')) continue;
    const value = unwrapExpression(property.value);
    const source = parameterValueSource(sourceCode, value);
    if (source && !hasDefault(sourceCode, value) && someCallerGivesNone(sourceCode, filename, source, source.key === undefined ? [] : [source.key], 0)) {
      return property.value as TSESTree.Expression;
    }
  }
  return undefined;
}

/**
 * `new WebSocket(url, { rejectUnauthorized: true, ...options })`, the options a function (or, through `this.options`,
 * a class's constructor) is handed spread whole into a client's creation options: when every spread comes from such a
 * parameter, and a caller in view gives options naming none of `names` (`new MediaSocket(url, { headers })`), that
 * client is made with no bound, and its default belongs where the options are spread.
 */
export function spreadLeftUnsetByCallers(sourceCode: SourceCode, filename: string, created: TSESTree.ObjectExpression, names: readonly string[]): boolean {
  const sources: ParameterSource[] = [];
  for (const property of created.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      if (names.includes(propertyKey(property) ?? names[0]!)) return false;
      continue;
    }
    const argument = unwrapExpression(property.argument);
    const source = argument.type === AST_NODE_TYPES.Identifier ? parameterSource(sourceCode, argument) : constructorOptionsField(sourceCode, argument);
    if (!source || source.key !== undefined) return false;
    sources.push(source);
  }
  return sources.length > 0 && sources.every((source) => someCallerGivesNone(sourceCode, filename, source, names, 0));
}

/** `this.options`, written only by the constructor from its parameter (`this.options = options || {}`): that parameter. */
function constructorOptionsField(sourceCode: SourceCode, node: TSESTree.Node): ParameterSource | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression || node.computed) return undefined;
  const name = staticPropertyName(node);
  const classBody = enclosingClassBody(node);
  if (name === undefined || !classBody) return undefined;
  const writes = getFileNodes(sourceCode).assignments.filter((assignment) => assignment.left.type === AST_NODE_TYPES.MemberExpression
    && assignment.left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(assignment.left) === name && enclosingClassBody(assignment) === classBody);
  const [write] = writes;
  const constructor = write && enclosingFunction(write);
  if (writes.length !== 1 || write!.operator !== '=' || constructor?.parent?.type !== AST_NODE_TYPES.MethodDefinition || constructor.parent.kind !== 'constructor') return undefined;
  return parameterSource(sourceCode, withoutEmptyFallback(write!.right));
}

/** A caller read as the product: not a test, script or example by its code or by the package it sits in. */
export function inProduct({ module, file }: { module: SourceCode; file: string }): boolean {
  return fileRole({ path: file, text: module.text }, NO_FILE_SETTINGS) === 'product';
}

/**
 * The calls of `fn` in view: by its name in its module and the modules importing it, or as `this.name()` in its class.
 * With `enough`, a question some caller answers, the modules importing it are read until that many calls are found (a
 * proxy layer a hundred widgets call); without, past `MAX_CALLERS` of theirs none is given.
 */
export function callersOf(sourceCode: SourceCode, filename: string, fn: FunctionNode, { enough }: { enough?: number } = {}): { call: TSESTree.CallExpression | TSESTree.NewExpression; module: SourceCode; file: string }[] {
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.MethodDefinition && holder.kind === 'constructor') return constructionsOf(sourceCode, filename, holder.parent.parent);
  const method = holder?.type === AST_NODE_TYPES.MethodDefinition && holder.kind === 'method' && !holder.static && !holder.computed ? memberKeyName(holder) : fieldHoldingLayer(fn);
  if (method !== undefined) {
    const classBody = enclosingClassBody(fn);
    return getFileNodes(sourceCode).calls
      .filter((call) => {
        const callee = call.callee;
        return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed
          && staticPropertyName(callee) === method && classBody !== undefined && enclosingClassBody(call) === classBody;
      })
      .map((call) => ({ call, module: sourceCode, file: filename }));
  }
  if (holder?.type === AST_NODE_TYPES.MethodDefinition && holder.kind === 'method' && holder.static && !holder.computed) {
    return (staticMethodCalls(sourceCode, holder)?.sites ?? []).map((call) => ({ call, module: sourceCode, file: filename }));
  }
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id?.name
    : holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
  // `export default async function ({ id, dispatcher }) { ... }`: called by the modules importing it, under any name
  if (!name && holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
    return (importedCalls(filename, 'default', { enough }) ?? []).map(({ call, source, file }) => ({ call, module: source, file }));
  }
  if (!name) return [];
  const local = getFileNodes(sourceCode).calls
    .filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name)
    .map((call) => ({ call, module: sourceCode, file: filename }));
  const exported = exportedName(fn, name, sourceCode);
  const remote = exported === undefined ? [] : importedCalls(filename, exported, { enough }) ?? [];
  return [...local, ...remote.map(({ call, source, file }) => ({ call, module: source, file }))];
}

/**
 * The calls of a static method in its module: `OidcClient.fetch(url, init)` by the class's name, or `this.fetch(...)`
 * from another static method, where `this` is the class; `name` as the callers write it.
 */
export function staticMethodCalls(sourceCode: SourceCode, method: TSESTree.MethodDefinition): { name: string; sites: TSESTree.CallExpression[] } | undefined {
  const called = memberKeyName(method);
  const owner = method.parent.parent;
  const className = owner.id?.name ?? (owner.parent?.type === AST_NODE_TYPES.VariableDeclarator && owner.parent.id.type === AST_NODE_TYPES.Identifier ? owner.parent.id.name : undefined);
  if (called === undefined || className === undefined) return undefined;
  const sites = getFileNodes(sourceCode).calls.filter((call) => {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || staticPropertyName(callee) !== called) return false;
    if (callee.object.type === AST_NODE_TYPES.Identifier) return callee.object.name === className;
    return callee.object.type === AST_NODE_TYPES.ThisExpression && enclosingClassBody(call) === method.parent && inStaticMember(call, method.parent);
  });
  return { name: `${className}.${called}`, sites };
}
