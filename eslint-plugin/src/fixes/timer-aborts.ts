import type { CancelledWrapper } from '../analysis/cancelled-wrappers.js';
import { callTextWithOption } from './call-options.js';
import { indentOf, lineBreak, semicolon } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * `const pending = makeCancelable(fetch(url, init)); setTimeout(() => pending.cancel(), ms)` becomes
 *
 *     const requestAbort = new AbortController();
 *     const pending = makeCancelable(fetch(url, { ...init, signal: requestAbort.signal }));
 *     setTimeout(() => { requestAbort.abort(); pending.cancel(); }, ms);
 *
 * The wrapper is still cancelled (its callers wait on it as before), and the request ends with it.
 */
export function abortOnTimer(target: FixTarget, cancelled: CancelledWrapper): SourceEdits | undefined {
  const { sourceCode } = target;
  const { request, cancel, declaration } = cancelled;
  const controller = freeName('requestAbort', namesInUse(sourceCode));
  const withSignal = request.signalOption && callTextWithOption(sourceCode, request, request.signalOption, `${controller}.signal`);
  const callback = cancelled.timer.arguments[0];
  if (!withSignal || !callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return undefined;
  const end = semicolon(sourceCode);
  const edits = new SourceEdits();
  edits.insert(declaration.range[0], `const ${controller} = new AbortController()${end}${lineBreak(sourceCode)}${indentOf(sourceCode, declaration)}`);
  edits.replace(request.node.range, withSignal);
  if (callback.body.type === 'BlockStatement') {
    // on a line of its own before the cancel's, when the cancel starts its line
    const ownLine = sourceCode.lines[cancel.loc.start.line - 1]!.slice(0, cancel.loc.start.column).trim() === '';
    edits.insert(cancel.range[0], `${controller}.abort()${end}${ownLine ? `${lineBreak(sourceCode)}${indentOf(sourceCode, cancel)}` : ' '}`);
  } else {
    edits.replace(callback.body.range, `{ ${controller}.abort()${end} ${sourceCode.getText(callback.body)}${end} }`);
  }
  return edits;
}
