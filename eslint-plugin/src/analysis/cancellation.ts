import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { runsOnlyWithoutAbortController } from './abort-support.js';
import { calleeName } from './delays.js';
import { getExternalCalls, raceHelperOf } from './external-calls.js';
import { handedWorkSendsRequests } from './handed-race-work.js';
import { keptIdleRequests, type KeptIdleRequest } from './idle-timeouts.js';
import { contains, enclosingFunction, firstStartingAt, getFileNodes, isFunction, isLoop, walk, walkSameFunction, type FunctionNode } from './loops.js';
import { memberKeyName } from './member-syntax.js';
import { CALL, findModuleReferences, moduleTrace, type TraceMap } from './module-references.js';
import { executedWork } from './retry-library-options.js';
import { isRetryLoop } from './retries.js';
import { isInTimerCallback } from './timer-cancels.js';
import { localFunction, timerSettlement } from './timer-settlement.js';
import { timerCancelledWrappers, type CancelledWrapper } from './cancelled-wrappers.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A timeout that stops the waiting but not the work. */
export interface NonCancellingTimeout {
  /**
   * 'race': `Promise.race` of work against a timer, nothing aborting the work; 'unusedController': an AbortController
   * aborted by a timer whose signal reaches no call; 'unusedSignal': an `AbortSignal.timeout(...)` that reaches no
   * call; 'pTimeout': p-timeout around work that gets no signal; 'aggressive': cockatiel's `TimeoutStrategy.Aggressive`;
   * 'idleRequestKept': a node request's 'timeout' listener reporting a failure and leaving the request running;
   * 'helperRace': a call of a race helper (`withTimeout(request, ms)`) that cancels nothing, handed a request;
   * 'cancelledWrapper': a timer cancelling a promise that wraps a request (`setTimeout(() => pending.cancel(), ms)`).
   */
  readonly kind: 'race' | 'unusedController' | 'unusedSignal' | 'pTimeout' | 'aggressive' | 'idleRequestKept' | 'helperRace' | 'cancelledWrapper';
  readonly node: TSESTree.Node;
  /** For a race: whether the timer is cleared when the work wins. */
  readonly timerCleared: boolean;
  /** The code whose external calls this timeout pretends to bound. */
  readonly work: readonly TSESTree.Node[];
  /** For 'idleRequestKept': the listener's failure report and the request it leaves. */
  readonly idle?: KeptIdleRequest;
  /** For 'helperRace': the helper as the call names it, and the delay its caller gives. */
  readonly helper?: { readonly name: string; readonly delay: TSESTree.Expression };
  /** For 'cancelledWrapper': the wrapper, its cancel and the request it wraps. */
  readonly cancelled?: CancelledWrapper;
}

export interface NonCancellingTimeouts {
  readonly findings: readonly NonCancellingTimeout[];
  /** Whether this external call is one a finding above is about (so `require-timeout` need not report it too). */
  covers(call: TSESTree.CallExpression): boolean;
}

const LIBRARY_TRACE: TraceMap = {
  'p-timeout': moduleTrace({ [CALL]: 'p-timeout' }),
  cockatiel: moduleTrace(undefined, { timeout: { [CALL]: 'cockatiel' } }),
};

const cache = new WeakMap<TSESTree.Program, NonCancellingTimeouts>();

