import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { callsOfPrivateFunction, signalMayBeUndefined } from './optional-signals.js';
import { GLOBAL_OBJECTS } from './member-syntax.js';
import { combinedWithoutTimer } from './signal-lists.js';
import { propertyKey, unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/**
 * Whether a signal given to a call is that of an AbortController made here which nothing aborts on time: its only
 * `abort()` calls follow a failure (a `catch` or `finally` block, a rejection handler: a failed sibling cancels the
 * rest), a cancellation hook (`onCancel(() => controller.abort())`), a process signal (`process.once('SIGINT', ...)`,
 * a user's Ctrl+C) or an 'abort' event of a signal that may be
 * undefined (the caller's optional one, forwarded). Such a signal
 * bounds the call no more than the caller's optional signal would (huggingface.js's `commit`: every upload of a commit
 * carries it, and with no caller signal nothing ends a request that stops answering).
 * Any other abort (a timer, the function's own deadline check, a cleanup handed to a framework) and any other use of
 * the controller (handed to a function, stored, returned) may be a bound: what cannot be seen is not reported.
 */
export function isUntimedControllerSignal(sourceCode: SourceCode, signal: TSESTree.Node): boolean {
  const controller = controllerOf(sourceCode, signal, 0);
  if (controller) return abortedOnlyWithoutTimer(sourceCode, controller);
  return everyCallerHandsUntimedSignal(sourceCode, signal) || untimedFallback(sourceCode, signal) !== undefined || combinedWithoutTimer(sourceCode, signal);
}

/**
 * `const stepSignal = signal ?? new AbortController().signal`, reaching the call directly, through a `const`, or as
 * the argument of a function only this module calls: when the caller's signal is missing, the call gets the signal of
 * a controller nobody keeps, which nothing can abort. That fallback, where a timeout's signal would bound the call.
 */
export function untimedFallback(sourceCode: SourceCode, signal: TSESTree.Node, depth = 0): TSESTree.MemberExpression | undefined {
  if (depth > 4) return undefined;
  const target = unwrapExpression(signal);
  if (target.type === AST_NODE_TYPES.LogicalExpression) {
    const fallback = unwrapExpression(target.right);
    return (target.operator === '??' || target.operator === '||') && fallback.type === AST_NODE_TYPES.MemberExpression && isFreshControllerSignal(fallback)
      && signalMayBeUndefined(sourceCode, target.left) ? fallback : undefined;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const held = singleDefinition(sourceCode, target);
  if (held) return held.init ? untimedFallback(sourceCode, held.init, depth + 1) : undefined;
  const definition = sourceCode.getScope(target).references.find((reference) => reference.identifier === target)?.resolved?.defs[0];
  const fn = definition?.type === 'Parameter' ? definition.node : undefined;
  if (fn?.type !== AST_NODE_TYPES.FunctionDeclaration && fn?.type !== AST_NODE_TYPES.FunctionExpression && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const index = fn.params.indexOf(definition!.name as TSESTree.Parameter);
  const calls = index < 0 ? undefined : callsOfPrivateFunction(sourceCode, fn);
  for (const call of calls ?? []) {
    const argument = call.arguments[index];
    const found = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? untimedFallback(sourceCode, argument, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** `new AbortController().signal`: the signal of a controller nobody keeps. */
function isFreshControllerSignal(node: TSESTree.MemberExpression): boolean {
  const made = unwrapExpression(node.object);
  return !node.computed && isNamed(node.property, 'signal') && made.type === AST_NODE_TYPES.NewExpression && namesAbortController(made.callee);
}

function abortedOnlyWithoutTimer(sourceCode: SourceCode, controller: Variable): boolean {
  return controller.references.every((reference) => reference.init === true || usedWithoutTimer(sourceCode, reference.identifier));
}

/**
 * `pollStatus(host, job, controller.signal)`, the only calls of a function of this module whose request carries its
 * `signal` parameter: the parameter is each caller's untimed controller's signal. The callers may hand it on from a
 * parameter of their own, or in an options object the callee destructures (`materialize({ abortSignal, urls })`),
 * a few functions deep.
 */
function everyCallerHandsUntimedSignal(sourceCode: SourceCode, signal: TSESTree.Node, depth = 0): boolean {
  const parameter = depth < 4 ? parameterOf(sourceCode, signal) : undefined;
  const calls = parameter && callsOfPrivateFunction(sourceCode, parameter.fn);
  return calls !== undefined && calls.length > 0 && calls.every((call) => {
    const argument = handedArgument(call, parameter!);
    if (!argument) return false;
    const controller = controllerOf(sourceCode, argument, 0);
    return controller ? abortedOnlyWithoutTimer(sourceCode, controller) : everyCallerHandsUntimedSignal(sourceCode, argument, depth + 1);
  });
}

/** Where a function's parameter comes from: its position, and the property it is destructured from, if it is. */
interface HandedParameter {
  fn: TSESTree.FunctionLike;
  index: number;
  property?: string;
}

function parameterOf(sourceCode: SourceCode, node: TSESTree.Node): HandedParameter | undefined {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = sourceCode.getScope(target).references.find((reference) => reference.identifier === target)?.resolved?.defs[0];
  if (definition?.type !== 'Parameter') return undefined;
  const fn = definition.node;
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const names = (pattern: TSESTree.Node): boolean => pattern === definition.name || (pattern.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === definition.name);
  for (const [index, param] of fn.params.entries()) {
    if (names(param)) return { fn, index };
    const object = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (object.type !== AST_NODE_TYPES.ObjectPattern) continue;
    const property = object.properties.find((entry) => entry.type === AST_NODE_TYPES.Property && names(entry.value));
    const key = property?.type === AST_NODE_TYPES.Property ? propertyKey(property) : undefined;
    if (property) return key === undefined ? undefined : { fn, index, property: key };
  }
  return undefined;
}

/** What a call hands to that parameter: its argument, or the property of an object literal it passes. */
function handedArgument(call: TSESTree.CallExpression, parameter: HandedParameter): TSESTree.Node | undefined {
  const argument = call.arguments[parameter.index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (parameter.property === undefined) return argument;
  const object = unwrapExpression(argument);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const entry = object.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === parameter.property);
  return entry?.type === AST_NODE_TYPES.Property ? entry.value : undefined;
}

/** The controller whose `.signal` this is, directly or through a `const` holding it (`const abortSignal = controller.signal`). */
function controllerOf(sourceCode: SourceCode, node: TSESTree.Node, depth: number): Variable | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier && depth === 0) {
    const held = singleDefinition(sourceCode, target);
    return held?.init ? controllerOf(sourceCode, held.init, depth + 1) : undefined;
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.optional || !isNamed(target.property, 'signal')) return undefined;
  const object = unwrapExpression(target.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const made = singleDefinition(sourceCode, object);
  const init = made?.init && unwrapExpression(made.init);
  return init?.type === AST_NODE_TYPES.NewExpression && namesAbortController(init.callee) ? made!.variable : undefined;
}

/** `AbortController`, `globalThis.AbortController`: by the syntax, as a module summarised for another file has no `getText`. */
function namesAbortController(callee: TSESTree.Node): boolean {
  const target = unwrapExpression(callee);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    return !target.computed && isNamed(target.property, 'AbortController') && target.object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(target.object.name);
  }
  return isNamed(target, 'AbortController');
}

/** The declarator of a variable declared once and never written again (a `const`, or a `let` left as it is). */
function singleDefinition(sourceCode: SourceCode, identifier: TSESTree.Identifier): { variable: Variable; init: TSESTree.Expression | null } | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  let variable: Variable | undefined;
  for (; scope && !variable; scope = scope.upper) variable = scope.set.get(identifier.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return { variable: variable!, init: definition.node.init };
}

/** A use of the controller that cannot end the call on time: reading its signal, or aborting it after a failure or an optional signal. */
function usedWithoutTimer(sourceCode: SourceCode, identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || member.computed) return false;
  if (isNamed(member.property, 'signal')) return true;
  const call = member.parent;
  return isNamed(member.property, 'abort') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && abortsWithoutTimer(sourceCode, call);
}

/**
 * Whether an `abort()` call runs only after a failure or on the 'abort' event of a signal that may be undefined:
 * the nearest place that says when it runs is a `catch` or `finally` block, a rejection handler, an 'error' listener,
 * or such a listener.
 */
function abortsWithoutTimer(sourceCode: SourceCode, abort: TSESTree.CallExpression): boolean {
  let child: TSESTree.Node = abort;
  for (let current = abort.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause && child === current.body) return true;
    if (current.type === AST_NODE_TYPES.TryStatement && child === current.finalizer) return true;
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) {
      return isRejectionHandler(current) || listensToErrors(current) || listensToOptionalSignal(sourceCode, current) || isCancelHandler(current) || isProcessSignalHandler(current)
        || heardOnlyOnProcessSignals(sourceCode, current) || heardOnlyOnFailure(sourceCode, current);
    }
    // the function the controller belongs to (or any other declared one): an abort in its own flow may be a deadline
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return heardOnlyOnProcessSignals(sourceCode, current) || heardOnlyOnFailure(sourceCode, current);
    if (current.type === AST_NODE_TYPES.Program) return false;
  }
  return false;
}

/** `.catch(() => controller.abort())`, `.then(onDone, () => ...)`, `.finally(() => ...)`. */
function isRejectionHandler(fn: TSESTree.FunctionLike): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = call.callee.property;
  return (isNamed(method, 'catch') && call.arguments[0] === fn) || (isNamed(method, 'then') && call.arguments[1] === fn)
    || (isNamed(method, 'finally') && call.arguments[0] === fn);
}

