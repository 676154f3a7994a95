import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName, findDelays } from './delays.js';
import { FAILURE_EVENTS, failureListenerCalling, isFailureListener, isHeldFunction, isTimerCall, throttledByLastStart, timerDuration, waitBefore } from './recursion-triggers.js';
import { contains, enclosingFunction, functionName, getFileNodes, inSameFunction, isFunction, walkSameFunction, type FunctionName, type FunctionNode } from './loops.js';
import { boundingTest, collectUpdates, deadlineOnlyWhenSet, comparedLimit, decidesAttempts, identifierNames, optionalSignal, propertyName, type TestKind } from './retry-bounds.js';
import { goesRoundOnFailure, implied, pollsByShape, recursionCause, selfCallPaths, type RetryCause } from './retry-causes.js';
import { classifyDuration, describeDelays, isRandomised, pacedByServer } from './retry-delays.js';
import { feedsLazyComponent } from './handed-loaders.js';
import { methodCycle, registeredListener, walksToLinkedItem } from './retry-method-cycles.js';
import { staticPropertyName } from './member-syntax.js';
import { conjuncts } from './syntax.js';
import { doesIo } from './retry-loops.js';
import { startsOnlyLocalWork, touchesOnlyFiles } from './local-work.js';
import { asksTheUser } from './prompts.js';
import { notReadyGuard, statusGuard } from './status-retries.js';
import { answeredTrigger, handedTrigger } from './handed-triggers.js';
import { callsWithNewValue, callsWithShrunkList, hasSmallLimit, recoversFirst, renewalGivenCount, renewsCredentialsFirst, returnsAtOnce } from './second-tries.js';
import { sendsSomethingElse } from './changed-requests.js';
import { advancesCursor, goesOnAfterFulfilment, runsAgainAfterSuccess } from './retry-continuations.js';
import type { RetryConstruct } from './retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Functions that call themselves again from a failure handler. */

function isSelfReference(node: TSESTree.Node, self: FunctionName): boolean {
  if (self.method) {
    return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed && staticPropertyName(node) === self.name;
  }
  return node.type === AST_NODE_TYPES.Identifier && node.name === self.name;
}

const ERROR_PARAM = /^(?:err|error|e|ex)$/;

interface FailureHandler {
  readonly handler: TSESTree.Node;
  readonly timer: TSESTree.CallExpression | undefined;
  /** An event listener (reconnect on 'close'/'error'): long-lived by design, so an absent bound is not certain. */
  readonly event: boolean;
  /** Where the failure is handled inside the handler: the `if (err)` branch of an error-first callback, else the whole handler. */
  readonly failureBranch: TSESTree.Node;
  /** What the handler's test says the answer was, when the handler is a test of the answer (not an error's handler). */
  readonly cause?: RetryCause;
  /** The callback of the function's promise chain the handler sits in (`return this.auth.then(async (t) => { try ... catch ... })`). */
  readonly chained?: FunctionNode;
}

/**
 * The failure handler a self-call runs from, if any: a catch clause of the function, a callback given to
 * `.catch(...)` / the second argument of `.then(...)`, the `if (err)` branch of an error-first callback, or a
 * listener for 'error'/'close', possibly through a timer (`setTimeout(() => self(), ms)`).
 */
