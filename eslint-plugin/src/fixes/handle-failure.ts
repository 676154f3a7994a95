import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { walkSameFunction, type FunctionNode } from '../analysis/loops.js';
import { indentOf, indentUnit, isTypeScript, lineBreak, quoted, semicolon } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The expression whose value the call's promise becomes, following `.then(...)`/`.finally(...)` chains and
 * `await`: `fetch(url).then(parse)` as a whole, where a `.catch` must go. With `throughHandlers`, also past
 * handlers that throw again (`.catch((e) => { log(e); throw e; })`), which pass the failure on.
 */
export function promiseChainOf(node: TSESTree.Node, throughHandlers = false): TSESTree.Expression {
  const links = throughHandlers ? ['then', 'finally', 'catch'] : ['then', 'finally'];
  let current = node as TSESTree.Expression;
  for (;;) {
    const parent = current.parent;
    if (
      parent?.type === 'MemberExpression' &&
      parent.object === current &&
      !parent.computed &&
      parent.property.type === 'Identifier' &&
      links.includes(parent.property.name) &&
      parent.parent.type === 'CallExpression' &&
      parent.parent.callee === parent
    ) {
      current = parent.parent;
    } else if (parent?.type === 'ChainExpression') {
      current = parent;
    } else {
      return current;
    }
  }
}

/** Where the chain's value goes: nowhere (a statement, `void`, an expression-bodied callback), or somewhere. */
export function chainValueIsDiscarded(chain: TSESTree.Expression): boolean {
  let current: TSESTree.Node = chain;
  if (current.parent?.type === 'AwaitExpression') current = current.parent;
  const parent = current.parent;
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type === 'UnaryExpression' && parent.operator === 'void') return true;
  // `setTimeout(() => fetch(url))`, `items.forEach((item) => send(item))`: the callback's result is unused
  if (parent?.type !== 'ArrowFunctionExpression' || parent.body !== current) return false;
  const caller = parent.parent;
  if (caller.type !== 'CallExpression' || !caller.arguments.includes(parent)) return false;
  const callee = caller.callee;
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
        ? callee.property.name
        : undefined;
  return name !== undefined && RESULT_IGNORING_CALLERS.has(name);
}

const RESULT_IGNORING_CALLERS = new Set([
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick', 'forEach',
  'addEventListener', 'on', 'once', 'addListener', 'prependListener',
]);

function logStatement(sourceCode: SourceCode, label: string): string {
  return `console.error(${quoted(sourceCode, `${label} failed`)}, error)`;
}

/**
 * Appends `.catch((error) => { console.error(…) })` to the promise chain the call starts, when that chain's
 * value is thrown away (adding it where the value is used would change the value's type to include `void`).
 */
export function addCatchHandler(target: FixTarget, call: TSESTree.CallExpression, label: string, valueUnread = false): SourceEdits | undefined {
  const { sourceCode } = target;
  const chain = promiseChainOf(call, true);
  // (`valueUnread`: the callback it is returned from is one whose result nobody reads, an event listener)
  if (!chainValueIsDiscarded(chain) && !(valueUnread && returnedFromListener(call))) return undefined;
  const parameter = isTypeScript(target.filename) ? '(error: unknown)' : '(error)';
  const handler = `.catch(${parameter} => {${` ${logStatement(sourceCode, label)}${semicolon(sourceCode)} `}})`;
  const edits = new SourceEdits();
  const needsParens = chain.type !== 'CallExpression' && chain.type !== 'ChainExpression';
  if (needsParens) {
    edits.insert(chain.range[0], '(');
    edits.insert(chain.range[1], `)${handler}`);
  } else {
    edits.insert(chain.range[1], handler);
  }
  return edits;
}

/**
 * `client.on('room.invite', (id) => { return client.joinRoom(id) })`: the call's promise chain is what an event
 * listener hands back, which the emitter never reads.
 */
