import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { getFileNodes, isFunction, walk, type FunctionNode } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Node's `'timeout'` on a request or a socket (`req.setTimeout(ms)`, the `timeout` option) only says it has been idle
 * that long: nothing is stopped. A listener that tells the caller the request failed, and does not destroy it, leaves
 * the request, its socket and its pool slot behind, and a retry then sends another beside it (influxdb-client-js's Node
 * transport, the thirty-second round). Reported where the request has an 'error' listener handing its error to the
 * same place the timeout's failure goes: destroying the request with that failure is then the whole fix, reported once.
 */
export interface KeptIdleRequest {
  /** The 'timeout' listener. */
  readonly listener: FunctionNode;
  /** The call in it that reports the failure (`onDone(new TimedOut())`), and the failure it reports. */
  readonly report: TSESTree.CallExpression;
  readonly failure: TSESTree.Expression;
  /** The variable holding the request. */
  readonly request: TSESTree.Identifier;
  /** A socket opened by `net.connect`/`tls.connect` (a tunnel, a raw protocol) rather than a request. */
  readonly socket: boolean;
}

/** Node modules whose requests and sockets have this 'timeout' (a file naming none of them is passed over at once). */
const NODE_SOCKET_MODULES = /(['"])(?:node:)?(?:https?|net|tls)\1|follow-redirects/;
const LISTEN_METHODS = new Set(['on', 'once', 'addListener']);
const CANCEL_METHODS = new Set(['destroy', 'abort', 'resetAndDestroy']);

export function keptIdleRequests(sourceCode: SourceCode): KeptIdleRequest[] {
  if (!sourceCode.text.includes('timeout') || !NODE_SOCKET_MODULES.test(sourceCode.text)) return [];
  const found: KeptIdleRequest[] = [];
  for (const call of getFileNodes(sourceCode).calls) {
    const listened = timeoutListener(call);
    if (!listened) continue;
    const request = requestVariable(sourceCode, listened.request);
    const report = request && failureReport(sourceCode, listened.listener);
    if (!request || !report) continue;
    if (request.references.some((reference) => cancelsThrough(sourceCode, reference.identifier, listened.listener))) continue;
    if (!forwardsErrorsTo(request, sourceCode, report.callee)) continue;
    found.push({ listener: listened.listener, report: report.call, failure: report.failure, request: listened.request, socket: opensSocket(request) });
  }
  return found;
}

/** `req.on('timeout', listener)`, `req.setTimeout(ms, listener)`. */
function timeoutListener(call: TSESTree.CallExpression): { request: TSESTree.Identifier; listener: FunctionNode } | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const method = staticPropertyName(callee);
  const [first, second] = call.arguments;
  const listener = method === 'setTimeout' ? second
    : method !== undefined && LISTEN_METHODS.has(method) && first?.type === AST_NODE_TYPES.Literal && first.value === 'timeout' ? second : undefined;
  return listener && isFunction(listener) ? { request: callee.object, listener } : undefined;
}

/** The variable of a request made by a call (`const req = https.request(...)`, `const req = this.requestApi(...)`), never written again. */
function requestVariable(sourceCode: SourceCode, name: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(name), name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || !definition.node.init || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return unwrapExpression(definition.node.init).type === AST_NODE_TYPES.CallExpression ? variable! : undefined;
}

const SOCKET_OPENERS = new Set(['connect', 'createConnection']);

/** `tls.connect(...)`, `net.createConnection(...)`: the variable holds a socket. */
function opensSocket(request: TSESLint.Scope.Variable): boolean {
  const definition = request.defs[0]!;
  const init = definition.type === 'Variable' && definition.node.init ? unwrapExpression(definition.node.init) : undefined;
  return init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.MemberExpression && SOCKET_OPENERS.has(staticPropertyName(init.callee) ?? '');
}

/** `onDone(new TimedOutError(...))`, `reject(new Error('timeout'))`: the one call of the listener handing a new error on. */
function failureReport(sourceCode: SourceCode, listener: FunctionNode): { call: TSESTree.CallExpression; callee: string; failure: TSESTree.Expression } | undefined {
  const reports: { call: TSESTree.CallExpression; callee: string; failure: TSESTree.Expression }[] = [];
  walk(listener.body, sourceCode.visitorKeys, (node) => {
    if (node !== listener.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1) {
      const failure = unwrapExpression(node.arguments[0]!);
      if (failure.type === AST_NODE_TYPES.NewExpression) reports.push({ call: node, callee: sourceCode.getText(node.callee), failure: node.arguments[0] as TSESTree.Expression });
    }
    return true;
  });
  return reports.length === 1 ? reports[0] : undefined;
}

/**
 * `req.destroy()`, `req.abort()`, `this.destroy()` in a listener (a socket's `end()` in the timeout's own), or the
 * request handed to a function that may end it.
 */
function cancelsThrough(sourceCode: SourceCode, identifier: TSESTree.Identifier | TSESTree.JSXIdentifier, listener: FunctionNode): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const method = staticPropertyName(parent);
    if (method !== undefined && CANCEL_METHODS.has(method)) return true;
    if (method === 'end' && identifier.range[0] >= listener.range[0] && identifier.range[1] <= listener.range[1]) return true;
    const call = parent.parent;
    // a listener on it calling `this.destroy()` (`req.setTimeout(ms, function () { this.destroy() })`)
    return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => argument.type === AST_NODE_TYPES.FunctionExpression && destroysThis(sourceCode, argument));
  }
  // `track(req)`, `requests.add(req)`, returned: something else may end it; not `resolve(socket)`, the caller's once it
  // connected, which a promise rejected by the timeout never delivers
  if (parent?.type === AST_NODE_TYPES.CallExpression) return !resolvesExecutor(sourceCode, parent);
  return parent?.type === AST_NODE_TYPES.ReturnStatement || parent?.type === AST_NODE_TYPES.ArrayExpression
    || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.AssignmentExpression;
}

