import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { awaitsItsListeners } from './awaiting-emitters.js';
import { takesNodeCallback } from './node-callbacks.js';
import { passesCallbackThrough } from './pass-through-helpers.js';
import { rejectedBy, rejectedPromise } from './rejecting-promises.js';
import { catchLetsFailureThrough, rejectionHandlerLetsFailureThrough } from './settles.js';
import { isPromiseConstructor, skipTransparentParents, unwrapExpression } from './syntax.js';
import type { ResilintSettings } from './settings.js';
import { FilePolicies } from './policies.js';

/**
 * Where the failure of an external call goes. Rules report `escapes`; `handed-on` is reported only when every call
 * must be handled in its own function; `unknown` (the promise is handed to code we cannot follow) is never reported.
 */
export type Fate =
  | { kind: 'handled' }
  | { kind: 'unknown' }
  | { kind: 'handed-on'; fn: FunctionNode }
  | { kind: 'escapes'; to: EscapeRoute };

export type EscapeRoute =
  /** `promise`: the expression whose promise nobody keeps (the call itself, or a `.map(async ...)` it runs in) */
  | { type: 'floating'; promise?: TSESTree.Node }
  /** Kept in a binding the module exports (`export const font = fetch(...)`), for its importers to await. */
  | { type: 'exported'; name: string }
  /**
   * `fn`: the callback whose result nobody awaits, where the failure comes out; `executor`: it is the async executor
   * of a `new Promise`, whose own promise the constructor drops
   */
  | { type: 'callback'; callback: string; fn: FunctionNode; executor?: true }
  | { type: 'top-level' }
  | { type: 'error-event' }
  | { type: 'caller'; fn: FunctionNode };

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

type SourceCode = Readonly<TSESLint.SourceCode>;

const TIMER_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
const PROMISE_COMBINATORS = new Set(['all', 'race', 'any']);

const FATE_ORDER: Record<Fate['kind'], number> = { handled: 0, unknown: 1, 'handed-on': 2, escapes: 3 };

/** Answers "where does this call's failure go?" for one file. Cached per file by `getProtection`. */
export class ProtectionAnalysis {
  private readonly policies: FilePolicies;
  /**
   * The functions whose fate is being worked out: a function handed to itself (`node.children.map(traverse)` inside
   * `traverse`, a recursive walk of a tree) would otherwise be followed round for ever, since each await starts afresh.
   */
  private readonly functionsInProgress = new Set<FunctionNode>();

  constructor(private readonly sourceCode: SourceCode, settings: ResilintSettings, private readonly filename?: string) {
    this.policies = new FilePolicies(sourceCode, settings);
  }

  /** The fate of the failure of the call at `node`, a promise-returning (or callback/event style) I/O call. */
  fateOfCall(node: TSESTree.CallExpression, options: { scope: 'boundary' | 'function'; eventStyle?: boolean }): Fate {
    if (options.eventStyle) return this.eventFate(node, options.scope);
    // a node-style callback takes the failure: it becomes a rejection only when the callback hands it to the
    // `reject` of a promise (`(err, res) => (err ? reject(err) : resolve(res))`), whose receiver gets it
    if (takesNodeCallback(node)) {
      const callback = node.arguments.at(-1)!;
      const rejected = rejectedBy(this.sourceCode, callback);
      return rejected ? this.promiseFate(rejected, options.scope, new Set()) : { kind: 'handled' };
    }
    return this.promiseFate(node, options.scope, new Set());
  }

  /**
   * Where the failure would go if the call at `node`, a statement of its own, were awaited where it stands: handed on
   * when its function's caller receives the promise (a request handler, a job), so an `await` is the whole fix.
   */
  fateIfAwaited(node: TSESTree.CallExpression, scope: 'boundary' | 'function'): Fate {
    return this.thrownFate(node, scope);
  }

