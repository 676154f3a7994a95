import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { callbackFunction } from './callback-functions.js';
import { importedProjectFunction } from './imported-from.js';
import { isFunction, walk } from './loops.js';
import { implied } from './retry-causes.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// A retry helper or library told, by an option or by its work, which failures go round: when only a refusal (a 429)
// does, re-sending a request is safe (see retry-causes.ts, 'rate-limited').

/** Options by which a retry helper or library is told which failures go round (`retryIf`, p-retry's `shouldRetry`). */
const RETRY_PREDICATES = new Set(['retryIf', 'shouldRetry', 'retryOn', 'retryWhen', 'isRetryable']);

/**
 * `guard.retry(send, { retryIf: (error) => isRateLimited(error) })`, `pRetry(post, { shouldRetry: (error) => error.status
 * === 429 })`: the retry's own test of which failures go round, read as a catch's test is. Only a refusal is taken
 * from it: the server answered 429 without acting on the request, so sending a POST again applies nothing twice.
 */
export function predicateCause(context: Context, call: TSESTree.CallExpression): 'rate-limited' | undefined {
  if (stopsUnlessRefused(context, call.arguments[0])) return 'rate-limited';
  for (const argument of call.arguments) {
    if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of argument.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || !RETRY_PREDICATES.has(property.key.name)) continue;
      const test = returnedExpression(property.value);
      if (test && implied(context, test, true) === 'rate-limited') return 'rate-limited';
    }
  }
  return undefined;
}

/**
 * `pRetry(async () => { try { return await send(); } catch (error) { if (isRateLimited(error)) throw error; throw new
 * AbortError(error); } })`, or async-retry's `retry(async (bail) => { ... catch (error) { if (status === 429) throw
 * error; bail(error); return; } })`: the work itself stops the retry (p-retry's `AbortError`, async-retry's `bail`) on
 * every failure but a refusal, so only a 429 goes round, as with a `shouldRetry` that says so.
 */
function stopsUnlessRefused(context: Context, argument: TSESTree.Node | undefined): boolean {
  const work = argument && callbackFunction(context.sourceCode, argument);
  if (!work || work.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const attempt = work.body.body.find((statement): statement is TSESTree.TryStatement => statement.type === AST_NODE_TYPES.TryStatement);
  const steps = attempt?.handler?.body.body ?? [];
  const bail = work.params[0]?.type === AST_NODE_TYPES.Identifier ? work.params[0].name : undefined;
  // (a `return` after `bail(error)` only satisfies the work's return type)
  const stop = steps.at(-1)?.type === AST_NODE_TYPES.ReturnStatement && bails(steps.at(-2), bail) ? steps.length - 2 : steps.length - 1;
  if (stop < 1 || !(throwsAbortError(steps[stop]) || bails(steps[stop], bail))) return false;
  const before = steps.slice(0, stop);
  return before.some((step) => step.type === AST_NODE_TYPES.IfStatement) && before.every((step) => logs(step) || (step.type === AST_NODE_TYPES.IfStatement && !step.alternate
    && implied(context, step.test, true) === 'rate-limited'
    && (step.consequent.type === AST_NODE_TYPES.ThrowStatement
      || (step.consequent.type === AST_NODE_TYPES.BlockStatement && step.consequent.body.at(-1)?.type === AST_NODE_TYPES.ThrowStatement))));
}

/** `logger.warn(error, 'gave up')`, `console.error(error)`: a line saying what happened, before the retry is stopped. */
function logs(statement: TSESTree.Statement): boolean {
  const call = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && !call.callee.computed
    && call.callee.property.type === AST_NODE_TYPES.Identifier && LOG_METHODS.has(call.callee.property.name);
}

const LOG_METHODS = new Set(['log', 'debug', 'info', 'warn', 'warning', 'error', 'trace']);

/**
 * `retryWhenAxiosRateLimited(() => post(...))` imported from the project: what its own retry lets go round, read in
 * its module (a retry library call in it whose work stops on every failure but a refusal).
 */
export function importedHelperCause(context: Context, callee: TSESTree.Node): 'rate-limited' | undefined {
  const imported = importedProjectFunction(context.sourceCode, callee, context.filename);
  if (!imported) return undefined;
  // (the reading of causes asks only for the module's source)
  const inModule = { sourceCode: imported.source } as Context;
  let cause: 'rate-limited' | undefined;
  walk(imported.fn.body, imported.source.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && stopsUnlessRefused(inModule, node.arguments[0])) cause = 'rate-limited';
    return cause === undefined;
  });
  return cause;
}

/** `bail(error)`: a call of the work's own first parameter, async-retry's way to stop retrying. */
function bails(statement: TSESTree.Statement | undefined, bail: string | undefined): boolean {
  const call = statement?.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
  return bail !== undefined && call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === bail;
}

function throwsAbortError(statement: TSESTree.Statement | undefined): boolean {
  const thrown = statement?.type === AST_NODE_TYPES.ThrowStatement ? statement.argument : undefined;
  return thrown?.type === AST_NODE_TYPES.NewExpression && thrown.callee.type === AST_NODE_TYPES.Identifier && thrown.callee.name === 'AbortError';
}

/** `(error) => test` or `(error) => { return test; }`: the one expression a predicate answers with. */
function returnedExpression(node: TSESTree.Node): TSESTree.Expression | undefined {
  if (!isFunction(node)) return undefined;
  if (node.body.type !== AST_NODE_TYPES.BlockStatement) return node.body;
  const [only] = node.body.body;
  return node.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument ? only.argument : undefined;
}
