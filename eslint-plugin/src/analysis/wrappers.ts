import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { passedWrapperCalls } from './callback-parameters.js';
import { factoryMethodCallSites } from './factory-object-methods.js';
import { forwardedParameters } from './caller-options.js';
import { layerOwnsSignalDefault } from './layer-signals.js';
import { boundingKeys, closedLayerCallersGiveNoBound, staticMethodCalls } from './layer-callers.js';
import { wrapperCall } from './wrapper-calls.js';
import { racedAgainstRejectingTimer } from './raced-wrappers.js';
import { isLayerCall, type ExternalCall } from './external-calls.js';
import { getFileNodes, isFunction } from './loops.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';
import { enclosingFunction, getProtection, type Fate, type FunctionNode } from './protection.js';
import type { ResilintSettings } from './settings.js';
import { timeoutVerdict } from './timeouts.js';
import type { WrapperFact } from '../project/values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Calls of simple same-file wrappers: a named function (or a class method called as `this.name()`) that hands the
 * failure of an external call on to its caller. Calling the wrapper is then an external call too, so a floating
 * `getUser()` is reported like a floating `fetch()`. Wrappers of wrappers are followed, and so are wrappers handed
 * by reference to a same-file function that calls them (`this.later(this.start)` calling `cb.apply(this)`). A wrapper
 * that forwards its caller's options (`get(config) { return axios(config) }`) is judged at each call, by what that
 * call passes.
 */
export function findWrapperCalls(sourceCode: SourceCode, settings: ResilintSettings, direct: ReadonlyMap<TSESTree.Node, ExternalCall>, filename?: string): ExternalCall[] {
  if (direct.size === 0) return [];
  const protection = getProtection(sourceCode, settings, filename);
  const found: ExternalCall[] = [];
  const known = new Set<TSESTree.Node>(direct.keys());
  const visitedFunctions = new Set<FunctionNode>();
  // A call of a parameter stands for the wrapper passed in at these sites only, not at every call of its function.
  const passedAt = new Map<ExternalCall, { receiver: FunctionNode; sites: TSESTree.CallExpression[] }>();
  const queue = [...direct.values()];
  const add = (site: TSESTree.CallExpression, label: string, call: ExternalCall): ExternalCall => {
    known.add(site);
    const wrapperCall: ExternalCall = {
      node: site,
      client: call.client,
      label,
      httpMethod: call.httpMethod,
      optionsArgument: undefined,
      signalOption: undefined,
      optionsExpression: undefined,
      instanceOptions: [],
      defaultsTimeout: undefined,
      wrapped: call.wrapped ?? call,
      ...(call.wrapped ? { handedThrough: [...(call.handedThrough ?? []), call.node] } : {}),
      ...(call.readsOnly ? { readsOnly: true as const } : {}),
    };
    found.push(wrapperCall);
    queue.push(wrapperCall);
    return wrapperCall;
  };
  while (queue.length > 0) {
    const call = queue.shift()!;
    const fate = protection.fateOfCall(call.node, { scope: 'boundary', eventStyle: call.client === 'http' && !call.wrapped && !isLayerCall(call) });
    if (callersCannotBound(sourceCode, call, fate)) call.optionsUnseen = true;
    if (fate.kind === 'handled') call.failureHandledHere = true;
    // a streamed answer's failure goes to its callback: a function returning it hands no failure on
    if (fate.kind !== 'handed-on' || call.streamsResult) continue;
    const passed = passedAt.get(call);
    if (passed?.receiver === fate.fn) {
      const name = wrapperCallSites(sourceCode, fate.fn)?.name;
      for (const site of passed.sites) if (name && !known.has(site)) add(site, name, call);
      continue;
    }
    if (visitedFunctions.has(fate.fn)) continue;
    visitedFunctions.add(fate.fn);
    const named = wrapperCallSites(sourceCode, fate.fn);
    const forwarding = named && forwardingWrapper(sourceCode, call, fate.fn, named.name, filename);
    for (const site of named?.sites ?? []) {
      if (known.has(site) || isWithin(site, fate.fn)) continue;
      if (!forwarding) {
        add(site, named!.name, call);
        continue;
      }
      known.add(site);
      const judged = wrapperCall(site, forwarding);
      found.push(judged);
      queue.push(judged);
    }
    for (const handedOver of passedWrapperCalls(sourceCode, fate.fn)) {
      for (const site of handedOver.calls) {
        if (known.has(site)) continue;
        passedAt.set(add(site, `${handedOver.parameter} (${handedOver.wrapper})`, call), { receiver: handedOver.receiver, sites: [handedOver.site] });
      }
    }
  }
  return found;
}

