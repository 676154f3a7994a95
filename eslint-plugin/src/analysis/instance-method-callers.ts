import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { roleFromPath } from '../project/file-roles.js';
import { importersOf } from '../project/importers.js';
import { parseModule } from '../project/module-source.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { getFileNodes, walk } from './loops.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export interface MethodCall {
  readonly call: TSESTree.CallExpression;
  readonly source: SourceCode;
  readonly file: string;
}

/** Past this many calls the question is not asked: a layer's callers, not the whole program. */
const MAX_CALLS = 16;

/**
 * The calls of a method of an exported class: `this.method(...)` in the class; `this.field.method(...)` in the modules
 * importing the class, where the field holds an instance they are handed (NestJS injects it: `constructor(private
 * readonly aiService: AiService)`); and `instance.method(...)` on an instance a module makes and keeps to itself
 * (`const networkUtils = new NetworkUtils()`, a CLI's API clients); tests left out. Undefined when one cannot be told: a module naming
 * the method other than so, an instance handed on or exported, more than `limit` calls, a module that does not parse,
 * or no module but the class's own calling it.
 */
export function instanceMethodCalls(sourceCode: SourceCode, filename: string, fn: FunctionLike, limit = MAX_CALLS): MethodCall[] | undefined {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'method' || method.static || method.computed) return undefined;
  const name = memberKeyName(method);
  const owner = method.parent.parent;
  if (name === undefined || owner.type !== AST_NODE_TYPES.ClassDeclaration || !owner.id) return undefined;
  const exported = exportName(sourceCode, owner, owner.id.name);
  if (exported === undefined) return undefined;
  const calls: MethodCall[] = getFileNodes(sourceCode).calls
    .filter((call) => call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.object.type === AST_NODE_TYPES.ThisExpression
      && staticPropertyName(call.callee) === name && owner.range[0] <= call.range[0] && call.range[1] <= owner.range[1])
    .map((call) => ({ call, source: sourceCode, file: filename }));
  const own = instanceCalls(sourceCode, filename, sourceCode.getDeclaredVariables(owner)[0], name, owner);
  if (own === undefined) return undefined;
  calls.push(...own);
  const importers = importersOf(filename);
  if (!importers) return undefined;
  for (const { file, relativePath } of importers) {
    // a test's calls (mocks, spies on the instance) say nothing of how the program calls it
    if (roleFromPath(relativePath) !== 'product') continue;
    const text = readProjectFile(file);
    if (text === undefined || !text.includes(`.${name}`) || (exported !== 'default' && !text.includes(exported))) continue;
    const module = parseModule(file, text);
    if (!module) return undefined;
    const local = importedClass(module, file, filename, exported);
    if (local === undefined) continue;
    const found = instanceCalls(module, file, local, name);
    if (found === undefined) return undefined;
    calls.push(...found);
    if (calls.length > limit) return undefined;
  }
  // no module in view calls it so: a class others may use as an API, not a service of this program
  return calls.some((found) => found.source !== sourceCode) ? calls : undefined;
}

/**
 * The calls of `name` in a module on what holds an instance of the class bound to `local`: fields typed with it, and
 * variables it is made into. Undefined when the method is named on anything else, or such a variable is handed on or
 * exported (its calls are then elsewhere). `skip`: the class itself, whose `this.` calls are counted apart.
 */
function instanceCalls(module: SourceCode, file: string, local: TSESLint.Scope.Variable | undefined, name: string, skip?: TSESTree.Node): MethodCall[] | undefined {
  if (!local) return undefined;
  const fields = fieldsHolding(module, local.name);
  const instances = new Set<TSESLint.Scope.Variable>();
  for (const { identifier } of local.references) {
    const made = identifier.parent;
    if (made?.type !== AST_NODE_TYPES.NewExpression || made.callee !== identifier) continue;
    const declarator = made.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || unwrapExpression(declarator.init!) !== made || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
    const [variable] = module.getDeclaredVariables(declarator);
    if (!variable) return undefined;
    // every use a member of it (`networkUtils.sendApiRequest`): handed on, its calls would be out of view
    if (variable.references.some((reference) => !reference.init && !(reference.identifier.parent?.type === AST_NODE_TYPES.MemberExpression && reference.identifier.parent.object === reference.identifier))) return undefined;
    instances.add(variable);
  }
  const onInstance = (holder: TSESTree.Node): boolean => holder.type === AST_NODE_TYPES.Identifier
    && [...instances].some((variable) => variable.references.some((reference) => reference.identifier === holder));
  const onField = (holder: TSESTree.Node): boolean => holder.type === AST_NODE_TYPES.MemberExpression && holder.object.type === AST_NODE_TYPES.ThisExpression
    && fields.has(staticPropertyName(holder) ?? '');
  const calls: MethodCall[] = [];
  let named = 0;
  walk(module.ast, module.visitorKeys, (node) => {
    if (node === skip) return false;
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== name) return true;
    named++;
    if ((onField(node.object) || onInstance(node.object)) && node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node) {
      calls.push({ call: node.parent, source: module, file });
    }
    return true;
  });
  // the method named on something else (an instance made elsewhere, a field of another type): not every call is known
  return named === calls.length ? calls : undefined;
}

/** The name a class is exported under: `export class Name`, `export default class Name`, `export default Name`. */
function exportName(sourceCode: SourceCode, owner: TSESTree.ClassDeclaration, className: string): string | undefined {
  if (owner.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return className;
  if (owner.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  const byName = sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
    && statement.declaration.type === AST_NODE_TYPES.Identifier && statement.declaration.name === className);
  return byName ? 'default' : undefined;
}

/** What an import of `filename` binds its export `exported` to (`import { AiService }`, `import NetworkUtils`). */
function importedClass(module: SourceCode, file: string, filename: string, exported: string): TSESLint.Scope.Variable | undefined {
  for (const statement of module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || resolveProjectModule(String(statement.source.value), file) !== filename) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier && exported === 'default') return module.getDeclaredVariables(specifier)[0];
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      if (imported === exported) return module.getDeclaredVariables(specifier)[0];
    }
  }
  return undefined;
}

/** Fields typed with the class: constructor parameter properties and property declarations (`aiService: AiService`). */
function fieldsHolding(module: SourceCode, typeName: string): Set<string> {
  const fields = new Set<string>();
  const typed = (annotation: TSESTree.TSTypeAnnotation | undefined): boolean => {
    const type = annotation?.typeAnnotation;
    return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === typeName;
  };
  walk(module.ast, module.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.TSParameterProperty) {
      const parameter = node.parameter.type === AST_NODE_TYPES.AssignmentPattern ? node.parameter.left : node.parameter;
      if (parameter.type === AST_NODE_TYPES.Identifier && typed(parameter.typeAnnotation)) fields.add(parameter.name);
    } else if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed && typed(node.typeAnnotation ?? undefined)) {
      const key = memberKeyName(node);
      if (key !== undefined) fields.add(key);
    }
    return true;
  });
  return fields;
}
