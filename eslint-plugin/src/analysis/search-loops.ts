import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, enclosingLoop, walkSameFunction, type LoopStatement } from './loops.js';
import { lastStatement } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `while (n <= 50) { const clash = await db.folder.findUnique(...); if (!clash) break; name = next(n++) }`: a loop that
 * asks until an answer passes a test and then leaves is a search, not a batch. Its turns are not items that could
 * fail alone: if one lookup fails, the search has no answer, so there is nothing to go on with after a failure and a
 * try around the whole loop is where the failure belongs. Told by:
 * - the loop goes round a condition, not over a collection (`for...of`, `for...in`, or a counter indexing a list: those
 *   are items, and a search over candidates (mirrors, accounts) should go on to the next after a failure);
 * - it leaves on a test of what its requests answered (`if (!clash) break`, `} while (clash)`);
 * - nothing external runs after that test in the turn: a worker that takes a job and then processes it does work per
 *   job, and one job can fail alone.
 */
export function searchesForAnswer(context: Context, loop: LoopStatement, requests: readonly TSESTree.CallExpression[]): boolean {
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement || indexesByCounter(context, loop)) return false;
  const { visitorKeys } = context.sourceCode;
  const inBody = requests.filter((request) => contains(loop.body, request));
  if (inBody.length === 0) return false;
  // The names the turn's answers are kept in (`const clash = await find(...)`, `clash = await find(...)`).
  const answers = new Set<string>();
  walkSameFunction(loop.body, visitorKeys, (node) => {
    const target = node.type === AST_NODE_TYPES.VariableDeclarator ? node.id : node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : undefined;
    const value = node.type === AST_NODE_TYPES.VariableDeclarator ? node.init : node.type === AST_NODE_TYPES.AssignmentExpression ? node.right : undefined;
    if (target?.type === AST_NODE_TYPES.Identifier && value && inBody.some((request) => contains(value, request))) answers.add(target.name);
  });
  if (answers.size === 0) return false;
  const readsAnswer = (test: TSESTree.Node): boolean => {
    let reads = false;
    walkSameFunction(test, visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier && answers.has(node.name)) reads = true;
    });
    return reads;
  };
  const exit = leavingTest(context, loop, readsAnswer);
  return exit !== undefined && inBody.every((request) => request.range[1] <= exit.range[0]);
}

/**
 * The first test that reads an answer and ends the loop: an `if` of the body whose branch breaks or returns, or
 * the loop's own condition (`do { ... } while (clash)`, read at the end of the turn).
 */
function leavingTest(context: Context, loop: LoopStatement, readsAnswer: (test: TSESTree.Node) => boolean): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.IfStatement || !readsAnswer(node.test)) return;
    if (leaves(node.consequent, loop) || (node.alternate && leaves(node.alternate, loop))) found = node;
  });
  if (found) return found;
  const condition = loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement || loop.type === AST_NODE_TYPES.ForStatement ? loop.test : null;
  return condition && readsAnswer(condition) ? condition : undefined;
}

/** Whether the branch always ends with a `break` of this loop or a `return`. */
function leaves(branch: TSESTree.Statement, loop: LoopStatement): boolean {
  const last = lastStatement(branch);
  if (!last) return false;
  if (last.type === AST_NODE_TYPES.ReturnStatement) return true;
  return last.type === AST_NODE_TYPES.BreakStatement && !last.label && enclosingLoop(last) === loop;
}

/** `for (let i = 0; i < rows.length; i++) { ... rows[i] ... }`: a counter that walks a list's items. */
function indexesByCounter(context: Context, loop: LoopStatement): boolean {
  if (loop.type !== AST_NODE_TYPES.ForStatement || loop.init?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  const counters = new Set(loop.init.declarations.flatMap((declarator) => (declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id.name] : [])));
  let indexes = false;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.property.type === AST_NODE_TYPES.Identifier && counters.has(node.property.name)) indexes = true;
  });
  return indexes;
}