function failureHandler(call: TSESTree.Node, fn: FunctionNode, calls: readonly TSESTree.CallExpression[]): FailureHandler | undefined {
  let timer: TSESTree.CallExpression | undefined;
  // the `if`s the self-call runs under, innermost first (`if (err) { if (isTransient(err)) retry() }`)
  const guards: TSESTree.IfStatement[] = [];
  for (let current: TSESTree.Node | undefined = call.parent, child: TSESTree.Node = call; current && current !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) {
      if (inSameFunction(current, fn)) return { handler: current, timer, event: false, failureBranch: current };
      const chained = thenCallback(current, fn);
      return chained ? { handler: current, timer, event: false, failureBranch: current, chained } : undefined;
    }
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) guards.push(current);
    if (!isFunction(current)) continue;
    const owner = current.parent;
    if (isTimerCall(owner) && owner.arguments[0] === current && !timer) {
      timer = owner;
      continue;
    }
    // `new Promise((resolve) => setTimeout(() => resolve(self()), ms))`: a wait written out by hand.
    if (isPromiseExecutor(current)) continue;
    // `delay(1_000).then(() => self())`: a wait's promise
    const wait = waitBefore(owner, current);
    if (wait && !timer) {
      timer = wait;
      continue;
    }
    // `const reconnect = () => ...; socket.on('close', () => reconnect())`: run from a failure listener of `fn`
    const listener = isHeldFunction(current) ? failureListenerCalling(current, fn, calls) : undefined;
    if (listener) return { handler: listener, timer, event: true, failureBranch: listener };
    if (owner?.type !== AST_NODE_TYPES.CallExpression || !inSameFunctionOrExecutor(owner, fn)) return undefined;
    const method = owner.callee.type === AST_NODE_TYPES.MemberExpression ? calleeName(owner.callee) : undefined;
    if ((method === 'catch' && owner.arguments[0] === current) || (method === 'then' && owner.arguments[1] === current)) {
      return { handler: current, timer, event: false, failureBranch: current };
    }
    if (isFailureListener(current)) return { handler: current, timer, event: true, failureBranch: current };
    // `request(url, (err, body) => { if (err) return self(...); ... })`, or `if (err && attempt < 3)`
    const first = current.params[0];
    const errorGuard = first?.type === AST_NODE_TYPES.Identifier && ERROR_PARAM.test(first.name)
      ? guards.find((guard) => contains(current, guard) && conjuncts(guard.test).some((term) => /^(?:!\s*)?!?\s*(\w+)/.exec(sourceText(term))?.[1] === first.name)) : undefined;
    if (errorGuard && owner.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      return { handler: current, timer, event: false, failureBranch: errorGuard.consequent };
    }
    return undefined;
  }
  return undefined;
}

/** `if (answer.status === 503) return self(...)`: the branch taken on a failing answer handles that failure. */
function statusHandler(context: Context, call: TSESTree.CallExpression, fn: FunctionNode): FailureHandler | undefined {
  const guard = statusGuard(context, call, fn);
  if (!guard) return undefined;
  // `if (res.status === 429)`: a refusal, which the server's own pace may answer (see no-unbounded-retry)
  const refusal = implied(context, guard.test, true) === 'rate-limited';
  return { handler: guard, timer: undefined, event: false, failureBranch: guard.consequent, ...(refusal ? { cause: 'rate-limited' as const } : {}) };
}

/** `if (job.state === 'pending') return later(() => check(job.id))`: the branch taken while the work is not done, waiting first, polls. */
function notReadyHandler(context: Context, call: TSESTree.CallExpression, fn: FunctionNode): FailureHandler | undefined {
  const found = notReadyGuard(context, call, fn);
  if (!found) return undefined;
  const branch = found.branch;
  // `setTimeout(check, 2_000)`: the self-call is the timer, which waits
  const timer = found.timer ?? (isTimerCall(call) ? call : undefined);
  // a poll waits before it asks again; asking again at once on a 404 is not known to be one
  if (!timer && findDelays(context, branch).length === 0) return undefined;
  return { handler: found.guard, timer, event: false, failureBranch: branch, cause: 'not-ready' };
}

/**
 * `if (update.connection === 'close') connect()` in a listener of the connection's updates that `connect` registers
 * (`sock.ev.on('connection.update', (update) => ...)`), or in the method such a listener runs (`viaListener`, the
 * cycle going through it): the branch taken when the connection reports itself closed is a reconnect, as a 'close'
 * listener's is (a timer on the way is its wait).
 */
function closedStateHandler(call: TSESTree.CallExpression, fn: FunctionNode, viaListener: boolean): FailureHandler | undefined {
  let timer: TSESTree.CallExpression | undefined;
  let branch: TSESTree.IfStatement | undefined;
  let listener = viaListener;
  for (let current: TSESTree.Node | undefined = call.parent, child: TSESTree.Node = call; current && current !== fn; child = current, current = current.parent) {
    if (isFunction(current)) {
      if (isTimerCall(current.parent) && !timer && !branch) timer = current.parent;
      else if (branch && isRegisteredListener(current)) listener = true;
      else return undefined;
    }
    if (!branch && current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && conjuncts(current.test).some(comparesToClosedState)) branch = current;
  }
  return branch && listener ? { handler: branch, timer, event: true, failureBranch: branch.consequent } : undefined;
}

