import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { createRule } from '../create-rule.js';
import { environmentAt } from '../analysis/code-environment.js';
import { getExternalCalls } from '../analysis/external-calls.js';
import { contains, getFileNodes, withFileNodes } from '../analysis/loops.js';
import { isOwnOriginCall } from '../analysis/own-origin.js';
import { getSettings } from '../analysis/settings.js';
import { getRetries } from '../analysis/retries.js';
import type { RetryConstruct } from '../analysis/retries.js';
import { boundSuggestions, fixMessages } from '../fixes/suggestions.js';

type Options = [{ checkPages?: boolean }];
type MessageIds = 'unbounded' | 'unboundedEmitted' | 'unboundedPoll' | 'unboundedPollOptionalDeadline' | 'unboundedConflict' | 'unboundedReauth'
  | 'fixAddBound' | 'fixAddDeadline' | 'fixAddDefaultDeadline' | 'fixAddTimerDeadline' | 'fixAddPollLimit';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-retry',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require every retry to stop after a number of attempts or a deadline',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkPages: {
            type: 'boolean',
            description: 'Also report retries in code that runs in a page: there the tab\'s life bounds them and the person at it sees them wait.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      unbounded:
        '{{retry}} has no attempt limit and no deadline: while the dependency is down it retries forever, adding load and never reporting the failure. Stop after a number of attempts or a deadline.',
      unboundedEmitted:
        '{{retry}} has no attempt limit and no deadline: while the dependency is down it retries forever, adding load; each failure is emitted as an `\'error\'` event, but a failure that never clears (a revoked token, a deleted resource) keeps it going. Stop after a number of attempts or a deadline.',
      unboundedPoll:
        '{{retry}} has no deadline and no attempt limit: if the work never becomes ready (it failed, or the ID is wrong) it polls forever and its caller never hears. Give up after a deadline.',
      unboundedPollOptionalDeadline:
        '{{retry}} gives up only when a deadline was given (`{{test}}` holds only then): by default, if the work never becomes ready (it failed, or the ID is wrong) it polls forever and its caller never hears. Give it a deadline by default.',
      unboundedConflict:
        '{{retry}} has no attempt limit: if its writes keep colliding (new values that repeat, a small key space, a constraint on another column, writers that keep changing the same record) it loops forever. Stop after a few attempts.',
      unboundedReauth:
        '{{retry}} has no limit: if the server keeps refusing the renewed credentials (a clock out of step, a cookie the browser does not keep), it renews and re-sends forever. Re-send only once or twice.',
      fixAddBound: fixMessages.fixAddBound,
      fixAddDeadline: fixMessages.fixAddDeadline,
      fixAddPollLimit: fixMessages.fixAddPollLimit,
      fixAddDefaultDeadline: fixMessages.fixAddDefaultDeadline,
      fixAddTimerDeadline: fixMessages.fixAddTimerDeadline,
    },
  },
  defaultOptions: [{ checkPages: false }],
  create(context, [{ checkPages = false }]) {
    return withFileNodes(context.sourceCode, {
      'Program:exit'() {
        for (const retry of getRetries(context)) {
          if (retry.bound !== 'none' || retry.watched || (retry.cause === 'not-ready' && pollsOwnOrigin(context, retry)) || pacedRateLimit(retry)) continue;
          if (!checkPages && environmentAt(retry.node, context.sourceCode, context.physicalFilename, getSettings(context)) === 'browser') continue;
          const loc = retry.kind === 'library' && retry.boundNode ? retry.boundNode.loc : retry.loc;
          context.report({
            loc,
            messageId: retry.cause === undefined && emitsEachFailure(context.sourceCode, retry) ? 'unboundedEmitted'
              : retry.cause === 'not-ready' && retry.optionalDeadline ? 'unboundedPollOptionalDeadline' : MESSAGES[retry.cause ?? 'failure'],
            data: { retry: retry.name.charAt(0).toUpperCase() + retry.name.slice(1), test: retry.optionalDeadline && context.sourceCode.getText(retry.optionalDeadline) },
            suggest: boundSuggestions(context, retry),
          });
        }
      },
    });
  },
});

/**
 * Each failure announced to the listeners (`this.emit('error', error)` before the stream calls itself again, as an
 * event stream that reconnects does): the failure is reported, only the retrying has no end. Looked for in the loop,
 * or in the `catch` (else the function) the retrying call sits in.
 */
function emitsEachFailure(sourceCode: Readonly<TSESLint.SourceCode>, retry: RetryConstruct): boolean {
  const region = retry.kind === 'loop' ? retry.node : failureHandlerOf(retry.node);
  return region !== undefined && getFileNodes(sourceCode).calls.some((call) => contains(region, call) && isErrorEmit(call));
}

function failureHandlerOf(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause || current.type === AST_NODE_TYPES.ArrowFunctionExpression
      || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
  }
  return undefined;
}

/** `this.emit('error', error)`, `stream.emit('error', err)`, `emit('error', err)`. */
function isErrorEmit(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  const event = call.arguments[0];
  return name === 'emit' && event?.type === AST_NODE_TYPES.Literal && event.value === 'error';
}

/**
 * Going round only on a 429, each time after the wait the server asked for (`Retry-After`): the server is up and
 * answering, and it decides how often the client comes back, so there is no outage to hammer and no load the
 * server did not allow. Whether to give up after a while is the caller's choice (a cap on the wait, as dev.to's
 * client keeps, is the usual one); a 429 retry that waits its own fixed time instead is still reported.
 */
function pacedRateLimit(retry: RetryConstruct): boolean {
  return retry.cause === 'rate-limited' && retry.serverPaced === true;
}

/**
 * A page asking its own back end until it is ready (a set-up page waiting for the server to restart): the tab's
 * life bounds the poll, and the user sees it waiting.
 */
function pollsOwnOrigin(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, retry: RetryConstruct): boolean {
  const calls = getExternalCalls(context).calls.filter((call) => retry.retried.some((node) => contains(node, call.node)));
  const settings = getSettings(context);
  return calls.length > 0 && calls.every((call) => isOwnOriginCall(call, context.sourceCode, context.physicalFilename, settings));
}

const MESSAGES: Record<NonNullable<RetryConstruct['cause']> | 'failure', 'unbounded' | 'unboundedPoll' | 'unboundedConflict' | 'unboundedReauth'> = {
  failure: 'unbounded',
  'not-ready': 'unboundedPoll',
  conflict: 'unboundedConflict',
  'rate-limited': 'unbounded',
  reauthenticated: 'unboundedReauth',
};