/** Every non-cancelling timeout in the file, computed once per file. */
export function getNonCancellingTimeouts(context: Context): NonCancellingTimeouts {
  const cached = cache.get(context.sourceCode.ast);
  if (cached) return cached;
  const nodes = getFileNodes(context.sourceCode);
  const findings: NonCancellingTimeout[] = [];
  // Races that do all a race can: helpers that clear their timer and are handed work that cannot be cancelled, and
  // fallbacks for runtimes with no AbortController. Not reported, but the work they bound is still bounded.
  const racesDoingAllTheyCan: NonCancellingTimeout[] = [];
  for (const call of nodes.calls) {
    const race = raceFinding(context, call);
    if (!race) continue;
    const bestPossible =
      leavesCancellationToCallers(context, race) ||
      runsOnlyWithoutAbortController(context.sourceCode, race.node) ||
      racesDeadlineOfLoop(context, race) ||
      (!mayTakeSignal(context, race) && !handedWorkSendsRequests(context, race.work) && !startedAgainByRetry(context, race));
    (bestPossible ? racesDoingAllTheyCan : findings).push(race);
  }
  findings.push(...controllerFindings(context), ...libraryFindings(context));
  for (const idle of keptIdleRequests(context.sourceCode)) findings.push({ kind: 'idleRequestKept', node: idle.report, timerCleared: true, work: [], idle });
  findings.push(...helperRaceFindings(context, nodes.calls));
  const externalCalls = getExternalCalls(context);
  for (const cancelled of timerCancelledWrappers(context, nodes.calls, (node) => externalCalls.get(node))) {
    findings.push({ kind: 'cancelledWrapper', node: cancelled.timer, timerCleared: true, work: [cancelled.request.node], cancelled });
  }
  findings.sort((a, b) => a.node.range[0] - b.node.range[0]);

  const races = [...findings, ...racesDoingAllTheyCan];
  const work = [...races.flatMap((finding) => finding.work), ...helperCallArguments(context, races)].flatMap((region) => [
    region,
    ...heldValue(context, region),
  ]);
  // The calls are in source order: each region's calls are found by start offset, not by a scan of every call.
  const { calls } = externalCalls;
  const covered = new Set<TSESTree.CallExpression>();
  for (const region of work) {
    for (let index = firstStartingAt(calls, region.range[0], (call) => call.node); index < calls.length && calls[index]!.node.range[0] <= region.range[1]; index++) {
      if (contains(region, calls[index]!.node)) covered.add(calls[index]!.node);
    }
  }
  const result: NonCancellingTimeouts = { findings, covers: (call) => covered.has(call) };
  cache.set(context.sourceCode.ast, result);
  return result;
}


/** `const lookup = fetch(url); Promise.race([lookup, timer])`: the work raced is the value the variable was given. */
function heldValue(context: Context, region: TSESTree.Node): TSESTree.Node[] {
  if (region.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(region), region);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return [];
  const reassigned = variable!.references.some((reference) => reference.isWrite() && !reference.init);
  return reassigned ? [] : [definition.node.init];
}

// ---------------------------------------------------------------------------------------------
// Promise.race against a timer

function raceFinding(context: Context, call: TSESTree.CallExpression): NonCancellingTimeout | undefined {
  if (
    call.callee.type !== AST_NODE_TYPES.MemberExpression ||
    // the property first: reading the callee's text for every method call of a file costs a string each
    call.callee.property.type !== AST_NODE_TYPES.Identifier || call.callee.property.name !== 'race' ||
    context.sourceCode.getText(call.callee) !== 'Promise.race' ||
    call.arguments[0]?.type !== AST_NODE_TYPES.ArrayExpression
  ) {
    return undefined;
  }
  const elements = call.arguments[0].elements.filter(
    (element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement,
  );
  const kinds = elements.map((element) => timerSettlement(context, element));
  const work = elements.filter((_, position) => kinds[position] === undefined);
  // A timer that only resolves is a bounded wait ("settled within 1 s?"), not a timeout; racing real
  // requests against each other (hedging) is not one either; nor is waiting for an event with a limit.
  if (!kinds.includes('rejecting') || work.length === 0 || work.every((element) => isEventWait(context, element))) return undefined;
  const scope = enclosingFunction(call) ?? context.sourceCode.ast;
  if (cancelsWork(context, scope)) return undefined;
  const timerScopes = elements.filter((_, position) => kinds[position] === 'rejecting').map((timer) => declaringFunction(context, timer) ?? scope);
  const timerCleared = [scope, ...timerScopes].some((candidate) => clearsTimer(context, candidate));
  return { kind: 'race', node: call, timerCleared, work };
}

/**
 * A timer held in a variable is cleared, if anywhere, where it was made: `guard: (p) => Promise.race([p, timer])`
 * beside a `release()` that clears it, in the function that set the timer up.
 */
function declaringFunction(context: Context, timer: TSESTree.Expression): TSESTree.Node | undefined {
  if (timer.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = ASTUtils.findVariable(context.sourceCode.getScope(timer), timer)?.defs[0]?.node;
  return declarator ? enclosingFunction(declarator) : undefined;
}

/** `new Promise((resolve) => socket.once('open', resolve))`, `once(emitter, 'ready')`: waiting for an event, no work to cancel. */
function isEventWait(context: Context, node: TSESTree.Node, depth = 0): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const declarator = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0]?.node;
    return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init !== null && isEventWait(context, declarator.init, depth);
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise';
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (EVENT_WAITS.has(calleeName(node.callee) ?? '')) return true;
  // `exited(child)`: a function of this file that returns a promise settled by a listener.
  const fn = localFunction(context, node.callee);
  if (!fn || depth > 2) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isEventWait(context, fn.body, depth + 1);
  let returnsEvent = false;
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (inner) => {
    if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument && isEventWait(context, inner.argument, depth + 1)) returnsEvent = true;
  });
  return returnsEvent;
}

