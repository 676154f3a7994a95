import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { parsedModuleCache, pathOf } from '../project/module-source.js';
import { resolveProjectModule } from '../project/resolution.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A context object typed by an interface another module of the project declares (`ctx: Context` with `import {
 * Context } from '..'`, re-exported by the package's index from `./types`, where `interface Context { http:
 * HTTPClient; client: GraphQLClient }`): the class a member is declared with there, as that module imports it. A
 * CLI's tasks reach every client through such a context.
 */
export interface ImportedMemberType {
  /** The module that declares the member, and the import there that names its class. */
  readonly modulePath: string;
  readonly specifier: string;
  readonly imported: string;
}

/** Re-exports followed from the importing file to the declaration, at most. */
const MAX_HOPS = 4;
const typeModules = parsedModuleCache(64);

export function importedMemberType(sourceCode: SourceCode, typeName: string, member: string): ImportedMemberType | undefined {
  const from = pathOf(sourceCode.ast);
  const imported = from && importOf(sourceCode, typeName);
  if (!from || !imported) return undefined;
  let path = resolveProjectModule(imported.specifier, from);
  let name = imported.imported;
  for (let hops = 0; path && hops < MAX_HOPS; hops += 1) {
    const text = readProjectFile(path);
    const module = text !== undefined && text.includes(name) ? typeModules(path, text) : undefined;
    if (!module) return undefined;
    const declared = memberOfDeclaration(module, name, member);
    if (declared) {
      const classImport = declared.type === AST_NODE_TYPES.TSTypeReference && declared.typeName.type === AST_NODE_TYPES.Identifier && !declared.typeArguments
        ? importOf(module, declared.typeName.name) : undefined;
      return classImport && { modulePath: path, ...classImport };
    }
    // `export type { Context } from './types'`: one hop further
    const reexport = reexportOf(module, name);
    if (!reexport) return undefined;
    path = resolveProjectModule(reexport.specifier, path);
    name = reexport.imported;
  }
  return undefined;
}

/** The type of `member` in the module's interface or type literal alias `name`, when the module declares it. */
function memberOfDeclaration(module: SourceCode, name: string, member: string): TSESTree.TypeNode | undefined {
  for (const statement of module.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    let members: readonly TSESTree.TypeElement[] | undefined;
    if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration && declaration.id.name === name) members = declaration.body.body;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name && declaration.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral) {
      members = declaration.typeAnnotation.members;
    }
    for (const element of members ?? []) {
      if (element.type === AST_NODE_TYPES.TSPropertySignature && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === member) {
        return element.typeAnnotation?.typeAnnotation;
      }
    }
  }
  return undefined;
}

/** The import that brings `local` into the module: its specifier and the name it imports (`default` too). */
function importOf(module: SourceCode, local: string): { specifier: string; imported: string } | undefined {
  for (const statement of module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.name !== local) continue;
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { specifier: statement.source.value, imported: 'default' };
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        return { specifier: statement.source.value, imported: specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value };
      }
    }
  }
  return undefined;
}

/** `export { Context } from './types'` (or `export type { ... }`) in the module. */
function reexportOf(module: SourceCode, name: string): { specifier: string; imported: string } | undefined {
  for (const statement of module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || !statement.source) continue;
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
      if (exported !== name) continue;
      return { specifier: statement.source.value, imported: specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value };
    }
  }
  return undefined;
}
