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
  const declared = depth <= MAX_TYPE_DEPTH ? declaration(sourceCode, name, depth) : undefined;
  if (!declared) return undefined;
  if (declared.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return namesOf(declared.module, declared.node.typeAnnotation, depth + 1);
  const names = membersOf(declared.node.body.body);
  for (const heritage of declared.node.extends) {
    const extended = heritage.expression.type === AST_NODE_TYPES.Identifier && !heritage.typeArguments
      ? declaredNames(declared.module, heritage.expression.name, depth + 1) : undefined;
    if (!names || !extended) return undefined;
    for (const member of extended) names.add(member);
  }
  return names;
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

/**
 * The string literals the declared type of one member of a parameter's options allows (`method` of `options:
 * RequestOptions` with `method: 'GET' | 'PUT' | 'POST'`, also through an alias of the union), read in the file or the
 * project module the options type is imported from. Undefined when any part cannot be read.
 */
export function declaredMemberLiterals(sourceCode: SourceCode, param: TSESTree.Node | undefined, member: string): ReadonlySet<string> | undefined {
  let node = param;
  if (node?.type === AST_NODE_TYPES.TSParameterProperty) node = node.parameter;
  if (node?.type === AST_NODE_TYPES.AssignmentPattern) node = node.left;
  const annotation = node?.type === AST_NODE_TYPES.Identifier ? node.typeAnnotation?.typeAnnotation : undefined;
  const found = annotation && memberType(sourceCode, annotation, member, 0);
  return found && literalsOf(found.module, found.type, 0);
}

function memberType(sourceCode: SourceCode, type: TSESTree.TypeNode, member: string, depth: number): { module: SourceCode; type: TSESTree.TypeNode } | undefined {
  if (depth > MAX_TYPE_DEPTH) return undefined;
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) return memberOf(sourceCode, type.members, member);
  if (type.type === AST_NODE_TYPES.TSIntersectionType) {
    for (const part of type.types) {
      const found = memberType(sourceCode, part, member, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (type.typeArguments) return /^(?:Partial|Readonly|Required)$/.test(type.typeName.name) && type.typeArguments.params[0] ? memberType(sourceCode, type.typeArguments.params[0], member, depth + 1) : undefined;
  const declared = declaration(sourceCode, type.typeName.name, depth);
  if (!declared) return undefined;
  if (declared.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return memberType(declared.module, declared.node.typeAnnotation, member, depth + 1);
  const own = memberOf(declared.module, declared.node.body.body, member);
  if (own) return own;
  for (const heritage of declared.node.extends) {
    if (heritage.expression.type !== AST_NODE_TYPES.Identifier || heritage.typeArguments) continue;
    const extended = declaration(declared.module, heritage.expression.name, depth + 1);
    const found = extended?.node.type === AST_NODE_TYPES.TSInterfaceDeclaration ? memberOf(extended.module, extended.node.body.body, member) : undefined;
    if (found) return found;
  }
  return undefined;
}

function memberOf(module: SourceCode, members: readonly TSESTree.TypeElement[], member: string): { module: SourceCode; type: TSESTree.TypeNode } | undefined {
  for (const candidate of members) {
    if (candidate.type !== AST_NODE_TYPES.TSPropertySignature || candidate.computed) continue;
    const key = candidate.key.type === AST_NODE_TYPES.Identifier ? candidate.key.name : candidate.key.type === AST_NODE_TYPES.Literal ? String(candidate.key.value) : undefined;
    const type = candidate.typeAnnotation?.typeAnnotation;
    if (key === member && type) return { module, type };
  }
  return undefined;
}

/** `'GET' | 'POST'`, or an alias of it (`method: HttpMethod`): the strings it allows. */
function literalsOf(module: SourceCode, type: TSESTree.TypeNode, depth: number): Set<string> | undefined {
  if (depth > MAX_TYPE_DEPTH) return undefined;
  if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && !type.typeArguments) {
    const declared = declaration(module, type.typeName.name, depth);
    return declared?.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration ? literalsOf(declared.module, declared.node.typeAnnotation, depth + 1) : undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSUnionType) return literalKeys(type);
  const found = new Set<string>();
  for (const part of type.types) {
    const literals = literalsOf(module, part, depth + 1);
    if (!literals) return undefined;
    for (const literal of literals) found.add(literal);
  }
  return found;
}

type TypeDeclaration = { module: SourceCode; node: TSESTree.TSTypeAliasDeclaration | TSESTree.TSInterfaceDeclaration };

/**
 * The interface or type alias `name` names in the file: declared there, or exported by the project module it is
 * imported from; generic ones too (which of its members are optional does not depend on the type arguments).
 */
export function declaredType(sourceCode: SourceCode, name: string): TypeDeclaration | undefined {
  return declaration(sourceCode, name, 0, true);
}

/**
 * The module-level interface or type alias named `name` (without type parameters, unless `generic`), here or in the
 * project module it is imported from.
 */
function declaration(sourceCode: SourceCode, name: string, depth: number, generic = false): TypeDeclaration | undefined {
  const imported = importedDeclaration(sourceCode, name);
  if (imported) return depth < MAX_TYPE_DEPTH ? declaration(imported.module, imported.name, depth + 1, generic) : undefined;
  for (const statement of sourceCode.ast.body) {
    const declared = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if ((declared?.type === AST_NODE_TYPES.TSTypeAliasDeclaration || declared?.type === AST_NODE_TYPES.TSInterfaceDeclaration) && declared.id.name === name && (generic || !declared.typeParameters)) {
      return { module: sourceCode, node: declared };
    }
  }
  return undefined;
}
