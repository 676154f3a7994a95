import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, walkSameFunction } from './loops.js';
import { identifierNames, propertyName } from './retry-bounds.js';
import { endsBy } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Loops that go round after another writer got there first: no dependency failed, so there is nothing to back off
 * from (a wait only makes the next conflict likelier). Two shapes beside trying a value generated anew:
 * - optimistic concurrency: each attempt reads the current state again and derives its write from it, and only a
 *   conflict (a version or compare-and-swap mismatch, a duplicate key when two first writers race) goes round;
 * - an upsert tried a second time: two first upserts of the same key race on the unique index and the loser gets a
 *   duplicate-key error; by the second try the document exists and the upsert is a plain update. MongoDB's and
 *   Prisma's documentation both give that second try as the remedy.
 */

/**
 * `const current = await readSettings(org)` before the try, and the try writes from it (`writeIfUnchanged(org,
 * current.rev, ...)`) or runs only on what it found (`if (!current) { try { create } ... }`): the attempt is derived
 * anew from a fresh read each time round.
 */
export function rereadsFirst(context: Context, region: TSESTree.Node, attempt: TSESTree.Node): boolean {
  const { visitorKeys } = context.sourceCode;
  const read = freshReads(context, region, attempt);
  if (read.size === 0) return false;
  const readBy = (node: TSESTree.Node): boolean => [...identifierNames(node, visitorKeys)].some((name) => read.has(name));
  if (readBy(attempt)) return true;
  // the branch the attempt runs in was chosen by what the read found
  for (let node = attempt.parent; node && node !== region; node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && readBy(node.test)) return true;
  }
  return false;
}

/** The names declared before the attempt from what an awaited read returned, or from such names. */
function freshReads(context: Context, region: TSESTree.Node, attempt: TSESTree.Node): Set<string> {
  const { visitorKeys } = context.sourceCode;
  const read = new Set<string>();
  walkSameFunction(region, visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init || node.range[1] > attempt.range[0] || contains(attempt, node)) return;
    const fresh = awaits(node.init, visitorKeys) || [...identifierNames(node.init, visitorKeys)].some((name) => read.has(name));
    if (fresh) declaredNames(node.id).forEach((name) => read.add(name));
  });
  return read;
}

/**
 * Before the attempt, the code leaves (`return`, `break`) when what it read again finds nothing to work on:
 * `const spec = firstUnclaimed(run); if (!spec) return { instance: null }`.
 */
export function leavesWhenNoneIsLeft(context: Context, region: TSESTree.Node, attempt: TSESTree.Node): boolean {
  const read = freshReads(context, region, attempt);
  if (read.size === 0) return false;
  let found = false;
  walkSameFunction(region, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.IfStatement || node.range[1] > attempt.range[0]) return;
    const test = node.test;
    const empty = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' && test.argument.type === AST_NODE_TYPES.Identifier && read.has(test.argument.name);
    found = empty && endsBy(node.consequent, AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.BreakStatement);
  });
  return found;
}

function awaits(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  let found = false;
  walkSameFunction(root, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression) found = true;
  });
  return found;
}

function declaredNames(pattern: TSESTree.Node): string[] {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return [pattern.name];
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((property) => declaredNames(property.type === AST_NODE_TYPES.Property ? property.value : property.argument));
    case AST_NODE_TYPES.ArrayPattern:
      return pattern.elements.flatMap((element) => (element ? declaredNames(element) : []));
    case AST_NODE_TYPES.AssignmentPattern:
      return declaredNames(pattern.left);
    case AST_NODE_TYPES.RestElement:
      return declaredNames(pattern.argument);
    default:
      return [];
  }
}

/** Methods that insert or update by key in one call (Prisma, Sequelize, TypeORM, Mongoose, Drizzle, Supabase...). */
const UPSERT_METHODS = /^(?:upsert\w*|findOrCreate|findOneOrCreate|insertOrUpdate|createOrUpdate)$/;
/** MongoDB's and Mongoose's update and replace methods, which upsert when told `upsert: true`. */
const UPSERT_OPTION_METHODS = /^(?:update(?:One|Many)?|replaceOne|findOneAndUpdate|findOneAndReplace|findByIdAndUpdate|bulkWrite)$/;

/**
 * Whether every call the attempt waits on is an upsert and the loop stops after a second try (`attempt < 2`): the
 * second try is for the unique-index race of two first writers, whatever error it caught.
 */
export function triesUpsertOnceMore(context: Context, attempt: TSESTree.BlockStatement, attemptLimit: number | undefined): boolean {
  if (attemptLimit === undefined || attemptLimit > 2) return false;
  const awaited: TSESTree.Node[] = [];
  walkSameFunction(attempt, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression) awaited.push(node.argument);
  });
  return awaited.length > 0 && awaited.every((node) => isUpsert(node));
}

function isUpsert(node: TSESTree.Node): boolean {
  // `await Model.updateOne(...).exec()`
  let call = node;
  while (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === 'exec') {
    call = call.callee.object;
  }
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(call.callee) ?? '';
  if (UPSERT_METHODS.test(method)) return true;
  return UPSERT_OPTION_METHODS.test(method) && call.arguments.some((argument) => argument.type === AST_NODE_TYPES.ObjectExpression && setsUpsert(argument));
}

function setsUpsert(options: TSESTree.ObjectExpression): boolean {
  return options.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed
    && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'upsert'
    && property.value.type === AST_NODE_TYPES.Literal && property.value.value === true);
}