/** `resolve(value)` with `resolve` the first parameter of a promise's executor. */
function resolvesExecutor(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(call.callee), call.callee)?.defs[0];
  const executor = definition?.type === 'Parameter' ? definition.node : undefined;
  const owner = executor?.parent;
  return executor !== undefined && isFunction(executor) && executor.params[0] === definition!.name && owner?.type === AST_NODE_TYPES.NewExpression
    && owner.callee.type === AST_NODE_TYPES.Identifier && owner.callee.name === 'Promise' && owner.arguments[0] === executor;
}

function destroysThis(sourceCode: SourceCode, fn: TSESTree.FunctionExpression): boolean {
  let found = false;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && CANCEL_METHODS.has(staticPropertyName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}

/** `req.on('error', onDone)`, `req.on('error', (error) => onDone(error))`: its errors go where the timeout's failure goes. */
function forwardsErrorsTo(request: TSESLint.Scope.Variable, sourceCode: SourceCode, sink: string): boolean {
  return request.references.some(({ identifier }) => {
    const member = identifier.parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const [event, handler] = call.arguments;
    if (!LISTEN_METHODS.has(staticPropertyName(member) ?? '') || event?.type !== AST_NODE_TYPES.Literal || event.value !== 'error' || !handler) return false;
    if (!isFunction(handler)) return sourceCode.getText(handler) === sink;
    const [parameter] = handler.params;
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
    const body = handler.body.type === AST_NODE_TYPES.BlockStatement && handler.body.body.length === 1 && handler.body.body[0]!.type === AST_NODE_TYPES.ExpressionStatement
      ? handler.body.body[0]!.expression : handler.body;
    const forwarded = unwrapExpression(body as TSESTree.Node);
    return forwarded.type === AST_NODE_TYPES.CallExpression && sourceCode.getText(forwarded.callee) === sink && forwarded.arguments.length === 1
      && forwarded.arguments[0]!.type === AST_NODE_TYPES.Identifier && forwarded.arguments[0]!.name === parameter.name;
  });
}