export function returnedFromListener(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = promiseChainOf(call, true);
  if (current.parent?.type === 'AwaitExpression') current = current.parent;
  let listener: TSESTree.Node | undefined = current.parent;
  if (listener?.type === 'ReturnStatement') {
    for (listener = listener.parent; listener && listener.type !== 'ArrowFunctionExpression' && listener.type !== 'FunctionExpression'; listener = listener.parent) {
      if (listener.type === 'FunctionDeclaration') return false;
    }
  } else if (listener?.type !== 'ArrowFunctionExpression' || listener.body !== current) return false;
  const registration = listener?.parent;
  return registration?.type === 'CallExpression' && registration.arguments.includes(listener as TSESTree.CallExpressionArgument)
    && registration.callee.type === 'MemberExpression' && registration.callee.property.type === 'Identifier'
    && LISTENER_REGISTRATIONS.has(registration.callee.property.name);
}

const LISTENER_REGISTRATIONS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/**
 * `promptService.invalidateCache({ projectId });` in an async function that awaits its other calls: the missing
 * `await`, when the call is the whole statement (a chain's value is not the call's) and sits directly in that function.
 */
export function awaitCall(target: FixTarget, call: TSESTree.CallExpression): SourceEdits | undefined {
  const chain = promiseChainOf(call);
  const statement = chain.parent;
  if (chain !== call && chain.type !== 'ChainExpression') return undefined;
  if (statement?.type !== 'ExpressionStatement') return undefined;
  let fn: TSESTree.Node | undefined = statement.parent;
  while (fn && fn.type !== 'FunctionDeclaration' && fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') fn = fn.parent;
  if (!fn || !fn.async) return undefined;
  const edits = new SourceEdits();
  edits.insert(chain.range[0], 'await ');
  return edits;
}

/**
 * Wraps the statement that makes the call in `try { … } catch (error) { console.error(…) }`, when the
 * statement declares nothing (moving a declaration into the block would hide it from the code after it).
 */
export function wrapStatementInTryCatch(
  target: FixTarget,
  call: TSESTree.CallExpression,
  label: string,
): SourceEdits | undefined {
  const { sourceCode } = target;
  // Only an awaited call rejects inside the try; a floating promise would escape it all the same.
  const chain = promiseChainOf(call);
  if (chain.parent?.type !== 'AwaitExpression') return undefined;
  const statement = enclosingStatement(call);
  if (statement?.type !== 'ExpressionStatement') return undefined;
  const parent = statement.parent;
  if (parent.type !== 'BlockStatement' && parent.type !== 'Program' && parent.type !== 'StaticBlock') return undefined;
  const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
  const endLine = sourceCode.lines[statement.loc.end.line - 1] ?? '';
  // a statement written inline among others stays inline
  const sharesItsLine =
    line.slice(0, statement.loc.start.column).trim() !== '' || endLine.slice(statement.loc.end.column).trim() !== '';
  return tryCatchAround(sourceCode, statement, statement, `${logStatement(sourceCode, label)}${semicolon(sourceCode)}`, sharesItsLine);
}

/**
 * Whether a try/catch around the whole body of the async callback `fn` catches the failure of each of `calls` in it:
 * a block body, and no `return` handing out a promise unawaited (`return client.join(id)` rejects past the catch).
 */
export function bodyTryCatchCatches(sourceCode: SourceCode, fn: FunctionNode, calls: readonly TSESTree.CallExpression[]): boolean {
  if (!fn.async || fn.body.type !== 'BlockStatement' || fn.body.body.length === 0) return false;
  let catches = true;
  walkSameFunction(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type !== 'ReturnStatement' || !node.argument || node.argument.type === 'AwaitExpression') return;
    const returned = node.argument.range;
    if (calls.some((call) => returned[0] <= call.range[0] && call.range[1] <= returned[1])) catches = false;
  });
  return catches;
}

/** Wraps the whole body of the async callback `fn` in try/catch that logs its failure (`label`: what failed). */
export function wrapBodyInTryCatch(target: FixTarget, fn: FunctionNode, label: string): SourceEdits | undefined {
  const body = fn.body;
  if (body.type !== 'BlockStatement') return undefined;
  const first = body.body[0]!;
  // a body written on one line stays on one
  const log = `${logStatement(target.sourceCode, label)}${semicolon(target.sourceCode)}`;
  return tryCatchAround(target.sourceCode, first, body.body.at(-1)!, log, first.loc.start.line === body.loc.start.line);
}

/**
 * `new Promise(async (resolve) => { const res = await get(url); resolve(res) })`: a failure rejects the async
 * executor's own promise, which nobody holds, and the promise made never settles. Wrapping its body in `try { ... }
 * catch (error) { reject(error) }` (naming the executor's `reject` when it has none) hands the failure to that promise.
 */
