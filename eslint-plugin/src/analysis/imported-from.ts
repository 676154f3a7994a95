import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The module a callee's root name comes from: `execa` for `execa(...)` after `import { execa } from 'execa'`, `fs`
 * for `fs.promises.readFile(...)` after `import fs from 'fs'` or `const fs = require('fs')`; undefined when the
 * name is not imported.
 */
export function importedFrom(context: Pick<Context, 'sourceCode'>, callee: TSESTree.Node): string | undefined {
  let root = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(root), root)?.defs[0];
  if (definition?.type === 'ImportBinding') {
    const declaration = definition.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration ? String(declaration.source.value) : undefined;
  }
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  let init = definition.node.init;
  while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
  const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
  return required?.type === AST_NODE_TYPES.Literal && typeof required.value === 'string' ? required.value : undefined;
}
