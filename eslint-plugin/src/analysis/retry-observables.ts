import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { isFunction, walk, type FunctionNode } from './loops.js';
import { CALL, findModuleReferences, moduleTrace, type TraceMap } from './module-references.js';
import { enclosingClassBody, methodFunction, staticPropertyName } from './member-syntax.js';
import type { RetryBound, RetryConstruct, RetryDelay } from './retries.js';
import { implied } from './retry-causes.js';
import { classifyDuration, isRandomised } from './retry-delays.js';
import { objectLiteral, option } from './retry-library-options.js';
import { endsBy } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * RxJS retries: an observable subscribed to again after it fails. `retry()` (no count: for ever; no delay: at once),
 * `retry(count)`, `retry({ count, delay })` (a number of milliseconds, or a function of the error and the attempt
 * returning a notifier such as `timer(ms)`), `retryWhen(errors => ...)`, and `catchError((error, caught) => ...)`
 * whose answer subscribes to `caught` again, the source that failed (a reconnect every second: `timer(1_000).pipe(
 * mergeMap(() => caught))`).
 */

export const RXJS_RETRY = "RxJS's `retry`";
export const RXJS_RESUBSCRIPTION = "RxJS's `catchError` subscribing to `caught` again";
const OPERATORS = { retry: { [CALL]: 'retry' }, retryWhen: { [CALL]: 'retryWhen' }, catchError: { [CALL]: 'catchError' } };
const TRACE: TraceMap = { rxjs: moduleTrace(undefined, OPERATORS), 'rxjs/operators': moduleTrace(undefined, OPERATORS) };
/** Operators and creators that wait before the next subscription: `timer(ms)`, `delay(ms)`. */
const WAITS = new Set(['timer', 'delay']);
/** What ends a `retryWhen` notifier or a resubscription after some failures: a count taken, an error thrown on. */
const ENDS = new Set(['take', 'takeWhile', 'throwError', 'scan', 'first']);

export function findObservableRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  for (const reference of findModuleReferences(context.sourceCode, TRACE)) {
    if (reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = reference.node;
    const retry = reference.info === 'retry' ? retryOperator(context, call)
      : reference.info === 'retryWhen' ? retryWhen(context, call) : resubscription(context, call);
    if (retry) found.push(retry);
  }
  return found;
}

/** `source.pipe(..., retry())`: the source is what is subscribed to again. */
function retriedSource(call: TSESTree.CallExpression): TSESTree.Node[] {
  const pipe = call.parent;
  if (pipe?.type !== AST_NODE_TYPES.CallExpression || !pipe.arguments.includes(call) || calleeName(pipe.callee) !== 'pipe') return [];
  return pipe.callee.type === AST_NODE_TYPES.MemberExpression ? [pipe.callee.object] : [];
}

function staticNumber(context: Context, node: TSESTree.Node): number | undefined {
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'Infinity') return Infinity;
  const found = ASTUtils.getStaticValue(node, context.sourceCode.getScope(node));
  return typeof found?.value === 'number' ? found.value : undefined;
}

function retryOperator(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const [argument] = call.arguments;
  const parts = { kind: 'library' as const, node: call, loc: call.loc, name: RXJS_RETRY, retried: retriedSource(call) };
  if (!argument) return { ...parts, bound: 'none', delay: 'none', jitter: false };
  const count = staticNumber(context, argument);
  if (count !== undefined) {
    return count === Infinity ? { ...parts, bound: 'none', delay: 'none', jitter: false } : { ...parts, bound: 'attempts', attemptLimit: count, delay: 'none', jitter: false };
  }
  const options = objectLiteral(context, argument);
  if (!options) return undefined;
  const countOption = option(options, 'count');
  const delayOption = option(options, 'delay');
  let bound: RetryBound = 'attempts';
  const limit = countOption.property && staticNumber(context, countOption.property.value);
  if (countOption.maySpread) bound = 'unknown';
  else if (!countOption.property || limit === Infinity) bound = 'none';
  let delay: RetryDelay = 'none';
  let jitter: boolean | undefined = false;
  const given = delayOption.property?.value;
  const notifier = given && delayFunction(given);
  if (delayOption.maySpread) [delay, jitter] = ['unknown', undefined];
  else if (given) {
    const milliseconds = staticNumber(context, given);
    if (milliseconds !== undefined) delay = milliseconds > 0 ? 'constant' : 'none';
    else if (notifier) [delay, jitter] = notifierWait(context, notifier);
    else [delay, jitter] = ['unknown', undefined];
  }
  const cause = notifier && notifierCause(context, notifier);
  return {
    ...parts, bound, delay, jitter, ...(cause ? { cause } : {}),
    ...(bound === 'attempts' && limit !== undefined ? { attemptLimit: limit } : {}),
    ...(bound === 'none' && countOption.property ? { boundNode: countOption.property } : {}),
    ...(delayOption.property ? { delayNode: delayOption.property } : {}),
  };
}