/** `once(emitter, 'close')` and `events.once(...)` from node:events, `pEvent(emitter, 'close')` from p-event. */
const EVENT_WAITS = new Set(['once', 'pEvent']);

const CANCELLING_MEMBERS = new Set(['abort', 'cancel', 'destroy', 'disconnect', 'kill', 'terminate', 'end', 'close']);
/** `killProcessTree(child)`, `abortAll()`, `cancelJob(id)`: a function of the app's own that stops the work. */
const CANCELLING_CALL = /^(?:kill|abort|cancel|terminate|destroy)/i;

/**
 * Whether the code around the race aborts, cancels, kills or ends something (the loser, presumably: `child.kill()`,
 * `client.end()`, `controller.abort()`, `socket.destroy()`, in its catch or finally), or bounds the work itself.
 */
function cancelsWork(context: Context, scope: TSESTree.Node): boolean {
  let found = false;
  walk(scope, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.property.type === AST_NODE_TYPES.Identifier &&
      (CANCELLING_MEMBERS.has(node.property.name) ||
        (node.property.name === 'timeout' && context.sourceCode.getText(node.object) === 'AbortSignal'))
    ) {
      found = true;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && CANCELLING_CALL.test(node.callee.name)) found = true;
    return true;
  });
  return found;
}

function clearsTimer(context: Context, scope: TSESTree.Node): boolean {
  let found = false;
  walk(scope, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node.callee) === 'clearTimeout') found = true;
    return true;
  });
  return found;
}

/**
 * `withTimeout(promise)` that races the promise it is handed and clears its timer in `finally`: the helper cannot
 * cancel work it did not start. Only a caller can, and only when what it hands over takes a signal
 * (`withTimeout(fetch(url))`); handed a Redis read, there is nothing left to do.
 */
function leavesCancellationToCallers(context: Context, race: NonCancellingTimeout): boolean {
  if (race.kind !== 'race' || !race.timerCleared) return false;
  const fn = enclosingFunction(race.node);
  const name = fn && functionNameOf(fn);
  if (!fn || !name) return false;
  const positions = race.work.map((element) =>
    element.type === AST_NODE_TYPES.Identifier ? fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === element.name) : -1,
  );
  if (positions.some((position) => position < 0)) return false;
  const external = getExternalCalls(context);
  return !getFileNodes(context.sourceCode).calls.some((call) => {
    if (calleeName(call.callee) !== name) return false;
    return positions.some((position) => {
      const argument = call.arguments[position];
      const handed = argument && external.get(argument);
      return handed !== undefined && (handed.signalOption !== undefined || handed.wrapped?.signalOption !== undefined);
    });
  });
}

/**
 * Whether the work raced could be handed a signal: it makes (itself, inside a function it runs inline, or in a
 * function of this file it calls) an external call that takes one, or it is handed in by callers of this file that
 * pass such a call. A message to a browser tab, a cache read, a promise started elsewhere or an SDK call with no
 * signal cannot be stopped from here: the race is all that can be done, so it is not reported.
 */
function mayTakeSignal(context: Context, race: NonCancellingTimeout): boolean {
  const regions = [...race.work.flatMap((element) => [element, ...heldValue(context, element)]), ...helperCallArguments(context, [race])];
  return regions.some((region) => callsTakingSignalWithin(context, region, 0));
}

