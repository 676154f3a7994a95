import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { importedFrom } from './imported-from.js';
import { enclosingFunction, walkSameFunction } from './loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * redux-saga's supervisor: a saga started in the background (`spawn` or `fork`) that runs the saga it was handed and,
 * when that one crashes, logs the error and starts it again (`while (true) { try { yield call(saga); break } catch
 * (error) { log(error) } }`, the "keep everything alive" root of its docs). It restarts a long-lived watcher of the
 * app's own, which waits for the next action; nothing is sent again to a failing dependency, so it is no retry.
 */

const SAGA_EFFECTS = /^redux-saga(?:\/effects)?$/;
const BACKGROUND_EFFECTS = new Set(['spawn', 'fork']);
const RUN_EFFECTS = new Set(['call']);

/** Whether the attempt only runs a saga the supervisor was handed, and the supervisor is started in the background. */
export function restartsHandedSaga(context: Context, attempt: TSESTree.BlockStatement): boolean {
  const supervisor = enclosingFunction(attempt);
  if (!supervisor?.generator) return false;
  let runs = 0;
  let other = false;
  walkSameFunction(attempt, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.YieldExpression) return;
    if (node.argument && isSagaEffect(context, node.argument, RUN_EFFECTS) && runsHandedSaga(context, node.argument as TSESTree.CallExpression)) runs++;
    else other = true;
  });
  return runs > 0 && !other && startedInBackground(context, supervisor);
}

function isSagaEffect(context: Context, node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || !names.has(node.callee.name)) return false;
  return SAGA_EFFECTS.test(importedFrom(context, node.callee) ?? '');
}

/** `call(watcher)`: the saga run is a parameter of the supervisor or of a function around it. */
function runsHandedSaga(context: Context, effect: TSESTree.CallExpression): boolean {
  const saga = effect.arguments[0];
  if (effect.arguments.length !== 1 || saga?.type !== AST_NODE_TYPES.Identifier) return false;
  return ASTUtils.findVariable(context.sourceCode.getScope(saga), saga)?.defs[0]?.type === 'Parameter';
}

/** `spawn(supervisor, watcher)`, or `spawn(function* () { ... })`: the supervisor runs as a background task. */
function startedInBackground(context: Context, supervisor: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): boolean {
  const isStart = (node: TSESTree.Node | undefined): boolean => node !== undefined && isSagaEffect(context, node, BACKGROUND_EFFECTS);
  if (isStart(supervisor.parent) && (supervisor.parent as TSESTree.CallExpression).arguments[0] === supervisor) return true;
  const id = supervisor.type === AST_NODE_TYPES.FunctionDeclaration ? supervisor.id : undefined;
  const variable = id ? ASTUtils.findVariable(context.sourceCode.getScope(supervisor), id) : undefined;
  return variable?.references.some((reference) => {
    const start = reference.identifier.parent;
    return start !== undefined && isStart(start) && (start as TSESTree.CallExpression).arguments[0] === reference.identifier;
  }) ?? false;
}