/**
 * `onCancel(() => controller.abort())`: handed to a hook named for a cancellation (a generated API client's
 * cancelable promise calls it only when its user cancels), which no timer drives (workers-sdk's containers client);
 * or given to the caller as its `cancel`.
 */
function isCancelHandler(fn: TSESTree.FunctionLike): boolean {
  const call = fn.parent;
  // `return { done, cancel: () => controller.abort() }`: the caller's cancel, which it may never call (datocms's file
  // download, the thirty-fourth round)
  if (call?.type === AST_NODE_TYPES.Property && call.value === fn && !call.computed && call.key.type === AST_NODE_TYPES.Identifier) return /^cancel/i.test(call.key.name);
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  // `makeCancelablePromise(work, () => controller.abort())`: the hook a cancelable promise runs when cancelled
  return name !== undefined && (/^on_?cancel/i.test(name) || (/cancel/i.test(name) && call.arguments[0] !== fn));
}

/** The process signals a command stops on: the user's Ctrl+C, a terminal closed, the system shutting it down. */
const PROCESS_SIGNALS = new Set(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']);

/**
 * `process.once('SIGINT', () => controller.abort())`: a command's Ctrl+C, which no timer sends; in CI, nobody presses
 * it, and a server that stops answering holds the job until it is killed.
 */
function isProcessSignalHandler(fn: TSESTree.FunctionLike): boolean {
  return listensToProcessSignal(fn, true);
}

const LISTEN_METHODS = ['on', 'once', 'addListener'];

/**
 * `const onSigint = async () => { ...; controller.abort() }; process.on('SIGINT', onSigint)`: a handler kept in a
 * name, which is used only to listen to process signals (and to stop listening).
 */
function heardOnlyOnProcessSignals(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  const uses = namedUses(sourceCode, fn);
  return uses.length > 0 && uses.some((reference) => listensToProcessSignal(reference.identifier, true))
    && uses.every((reference) => listensToProcessSignal(reference.identifier, false));
}

/**
 * `function onError(err) { controller.abort(); ... }` handed only to failures: `emitter.on('error', onError)`,
 * `.catch(onError)`, `.then(done, onError)`. Its abort follows a failure, as one written in a `catch` does.
 */
function heardOnlyOnFailure(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  const uses = namedUses(sourceCode, fn);
  return uses.length > 0 && uses.every(({ identifier }) => {
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = call.callee.property;
    return (isNamed(method, 'catch') && call.arguments[0] === identifier) || (isNamed(method, 'then') && call.arguments[1] === identifier)
      || listensToErrors(identifier);
  });
}

/** `emitter.on('error', handler)` (or `once`, `addListener`): the handler runs only when something failed. */
function listensToErrors(handler: TSESTree.Node): boolean {
  const call = handler.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== handler || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = call.callee.property;
  const event = call.arguments[0];
  return LISTEN_METHODS.some((listen) => isNamed(method, listen)) && event?.type === AST_NODE_TYPES.Literal && event.value === 'error';
}

/** The uses of a function by its name (declared, or held in a `const`), its declaration left out. */
function namedUses(sourceCode: SourceCode, fn: TSESTree.FunctionLike): TSESLint.Scope.Reference[] {
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id
    : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id : undefined;
  if (!name) return [];
  const held = fn.type === AST_NODE_TYPES.FunctionDeclaration ? undefined : singleDefinition(sourceCode, name);
  const variable = held?.variable ?? sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.name === name.name);
  return variable?.references.filter((reference) => !reference.init) ?? [];
}

