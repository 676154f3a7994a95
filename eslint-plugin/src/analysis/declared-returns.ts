import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { parsedModuleCache } from '../project/module-source.js';
import { resolveProjectModule } from '../project/resolution.js';
import { literalKeys } from './declared-option-names.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A helper's options spread into a call (`{ ...config, ...getOutboundConfig() }`) can only set what the helper's
 * declared return type names: `(): Pick<AxiosRequestConfig, 'httpAgent' | 'maxRedirects'>` cannot carry a `timeout`,
 * whatever its body does (the compiler checks it). This file reads that type, in the caller's module or in the
 * project module the helper is imported from.
 */

const MAX_DEPTH = 4;

/** The option names the declared return type of the function `call` calls allows, or undefined when it may hold any. */
export function declaredReturnKeys(sourceCode: SourceCode, call: TSESTree.CallExpression, filename: string | undefined): ReadonlySet<string> | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(callee) as never, callee) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    if (!filename || def.node.type !== AST_NODE_TYPES.ImportSpecifier || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const imported = def.node.imported;
    const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
    return importedReturnKeys(filename, declaration.source.value, name);
  }
  const returnType = functionReturnType(def.node);
  return returnType && keysOfType(sourceCode.ast, returnType.typeAnnotation, 0);
}

/** `function f(): T` or `const f = (): T => ...`: the declared return type. */
function functionReturnType(node: TSESTree.Node): TSESTree.TSTypeAnnotation | undefined {
  if (node.type === AST_NODE_TYPES.FunctionDeclaration) return node.returnType;
  if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
    const init = unwrapExpression(node.init);
    if (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) return init.returnType;
  }
  return undefined;
}

function importedReturnKeys(filename: string, specifier: string, name: string): ReadonlySet<string> | undefined {
  const path = resolveProjectModule(specifier, filename);
  const text = path && readProjectFile(path);
  if (!path || text === undefined || !text.includes(name)) return undefined;
  const module = parsed(path, text);
  if (!module) return undefined;
  for (const statement of module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || !statement.declaration) continue;
    const declaration = statement.declaration;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) {
      return declaration.returnType && keysOfType(module.ast, declaration.returnType.typeAnnotation, 0);
    }
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = declaration.declarations.find((candidate) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === name);
      const returnType = declarator && functionReturnType(declarator);
      if (declarator) return returnType && keysOfType(module.ast, returnType.typeAnnotation, 0);
    }
  }
  return undefined;
}

/** `Pick<T, 'a' | 'b'>`, `{ a: A; b?: B }`, through `Partial`/`Readonly` and the module's own type aliases. */
function keysOfType(program: TSESTree.Program, type: TSESTree.TypeNode, depth: number): ReadonlySet<string> | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) {
    const keys = new Set<string>();
    for (const member of type.members) {
      if (member.type !== AST_NODE_TYPES.TSPropertySignature && member.type !== AST_NODE_TYPES.TSMethodSignature) return undefined;
      if (member.computed || (member.key.type !== AST_NODE_TYPES.Identifier && member.key.type !== AST_NODE_TYPES.Literal)) return undefined;
      keys.add(member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : String(member.key.value));
    }
    return keys;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const [first, second] = type.typeArguments?.params ?? [];
  switch (type.typeName.name) {
    case 'Pick':
      return second && literalKeys(second);
    case 'Partial':
    case 'Readonly':
      return first && keysOfType(program, first, depth + 1);
    default: {
      const alias = typeAlias(program, type.typeName.name);
      return alias && !type.typeArguments ? keysOfType(program, alias, depth + 1) : undefined;
    }
  }
}

function typeAlias(program: TSESTree.Program, name: string): TSESTree.TypeNode | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name && !declaration.typeParameters) return declaration.typeAnnotation;
  }
  return undefined;
}

/** Parsed helper modules, by path, while their text stays the same; past this many the oldest are dropped. */
const parsed = parsedModuleCache(128);
