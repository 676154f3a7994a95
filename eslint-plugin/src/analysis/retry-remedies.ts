import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { contains, isFunction, walk, walkSameFunction, type LoopStatement } from './loops.js';
import { enclosingClassBody } from './member-syntax.js';
import { identifierNames, mentions } from './retry-bounds.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What a catch clause does before it goes round again that makes the next attempt a different one: it changes the
 * world (creates the app the error said was missing, deletes old rulesets after a quota error) or the request (the
 * principal type the error names). Such a loop converges on success; it is not a retry of a failing dependency.
 */

/**
 * Words of a call's name that say it creates what was missing (`generateCertificate(host)` after a missing-certificate
 * error), frees what was exhausted or renews expired credentials.
 */
const REMEDY_WORDS = new Set([
  'create', 'init', 'initialize', 'initialise', 'provision', 'register', 'enable', 'activate', 'install', 'setup',
  'grant', 'delete', 'remove', 'purge', 'prune', 'cleanup', 'clean', 'evict', 'free', 'drop', 'ensure', 'mkdir',
  'enroll', 'attach', 'link', 'migrate', 'refresh', 'renew', 'reauthenticate', 'reauth', 'authenticate', 'login',
  'generate', 'regenerate',
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

/**
 * `if (!this.rowCapRefused && error.type === 'READONLY') { this.rowCapRefused = true; }`, going round again, where the
 * request leaves out the row cap once `rowCapRefused` is set: on one refusal the catch switches the request to another
 * form (drops an optional setting, a feature, turns to another endpoint or format) and the way round is taken only
 * while that switch is still off, so the loop runs the changed request once. A fallback, not a retry: nothing is
 * sent again unchanged to a server that failed. The switch must be read by the request: in the attempt, or (a field)
 * by the class's other code, which builds what the attempt sends. A flag the request never reads (`if (!again) { again
 * = true; continue; }`) only counts the second try of the same request: a retry.
 */
export function fallsBackOnce(
  context: Context,
  statements: readonly TSESTree.Statement[],
  tests: readonly TSESTree.Expression[],
  attempt: TSESTree.Node,
  errorNames: ReadonlySet<string>,
): boolean {
  const { sourceCode } = context;
  return statements.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
    const { left, right, operator } = statement.expression;
    if (operator !== '=' || !isSwitch(left) || [...errorNames].some((name) => mentions(context, right, name))) return false;
    const text = sourceCode.getText(left);
    // the way round is taken only while the switch is still off: its test reads it
    if (!tests.some((test) => mentions(context, test, text))) return false;
    if (mentions(context, attempt, text)) return true;
    return left.type === AST_NODE_TYPES.MemberExpression && readElsewhereInClass(context, left, text, statement);
  });
}

/**
 * `const redirecting = new S3Client({ ...options, followRegionRedirects: true })`, then `return check(bucket,
 * redirecting)`: on one answer (a redirect, a wrong region) the catch builds another client and the next attempt goes
 * through it. The request takes another route, as a corrected one does; the failing client is not asked again.
 */
export function switchesClient(context: Context, statements: readonly TSESTree.Statement[], nextAttempt: TSESTree.Node): boolean {
  const readByNext = identifierNames(nextAttempt, context.sourceCode.visitorKeys);
  return statements.some((statement) => {
    const built = statement.type === AST_NODE_TYPES.VariableDeclaration
      ? statement.declarations.map((declarator) => ({ target: declarator.id, value: declarator.init }))
      : statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression
        ? [{ target: statement.expression.left, value: statement.expression.right }]
        : [];
    return built.some(({ target, value }) =>
      target.type === AST_NODE_TYPES.Identifier && value?.type === AST_NODE_TYPES.NewExpression && readByNext.has(target.name)
      // an error built to be kept or thrown later is no route
      && !/Error$/.test(calleeName(value.callee) ?? ''));
  });
}

/** `useFallback` or `this.useFallback`: a switch a later attempt can read. */
function isSwitch(node: TSESTree.Node): node is TSESTree.Identifier | TSESTree.MemberExpression {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.ThisExpression;
}

/** `this.rowCapRefused` read by another method of the class (the one building the settings the attempt sends). */
function readElsewhereInClass(context: Context, field: TSESTree.MemberExpression, text: string, write: TSESTree.Statement): boolean {
  const body = enclosingClassBody(field);
  const handler = write.parent && enclosingCatch(write);
  if (!body || !handler) return false;
  let read = false;
  walk(body, context.sourceCode.visitorKeys, (node) => {
    if (read || node === handler) return false;
    const written = node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
    if (node.type === AST_NODE_TYPES.MemberExpression && !written && context.sourceCode.getText(node) === text) read = true;
    return !read;
  });
  return read;
}

function enclosingCatch(node: TSESTree.Node): TSESTree.CatchClause | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === AST_NODE_TYPES.CatchClause) return current;
  return undefined;
}

function rootName(node: TSESTree.Node): string | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}

/**
 * `messages.push({ role: 'user', content: 'Fix: ' + error.message })` in a catch, and the loop's next request sends
 * `messages` (or a prompt built from them): the loop tells the other side what was wrong with its last answer (a model
 * asked again with the validation error in its prompt). Each attempt is a new, corrected request, not the same call
 * sent again to a dependency that failed, so there is nothing to back off from.
 */
export function feedsFailureBack(context: Context, loop: LoopStatement): boolean {
  const { visitorKeys } = context.sourceCode;
  const fed = new Set<string>();
  walkSameFunction(loop.body, visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CatchClause) return;
    const errorNames = [...errorDerivedNames(context, node)];
    walkSameFunction(node.body, visitorKeys, (inner) => {
      const write = writeOf(inner);
      if (write && declaredOutside(context, write.target, loop) && write.values.some((value) => errorNames.some((name) => mentions(context, value, name)))) {
        fed.add(write.target.name);
      }
    });
  });
  if (fed.size === 0) return false;
  // the loop's own values computed from them: `const prompt = \`${task}\n${feedback}\``
  const derived = new Set(fed);
  for (let grew = true; grew;) {
    grew = false;
    walkSameFunction(loop.body, visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || !node.init || derived.has(node.id.name)) return;
      if ([...derived].some((name) => mentions(context, node.init!, name))) {
        derived.add(node.id.name);
        grew = true;
      }
    });
  }
  let sends = false;
  walkSameFunction(loop.body, visitorKeys, (node) => {
    if (sends || node.type !== AST_NODE_TYPES.CallExpression || !awaitedWithin(node, loop)) return;
    sends = node.arguments.some((argument) => [...derived].some((name) => mentions(context, argument, name)));
  });
  return sends;
}

/** `list.push(value)` or `name = value`: the variable written and what is written into it. */
function writeOf(node: TSESTree.Node): { target: TSESTree.Identifier; values: readonly TSESTree.Node[] } | undefined {
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) return { target: node.left, values: [node.right] };
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const method = calleeName(node.callee);
  return method === 'push' || method === 'unshift' ? { target: node.callee.object, values: node.arguments } : undefined;
}

function declaredOutside(context: Context, identifier: TSESTree.Identifier, loop: LoopStatement): boolean {
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier)?.defs[0];
  return definition !== undefined && !contains(loop, definition.name);
}

/** Whether the call's result is awaited (`await model.invoke(prompt)`, `await Promise.resolve(model.invoke(prompt))`). */
function awaitedWithin(call: TSESTree.Node, loop: LoopStatement): boolean {
  for (let current = call.parent; current && current !== loop && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) return true;
  }
  return false;
}