function callsTakingSignalWithin(context: Context, root: TSESTree.Node, depth: number): boolean {
  const external = getExternalCalls(context);
  let found = false;
  walk(root, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const call = external.get(node);
    if (call && (call.signalOption !== undefined || call.wrapped?.signalOption !== undefined || call.forwardedSignalIndex !== undefined)) {
      found = true;
      return false;
    }
    const fn = depth < 2 ? localFunction(context, node.callee) : undefined;
    if (fn && callsTakingSignalWithin(context, fn.body, depth + 1)) found = true;
    return true;
  });
  return found;
}

/**
 * A race inside a retry loop: when the timer wins, the next attempt starts while the one given up on still runs, so
 * attempts pile up against a dependency that is already slow. Reported whether or not the work takes a signal.
 */
function startedAgainByRetry(context: Context, race: NonCancellingTimeout): boolean {
  for (let current: TSESTree.Node | undefined = race.node.parent; current && !isFunction(current); current = current.parent) {
    if (isLoop(current) && isRetryLoop(context, current)) return true;
  }
  return false;
}

/**
 * `const gaveUp = rejectAfter(30_000)` before a loop and `Promise.race([probe(), gaveUp])` in it: one deadline for
 * every attempt of a poll, bounding the whole wait rather than one call (turning it into a per-call timeout would
 * let the poll run for ever).
 */
function racesDeadlineOfLoop(context: Context, race: NonCancellingTimeout): boolean {
  const list = race.node.type === AST_NODE_TYPES.CallExpression ? race.node.arguments[0] : undefined;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  return list.elements.some((element) => {
    if (element?.type !== AST_NODE_TYPES.Identifier || race.work.includes(element)) return false;
    const declarator = ASTUtils.findVariable(context.sourceCode.getScope(element), element)?.defs[0]?.node;
    if (!declarator) return false;
    for (let current: TSESTree.Node | undefined = race.node.parent; current && !isFunction(current); current = current.parent) {
      if (isLoop(current) && !contains(current, declarator)) return true;
    }
    return false;
  });
}

/**
 * Arguments at the call sites of this file's `withTimeout(promise, ms)` helpers built on a reported race:
 * the work they are given is what the finding is about.
 */
function helperCallArguments(context: Context, findings: readonly NonCancellingTimeout[]): TSESTree.Node[] {
  const helperNames = new Set<string>();
  for (const finding of findings) {
    if (finding.kind !== 'race') continue;
    const fn = enclosingFunction(finding.node);
    const handedIn = finding.work.some(
      (element) => element.type === AST_NODE_TYPES.Identifier && fn?.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === element.name),
    );
    const name = fn && functionNameOf(fn);
    if (handedIn && name) helperNames.add(name);
  }
  if (helperNames.size === 0) return [];
  return getFileNodes(context.sourceCode).calls.flatMap((call) => {
    const name = calleeName(call.callee);
    return name && helperNames.has(name) ? [...call.arguments] : [];
  });
}

function functionNameOf(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property) && !parent.computed) return memberKeyName(parent);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Abort controllers and signals that reach nothing

function controllerFindings(context: Context): NonCancellingTimeout[] {
  const findings: NonCancellingTimeout[] = [];
  const scopeManager = context.sourceCode.scopeManager!;
  for (const scope of scopeManager.scopes) {
    for (const variable of scope.variables) {
      const declarator = variable.defs[0]?.node;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) continue;
      const init = declarator.init;
      // Only a controller or a timeout signal can be one: told by their node types before anything is read.
      if (init.type !== AST_NODE_TYPES.NewExpression && !(init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.MemberExpression)) continue;
      const reads = variable.references.filter((reference) => reference.isRead());
      const owner = enclosingFunction(declarator) ?? context.sourceCode.ast;
      if (!getExternalCalls(context).containsExternalCall(owner)) continue;
      if (init.type === AST_NODE_TYPES.NewExpression && context.sourceCode.getText(init.callee) === 'AbortController') {
        const usedOtherwise = reads.some((reference) => !isAbortCall(reference.identifier));
        const abortedByTimer = reads.some((reference) => isInTimerCallback(reference.identifier));
        if (!usedOtherwise && abortedByTimer) findings.push({ kind: 'unusedController', node: init, timerCleared: true, work: [owner] });
      } else if (
        init.type === AST_NODE_TYPES.CallExpression &&
        context.sourceCode.getText(init.callee) === 'AbortSignal.timeout' &&
        reads.length === 0
      ) {
        findings.push({ kind: 'unusedSignal', node: init, timerCleared: true, work: [owner] });
      }
    }
  }
  return findings;
}

