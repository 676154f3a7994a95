import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { parsedModuleCache } from '../project/module-source.js';
import { resolveProjectModule } from '../project/resolution.js';

// An app keeps where its back end is in one settings module (`export const API_HOST = import.meta.env.VITE_APP_API_HOST
// || 'http://localhost:4019'`) and every page imports the name. Where a request built on it goes is decided by that
// module's value, read there as it would be read in the page: this file finds it.

/** A constant's value in the module that exports it, with that module's code and path to read it against. */
export interface ExportedConstant {
  readonly expression: TSESTree.Expression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly file: string;
}

/** Re-exports (`export { API_HOST } from './env'`) followed this many hops and no more. */
const MAX_HOPS = 3;

/**
 * Set-up scripts copy a settings module from a template kept in the repository (chartbrew's
 * `cp src/config/settings.template.js src/config/settings.js`, the copy ignored by git): where the module itself is
 * missing, its template says what it holds.
 */
const TEMPLATE_SUFFIXES = ['.template', '.example', '.sample'];

/**
 * The value of `name` as exported by the module `specifier` imported from `file`: an `export const`, or a top-level
 * `const` exported by name, also through re-exports. Undefined when the module is not the project's, does not parse, or
 * exports the name otherwise (a `let`, a function, CommonJS).
 */
export function exportedConstant(file: string, specifier: string, name: string, hops = 0): ExportedConstant | undefined {
  const path = resolveProjectModule(specifier, file) ?? templateOf(file, specifier);
  const text = path && readProjectFile(path);
  // most imported names are not constants of a settings module: no parse for a module that does not mention the name
  if (!path || text === undefined || !text.includes(name)) return undefined;
  const sourceCode = parsed(path, text);
  if (!sourceCode) return undefined;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declared = statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration ? constantIn(statement.declaration, name) : undefined;
    if (declared) return { expression: declared, sourceCode, file: path };
    for (const exported of statement.specifiers) {
      if (nameOf(exported.exported) !== name) continue;
      const local = nameOf(exported.local);
      if (statement.source) return hops < MAX_HOPS ? exportedConstant(path, statement.source.value, local, hops + 1) : undefined;
      const expression = topLevelConstant(sourceCode.ast, local);
      return expression ? { expression, sourceCode, file: path } : undefined;
    }
  }
  return undefined;
}

function templateOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  for (const suffix of TEMPLATE_SUFFIXES) {
    const found = resolveProjectModule(`${specifier}${suffix}`, file);
    if (found) return found;
  }
  return undefined;
}

function constantIn(declaration: TSESTree.VariableDeclaration, name: string): TSESTree.Expression | undefined {
  if (declaration.kind !== 'const') return undefined;
  const declarator = declaration.declarations.find((candidate) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === name);
  return declarator?.init ?? undefined;
}

function topLevelConstant(program: TSESTree.Program, name: string): TSESTree.Expression | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    const found = declaration?.type === AST_NODE_TYPES.VariableDeclaration ? constantIn(declaration, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** Parsed settings modules, by path; a process lints many apps: past this many modules the oldest are dropped. */
const parsed = parsedModuleCache(256);
