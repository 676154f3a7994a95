import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { importersOf } from '../project/importers.js';
import { parseModule } from '../project/module-source.js';
import { exportedName, MAX_HOPS, parameterOf } from './caller-signals.js';
import { calleeName } from './delays.js';
import { contains, getFileNodes, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { propertyKey, unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A lazy loader's retry (`createLazyLoader({ loader: () => import('mermaid'), initializer: (m) => m.initialize(config) })`,
 * whose helper retries `await loader()` then `await initializer(module)`): the work it retries is handed in, and every
 * caller, in this file or in the modules importing it (also through a barrel that re-exports it), hands a function
 * that loads the program's own code, or one that only sets up the module it is given. A chunk that fails to load is
 * gone after a deploy or missing, not an overloaded dependency: trying again is no retry of one.
 */
export function callsHandedCodeLoader(sourceCode: SourceCode, filename: string, expression: TSESTree.Node): boolean {
  const call = unwrapExpression(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const handed = handedFrom(sourceCode, call.callee);
  return handed !== undefined && everyCallerHandsCode(sourceCode, filename, handed, 0);
}

/** How many calls of a loader helper are read: a helper every lazy chunk of an app goes through has many. */
const MAX_LOADER_CALLERS = 48;

interface Handed {
  readonly fn: FunctionNode;
  readonly index: number;
  /** The option it is taken from, when the parameter is an options object. */
  readonly key?: string;
}

/** The parameter a called name stands for: itself, an option destructured in the parameters, or `const { loader } = options`. */
function handedFrom(sourceCode: SourceCode, callee: TSESTree.Identifier): Handed | undefined {
  const direct = parameterOf(sourceCode, callee);
  if (direct) return { fn: direct.fn, index: direct.index, ...(direct.destructuredKey === undefined ? {} : { key: direct.destructuredKey }) };
  const variable = findVariable(sourceCode.getScope(callee) as never, callee) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.parent?.kind !== 'const') return undefined;
  const { id, init } = def.node;
  if (id.type !== AST_NODE_TYPES.ObjectPattern || init?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const property = id.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property
    && (candidate.value === def.name || (candidate.value.type === AST_NODE_TYPES.AssignmentPattern && candidate.value.left === def.name)));
  const key = property?.type === AST_NODE_TYPES.Property ? propertyKey(property) : undefined;
  const options = parameterOf(sourceCode, init);
  return key !== undefined && options && options.destructuredKey === undefined ? { fn: options.fn, index: options.index, key } : undefined;
}

function everyCallerHandsCode(sourceCode: SourceCode, filename: string, handed: Handed, hops: number): boolean {
  const name = declaredName(handed.fn);
  if (!name) return false;
  const local = getFileNodes(sourceCode).calls
    .filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name)
    .map((call) => ({ call, source: sourceCode }));
  const exported = exportedName(handed.fn, name, sourceCode) ?? (handed.fn.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration ? 'default' : undefined);
  const remote = exported === undefined ? [] : callsInImporters(filename, exported, 0);
  if (remote === undefined || local.length + remote.length === 0 || local.length + remote.length > MAX_LOADER_CALLERS) return false;
  return [...local, ...remote].every(({ call, source }) => {
    const argument = call.arguments[handed.index];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return false;
    let value: TSESTree.Node | undefined = unwrapExpression(argument);
    if (handed.key !== undefined) {
      if (value.type !== AST_NODE_TYPES.ObjectExpression || value.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return false;
      const property = value.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === handed.key);
      if (!property) return true; // an option not given is never called
      value = property.value;
    }
    if (isFunction(value)) return loadsOrSetsUpCode(source, value);
    // handed on from the caller's own parameter (`retry(component)` in `lazyWithRetry(component)`): its callers decide
    if (value.type !== AST_NODE_TYPES.Identifier || source !== sourceCode || hops >= MAX_HOPS) return false;
    const outer = handedFrom(source, value);
    return outer !== undefined && everyCallerHandsCode(sourceCode, filename, outer, hops + 1);
  });
}