/** `controller.abort()` or `controller.abort.bind(controller)`: aborting, not handing the signal on. */
function isAbortCall(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    return parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'abort';
  }
  // The `controller` in `controller.abort.bind(controller)`.
  return (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.callee.type === AST_NODE_TYPES.MemberExpression &&
    calleeName(parent.callee) === 'bind'
  );
}

// ---------------------------------------------------------------------------------------------
// Race helpers: `withTimeout(request, ms)`

/**
 * A request handed to a helper that races it against a timer and cancels nothing (race-helpers.ts), in another module
 * or, when the helper settles from an executor rather than `Promise.race` (not reported at the helper), in this one.
 * Reported at the call, where the request could be given a signal: when it takes one, or when a retry starts it again.
 */
function helperRaceFindings(context: Context, calls: readonly TSESTree.CallExpression[]): NonCancellingTimeout[] {
  const findings: NonCancellingTimeout[] = [];
  for (const call of calls) {
    // a helper takes the promise and a delay
    if (call.arguments.length < 2 || !mayBeRaceHelper(call.callee)) continue;
    const helper = raceHelperOf(context, call.callee);
    if (!helper || (helper.local && helper.race.shape === 'race')) continue;
    const work = call.arguments[helper.race.parameter];
    const delay = helper.race.delayParameter === undefined ? undefined : call.arguments[helper.race.delayParameter];
    if (!work || !delay || work.type === AST_NODE_TYPES.SpreadElement || delay.type === AST_NODE_TYPES.SpreadElement) continue;
    if (/\bsignal\b/.test(context.sourceCode.getText(work)) || cancelsWork(context, enclosingFunction(call) ?? context.sourceCode.ast)) continue;
    const finding: NonCancellingTimeout = { kind: 'helperRace', node: call, timerCleared: true, work: [work], helper: { name: context.sourceCode.getText(call.callee), delay } };
    if (callsTakingSignalWithin(context, work, 0) || startedAgainByRetry(context, finding)) findings.push(finding);
  }
  return findings;
}

/** `withTimeout`, `this.withDeadline`: a plain name or a method of `this` (a library's method is another matter). */
function mayBeRaceHelper(callee: TSESTree.Node): boolean {
  return callee.type === AST_NODE_TYPES.Identifier
    || (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed);
}

// ---------------------------------------------------------------------------------------------
// p-timeout and cockatiel

function libraryFindings(context: Context): NonCancellingTimeout[] {
  const findings: NonCancellingTimeout[] = [];
  for (const reference of findModuleReferences(context.sourceCode, LIBRARY_TRACE)) {
    if (reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = reference.node;
    if (reference.info === 'p-timeout') {
      const input = call.arguments[0];
      if (!input) continue;
      const text = context.sourceCode.getText(call);
      const scope = enclosingFunction(call) ?? context.sourceCode.ast;
      if (/\bsignal\b/.test(text) || cancelsWork(context, scope)) continue;
      findings.push({ kind: 'pTimeout', node: call, timerCleared: true, work: [input] });
    } else if (call.arguments.slice(1).some((argument) => mentionsAggressive(context, argument))) {
      findings.push({ kind: 'aggressive', node: call, timerCleared: true, work: executedWork(context, call) });
    }
  }
  return findings;
}

function mentionsAggressive(context: Context, node: TSESTree.Node): boolean {
  let found = false;
  walkSameFunction(node, context.sourceCode.visitorKeys, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && calleeName(inner) === 'Aggressive') found = true;
  });
  return found;
}
