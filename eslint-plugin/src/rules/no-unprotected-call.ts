import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { getExternalCalls, type ExternalCall } from '../analysis/external-calls.js';
import { isOwnOriginCall } from '../analysis/own-origin.js';
import { getProtection, type EscapeRoute } from '../analysis/protection.js';
import { getSettings, type ResilintSettings } from '../analysis/settings.js';
import { createRule } from '../create-rule.js';
import { fileEnvironment } from '../project/file-roles.js';
import { withFileNodes } from '../analysis/loops.js';
import { failureHandlingSuggestions, fixMessages } from '../fixes/suggestions.js';

type Options = [{ scope?: 'boundary' | 'function'; checkOwnOrigin?: boolean }];
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
          checkOwnOrigin: {
            type: 'boolean',
            description: "Also report browser calls to the page's own origin: relative URLs, bundled assets, localhost.",
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
  defaultOptions: [{ scope: 'boundary', checkOwnOrigin: false }],
  create(context, [{ scope = 'boundary', checkOwnOrigin = false }]) {
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
        const settings = getSettings(context);
        const protection = getProtection(context.sourceCode, settings);
        for (const call of getExternalCalls(context).calls) {
          if (!checkOwnOrigin && isOwnOriginCall(call, context.sourceCode, context.physicalFilename, settings)) continue;
          const fate = protection.fateOfCall(call.node, { scope, eventStyle: call.client === 'http' && !call.wrapped });
          if (fate.kind === 'escapes' && !isScriptEntryPoint(call, fate.to, context.physicalFilename, context.sourceCode.text, settings)) report(call, fate.to);
        }
      },
    });
  },
});

/** Names a script gives the function it starts with. */
const ENTRY_POINT = /^(?:main|run|start|bootstrap|cli)$/i;

/**
 * A script's `main();` (or `await main()`) in the module's top-level code, outside a browser: its rejection ends the
 * process with an error and a non-zero exit code, which is what a script or a server's start-up should do. Other
 * top-level calls (`notify(event);`) are fire-and-forget work whose failure a reviewer would want handled, unless the
 * file is a command-line program (a shebang or a package `bin`).
 */
function isScriptEntryPoint(call: ExternalCall, route: EscapeRoute, filename: string, text: string, settings: ResilintSettings): boolean {
  if (!call.wrapped || (route.type !== 'floating' && route.type !== 'top-level')) return false;
  for (let node: TSESTree.Node | undefined = call.node.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression
      || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassBody) return false;
  }
  const callee = call.node.callee;
  const environment = fileEnvironment(filename, text, settings.files);
  return environment === 'cli' || (environment !== 'browser' && callee.type === AST_NODE_TYPES.Identifier && ENTRY_POINT.test(callee.name));
}

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
