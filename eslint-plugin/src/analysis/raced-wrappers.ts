import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Pick<Readonly<TSESLint.SourceCode>, 'getScope'>;

/**
 * `return Promise.race([fetch(url, copy), deadline])` with `deadline` a `new Promise` that rejects from a
 * `setTimeout`: the wrapper's answer comes within the deadline whatever its caller passes, so callers of such a
 * wrapper (`fetchWithTimeout(url, init, 1000)`) are not told to add a timeout of their own. That the raced request
 * keeps running is timeout-requires-cancellation's finding, made once at the race.
 */
export function racedAgainstRejectingTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const node = wholeChain(call);
  let raced: TSESTree.Node = node;
  if (node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.init === node && node.parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(node.parent) as never, node.parent.id) as TSESLint.Scope.Variable | null;
    const uses = variable?.references.filter((reference) => !reference.init) ?? [];
    if (uses.length !== 1) return false;
    raced = uses[0]!.identifier as TSESTree.Node;
  }
  const array = raced.parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const race = array.parent;
  if (race?.type !== AST_NODE_TYPES.CallExpression || race.arguments[0] !== array) return false;
  const callee = unwrapExpression(race.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Promise'
    || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'race') return false;
  return array.elements.some((element) => element !== null && element !== raced && isRejectingTimer(sourceCode, element));
}

/** `new Promise((_, reject) => setTimeout(() => reject(...), ms))`, inline or held in a variable. */
export function isRejectingTimer(sourceCode: SourceCode, element: TSESTree.Node): boolean {
  let node = unwrapExpression(element);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = (findVariable(sourceCode.getScope(node) as never, node) as TSESLint.Scope.Variable | null)?.defs[0];
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    node = unwrapExpression(definition.node.init);
  }
  if (node.type !== AST_NODE_TYPES.NewExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return false;
  const executor = node.arguments[0];
  if (executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const reject = executor.params[1];
  if (reject?.type !== AST_NODE_TYPES.Identifier) return false;
  const armsRejection = (inner: TSESTree.CallExpression): boolean => inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'setTimeout'
    && callsWithin(inner, (rejection) => rejection.callee.type === AST_NODE_TYPES.Identifier && rejection.callee.name === reject.name);
  // `(_, reject) => setTimeout(...)`: the executor's body may be the timer's call itself
  return (executor.body.type === AST_NODE_TYPES.CallExpression && armsRejection(executor.body)) || callsWithin(executor.body, armsRejection);
}

/** Whether some call under `root` (nested functions included, `root` itself not) passes `test`. */
export function callsWithin(root: TSESTree.Node, test: (call: TSESTree.CallExpression) => boolean): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression && node !== root && test(node)) return true;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) for (const child of value) { if (child && typeof child.type === 'string') stack.push(child); }
      else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') stack.push(value as TSESTree.Node);
    }
  }
  return false;
}

/** Names of helpers that settle a promise within a time limit: `withTimeout`, `rejectAfterTimeout`, `promiseWithDeadline`. */
const TIME_LIMIT_HELPER = /timeout|deadline/i;

/**
 * The call's promise handed, with a limit, to a time-limit helper another module exports (`withTimeout(fetch(url),
 * 5_000)`, `RequestTimeoutError.rejectAfterTimeout(fetch(url), this.timeoutMs)`): the wait is bounded, so the call is
 * not reported as waiting for ever. Whether the helper leaves the request running is more than the file shows; a
 * helper of this file is read by timeout-requires-cancellation instead.
 */
export function handedToImportedTimeLimit(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const node = wholeChain(call);
  const helper = node.parent;
  if (helper?.type !== AST_NODE_TYPES.CallExpression || helper.arguments[0] !== node || helper.arguments.length < 2) return false;
  const callee = unwrapExpression(helper.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (!name || !TIME_LIMIT_HELPER.test(name) || name === 'setTimeout') return false;
  let root: TSESTree.Node = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = (findVariable(sourceCode.getScope(root) as never, root) as TSESLint.Scope.Variable | null)?.defs[0];
  const required = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init?.type === AST_NODE_TYPES.CallExpression
    && definition.node.init.callee.type === AST_NODE_TYPES.Identifier && definition.node.init.callee.name === 'require';
  return definition?.type === 'ImportBinding' || required;
}

/** The call with the methods chained on it (`fetch(url).then(read)`), handed on or raced as a whole. */
function wholeChain(call: TSESTree.CallExpression): TSESTree.Node {
  let node: TSESTree.Node = call;
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node && node.parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    node = node.parent.parent;
  }
  return node;
}

/**
 * A request made (at any depth) in the executor of a `new Promise` that the executor guards with a timer armed in its
 * own body, whose callback settles the promise with a failure, unconditionally: `setTimeout(() => reject(new
 * Error('gave up')), ms)`, or through a function of the executor that rejects (`const stop = (error) => { ...;
 * reject(error) }`, `setTimeout(() => stop(new Error('gave up')), ms)`). The wait for the promise ends with the timer,
 * so the request is not reported as waiting for ever (whether the timer also ends the work is the settle function's
 * business).
 */
export function guardedByExecutorTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression) continue;
    const promise: TSESTree.Node | undefined = node.parent;
    if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== node || promise.callee.type !== AST_NODE_TYPES.Identifier
      || promise.callee.name !== 'Promise') continue;
    const reject = node.params[1];
    if (reject?.type !== AST_NODE_TYPES.Identifier || node.body.type !== AST_NODE_TYPES.BlockStatement) return false;
    const settles = settlingFunctions(node.body, reject.name);
    return node.body.body.some((statement) => guardTimer(statement, settles) !== undefined);
  }
  return false;
}

/** `reject`, and the functions the executor declares whose body calls it. */
function settlingFunctions(body: TSESTree.BlockStatement, reject: string): Set<string> {
  const names = new Set([reject]);
  for (const statement of body.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || (init?.type !== AST_NODE_TYPES.ArrowFunctionExpression && init?.type !== AST_NODE_TYPES.FunctionExpression)) continue;
      if (callsWithin(init.body, (inner) => inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === reject)) names.add(declarator.id.name);
    }
  }
  return names;
}

/**
 * `setTimeout(() => stop(error), ms)` or `const guard = setTimeout(...)`: a timer whose callback settles the promise
 * whatever happened (the call a statement of its own, under no condition).
 */
function guardTimer(statement: TSESTree.Statement, settles: ReadonlySet<string>): TSESTree.CallExpression | undefined {
  const timer = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression
    : statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1 ? statement.declarations[0]!.init : undefined;
  if (timer?.type !== AST_NODE_TYPES.CallExpression || timer.callee.type !== AST_NODE_TYPES.Identifier || timer.callee.name !== 'setTimeout' || timer.arguments.length < 2) return undefined;
  const callback = timer.arguments[0];
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const settling = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && settles.has(node.callee.name);
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return settling(callback.body) ? timer : undefined;
  return callback.body.body.some((inner) => inner.type === AST_NODE_TYPES.ExpressionStatement && settling(inner.expression)) ? timer : undefined;
}
