import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, isFunction, walk, walkSameFunction, type FunctionNode, type LoopStatement } from './loops.js';
import { propertyName } from './retry-bounds.js';
import { causeNamed, conditionsOf, implied, loopPaths, markerText, type RetryCause } from './retry-causes.js';
import { callbackBody } from './callback-functions.js';
import { helperBinding } from './retry-helpers.js';
import { errorDerivedNames } from './retry-remedies.js';
import { rereadsFirst } from './write-conflicts.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `retry(work, args, 3, [REPOSITORY_CHANGED])` where the helper goes round only when the error is one its caller
 * lists (`if (retryOn.length !== 0 && !retryOn.includes(error.message)) throw error`): what the loop retries is what
 * every call of this file names. When each name is of one cause (a message constant this file throws only after a
 * 409, a literal saying "not found"), that is the loop's cause; an empty list retries every error. A conflict counts
 * only when the work each caller hands the helper reads the state before it writes (optimistic concurrency), as for
 * any conflict loop.
 */
export function causeNamedByCallers(context: Context, handler: TSESTree.CatchClause, loop: LoopStatement): RetryCause | undefined {
  const fn = enclosingFunction(loop);
  const paths = loopPaths(handler, loop, context.sourceCode.visitorKeys);
  if (!fn || !paths || paths.length === 0) return undefined;
  const errorNames = caughtNames(context, handler);
  const lists = new Set<string>();
  for (const path of paths) {
    const list = conditionsOf(path).map(({ test, truth }) => listedFilter(context, fn, test, truth, errorNames)).find(Boolean);
    if (!list) return undefined;
    lists.add(list);
  }
  if (lists.size !== 1) return undefined;
  const [list] = lists;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === list);
  const named = argumentsOfEveryCall(context, fn, index);
  const work = handedWork(context, fn);
  if (!named || !work) return undefined;
  const causes = new Set<RetryCause | undefined>();
  for (const argument of named) {
    if (argument.type !== AST_NODE_TYPES.ArrayExpression || argument.elements.length === 0) return undefined;
    for (const element of argument.elements) causes.add(element ? causeOfName(context, element, work) : undefined);
  }
  const cause = causes.size === 1 ? [...causes][0] : undefined;
  if (!cause || cause === 'failure') return undefined;
  return cause !== 'conflict' || work.every((body) => rereadsBeforeWriting(context, body)) ? cause : undefined;
}

/** The error's names in the catch: those computed from it, and variables it is kept in (`last = error as Error`). */
function caughtNames(context: Context, handler: TSESTree.CatchClause): Set<string> {
  const names = errorDerivedNames(context, handler);
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.Identifier) return;
    let kept = false;
    walk(node.right, context.sourceCode.visitorKeys, (inner) => {
      if (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name)) kept = true;
      return !kept;
    });
    if (kept) names.add(node.left.name);
  });
  return names;
}

/**
 * The list parameter whose `includes(error...)` the test (with the truth it had on the way round) proves true:
 * `!retryOn.includes(error.message)` false, or inside `retryOn.length !== 0 && !retryOn.includes(...)` false, where
 * the length test holds for every caller's non-empty list (checked at the callers).
 */
function listedFilter(context: Context, fn: FunctionNode, test: TSESTree.Node, truth: boolean, errorNames: ReadonlySet<string>): string | undefined {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return listedFilter(context, fn, test.argument, !truth, errorNames);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') {
    // `a && b` false, with `a` a test that the list is not empty: `b` was false.
    const other = (test.operator === '&&') !== truth;
    if (!other) return listedFilter(context, fn, test.left, truth, errorNames) ?? listedFilter(context, fn, test.right, truth, errorNames);
    for (const [side, rest] of [[test.left, test.right], [test.right, test.left]] as const) {
      // the side whose value every caller's non-empty list decides
      const decided = test.operator === '&&' ? saysNonEmpty(side) : saysEmpty(side);
      if (decided !== undefined && listedFilter(context, fn, rest, truth, errorNames) === decided) return decided;
    }
    return undefined;
  }
  if (!truth || test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(test.callee);
  const list = test.callee.object;
  if ((method !== 'includes' && method !== 'has') || list.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (!fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === list.name)) return undefined;
  let readsError = false;
  walk(test.arguments[0] ?? test, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && errorNames.has(node.name)) readsError = true;
    return !readsError;
  });
  return readsError ? list.name : undefined;
}

