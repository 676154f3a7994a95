import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { callerParameters, enclosingFunction, moduleFunction, type FunctionNode } from './loops.js';
import { callsWithin } from './raced-wrappers.js';
import { staticPropertyName } from './member-syntax.js';
import { moduleConstInit, propertyKey, unwrapExpression } from './syntax.js';

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
  const loopCount = attemptLoopCount(request, layer);
  const ownName = layer.type === AST_NODE_TYPES.FunctionDeclaration && layer.id ? layer.id.name : layerName;
  return loopCount && (!('fixed' in loopCount) || loopCount.fixed > 0) ? { kind: 'layer', name: `the retry loop in \`${ownName}\``, count: loopCount } : undefined;
}

/**
 * `for (let attempt = 0; attempt <= retries; attempt++) { try { return await fetch(url, init) } catch (error) { if
 * (attempt === retries) throw error } }` in the layer itself, the count a number or its caller's option (`{ retries =
 * 0, ...init }`): a failed request is sent again, as many times as the count says.
 */
function attemptLoopCount(request: TSESTree.CallExpression, layer: FunctionNode): Count | undefined {
  if (enclosingFunction(request) !== layer) return undefined;
  let tried: TSESTree.TryStatement | undefined;
  for (let current: TSESTree.Node = request, parent: TSESTree.Node | undefined = request.parent; parent && parent !== layer; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current) tried ??= parent;
    if (parent.type !== AST_NODE_TYPES.ForStatement || parent.body !== current) continue;
    const counter = countedFromZero(parent);
    if (!tried || !counter || !tried.handler || endsTheLoop(tried.handler.body)) return undefined;
    const test = parent.test && unwrapExpression(parent.test);
    if (test?.type !== AST_NODE_TYPES.BinaryExpression || test.left.type !== AST_NODE_TYPES.Identifier || test.left.name !== counter) return undefined;
    // a loop over pages or items sends a different request each time (`fetch(pages[page])`, `items.length`)
    if (mentions(request, counter) || (test.right.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(test.right) === 'length')) return undefined;
    // `attempt <= retries` (or `< retries + 1`) sends again `retries` times; `attempt < 4`, one fewer than the attempts
    if (test.operator === '<=') return countOf(test.right, layer, 0, 0);
    const right = unwrapExpression(test.right);
    if (test.operator === '<' && right.type === AST_NODE_TYPES.BinaryExpression && right.operator === '+' && numberValue(right.right) === 1) return countOf(right.left, layer, 0, 0);
    const attempts = test.operator === '<' ? numberValue(right) : undefined;
    return attempts === undefined ? undefined : { fixed: attempts - 1 };
  }
  return undefined;
}

/** Whether the request's arguments name the counter (a page, an index). */
function mentions(request: TSESTree.CallExpression, name: string): boolean {
  const stack: unknown[] = [...request.arguments];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (!node || typeof node !== 'object') continue;
    if (node['type'] === AST_NODE_TYPES.Identifier && node['name'] === name) return true;
    for (const [key, value] of Object.entries(node)) if (key !== 'parent') stack.push(...(Array.isArray(value) ? value : [value]));
  }
  return false;
}

/** `let attempt = 0; ...; attempt++` (or `+= 1`): the counter's name. */
function countedFromZero(loop: TSESTree.ForStatement): string | undefined {
  const init = loop.init?.type === AST_NODE_TYPES.VariableDeclaration && loop.init.declarations.length === 1 ? loop.init.declarations[0] : undefined;
  if (init?.id.type !== AST_NODE_TYPES.Identifier || !init.init || numberValue(init.init) !== 0) return undefined;
  const name = init.id.name;
  const update = loop.update && unwrapExpression(loop.update);
  const counts = update?.type === AST_NODE_TYPES.UpdateExpression ? update.operator === '++'
    : update?.type === AST_NODE_TYPES.AssignmentExpression && update.operator === '+=' && numberValue(update.right) === 1;
  const target = update?.type === AST_NODE_TYPES.UpdateExpression ? update.argument : update?.type === AST_NODE_TYPES.AssignmentExpression ? update.left : undefined;
  return counts && target?.type === AST_NODE_TYPES.Identifier && target.name === name ? name : undefined;
}

