import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isProjectValue, type Value } from '../project/values.js';
import { callersOf, inProduct } from './layer-callers.js';
import type { FunctionNode } from './loops.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The most calls of a layer read to learn what fetch it is handed. */
const MAX_HANDING_CALLS = 20;

/**
 * `makeRequest(fetchFn, url, method, ...)`, `fetchFn` typed with fetch's signature and called by the layer: a request
 * layer handed the fetch it calls (a generated SDK's core picks its user's fetch or the global one and hands it down).
 * When every call of the layer in the product, in its module or the modules importing it, hands it a fetch, the parameter is
 * that fetch: its request is judged where it is written, in the layer, as any fetch is. No call in view, or one handing
 * anything else (a fetch-like wrapper bounding its own calls), and the parameter stays unknown.
 */
export function fetchHandedByCallers(
  sourceCode: SourceCode,
  filename: string,
  fn: FunctionNode,
  index: number,
  evaluateIn: (module: SourceCode, file: string, node: TSESTree.Node) => Value | undefined,
): Value | undefined {
  // (a test handing it a mock says nothing of what the product hands it)
  const callers = callersOf(sourceCode, filename, fn, { enough: MAX_HANDING_CALLS })
    .filter(inProduct);
  if (callers.length === 0 || callers.length > MAX_HANDING_CALLS) return undefined;
  let handed: Value | undefined;
  for (const { call, module, file } of callers) {
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const given = evaluateIn(module, file, argument);
    if (!given || isProjectValue(given) || given.kind !== 'fetch' || given.role !== 'fetch') return undefined;
    handed ??= given;
  }
  return handed;
}
