import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, walkSameFunction, type FunctionNode } from './loops.js';
import { identifierNames, propertyName } from './retry-bounds.js';

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

/**
 * Refusals of the credentials: 401/403, "unauthorized", an expired, invalid or unknown token (Matrix's
 * `M_UNKNOWN_TOKEN`), npm's `EOTP` (a one-time password is wanted). The server refused the request before acting on it.
 */
const AUTH_FAILURE = /\b(?:401|403)\b|unauthori[sz]ed|unauthenticated|forbidden|expired|(?:invalid|unknown)[ _-]?(?:token|grant)|\bEOTP\b/i;

/**
 * `if (error.response?.status === 401) { const renewed = await refreshSession(); if (renewed.ok) return
 * client.request(error.config) }`: the branch, tested for a refusal of the credentials, in which the request is sent
 * again only after a call that renews them. The refused request was never applied (re-sending a POST is safe) and
 * a wait is not the fix: the cause was fixed first. Only an endless run of refusals is left to bound.
 */
export function renewsCredentialsFirst(context: Context, resend: TSESTree.CallExpression, handler: TSESTree.Node): TSESTree.IfStatement | undefined {
  for (let child: TSESTree.Node = resend, node: TSESTree.Node | undefined = resend.parent; node && node !== handler; child = node, node = node.parent) {
    if (node.type !== AST_NODE_TYPES.IfStatement || node.consequent !== child || !provesRefusal(context, node.test)) continue;
    let renews = false;
    walkSameFunction(node.consequent, context.sourceCode.visitorKeys, (inner) => {
      // logging the refusal renews nothing
      if (inner.type === AST_NODE_TYPES.CallExpression && inner.range[1] <= resend.range[0] && !LOGGING.test(context.sourceCode.getText(inner.callee))) renews = true;
    });
    return renews ? node : undefined;
  }
  return undefined;
}

const LOGGING = /^(?:console|logger|log|this\.logger|this\.log)\b/;

/**
 * Whether the test holds only for a refusal of the credentials: `status === 401 && !config._sent` does,
 * `status === 401 || status >= 500` and `status !== 401` do not.
 */
export function provesRefusal(context: Context, test: TSESTree.Expression): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression) {
    if (test.operator === '&&') return provesRefusal(context, test.left) || provesRefusal(context, test.right);
    return test.operator === '||' && provesRefusal(context, test.left) && provesRefusal(context, test.right);
  }
  if (test.type === AST_NODE_TYPES.UnaryExpression) return false;
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '!==' || test.operator === '!=')) return false;
  return AUTH_FAILURE.test(context.sourceCode.getText(test));
}

/**
 * `const outcome = await this.tokenRefresher.handleUnknownToken(snapshot, attempt); if (outcome === Success) return
 * this.send(attempt + 1, ...)`: the renewal is told which attempt this is, and the request goes again only on its say:
 * whether to give up is the renewal's decision, as a handed-in retry policy's is.
 */
export function renewalGivenCount(context: Context, renewal: TSESTree.IfStatement, resend: TSESTree.CallExpression): boolean {
  const counts = new Set<string>();
  for (const argument of resend.arguments) {
    if (argument.type === AST_NODE_TYPES.BinaryExpression && argument.operator === '+' && argument.left.type === AST_NODE_TYPES.Identifier
      && argument.right.type === AST_NODE_TYPES.Literal && argument.right.value === 1) counts.add(argument.left.name);
  }
  if (counts.size === 0) return false;
  let given = false;
  walkSameFunction(renewal.consequent, context.sourceCode.visitorKeys, (node) => {
    if (given || node.type !== AST_NODE_TYPES.CallExpression || node === resend || node.range[1] > resend.range[0]) return;
    given = node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && counts.has(argument.name));
  });
  return given;
}

