import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from './external-calls.js';
import { constInitializer } from './url-destination.js';
import { unwrapExpression } from './syntax.js';

/** Schemes whose URL carries its own content (`data:`) or names memory of this process (`blob:`): no network. */
const INLINE_SCHEME = /^(?:data|blob):/i;

/**
 * ``fetch(`data:image/png;base64,${b64}`)``, `fetch('data:...;base64,' + b64)`, also through a `const`: a common
 * way to decode base64 into a Blob or bytes. It reads no dependency, so there is no wait to bound and no remote
 * failure to handle.
 */
export function fetchesInlineData(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (call.client !== 'fetch' || call.wrapped) return false;
  let target: TSESTree.Node | undefined = call.node.arguments[0] && unwrapExpression(call.node.arguments[0]);
  if (target?.type === AST_NODE_TYPES.Identifier) target = constInitializer(target, sourceCode);
  // `'data:image/webp;base64,' + encoded`: the scheme is the leftmost operand's
  while (target?.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') target = target.left;
  const text = target?.type === AST_NODE_TYPES.Literal && typeof target.value === 'string' ? target.value
    : target?.type === AST_NODE_TYPES.TemplateLiteral ? target.quasis[0]?.value.cooked ?? '' : undefined;
  return text !== undefined && INLINE_SCHEME.test(text);
}