/** `list.length !== 0`, `list.length > 0`, `list.length`: the list named. */
function saysNonEmpty(test: TSESTree.Node): string | undefined {
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '!==' || test.operator === '!=' || test.operator === '>')) {
    return test.right.type === AST_NODE_TYPES.Literal && test.right.value === 0 ? lengthOf(test.left) : undefined;
  }
  return lengthOf(test);
}

/** `list.length === 0`, `!list.length`: the list named. */
function saysEmpty(test: TSESTree.Node): string | undefined {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return lengthOf(test.argument);
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '===' || test.operator === '==')) {
    return test.right.type === AST_NODE_TYPES.Literal && test.right.value === 0 ? lengthOf(test.left) : undefined;
  }
  return undefined;
}

function lengthOf(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'length' && node.object.type === AST_NODE_TYPES.Identifier ? node.object.name : undefined;
}

/** The argument in that place of every call of the helper in this file; undefined if it escapes or is exported. */
function argumentsOfEveryCall(context: Context, fn: FunctionNode, index: number): TSESTree.Node[] | undefined {
  const binding = index >= 0 ? helperBinding(fn) : undefined;
  if (!binding) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(binding), binding);
  const found: TSESTree.Node[] = [];
  for (const reference of variable?.references ?? []) {
    if (reference.identifier === binding) continue;
    const use = reference.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== reference.identifier || !use.arguments[index]) return undefined;
    found.push(use.arguments[index]);
  }
  return found.length > 0 ? found : undefined;
}

/**
 * What an entry of the list says: a marker in its text (`'not-found'`, `HttpStatus.CONFLICT`), or, for a constant the
 * handed work throws (`throw new Error(REPOSITORY_CHANGED)`), what the tests leading to every such throw prove
 * (`else if (err.statusCode === 409)`).
 */
function causeOfName(context: Context, entry: TSESTree.Node, work: readonly TSESTree.Node[]): RetryCause | undefined {
  const marked = causeNamed(markerText(context, entry));
  if (marked || entry.type !== AST_NODE_TYPES.Identifier) return marked;
  const causes = new Set<RetryCause | undefined>();
  for (const body of work) {
    walkSameFunction(body, context.sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.ThrowStatement) return;
      const thrown = node.argument;
      const names = (thrown.type === AST_NODE_TYPES.NewExpression || thrown.type === AST_NODE_TYPES.CallExpression) && thrown.arguments.some(
        (argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === entry.name,
      );
      if (names) causes.add(provedOnTheWay(context, node));
    });
  }
  return causes.size === 1 ? [...causes][0] : undefined;
}

/** The one cause the `if`s around a statement prove, up to its function (`if (status === 409) { ... throw }`). */
function provedOnTheWay(context: Context, statement: TSESTree.Node): RetryCause | undefined {
  const proved = new Set<RetryCause>();
  for (let child: TSESTree.Node = statement, node: TSESTree.Node | undefined = statement.parent; node && !isFunction(node); child = node, node = node.parent) {
    if (node.type !== AST_NODE_TYPES.IfStatement) continue;
    const cause = implied(context, node.test, node.consequent === child);
    if (cause) proved.add(cause);
  }
  return proved.size === 1 ? [...proved][0] : undefined;
}

/** The bodies of the work every call of this file hands the helper (the parameter it calls); undefined if unknown. */
function handedWork(context: Context, fn: FunctionNode): TSESTree.Node[] | undefined {
  const workIndex = fn.params.findIndex((param) => {
    if (param.type !== AST_NODE_TYPES.Identifier) return false;
    let called = false;
    walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === param.name) called = true;
    });
    return called;
  });
  const bodies = argumentsOfEveryCall(context, fn, workIndex)?.map((argument) => callbackBody(context.sourceCode, argument));
  return bodies?.every((body) => body !== undefined) ? (bodies as TSESTree.Node[]) : undefined;
}

/**
 * Whether the work reads before it writes: an awaited read whose result a later call of the work sends (`const pr =
 * await getPr(id); await put(url, { version: pr.version })`).
 */
function rereadsBeforeWriting(context: Context, body: TSESTree.Node): boolean {
  const calls: TSESTree.CallExpression[] = [];
  walkSameFunction(body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression && node.argument.type === AST_NODE_TYPES.CallExpression) calls.push(node.argument);
  });
  return calls.some((call) => rereadsFirst(context, body, call));
}
