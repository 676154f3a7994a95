import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, functionName, walk, walkSameFunction, type FunctionNode } from './loops.js';
import { statusGuard } from './status-retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// Retries whose work runs itself again through a function it hands on: a trigger (`retry`) given to the work, or a
// handler the work hands its answer to, calling the work again on a failure (see retry-recursion.ts).

/**
 * `const run = () => task(resolve, reject, retry); const retry = (error) => (left-- > 0 ? setTimeout(run, wait) :
 * reject(error))`: a callback-style retry helper. The work is handed the trigger that schedules it again, and reports
 * each failure through it, so `run` goes round without naming itself. `call` is where the trigger runs the work again
 * (the timer, or the call itself). Returns the work and the trigger.
 */
export function handedTrigger(context: Context, call: TSESTree.CallExpression, workName: string, functions: readonly FunctionNode[]): { work: FunctionNode; trigger: FunctionNode } | undefined {
  const trigger = enclosingFunction(call);
  const triggerName = trigger && functionName(trigger);
  if (!trigger || !triggerName || triggerName.method) return undefined;
  const scope = enclosingFunction(trigger);
  const work = functions.find((fn) => fn !== trigger && enclosingFunction(fn) === scope && functionName(fn)?.name === workName && !functionName(fn)!.method);
  if (!work) return undefined;
  const handed = new Set<string>();
  walkSameFunction(work.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) for (const argument of node.arguments) if (argument.type === AST_NODE_TYPES.Identifier) handed.add(argument.name);
  });
  if (handed.has(triggerName.name)) return { work, trigger };
  // or handed a handler that runs it (`onResponse` reading the answer, then `onBody(null, payload)` or `unzip(payload,
  // onBody)`): one step on
  const runsTrigger = (fn: FunctionNode): boolean => {
    let found = false;
    // (also from the callbacks it gives the answer's stream: `response.on('end', () => onBody(null, payload))`)
    walk(fn.body, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier && node.name === triggerName.name && node.parent?.type === AST_NODE_TYPES.CallExpression) found = true;
      return !found;
    });
    return found;
  };
  const viaHandler = functions.some((fn) => fn !== trigger && fn !== work && enclosingFunction(fn) === scope && handed.has(functionName(fn)?.name ?? '') && runsTrigger(fn));
  return viaHandler ? { work, trigger } : undefined;
}

/** The work a handler is handed by (see `handedTrigger`), when the handler calls it again from a test of a failing answer. */
export function answeredTrigger(context: Context, call: TSESTree.CallExpression, workName: string, functions: readonly FunctionNode[]): { work: FunctionNode; guard: TSESTree.IfStatement } | undefined {
  const handed = handedTrigger(context, call, workName, functions);
  // (the handler is handed the answer of the work's operation, which may go through anything: `node.send(...)`)
  const guard = handed && statusGuard(context, call, handed.trigger, null);
  return handed && guard ? { work: handed.work, guard } : undefined;
}
