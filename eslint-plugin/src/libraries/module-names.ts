import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

/**
 * The name this file binds a whole module to at its top (`import acme from 'acme-client'`, `import * as acme`,
 * `import acme = require(...)`, `const acme = require(...)`), for a fix that writes a statement using it.
 */
export function wholeModuleName(sourceCode: Readonly<TSESLint.SourceCode>, module: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === module && statement.importKind !== 'type') {
      const whole = statement.specifiers.find((specifier) => specifier.type !== AST_NODE_TYPES.ImportSpecifier);
      if (whole) return whole.local.name;
    }
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference
      && statement.moduleReference.expression.value === module) return statement.id.name;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (declarator.id.type === AST_NODE_TYPES.Identifier && init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier
        && init.callee.name === 'require' && init.arguments[0]?.type === AST_NODE_TYPES.Literal && init.arguments[0].value === module) return declarator.id.name;
    }
  }
  return undefined;
}