/** A function registered to receive events (`emitter.on(event, fn)`, `sock.ev.process(fn)`). */
function isRegisteredListener(fn: FunctionNode): boolean {
  return fn.parent?.type === AST_NODE_TYPES.CallExpression && registeredListener(fn.parent) === fn;
}

/** `state === 'close'`, `'disconnected' == status`. */
function comparesToClosedState(test: TSESTree.Node): boolean {
  return test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '===' || test.operator === '==')
    && [test.left, test.right].some((side) => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string' && CLOSED_STATES.has(side.value));
}

const CLOSED_STATES = new Set([...FAILURE_EVENTS, 'closed']);

/**
 * The callback `fn` hands to `.then(...)` that `node` sits in (`getSession() { return this.auth.then(async (token) =>
 * { try { ... } catch { ... } }) }`): it runs once for each call of `fn`, so a catch there handles `fn`'s failure.
 */
function thenCallback(node: TSESTree.Node, fn: FunctionNode): FunctionNode | undefined {
  const callback = enclosingFunction(node);
  const owner = callback?.parent;
  if (!callback || owner?.type !== AST_NODE_TYPES.CallExpression || owner.arguments[0] !== callback) return undefined;
  if (owner.callee.type !== AST_NODE_TYPES.MemberExpression || calleeName(owner.callee) !== 'then') return undefined;
  return inSameFunctionOrExecutor(owner, fn) ? callback : undefined;
}

function isPromiseExecutor(node: TSESTree.Node): boolean {
  const owner = node.parent;
  return owner?.type === AST_NODE_TYPES.NewExpression && owner.callee.type === AST_NODE_TYPES.Identifier && owner.callee.name === 'Promise' && owner.arguments[0] === node;
}

/**
 * In `fn` itself, or in the executor of a promise `fn` makes (`return new Promise((resolve, reject) => request(url)
 * .catch((error) => setTimeout(() => resolve(self(url)), ms)))`), or in the error-first callback of a call made there
 * (`tmp.file((err, path) => { https.get(url).on('error', ...) })`, which runs once, for this call): a handler there
 * runs for `fn`'s own call.
 */
function inSameFunctionOrExecutor(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current === fn) return true;
    if (isFunction(current) && !isPromiseExecutor(current) && !isErrorFirstCallback(current)) return false;
  }
  return false;
}

/** A function handed to a call (not a timer's) whose first parameter is named for an error: a Node-style callback. */
function isErrorFirstCallback(node: FunctionNode): boolean {
  const owner = node.parent;
  const first = node.params[0];
  return owner?.type === AST_NODE_TYPES.CallExpression && owner.arguments.includes(node as TSESTree.CallExpressionArgument) && !isTimerCall(owner)
    && first?.type === AST_NODE_TYPES.Identifier && ERROR_PARAM.test(first.name);
}

/** The source of a small node, rebuilt from its range (no context at hand). */
function sourceText(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return `!${sourceText(node.argument)}`;
  if (node.type === AST_NODE_TYPES.BinaryExpression) return sourceText(node.left);
  return '';
}

/**
 * Functions that call themselves again from a failure handler. Starts from the calls (each walks up to the
 * function it names), so the cost stays linear in the file rather than in its nesting.
 */
