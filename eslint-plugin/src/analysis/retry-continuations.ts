import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { enclosingFunction, isFunction, walk, walkSameFunction, type FunctionNode } from './loops.js';
import { identifierNames, propertyName } from './retry-bounds.js';
import { ATTEMPT_NAME } from './retry-loops.js';

// A function that calls itself from a failure handler is not always retrying what failed: it may go on with new
// work (the next item, the next job, a rebuild asked for meanwhile). These tell that apart for retry-recursion.ts.

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `try { await this.buildPromise; if (this.pending) return this.build() } catch { if (this.pending) return this.build() }`:
 * a function that calls itself the same way after a success, and after a failure for a reason that is not the
 * error, re-runs for new work (a rebuild asked for meanwhile); it does not retry what failed.
 */
export function runsAgainAfterSuccess(context: Context, handler: TSESTree.CatchClause, selfCall: TSESTree.CallExpression): boolean {
  const { sourceCode } = context;
  const error = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  for (let node: TSESTree.Node | undefined = selfCall.parent; node && node !== handler; node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && error && identifierNames(node.test, sourceCode.visitorKeys).has(error)) return false;
  }
  const text = sourceCode.getText(selfCall);
  let found = false;
  walkSameFunction(handler.parent.block, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && sourceCode.getText(node) === text) found = true;
  });
  return found;
}

/**
 * `job().then(() => this.runNext()).catch((error) => { log(error); this.runNext() })`: a promise chain that makes the
 * same call whether the work succeeded or failed goes on to the next job or batch (a queue's drain, an exporter's
 * next scheduled batch); it does not try the failed one again.
 */
export function goesOnAfterFulfilment(context: Context, handler: TSESTree.Node, selfCall: TSESTree.CallExpression): boolean {
  const owner = handler.parent;
  if (owner?.type !== AST_NODE_TYPES.CallExpression || owner.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = calleeName(owner.callee);
  const chained = owner.callee.object;
  const then = method === 'then' ? owner
    : method === 'catch' && chained.type === AST_NODE_TYPES.CallExpression && chained.callee.type === AST_NODE_TYPES.MemberExpression && calleeName(chained.callee) === 'then' ? chained
      : undefined;
  const onFulfilled = then?.arguments[0];
  if (!onFulfilled || onFulfilled === handler || !isFunction(onFulfilled)) return false;
  const { sourceCode } = context;
  const text = sourceCode.getText(selfCall);
  let found = false;
  walkSameFunction(onFulfilled.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && sourceCode.getText(node) === text) found = true;
  });
  return found;
}

/**
 * `next(index + 1)`, `upload(rest.slice(1))`, `send(queue.shift())`: a self-call that moves to the next item
 * goes on with the work, it does not try the failed item again.
 */
export function advancesCursor(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression): boolean {
  const { visitorKeys } = context.sourceCode;
  if (takesNextFromQueue(context, fn)) return true;
  const indexNames = new Set<string>();
  walkSameFunction(fn.body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
      indexNames.add(node.property.name);
    }
  });
  return selfCall.arguments.some((argument, position) => {
    if (argument.type === AST_NODE_TYPES.CallExpression && argument.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(argument.callee);
      // `items.slice()` with no start copies the same items.
      return method === 'shift' || ((method === 'slice' || method === 'subarray') && argument.arguments.length > 0);
    }
    const param = fn.params[position];
    const paramName = param?.type === AST_NODE_TYPES.Identifier ? param.name : param?.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : undefined;
    return (
      argument.type === AST_NODE_TYPES.BinaryExpression &&
      argument.operator === '+' &&
      argument.left.type === AST_NODE_TYPES.Identifier &&
      argument.left.name === paramName &&
      indexNames.has(paramName) &&
      // `DELAYS[attempt]` picks a wait: the attempt counter of a retry, not a cursor.
      !ATTEMPT_NAME.test(paramName)
    );
  });
}

/**
 * `this.current = this.parts.shift()` in the function itself: each call takes the next item of a queue, so calling
 * itself again (a stream moving to its next part on `'end'`) moves on rather than retrying. Not when the function
 * also puts an item back (`unshift`), which a retry of the same item does.
 */
function takesNextFromQueue(context: Context, fn: FunctionNode): boolean {
  let takes = false;
  let putsBack = false;
  walk(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const method = propertyName(node.callee);
    if (method === 'unshift') putsBack = true;
    else if (method === 'shift' && node.arguments.length === 0 && enclosingFunction(node) === fn) takes = true;
    return true;
  });
  return takes && !putsBack;
}
