import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { propertyKey, unwrapExpression } from '../analysis/syntax.js';
import { functionName, isFunction } from '../analysis/loops.js';
import { libraryOf } from '../libraries/index.js';
import { fetchFix } from '../libraries/fetch.js';
import { enclosingFunction } from '../analysis/protection.js';
import { callTextWithOption } from './call-options.js';
import { indentOf, lineBreak, quoted, semicolon } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A fetch whose response is a long transfer: an event stream (`Accept: text/event-stream`), or a body read as a
 * stream (`response.body.getReader()`, `for await (const chunk of response.body)`, piped to a file). A total
 * deadline (`AbortSignal.timeout(5_000)`) would abort such a transfer while it is still healthy, so what is bounded
 * there is the wait for the response's headers: fetch settles when they arrive, and the body may then take as long
 * as it needs.
 */
export function readsResponseAsStream(sourceCode: SourceCode, call: ExternalCall): boolean {
  if (call.wrapped || libraryOf(call.client)?.fix !== fetchFix) return false;
  return asksForEventStream(call) || responseBodyIsStreamed(sourceCode, call.node) || (setsNoBoundItself(call) && handsDownloadOn(sourceCode, call.node));
}

/**
 * Options written at the call naming neither a signal nor a dispatcher: a layer handed its caller's signal is given a
 * default for it, and a dispatcher's own timeouts (undici's `bodyTimeout`, a bound on the body's silences) are where a
 * download is bounded.
 */
function setsNoBoundItself(call: ExternalCall): boolean {
  if (call.optionsExpression === undefined) return true;
  const options = call.optionsArgument;
  return options !== undefined && options.properties.every((property) => property.type === AST_NODE_TYPES.Property && !['signal', 'dispatcher'].includes(propertyKey(property) ?? 'signal'));
}

/**
 * `private async downloadFile(uri) { const response = await fetch(uri, ...); return response; }`: a function named
 * for a download handing its response on unread (a build's archive, a release binary read whole by its caller). The
 * body is a transfer of any size, which a total deadline would cut off while it is healthy.
 */
function handsDownloadOn(sourceCode: SourceCode, node: TSESTree.CallExpression): boolean {
  const fn = enclosingFunction(node);
  const name = fn && functionName(fn)?.name;
  if (name === undefined || !/download/i.test(name)) return false;
  const returned = (value: TSESTree.Node): boolean => {
    const inner = unwrapExpression(value);
    return inner === node || (inner.type === AST_NODE_TYPES.AwaitExpression && unwrapExpression(inner.argument) === node);
  };
  if (fn!.body.type !== AST_NODE_TYPES.BlockStatement) return returned(fn!.body);
  if (node.parent?.type === AST_NODE_TYPES.ReturnStatement || (node.parent?.type === AST_NODE_TYPES.AwaitExpression && node.parent.parent?.type === AST_NODE_TYPES.ReturnStatement)) return true;
  const found = responseVariable(sourceCode, node);
  return found !== undefined && !found.inCallback && found.variable.references.some(({ identifier }) => identifier.parent?.type === AST_NODE_TYPES.ReturnStatement);
}

/**
 * A request layer's fetch whose response goes to a handler its caller gives (`const response = await fetch(...);
 * ... successfulResponseHandler({ response })`, the AI SDK's `postToApi` under `streamText`): the caller decides how
 * the body is read, often as a stream, so the default a layer gives its optional signal bounds the wait for the
 * headers, not the whole transfer. A layer that returns its response is left to the total default: which of its
 * callers stream is not read (wrangler's dev proxy of Workers AI, docs/real-code.md).
 */
export function responseGoesToCallersHandler(sourceCode: SourceCode, call: ExternalCall): boolean {
  if (call.wrapped || libraryOf(call.client)?.fix !== fetchFix) return false;
  const fn = enclosingFunction(call.node);
  let settled: TSESTree.Node = call.node.parent?.type === AST_NODE_TYPES.AwaitExpression ? call.node.parent : call.node;
  // `const response = validateUrl ? await viaRedirects(...) : await fetch(...)`: either branch is the response
  while ((settled.parent?.type === AST_NODE_TYPES.ConditionalExpression && settled.parent.test !== settled) || settled.parent?.type === AST_NODE_TYPES.LogicalExpression) settled = settled.parent;
  const declarator = settled.parent;
  if (!fn || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id);
  return (variable?.references ?? []).some(({ identifier }) => handedToParameter(identifier, fn, sourceCode));
}

