import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { findDelays } from './delays.js';
import { getFileNodes, isFunction, walkSameFunction } from './loops.js';
import { boundingTest, collectUpdates, type TestKind } from './retry-bounds.js';
import { describeDelays } from './retry-delays.js';
import { staticPropertyName } from './member-syntax.js';
import { isPromiseConstructor } from './syntax.js';
import { renewsCredentialsFirst } from './second-tries.js';
import type { RetryConstruct } from './retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `client.interceptors.response.use(ok, (error) => client(error.config))`: a rejection handler that sends the
 * failed request again. A handler that marks the request (`config._retry = true`) and re-sends it once, as after
 * refreshing a token, is a second try, not a retry loop; one that re-sends only after a 401 and a refresh, unmarked,
 * re-authenticates: only the lack of a limit on it is left (a server that keeps refusing the new token).
 */
export function findInterceptorRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  const text = (node: TSESTree.Node): string => context.sourceCode.getText(node).replace(/\s+/g, '');
  for (const call of getFileNodes(context.sourceCode).calls) {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'use'
      || !text(callee).endsWith('interceptors.response.use')) continue;
    const handler = call.arguments[1];
    if (!handler || !isFunction(handler) || handler.params[0]?.type !== AST_NODE_TYPES.Identifier) continue;
    const configTexts = new Set([`${handler.params[0].name}.config`]);
    let resend: TSESTree.CallExpression | undefined;
    let marksOnce = false;
    // (`return new Promise((resolve) => resolve(instance(config)))` re-sends from the executor, run at once; `return
    // pause(3_000).then(() => instance(config))` from what runs once the pause is over)
    walkSameFunction(handler.body, context.sourceCode.visitorKeys, function visit(node) {
      const executor = node.type === AST_NODE_TYPES.NewExpression && isPromiseConstructor(node) ? node.arguments[0] : undefined;
      if (executor && isFunction(executor)) walkSameFunction(executor.body, context.sourceCode.visitorKeys, visit);
      const continuation = node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression
        && staticPropertyName(node.callee) === 'then' ? node.arguments[0] : undefined;
      if (continuation && isFunction(continuation)) walkSameFunction(continuation.body, context.sourceCode.visitorKeys, visit);
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && configTexts.has(text(node.init)) && node.id.type === AST_NODE_TYPES.Identifier) {
        configTexts.add(node.id.name);
      } else if (node.type === AST_NODE_TYPES.CallExpression && !resend) {
        if (node.arguments.some((argument) => configTexts.has(text(argument)))) resend = node;
      } else if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.right.type === AST_NODE_TYPES.Literal &&
        node.right.value === true &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        configTexts.has(text(node.left.object))
      ) {
        marksOnce = true;
      }
    });
    if (!resend || marksOnce) continue;
    const renewal = renewsCredentialsFirst(context, resend, handler);
    const counters = new Set<string>();
    collectUpdates(context, handler.body, counters);
    let bound: TestKind;
    walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
        bound ??= boundingTest(context, node.test, counters);
      }
    });
    const delay = describeDelays(context, findDelays(context, handler.body), handler.body, counters, handler.body, resend);
    const checksMethod = /\bmethod\b/.test(context.sourceCode.getText(handler.body));
    found.push({
      kind: 'recursion',
      node: resend,
      loc: resend.loc,
      name: renewal ? 'this axios interceptor (re-sending the request after renewing the credentials)' : 'this axios interceptor (re-sending the failed request)',
      ...(renewal ? { cause: 'reauthenticated' as const } : {}),
      retried: [],
      bound: bound ?? 'none',
      delay: delay.growth,
      delayNode: undefined,
      jitter: delay.jitter,
      // a request refused for its credentials was not applied: sending it again applies it once
      retriesNonIdempotent: checksMethod || renewal ? undefined : { node: resend, method: 'POST' },
    });
  }
  return found;
}
