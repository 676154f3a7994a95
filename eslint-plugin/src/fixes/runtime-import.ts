import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_RUNTIME_MODULE } from '../analysis/settings.js';
import { dependencyVersion } from '../project/dependency-versions.js';
import { lineBreak, quoted, requireSpecifier, semicolon } from './code-style.js';
import type { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The public exports of `@resilint/runtime` that fixes generate code for. */
export type RuntimeExport =
  | 'retry'
  | 'circuitBreaker'
  | 'timeout'
  | 'fallback'
  | 'bulkhead'
  | 'pipeline'
  | 'exponentialBackoff'
  | 'once'
  | 'TimeoutError'
  | 'BrokenCircuitError'
  | 'BulkheadRejectedError';

export type RuntimeNames<Name extends RuntimeExport> = Record<Name, string>;

interface ExistingImports {
  /** export -> the local name bound to it in this file (`timeout`, `t`) */
  readonly bound: Map<string, string>;
  /** a namespace import or whole-module require through which every export is reachable */
  readonly namespace: string | undefined;
  /** a named import (or CommonJS destructuring) the new names can join */
  readonly mergeTarget:
    | { kind: 'import'; after: TSESTree.Node }
    | { kind: 'require'; after: TSESTree.Node }
    | { kind: 'empty-import'; openBrace: TSESTree.Token }
    | undefined;
}

/**
 * Whether code of the file can import the runtime as it is: a module of the user's own named in the settings, or
 * `@resilint/runtime` installed, locked or declared on the way up. Where it cannot, a fix importing it does not run
 * until the package is added, so the fixes that need nothing come first.
 */
export function runtimeAvailable(filename: string, runtimeModule: string): boolean {
  return runtimeModule !== DEFAULT_RUNTIME_MODULE || dependencyVersion(filename, DEFAULT_RUNTIME_MODULE) !== undefined;
}

/**
 * Makes `names` available from the runtime module and returns, for each, the expression to write in the
 * file. Reuses what is already imported (under any alias or a namespace), joins an existing import from the
 * module, and otherwise adds one in the file's module system and quote style; a name that is already taken
 * anywhere in the file is imported under `resilint<Name>` so no local binding is shadowed or redeclared.
 */
export function importRuntime<Name extends RuntimeExport>(
  sourceCode: SourceCode,
  runtimeModule: string,
  names: readonly Name[],
  edits: SourceEdits,
): RuntimeNames<Name> {
  return importNames(sourceCode, runtimeModule, names, edits);
}

/** The same for named exports of any module (a fix that configures a library imports from it). */
export function importNames<Name extends string>(
  sourceCode: SourceCode,
  moduleName: string,
  names: readonly Name[],
  edits: SourceEdits,
): Record<Name, string> {
  const existing = findExistingImports(sourceCode, moduleName);
  const taken = namesInUse(sourceCode);
  const result = {} as Record<Name, string>;
  const missing: { name: Name; local: string }[] = [];
  for (const name of names) {
    const bound = existing.bound.get(name) ?? (existing.namespace === undefined ? undefined : `${existing.namespace}.${name}`);
    if (bound !== undefined) {
      result[name] = bound;
      continue;
    }
    if (missing.some((entry) => entry.name === name)) continue;
    const local = freeName(name, taken);
    taken.add(local);
    missing.push({ name, local });
    result[name] = local;
  }
  if (missing.length === 0) return result;

  const target = existing.mergeTarget;
  const commonJs = target?.kind === 'require' || (target === undefined && isCommonJs(sourceCode));
  const specifiers = missing
    .map(({ name, local }) => (name === local ? name : commonJs ? `${name}: ${local}` : `${name} as ${local}`))
    .join(', ');
  if (target?.kind === 'import' || target?.kind === 'require') {
    edits.insert(target.after.range[1], `, ${specifiers}`);
  } else if (target?.kind === 'empty-import') {
    edits.insert(target.openBrace.range[1], ` ${specifiers} `);
  } else {
    const statement = commonJs
      ? `const { ${specifiers} } = require(${quoted(sourceCode, moduleName)})${semicolon(sourceCode)}`
      : `import { ${specifiers} } from ${quoted(sourceCode, moduleName)}${semicolon(sourceCode)}`;
    insertModuleStatement(sourceCode, statement, edits, commonJs);
  }
  return result;
}

/**
 * Inserts a statement at the top of the module: after its imports (or requires), else before its first
 * statement (after directives such as 'use strict'). Module-level declarations made by fixes go here too,
 * after the import a fix may add in the same edit.
 */
export function insertModuleStatement(
  sourceCode: SourceCode,
  statement: string,
  edits: SourceEdits,
  commonJs = isCommonJs(sourceCode),
): void {
  const body = sourceCode.ast.body;
  const eol = lineBreak(sourceCode);
  let anchor: TSESTree.ProgramStatement | undefined;
  for (const node of body) {
    const isImport =
      node.type === 'ImportDeclaration' ||
      node.type === 'TSImportEqualsDeclaration' ||
      (commonJs && requireSpecifier(node) !== undefined) ||
      (node.type === 'ExpressionStatement' && 'directive' in node && typeof node.directive === 'string');
    if (isImport) anchor = node;
    else break;
  }
  if (anchor) {
    edits.insert(anchor.range[1], eol + statement);
  } else {
    const first = body[0];
    edits.insert(first ? first.range[0] : sourceCode.text.length, statement + eol + (first ? eol : ''));
  }
}

/** A file is CommonJS when it has no ESM syntax and requires or exports the CommonJS way. */
export function isCommonJs(sourceCode: SourceCode): boolean {
  let known = commonJsCache.get(sourceCode.ast);
  if (known === undefined) {
    known = detectCommonJs(sourceCode);
    commonJsCache.set(sourceCode.ast, known);
  }
  return known;
}

const commonJsCache = new WeakMap<TSESTree.Program, boolean>();

function detectCommonJs(sourceCode: SourceCode): boolean {
  const body = sourceCode.ast.body;
  const esm = body.some(
    (node) =>
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportNamedDeclaration' ||
      node.type === 'ExportDefaultDeclaration' ||
      node.type === 'ExportAllDeclaration',
  );
  if (esm) return false;
  if (sourceCode.ast.sourceType === 'script') return true;
  return body.some((node) => requireSpecifier(node) !== undefined || assignsModuleExports(node));
}

function assignsModuleExports(node: TSESTree.ProgramStatement): boolean {
  if (node.type !== 'ExpressionStatement' || node.expression.type !== 'AssignmentExpression') return false;
  let target: TSESTree.Node = node.expression.left;
  while (target.type === 'MemberExpression') target = target.object;
  return target.type === 'Identifier' && (target.name === 'module' || target.name === 'exports');
}

function findExistingImports(sourceCode: SourceCode, moduleName: string): ExistingImports {
  let perModule = existingImportsCache.get(sourceCode.ast);
  if (!perModule) {
    perModule = new Map();
    existingImportsCache.set(sourceCode.ast, perModule);
  }
  let found = perModule.get(moduleName);
  if (!found) {
    found = scanImports(sourceCode, moduleName);
    perModule.set(moduleName, found);
  }
  return found;
}

const existingImportsCache = new WeakMap<TSESTree.Program, Map<string, ExistingImports>>();

function scanImports(sourceCode: SourceCode, moduleName: string): ExistingImports {
  const bound = new Map<string, string>();
  let namespace: string | undefined;
  let mergeTarget: ExistingImports['mergeTarget'];
  for (const statement of sourceCode.ast.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.source.value !== moduleName || statement.importKind === 'type') continue;
      const named = statement.specifiers.filter(
        (specifier): specifier is TSESTree.ImportSpecifier => specifier.type === 'ImportSpecifier',
      );
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportNamespaceSpecifier') {
          namespace ??= specifier.local.name;
        } else if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') {
          bound.set(importedName(specifier), specifier.local.name);
        }
      }
      const last = named.at(-1);
      if (last) {
        mergeTarget ??= { kind: 'import', after: last };
      } else if (statement.specifiers.length === 0) {
        // `import {} from '…'` (or a side-effect import): a brace pair to fill, if there is one
        const openBrace = sourceCode.getFirstToken(statement, { filter: (token) => token.value === '{' });
        if (openBrace) mergeTarget ??= { kind: 'empty-import', openBrace };
      }
      continue;
    }
    const specifier = requireSpecifier(statement);
    if (specifier?.value !== moduleName || statement.type !== 'VariableDeclaration') continue;
    const id = statement.declarations[0]?.id;
    if (id?.type === 'Identifier') {
      namespace ??= id.name;
    } else if (id?.type === 'ObjectPattern') {
      for (const property of id.properties) {
        if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
        if (property.value.type === 'Identifier') bound.set(property.key.name, property.value.name);
      }
      const last = id.properties.at(-1);
      if (last && last.type !== 'RestElement') mergeTarget ??= { kind: 'require', after: last };
    }
  }
  return { bound, namespace, mergeTarget };
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
}