  /** The retry library whose call this is (`retry(async () => ...)` of async-retry), if it is one. */
  retryingLibrary(call: TSESTree.CallExpression): string | undefined {
    return this.policies.retryingLibrary(call);
  }

  /** http(s) requests report failure through their 'error' event, which crashes the process when nobody listens. */
  private eventFate(node: TSESTree.CallExpression, scope: 'boundary' | 'function'): Fate {
    let listener: TSESTree.CallExpression | undefined;
    const request = chainEnd(node, (member) => {
      const call = member.parent as TSESTree.CallExpression;
      if (!isErrorListener(call)) return false;
      listener = call;
      return true;
    });
    if (request === 'handled') return this.listenerFate(listener!, scope);
    const holder = request.parent;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier && holder.init === request) {
      const variable = findVariable(this.sourceCode.getScope(holder) as never, holder.id) as TSESLint.Scope.Variable | null;
      for (const reference of variable?.references ?? []) {
        const member = reference.identifier.parent;
        if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier
          && member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member && isErrorListener(member.parent)) {
          return this.listenerFate(member.parent, scope);
        }
        if (!reference.init && member?.type !== AST_NODE_TYPES.MemberExpression) return { kind: 'unknown' }; // handed elsewhere
      }
      return { kind: 'escapes', to: { type: 'error-event' } };
    }
    if (holder?.type === AST_NODE_TYPES.ExpressionStatement) return { kind: 'escapes', to: { type: 'error-event' } };
    return { kind: 'unknown' };
  }

  /**
   * An 'error' listener handles the failure, unless it rejects the `new Promise` it runs in (`.on('error', reject)`,
   * `(err) => reject(err)`): then the failure goes on in that promise, to whoever receives it.
   */
  private listenerFate(listener: TSESTree.CallExpression, scope: 'boundary' | 'function'): Fate {
    const handler = listener.arguments[1];
    const rejected = handler && rejectedBy(this.sourceCode, handler);
    return rejected ? this.promiseFate(rejected, scope, new Set()) : { kind: 'handled' };
  }

  /** `expression` evaluates to a promise that rejects when the call fails. */
  private promiseFate(expression: TSESTree.Node, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate {
    if (seen.has(expression)) return { kind: 'unknown' };
    seen.add(expression);
    const node = skipTransparentParents(expression);
    const parent = node.parent;
    if (!parent) return { kind: 'unknown' };
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression: {
        const call = parent.parent;
        if (parent.object !== node || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return { kind: 'unknown' };
        const method = parent.computed ? undefined : parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : undefined;
        if (method === 'catch' && call.arguments.length > 0 && !rejectionHandlerLetsFailureThrough(call.arguments[0]!)) return { kind: 'handled' };
        if (method === 'then' && call.arguments.length >= 2 && !rejectionHandlerLetsFailureThrough(call.arguments[1]!)) return { kind: 'handled' };
        if (method === 'end' && call.arguments.length > 0 && isFunction(call.arguments[0]!)) return { kind: 'handled' }; // superagent
        // a query run with a node-style callback (mongoose's `.exec((err, docs) => ...)`): the callback takes the
        // failure and no promise is made, unless the callback hands it to a promise's `reject`
        if (method === 'exec' && takesNodeCallback(call)) {
          const rejected = rejectedBy(this.sourceCode, call.arguments.at(-1)!);
          return rejected ? this.promiseFate(rejected, scope, seen) : { kind: 'handled' };
        }
        // .then(onFulfilled), .finally(), a handler that throws again, and client chains (`.json()`, `.toArray()`, `.timeout(ms)`) pass the failure on
        return this.promiseFate(call, scope, seen);
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.thrownFate(parent, scope);
      case AST_NODE_TYPES.ReturnStatement: {
        const fn = enclosingFunction(parent);
        // A returned promise skips every try around the return: the caller of the function receives it.
        return fn ? this.functionFate(fn, scope, seen) : { kind: 'unknown' };
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === node ? this.functionFate(parent, scope, seen) : { kind: 'unknown' };
      case AST_NODE_TYPES.ExpressionStatement:
        return { kind: 'escapes', to: { type: 'floating', promise: node } };
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'void' ? { kind: 'escapes', to: { type: 'floating', promise: node } } : { kind: 'unknown' };
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'unknown' };
        return this.variableFate(parent.id, parent, scope, seen);
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== node || parent.left.type !== AST_NODE_TYPES.Identifier) return { kind: 'unknown' };
        return this.variableFate(parent.left, parent, scope, seen);
      case AST_NODE_TYPES.ArrayExpression:
        return this.promiseFate(parent, scope, seen);
      case AST_NODE_TYPES.SpreadElement:
        return parent.parent?.type === AST_NODE_TYPES.ArrayExpression ? this.promiseFate(parent, scope, seen) : { kind: 'unknown' };
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === node ? { kind: 'unknown' } : this.promiseFate(parent, scope, seen);
      case AST_NODE_TYPES.LogicalExpression:
        return this.promiseFate(parent, scope, seen);
      case AST_NODE_TYPES.SequenceExpression:
        return parent.expressions[parent.expressions.length - 1] === node ? this.promiseFate(parent, scope, seen) : { kind: 'unknown' };
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === node) return { kind: 'unknown' };
        if (this.policies.isWrapperCall(parent)) return { kind: 'handled' };
        const promiseMethod = promiseStaticMethod(parent);
        if (promiseMethod === 'allSettled') return { kind: 'handled' };
        if (promiseMethod && (PROMISE_COMBINATORS.has(promiseMethod) || promiseMethod === 'resolve')) return this.promiseFate(parent, scope, seen);
        if (isArrayMethodCall(parent, 'from') || isArrayMethodCall(parent, 'concat')) return this.promiseFate(parent, scope, seen);
        // `await pipeline(got.stream(url), fs.createWriteStream(path))`: the pipeline's promise rejects when a stream fails
        if (isPromisedPipeline(this.sourceCode, parent)) return this.promiseFate(parent, scope, seen);
        return { kind: 'unknown' }; // handed to a function we cannot follow
      }
      default:
        return { kind: 'unknown' };
    }
  }

  private variableFate(id: TSESTree.Identifier, declaration: TSESTree.Node, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate {
    const variable = findVariable(this.sourceCode.getScope(declaration) as never, id) as TSESLint.Scope.Variable | null;
    if (!variable) return { kind: 'unknown' };
    const reads = variable.references.filter((reference) => reference.isRead());
    if (reads.length === 0) return { kind: 'escapes', to: isExportedFromModule(variable) ? { type: 'exported', name: variable.name } : { type: 'floating' } };
    let best: Fate | undefined;
    for (const reference of reads) {
      const fate = this.promiseFate(reference.identifier as TSESTree.Node, scope, seen);
      if (!best || FATE_ORDER[fate.kind] < FATE_ORDER[best.kind]) best = fate;
    }
    return best!;
  }

  /** The failure is thrown at `node` (after an await): the nearest catching try, else the enclosing function. */
  private thrownFate(node: TSESTree.Node, scope: 'boundary' | 'function'): Fate {
    let child: TSESTree.Node = node;
    let current = node.parent;
    while (current) {
      if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) {
        // `catch (err) { reject(err) }` inside `new Promise(...)`: the failure goes on in that promise
        const rejected = rejectedPromise(this.sourceCode, current.handler.body);
        if (rejected) return this.promiseFate(rejected, scope, new Set());
        if (!catchLetsFailureThrough(current.handler)) return { kind: 'handled' };
      }
      if (isFunction(current)) return this.functionFate(current, scope, new Set());
      if (current.type === AST_NODE_TYPES.StaticBlock || current.type === AST_NODE_TYPES.PropertyDefinition) return { kind: 'unknown' };
      child = current;
      current = current.parent;
    }
    return { kind: 'escapes', to: { type: 'top-level' } };
  }

  /** The function's returned promise rejects (or, for a callback, its caller sees the failure). */
  private functionFate(fn: FunctionNode, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate {
    if (this.functionsInProgress.has(fn)) return { kind: 'unknown' };
    this.functionsInProgress.add(fn);
    try {
      return this.functionFateOnce(fn, scope, seen);
    } finally {
      this.functionsInProgress.delete(fn);
    }
  }

  private functionFateOnce(fn: FunctionNode, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate {
    const parent = skipTransparentParents(fn).parent;
    const self = skipTransparentParents(fn);
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      if (parent.callee === self) return this.promiseFate(parent, scope, seen); // IIFE
      if (parent.arguments.includes(self as TSESTree.CallExpressionArgument)) return this.callbackFate(fn, parent, scope, seen);
    }
    const attribute = parent?.type === AST_NODE_TYPES.JSXExpressionContainer ? parent.parent : undefined;
    if (attribute?.type === AST_NODE_TYPES.JSXAttribute && attribute.name.type === AST_NODE_TYPES.JSXIdentifier && /^on[A-Z]/.test(attribute.name.name)) {
      // React and other JSX frameworks call event handlers and drop what they return
      return { kind: 'escapes', to: { type: 'callback', callback: `${attribute.name.name} handler`, fn } };
    }
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments.includes(self as TSESTree.CallExpressionArgument)) {
      // an async executor's failure rejects its own promise, which the constructor drops: the one it makes never hears
      if (isPromiseConstructor(parent)) return fn.async ? { kind: 'escapes', to: { type: 'callback', callback: 'async `new Promise` executor', fn, executor: true } } : this.promiseFate(parent, scope, seen);
      // opossum's `new CircuitBreaker(fn)`: with a fallback it handles the failure, without one `fire()` passes it on
      const policy = this.policies.kind(parent);
      if (policy === 'fallback') return { kind: 'handled' };
      return policy === 'pass-through' ? this.breakerFireFate(parent, scope, seen) : { kind: 'unknown' };
    }
    const passedAs = this.passedAsCallback(fn, scope, seen);
    if (passedAs) return passedAs;
    return scope === 'function' ? { kind: 'escapes', to: { type: 'caller', fn } } : { kind: 'handed-on', fn };
  }

  /**
   * A named function handed by name to a timer, a listener or forEach (`emitter.on('order', handleOrder)`): its
   * failure escapes there, whatever its other callers do.
   */
  private passedAsCallback(fn: FunctionNode, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate | undefined {
    const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn
      : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent : undefined;
    if (!declaration) return undefined;
    const variables = this.sourceCode.scopeManager?.getDeclaredVariables(declaration as never) ?? [];
    const name = declaration.type === AST_NODE_TYPES.FunctionDeclaration ? declaration.id?.name : declaration.id.type === AST_NODE_TYPES.Identifier ? declaration.id.name : undefined;
    const variable = variables.find((candidate) => candidate.name === name);
    for (const reference of variable?.references ?? []) {
      const call = reference.identifier.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === reference.identifier) continue;
      const fate = this.callbackFate(fn, call, scope, seen);
      if (fate.kind === 'escapes' && fate.to.type === 'callback') return fate;
    }
    return undefined;
  }

  /** opossum without a fallback: the action's failure comes out of every `breaker.fire(...)`. */
  private breakerFireFate(breaker: TSESTree.NewExpression, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate {
    const holder = breaker.parent;
    if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'unknown' };
    const variable = findVariable(this.sourceCode.getScope(holder) as never, holder.id) as TSESLint.Scope.Variable | null;
    let best: Fate | undefined;
    for (const reference of variable?.references ?? []) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.computed
        || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'fire'
        || member.parent?.type !== AST_NODE_TYPES.CallExpression || member.parent.callee !== member) continue;
      const fate = this.promiseFate(member.parent, scope, seen);
      if (!best || FATE_ORDER[fate.kind] < FATE_ORDER[best.kind]) best = fate;
    }
    return best ?? { kind: 'unknown' };
  }

  private callbackFate(fn: FunctionNode, call: TSESTree.CallExpression, scope: 'boundary' | 'function', seen: Set<TSESTree.Node>): Fate {
    if (this.policies.isWrapperCall(call)) return { kind: 'handled' };
    if (this.policies.retryingLibrary(call)) return this.promiseFate(call, scope, seen);
    const callee = unwrapExpression(call.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
    if (name === undefined) return this.unhandledCallback(fn, scope);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      if (name === 'then' || name === 'catch' || name === 'finally') return this.promiseFate(call, scope, seen);
      if (name === 'map' || name === 'flatMap') return this.promiseFate(call, scope, seen);
      if (name === 'forEach') return { kind: 'escapes', to: { type: 'callback', callback: 'forEach', fn } };
      if (LISTENER_METHODS.has(name)) {
        // an emitter whose emit() awaits its listeners hands a listener's failure to whoever emitted
        if (awaitsItsListeners(this.sourceCode, this.filename, callee.object)) return this.unhandledCallback(fn, scope);
        const event = call.arguments[0];
        const label = event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? `'${event.value}' listener` : 'event listener';
        return { kind: 'escapes', to: { type: 'callback', callback: label, fn } };
      }
      if (name === 'nextTick' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'process') {
        return { kind: 'escapes', to: { type: 'callback', callback: 'process.nextTick', fn } };
      }
      if (name === 'execute' || name === 'fire') {
        const kind = this.policies.kind(callee.object);
        if (kind === 'fallback') return { kind: 'handled' };
        return kind === 'pass-through' ? this.promiseFate(call, scope, seen) : { kind: 'unknown' };
      }
    }
    if (callee.type === AST_NODE_TYPES.Identifier && TIMER_FUNCTIONS.has(name) && isGlobal(this.sourceCode, callee)) {
      return { kind: 'escapes', to: { type: 'callback', callback: name, fn } };
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && TIMER_FUNCTIONS.has(name) && callee.object.type === AST_NODE_TYPES.Identifier
      && ['window', 'globalThis', 'self', 'global'].includes(callee.object.name)) {
      return { kind: 'escapes', to: { type: 'callback', callback: name, fn } };
    }
    if (passesCallbackThrough(this.sourceCode, call, fn)) return this.promiseFate(call, scope, seen);
    return this.unhandledCallback(fn, scope);
  }

  /** A callback handed to code we do not know (a router, a test runner): that code receives the promise. */
  private unhandledCallback(fn: FunctionNode, scope: 'boundary' | 'function'): Fate {
    return scope === 'function' ? { kind: 'escapes', to: { type: 'caller', fn } } : { kind: 'handed-on', fn };
  }
}