export function findRecursiveRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  // the ways round already found in each function: the handlers they run from
  const seen = new Map<FunctionNode, TSESTree.Node[]>();
  const { calls, functions } = getFileNodes(context.sourceCode);
  // A call can only be a function calling itself when some function of the file has its name.
  const names = new Set(functions.map((fn) => functionName(fn)?.name));
  for (const call of calls) {
    // `retry(...)` itself, or `setTimeout(connect, 1000)` from a catch.
    const target = isTimerCall(call) && call.arguments[0] ? call.arguments[0] : call.callee;
    const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? calleeName(target) : undefined;
    if (!name || !names.has(name)) continue;
    // a method calling itself, or running itself again through other methods of its class (`this.reconnect()`)
    const cycle = namedEnclosingFunction(call, name) === undefined && target === call.callee ? methodCycle(context.sourceCode, call) : undefined;
    const handed = !cycle && target !== call.callee && namedEnclosingFunction(call, name) === undefined ? handedTrigger(context, call, name, functions) : undefined;
    // `makeRequest()` called straight from the handler it hands its answer to (`node.send(params, onResponse)`), on a
    // failing answer (`if (res.statusCode === 503) { attempts++; makeRequest() }`): an SDK transport's retry
    const answered = !cycle && !handed && target === call.callee && target.type === AST_NODE_TYPES.Identifier && namedEnclosingFunction(call, name) === undefined
      ? answeredTrigger(context, call, name, functions) : undefined;
    const fn = cycle?.fn ?? handed?.work ?? answered?.work ?? namedEnclosingFunction(call, name);
    if (!fn || seen.get(fn)?.some((handler) => !isAnswerTest(handler))) continue;
    const self = functionName(fn)!;
    if (!cycle && !isSelfReference(target, self)) continue;
    const from = handed
      ? { handler: handed.trigger, timer: call, event: false, failureBranch: handed.trigger }
      : answered ? { handler: answered.guard, timer: undefined, event: false, failureBranch: answered.guard.consequent }
      : failureHandler(call, fn, calls) ?? statusHandler(context, call, fn) ?? closedStateHandler(call, fn, cycle?.throughListener === true)
        ?? notReadyHandler(context, call, fn);
    if (!from || feedsLazyComponent(context.sourceCode, fn)) continue;
    // one retry per function, unless each goes round from its own test of the answer (`if (res.status === 429)`, then
    // later `if (transientErrorCode)`): each of those is a way round of its own, with its own bound to give
    const earlier = seen.get(fn);
    if (earlier && (!isAnswerTest(from.handler) || earlier.some((handler) => contains(handler, from.handler) || contains(from.handler, handler)))) continue;
    if (from.handler.type === AST_NODE_TYPES.CatchClause && !doesIo(context, from.handler.parent.block)) continue;
    // a file watcher made again from its own 'error' listener
    if (from.event && touchesOnlyFiles(context, fn)) continue;
    // a local program restarted when it exits, but at most once per throttle window: a supervisor, not a crash loop
    if (from.event && throttledByLastStart(context.sourceCode, call, from.handler) && startsOnlyLocalWork(context, fn)) continue;
    if (switchesMode(fn, call) || advancesCursor(context, fn, call) || followsChange(call, from.handler) || callsWithNewValue(context, fn, call, from.handler)
      || callsWithShrunkList(context, fn, call)) continue;
    if (sendsSomethingElse(context, fn, call, from.handler)) continue;
    if (cycle && walksToLinkedItem(context.sourceCode, cycle, call)) continue;
    // (a stream's read loop that reconnects after a clean end too, but waits first in its catch: that wait is a retry's)
    const waitsFirst = cycle !== undefined && from.handler.type === AST_NODE_TYPES.CatchClause && findDelays(context, from.handler.body).length > 0;
    if (from.handler.type === AST_NODE_TYPES.CatchClause && !waitsFirst && runsAgainAfterSuccess(context, from.handler, call)) continue;
    if (from.handler.type !== AST_NODE_TYPES.CatchClause && goesOnAfterFulfilment(context, from.handler, call)) continue;
    if (from.handler.type === AST_NODE_TYPES.CatchClause && !from.timer && returnsAtOnce(context, fn, from.handler, call)) continue;
    if (from.handler.type === AST_NODE_TYPES.CatchClause && recoversFirst(context, fn, from.handler, call)) continue;
    // asked where it goes round too: a login's `.catch` asking for the second factor, then logging in with it
    const around = enclosingFunction(call);
    if (asksTheUser(context, fn.body) || (around && around !== fn && asksTheUser(context, around.body))) continue;
    if ((from.timer || target !== call.callee) && scheduledAfterSuccess(context, self, from.failureBranch)) continue;
    const waited = from.timer ? timerDuration(from.timer) : target !== call.callee ? call.arguments[1] : undefined;
    const retry = describeRecursion(context, fn, self, call, from, waited, cycle?.via);
    if (!retry) continue;
    // Re-sent once or twice after renewing the credentials: the cause is fixed (see `renewsCredentialsFirst`).
    const renewal = renewsCredentialsFirst(context, call, from.handler);
    // a 429 answered after the wait the server asks for, or a refusal of the credentials answered by renewing them, says
    // nothing of the function's other ways round (`if (status === 504) { await delay(5_000); return this.request(options) }`)
    if (!(retry.cause === 'rate-limited' && retry.serverPaced) && !renewal) seen.set(fn, [...(seen.get(fn) ?? []), from.handler]);
    if (renewal && ((retry.bound === 'attempts' && hasSmallLimit(context, renewal.test)) || renewalGivenCount(context, renewal, call))) continue;
    const through = cycle ? { ...retry, name: `\`${self.name}\` (running itself again through ${cycle.via.map((method) => `\`${functionName(method)?.name}\``).join(' and ')})` }
      : handed ? { ...retry, name: `\`${self.name}\` (run again by the \`${functionName(handed.trigger)!.name}\` it hands its work)` } : retry;
    const judged: RetryConstruct = renewal ? { ...through, cause: 'reauthenticated', name: `\`${self.name}\` (${RECURSION_NAMES.reauthenticated})` } : through;
    found.push(from.event && judged.bound === 'none' ? { ...judged, bound: 'unknown' } : judged);
  }
  return found;
}