/**
 * Every name declared anywhere in the file or read from the global scope: a new module-level name must not
 * collide with any of them, or it would be redeclared or shadowed at the place the fix uses it.
 */
export function namesInUse(sourceCode: SourceCode): TakenNames {
  let names = namesCache.get(sourceCode.ast);
  if (!names) {
    const found = new Set<string>();
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const variable of scope.variables) found.add(variable.name);
      for (const reference of scope.through) found.add(reference.identifier.name);
    }
    namesCache.set(sourceCode.ast, found);
    names = found;
  }
  return new TakenNames(names);
}

/** The file's names plus the ones a fix is about to introduce (the file's set is shared, never copied). */
export class TakenNames {
  private readonly added = new Set<string>();

  constructor(private readonly inFile: ReadonlySet<string>) {}

  has(name: string): boolean {
    return this.inFile.has(name) || this.added.has(name);
  }

  add(name: string): void {
    this.added.add(name);
  }
}

// Every suggestion of every finding asks; the answer is the same for the whole file.
const namesCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** `name` if free, else `resilint<Name>`, then numbered. */
export function freeName(name: string, taken: Pick<ReadonlySet<string>, 'has'>): string {
  if (!taken.has(name)) return name;
  const prefixed = `resilint${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
  if (!taken.has(prefixed)) return prefixed;
  let counter = 2;
  while (taken.has(`${prefixed}${counter}`)) counter++;
  return `${prefixed}${counter}`;
}