/**
 * A wrapper that forwards its caller's options or signal into a call bounded by nothing else: each call of it is
 * judged by what it passes, as a wrapper in another module is.
 */
function forwardingWrapper(sourceCode: SourceCode, call: ExternalCall, fn: FunctionNode, name: string, filename: string | undefined): WrapperFact | undefined {
  const forwarded = call.wrapped || racedAgainstRejectingTimer(sourceCode, call.node) ? undefined : forwardedParameters(sourceCode, call, fn);
  // a layer only this module calls, given no bound by any caller, is judged at its own call (layer-callers.ts); only
  // the module's own callers are asked, so no file name is needed to find them
  if (forwarded?.optionsParameter !== undefined && !forwarded.boundOptions
    && closedLayerCallersGiveNoBound(sourceCode, '', fn, forwarded.optionsParameter, boundingKeys(call))) return undefined;
  // a call reported in the layer on its own (a URL in the options' place) is fixed there, not at each caller
  if (forwarded && !timeoutVerdict(sourceCode, call, filename).bounded) return undefined;
  if (!forwarded || timeoutVerdict(sourceCode, {
    ...call, optionsExpression: undefined, optionsArgument: undefined, forwardedSignalIndex: undefined, forwardedOptionsIndex: undefined, wrapperOptions: undefined,
  }).bounded) return undefined;
  // reported in the layer with a default for the signal (layer-signals.ts): its callers hand on its failure
  if (layerOwnsSignalDefault(sourceCode, call, filename)) return undefined;
  const takesSignal = !forwarded.boundOptions || (call.signalOption !== undefined && forwarded.boundOptions.names.includes(call.signalOption));
  return {
    name: name.replace(/^this\./, ''),
    client: call.client,
    httpMethod: call.httpMethod,
    bounded: false,
    signalOption: takesSignal ? call.signalOption : undefined,
    ...forwarded,
    ...(call.flavor === undefined ? {} : { flavor: call.flavor }),
    ...(call.setting === undefined ? {} : { setting: call.setting }),
  };
}

/**
 * The call's options are a parameter of an outer function, while the call runs in a function nested in it whose
 * failure does not reach the outer function's callers (`requestRunner(config)` returning a task that catches):
 * no caller is judged, and where the options come from is not followed, so only what is visibly set on them (or
 * their default) bounds the call. Options that are a parameter of the calling function itself stay the caller's, and
 * so do those used in a `new Promise` executor (its `reject` hands the failure on to the function's callers).
 */
function callersCannotBound(sourceCode: SourceCode, call: ExternalCall, fate: Fate): boolean {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  if (options?.type !== AST_NODE_TYPES.Identifier || fate.kind === 'unknown') return false;
  const def = (findVariable(sourceCode.getScope(options) as never, options) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return false;
  const owner = def.node;
  const param = owner.params.find((candidate) => candidate === def.name || (candidate.type === AST_NODE_TYPES.AssignmentPattern && candidate.left === def.name));
  return param !== undefined && enclosingFunction(call.node) !== owner && !(fate.kind === 'handed-on' && fate.fn === owner)
    && !insidePromiseExecutor(call.node, owner);
}

/** The call runs in a `new Promise` executor within `owner`: its failure reaches `reject`, and so `owner`'s callers. */
function insidePromiseExecutor(node: TSESTree.Node, owner: FunctionNode): boolean {
  for (let fn = enclosingFunction(node); fn && fn !== owner; fn = enclosingFunction(fn)) {
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise'
      && parent.arguments[0] === fn) return true;
  }
  return false;
}

function wrapperCallSites(sourceCode: SourceCode, fn: FunctionNode): { name: string; sites: TSESTree.CallExpression[] } | undefined {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
    return { name: fn.id.name, sites: callSitesOf(sourceCode, fn, fn.id.name) };
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return { name: parent.id.name, sites: callSitesOf(sourceCode, parent, parent.id.name) };
  }
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && !parent.static && parent.kind === 'method' && parent.parent.type === AST_NODE_TYPES.ClassBody) {
    const methodName = memberKeyName(parent);
    if (methodName !== undefined) return { name: `this.${methodName}`, sites: thisCallSites(sourceCode, parent.parent, methodName) };
  }
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.static && parent.kind === 'method' && !parent.computed) {
    const calls = staticMethodCalls(sourceCode, parent);
    if (calls) return calls;
  }
  // `request.fetch = async function fetch(url, options) { ... }`, called as `request.fetch(url, options)`
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.operator === '=' && parent.left.type === AST_NODE_TYPES.MemberExpression
    && parent.left.object.type === AST_NODE_TYPES.Identifier && !parent.left.computed) {
    const owner = parent.left.object.name;
    const property = staticPropertyName(parent.left);
    if (property !== undefined) return { name: `${owner}.${property}`, sites: memberCallSites(sourceCode, owner, property) };
  }
  return factoryMethodCallSites(sourceCode, fn);
}