function callsItself(root: TSESTree.Node, self: FunctionName, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  let found = false;
  walkSameFunction(root, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && isSelfReference(node.callee, self)) found = true;
  });
  return found;
}

function isAnswerTest(handler: TSESTree.Node): boolean {
  return handler.type === AST_NODE_TYPES.IfStatement || handler.type === AST_NODE_TYPES.SwitchCase;
}

/**
 * `setTimeout(safeBeat, interval)` in the catch, when a timer also schedules `safeBeat` after a success (in it or in
 * the job it runs): a periodic job that keeps its schedule after an error, not a retry. For an error-first callback
 * (`load((err, body) => { if (err) { report(err); setTimeout(poll, wait); return } use(body); setTimeout(poll, wait) })`)
 * only the `if (err)` branch handles the failure: a timer later in the same callback is the poll's next turn after a
 * success, so the poller is periodic by design (a data source polling every 30 s that reports an interruption).
 */
function scheduledAfterSuccess(context: Context, self: FunctionName, handler: TSESTree.Node): boolean {
  return getFileNodes(context.sourceCode).calls.some((call) => {
    const schedules = calleeName(call.callee) === 'setInterval' || isTimerCall(call);
    if (!schedules || contains(handler, call) || inFailureHandler(call)) return false;
    const scheduled = call.arguments[0];
    if (!scheduled) return false;
    if (isSelfReference(scheduled, self)) return true;
    if (!isFunction(scheduled)) return false;
    let callsSelf = false;
    walkSameFunction(scheduled.body, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && isSelfReference(node.callee, self)) callsSelf = true;
    });
    return callsSelf;
  });
}

/** Whether the node runs from a catch clause or a `.catch(...)` callback. */
function inFailureHandler(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
    const owner = current.parent;
    if (isFunction(current) && owner?.type === AST_NODE_TYPES.CallExpression && owner.callee.type === AST_NODE_TYPES.MemberExpression && calleeName(owner.callee) === 'catch') {
      return true;
    }
  }
  return false;
}

/** The nearest enclosing function named `name` (the one a call of that name refers to), if any. */
function namedEnclosingFunction(node: TSESTree.Node, name: string): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && functionName(current)?.name === name) return current;
  }
  return undefined;
}

