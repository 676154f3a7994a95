import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { parsedModuleCache, pathOf } from '../project/module-source.js';
import { resolveProjectModule } from '../project/resolution.js';

/**
 * The options a parameter's declared type lets a caller pass, when that type is written in the file or a project
 * module it imports: a type literal, or an interface or alias of the module (`options: FetchOptions = {}` with `interface FetchOptions { headers?;
 * method?; body? }`). A wrapper whose options type names no signal and no timeout cannot be given a bound by any
 * caller (`signal` in the caller's literal does not compile), so the bound belongs in the wrapper.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How deep aliases, extended interfaces, unions and intersections are followed. */
const MAX_TYPE_DEPTH = 8;

/**
 * The member names the parameter's declared type allows, or undefined when they cannot all be read: no annotation,
 * a type from a library (`RequestInit`), an index signature, a generic, a mapped type. `Pick`, `Omit`, `Partial`,
 * `Readonly` and `Required` of readable types are read.
 */
export function declaredOptionNames(sourceCode: SourceCode, param: TSESTree.Node | undefined): ReadonlySet<string> | undefined {
  let node = param;
  if (node?.type === AST_NODE_TYPES.TSParameterProperty) node = node.parameter;
  if (node?.type === AST_NODE_TYPES.AssignmentPattern) node = node.left;
  if (node?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const annotation = node.typeAnnotation?.typeAnnotation;
  return annotation && namesOf(sourceCode, annotation, 0);
}

function namesOf(sourceCode: SourceCode, type: TSESTree.TypeNode, depth: number): Set<string> | undefined {
  if (depth > MAX_TYPE_DEPTH) return undefined;
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeLiteral:
      return membersOf(type.members);
    case AST_NODE_TYPES.TSUndefinedKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
      return new Set();
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType: {
      const names = new Set<string>();
      for (const part of type.types) {
        const partNames = namesOf(sourceCode, part, depth + 1);
        if (!partNames) return undefined;
        for (const name of partNames) names.add(name);
      }
      return names;
    }
    case AST_NODE_TYPES.TSTypeReference: {
      if (type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (!type.typeArguments) return declaredNames(sourceCode, type.typeName.name, depth);
      // `Omit<Pick<Input, 'method' | 'data'> & { url: string }, 'userId'>`: the keys the utility types leave
      const [first, second] = type.typeArguments.params;
      switch (type.typeName.name) {
        case 'Pick':
          return second && literalKeys(second);
        case 'Omit': {
          const names = first && namesOf(sourceCode, first, depth + 1);
          const omitted = second && literalKeys(second);
          return names && omitted ? new Set([...names].filter((name) => !omitted.has(name))) : undefined;
        }
        case 'Partial':
        case 'Readonly':
        case 'Required':
          return first && namesOf(sourceCode, first, depth + 1);
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/**
 * The members of a module-level interface (with those it extends) or type alias named `name`, or of the one a project
 * module exports under the name imported (`import type { GmailHeaders } from './types'`).
 */
function declaredNames(sourceCode: SourceCode, name: string, depth: number): Set<string> | undefined {
  const imported = importedDeclaration(sourceCode, name);
  if (imported) return depth < MAX_TYPE_DEPTH ? declaredNames(imported.module, imported.name, depth + 1) : undefined;
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name && !declaration.typeParameters) {
      return namesOf(sourceCode, declaration.typeAnnotation, depth + 1);
    }
    if (declaration?.type !== AST_NODE_TYPES.TSInterfaceDeclaration || declaration.id.name !== name || declaration.typeParameters) continue;
    const names = membersOf(declaration.body.body);
    for (const heritage of declaration.extends) {
      const extended = heritage.expression.type === AST_NODE_TYPES.Identifier && !heritage.typeArguments
        ? declaredNames(sourceCode, heritage.expression.name, depth + 1) : undefined;
      if (!names || !extended) return undefined;
      for (const member of extended) names.add(member);
    }
    return names;
  }
  return undefined;
}

function membersOf(members: readonly TSESTree.TypeElement[]): Set<string> | undefined {
  const names = new Set<string>();
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature && member.type !== AST_NODE_TYPES.TSMethodSignature) return undefined;
    if (member.computed) return undefined;
    if (member.key.type === AST_NODE_TYPES.Identifier) names.add(member.key.name);
    else if (member.key.type === AST_NODE_TYPES.Literal) names.add(String(member.key.value));
    else return undefined;
  }
  return names;
}

/** Type modules of the project read for a declaration, by path, while their text stays the same. */
const typeModules = parsedModuleCache(64);

/** The project module, parsed, that an import of `name` in the file names, and the name it exports it under. */
function importedDeclaration(sourceCode: SourceCode, name: string): { module: SourceCode; name: string } | undefined {
  const from = pathOf(sourceCode.ast);
  if (!from) return undefined;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const specifier = statement.specifiers.find((candidate): candidate is TSESTree.ImportSpecifier => candidate.type === AST_NODE_TYPES.ImportSpecifier && candidate.local.name === name);
    if (!specifier) continue;
    const exported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
    const path = resolveProjectModule(statement.source.value, from);
    const text = path && readProjectFile(path);
    const module = path && text !== undefined && text.includes(exported) ? typeModules(path, text) : undefined;
    return module ? { module, name: exported } : undefined;
  }
  return undefined;
}

/** `'a' | 'b'` as the keys it names; anything but string literals (`keyof T`) may name any key. */
export function literalKeys(type: TSESTree.TypeNode): Set<string> | undefined {
  const members = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  const keys = new Set<string>();
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSLiteralType || member.literal.type !== AST_NODE_TYPES.Literal || typeof member.literal.value !== 'string') return undefined;
    keys.add(member.literal.value);
  }
  return keys;
}
