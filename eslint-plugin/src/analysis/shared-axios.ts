import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from './member-syntax.js';
import { isModuleExports } from './caller-signals.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The project's one axios: a module that configures axios's global instance where it is loaded (an interceptor, a
 * default) and exports it (`export default axios`), so that the app's clients import it from there (supaglue's
 * `remotes/sg_axios.ts`, a logging interceptor, imported by twelve CRM clients). Its `defaults.timeout` bounds every
 * call made through it, wherever it is made: the bound belongs in that module, reported there once, and its
 * importers' calls are not reported again.
 */
export interface SharedAxios {
  /** The export statement, where the finding is reported and before which the fix sets the default. */
  readonly exported: TSESTree.Node;
  /** The module's name for axios. */
  readonly local: string;
  /** The module sets `defaults.timeout` (or `defaults.signal`) itself. */
  readonly bounded: boolean;
}

const cache = new WeakMap<TSESTree.Program, SharedAxios | null>();

export function sharedGlobalAxios(sourceCode: SourceCode): SharedAxios | undefined {
  const known = cache.get(sourceCode.ast);
  if (known !== undefined) return known ?? undefined;
  const found = findShared(sourceCode.ast);
  cache.set(sourceCode.ast, found ?? null);
  return found;
}

function findShared(program: TSESTree.Program): SharedAxios | undefined {
  const local = axiosDefaultName(program);
  if (local === undefined) return undefined;
  let configured = false;
  let bounded = false;
  let exported: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && isName(statement.declaration, local)) exported = statement;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = statement.expression;
    if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
      if (isModuleExports(expression.left) && isName(expression.right, local)) exported = statement;
      const path = memberPath(expression.left);
      if (path?.[0] === local && path[1] === 'defaults') {
        configured = true;
        bounded ||= path[2] === 'timeout' || path[2] === 'signal';
      }
    }
    // `axios.interceptors.response.use(undefined, logFailure)`
    if (expression.type === AST_NODE_TYPES.CallExpression) {
      const path = memberPath(expression.callee);
      if (path?.[0] === local && path[1] === 'interceptors') configured = true;
    }
  }
  return exported && configured ? { exported, local, bounded } : undefined;
}

/** `import axios from 'axios'` or `const axios = require('axios')` at the module's top: the name it gives axios. */
export function axiosDefaultName(program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === 'axios' && statement.importKind !== 'type') {
      const specifier = statement.specifiers.find((candidate) => candidate.type === AST_NODE_TYPES.ImportDefaultSpecifier);
      if (specifier) return specifier.local.name;
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init && unwrapExpression(declarator.init);
      const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
      if (required?.type === AST_NODE_TYPES.Literal && required.value === 'axios' && declarator.id.type === AST_NODE_TYPES.Identifier) return declarator.id.name;
    }
  }
  return undefined;
}

function isName(node: TSESTree.Node, name: string): boolean {
  const target = unwrapExpression(node as TSESTree.Expression);
  return target.type === AST_NODE_TYPES.Identifier && target.name === name;
}

/** `axios.defaults.headers.common` → ['axios', 'defaults', 'headers', 'common']; undefined for anything computed. */
function memberPath(node: TSESTree.Node): string[] | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = staticPropertyName(node);
  const object = memberPath(node.object);
  return name === undefined || !object ? undefined : [...object, name];
}
