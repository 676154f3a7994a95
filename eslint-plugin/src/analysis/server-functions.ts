import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

/**
 * The exports of a full-stack framework's page module that run on the server, though its components run in the
 * browser: a Remix / React Router route's `loader`, `action` and `headers`, Next.js's `getServerSideProps`,
 * `getStaticProps`, `getStaticPaths`, `generateMetadata`, `generateStaticParams` and `generateViewport`. (SvelteKit's
 * and Nuxt's server code has files of its own: see project/file-environment.ts.)
 */
export const SERVER_EXPORTS: ReadonlySet<string> = new Set([
  'loader', 'action', 'headers', 'getServerSideProps', 'getStaticProps', 'getStaticPaths', 'generateMetadata',
  'generateStaticParams', 'generateViewport',
]);
/** TanStack Start's `createServerFn().handler(fn)`. */
const SERVER_FUNCTION_BUILDERS = new Set(['createServerFn']);

/**
 * Whether the code at `node` runs on the server though its module is a page's: inside one of the exports above, a
 * server function's handler, or a `'use server'` function.
 */
export function runsOnServer(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    if (hasUseServerDirective(current) || isServerExport(current) || isServerFunctionHandler(current)) return true;
  }
  return false;
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression
    || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function hasUseServerDirective(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const first = fn.body.body[0];
  return first?.type === AST_NODE_TYPES.ExpressionStatement && first.directive === 'use server';
}

/** `export async function loader() {}`, `export const action = async () => {}`. */
function isServerExport(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id !== null && SERVER_EXPORTS.has(fn.id.name) && fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }
  const declarator = fn.parent;
  return (
    declarator.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    SERVER_EXPORTS.has(declarator.id.name) &&
    declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

/** `createServerFn({ method: 'GET' }).validator(...).handler(async () => ...)`: the handler runs on the server. */
function isServerFunctionHandler(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn)) return false;
  for (let callee: TSESTree.Node = call.callee; ; ) {
    if (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
    else if (callee.type === AST_NODE_TYPES.CallExpression) callee = callee.callee;
    else return callee.type === AST_NODE_TYPES.Identifier && SERVER_FUNCTION_BUILDERS.has(callee.name);
  }
}