function describeRecursion(
  context: Context,
  fn: FunctionNode,
  self: FunctionName,
  selfCall: TSESTree.CallExpression,
  from: FailureHandler,
  timerDuration: TSESTree.Node | undefined,
  via: readonly FunctionNode[] = [],
): RetryConstruct | undefined {
  const { visitorKeys } = context.sourceCode;
  const { handler } = from;
  // a test of the answer inside a callback of the function's promise chain: that callback's waits and tests count
  const guardScope = handler.type === AST_NODE_TYPES.IfStatement || handler.type === AST_NODE_TYPES.SwitchCase ? enclosingFunction(handler) : undefined;
  const chained = from.chained ?? (guardScope && guardScope !== fn ? guardScope : undefined);
  const varying = new Set<string>();
  const args = selfCall.callee.type === AST_NODE_TYPES.Identifier && isTimerCallOf(selfCall, self) ? [] : selfCall.arguments;
  let spread = false;
  fn.params.forEach((param, index) => {
    const argument = args[index];
    if (param.type !== AST_NODE_TYPES.Identifier && param.type !== AST_NODE_TYPES.AssignmentPattern) return;
    const paramName =
      param.type === AST_NODE_TYPES.Identifier ? param.name : param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : undefined;
    if (!paramName || !argument) return;
    if (argument.type === AST_NODE_TYPES.SpreadElement) spread = true;
    else if (argument.type === AST_NODE_TYPES.ObjectExpression && spreadsItself(argument, paramName)) {
      // `{ ...options, retryCount: retryCount + 1 }`: what changes is the properties written, not the options
      for (const property of argument.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier) varying.add(`${paramName}.${property.key.name}`);
      }
    } else if (argument.type !== AST_NODE_TYPES.Identifier || argument.name !== paramName) varying.add(paramName);
  });
  // Values computed anew for the next call, also inside an options object: `{ ...arg, retry: retry + 1 }`.
  for (const argument of args) {
    walkSameFunction(argument, visitorKeys, (node) => {
      const arithmetic =
        node.type === AST_NODE_TYPES.UpdateExpression ||
        (node.type === AST_NODE_TYPES.BinaryExpression && ['+', '-', '*'].includes(node.operator));
      if (arithmetic) identifierNames(node, visitorKeys).forEach((name) => varying.add(name));
    });
  }
  // Counters kept outside the call (`this.attempts++`, a module-level count), also counted inside the wait.
  collectUpdates(context, fn.body, varying);
  addCountsFromCounters(context, fn.body, varying);
  if (handler.type !== AST_NODE_TYPES.CatchClause) collectUpdates(context, handler, varying);
  // through other methods of the class: their waits and counts are the retry's too
  for (const method of via) collectUpdates(context, method.body, varying);

  const everyDelay = [...findDelays(context, fn.body), ...(isFunction(handler) ? findDelays(context, handler.body) : []), ...(chained ? findDelays(context, chained.body) : []),
    ...via.flatMap((method) => findDelays(context, method.body))];
  // a branch taken on the answer (`if (res.status === 429) { await pause(retryAfter); return call(...) }`) waits there:
  // the waits of the function's other ways round are theirs
  const branchDelays = guardScope ? everyDelay.filter((delay) => contains(handler, delay.node)) : [];
  const delays = branchDelays.length > 0 ? branchDelays : everyDelay;
  let description = describeDelays(context, delays, fn.body, varying, fn.body, selfCall);
  if (timerDuration !== undefined && pacedByServer(context, timerDuration, fn.body)) {
    description = { growth: 'unknown', jitter: undefined, serverPaced: delays.length === 0 || description.serverPaced };
  } else if (timerDuration !== undefined || (isTimerCall(selfCall) && selfCall.arguments.length < 2)) {
    const growth = classifyDuration(context, timerDuration, varying, fn.body);
    const timerJitter = timerDuration ? isRandomised(context, timerDuration, fn.body) : false;
    description =
      delays.length === 0
        ? { growth, jitter: timerJitter }
        : { growth: growth === 'growing' || description.growth === 'growing' ? 'growing' : description.growth, jitter: timerJitter || description.jitter };
  }

  let bound: TestKind;
  const attemptChecks: TSESTree.Node[] = [];
  // A self-call on an answer (`if (res.status === 429)` in the try) is not bounded by a count tested in a catch it is
  // not in: that test bounds the function's other way round (a timeout sent again at most 5 times).
  const otherCatch = (node: TSESTree.Node): boolean => {
    for (let current = node.parent; current && current !== fn; current = current.parent) {
      if (current.type === AST_NODE_TYPES.CatchClause) return !contains(current, selfCall);
    }
    return false;
  };
  // Nor by a count tested by another test of the answer going round itself (`if (res.status === 429 && n < 5)` says
  // nothing of a later `if (transientCode)`).
  const goesRoundItself = (test: TSESTree.IfStatement): boolean =>
    test !== handler && !contains(test.consequent, selfCall) && callsItself(test.consequent, self, visitorKeys);
  const otherWayRound = (node: TSESTree.Node): boolean => {
    if (!guardScope) return false;
    if (node.type === AST_NODE_TYPES.IfStatement) return goesRoundItself(node);
    for (let child: TSESTree.Node = node, current = node.parent; current && current !== fn; child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.IfStatement && current.test === child) return goesRoundItself(current);
    }
    return false;
  };
  // `t1 > t0 && Date.now() >= t1`: a deadline only when one was given (see `deadlineOnlyWhenSet`)
  let optionalDeadline: TSESTree.Node | undefined;
  const inspect = (root: TSESTree.Node): void =>
    walkSameFunction(root, visitorKeys, (node) => {
      if (bound === 'deadline' || (guardScope && otherCatch(node)) || otherWayRound(node)) return;
      if (node.type === AST_NODE_TYPES.LogicalExpression && deadlineOnlyWhenSet(context, node)) optionalDeadline ??= node;
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === 'throwIfAborted'
        && !optionalSignal(context, node.callee)) {
        bound = 'deadline';
      }
      if (
        (node.type === AST_NODE_TYPES.IfStatement && decidesAttempts(node, visitorKeys, selfCall)) ||
        node.type === AST_NODE_TYPES.ConditionalExpression ||
        (node.type === AST_NODE_TYPES.LogicalExpression && !isDefaultValue(node) && !deadlineOnlyWhenSet(context, node))
      ) {
        const test = node.type === AST_NODE_TYPES.LogicalExpression ? node.left : node.test;
        const kind = boundingTest(context, test, varying);
        if (kind === 'attempts') attemptChecks.push(test);
        if (kind) bound = bound === 'attempts' && kind === 'attempts' ? bound : kind;
      }
    });
  inspect(fn.body);
  if (isFunction(handler)) inspect(handler.body);
  if (chained) inspect(chained.body);
  for (const method of via) inspect(method.body);
  const reason = from.cause ?? recursionCause(context, handler, selfCall, fn.body, varying);
  if (reason === 'remediated' || reason === 'next-item') return undefined;
  const finalBound = spread && !bound ? 'unknown' : bound ?? 'none';
  const paths = reason === 'failure' ? selfCallPaths(context, handler, selfCall) : undefined;
  const cause = paths && pollsByShape(finalBound, description.growth, goesRoundOnFailure(context, paths), self.name) ? 'not-ready' : reason;
  return {
    kind: 'recursion',
    node: selfCall,
    loc: selfCall.loc,
    name: `\`${self.name}\` (${RECURSION_NAMES[cause]})`,
    ...(cause === 'failure' ? {} : { cause }),
    retried: [fn.body],
    bound: finalBound,
    ...(finalBound === 'attempts' ? { attemptLimit: comparedLimit(context, attemptChecks, varying) } : {}),
    delay: description.growth,
    // (a wait written as `delay(ms).then(...)` in a function the failure listener calls: that wait)
    delayNode: delays[0]?.node ?? (from.timer && !isTimerCall(from.timer) ? from.timer : timerDuration ? selfCall : undefined),
    jitter: description.jitter,
    ...(description.serverPaced ? { serverPaced: true } : {}),
    ...(from.cause === 'not-ready' && (handler.type === AST_NODE_TYPES.IfStatement || handler.type === AST_NODE_TYPES.SwitchCase) ? { answerGuard: handler } : {}),
    ...(finalBound === 'none' && optionalDeadline ? { optionalDeadline } : {}),
  };
}

