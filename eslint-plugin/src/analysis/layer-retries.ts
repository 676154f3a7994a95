import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, type FunctionNode } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { propertyKey, unwrapExpression } from './syntax.js';

/**
 * A request layer that sends its request again inside a retry library's call (`retry(async () => fetch(url, init),
 * { retries: extra.retries ?? 0 })`): how many times it sends again, fixed or as its caller says. Its callers'
 * POSTs are retried there, out of their sight (a CLI's GraphQL mutations through its HTTP layer).
 */
export interface LayerRetry {
  readonly kind: 'layer';
  /** For messages: "async-retry in `Http.send`". */
  readonly name: string;
  /** Sends again this many times, or as many as the caller's argument `index` says in `key` (`fallback` if not). */
  readonly count: { readonly fixed: number } | { readonly index: number; readonly key: string; readonly fallback: number };
  /** The caller's argument that becomes the request's options (its method and headers), when there is one. */
  readonly optionsIndex?: number;
}

/** The retry libraries' option for the number of retries, and how many retries it means when left out. */
const COUNT_OPTIONS: Readonly<Record<string, { readonly retriesFor: (value: number) => number; readonly fallback: number }>> = {
  retries: { retriesFor: (value) => value, fallback: 10 },
  // exponential-backoff counts attempts, the first included
  numOfAttempts: { retriesFor: (value) => value - 1, fallback: 9 },
};

/**
 * The retry around `request` inside `layer`, made by a retry library's call (`retryingCall` names them, by module),
 * when it sends the request again at least once for some caller.
 */
export function layerRetryOf(
  request: TSESTree.CallExpression,
  layer: FunctionNode,
  layerName: string,
  retryingLibrary: (call: TSESTree.CallExpression) => string | undefined,
): Omit<LayerRetry, 'optionsIndex'> | undefined {
  for (let fn = enclosingFunction(request); fn && fn !== layer; fn = enclosingFunction(fn)) {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) continue;
    const library = retryingLibrary(call);
    if (!library) continue;
    const count = retryCount(call.arguments[call.arguments.indexOf(fn as TSESTree.CallExpressionArgument) + 1], layer);
    if (!count || ('fixed' in count && count.fixed <= 0)) return undefined;
    return { kind: 'layer', name: `${library} in \`${layerName}\``, count };
  }
  return undefined;
}

function retryCount(options: TSESTree.CallExpressionArgument | undefined, layer: FunctionNode): LayerRetry['count'] | undefined {
  if (!options) return { fixed: COUNT_OPTIONS['retries']!.fallback };
  const object = unwrapExpression(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const option = COUNT_OPTIONS[propertyKey(property) ?? ''];
    if (!option) continue;
    const value = unwrapExpression(property.value as TSESTree.Expression);
    const fixed = numberValue(value);
    if (fixed !== undefined) return { fixed: option.retriesFor(fixed) };
    // `extra.retries ?? 0`: as many as the caller says, none when it says nothing
    if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') {
      const fallback = numberValue(unwrapExpression(value.right));
      const given = fallback === undefined ? undefined : callerOption(value.left, layer);
      return given && { ...given, fallback: option.retriesFor(fallback!) };
    }
    const given = callerOption(value, layer);
    return given && { ...given, fallback: option.fallback };
  }
  return { fixed: COUNT_OPTIONS['retries']!.fallback };
}

function numberValue(node: TSESTree.Node): number | undefined {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number' ? node.value : undefined;
}

/** The layer's parameter its request's options are, or spread (`fetch(url, { ...init, method: 'POST' })`). */
export function optionsParameterOf(options: TSESTree.Node | undefined, layer: FunctionNode): number | undefined {
  const node = options && unwrapExpression(options);
  if (!node) return undefined;
  const spread = node.type === AST_NODE_TYPES.ObjectExpression
    ? node.properties.filter((property) => property.type === AST_NODE_TYPES.SpreadElement).map((property) => unwrapExpression((property as TSESTree.SpreadElement).argument))
    : [node];
  const names = spread.flatMap((expression) => (expression.type === AST_NODE_TYPES.Identifier ? [expression.name] : []));
  const index = layer.params.findIndex((param) => {
    const binding = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return binding.type === AST_NODE_TYPES.Identifier && names.includes(binding.name);
  });
  return index < 0 ? undefined : index;
}

/** `extra.retries` with `extra` the layer's parameter: the caller's argument at that index, and the key. */
function callerOption(node: TSESTree.Node, layer: FunctionNode): { index: number; key: string } | undefined {
  const member = unwrapExpression(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const key = staticPropertyName(member);
  const name = member.object.name;
  const index = layer.params.findIndex((param) => {
    const binding = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return binding.type === AST_NODE_TYPES.Identifier && binding.name === name;
  });
  return key === undefined || index < 0 ? undefined : { index, key };
}
