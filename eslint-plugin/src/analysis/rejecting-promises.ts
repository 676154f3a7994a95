import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, walk, walkSameFunction } from './loops.js';
import { helperFunction } from './pass-through-helpers.js';
import { isPromiseConstructor, skipTransparentParents } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Where a failure handed to `reject` goes: the promise whose executor's `reject` it is. That may be a `new Promise`
 * written here, or the promise of a same-file helper that hands its executor's `resolve` and `reject` to the work it
 * runs (`again((resolve, reject, retry) => ...)`, a callback-style retry helper): then the helper's call rejects.
 */

/** The promise an 'error' listener or a catch rejects: `reject`, a function calling it, or a local function that does. */
export function rejectedBy(sourceCode: SourceCode, handler: TSESTree.Node): TSESTree.Expression | undefined {
  if (isFunction(handler)) return rejectedPromise(sourceCode, handler.body);
  if (handler.type !== AST_NODE_TYPES.Identifier) return undefined;
  const rejects = executorOfReject(sourceCode, handler);
  if (rejects) return rejects;
  // `req.on('error', handleError)` with `const handleError = (error) => (worth ? retry(error) : reject(error))`
  const definition = variableOf(sourceCode, handler)?.defs[0];
  const local = definition?.type === 'Variable' && definition.node.init && isFunction(definition.node.init) ? definition.node.init : undefined;
  return local && rejectedPromise(sourceCode, local.body);
}

/** The promise whose `reject` the code calls (outside nested functions), if any. */
export function rejectedPromise(sourceCode: SourceCode, body: TSESTree.Node): TSESTree.Expression | undefined {
  let found: TSESTree.Expression | undefined;
  walkSameFunction(body, sourceCode.visitorKeys, (node) => {
    if (!found && node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) found = executorOfReject(sourceCode, node.callee);
  });
  return found;
}

/** The promise `name` rejects: the `new Promise` whose executor's second parameter it is, or a helper's, handed on. */
function executorOfReject(sourceCode: SourceCode, name: TSESTree.Identifier): TSESTree.Expression | undefined {
  const def = variableOf(sourceCode, name)?.defs[0];
  const receiver = def?.type === 'Parameter' && isFunction(def.node) ? def.node : undefined;
  if (!receiver) return undefined;
  const position = receiver.params.indexOf(def!.name as TSESTree.Parameter);
  const promise = skipTransparentParents(receiver).parent;
  if (position === 1 && promise?.type === AST_NODE_TYPES.NewExpression && isPromiseConstructor(promise) && promise.arguments[0] === receiver) return promise;
  return helperHandingReject(sourceCode, receiver, position);
}

/**
 * `again(work, options)` where `again` runs `new Promise((resolve, reject) => ... work(resolve, reject, retry))`: the
 * work's parameter at `position` is the executor's `reject`, so the call of `again` is the promise it rejects.
 */
function helperHandingReject(sourceCode: SourceCode, work: TSESTree.FunctionLike, position: number): TSESTree.Expression | undefined {
  const call = skipTransparentParents(work).parent;
  if (position < 0 || call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const argument = call.arguments.indexOf(work as TSESTree.CallExpressionArgument);
  const helper = helperFunction(sourceCode, call.callee);
  const parameter = helper?.params[argument];
  if (parameter?.type !== AST_NODE_TYPES.Identifier || !helper?.body) return undefined;
  let hands = false;
  // nested functions included: the executor calls the work from a function of its own (`const run = () => work(...)`)
  walk(helper.body, sourceCode.visitorKeys, (node) => {
    if (hands) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== parameter.name) return true;
    const handed = node.arguments[position];
    hands = handed?.type === AST_NODE_TYPES.Identifier && rejectsHelperPromise(sourceCode, handed);
    return true;
  });
  return hands ? call : undefined;
}

/**
 * What the helper hands its work in that place rejects its own promise: its executor's `reject`, or the retry trigger
 * that rejects once the tries are spent (`const retry = (error) => (left-- > 0 ? setTimeout(run, wait) : reject(error))`).
 */
function rejectsHelperPromise(sourceCode: SourceCode, handed: TSESTree.Identifier): boolean {
  if (executorOfReject(sourceCode, handed)?.type === AST_NODE_TYPES.NewExpression) return true;
  const definition = variableOf(sourceCode, handed)?.defs[0];
  const trigger = definition?.type === 'Variable' && definition.node.init && isFunction(definition.node.init) ? definition.node.init : undefined;
  return trigger !== undefined && rejectedPromise(sourceCode, trigger.body)?.type === AST_NODE_TYPES.NewExpression;
}

function variableOf(sourceCode: SourceCode, name: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return findVariable(sourceCode.getScope(name) as never, name) as TSESLint.Scope.Variable | null;
}
