import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from './member-syntax.js';
import { getFileNodes, isFunction, walkSameFunction, type FunctionNode, type LoopStatement } from './loops.js';
import { identifierNames } from './retry-bounds.js';
import { conditionsOf, implied, loopPaths } from './retry-causes.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * An option by which the client asks the server to hold the request until there is an answer, for up to so long:
 * `params: { maxWaitSeconds }`, SQS's `WaitTimeSeconds`, `wait_ms`, `longPoll`.
 */
const SERVER_WAIT_OPTION = /^(?:max_?)?wait(?:_?time)?(?:_?(?:seconds|secs?|ms|millis(?:econds)?))?$|^long_?poll/i;

/**
 * A long-poll asking again: the request in the try asks the server to hold it for a while (a server-side wait in its
 * options, in the call or in the method or function of this file it calls), and the catch goes round only after
 * testing the error, on nothing but "no answer yet" (a 408 "still running", a timeout). Each turn is as long as the
 * server held it, so nothing is sent at once and no failing dependency is hammered: waiting for work to finish, not
 * retrying a failure. Going round on any error, on a 5xx or a 429, stays a retry.
 */
export function longPollsAgain(context: Context, attempt: TSESTree.BlockStatement, handler: TSESTree.CatchClause, loop: LoopStatement): boolean {
  const error = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  if (!error) return false;
  const { visitorKeys } = context.sourceCode;
  const paths = loopPaths(handler, loop, visitorKeys);
  if (!paths || paths.length === 0) return false;
  const onlyNoAnswerYet = paths.every((path) => {
    const onError = conditionsOf(path).filter((condition) => identifierNames(condition.test, visitorKeys).has(error));
    return onError.length > 0 && onError.every((condition) => {
      const cause = implied(context, condition.test, condition.truth);
      return cause === undefined || cause === 'not-ready' || (cause === 'failure' && NO_ANSWER_YET.test(context.sourceCode.getText(condition.test)));
    }) && onError.some((condition) => condition.truth);
  });
  return onlyNoAnswerYet && asksServerToWait(context, attempt, 1);
}

/** A request timeout (408) or a timeout: the server or the client stopped waiting, the work is still running. */
const NO_ANSWER_YET = /timeout|timed_?out|\b408\b/i;

function asksServerToWait(context: Context, root: TSESTree.Node, depth: number): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    if (node.arguments.some((argument) => namesServerWait(context, argument))) found = true;
    else if (depth > 0) {
      const callee = calledHere(context, node);
      if (callee && (callee.params.some((param) => namesServerWait(context, param)) || asksServerToWait(context, callee.body, depth - 1))) found = true;
    }
  });
  return found;
}

/** Whether an object (an argument, a destructured parameter) has a server-side wait among its keys, nested or not. */
function namesServerWait(context: Context, root: TSESTree.Node): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Property && !node.computed) {
      const key = node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : '';
      if (SERVER_WAIT_OPTION.test(key)) found = true;
    }
  });
  return found;
}

/** The function of this file a call runs: `helper(...)` declared here, or `this.method(...)` of the enclosing class. */
function calledHere(context: Context, call: TSESTree.CallExpression): FunctionNode | undefined {
  const { callee } = call;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return getFileNodes(context.sourceCode).functions.find((fn) =>
      (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id?.name === callee.name) ||
      (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier && fn.parent.id.name === callee.name));
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(callee);
  let owner: TSESTree.Node | undefined = call.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (!owner || !name) return undefined;
  for (const member of owner.body) {
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.computed) continue;
    if (member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name && member.value && isFunction(member.value)) return member.value;
  }
  return undefined;
}
