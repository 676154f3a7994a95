import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction } from './loops.js';

// The node-style callback form of a client call (`request(options, (err, res) => ...)`,
// `sheets.spreadsheets.get(params, callback)`): the call is as external as its promise form and has the same bounds,
// but its failure goes to the callback, its options sit before the callback, and it returns no promise to wrap.

/** Names a callback is handed on by (`cb`, `callback`, `done`). */
const CALLBACK_NAMES = /^(?:cb|callback|done|next|onDone|onComplete)$/i;

/**
 * `argument` is the last argument of `call` and a node-style callback: a function taking the error, or one handed on
 * by name. A plain function taking nothing is one too (`request(options, () => {})`: the client hands it the failure,
 * which it ignores); an async one is the work a client runs (`db.transaction(async () => ...)`), not a callback.
 */
export function isTrailingCallback(call: TSESTree.CallExpression, argument: TSESTree.Node | undefined): boolean {
  if (!argument || call.arguments.at(-1) !== argument) return false;
  if (argument.type === AST_NODE_TYPES.Identifier) return CALLBACK_NAMES.test(argument.name);
  return isFunction(argument) && (argument.params.length >= 1 || !argument.async);
}

/** The call ends with a node-style callback. */
export function takesNodeCallback(call: TSESTree.CallExpression): boolean {
  return isTrailingCallback(call, call.arguments.at(-1));
}

/** The arguments before a trailing node-style callback (all of them when there is none). */
export function argumentsBeforeCallback(call: TSESTree.CallExpression): readonly TSESTree.CallExpressionArgument[] {
  return takesNodeCallback(call) ? call.arguments.slice(0, -1) : call.arguments;
}
