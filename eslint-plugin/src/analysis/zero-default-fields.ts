import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { parsedModuleCache, pathOf } from '../project/module-source.js';
import { resolveProjectModule } from '../project/resolution.js';
import { exportedConstant } from './exported-constants.js';
import { walk } from './loops.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * An SDK's settings class sets its request timeout from what its user gave, or a default of 0, which the client reads
 * as "no timeout" (`this.requestTimeout = config?.requestTimeout || DEFAULT_REQUEST_TIMEOUT`, with
 * `DEFAULT_REQUEST_TIMEOUT = 0` in its constants module), and its request layer passes it on (`timeout:
 * config.requestTimeout`, `config: AlchemyConfig`): out of the box every request goes without a bound.
 */

const classModules = parsedModuleCache(64);

/**
 * Whether `value` is `settings.field`, `settings` declared as a class of this module or one it imports from the
 * project, whose every write of `field` (its initialiser, `this.field = ...` in the class) leaves it 0, null or
 * undefined unless the class's user gives one (`given || 0`, `given ?? DEFAULT` with `DEFAULT = 0`).
 */
export function fieldDefaultsToNoTimeout(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  const target = unwrapExpression(value);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.Identifier) return false;
  const field = staticPropertyName(target);
  const className = field === undefined ? undefined : declaredClassName(sourceCode, target.object);
  const found = className === undefined ? undefined : classNamed(sourceCode, className);
  return found !== undefined && writesLeaveUnset(found.sourceCode, found.declaration, field!);
}

/** `settings: Settings`, `private readonly config: AlchemyConfig`: the class a variable or parameter is declared as. */
function declaredClassName(sourceCode: SourceCode, identifier: TSESTree.Identifier): string | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const name = variable?.defs.length === 1 ? variable.defs[0]!.name : undefined;
  const annotation = name?.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
  return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && !annotation.typeArguments
    ? annotation.typeName.name : undefined;
}

/** The class declared by that name in this module, or in the project module it is imported from. */
function classNamed(sourceCode: SourceCode, name: string): { sourceCode: SourceCode; declaration: TSESTree.ClassDeclaration } | undefined {
  const local = classIn(sourceCode, name);
  if (local) return { sourceCode, declaration: local };
  const file = pathOf(sourceCode.ast);
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const specifier = statement.specifiers.find((candidate) => candidate.local.name === name && candidate.type === AST_NODE_TYPES.ImportSpecifier);
    if (!specifier || specifier.type !== AST_NODE_TYPES.ImportSpecifier || !file) continue;
    const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
    const path = resolveProjectModule(statement.source.value, file);
    const text = path && readProjectFile(path);
    const module = path && text !== undefined && text.includes(imported) ? classModules(path, text) : undefined;
    const declaration = module && classIn(module, imported);
    return module && declaration ? { sourceCode: module, declaration } : undefined;
  }
  return undefined;
}

function classIn(sourceCode: SourceCode, name: string): TSESTree.ClassDeclaration | undefined {
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) return declaration;
  }
  return undefined;
}

/** Every write of the field leaves it unset unless the class's user gives it: at least one, and no other. */
function writesLeaveUnset(sourceCode: SourceCode, declaration: TSESTree.ClassDeclaration, field: string): boolean {
  const writes: TSESTree.Expression[] = [];
  let other = false;
  walk(declaration.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && memberKeyName(node) === field && node.value) writes.push(node.value);
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression
      && node.left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(node.left) === field) {
      if (node.operator === '=') writes.push(node.right);
      else other = true;
    }
    return true;
  });
  return !other && writes.length > 0 && writes.every((write) => defaultsToNothing(sourceCode, write));
}

/** `given || 0`, `given ?? DEFAULT_TIMEOUT` (a constant of 0 here or in a module it imports), `0`, `undefined`. */
function defaultsToNothing(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  const target = unwrapExpression(node);
  if (depth > 3) return false;
  if (target.type === AST_NODE_TYPES.Literal) return target.value === 0 || target.value === null;
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '&&') return defaultsToNothing(sourceCode, target.right, depth + 1);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  if (target.name === 'undefined') return true;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === 'Variable' && definition.parent?.type === AST_NODE_TYPES.VariableDeclaration && definition.parent.kind === 'const' && definition.node.init) {
    return defaultsToNothing(sourceCode, definition.node.init, depth + 1);
  }
  const file = pathOf(sourceCode.ast);
  if (definition?.type !== 'ImportBinding' || !file || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  const declaration = definition.parent as TSESTree.ImportDeclaration;
  const imported = definition.node.imported.type === AST_NODE_TYPES.Identifier ? definition.node.imported.name : definition.node.imported.value;
  const constant = exportedConstant(file, declaration.source.value, imported);
  return constant !== undefined && defaultsToNothing(constant.sourceCode, constant.expression, depth + 1);
}
