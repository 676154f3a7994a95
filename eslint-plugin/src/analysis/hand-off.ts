import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { throwsOrRejects, timerSettlement } from './timer-settlement.js';
import { calleeName } from './delays.js';
import { isFunction } from './loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A request handed off after a grace period: `await Promise.race([fetch(jobUrl, init).catch(() => null), sleep(150)]);`
 * as a statement. The caller waits at most for the timer, uses no answer, and drops the request's failure where it is
 * made: the request is left to finish on purpose (it may be the work itself, a job the endpoint runs while it
 * answers), so a timeout on it would cut that work short. A race whose result is used, or whose request can fail
 * into the caller, is judged as usual.
 */
export function isHandedOffAfterGracePeriod(context: Context, call: TSESTree.CallExpression): boolean {
  let chain: TSESTree.Node = call;
  let failureDropped = false;
  while (chain.parent?.type === AST_NODE_TYPES.MemberExpression && chain.parent.object === chain
    && chain.parent.parent.type === AST_NODE_TYPES.CallExpression && chain.parent.parent.callee === chain.parent) {
    const next: TSESTree.CallExpression = chain.parent.parent;
    const method = calleeName(chain.parent);
    const handler = method === 'catch' ? next.arguments[0] : method === 'then' ? next.arguments[1] : undefined;
    // a handler of this file's that neither throws nor rejects (one passed by name may throw again)
    if (handler) failureDropped = isFunction(handler) && !throwsOrRejects(context, handler);
    chain = next;
  }
  const list = chain.parent;
  const race = list?.parent;
  if (!failureDropped || list?.type !== AST_NODE_TYPES.ArrayExpression || race?.type !== AST_NODE_TYPES.CallExpression
    || race.arguments[0] !== list || context.sourceCode.getText(race.callee) !== 'Promise.race') return false;
  const gracePeriod = list.elements.some((element) => element !== null && element !== chain && element.type !== AST_NODE_TYPES.SpreadElement
    && timerSettlement(context, element) === 'resolving');
  const holder = race.parent.type === AST_NODE_TYPES.AwaitExpression ? race.parent.parent : race.parent;
  return gracePeriod && (holder?.type === AST_NODE_TYPES.ExpressionStatement || (holder?.type === AST_NODE_TYPES.UnaryExpression && holder.operator === 'void'));
}