/** `{ ...options, ... }` for the parameter `options`. */
function spreadsItself(object: TSESTree.ObjectExpression, name: string): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement && property.argument.type === AST_NODE_TYPES.Identifier
    && property.argument.name === name);
}

/** `opts.attempt || 1`, `options.retries ?? 0`, `config || {}`: a value given a default, which tests nothing. */
function isDefaultValue(node: TSESTree.LogicalExpression): boolean {
  const fallback = node.right;
  return node.operator !== '&&' && (fallback.type === AST_NODE_TYPES.Literal || fallback.type === AST_NODE_TYPES.ObjectExpression
    || fallback.type === AST_NODE_TYPES.ArrayExpression);
}

/**
 * `const nextAttempt = attempt + 1; const maxTries = maxRetries + 1; if (nextAttempt <= maxTries) return send(url,
 * nextAttempt, maxRetries)`: a local computed from a count that changes between calls changes with it, so a test of
 * it bounds the recursion as a test of the count itself would; so does an array grown from one (`growsArray`).
 */
function addCountsFromCounters(context: Context, body: TSESTree.Node, varying: Set<string>): void {
  walkSameFunction(body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier) return;
    if (growsArray(node.init, varying)) {
      varying.add(node.id.name);
      varying.add(`${node.id.name}.length`);
      return;
    }
    // `const tryNumber = newErrors.length`: another name for a count
    if (node.init && varying.has(context.sourceCode.getText(node.init))) {
      varying.add(node.id.name);
      return;
    }
    if (node.init?.type !== AST_NODE_TYPES.BinaryExpression) return;
    if (node.init.operator !== '+' && node.init.operator !== '-') return;
    const names = identifierNames(node.init, context.sourceCode.visitorKeys);
    if ([...names].some((name) => varying.has(name))) varying.add(node.id.name);
  });
}