/**
 * `() => import('mermaid')`, `() => import('./Editor').then((m) => m.Editor)`: loads code; `(mermaid) => { mermaid.initialize(config);
 * return mermaid }`, `(create) => create({ langs })`: every call it makes is of the module it is handed.
 */
function loadsOrSetsUpCode(source: SourceCode, fn: FunctionNode): boolean {
  const body = fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.length === 1 && fn.body.body[0]!.type === AST_NODE_TYPES.ReturnStatement
    ? fn.body.body[0]!.argument
    : fn.body;
  if (body && loadsCode(body)) return true;
  const parameters = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  if (parameters.size === 0) return false;
  let calls = 0;
  let foreign = false;
  walkSameFunction(fn.body, source.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.NewExpression) foreign = true;
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    calls++;
    let root: TSESTree.Node = node.callee;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    if (root.type !== AST_NODE_TYPES.Identifier || !parameters.has(root.name)) foreign = true;
  });
  return calls > 0 && !foreign;
}

/** What turns a code loader into a component: React's `lazy`, Vue's `defineAsyncComponent`, `@loadable/component`. */
const LAZY_COMPONENT = new Set(['lazy', 'defineAsyncComponent', 'loadable']);

/**
 * `React.lazy(() => retry(component, 3, 1000))`: a function (a retry helper) called, outside itself, only from the
 * factories of lazy components, which load a chunk of the program's own code.
 */
export function feedsLazyComponent(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const name = declaredName(fn);
  if (!name) return false;
  const outside = getFileNodes(sourceCode).calls.filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name && !contains(fn, call));
  return outside.length > 0 && outside.every(insideLazyFactory);
}

function insideLazyFactory(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const owner = current.parent;
    if (owner?.type === AST_NODE_TYPES.CallExpression && owner.arguments[0] === current && LAZY_COMPONENT.has(calleeName(owner.callee) ?? '')) return true;
  }
  return false;
}

/** `import('./chunk')`, possibly chained (`.then`, `.catch`, `.finally`). */
export function loadsCode(node: TSESTree.Node): boolean {
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression
    && ['then', 'catch', 'finally'].includes(calleeName(current.callee) ?? '')) current = current.callee.object;
  return current.type === AST_NODE_TYPES.ImportExpression;
}

function declaredName(fn: FunctionNode): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const holder = fn.parent;
  return holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
}

/**
 * The calls of `exported` in the modules importing `filename`, by name or as the default import, following a barrel
 * that re-exports it (`export { createLazyLoader } from './core'`) to its own importers; undefined when the importers
 * cannot be told, one cannot be read, or one uses the function other than by calling it.
 */
function callsInImporters(filename: string, exported: string, hops: number): { call: TSESTree.CallExpression; source: SourceCode }[] | undefined {
  const importers = importersOf(filename);
  if (!importers) return undefined;
  const calls: { call: TSESTree.CallExpression; source: SourceCode }[] = [];
  for (const { file } of importers) {
    const text = readProjectFile(file);
    if (text === undefined || (exported !== 'default' && !text.includes(exported))) continue;
    const module = parseModule(file, text);
    if (!module) return undefined;
    for (const statement of module.ast.body) {
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
        const reexport = statement.specifiers.find((specifier) => specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === exported);
        if (!reexport) continue;
        const name = reexport.exported.type === AST_NODE_TYPES.Identifier ? reexport.exported.name : String(reexport.exported.value);
        const further = hops < 1 ? callsInImporters(file, name, hops + 1) : undefined;
        if (further === undefined) return undefined;
        calls.push(...further);
        continue;
      }
      if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && exported !== 'default') return undefined;
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
      for (const specifier of statement.specifiers) {
        const imported = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default'
          : specifier.type === AST_NODE_TYPES.ImportSpecifier ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value)
            : undefined;
        if (imported !== exported) continue;
        for (const reference of module.getDeclaredVariables(specifier)[0]?.references ?? []) {
          const parent = reference.identifier.parent;
          if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) return undefined;
          calls.push({ call: parent, source: module as unknown as SourceCode });
          if (calls.length > MAX_LOADER_CALLERS) return undefined;
        }
      }
    }
  }
  return calls;
}
