import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { PUBLIC_ENV_PREFIX } from './own-base-names.js';
import { constInitializer } from './url-destination.js';

/**
 * Variables a bundler puts in the browser's copy of the code: the public prefixes (`NEXT_PUBLIC_`, `VITE_`,
 * `REACT_APP_`, ...) and `NODE_ENV`, which every bundler inlines. Any other `process.env` read is empty in a page.
 */
const BROWSER_VISIBLE_ENV = /^NODE_ENV$/;

/** How many nodes of a call (and of the constants it is made of) are read: a call is small, a `const` may not be. */
const MAX_NODES = 400;
/** How many `const`s deep a value is followed (`const headers = { Authorization: token }` then `token`). */
const MAX_CONST_DEPTH = 3;

/**
 * Whether a call reads a secret only a server holds: a `process.env.NAME` no bundler inlines for the browser, in its
 * arguments (`Authorization: \`Bearer ${process.env.AUTH_BEARER_TOKEN}\``) or in the file's constants they or its
 * callee are made of (`const token = process.env.X`, `const resend = new Resend(process.env.RESEND_API_KEY)`). Code
 * written to send a server's credentials runs on the server, whichever modules import its file: in a page the value
 * would be empty. Functions passed to the call are not read (a `.then` callback says nothing of the request).
 */
export function readsServerSecret(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const budget = { nodes: 0 };
  const roots: TSESTree.Node[] = [...call.arguments, calleeRoot(call.callee)];
  return roots.some((root) => containsSecret(root, sourceCode, budget, 0));
}

/** `resend.emails.send` → `resend`; `new Resend(...)` → `Resend`. */
function calleeRoot(callee: TSESTree.Node): TSESTree.Node {
  let node = callee;
  while (node.type === AST_NODE_TYPES.MemberExpression) node = node.object;
  return node;
}

function containsSecret(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, budget: { nodes: number }, depth: number): boolean {
  if (++budget.nodes > MAX_NODES) return false;
  switch (node.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return false;
    case AST_NODE_TYPES.MemberExpression:
      if (isServerOnlyEnvRead(node)) return true;
      break;
    case AST_NODE_TYPES.Identifier: {
      if (depth >= MAX_CONST_DEPTH || isPropertyName(node)) return false;
      const init = constInitializer(node, sourceCode);
      return init !== undefined && containsSecret(init, sourceCode, budget, depth + 1);
    }
    default:
      break;
  }
  for (const key of sourceCode.visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string'
        && containsSecret(child as TSESTree.Node, sourceCode, budget, depth)) return true;
    }
  }
  return false;
}

/** `process.env.AUTH_BEARER_TOKEN`, `process.env['STRIPE_SECRET_KEY']`. */
function isServerOnlyEnvRead(node: TSESTree.MemberExpression): boolean {
  const env = node.object;
  if (env.type !== AST_NODE_TYPES.MemberExpression || env.computed || env.property.type !== AST_NODE_TYPES.Identifier || env.property.name !== 'env') return false;
  if (env.object.type !== AST_NODE_TYPES.Identifier || env.object.name !== 'process') return false;
  const name = node.computed
    ? node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined
    : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return name !== undefined && !PUBLIC_ENV_PREFIX.test(name) && !BROWSER_VISIBLE_ENV.test(name);
}

/** The `Authorization` of `{ Authorization: x }` or the `token` of `a.token`: a name, not a variable. */
function isPropertyName(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  return (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand)
    || (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed);
}
