import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { timerHelperCall } from './external-calls.js';
import { walkSameFunction } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { promisedTimerCall } from './promised-timers.js';
import { CALL, findModuleReferences, moduleTrace, type TraceMap } from './module-references.js';
import { getSettings } from './settings.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A wait: `await sleep(ms)`, `new Promise((resolve) => setTimeout(resolve, ms))`, a backoff helper, ... */
export interface Delay {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** How long it waits, when the wait takes a duration. */
  readonly duration: TSESTree.Node | undefined;
  /** The helper's name says it computes a growing delay (`backoff(attempt)`, `exponentialDelay(n)`). */
  readonly namedBackoff: boolean;
  /** The helper's name says it randomises the delay (`jitter(ms)`, `backoffWithJitter(n)`). */
  readonly namedJitter: boolean;
}

const SLEEP_NAME = /^#?(?:sleep|delay|wait|pause|snooze|waitForTimeout)(?:ms|for|async)?$/i;
const BACKOFF_NAME = /backoff|exponential/i;
const JITTER_NAME = /jitter/i;
/** Names of calls that probably wait although we cannot see how: an unknown delay, never "no delay". */
const WAIT_LIKE_NAME = /sleep|delay|wait|pause|backoff|throttle|snooze|cooldown|retryafter|jitter/i;

const TIMER_PROMISES = moduleTrace(undefined, {
  setTimeout: { [CALL]: 'setTimeout' },
  scheduler: { wait: { [CALL]: 'scheduler.wait' } },
});
const TIMERS_TRACE: TraceMap = {
  'timers/promises': TIMER_PROMISES,
  'node:timers/promises': TIMER_PROMISES,
  timers: moduleTrace(undefined, { promises: TIMER_PROMISES }),
  'node:timers': moduleTrace(undefined, { promises: TIMER_PROMISES }),
};

/** The last name in a callee: `sleep` for `sleep(...)`, `utils.sleep(...)` and `this.sleep(...)`, `#sleep` for `this.#sleep(...)`. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    return callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : staticPropertyName(callee);
  }
  return undefined;
}

function calleeText(context: Context, callee: TSESTree.Node): string {
  return context.sourceCode.getText(callee).replace(/\s+/g, '');
}

/** The delay `node` performs, if it is one. */
export function asDelay(context: Context, node: TSESTree.Node): Delay | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return promisedTimer(context, node);
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const name = calleeName(node.callee);
  const duration = node.arguments[0];
  if (isTimerPromiseCall(context, node) || isSleepHelper(context, node)) {
    return { node, duration, namedBackoff: false, namedJitter: false };
  }
  const oneDuration = node.arguments.length === 1 && duration?.type !== AST_NODE_TYPES.SpreadElement;
  const sleepNamed = name !== undefined && SLEEP_NAME.test(name) && duration !== undefined && duration.type !== AST_NODE_TYPES.SpreadElement;
  // What the helper does decides, wherever its body can be read: a function of the project that only waits on a
  // timer is a wait however named (`await timeout(backoffMs)` from a workspace package), one named `delay` that
  // marks a job as delayed through an API is not. Only a body out of sight (a library, a parameter) is judged by
  // its name.
  const body = sleepNamed || (oneDuration && isAwaited(node)) ? timerHelperCall(context, node) : 'unseen';
  if (body === 'waits' || (sleepNamed && body === 'unseen')) return { node, duration, namedBackoff: false, namedJitter: false };
  if (body === 'other') return undefined;
  if (name && (BACKOFF_NAME.test(name) || JITTER_NAME.test(name)) && isAwaited(node)) {
    return { node, duration: undefined, namedBackoff: BACKOFF_NAME.test(name), namedJitter: JITTER_NAME.test(name) };
  }
  return undefined;
}

/** Whether this call's name suggests it waits, though it is no delay we can read. */
export function looksLikeWait(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call.callee);
  return name !== undefined && WAIT_LIKE_NAME.test(name);
}

function isAwaited(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.AwaitExpression || node.parent?.type === AST_NODE_TYPES.ReturnStatement;
}

function isTimerPromiseCall(context: Context, call: TSESTree.CallExpression): boolean {
  return findModuleReferences(context.sourceCode, TIMERS_TRACE).some((reference) => reference.node === call);
}

function isSleepHelper(context: Context, call: TSESTree.CallExpression): boolean {
  const helpers = getSettings(context).sleepHelpers;
  if (helpers.length === 0) return false;
  const name = calleeName(call.callee);
  const text = calleeText(context, call.callee);
  if (helpers.some((helper) => helper === name || helper === text)) return true;
  const trace = sleepHelperTrace(helpers);
  return trace !== undefined && findModuleReferences(context.sourceCode, trace).some((reference) => reference.node === call);
}

const sleepHelperTraces = new WeakMap<readonly string[], TraceMap | undefined>();

/** Trace map for the `'module#export'` entries of `sleepHelpers` (built once per settings). */
function sleepHelperTrace(helpers: readonly string[]): TraceMap | undefined {
  if (sleepHelperTraces.has(helpers)) return sleepHelperTraces.get(helpers);
  const trace: TraceMap = {};
  for (const helper of helpers) {
    const [moduleName, exportName] = helper.split('#');
    if (!moduleName || exportName === undefined) continue;
    const existing = trace[moduleName] ?? moduleTrace(undefined);
    if (exportName === '' || exportName === 'default') Object.assign(existing, { default: { [CALL]: helper }, [CALL]: helper });
    else existing[exportName] = { [CALL]: helper };
    trace[moduleName] = existing;
  }
  const result = Object.keys(trace).length > 0 ? trace : undefined;
  sleepHelperTraces.set(helpers, result);
  return result;
}

function promisedTimer(context: Context, node: TSESTree.NewExpression): Delay | undefined {
  const timer = promisedTimerCall(node, context.sourceCode.visitorKeys);
  return timer && { node, duration: timer.arguments[1], namedBackoff: false, namedJitter: false };
}

/** Every delay performed in `root` (its own code, not nested functions', except a promised timer's executor). */
export function findDelays(context: Context, root: TSESTree.Node): Delay[] {
  const delays: Delay[] = [];
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    const delay = asDelay(context, node);
    if (delay) delays.push(delay);
  });
  return delays;
}

/** Whether `root` contains an awaited call that may wait in a way we cannot read (an unknown delay). */
export function containsUnreadableWait(context: Context, root: TSESTree.Node): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (!found && node.type === AST_NODE_TYPES.CallExpression && looksLikeWait(node) && !asDelay(context, node) && timerHelperCall(context, node) !== 'other') {
      found = true;
    }
  });
  return found;
}