/** `export const font = ...`, `export let cache = ...`: a module-scope binding declared in an export. */
function isExportedFromModule(variable: TSESLint.Scope.Variable): boolean {
  const definition = variable.defs[0];
  return variable.scope.type === 'module' && definition?.type === 'Variable'
    && definition.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

const analyses = new WeakMap<TSESTree.Program, ProtectionAnalysis>();

export function getProtection(sourceCode: SourceCode, settings: ResilintSettings, filename?: string): ProtectionAnalysis {
  let analysis = analyses.get(sourceCode.ast);
  if (!analysis) {
    analysis = new ProtectionAnalysis(sourceCode, settings, filename);
    analyses.set(sourceCode.ast, analysis);
  }
  return analysis;
}

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** Follows a member-call chain from `node` (`req.setTimeout(..).on('error', ..)`); 'handled' when `handles` accepts a link. */
function chainEnd(node: TSESTree.Node, handles: (member: TSESTree.MemberExpression) => boolean): TSESTree.Node | 'handled' {
  let current = skipTransparentParents(node);
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current
    && current.parent.parent?.type === AST_NODE_TYPES.CallExpression && current.parent.parent.callee === current.parent) {
    if (handles(current.parent)) return 'handled';
    current = skipTransparentParents(current.parent.parent);
  }
  return current;
}