export function rejectInAsyncExecutor(target: FixTarget, executor: FunctionNode): SourceEdits | undefined {
  const { sourceCode } = target;
  const body = executor.body;
  const [resolve, given] = executor.params;
  if (body.type !== 'BlockStatement' || body.body.length === 0 || resolve === undefined) return undefined;
  if (given !== undefined && given.type !== 'Identifier') return undefined;
  const reject = given?.name ?? freeName('reject', namesInUse(sourceCode));
  const first = body.body[0]!;
  const edits = tryCatchAround(sourceCode, first, body.body.at(-1)!, `${reject}(error)${semicolon(sourceCode)}`, first.loc.start.line === body.loc.start.line);
  if (given === undefined) {
    // `async resolve => ...` gains its parentheses with the second parameter
    const parenthesised = sourceCode.getTokenBefore(resolve)?.value === '(';
    if (parenthesised) edits.insert(resolve.range[1], `, ${reject}`);
    else edits.replace(resolve.range, `(${sourceCode.getText(resolve)}, ${reject})`);
  }
  return edits;
}

/** `try { ... } catch (error) { <handler> }` around the code from `first` to `last`: on one line, or re-indented on lines of its own. */
function tryCatchAround(sourceCode: SourceCode, first: TSESTree.Node, last: TSESTree.Node, handler: string, inline: boolean): SourceEdits {
  const eol = lineBreak(sourceCode);
  const code = sourceCode.text.slice(first.range[0], last.range[1]);
  const edits = new SourceEdits();
  if (inline) {
    edits.replace([first.range[0], last.range[1]], `try { ${code} } catch (error) { ${handler} }`);
    return edits;
  }
  const indent = indentOf(sourceCode, first);
  const unit = indentUnit(sourceCode);
  const lines = code.split(/\r?\n/).map((line, index) => (index === 0 || line.trim() === '' ? line : unit + line)).join(eol);
  edits.replace([first.range[0], last.range[1]], `try {${eol}${indent}${unit}${lines}${eol}${indent}} catch (error) {${eol}${indent}${unit}${handler}${eol}${indent}}`);
  return edits;
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node | undefined {
  let current: TSESTree.Node | undefined = node;
  while (current && !/Statement$|Declaration$/.test(current.type)) {
    if (/Function/.test(current.type)) return undefined;
    current = current.parent;
  }
  return current;
}

/**
 * Adds `.on('error', …)` that logs, to a node:http(s) request that reports failure as an 'error' event (with
 * no listener, the event crashes the process). `on` returns the request, so the call's value is unchanged.
 */
export function addErrorListener(target: FixTarget, call: TSESTree.CallExpression, label: string): SourceEdits {
  const { sourceCode } = target;
  const parameter = isTypeScript(target.filename) ? '(error: Error)' : '(error)';
  const edits = new SourceEdits();
  edits.insert(call.range[1], `.on(${quoted(sourceCode, 'error')}, ${parameter} => { ${logStatement(sourceCode, label)}${semicolon(sourceCode)} })`);
  return edits;
}

/**
 * The `reject` of the `new Promise((resolve, reject) => …)` whose executor makes the call, when it is in scope there:
 * an 'error' listener that only logs would leave that promise pending for ever.
 */
export function executorReject(sourceCode: SourceCode, call: TSESTree.CallExpression): string | undefined {
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') continue;
    const reject = node.params[1];
    const creation: TSESTree.Node | undefined = node.parent;
    if (
      reject?.type !== 'Identifier' || creation?.type !== 'NewExpression' || creation.arguments[0] !== node ||
      creation.callee.type !== 'Identifier' || creation.callee.name !== 'Promise'
    ) continue;
    // not shadowed between the executor and the call
    const seen = ASTUtils.findVariable(sourceCode.getScope(call), reject.name);
    return seen?.defs[0]?.name === reject ? reject.name : undefined;
  }
  return undefined;
}

/** Adds `.on('error', reject)` to a node:http(s) request made in a promise's executor: the promise fails with it. */
export function rejectOnError(target: FixTarget, call: TSESTree.CallExpression, reject: string): SourceEdits {
  const edits = new SourceEdits();
  edits.insert(call.range[1], `.on(${quoted(target.sourceCode, 'error')}, ${reject})`);
  return edits;
}
