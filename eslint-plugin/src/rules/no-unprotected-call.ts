import type { TSESTree } from '@typescript-eslint/utils';
import { getExternalCalls, type ExternalCall } from '../analysis/external-calls.js';
import { getProtection, type EscapeRoute } from '../analysis/protection.js';
import { getSettings } from '../analysis/settings.js';
import { createRule } from '../create-rule.js';
import { withFileNodes } from '../analysis/loops.js';
import { failureHandlingSuggestions, fixMessages } from '../fixes/suggestions.js';

type Options = [{ scope?: 'boundary' | 'function' }];
type MessageId =
  | 'floating'
  | 'callback'
  | 'topLevel'
  | 'errorEvent'
  | 'caller'
  | 'fixAddFallback'
  | 'fixWrapInBreakerAndFallback'
  | 'fixWrapInPipeline'
  | 'fixAddCatch'
  | 'fixWrapInTryCatch'
  | 'fixAddErrorListener';

export default createRule<Options, MessageId>({
  name: 'no-unprotected-call',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow calls to a network, database or SDK client whose failure can escape unhandled',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          scope: {
            type: 'string',
            enum: ['boundary', 'function'],
            description: '"boundary": a failure handed to the caller is fine; "function": handle every call in its own function.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      floating:
        'The failure of {{call}} escapes: its promise is not awaited, returned or given a rejection handler, so a failure becomes an unhandled rejection.',
      callback:
        'The failure of {{call}} escapes from the {{callback}} callback, whose result nobody awaits, so a failure becomes an unhandled rejection.',
      topLevel: 'The failure of {{call}} escapes from top-level code: nothing catches it, so a failure stops the module.',
      errorEvent:
        "The failure of {{call}} escapes: the request has no 'error' listener, so a network error crashes the process.",
      caller:
        'The failure of {{call}} escapes to the caller of {{function}}: handle it here (try/catch, .catch or a fallback policy).',
      fixAddFallback: fixMessages.fixAddFallback,
      fixWrapInBreakerAndFallback: fixMessages.fixWrapInBreakerAndFallback,
      fixWrapInPipeline: fixMessages.fixWrapInPipeline,
      fixAddCatch: fixMessages.fixAddCatch,
      fixWrapInTryCatch: fixMessages.fixWrapInTryCatch,
      fixAddErrorListener: fixMessages.fixAddErrorListener,
    },
  },
  defaultOptions: [{ scope: 'boundary' }],
  create(context, [{ scope = 'boundary' }]) {
    const report = (call: ExternalCall, route: EscapeRoute): void => {
      const { messageId, data } = describeRoute(route);
      context.report({
        node: call.node,
        messageId,
        data: { call: call.label, ...data },
        suggest: failureHandlingSuggestions(context, call),
      });
    };
    return withFileNodes(context.sourceCode, {
      'Program:exit'(_program: TSESTree.Program) {
        const protection = getProtection(context.sourceCode, getSettings(context));
        for (const call of getExternalCalls(context).calls) {
          const fate = protection.fateOfCall(call.node, { scope, eventStyle: call.client === 'http' && !call.wrapped });
          if (fate.kind === 'escapes') report(call, fate.to);
        }
      },
    });
  },
});

function describeRoute(route: EscapeRoute): { messageId: MessageId; data: Record<string, string> } {
  switch (route.type) {
    case 'floating':
      return { messageId: 'floating', data: {} };
    case 'callback':
      return { messageId: 'callback', data: { callback: route.callback } };
    case 'top-level':
      return { messageId: 'topLevel', data: {} };
    case 'error-event':
      return { messageId: 'errorEvent', data: {} };
    case 'caller':
      return { messageId: 'caller', data: { function: functionName(route.fn) } };
  }
}

function functionName(fn: TSESTree.FunctionLike): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') && parent.key.type === 'Identifier') {
    return parent.key.name;
  }
  return 'this function';
}