/** `node` handed to a function `fn` was given (a parameter, or a name destructured from one), as it is or as a property. */
function handedToParameter(node: TSESTree.Node, fn: TSESTree.Node, sourceCode: SourceCode): boolean {
  let current = node;
  // `{ response }`, `{ response: r }` handed as a property of an object argument
  if (current.parent?.type === AST_NODE_TYPES.Property && current.parent.value === current && current.parent.parent?.type === AST_NODE_TYPES.ObjectExpression) current = current.parent.parent;
  const parent = current.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(parent.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  return def?.type === 'Parameter' && def.node === fn;
}

export const HEADERS_TIMEOUT_MS = '10_000';

/** What the title of the headers bound says it waits for, in seconds. */
export const HEADERS_TIMEOUT_SECONDS = '10';

/**
 * The wait for the response headers bounded with a timer cleared when they arrive:
 *
 *     const responseHeaders = new AbortController();
 *     const headersTimer = setTimeout(() => responseHeaders.abort(new DOMException('...', 'TimeoutError')), 10_000);
 *     const response = await fetch(url, { signal: responseHeaders.signal }).finally(() => clearTimeout(headersTimer));
 *
 * The controller's signal stays on the request, so a caller's signal given in the init is combined with it, and
 * nothing aborts it once the headers are in. Undefined where the call is not inside a statement of a block
 * (an arrow's expression body), or where its init cannot be edited.
 */
export function boundResponseHeaders(sourceCode: SourceCode, call: ExternalCall): SourceEdits | undefined {
  const statement = enclosingBlockStatement(call.node);
  if (!statement) return undefined;
  const taken = namesInUse(sourceCode);
  const controller = freeName('responseHeaders', taken);
  taken.add(controller);
  const timer = freeName('headersTimer', taken);
  const withSignal = callTextWithOption(sourceCode, call, 'signal', `${controller}.signal`);
  if (withSignal === undefined) return undefined;
  const end = semicolon(sourceCode);
  const indent = indentOf(sourceCode, statement);
  const reason = `new DOMException(${quoted(sourceCode, `No response headers within ${HEADERS_TIMEOUT_SECONDS} s`)}, ${quoted(sourceCode, 'TimeoutError')})`;
  const edits = new SourceEdits();
  edits.insert(statement.range[0], [
    `const ${controller} = new AbortController()${end}`,
    `${indent}const ${timer} = setTimeout(() => ${controller}.abort(${reason}), ${HEADERS_TIMEOUT_MS})${end}`,
    indent,
  ].join(lineBreak(sourceCode)));
  edits.replace(call.node.range, `${withSignal}.finally(() => clearTimeout(${timer}))`);
  return edits;
}

/** The statement the call is part of, when that statement sits in a block (where two lines can go before it). */
export function enclosingBlockStatement(node: TSESTree.Node): TSESTree.Statement | undefined {
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      return current.type === AST_NODE_TYPES.ImportDeclaration || current.type.startsWith('Export') ? undefined : (current as TSESTree.Statement);
    }
    // a function between the call and the block: the timer would start when the function is made, not called
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression || parent.type === AST_NODE_TYPES.FunctionExpression) return undefined;
  }
  return undefined;
}

/** `headers: { Accept: 'text/event-stream' }` in the init written at the call. */
function asksForEventStream(call: ExternalCall): boolean {
  const init = call.node.arguments[1];
  if (!init) return false;
  const found: boolean[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && /^text\/event-stream\b/i.test(node.value)) found.push(true);
    if (node.type === AST_NODE_TYPES.ObjectExpression) for (const property of node.properties) visit(property.type === AST_NODE_TYPES.Property ? property.value : property.argument);
  };
  visit(unwrapExpression(init));
  return found.length > 0;
}

/**
 * `const response = await fetch(...)` whose `response.body` is read other than to test it is there: handed on,
 * piped, iterated, or read with `getReader()`.
 */
function responseBodyIsStreamed(sourceCode: SourceCode, node: TSESTree.CallExpression): boolean {
  const found = responseVariable(sourceCode, node);
  return (found?.variable.references ?? []).some(({ identifier }) => {
    const member = identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || member.computed) return false;
    if (member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'body') return false;
    // in a `.then` callback, only a read of it as a stream: `reject(response.body)`, `${response.body}` after an upload
    // read no stream (appcenter-cli's multipart uploads)
    return found!.inCallback ? readAsStream(member) : !onlyTestsPresence(member);
  });
}

const STREAM_READS = new Set(['pipe', 'pipeTo', 'pipeThrough', 'getReader', 'on', 'once', 'tee']);
const STREAM_TAKERS = new Set(['pipeline', 'fromWeb', 'from']);

/** `body.pipe(out)`, `body.getReader()`, `for await (const chunk of body)`, `pipeline(body, out)`, `Readable.fromWeb(body)`. */
function readAsStream(body: TSESTree.Node): boolean {
  const parent = body.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === body && !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier) {
    return STREAM_READS.has(parent.property.name);
  }
  if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === body) return parent.await;
  // `response.body ?? []`
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === body) return readAsStream(parent);
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(body as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(parent.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  return name !== undefined && STREAM_TAKERS.has(name);
}

/**
 * The variable the response is given to: `const response = await fetch(...)`, or the first parameter of the callback
 * of `fetch(...).then((response) => ...)`.
 */
function responseVariable(sourceCode: SourceCode, node: TSESTree.CallExpression): { variable: TSESLint.Scope.Variable; inCallback: boolean } | undefined {
  const awaited = node.parent?.type === AST_NODE_TYPES.AwaitExpression ? node.parent : undefined;
  const declarator = awaited?.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id);
    return variable ? { variable, inCallback: false } : undefined;
  }
  const then = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node && !node.parent.computed
    && node.parent.property.type === AST_NODE_TYPES.Identifier && node.parent.property.name === 'then' ? node.parent.parent : undefined;
  const callback = then?.type === AST_NODE_TYPES.CallExpression ? then.arguments[0] : undefined;
  if (!callback || !isFunction(callback)) return undefined;
  const [parameter] = callback.params;
  const variable = parameter?.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(callback.body), parameter) : undefined;
  return variable ? { variable, inCallback: true } : undefined;
}

/** `!response.body`, `response.body === null`, `if (response.body)`: the body's presence, not its content. */
function onlyTestsPresence(body: TSESTree.MemberExpression): boolean {
  const parent = body.parent;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
  if (parent.type === AST_NODE_TYPES.BinaryExpression) return true;
  if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === body) return true;
  return parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === body && parent.operator !== '??';
}
