import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, walk, type FunctionNode } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { implied } from './retry-causes.js';
import { doesIo } from './retry-loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Members an HTTP answer's status is read from. */
const STATUS_MEMBERS = new Set(['status', 'statusCode']);

/**
 * `if (answer.status === 503) return infer(url, body)`: a function that calls itself again when the answer's status
 * says the dependency is struggling (a 5xx, a 429) retries that failure as surely as one calling itself from a
 * catch: the answer is the failure. The `if` whose consequent holds the self-call, in the function itself, when
 * its test reads a status and proves such a failure, and the function does I/O.
 */
export function statusGuard(context: Context, selfCall: TSESTree.CallExpression, fn: FunctionNode): TSESTree.IfStatement | undefined {
  let child: TSESTree.Node = selfCall;
  for (let current: TSESTree.Node | undefined = selfCall.parent; current && current !== fn; child = current, current = current.parent) {
    if (isFunction(current)) return undefined;
    if (current.type !== AST_NODE_TYPES.IfStatement || current.consequent !== child) continue;
    const cause = readsStatus(context, current.test) ? implied(context, current.test, true) : undefined;
    if ((cause === 'failure' || cause === 'rate-limited') && doesIo(context, fn.body)) return current;
  }
  return undefined;
}

function readsStatus(context: Context, test: TSESTree.Node): boolean {
  let found = false;
  walk(test, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && STATUS_MEMBERS.has(staticPropertyName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}
