import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { importersOf } from '../project/importers.js';
import { parseModule } from '../project/module-source.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { commonJsExportOf, isModuleExports, MAX_CALLERS } from './caller-signals.js';
import { propertyKey, unwrapExpression } from './syntax.js';

/**
 * Where a class of this module is made: `new Name(...)` here, and in the modules importing it (`import PlexAPI from
 * '@server/api/plexapi'` then `new PlexAPI({ plexToken })`), the makers whose options its constructor reads.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface Construction {
  readonly call: TSESTree.NewExpression;
  readonly module: SourceCode;
  readonly file: string;
}

/** The `new` of a class declared in this module, here and in its importers (none read past `MAX_CALLERS`). */
export function constructionsOf(sourceCode: SourceCode, filename: string, classNode: TSESTree.Node): Construction[] {
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration || !classNode.id) return [];
  const [variable] = sourceCode.getDeclaredVariables(classNode);
  const local = madeThrough(variable).map((call) => ({ call, module: sourceCode, file: filename }));
  const exported = exportedAs(sourceCode, classNode, classNode.id.name);
  return exported === undefined ? local : [...local, ...importedConstructions(filename, exported)].slice(0, MAX_CALLERS);
}

function madeThrough(variable: TSESLint.Scope.Variable | undefined): TSESTree.NewExpression[] {
  return (variable?.references ?? []).flatMap(({ identifier }) => {
    const made = identifier.parent;
    return made?.type === AST_NODE_TYPES.NewExpression && made.callee === identifier ? [made] : [];
  });
}

/**
 * The name a module-level declaration is exported under: `export class Name`, `export const name = ...`, `export
 * default class Name`, `export default name`, `export { name as other }`.
 */
export function exportedAs(sourceCode: SourceCode, declaration: TSESTree.Node, name: string): string | undefined {
  if (declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return name;
  if (declaration.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type === AST_NODE_TYPES.Identifier && statement.declaration.name === name) return 'default';
    // CommonJS: `module.exports = Name` (the module is the class: 'default'), `module.exports = { Name }`, `exports.Name = Name`
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && isModuleExports(expression.left)) {
        const value = unwrapExpression(expression.right);
        if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return 'default';
      }
      const commonJs = commonJsExportOf(expression, name);
      if (commonJs !== undefined) return commonJs;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === name) {
        return specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
      }
    }
  }
  return undefined;
}

/** The `new` of `exported` in the modules importing `filename` by an import declaration. */
function importedConstructions(filename: string, exported: string): Construction[] {
  const found: Construction[] = [];
  for (const { file } of importersOf(filename) ?? []) {
    const text = readProjectFile(file);
    if (text === undefined || !text.includes('new ')) continue;
    const module = parseModule(file, text);
    if (!module) continue;
    for (const statement of module.ast.body) {
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declarations) found.push(...requiredConstructions(module, file, filename, declarator, exported));
      }
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type' || resolveProjectModule(statement.source.value, file) !== filename) continue;
      for (const specifier of statement.specifiers) {
        const imported = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default'
          : specifier.type === AST_NODE_TYPES.ImportSpecifier ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) : undefined;
        if (imported !== exported) continue;
        for (const call of madeThrough(module.getDeclaredVariables(specifier)[0])) found.push({ call, module, file });
      }
    }
    if (found.length > MAX_CALLERS) break;
  }
  return found;
}

/**
 * `const WebSocketClient = require('./websocket-client')` then `new WebSocketClient(url, options)` (the module is the
 * class), or `const { PlexAPI } = require('./plex')` then `new PlexAPI(...)`.
 */
function requiredConstructions(module: SourceCode, file: string, filename: string, declarator: TSESTree.VariableDeclarator, exported: string): Construction[] {
  const init = declarator.init && unwrapExpression(declarator.init);
  const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
  if (required?.type !== AST_NODE_TYPES.Literal || typeof required.value !== 'string' || resolveProjectModule(required.value, file) !== filename) return [];
  const variables = module.getDeclaredVariables(declarator);
  const bound = declarator.id.type === AST_NODE_TYPES.Identifier ? (exported === 'default' ? variables : [])
    : declarator.id.type === AST_NODE_TYPES.ObjectPattern ? declarator.id.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property && propertyKey(property) === exported && property.value.type === AST_NODE_TYPES.Identifier
        ? variables.filter((variable) => variable.name === (property.value as TSESTree.Identifier).name) : [])
      : [];
  return bound.flatMap((variable) => madeThrough(variable).map((call) => ({ call, module, file })));
}
