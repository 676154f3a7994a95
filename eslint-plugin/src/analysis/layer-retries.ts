import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, type FunctionNode } from './loops.js';
import { helperRetryCount, restOfParameter } from './layer-retry-helpers.js';
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
  /**
   * Sends again this many times, or as many as the caller's argument `index` says in `key` (`fallback` when it says
   * nothing; undefined when that default cannot be read here, a field of the layer's class).
   */
  readonly count: { readonly fixed: number } | { readonly index: number; readonly key: string; readonly fallback: number | undefined };
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
 * The retry around `request` inside `layer`, made by a retry library's call (`retryingLibrary` names its library),
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
    // or the module's own retry helper (`retry((resolve, reject, retry) => ..., { retries })`)
    const helperCount = library ? undefined : helperRetryCount(call, fn, layer);
    if (!library && !helperCount) continue;
    const count = helperCount ?? retryCount(call.arguments[call.arguments.indexOf(fn as TSESTree.CallExpressionArgument) + 1], layer);
    if (!count || ('fixed' in count && count.fixed <= 0)) return undefined;
    const name = library ?? `\`${(call.callee as TSESTree.Identifier).name}\``;
    return { kind: 'layer', name: `${name} in \`${layerName}\``, count };
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
    const count = countOf(property.value as TSESTree.Expression, layer, option.fallback, 0);
    if (!count) return undefined;
    if ('fixed' in count) return { fixed: option.retriesFor(count.fixed) };
    return { ...count, fallback: count.fallback === undefined ? undefined : option.retriesFor(count.fallback) };
  }
  return { fixed: COUNT_OPTIONS['retries']!.fallback };
}

type Count = { readonly fixed: number } | { readonly index: number; readonly key: string; readonly fallback: number | undefined };

/**
 * A count as written: a number, the caller's option (`extra.retries`, the library's default when left out), the
 * caller's option or a default (`extra.retries ?? 0`, `opts.retries === undefined ? this.retries : opts.retries`), or
 * a `const` of the layer holding one of those.
 */
function countOf(expression: TSESTree.Node, layer: FunctionNode, libraryDefault: number, depth: number): Count | undefined {
  const node = unwrapExpression(expression);
  if (depth > 3) return undefined;
  const fixed = numberValue(node);
  if (fixed !== undefined) return { fixed };
  const given = callerOption(node, layer);
  if (given) return { ...given, fallback: libraryDefault };
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = constInLayer(layer, node.name);
    return init && countOf(init, layer, libraryDefault, depth + 1);
  }
  const pair: [TSESTree.Node, TSESTree.Node][] = node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&' ? [[node.left, node.right]]
    : node.type === AST_NODE_TYPES.ConditionalExpression ? [[node.consequent, node.alternate], [node.alternate, node.consequent]] : [];
  for (const [option, otherwise] of pair) {
    const caller = callerOption(unwrapExpression(option), layer);
    if (!caller) continue;
    const other = countOf(otherwise, layer, libraryDefault, depth + 1);
    return { ...caller, fallback: other && 'fixed' in other ? other.fixed : undefined };
  }
  return undefined;
}

/** `const retries = ...` among the layer's own statements. */
function constInLayer(layer: FunctionNode, name: string): TSESTree.Expression | undefined {
  if (layer.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  for (const statement of layer.body.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) return declarator.init;
    }
  }
  return undefined;
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
  for (const expression of spread) {
    const index = expression.type === AST_NODE_TYPES.Identifier ? parameterIndex(layer, expression.name) ?? restOfParameter(expression.name, layer) : undefined;
    if (index !== undefined) return index;
  }
  return undefined;
}

/** The index of the layer's parameter named `name` (`init`, `init = {}`). */
function parameterIndex(layer: FunctionNode, name: string): number | undefined {
  const index = layer.params.findIndex((param) => {
    const binding = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return binding.type === AST_NODE_TYPES.Identifier && binding.name === name;
  });
  return index < 0 ? undefined : index;
}

/** `extra.retries` with `extra` the layer's parameter: the caller's argument at that index, and the key. */
function callerOption(node: TSESTree.Node, layer: FunctionNode): { index: number; key: string } | undefined {
  const member = unwrapExpression(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const key = staticPropertyName(member);
  const index = parameterIndex(layer, member.object.name);
  return key === undefined || index === undefined ? undefined : { index, key };
}