/** The file's calls `owner.property(...)`, `owner` a name (a function or object of the module holding the function). */
function memberCallSites(sourceCode: SourceCode, owner: string, property: string): TSESTree.CallExpression[] {
  return getFileNodes(sourceCode).calls.filter((call) => call.callee.type === AST_NODE_TYPES.MemberExpression && !call.callee.computed
    && call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === owner && staticPropertyName(call.callee) === property);
}

function callSitesOf(sourceCode: SourceCode, declaration: TSESTree.Node, name: string): TSESTree.CallExpression[] {
  const variable = sourceCode.scopeManager?.getDeclaredVariables(declaration as never).find((v) => v.name === name);
  if (!variable || variable.defs.length !== 1) return [];
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return [];
  const sites: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) sites.push(parent);
  }
  return sites;
}

function thisCallSites(sourceCode: SourceCode, classBody: TSESTree.ClassBody, name: string): TSESTree.CallExpression[] {
  const bodies = [classBody, ...abstractDeclarers(sourceCode, classBody, name)];
  return (thisCallsByName(sourceCode).get(name) ?? []).filter((node) => bodies.some((body) => isWithin(node, body) && thisIsInstance(node, body)));
}

/**
 * The classes of this file the class extends that declare the method abstract (`protected abstract send(...)`): their
 * `this.send(...)` runs the subclass's implementation, so a retry there retries the subclass's request.
 */
function abstractDeclarers(sourceCode: SourceCode, classBody: TSESTree.ClassBody, name: string): TSESTree.ClassBody[] {
  return abstractDeclarations(sourceCode, classBody, name).map((declaration) => declaration.parent);
}

/** The abstract declarations of a method in the classes of this file a class extends, nearest first. */
export function abstractDeclarations(sourceCode: SourceCode, classBody: TSESTree.ClassBody, name: string): TSESTree.TSAbstractMethodDefinition[] {
  const found: TSESTree.TSAbstractMethodDefinition[] = [];
  let superClass = classBody.parent.superClass;
  for (let depth = 0; superClass?.type === AST_NODE_TYPES.Identifier && depth < 3; depth++) {
    const definition = sourceCode.getScope(superClass).references.find((reference) => reference.identifier === superClass)?.resolved?.defs[0];
    if (definition?.node.type !== AST_NODE_TYPES.ClassDeclaration) break;
    const declaration = definition.node.body.body.find((member): member is TSESTree.TSAbstractMethodDefinition => member.type === AST_NODE_TYPES.TSAbstractMethodDefinition
      && memberKeyName(member) === name);
    if (declaration) found.push(declaration);
    superClass = definition.node.superClass;
  }
  return found;
}

// Every wrapper method asks; indexing the file's `this.name()` calls once keeps a class of many methods linear.
const thisCallIndexes = new WeakMap<TSESTree.Program, ReadonlyMap<string, TSESTree.CallExpression[]>>();

/** The file's `this.name(...)` calls by name, in source order. */
function thisCallsByName(sourceCode: SourceCode): ReadonlyMap<string, TSESTree.CallExpression[]> {
  let index = thisCallIndexes.get(sourceCode.ast);
  if (!index) {
    const byName = new Map<string, TSESTree.CallExpression[]>();
    for (const node of getFileNodes(sourceCode).calls) {
      const callee = node.callee;
      const name = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed
        ? staticPropertyName(callee) : undefined;
      if (name === undefined) continue;
      const calls = byName.get(name);
      if (calls) calls.push(node);
      else byName.set(name, [node]);
    }
    thisCallIndexes.set(sourceCode.ast, byName);
    index = byName;
  }
  return index;
}

/** Whether `this` at `node` still means the instance of `classBody`'s class: only methods, field initialisers and arrow functions keep it. */
function thisIsInstance(node: TSESTree.Node, classBody: TSESTree.ClassBody): boolean {
  for (let current = node.parent; current && current !== classBody; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.ClassBody
      || (current.type === AST_NODE_TYPES.FunctionExpression && current.parent?.type !== AST_NODE_TYPES.MethodDefinition)) return false;
  }
  return true;
}

function isWithin(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