function isErrorListener(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  if (!LISTENER_METHODS.has(callee.property.name)) return false;
  const event = call.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && event.value === 'error';
}

function promiseStaticMethod(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  return callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise' ? callee.property.name : undefined;
}

function isArrayMethodCall(call: TSESTree.CallExpression, name: string): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === name;
}

const STREAM_MODULES = new Set(['stream', 'node:stream']);
const PROMISED_STREAM_MODULES = new Set(['stream/promises', 'node:stream/promises']);

/**
 * Node's promised stream pipeline: `pipeline` imported from `stream/promises`, `stream.promises.pipeline`, or
 * `promisify(stream.pipeline)` held in a const.
 */
function isPromisedPipeline(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `stream.promises.pipeline(...)`, `streamPromises.pipeline(...)`
    return !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'pipeline'
      && ((callee.object.type === AST_NODE_TYPES.MemberExpression && !callee.object.computed && callee.object.property.type === AST_NODE_TYPES.Identifier
        && callee.object.property.name === 'promises' && importedFrom(sourceCode, callee.object.object, STREAM_MODULES))
        || importedFrom(sourceCode, callee.object, PROMISED_STREAM_MODULES));
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = (findVariable(sourceCode.getScope(callee) as never, callee) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type === 'ImportBinding') {
    const declaration = def.node.parent;
    return def.node.type === AST_NODE_TYPES.ImportSpecifier && declaration?.type === AST_NODE_TYPES.ImportDeclaration
      && PROMISED_STREAM_MODULES.has(declaration.source.value) && def.node.imported.type === AST_NODE_TYPES.Identifier && def.node.imported.name === 'pipeline';
  }
  if (def?.type !== 'Variable' || def.parent?.kind !== 'const' || !def.node.init) return false;
  const init = unwrapExpression(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression || init.arguments.length !== 1) return false;
  const promisify = unwrapExpression(init.callee);
  const promisifyName = promisify.type === AST_NODE_TYPES.Identifier ? promisify.name
    : promisify.type === AST_NODE_TYPES.MemberExpression && !promisify.computed && promisify.property.type === AST_NODE_TYPES.Identifier ? promisify.property.name : undefined;
  const promised = unwrapExpression(init.arguments[0]!);
  if (promisifyName !== 'promisify') return false;
  // `promisify(stream.pipeline)` or `promisify(pipeline)` with `pipeline` imported from 'stream'
  if (promised.type === AST_NODE_TYPES.MemberExpression) {
    return !promised.computed && promised.property.type === AST_NODE_TYPES.Identifier && promised.property.name === 'pipeline' && importedFrom(sourceCode, promised.object, STREAM_MODULES);
  }
  return promised.type === AST_NODE_TYPES.Identifier && promised.name === 'pipeline' && importedFrom(sourceCode, promised, STREAM_MODULES);
}

/** `identifier` is bound by an import (or a require) of one of `modules`. */
function importedFrom(sourceCode: SourceCode, node: TSESTree.Node, modules: ReadonlySet<string>): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = (findVariable(sourceCode.getScope(node) as never, node) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type === 'ImportBinding') {
    const declaration = def.node.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration && modules.has(declaration.source.value);
  }
  if (def?.type !== 'Variable' || !def.node.init) return false;
  const init = unwrapExpression(def.node.init);
  const required = init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
  return required?.type === AST_NODE_TYPES.Literal && typeof required.value === 'string' && modules.has(required.value);
}

function isGlobal(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  return !variable || variable.defs.length === 0;
}
