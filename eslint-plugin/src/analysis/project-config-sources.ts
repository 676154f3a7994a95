import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingClassBody, memberKeyName, staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { importersOf } from '../project/importers.js';

/**
 * `new S3Client(await loadConfiguration(context))`, `new EC2Client({ ...cred })` with `const cred = await
 * tryGetCredentials(context)`: a client config that a function of the project builds (in this file or in a module it
 * imports). Such a config cannot bound the client when neither the function's module nor the project modules that
 * module imports ever write one of the words that would (`requestTimeout`, `connectionTimeout`): a CLI's credentials
 * and region, perhaps a proxy handler, never a timeout. A config from a library, a parameter or anything else stays
 * unknown, and so does one whose modules write such a word anywhere (a helper that may hand back a bounded handler).
 */
export function isUnboundedProjectConfig(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, filename: string | undefined, words: readonly string[]): boolean {
  if (!filename || words.length === 0) return false;
  // asked once per module while this file is linted: the texts may change between runs (an editor's)
  let known = writesSeen.get(sourceCode.ast);
  if (!known) writesSeen.set(sourceCode.ast, (known = new Map()));
  const silent = (module: string, names: readonly string[]): boolean => {
    const key = `${module}\0${names.join(',')}`;
    let writes = known!.get(key);
    if (writes === undefined) known!.set(key, (writes = modulesWriteAny(module, names)));
    return !writes;
  };
  const builders = constructorConfigBuilders(node, sourceCode, filename);
  // what the class's builders may pass: a handler (`requestHandler`) or one of its timeouts, written anywhere in them
  if (builders) return builders.length > 0 && [filename, ...builders].every((module) => silent(module, [...words, ...HANDLER_WORDS]));
  const calls = configCalls(node, sourceCode);
  if (!calls) return false;
  return calls.every((call) => {
    const module = calledModule(call.callee, sourceCode, filename);
    return module !== undefined && silent(module, words);
  });
}

/** What hands a client its transport, and with it, perhaps, a bound. */
const HANDLER_WORDS = ['requestHandler'];

/**
 * `export class AwsSnsClient { constructor(awsConfig = {}) { this.client = new SNSClient({ ...awsConfig, retryStrategy }) } }`
 * (serverless's engine, one class per AWS service): a config parameter defaulted to an empty object, of the
 * constructor of a class its module exports, is what the project's modules building the class give it, or nothing.
 * The modules of the project importing the class's module (through the project's import index: workspace packages,
 * paths, relative imports), when there are some. Undefined when the value is anything else: another parameter, one the
 * constructor changes, a class not exported (its own file builds it, read by configCalls), or one the index cannot
 * answer for.
 */
function constructorConfigBuilders(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): string[] | undefined {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(target, sourceCode);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || variable!.references.some((reference) => (reference.isWrite() && !reference.init) || isMemberWrite(reference.identifier))) return undefined;
  const fn = def.node;
  const pattern = def.name.parent;
  if (pattern?.type !== AST_NODE_TYPES.AssignmentPattern || pattern.left !== def.name || fn.type !== AST_NODE_TYPES.FunctionExpression
    || !(fn.params as TSESTree.Node[]).includes(pattern)) return undefined;
  const fallback = unwrapExpression(pattern.right);
  if (fallback.type !== AST_NODE_TYPES.ObjectExpression || fallback.properties.length > 0) return undefined;
  const method = fn.parent;
  const owner = method?.parent?.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor' || owner?.type !== AST_NODE_TYPES.ClassDeclaration || !owner.id) return undefined;
  const exported = owner.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || owner.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration
    || new RegExp(`\\b(?:module\\.)?exports\\b[^;\\n]*\\b${owner.id.name}\\b`).test(sourceCode.text);
  if (!exported) return undefined;
  return importersOf(filename)?.map((importer) => importer.file);
}

/**
 * The calls a config is the (awaited) result of: given in place, or every value its variable is given, where each
 * is such a call or an empty object (`let credentials = {}; try { credentials = await loadConfiguration(context); }
 * catch { ... }`). Undefined when some value is anything else, or the variable is completed option by option.
 */
function configCalls(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): TSESTree.CallExpression[] | undefined {
  const target = awaited(node);
  if (target.type === AST_NODE_TYPES.CallExpression) return [target];
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(target, sourceCode);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'Parameter' && depth === 0 && !variable!.references.some((reference) => (reference.isWrite() && !reference.init) || isMemberWrite(reference.identifier))) {
    return constructorArguments(def.node, def.name, sourceCode);
  }
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const values: TSESTree.Node[] = def.node.init ? [def.node.init] : [];
  for (const reference of variable!.references) {
    if (isMemberWrite(reference.identifier)) return undefined;
    if (!reference.isWrite() || reference.init) continue;
    const assignment = reference.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return undefined;
    values.push(assignment.right);
  }
  const calls: TSESTree.CallExpression[] = [];
  for (const value of values) {
    const given = awaited(value);
    if (given.type === AST_NODE_TYPES.CallExpression) calls.push(given);
    else if (given.type !== AST_NODE_TYPES.ObjectExpression || given.properties.length > 0) return undefined;
  }
  return calls.length > 0 ? calls : undefined;
}