/** `process.on('SIGINT', handler)` (or `once`, `addListener`; unless `listensOnly`, also `off` and `removeListener`). */
function listensToProcessSignal(handler: TSESTree.Node, listensOnly: boolean): boolean {
  const call = handler.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== handler || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const { object, property } = call.callee;
  const event = call.arguments[0];
  const methods = listensOnly ? LISTEN_METHODS : [...LISTEN_METHODS, 'off', 'removeListener'];
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && methods.some((method) => isNamed(property, method))
    && event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && PROCESS_SIGNALS.has(event.value);
}

/** `signal?.addEventListener('abort', () => controller.abort())` or `signal.onabort = ...`, where `signal` may be undefined. */
function listensToOptionalSignal(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  const owner = fn.parent;
  if (owner?.type === AST_NODE_TYPES.CallExpression && owner.arguments[1] === fn && owner.callee.type === AST_NODE_TYPES.MemberExpression
    && isNamed(owner.callee.property, 'addEventListener')) {
    const event = owner.arguments[0];
    if (event?.type !== AST_NODE_TYPES.Literal || event.value !== 'abort') return false;
    return owner.callee.optional || signalMayBeUndefined(sourceCode, owner.callee.object);
  }
  if (owner?.type === AST_NODE_TYPES.AssignmentExpression && owner.right === fn && owner.left.type === AST_NODE_TYPES.MemberExpression
    && isNamed(owner.left.property, 'onabort')) {
    return signalMayBeUndefined(sourceCode, owner.left.object);
  }
  return false;
}

function isNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}
