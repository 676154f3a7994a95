import { CALL, CONSTRUCT, ESM, READ, ReferenceTracker, getStringIfConstant } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export { CALL, CONSTRUCT, READ };

/** What to follow in one module: nested export names, ending in `[CALL]`/`[CONSTRUCT]`/`[READ]`: <info>. */
export interface TraceMapElement {
  [name: string]: TraceMapElement;
  [CALL]?: string;
  [CONSTRUCT]?: string;
  [READ]?: string;
}
export type TraceMap = Record<string, TraceMapElement>;

export interface ModuleReference {
  /** The call, `new` expression or member read that uses the module's export. */
  readonly node: TSESTree.Node;
  /** What the trace map attached to that path (a short name the caller chose). */
  readonly info: string;
}

/**
 * A trace map entry for one module: `defaultExport` is what `import x from 'm'` and `require('m')`
 * give (the function itself for most retry libraries), `named` its named exports.
 */
export function moduleTrace(
  defaultExport: TraceMapElement | undefined,
  named: Record<string, TraceMapElement> = {},
): TraceMapElement {
  const element: TraceMapElement = { ...named, ...(defaultExport ? { default: defaultExport, ...defaultExport } : {}) };
  (element as Record<symbol, unknown>)[ESM] = true;
  return element;
}

const cache = new WeakMap<TSESTree.Program, Map<TraceMap, readonly ModuleReference[]>>();
const importedModules = new WeakMap<TSESTree.Program, ReadonlySet<string> | null>();
const NO_REFERENCES: readonly ModuleReference[] = [];

/**
 * The modules this file names in its imports, re-exports and `require('m')` calls, computed once per file: a trace
 * map naming none of them finds nothing, so its tracker is never set up. Null when a `require` is given something
 * other than a string (`require('p-' + name)`), which only the tracker can read.
 */
function namedModules(sourceCode: Readonly<TSESLint.SourceCode>, globalScope: TSESLint.Scope.Scope): ReadonlySet<string> | null {
  const known = importedModules.get(sourceCode.ast);
  if (known !== undefined) return known;
  let names: Set<string> | null = new Set();
  for (const statement of sourceCode.ast.body) {
    if ((statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration' || statement.type === 'ExportNamedDeclaration') && statement.source) {
      names.add(statement.source.value);
    }
  }
  for (const identifier of requireIdentifiers(globalScope)) {
    const call = identifier.parent;
    if (call?.type !== 'CallExpression' || call.callee !== identifier || !call.arguments[0]) continue;
    const argument = call.arguments[0];
    const name = argument.type === 'Literal' && typeof argument.value === 'string' ? argument.value
      : argument.type === 'TemplateLiteral' && argument.expressions.length === 0 ? argument.quasis[0]!.value.cooked : undefined;
    if (typeof name !== 'string') {
      names = null;
      break;
    }
    names.add(name);
  }
  importedModules.set(sourceCode.ast, names);
  return names;
}

/**
 * Every use of the traced module exports in this file, imported (ESM: default, named, renamed, namespace)
 * or required (CommonJS), followed through variables and destructuring, in source order.
 * Computed once per file and trace map.
 */
export function findModuleReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  traceMap: TraceMap,
): readonly ModuleReference[] {
  let perFile = cache.get(sourceCode.ast);
  if (!perFile) {
    perFile = new Map();
    cache.set(sourceCode.ast, perFile);
  }
  const cached = perFile.get(traceMap);
  if (cached) return cached;
  const globalScope = sourceCode.scopeManager!.globalScope!;
  const named = namedModules(sourceCode, globalScope);
  // A file names a few modules and a trace map may name hundreds: look its few up.
  if (named && ![...named].some((module) => Object.hasOwn(traceMap, module))) {
    perFile.set(traceMap, NO_REFERENCES);
    return NO_REFERENCES;
  }
  const tracker = new ReferenceTracker(globalScope as never);
  const found: ModuleReference[] = [];
  const seen = new Set<unknown>();
  const references = [
    ...tracker.iterateEsmReferences(traceMap as never),
    ...iterateRequires(globalScope, tracker, traceMap),
  ];
  for (const reference of references) {
    if (seen.has(reference.node)) continue;
    seen.add(reference.node);
    found.push({ node: reference.node as unknown as TSESTree.Node, info: reference.info as string });
  }
  found.sort((a, b) => a.node.range[0] - b.node.range[0]);
  perFile.set(traceMap, found);
  return found;
}

/**
 * `require('m')` uses, whether or not the configuration declares `require` as a global
 * (the tracker's own CommonJS search only sees a declared one).
 */
function* iterateRequires(
  globalScope: TSESLint.Scope.Scope,
  tracker: ReferenceTracker,
  traceMap: TraceMap,
): Generator<{ node: unknown; info: unknown }> {
  for (const identifier of requireIdentifiers(globalScope)) {
    const call = identifier.parent;
    if (call?.type !== 'CallExpression' || call.callee !== identifier || !call.arguments[0]) continue;
    const key = getStringIfConstant(call.arguments[0] as never);
    if (key === null || !Object.hasOwn(traceMap, key)) continue;
    const moduleMap = traceMap[key]!;
    if (moduleMap[READ]) yield { node: call, info: moduleMap[READ] };
    yield* tracker.iteratePropertyReferences(call as never, moduleMap as never);
  }
}

/** The identifiers `require` of the file: undeclared (through the global scope) or a declared global. */
function requireIdentifiers(globalScope: TSESLint.Scope.Scope): (TSESTree.Identifier | TSESTree.JSXIdentifier)[] {
  return [
    ...globalScope.through.map((reference) => reference.identifier),
    ...(globalScope.set.get('require')?.references.map((reference) => reference.identifier) ?? []),
  ].filter((identifier) => identifier.name === 'require');
}
