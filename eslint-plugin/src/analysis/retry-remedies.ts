import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { walkSameFunction } from './loops.js';
import { identifierNames, mentions } from './retry-bounds.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What a catch clause does before it goes round again that makes the next attempt a different one: it changes the
 * world (creates the app the error said was missing, deletes old rulesets after a quota error) or the request (the
 * principal type the error names). Such a loop converges on success; it is not a retry of a failing dependency.
 */

/** Words of a call's name that say it creates what was missing, frees what was exhausted or renews expired credentials. */
const REMEDY_WORDS = new Set([
  'create', 'init', 'initialize', 'initialise', 'provision', 'register', 'enable', 'activate', 'install', 'setup',
  'grant', 'delete', 'remove', 'purge', 'prune', 'cleanup', 'clean', 'evict', 'free', 'drop', 'ensure', 'mkdir',
  'enroll', 'attach', 'link', 'migrate', 'refresh', 'renew', 'reauthenticate', 'reauth', 'authenticate', 'login',
]);

function words(name: string): string[] {
  return name.split(/(?<=[a-z0-9])(?=[A-Z])|[_\W]+/).map((word) => word.toLowerCase()).filter(Boolean);
}

/** The callees the attempt calls: a call of the same function in the catch is the attempt again, not a remedy. */
function attemptedCallees(context: Context, attempt: TSESTree.Node): Set<string> {
  const callees = new Set<string>();
  walkSameFunction(attempt, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) callees.add(context.sourceCode.getText(node.callee));
  });
  return callees;
}

/** `await sdkInit(...)`, `await rules.deleteRuleset(id)` among the statements: an awaited call that changes the world. */
export function remediates(context: Context, statements: readonly TSESTree.Statement[], attempt: TSESTree.Node): boolean {
  const attempted = attemptedCallees(context, attempt);
  let found = false;
  for (const statement of statements) {
    walkSameFunction(statement, context.sourceCode.visitorKeys, (node) => {
      if (found || node.type !== AST_NODE_TYPES.AwaitExpression || node.argument.type !== AST_NODE_TYPES.CallExpression) return;
      const call = node.argument;
      const name = calleeName(call.callee);
      if (name && !attempted.has(context.sourceCode.getText(call.callee)) && words(name).some((word) => REMEDY_WORDS.has(word))) found = true;
    });
  }
  return found;
}

/** The caught error's name and the variables of the catch computed from it (`const match = /.../.exec(err.message)`). */
export function errorDerivedNames(context: Context, handler: TSESTree.CatchClause): Set<string> {
  const names = new Set<string>();
  if (handler.param?.type !== AST_NODE_TYPES.Identifier) return names;
  names.add(handler.param.name);
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init || node.id.type !== AST_NODE_TYPES.Identifier) return;
    if ([...names].some((name) => mentions(context, node.init!, name))) names.add(node.id.name);
  });
  return names;
}

/**
 * `typeGuesses[match[1]] = match[2]` where the attempt builds its request from `typeGuesses`: the catch corrects
 * what the next attempt sends from what the error said.
 */
export function correctsRequest(
  context: Context,
  statements: readonly TSESTree.Statement[],
  attempt: TSESTree.Node,
  errorNames: ReadonlySet<string>,
): boolean {
  const { visitorKeys } = context.sourceCode;
  const readByAttempt = identifierNames(attempt, visitorKeys);
  return statements.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
    const { left, right } = statement.expression;
    const target = rootName(left);
    // Keeping the error itself (`lastError = err`) corrects nothing.
    if (!target || errorNames.has(target) || (right.type === AST_NODE_TYPES.Identifier && errorNames.has(right.name))) return false;
    return readByAttempt.has(target) && [...errorNames].some((name) => mentions(context, right, name));
  });
}

function rootName(node: TSESTree.Node): string | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}
