import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { importersOf } from '../project/importers.js';
import { parseModule } from '../project/module-source.js';
import { walk } from './loops.js';
import { memberKeyName } from './member-syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Properties under which a Redis connection is handed to a queue library (BullMQ, bull), whose blocking commands a `commandTimeout` would break. */
export const QUEUE_CONNECTION_KEYS = new Set(['connection', 'createClient', 'client', 'subscriber', 'bclient']);

/** An import of a queue library that takes a Redis connection. */
const QUEUE_MODULE = /['"](?:bullmq|bull|@nestjs\/bullmq|@nestjs\/bull|bee-queue)['"]/;

/**
 * A Redis client made in one module and handed to a queue library in another: `export class RedisService` creating
 * `new Redis({ maxRetriesPerRequest: null })`, and a module importing it that gives it as BullMQ's connection
 * (`BullModule.forRootAsync({ useFactory: (redis: RedisService) => ({ connection: redis.getClient() }) })`,
 * `new Queue('mail', { connection: this.redis })` with `redis: RedisService` injected). The client's commands include
 * the workers' blocking reads, which a `commandTimeout` would cut short. The modules importing the client's module
 * that import a queue library are read: under a connection key, the imported name itself, or a parameter or field
 * declared with its type.
 */
export function handedToQueueElsewhere(creation: TSESTree.Node, sourceCode: SourceCode, filename: string | undefined): boolean {
  const exported = filename ? exportedHolder(creation, sourceCode) : undefined;
  if (!exported || !filename) return false;
  for (const { file } of importersOf(filename) ?? []) {
    const text = readProjectFile(file);
    if (text === undefined || !text.includes(exported) || !QUEUE_MODULE.test(text)) continue;
    const module = parseModule(file, text);
    if (module && handsOn(module, exported)) return true;
  }
  return false;
}

/** The name other modules import the creation's holder by: its exported class, or the exported variable holding it. */
function exportedHolder(creation: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  for (let current: TSESTree.Node | undefined = creation.parent; current; current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) && current.id) {
      return exportedAs(current.id.name, current, sourceCode);
    }
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.init === creation && current.id.type === AST_NODE_TYPES.Identifier) {
      return exportedAs(current.id.name, current.parent, sourceCode);
    }
    // `export function queueConnection() { if (!client) client = new IORedis(url, options); return client; }`
    if (current.type === AST_NODE_TYPES.FunctionDeclaration && current.id && current.parent?.type !== AST_NODE_TYPES.BlockStatement) {
      return returnsCreation(current, creation, sourceCode) ? exportedAs(current.id.name, current, sourceCode) : undefined;
    }
  }
  return undefined;
}

/** A getter of a lazily made client: the function returns the creation, or the variable it assigns it to. */
function returnsCreation(fn: TSESTree.FunctionDeclaration, creation: TSESTree.Node, sourceCode: SourceCode): boolean {
  const assigned = creation.parent?.type === AST_NODE_TYPES.AssignmentExpression && creation.parent.right === creation
    && creation.parent.left.type === AST_NODE_TYPES.Identifier ? creation.parent.left.name : undefined;
  let returns = false;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (node !== fn.body && (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const argument = node.argument;
      returns ||= argument === creation || (assigned !== undefined && argument.type === AST_NODE_TYPES.Identifier && argument.name === assigned);
    }
    return !returns;
  });
  return returns;
}

/** `export class X`, `export const x = ...`, `export { x }`, `export default X`: the name it is imported by ('default' for the last). */
function exportedAs(name: string, declaration: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  if (declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return name;
  // a default export is imported under any name: the class or variable's own name is the usual one
  if (declaration.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return name;
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type === AST_NODE_TYPES.Identifier && statement.declaration.name === name) return name;
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === name) {
        return specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
      }
    }
  }
  return undefined;
}

/** Whether the module gives what it imports as `exported` (or a value declared with that type) under a connection key. */
function handsOn(module: SourceCode, exported: string): boolean {
  const locals = new Set<string>();
  for (const statement of module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const specifier of statement.specifiers) {
      const imported = specifier.type === AST_NODE_TYPES.ImportSpecifier
        ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value)
        : specifier.local.name;
      if (imported === exported) locals.add(specifier.local.name);
    }
  }
  if (locals.size === 0) return false;
  // `redis: RedisService`, `constructor(private readonly redis: RedisService)`, `private redis!: RedisService`
  const holders = new Set(locals);
  walk(module.ast, module.visitorKeys, (node) => {
    const annotation = 'typeAnnotation' in node && node.typeAnnotation && 'typeAnnotation' in node.typeAnnotation ? node.typeAnnotation.typeAnnotation : undefined;
    const typed = annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && locals.has(annotation.typeName.name);
    if (typed && node.type === AST_NODE_TYPES.Identifier) holders.add(node.name);
    const field = typed && node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed ? memberKeyName(node) : undefined;
    if (field !== undefined) holders.add(field);
    return true;
  });
  let handed = false;
  walk(module.ast, module.visitorKeys, (node) => {
    if (handed) return false;
    if (node.type === AST_NODE_TYPES.Property && !node.computed && node.key.type === AST_NODE_TYPES.Identifier && QUEUE_CONNECTION_KEYS.has(node.key.name)) {
      handed = mentionsHolder(module, node.value, holders);
    }
    return !handed;
  });
  return handed;
}

/** `redis`, `redis.getClient()`, `this.redis`, `() => this.redis.duplicate()`: a holder read as a value, not a member name. */
function mentionsHolder(module: SourceCode, value: TSESTree.Node, holders: ReadonlySet<string>): boolean {
  let found = false;
  walk(value, module.visitorKeys, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Identifier && holders.has(node.name)) {
      const parent = node.parent;
      const memberName = parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed;
      found = !memberName || parent.object.type === AST_NODE_TYPES.ThisExpression;
    }
    // `this.#redis`: a private field is read only inside its class
    if (node.type === AST_NODE_TYPES.PrivateIdentifier && holders.has(`#${node.name}`)) found = true;
    return !found;
  });
  return found;
}
