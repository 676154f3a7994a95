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
  const identifiers = [
    ...globalScope.through.map((reference) => reference.identifier),
    ...(globalScope.set.get('require')?.references.map((reference) => reference.identifier) ?? []),
  ];
  for (const identifier of identifiers) {
    if (identifier.name !== 'require') continue;
    const call = identifier.parent;
    if (call?.type !== 'CallExpression' || call.callee !== identifier || !call.arguments[0]) continue;
    const key = getStringIfConstant(call.arguments[0] as never);
    if (key === null || !Object.hasOwn(traceMap, key)) continue;
    const moduleMap = traceMap[key]!;
    if (moduleMap[READ]) yield { node: call, info: moduleMap[READ] };
    yield* tracker.iteratePropertyReferences(call as never, moduleMap as never);
  }
}