/** `tries < 1`, `retryCount < MAX_AUTH_RETRIES` (a constant of at most 2): a re-send or two, not a loop. */
export function hasSmallLimit(context: Context, test: TSESTree.Node): boolean {
  const numberOf = (node: TSESTree.Node): number | undefined => {
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number' ? node.value : undefined;
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0];
    const declaration = definition?.node;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclarator || declaration.parent.kind !== 'const' || !declaration.init) return undefined;
    return declaration.init.type === AST_NODE_TYPES.Literal && typeof declaration.init.value === 'number' ? declaration.init.value : undefined;
  };
  let small = false;
  walkSameFunction(test, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.BinaryExpression || !['<', '<=', '>', '>='].includes(node.operator)) return;
    const limit = numberOf(node.right) ?? numberOf(node.left);
    if (limit !== undefined && limit <= 2) small = true;
  });
  return small;
}

/**
 * `if (cache.otp != null && cache.otp !== opts.otp) return withOtp(fn, { ...opts, otp: cache.otp }, cache)`: calling
 * itself only when a value differs from the one this call was given (a one-time password another caller has just
 * entered, credentials renewed meanwhile), and passing the new one in its place. The next call is another request, and
 * it cannot go round again with the same value: not a retry.
 */
export function callsWithNewValue(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression, handler: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = selfCall, node: TSESTree.Node | undefined = selfCall.parent; node && node !== handler; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && node.consequent === child && conjuncts(node.test).some((test) => differsFromGiven(context, fn, selfCall, test))) {
      return true;
    }
  }
  return false;
}

/**
 * `const rest = jobs.filter((job) => !refused.has(job.id)); return start(rest)` under `if (refused.size > 0)` (or
 * after `if (refused.size === 0) throw error`): calling itself with its own list less what the failure named. Each
 * call sends fewer items and none the server refused: a descent over a shrinking list, not a retry of the same request.
 */
export function callsWithShrunkList(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression): boolean {
  return selfCall.arguments.some((argument, index) => {
    const param = fn.params[index];
    if (param?.type !== AST_NODE_TYPES.Identifier) return false;
    let value: TSESTree.Node = argument;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const declarator = ASTUtils.findVariable(context.sourceCode.getScope(value), value)?.defs[0]?.node as TSESTree.Node | undefined;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) return false;
      value = declarator.init;
    }
    return value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && !value.callee.computed
      && value.callee.property.type === AST_NODE_TYPES.Identifier && value.callee.property.name === 'filter'
      && value.callee.object.type === AST_NODE_TYPES.Identifier && value.callee.object.name === param.name;
  });
}

/** The tests that all hold when `test` does: `a && b && c`. */
function conjuncts(test: TSESTree.Expression): TSESTree.Expression[] {
  return test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&' ? [...conjuncts(test.left), ...conjuncts(test.right)] : [test];
}

/** `fresh !== given.value` where `given` is a parameter the self-call replaces by an argument that carries `fresh`. */
function differsFromGiven(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression, test: TSESTree.Expression): boolean {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '!==' && test.operator !== '!=')) return false;
  const { visitorKeys } = context.sourceCode;
  const sides: [TSESTree.Node, TSESTree.Node][] = [[test.left, test.right], [test.right, test.left]];
  return sides.some(([given, fresh]) => {
    const parameter = given.type === AST_NODE_TYPES.MemberExpression ? rootName(given) : undefined;
    const freshRoot = rootName(fresh);
    if (!parameter || !freshRoot || freshRoot === parameter) return false;
    const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === parameter);
    const argument = selfCall.arguments[index];
    // handed on unchanged, the parameter still holds the value that was refused
    if (index < 0 || !argument || (argument.type === AST_NODE_TYPES.Identifier && argument.name === parameter)) return false;
    return identifierNames(argument, visitorKeys).has(freshRoot);
  });
}

/** `cache` for `cache.otp`, `opts` for `opts["otp"]`; undefined for a literal or a call. */
function rootName(node: TSESTree.Node): string | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}
