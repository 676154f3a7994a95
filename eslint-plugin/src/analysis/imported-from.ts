import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { parsedModuleCache, pathOf } from '../project/module-source.js';
import { resolveProjectModule } from '../project/resolution.js';
import { isFunction, type FunctionNode } from './loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

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

/** The project modules whose functions are looked into, parsed once while their text stays the same. */
const parsed = parsedModuleCache(128);

/**
 * `httpGet(url)` after `import { httpGet } from './_common/http.js'` (or `const { httpGet } = require(...)`): that
 * function, declared in the project module
 * (`from`: the path of the importing module, known by itself for a module read for the project model).
 */
export function importedProjectFunction(source: SourceCode, callee: TSESTree.Node, from = pathOf(source.ast)): { source: SourceCode; fn: FunctionNode } | undefined {
  // `Scheduler.backoffFor(...)`: a static method of a class the module imports
  const method = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  const root = method !== undefined ? (callee as TSESTree.MemberExpression).object : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(source.getScope(root), root)?.defs[0];
  if (!from) return undefined;
  // `const { cleanOptions } = require('./clean')`, `const clean = require('./clean')`: a CommonJS module's export
  if (method === undefined && definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator) {
    const required = requiredSpecifier(definition.node.init);
    const pattern = definition.node.id;
    const property = pattern.type === AST_NODE_TYPES.ObjectPattern
      ? pattern.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && candidate.value === definition.name) : undefined;
    const name = pattern.type === AST_NODE_TYPES.Identifier ? MODULE_ITSELF
      : property?.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    return required !== undefined && name !== undefined ? exportedFunction(required, from, name, 0) : undefined;
  }
  const specifier = definition?.type === 'ImportBinding' ? definition.node : undefined;
  const declaration = definition?.type === 'ImportBinding' ? definition.parent : undefined;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  // `import http from './api/http'`: the module's default export
  if (specifier?.type === AST_NODE_TYPES.ImportDefaultSpecifier && method === undefined) return exportedFunction(declaration.source.value, from, 'default', 0);
  if (specifier?.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const name = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  return exportedFunction(declaration.source.value, from, name, 0, method);
}

/** The name asked of a module for what `module.exports = fn` exports: the module itself. */
const MODULE_ITSELF = '\0module';

/** `'./clean'` of `require('./clean')`. */
function requiredSpecifier(init: TSESTree.Expression | null): string | undefined {
  if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require') return undefined;
  const [specifier] = init.arguments;
  return specifier?.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string' ? specifier.value : undefined;
}

/**
 * What a CommonJS module exports as `name`: `module.exports = { name }` (or `{ name: local }`), `module.exports.name =
 * ...`, `exports.name = ...`, or the module itself, `module.exports = fn`; a function, or the local one it names.
 */
function commonJsExport(program: TSESTree.Program, name: string): FunctionNode | undefined {
  const isModuleExports = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && !node.computed
    && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'module' && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'exports';
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    let value: TSESTree.Node | undefined;
    if (isModuleExports(left)) {
      if (name === MODULE_ITSELF) value = right;
      else if (right.type === AST_NODE_TYPES.ObjectExpression) {
        const property = right.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed
          && candidate.key.type === AST_NODE_TYPES.Identifier && candidate.key.name === name);
        value = property?.type === AST_NODE_TYPES.Property ? property.value : undefined;
      }
    } else if (left.type === AST_NODE_TYPES.MemberExpression && !left.computed && left.property.type === AST_NODE_TYPES.Identifier && left.property.name === name
      && (isModuleExports(left.object) || (left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'exports'))) {
      value = right;
    }
    if (!value) continue;
    if (isFunction(value)) return value;
    return value.type === AST_NODE_TYPES.Identifier ? localFunction(program, value.name) : undefined;
  }
  return undefined;
}

/** The function a module declares by `name` at its top level (`function name() {}`, `const name = () => {}`). */
function localFunction(program: TSESTree.Program, name: string): FunctionNode | undefined {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name) return statement;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init && isFunction(declarator.init)) return declarator.init;
    }
  }
  return undefined;
}

/** How many barrels (`export * from './utils'`, `export { get } from './http'`) are followed to the declaration. */
const MAX_REEXPORTS = 3;

/** The function the project module `specifier` exports as `name`, declared there or re-exported from another. */
function exportedFunction(specifier: string, from: string, name: string, depth: number, staticMethod?: string): { source: SourceCode; fn: FunctionNode } | undefined {
  const path = resolveProjectModule(specifier, from);
  const text = path && readProjectFile(path);
  const module = path && text !== undefined ? parsed(path, text) : undefined;
  if (!module) return undefined;
  const required = staticMethod === undefined ? commonJsExport(module.ast, name) : undefined;
  if (required) return { source: module, fn: required };
  for (const statement of module.ast.body) {
    if (name === 'default' && staticMethod === undefined && statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const exported = statement.declaration;
      if (isFunction(exported)) return { source: module, fn: exported };
      const local = exported.type === AST_NODE_TYPES.Identifier ? localFunction(module.ast, exported.name) : undefined;
      return local ? { source: module, fn: local } : undefined;
    }
    const declared = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : undefined;
    if (staticMethod !== undefined) {
      if (declared?.type !== AST_NODE_TYPES.ClassDeclaration || declared.id?.name !== name) continue;
      const member = declared.body.body.find((candidate) => candidate.type === AST_NODE_TYPES.MethodDefinition && candidate.static && !candidate.computed
        && candidate.key.type === AST_NODE_TYPES.Identifier && candidate.key.name === staticMethod);
      return member?.type === AST_NODE_TYPES.MethodDefinition && member.value.body ? { source: module, fn: member.value } : undefined;
    }
    if (declared?.type === AST_NODE_TYPES.FunctionDeclaration && declared.id?.name === name) return { source: module, fn: declared };
    if (declared?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declared.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init && isFunction(declarator.init)) return { source: module, fn: declarator.init };
    }
  }
  if (depth >= MAX_REEXPORTS) return undefined;
  for (const statement of module.ast.body) {
    if ((statement.type !== AST_NODE_TYPES.ExportAllDeclaration || statement.exported) && statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    if (!statement.source) continue;
    const named = statement.type === AST_NODE_TYPES.ExportNamedDeclaration
      ? statement.specifiers.find((candidate) => (candidate.exported.type === AST_NODE_TYPES.Identifier ? candidate.exported.name : candidate.exported.value) === name)
      : undefined;
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !named) continue;
    const inner = named && named.local.type === AST_NODE_TYPES.Identifier ? named.local.name : name;
    const found = exportedFunction(statement.source.value, path!, inner, depth + 1, staticMethod);
    if (found) return found;
  }
  return undefined;
}
