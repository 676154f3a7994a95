import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { importersOf } from '../project/importers.js';
import { parseModule } from '../project/module-source.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { getFileNodes, walk } from './loops.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export interface MethodCall {
  readonly call: TSESTree.CallExpression;
  readonly source: SourceCode;
}

/** Past this many calls the question is not asked: a layer's callers, not the whole program. */
const MAX_CALLS = 16;

/**
 * The calls of a method of an exported class: `this.method(...)` in the class, and `this.field.method(...)` in the
 * modules importing the class, where the field holds an instance they are handed (NestJS injects it:
 * `constructor(private readonly aiService: AiService)`). Undefined when one cannot be told: a module naming the method
 * other than on such a field, too many calls, a module that does not parse, or no module calling it so.
 */
export function injectedMethodCalls(sourceCode: SourceCode, filename: string, fn: FunctionLike): MethodCall[] | undefined {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'method' || method.static || method.computed) return undefined;
  const name = memberKeyName(method);
  const owner = method.parent.parent;
  if (name === undefined || owner.type !== AST_NODE_TYPES.ClassDeclaration || !owner.id || owner.parent.type !== AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const className = owner.id.name;
  const calls: MethodCall[] = getFileNodes(sourceCode).calls
    .filter((call) => call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.object.type === AST_NODE_TYPES.ThisExpression
      && staticPropertyName(call.callee) === name && owner.range[0] <= call.range[0] && call.range[1] <= owner.range[1])
    .map((call) => ({ call, source: sourceCode }));
  const importers = importersOf(filename);
  if (!importers) return undefined;
  for (const { file } of importers) {
    const text = readProjectFile(file);
    if (text === undefined || !text.includes(className) || !text.includes(`.${name}`)) continue;
    const module = parseModule(file, text);
    if (!module) return undefined;
    const local = importedClassName(module, file, filename, className);
    if (local === undefined) continue;
    const fields = fieldsHolding(module, local);
    let named = 0;
    walk(module.ast, module.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== name) return true;
      named++;
      const holder = node.object;
      const onField = holder.type === AST_NODE_TYPES.MemberExpression && holder.object.type === AST_NODE_TYPES.ThisExpression && fields.has(staticPropertyName(holder) ?? '');
      if (onField && node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node) calls.push({ call: node.parent, source: module });
      return true;
    });
    // the method named on something else (an instance made here, a field of another type): not every call is known
    if (named !== calls.filter((found) => found.source === module).length) return undefined;
    if (calls.length > MAX_CALLS) return undefined;
  }
  // no module in view calls it so: a class others may use as an API, not a service of this program
  return calls.some((found) => found.source !== sourceCode) ? calls : undefined;
}

/** The local name `import { AiService } from './ai.service'` gives the class, when the import is of `filename`. */
function importedClassName(module: SourceCode, file: string, filename: string, className: string): string | undefined {
  for (const statement of module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || resolveProjectModule(String(statement.source.value), file) !== filename) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      if (imported === className) return specifier.local.name;
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
