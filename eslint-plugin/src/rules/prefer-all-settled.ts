import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { createRule } from '../create-rule.js';
import { withFileNodes } from '../analysis/loops.js';
import { allSettledSuggestions, fixMessages } from '../fixes/suggestions.js';
import { getExternalCalls, type ExternalCall, type ExternalCallIndex } from '../analysis/external-calls.js';

export default createRule({
  name: 'prefer-all-settled',
  meta: {
    type: 'suggestion',
    hasSuggestions: true,
    docs: {
      description: 'Prefer `Promise.allSettled` (or a fallback per call) over `Promise.all` of independent external calls',
      recommended: false,
    },
    schema: [],
    messages: {
      preferAllSettled:
        '`Promise.all` over {{count}} independent external calls ({{calls}}) with no fallback per call: when one dependency fails, the results of all the others are thrown away. Use `Promise.allSettled`, or give each call its own fallback, so the result degrades instead of failing whole.',
      fixAllSettled: fixMessages.fixAllSettled,
      fixCatchEachCall: fixMessages.fixCatchEachCall,
    },
  },
  defaultOptions: [],
  create(context) {
    return withFileNodes(context.sourceCode, {
      'CallExpression[callee.type="MemberExpression"][callee.object.name="Promise"][callee.property.name="all"]'(
        node: TSESTree.CallExpression,
      ) {
        const list = node.arguments[0];
        if (list?.type !== AST_NODE_TYPES.ArrayExpression || !resultIsUsed(node)) return;
        const index = getExternalCalls(context);
        const unprotected = list.elements.flatMap((element) => {
          const call = element && element.type !== AST_NODE_TYPES.SpreadElement ? unprotectedCall(index, element) : undefined;
          return call ? [call] : [];
        });
        if (unprotected.length < 2 || new Set(unprotected.map((call) => dependencyKey(context.sourceCode, call))).size < 2) return;
        context.report({
          node: node.callee,
          messageId: 'preferAllSettled',
          data: { count: String(unprotected.length), calls: unprotected.map((call) => `\`${call.label}\``).join(', ') },
          suggest: allSettledSuggestions(context, node),
        });
      },
    });
  },
});

/**
 * The external call an element of the list waits for, unless a fallback covers it: the call itself or a chain of
 * `.then(onFulfilled)`/`.finally` on it. A `.catch`, a `.then` with a rejection handler, or any wrapper (a policy,
 * a fallback helper) counts as handling it.
 */
function unprotectedCall(index: ExternalCallIndex, element: TSESTree.Expression): ExternalCall | undefined {
  let current: TSESTree.Node = element;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const external = index.get(current);
    if (external) return external;
    const callee: TSESTree.Expression = current.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const method = callee.property.name;
    if (!(method === 'finally' || (method === 'then' && current.arguments.length < 2))) return undefined;
    current = callee.object;
  }
  return undefined;
}

/**
 * What a call talks to, as far as the source says: the callee and the fixed start of its first argument up to
 * its last `/` (`fetch` + `${API}/orders/`). The same request fanned out over ids (`fetch(`${base}/user-1`)`,
 * `fetch(`${base}/user-2`)`, `load(1)`, `load(2)`) is one dependency, not several independent ones.
 */
function dependencyKey(sourceCode: Readonly<TSESLint.SourceCode>, call: ExternalCall): string {
  const target = call.node.arguments[0];
  let prefix = '';
  if (target?.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') prefix = target.value;
  else if (target?.type === AST_NODE_TYPES.TemplateLiteral) prefix = sourceCode.getText(target).split('${').map((part, index) => (index === 0 ? part : part.slice(part.indexOf('}') + 1))).join('${}');
  else if (target?.type === AST_NODE_TYPES.BinaryExpression && target.left.type === AST_NODE_TYPES.Literal) prefix = String(target.left.value);
  else if (target?.type === AST_NODE_TYPES.Identifier || target?.type === AST_NODE_TYPES.MemberExpression) return `${sourceCode.getText(call.node.callee)} ${sourceCode.getText(target)}`;
  const cut = prefix.lastIndexOf('/');
  return `${sourceCode.getText(call.node.callee)} ${cut === -1 ? prefix.replace(/[\w-]+$/, '') : prefix.slice(0, cut)}`;
}

/** `await Promise.all([...])` as a statement only waits (writes, warm-ups): no results to lose. */
function resultIsUsed(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  if (node.parent?.type === AST_NODE_TYPES.AwaitExpression) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return false;
  if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') return false;
  return true;
}
