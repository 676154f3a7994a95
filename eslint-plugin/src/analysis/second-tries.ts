import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, walkSameFunction, type FunctionNode } from './loops.js';
import { propertyName } from './retry-bounds.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A function calling itself from its catch that retries nothing: a guard against running twice makes the call return
 * at once, or a recovery its caller handed in fixes the cause first, so the next call is another try.
 */

/**
 * `if (this.reconnecting.has(id)) return; this.reconnecting.set(id, true); try { ... } catch { await this.reconnect(id) }
 * finally { this.reconnecting.delete(id) }`: a guard against running twice at once, set before the try and cleared
 * only in its finally, is still set when the catch calls the function again with the same key, so that call returns
 * at once. Nothing is retried (the next reconnect comes from the next event).
 */
export function returnsAtOnce(context: Context, fn: FunctionNode, handler: TSESTree.CatchClause, selfCall: TSESTree.CallExpression): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const attempt = handler.parent;
  const statements = fn.body.body;
  const tryIndex = statements.findIndex((statement) => contains(statement, attempt));
  const text = (node: TSESTree.Node): string => context.sourceCode.getText(node).replace(/\s+/g, '');
  for (const [index, guard] of statements.slice(0, tryIndex).entries()) {
    if (guard.type !== AST_NODE_TYPES.IfStatement || !returnsOnly(guard.consequent)) continue;
    const flag = guardedFlag(guard.test);
    if (!flag || !sameKey(fn, selfCall, flag.key) || declaredWithin(context, flag.holder, fn)) continue;
    const sets = statements.slice(index + 1, tryIndex).some((statement) => writesFlag(statement, flag, text) === 'set');
    if (!sets) continue;
    // Cleared nowhere before the self-call runs: not in the try, not in the catch, not between the guard and the try.
    let clearedEarly = false;
    walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
      if (clearedEarly || (attempt.finalizer && contains(attempt.finalizer, node)) || node.range[0] >= selfCall.range[1]) return;
      if (node.type === AST_NODE_TYPES.ExpressionStatement && writesFlag(node, flag, text) === 'cleared') clearedEarly = true;
    });
    if (!clearedEarly) return true;
  }
  return false;
}

/** A guard in a variable of the function itself is made anew by each call: it guards nothing across calls. */
function declaredWithin(context: Context, holder: TSESTree.Node, fn: FunctionNode): boolean {
  if (holder.type !== AST_NODE_TYPES.Identifier) return false;
  const declared = ASTUtils.findVariable(context.sourceCode.getScope(holder), holder)?.defs[0]?.node;
  return declared === undefined || contains(fn, declared);
}

interface Flag {
  /** `this.reconnecting` (a boolean) or `this.status` (a Map or Set read with `has`/`get`). */
  readonly holder: TSESTree.Node;
  /** The key of a Map or Set guard (`groupId`). */
  readonly key?: TSESTree.Node;
}

/** `this.busy`, `busy`, `this.busy.has(id)`, `this.busy.get(id)`. */
function guardedFlag(test: TSESTree.Expression): Flag | undefined {
  if (test.type === AST_NODE_TYPES.Identifier || (test.type === AST_NODE_TYPES.MemberExpression && !test.computed)) return { holder: test };
  if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression || test.arguments.length !== 1) return undefined;
  const method = propertyName(test.callee);
  return method === 'has' || method === 'get' ? { holder: test.callee.object, key: test.arguments[0] } : undefined;
}

/** Whether the self-call passes the guard's key as the function received it (the same parameter in the same place). */
function sameKey(fn: FunctionNode, selfCall: TSESTree.CallExpression, key: TSESTree.Node | undefined): boolean {
  if (!key) return true;
  if (key.type !== AST_NODE_TYPES.Identifier) return false;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === key.name);
  const argument = selfCall.arguments[index];
  return index >= 0 && argument?.type === AST_NODE_TYPES.Identifier && argument.name === key.name;
}

/** What a statement does to the guard: sets it (`= true`, `.set(key, true)`, `.add(key)`), clears it, or neither. */
function writesFlag(statement: TSESTree.Statement, flag: Flag, text: (node: TSESTree.Node) => string): 'set' | 'cleared' | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expression = statement.expression;
  if (!flag.key) {
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=' || text(expression.left) !== text(flag.holder)) return undefined;
    return expression.right.type === AST_NODE_TYPES.Literal && !expression.right.value ? 'cleared' : 'set';
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (text(expression.callee.object) !== text(flag.holder) || !expression.arguments[0] || text(expression.arguments[0]) !== text(flag.key)) return undefined;
  const method = propertyName(expression.callee);
  if (method === 'delete') return 'cleared';
  const value = expression.arguments[1];
  if (method === 'add') return 'set';
  if (method !== 'set') return undefined;
  return value?.type === AST_NODE_TYPES.Literal && !value.value ? 'cleared' : 'set';
}

/** `return`, `{ log(...); return }`: a branch that only leaves. */
function returnsOnly(branch: TSESTree.Statement): boolean {
  if (branch.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (branch.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = branch.body.at(-1);
  return last?.type === AST_NODE_TYPES.ReturnStatement && branch.body.every((statement) => statement === last || statement.type === AST_NODE_TYPES.ExpressionStatement);
}

/**
 * `catch { await recoveryProcedure(); return performAction(action, recoveryProcedure, retries - 1) }`: before calling
 * itself again the catch runs a recovery its caller handed in (refreshing an expired token) and not tried in the
 * attempt: the caller fixes the cause, as a loop that creates what was missing does, and the next try is another one.
 */
export function recoversFirst(context: Context, fn: FunctionNode, handler: TSESTree.CatchClause, selfCall: TSESTree.CallExpression): boolean {
  const parameters = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  const calledIn = (root: TSESTree.Node): Set<string> => {
    const names = new Set<string>();
    walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && parameters.has(node.callee.name)) names.add(node.callee.name);
    });
    return names;
  };
  const attempted = calledIn(handler.parent.block);
  let recovers = false;
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.AwaitExpression || node.range[1] > selfCall.range[0] || node.argument.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = node.argument.callee;
    // A handler given the error (`await onError(error)`) hears of the failure; a recovery is run with nothing.
    if (callee.type === AST_NODE_TYPES.Identifier && parameters.has(callee.name) && !attempted.has(callee.name) && node.argument.arguments.length === 0) recovers = true;
  });
  return recovers && [...calledIn(handler.body)].every((name) => !attempted.has(name));
}
