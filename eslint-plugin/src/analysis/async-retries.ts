import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { isFunction, walkSameFunction } from './loops.js';
import type { RetryBound, RetryConstruct, RetryDelay } from './retries.js';
import { causeNamed, throwsNotReady } from './retry-causes.js';
import { construct, functionValue, objectLiteral, option, retriedFunction, staticValue } from './retry-library-options.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * async's `retry([options,] task[, callback])` and `retryable([options,] task)`: `options` is a count (`times`) or
 * `{ times, interval, errorFilter }`; 5 attempts 0 ms apart by default, `interval` a fixed wait or a function of the
 * attempt. `times: Infinity` (or `Number.POSITIVE_INFINITY`) tries for ever: a poll that waits on a job that never ends.
 */
export function asyncRetry(context: Context, call: TSESTree.CallExpression, name: string): RetryConstruct | undefined {
  const first = call.arguments[0];
  const task = first && (isFunction(first) || functionValue(context, first)) ? first : call.arguments[1];
  const given = task === first ? undefined : first;
  const options = objectLiteral(context, given);
  const retried = retriedFunction(context, asyncTask(task));
  const count = (node: TSESTree.Node | undefined): unknown => staticValue(context, node)?.value;
  if (given && !options) {
    // `retry(3, task)`: a count; anything else this file cannot read
    const times = count(given);
    if (typeof times !== 'number') return construct(call, name, { retried, bound: 'unknown', delay: 'unknown', jitter: undefined });
    return construct(call, name, { retried, bound: times === Infinity ? 'none' : 'attempts', ...(times === Infinity ? {} : { attemptLimit: times }), delay: 'none', jitter: false });
  }
  const spread = options?.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement) ?? false;
  const times = options && option(options, 'times');
  const interval = options && option(options, 'interval');
  // `errorFilter: (error) => error.name === 'JobStatusPendingError'`: it goes round only while the work is not done
  const filter = options && option(options, 'errorFilter').property?.value;
  const polls = (filter !== undefined && causeNamed(context.sourceCode.getText(filter)) === 'not-ready') || retried.some((node) => throwsNotReady(context, node))
    || answersAtOnce(context, functionValue(context, asyncTask(task)));
  const timesValue = count(times?.property?.value);
  const bound: RetryBound = spread ? 'unknown' : timesValue === Infinity ? 'none' : 'attempts';
  const intervalValue = interval?.property ? count(interval.property.value) : 0;
  const delay: RetryDelay = spread || (interval?.property && isFunction(interval.property.value)) ? (spread ? 'unknown' : 'growing') : intervalValue === 0 ? 'none' : typeof intervalValue === 'number' ? 'constant' : 'unknown';
  return construct(call, name, {
    retried,
    ...(polls ? { cause: 'not-ready' as const } : {}),
    bound,
    ...(bound === 'none' ? { boundNode: times?.property } : {}),
    ...(bound === 'attempts' ? { attemptLimit: typeof timesValue === 'number' ? timesValue : 5 } : {}),
    delay,
    ...(interval?.property ? { delayNode: interval.property } : {}),
    jitter: delay === 'growing' ? undefined : false,
  });
}

/**
 * A task that calls its callback before it returns, every time (`job = findJob(id); return job ? callback() :
 * callback('NOPE')`): it waits on nothing, so what it asks again is state in this process (a job not registered yet),
 * polled, not a dependency that failed.
 */
function answersAtOnce(context: Context, task: TSESTree.FunctionLike | undefined): boolean {
  const callback = task?.params.at(-1);
  if (!task?.body || task.async || callback?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(task.body), callback.name);
  const uses = (variable?.references ?? []).map((reference) => reference.identifier);
  let direct = 0;
  walkSameFunction(task.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && uses.includes(node.callee)) direct++;
  });
  return uses.length > 0 && direct === uses.length;
}

/** The function async runs, through its own adapters: `async.ensureAsync(fn)`, `async.asyncify(fn)`. */
function asyncTask(task: TSESTree.Node | undefined): TSESTree.Node | undefined {
  return task?.type === AST_NODE_TYPES.CallExpression && ['ensureAsync', 'asyncify', 'wrapSync'].includes(calleeName(task.callee) ?? '') ? task.arguments[0] : task;
}
