import type { TSESTree } from '@typescript-eslint/utils';
import { isFunction, type FunctionNode } from '../analysis/loops.js';
import type { RetryConstruct } from '../analysis/retries.js';
import { outerCounter } from '../analysis/retry-observables.js';
import { calleeName } from '../analysis/delays.js';
import { indentOf, lineBreak, semicolon } from './code-style.js';
import { freeName, importNames, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * Fixes for `catchError((error, caught) => ... caught ...)`, the failed observable subscribed to again. The selector
 * stays as written, with what it does on the way (an event it emits, a log line), and the resubscription gets a
 * count kept beside the pipe: set back to 0 by each value the source delivers (as `retry`'s `resetOnSuccess`), so a
 * long-lived feed that reconnected once still reconnects after the next drop, and only failures in a row end it.
 */

const MAX_RESUBSCRIPTIONS = 3;

interface Resubscription {
  readonly call: TSESTree.CallExpression;
  readonly selector: FunctionNode;
  readonly errorName: string;
  readonly caughtName: string;
}

function resubscriptionOf(retry: RetryConstruct): Resubscription | undefined {
  const call = retry.node;
  if (call.type !== 'CallExpression') return undefined;
  const [selector] = call.arguments;
  if (!selector || !isFunction(selector)) return undefined;
  const [error, caught] = selector.params;
  if (error?.type !== 'Identifier' || caught?.type !== 'Identifier') return undefined;
  return { call, selector, errorName: error.name, caughtName: caught.name };
}

/** Ends the resubscriptions after 3 failures in a row with the last error: `if (++count > 3) return throwError(...)`. */
export function boundResubscription(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const found = resubscriptionOf(retry);
  if (!found) return undefined;
  const edits = new SourceEdits();
  const { throwError } = importNames(target.sourceCode, 'rxjs', ['throwError'], edits);
  const existing = outerCounter(target.sourceCode, found.selector)?.name;
  const counter = existing ?? declareCounter(target, found, edits);
  if (counter === undefined) return undefined;
  // a count the selector already keeps is compared as it stands when the failure arrives
  const test = existing ? `${counter} >= ${MAX_RESUBSCRIPTIONS}` : `++${counter} > ${MAX_RESUBSCRIPTIONS}`;
  const stop = `${throwError}(() => ${found.errorName})`;
  const body = found.selector.body;
  if (body.type === 'BlockStatement') {
    const first = body.body[0];
    const check = `if (${test}) return ${stop}${semicolon(target.sourceCode)}`;
    if (first) edits.insert(first.range[0], `${check}${lineBreak(target.sourceCode)}${indentOf(target.sourceCode, first)}`);
    else edits.insert(body.range[0] + 1, ` ${check} `);
  } else {
    const text = target.sourceCode.getText(body);
    edits.replace(body.range, `${test} ? ${stop} : ${body.type === 'SequenceExpression' ? `(${text})` : text}`);
  }
  return edits;
}

/**
 * Waits before each resubscription, doubling from the wait it had (100 ms when it had none), at most 30 s, at a
 * random point of it (full jitter): the selector's `timer(...)` or `delay(...)` gets the growing wait, or `caught`
 * becomes `timer(wait).pipe(switchMap(() => caught))`.
 */
export function backoffResubscription(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const found = resubscriptionOf(retry);
  if (!found) return undefined;
  const { sourceCode } = target;
  const edits = new SourceEdits();
  const existing = outerCounter(sourceCode, found.selector)?.name;
  const counter = existing ?? declareCounter(target, found, edits);
  if (counter === undefined) return undefined;
  // the selector's own count is moved on where it compares it; ours, where the wait is set
  const exponent = existing ?? `${counter}++`;
  const wait = (base: string): string => `Math.random() * Math.min(30_000, ${base} * 2 ** ${exponent})`;
  const waitCall = retry.delayNode?.type === 'CallExpression' ? retry.delayNode : undefined;
  const given = waitCall?.arguments[0];
  if (waitCall && given && given.type !== 'SpreadElement') {
    const text = sourceCode.getText(given);
    edits.replace(given.range, wait(/^[\w.]+$/.test(text) ? text : `(${text})`));
    return edits;
  }
  const references = sourceCode.getDeclaredVariables(found.selector).find((variable) => variable.name === found.caughtName)?.references ?? [];
  if (references.length === 0) return undefined;
  const fromOperators = importedFromOperators(found.call);
  const { timer } = importNames(sourceCode, 'rxjs', ['timer'], edits);
  const { switchMap } = importNames(sourceCode, fromOperators ? 'rxjs/operators' : 'rxjs', ['switchMap'], edits);
  for (const reference of references) {
    edits.replace(reference.identifier.range, `${timer}(${wait('100')}).pipe(${switchMap}(() => ${found.caughtName}))`);
  }
  return edits;
}

/**
 * Declares the count before the statement holding the pipe (turning an arrow's expression body into a block for it)
 * and sets it back to 0 on each value of the source: `source.pipe(tap(() => { count = 0; }), catchError(...))`.
 */
function declareCounter(target: FixTarget, found: Resubscription, edits: SourceEdits): string | undefined {
  const { sourceCode } = target;
  const taken = namesInUse(sourceCode);
  const counter = freeName('resubscriptions', taken);
  const semi = semicolon(sourceCode);
  const eol = lineBreak(sourceCode);
  let node: TSESTree.Node = found.call;
  while (node.parent && node.parent.type !== 'BlockStatement' && node.parent.type !== 'Program' && node.parent.type !== 'StaticBlock') {
    if (node.parent.type === 'ArrowFunctionExpression' && node.parent.body === node) break;
    if (isFunction(node.parent) || node.parent.type === 'PropertyDefinition' || node.parent.type === 'SwitchCase') return undefined;
    node = node.parent;
  }
  const holder = node.parent;
  if (!holder) return undefined;
  if (holder.type === 'ArrowFunctionExpression') {
    const indent = indentOf(sourceCode, holder);
    edits.insert(node.range[0], `{${eol}${indent}  let ${counter} = 0${semi}${eol}${indent}  return `);
    edits.insert(node.range[1], `${semi}${eol}${indent}}`);
  } else {
    edits.insert(node.range[0], `let ${counter} = 0${semi}${eol}${indentOf(sourceCode, node)}`);
  }
  const pipe = found.call.parent;
  if (pipe?.type === 'CallExpression' && pipe.arguments.includes(found.call) && calleeName(pipe.callee) === 'pipe') {
    const { tap } = importNames(sourceCode, importedFromOperators(found.call) ? 'rxjs/operators' : 'rxjs', ['tap'], edits);
    const ownLine = sourceCode.getTokenBefore(found.call)?.loc.end.line !== found.call.loc.start.line;
    edits.insert(found.call.range[0], `${tap}(() => { ${counter} = 0${semi} }),${ownLine ? eol + indentOf(sourceCode, found.call) : ' '}`);
  }
  return counter;
}

/** Whether the file takes its operators from `rxjs/operators` (RxJS 6's place for them), where new ones go too. */
function importedFromOperators(call: TSESTree.CallExpression): boolean {
  let program: TSESTree.Node = call;
  while (program.parent) program = program.parent;
  return program.type === 'Program' && program.body.some((statement) => statement.type === 'ImportDeclaration' && statement.source.value === 'rxjs/operators');
}
