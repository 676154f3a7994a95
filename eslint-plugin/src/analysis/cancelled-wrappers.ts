import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from './external-calls.js';
import { contains, isFunction, walkSameFunction } from './loops.js';
import { propertyKey, unwrapExpression } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `const pending = makeCancelable(fetch(url, init)); setTimeout(() => pending.cancel(), ms)`: a timer cancelling a
 * promise that wraps a request (an SDK's cancelable promise, rejected on `cancel()`). The wait ends on time, the
 * request does not: it keeps its connection, and a layer that sends it again on the timeout runs a second copy beside
 * it. Found when the request could be aborted (it takes a signal) and is given none.
 */
export interface CancelledWrapper {
  /** The timer call. */
  readonly timer: TSESTree.CallExpression;
  /** `pending.cancel()` in the timer's callback. */
  readonly cancel: TSESTree.CallExpression;
  /** The wrapper's name (`pending`). */
  readonly wrapper: string;
  /** The statement declaring the wrapper, before which a controller can be made. */
  readonly declaration: TSESTree.VariableDeclaration;
  /** The request the wrapper was given. */
  readonly request: ExternalCall;
}

const CANCEL_METHODS = new Set(['cancel', 'abort']);

export function timerCancelledWrappers(context: Context, calls: readonly TSESTree.CallExpression[], externalCallAt: (node: TSESTree.CallExpression) => ExternalCall | undefined): CancelledWrapper[] {
  const found: CancelledWrapper[] = [];
  for (const timer of calls) {
    if (timer.callee.type !== AST_NODE_TYPES.Identifier || timer.callee.name !== 'setTimeout') continue;
    const callback = timer.arguments[0];
    if (!callback || !isFunction(callback)) continue;
    const cancel = cancelCall(context, callback);
    if (!cancel || cancel.callee.type !== AST_NODE_TYPES.MemberExpression || cancel.callee.object.type !== AST_NODE_TYPES.Identifier) continue;
    const wrapper = cancel.callee.object;
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(wrapper), wrapper);
    const declarator = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || !declarator.init) continue;
    const init = unwrapExpression(declarator.init);
    if (init.type !== AST_NODE_TYPES.CallExpression) continue;
    const request = wrappedRequest(context, init, externalCallAt);
    if (request) found.push({ timer, cancel, wrapper: wrapper.name, declaration: declarator.parent, request });
  }
  return found;
}

/** The one `x.cancel()` (or `x.abort()`) the timer's callback makes. */
function cancelCall(context: Context, callback: TSESTree.FunctionLike): TSESTree.CallExpression | undefined {
  const found: TSESTree.CallExpression[] = [];
  if (!callback.body) return undefined;
  walkSameFunction(callback.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed
      && node.callee.property.type === AST_NODE_TYPES.Identifier && CANCEL_METHODS.has(node.callee.property.name)) found.push(node);
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The request handed to the wrapper as an argument (`makeCancelable(fetch(url, init))`), when it is the only one, it
 * takes a signal and it is given none. A wrapper that is itself the request (`fetch(...)`) has no `cancel` to call.
 */
function wrappedRequest(context: Context, wrapperCall: TSESTree.CallExpression, externalCallAt: (node: TSESTree.CallExpression) => ExternalCall | undefined): ExternalCall | undefined {
  if (externalCallAt(wrapperCall)) return undefined;
  const requests: ExternalCall[] = [];
  for (const argument of wrapperCall.arguments) {
    walkSameFunction(argument, context.sourceCode.visitorKeys, (node) => {
      const call = node.type === AST_NODE_TYPES.CallExpression ? externalCallAt(node) : undefined;
      if (call && !requests.some((other) => contains(other.node, call.node))) requests.push(call);
    });
  }
  const [request] = requests;
  if (requests.length !== 1 || !request!.signalOption || request!.wrapped) return undefined;
  const options = request!.optionsArgument;
  if (request!.optionsExpression && !options) return undefined;
  if (options?.properties.some((property) => property.type !== AST_NODE_TYPES.Property || propertyKey(property) === request!.signalOption)) return undefined;
  return request;
}