/** `delay: (error, attempt) => timer(...)`, or `delay: this.onConflict`, a method of the class the retry is written in. */
function delayFunction(given: TSESTree.Node): FunctionNode | undefined {
  if (isFunction(given)) return given;
  if (given.type !== AST_NODE_TYPES.MemberExpression || given.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(given);
  const body = enclosingClassBody(given);
  return name === undefined || !body ? undefined : methodFunction(body, name);
}

/**
 * `(error) => { if (error.status === 409) return timer(1_000); throw error; }`: a delay that rethrows every failure
 * but the ones its first test names goes round only for those (a conflict the server answered, a 429).
 */
function notifierCause(context: Context, fn: FunctionNode): RetryConstruct['cause'] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const [test, after] = fn.body.body;
  if (test?.type !== AST_NODE_TYPES.IfStatement || test.alternate || !after) return undefined;
  const roundWhenTrue = endsBy(test.consequent, AST_NODE_TYPES.ReturnStatement) && after.type === AST_NODE_TYPES.ThrowStatement;
  const roundWhenFalse = endsBy(test.consequent, AST_NODE_TYPES.ThrowStatement) && after.type === AST_NODE_TYPES.ReturnStatement;
  if (!roundWhenTrue && !roundWhenFalse) return undefined;
  const cause = implied(context, test.test, roundWhenTrue);
  return cause === 'failure' ? undefined : cause;
}

/** `retryWhen((errors) => errors.pipe(delay(1_000)))`: for ever unless the notifier ends or throws. */
function retryWhen(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const [notifier] = call.arguments;
  if (!notifier || !isFunction(notifier)) return undefined;
  const [delay, jitter, wait] = notifierWait(context, notifier);
  return {
    kind: 'library', node: call, loc: call.loc, name: "RxJS's `retryWhen`", retried: retriedSource(call),
    bound: ends(context, notifier) ? 'unknown' : 'none', delay, jitter, ...(wait ? { delayNode: wait } : {}),
  };
}

/** `catchError((error, caught) => ... caught ...)`: the failed source subscribed to again. */
function resubscription(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const [selector] = call.arguments;
  if (!selector || !isFunction(selector)) return undefined;
  const caught = selector.params[1];
  if (caught?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = context.sourceCode.getDeclaredVariables(selector).find((declared) => declared.name === caught.name);
  if (!variable || variable.references.length === 0) return undefined;
  // a count kept outside the selector and compared (`if (++attempts > 5)`) may end it: not read further (a
  // `throwError` there is for the failures not retried, no bound on the ones that are)
  const counted = outerCounter(context.sourceCode, selector)?.compared ?? false;
  const [delay, jitter, wait] = notifierWait(context, selector);
  return {
    kind: 'library', node: call, loc: call.loc, name: RXJS_RESUBSCRIPTION, retried: retriedSource(call),
    bound: counted ? 'unknown' : 'none', delay, jitter, ...(wait ? { delayNode: wait } : {}),
  };
}

/** What a notifier waits before the next subscription: the `timer(...)`/`delay(...)` it returns, read as a loop's wait. */
function notifierWait(context: Context, fn: FunctionNode): [RetryDelay, boolean | undefined, TSESTree.Node?] {
  const varying = new Set<string>();
  const waits: TSESTree.Node[] = [];
  walk(fn, context.sourceCode.visitorKeys, (node) => {
    if (isFunction(node)) {
      // the attempt number and the error each function is handed vary from one attempt to the next
      for (const param of node.params) if (param.type === AST_NODE_TYPES.Identifier) varying.add(param.name);
    }
    if (node.type === AST_NODE_TYPES.CallExpression && WAITS.has(calleeName(node.callee) ?? '')) {
      if (node.arguments[0]) waits.push(node.arguments[0]);
      return false;
    }
    return true;
  });
  if (waits.length === 0) return ['none', false];
  const growth = waits.map((wait) => classifyDuration(context, wait, varying, fn.body));
  const delay: RetryDelay = growth.includes('growing') ? 'growing' : growth.includes('unknown') ? 'unknown' : 'constant';
  return [delay, waits.some((wait) => isRandomised(context, wait, fn.body)), waits[0]!.parent];
}

function ends(context: Context, fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    if (node.type === AST_NODE_TYPES.CallExpression && ENDS.has(calleeName(node.callee) ?? '')) found = true;
    return !found;
  });
  return found;
}

/**
 * A count of the resubscriptions kept outside the selector: a variable declared outside it (or a field of `this`)
 * that it updates (`attempts++`), and whether it also compares it (`if (++attempts > 5)`), which may end the
 * resubscriptions. Counted but never compared, it only spaces them (`timer(100 * 2 ** attempts++)`).
 */
export function outerCounter(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): { name: string; compared: boolean } | undefined {
  let counter: string | undefined;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    const target = node.type === AST_NODE_TYPES.UpdateExpression ? node.argument : node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : undefined;
    if (target?.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
      const declared = variable?.defs[0]?.node;
      if (declared && !(declared.range[0] >= fn.range[0] && declared.range[1] <= fn.range[1])) counter = target.name;
    }
    if (target?.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression) counter = sourceCode.getText(target);
    return counter === undefined;
  });
  if (counter === undefined) return undefined;
  let compared = false;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(node.operator)) {
      compared ||= [node.left, node.right].some((side) => sourceCode.getText(side).replace(/^(?:\+\+|--)|(?:\+\+|--)$/g, '') === counter);
    }
    return !compared;
  });
  return { name: counter, compared };
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '===', '!==', '==', '!=']);