/**
 * `private constructor(creds, region) { this.s3 = new S3Client({ ...creds, region }); }`, built only by the class's
 * own `static async createInstance(context)` from `await loadConfiguration(context)`: the configs every `new` of the
 * class in this file passes there, when no other module can build it (a private constructor, or a class not exported).
 */
function constructorArguments(fn: TSESTree.Node, name: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] | undefined {
  const method = fn.parent;
  const owner = method?.parent?.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor' || fn.type !== AST_NODE_TYPES.FunctionExpression
    || owner?.type !== AST_NODE_TYPES.ClassDeclaration || !owner.id) return undefined;
  const exported = owner.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || owner.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration
    || new RegExp(`\\b(?:module\\.)?exports\\b[^;\\n]*\\b${owner.id.name}\\b`).test(sourceCode.text);
  if (exported && method.accessibility !== 'private') return undefined;
  const index = fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter === name));
  if (index < 0) return undefined;
  // the name outside the class and the one its own body sees (`static create() { return new Deployer(...) }`)
  const inner = sourceCode.scopeManager?.acquire(owner)?.set.get(owner.id.name);
  const references = [...sourceCode.getDeclaredVariables(owner), ...(inner ? [inner] : [])].flatMap((variable) => variable.references);
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of references) {
    const made = reference.identifier.parent;
    if (made?.type !== AST_NODE_TYPES.NewExpression || made.callee !== reference.identifier) continue;
    const given = made.arguments[index];
    const found = given && given.type !== AST_NODE_TYPES.SpreadElement ? configCalls(given, sourceCode, 1) : undefined;
    if (!found) return undefined;
    calls.push(...found);
  }
  return calls.length > 0 ? calls : undefined;
}

function awaited(node: TSESTree.Node): TSESTree.Node {
  const target = unwrapExpression(node);
  return target.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(target.argument) : target;
}

function isMemberWrite(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier
    && member.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
}

function variableOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | undefined {
  return sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved ?? undefined;
}

/** The file the called function is written in: this one for its own function, or the project module it imports it from. */
function calledModule(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): string | undefined {
  const target = unwrapExpression(callee);
  if (target.type === AST_NODE_TYPES.MemberExpression) return ownClassMethod(target, sourceCode) ? filename : undefined;
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(target, sourceCode)?.defs[0];
  if (def?.type === 'FunctionName') return filename;
  if (def?.type === 'Variable' && def.node.init) {
    const init = unwrapExpression(def.node.init);
    if (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) return filename;
    // `const { loadConfiguration } = require('./configuration-manager')`
    const required = requiredSpecifier(init);
    return required === undefined ? undefined : resolveProjectModule(required, filename);
  }
  if (def?.type === 'ImportBinding' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration) return resolveProjectModule(String(def.parent.source.value), filename);
  return undefined;
}

/** `this.settings(queue)` in a class declaring `settings`, `MailboxPoller.settings(queue)` with the class of this file. */
function ownClassMethod(callee: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name = staticPropertyName(callee);
  const object = unwrapExpression(callee.object);
  let body: TSESTree.ClassBody | undefined;
  if (object.type === AST_NODE_TYPES.ThisExpression) body = enclosingClassBody(callee);
  else if (object.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(object, sourceCode)?.defs[0];
    body = def?.type === 'ClassName' && (def.node.type === AST_NODE_TYPES.ClassDeclaration || def.node.type === AST_NODE_TYPES.ClassExpression) ? def.node.body : undefined;
  }
  return name !== undefined && body !== undefined
    && body.body.some((member) => member.type === AST_NODE_TYPES.MethodDefinition && memberKeyName(member) === name);
}

function requiredSpecifier(node: TSESTree.Node): string | undefined {
  const call = node.type === AST_NODE_TYPES.MemberExpression ? node.object : node;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return undefined;
  const [argument] = call.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}

const IMPORTED = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"\n]+)['"]/g;
const writesSeen = new WeakMap<TSESTree.Program, Map<string, boolean>>();

/**
 * Whether the module or a project module it imports (one step: a configuration helper calling its profile reader)
 * writes one of the words. Read as text: a word in a comment counts too, which only keeps the config unknown.
 */
function modulesWriteAny(module: string, words: readonly string[]): boolean {
  const pattern = new RegExp(`\\b(?:${words.join('|')})\\b`);
  const text = readProjectFile(module);
  if (text === undefined || pattern.test(text)) return true;
  for (const match of text.matchAll(IMPORTED)) {
    const imported = resolveProjectModule(match[1]!, module);
    const importedText = imported === undefined ? '' : readProjectFile(imported);
    if (importedText === undefined || pattern.test(importedText)) return true;
  }
  return false;
}