/**
 * `const seen = [...errors, error]`, the array handed to the next call in place of `errors`: one item longer each
 * call, so `seen.length > maxRetries` counts the attempts.
 */
function growsArray(init: TSESTree.Expression | null, varying: ReadonlySet<string>): boolean {
  if (init?.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length < 2) return false;
  return init.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement && element.argument.type === AST_NODE_TYPES.Identifier
    && varying.has(element.argument.name));
}

const RECURSION_NAMES: Record<RetryCause, string> = {
  failure: 'retrying by calling itself',
  'not-ready': 'polling by calling itself',
  conflict: 'calling itself again after another writer got there first',
  reauthenticated: 'calling itself again after renewing its credentials',
  'rate-limited': 'retrying by calling itself',
};

/**
 * `download(node, 'reload')`, `request(options, true)`, `getConfig({ ...options, offline: true })`: calling itself
 * once more with a fixed value in place of a parameter or a flag of its options is a second, different try (bypass
 * the cache, go offline, after re-authenticating), not a retry loop. So is one leaving out an option the first try
 * had (`{ ...data, commentId: undefined }`: a reply to an answered comment sent once as a private message instead).
 */
function switchesMode(fn: FunctionNode, selfCall: TSESTree.CallExpression): boolean {
  return fn.params.some((param, index) => {
    const argument = selfCall.arguments[index];
    const named = param.type === AST_NODE_TYPES.Identifier || param.type === AST_NODE_TYPES.AssignmentPattern;
    if (named && argument?.type === AST_NODE_TYPES.Literal && argument.value !== null) return true;
    return argument?.type === AST_NODE_TYPES.ObjectExpression && argument.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && (isBooleanLiteral(property.value) || isNothing(property.value)),
    );
  });
}

function isBooleanLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean';
}

function isNothing(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') || (node.type === AST_NODE_TYPES.Literal && node.value === null);
}

/**
 * `if (result.supervisorChanged) this.socket = this.createSocket()` in a 'disconnect' listener: a self-call reached
 * only when a test says what it connects to has changed (a new address after the process was restored elsewhere)
 * connects to the new one; it does not retry the one that failed.
 */
function followsChange(selfCall: TSESTree.CallExpression, handler: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = selfCall, node: TSESTree.Node | undefined = selfCall.parent; node && node !== handler; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && node.consequent === child && saysChanged(node.test)) return true;
  }
  return false;
}

/** `supervisorChanged`, `result.urlHasChanged`, `config_changed`: a flag (not its negation) saying the settings are not what they were. */
function saysChanged(test: TSESTree.Expression): boolean {
  const flag = test.type === AST_NODE_TYPES.ChainExpression ? test.expression : test;
  const name = flag.type === AST_NODE_TYPES.Identifier ? flag.name
    : flag.type === AST_NODE_TYPES.MemberExpression && !flag.computed ? staticPropertyName(flag) ?? '' : '';
  return /[a-z](?:Changed|_changed)$/.test(name);
}

function isTimerCallOf(call: TSESTree.CallExpression, self: FunctionName): boolean {
  return isTimerCall(call) && call.arguments[0] !== undefined && isSelfReference(call.arguments[0], self);
}