/** A catch whose own statements end the loop whatever happened (`throw error`, `return`, `break`): no attempt follows. */
function endsTheLoop(catchBody: TSESTree.BlockStatement): boolean {
  return catchBody.body.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement
    || statement.type === AST_NODE_TYPES.BreakStatement);
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
    // `{ retries = 0 }` destructured from the caller's options: the caller's option, or that default
    const destructured = destructuredFromParameter(node.name, layer);
    if (destructured) return { ...destructured, fallback: destructured.fallback ?? libraryDefault };
    const init = constInLayer(layer, node.name) ?? moduleConstInit(layer, node.name);
    return init && countOf(init, layer, libraryDefault, depth + 1);
  }
  const pair: [TSESTree.Node, TSESTree.Node][] = node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&' ? [[node.left, node.right]]
    : node.type === AST_NODE_TYPES.ConditionalExpression ? [[node.consequent, node.alternate], [node.alternate, node.consequent]] : [];
  for (const [option, otherwise] of pair) {
    const given = unwrapExpression(option);
    // `retriesInput || 0` with `{ retries: retriesInput }` destructured from the caller's options
    const caller = callerOption(given, layer) ?? (given.type === AST_NODE_TYPES.Identifier ? destructuredFromParameter(given.name, layer) : undefined);
    if (!caller) continue;
    const other = countOf(otherwise, layer, libraryDefault, depth + 1);
    return { index: caller.index, key: caller.key, fallback: other && 'fixed' in other ? other.fixed : undefined };
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
  let node = options && unwrapExpression(options);
  if (!node) return undefined;
  // `const fetchOptions = { ...request, headers }` among the layer's statements, then `fetch(url, fetchOptions)`
  if (node.type === AST_NODE_TYPES.Identifier) {
    const held = constInLayer(layer, node.name);
    if (held && unwrapExpression(held).type === AST_NODE_TYPES.ObjectExpression) node = unwrapExpression(held);
  }
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
  const index = callerParameters(layer).findIndex((param) => bindsName(param, name));
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

// A request layer's own retry helper, declared in its module: `retry((resolve, reject, retry) => { ...request... },
// { retries, interval })` with `function retry(fn, { retries = 5, interval = 50 })` running `fn` again from a timer
// (percy's client). The helper's count option, its default, and where the layer takes it from its caller say how many
// times the layer sends a caller's request again.

/** The helper's option for the number of tries, by its usual names. */
const COUNT_NAME = /^(?:retries|tries|maxRetries|maxTries|attempts|maxAttempts|times)$/;

/** The count of the same-file retry helper `call` runs `work` in, or undefined when `call` is no such helper's. */
function helperRetryCount(call: TSESTree.CallExpression, work: FunctionNode, layer: FunctionNode): LayerRetry['count'] | undefined {
  const index = call.arguments.indexOf(work as TSESTree.CallExpressionArgument);
  const helper = call.callee.type === AST_NODE_TYPES.Identifier ? moduleFunction(call, call.callee.name) : undefined;
  const task = helper?.params[index];
  if (!helper?.body || task?.type !== AST_NODE_TYPES.Identifier || !runsAgainFromTimer(helper.body, task.name)) return undefined;
  const pattern = helper.params[index + 1];
  const declared = pattern?.type === AST_NODE_TYPES.AssignmentPattern ? pattern.left : pattern;
  if (declared?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of declared.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKey(property);
    const fallback = property.value.type === AST_NODE_TYPES.AssignmentPattern && property.value.right.type === AST_NODE_TYPES.Literal
      && typeof property.value.right.value === 'number' ? property.value.right.value : undefined;
    if (key === undefined || !COUNT_NAME.test(key) || fallback === undefined) continue;
    return countGiven(call.arguments[index + 1], key, fallback, layer);
  }
  return undefined;
}

/** What the layer passes for the helper's count: nothing (its default), a number, or its caller's option of that name. */
function countGiven(options: TSESTree.Node | undefined, key: string, fallback: number, layer: FunctionNode): LayerRetry['count'] | undefined {
  const object = options && unwrapExpression(options);
  if (!object) return { fixed: fallback };
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const property = object.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === key);
  if (!property) return object.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement) ? undefined : { fixed: fallback };
  const value = unwrapExpression((property as TSESTree.Property).value);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return { fixed: value.value };
  const caller = value.type === AST_NODE_TYPES.Identifier ? destructuredFromParameter(value.name, layer)
    : callerOption(value, layer);
  return caller && { index: caller.index, key: caller.key, fallback };
}

/**
 * `let { retries } = options` among the layer's statements, or `{ retries = 0 }` as its parameter, `options` its
 * parameter: that parameter, the key, and the default written with it when it is a number.
 */
function destructuredFromParameter(name: string, layer: FunctionNode): { index: number; key: string; fallback?: number } | undefined {
  for (const { pattern, index } of parameterPatterns(layer)) {
    const property = pattern.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && bindsName(candidate.value, name));
    const key = property?.type === AST_NODE_TYPES.Property ? propertyKey(property) : undefined;
    if (key === undefined) continue;
    const value = (property as TSESTree.Property).value;
    const fallback = value.type === AST_NODE_TYPES.AssignmentPattern ? numberValue(value.right) : undefined;
    return fallback === undefined ? { index, key } : { index, key, fallback };
  }
  return undefined;
}

/**
 * `const { body, tries, ...requestOptions } = options` among the layer's statements, `options` its parameter: the
 * rest is what the caller's options hold besides the named ones (its method and headers among them).
 */
function restOfParameter(name: string, layer: FunctionNode): number | undefined {
  for (const { pattern, index } of parameterPatterns(layer)) {
    if (pattern.properties.some((property) => property.type === AST_NODE_TYPES.RestElement && bindsName(property.argument, name))) return index;
  }
  return undefined;
}

/** The object patterns the layer's parameters are, or its statements destructure one of its parameters with. */
function parameterPatterns(layer: FunctionNode): { pattern: TSESTree.ObjectPattern; index: number }[] {
  const found: { pattern: TSESTree.ObjectPattern; index: number }[] = [];
  callerParameters(layer).forEach((param, index) => {
    const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) found.push({ pattern, index });
  });
  if (layer.body?.type !== AST_NODE_TYPES.BlockStatement) return found;
  for (const statement of layer.body.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || declarator.init?.type !== AST_NODE_TYPES.Identifier) continue;
      const index = parameterIndex(layer, declarator.init.name);
      if (index !== undefined) found.push({ pattern: declarator.id, index });
    }
  }
  return found;
}

function bindsName(value: TSESTree.Node, name: string): boolean {
  const binding = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
  return binding.type === AST_NODE_TYPES.Identifier && binding.name === name;
}


/** The helper calls its task (`fn(resolve, reject, retry)`) and schedules something with a timer: it runs the task again. */
function runsAgainFromTimer(body: TSESTree.Node, task: string): boolean {
  const calls = (name: string) => callsWithin(body, (call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name);
  return calls(task) && calls('setTimeout');
}
