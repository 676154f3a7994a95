import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { libraryOf } from '../libraries/index.js';
import { fetchFix } from '../libraries/fetch.js';
import { indentOf, lineBreak, quoted, semicolon } from './code-style.js';
import { findProperty, objectTextWith } from './object-literal.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import { enclosingBlockStatement } from './streamed-responses.js';
import { IDLE_TIMEOUT_MS, IDLE_TIMEOUT_SECONDS } from './streamed-requests.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A fetch that uploads a streamed body: Node's fetch takes a stream or an async iterable as `body` only with
 * `duplex: 'half'` beside it, so that option written in the init marks an upload as long as its body. A total
 * deadline would abort it while it is healthy; what can be bounded is each silence: the time since fetch last took a
 * chunk of the body (it takes the next one only when the socket has sent the last), and after the last, the wait for
 * the response's headers. Only an init written at the call is read, as the fix edits it, with no signal of its own or
 * a controller's.
 */
export function streamedFetchUpload(call: ExternalCall): { init: TSESTree.ObjectExpression; body: TSESTree.Property; signal?: TSESTree.Expression } | undefined {
  if (call.wrapped || libraryOf(call.client)?.fix !== fetchFix) return undefined;
  const written = call.node.arguments[1];
  const init = written && unwrapExpression(written);
  if (init?.type !== AST_NODE_TYPES.ObjectExpression || !findProperty(init, 'duplex')) return undefined;
  const body = findProperty(init, 'body');
  // a controller's signal, always there, aborted only on cancel: kept beside the bound (`AbortSignal.any`)
  const signal = findProperty(init, 'signal')?.value;
  if (signal && !isControllerSignal(signal)) return undefined;
  return body && { init, body, ...(signal ? { signal: signal as TSESTree.Expression } : {}) };
}

/** `controller.signal`: never undefined, as a signal the caller may leave out is. */
function isControllerSignal(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'signal'
    && inner.object.type === AST_NODE_TYPES.Identifier;
}

/**
 * A timer started again each time fetch takes a chunk of the body, and cleared when the response's headers arrive
 * (started again rather than `refresh()`ed: a browser's timers are numbers):
 *
 *     const uploadSilence = new AbortController();
 *     const abortUpload = () => uploadSilence.abort(new DOMException('...', 'TimeoutError'));
 *     let silenceTimer = setTimeout(abortUpload, 30_000);
 *     const response = await fetch(url, {
 *       body: (async function* () {
 *         for await (const chunk of file) { clearTimeout(silenceTimer); silenceTimer = setTimeout(abortUpload, 30_000); yield chunk; }
 *       })(),
 *       duplex: 'half', signal: uploadSilence.signal,
 *     }).finally(() => clearTimeout(silenceTimer));
 *
 * Undefined where the call is not inside a statement of a block, where three lines can go before it.
 */
export function boundUploadSilences(sourceCode: SourceCode, call: ExternalCall): SourceEdits | undefined {
  const upload = streamedFetchUpload(call);
  const statement = enclosingBlockStatement(call.node);
  if (!upload || !statement) return undefined;
  const taken = namesInUse(sourceCode);
  const controller = freeName('uploadSilence', taken);
  taken.add(controller);
  const abort = freeName('abortUpload', taken);
  taken.add(abort);
  const timer = freeName('silenceTimer', taken);
  taken.add(timer);
  const chunk = freeName('chunk', taken);
  // one line, so its statements keep their semicolons whatever the file's style
  const rearm = `clearTimeout(${timer}); ${timer} = setTimeout(${abort}, ${IDLE_TIMEOUT_MS});`;
  const refreshed = `(async function* () { for await (const ${chunk} of ${sourceCode.getText(upload.body.value)}) { ${rearm} yield ${chunk}; } })()`;
  const end = semicolon(sourceCode);
  const indent = indentOf(sourceCode, statement);
  const reason = `new DOMException(${quoted(sourceCode, `Nothing sent or received for ${IDLE_TIMEOUT_SECONDS} s`)}, ${quoted(sourceCode, 'TimeoutError')})`;
  const edits = new SourceEdits();
  edits.insert(statement.range[0], [
    `const ${controller} = new AbortController()${end}`,
    `${indent}const ${abort} = () => ${controller}.abort(${reason})${end}`,
    `${indent}let ${timer} = setTimeout(${abort}, ${IDLE_TIMEOUT_MS})${end}`,
    indent,
  ].join(lineBreak(sourceCode)));
  const signal = upload.signal ? `AbortSignal.any([${sourceCode.getText(upload.signal)}, ${controller}.signal])` : `${controller}.signal`;
  edits.replace(upload.init.range, objectTextWith(sourceCode, upload.init, { set: [['body', refreshed], ['signal', signal]] }));
  edits.insert(call.node.range[1], `.finally(() => clearTimeout(${timer}))`);
  return edits;
}
