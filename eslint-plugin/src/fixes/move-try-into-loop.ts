import type { TSESTree } from '@typescript-eslint/utils';
import { contains, inSameFunction, isLoop, type LoopStatement } from '../analysis/loops.js';
import { insertAtEndOfBlock } from './block-edits.js';
import { indentOf, indentUnit, lineBreak, semicolon } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/** Re-indents every line after the first from one indentation to another. */
export function shiftIndent(text: string, from: string, to: string): string {
  return text
    .split(/\r?\n/)
    .map((line, index) => (index > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join(text.includes('\r\n') ? '\r\n' : '\n');
}

/**
 * Moves a try/catch that wraps a loop into the loop's body, so one failing iteration is handled on its own and
 * the loop goes on: the loop body becomes `try { <body> } catch (<param>) { <handler> }`. When the try held
 * nothing but the loop (and has no `finally`), the outer try goes away; otherwise it stays for the rest.
 */
export function moveTryIntoLoop(
  target: FixTarget,
  statement: TSESTree.TryStatement,
  call: TSESTree.CallExpression,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const handler = statement.handler;
  const loop = loopAround(call, statement);
  // Only where the loop advances in its head: a while/do loop that advances in its body (`page++` after the
  // call) would retry the failing iteration forever once the failure is caught inside it.
  if (!handler || !loop || !advancesInHead(loop)) return undefined;
  const eol = lineBreak(sourceCode);
  const unit = indentUnit(sourceCode);
  const loopIndent = indentOf(sourceCode, loop);
  const tryIndent = indentOf(sourceCode, statement);
  const body = loop.body;

  const inner =
    body.type === 'BlockStatement'
      ? sourceCode.text.slice(body.range[0] + 1, body.range[1] - 1).trim()
      : sourceCode.getText(body);
  if (inner === '') return undefined;
  const innerText = body.type === 'BlockStatement' ? shiftIndent(inner, loopIndent + unit, loopIndent + unit + unit) : inner;
  const parameter = handler.param ? ` (${sourceCode.getText(handler.param)})` : '';
  const handlerText = shiftIndent(sourceCode.getText(handler.body), tryIndent, loopIndent + unit);
  const newBody =
    `{${eol}${loopIndent}${unit}try {${eol}${loopIndent}${unit}${unit}${innerText}${eol}` +
    `${loopIndent}${unit}} catch${parameter} ${handlerText}${eol}${loopIndent}}`;

  const edits = new SourceEdits();
  const onlyTheLoop = statement.block.body.length === 1 && statement.block.body[0] === loop && !statement.finalizer;
  if (onlyTheLoop) {
    const head = sourceCode.text.slice(loop.range[0], body.range[0]);
    const tail = sourceCode.text.slice(body.range[1], loop.range[1]);
    edits.replace(statement.range, shiftIndent(head + newBody + tail, loopIndent, tryIndent));
  } else {
    edits.replace(body.range, newBody);
  }
  return edits;
}

function advancesInHead(loop: LoopStatement): boolean {
  return loop.type === 'ForOfStatement' || loop.type === 'ForInStatement' || (loop.type === 'ForStatement' && loop.update !== null);
}

/**
 * Makes the catch hand the failure on (`throw error` at its end), for loops where moving the try inside is
 * not safe: the loop still stops at the first failure, but the caller learns of it.
 */
export function rethrowFromCatch(target: FixTarget, statement: TSESTree.TryStatement): SourceEdits | undefined {
  const handler = statement.handler;
  if (!handler || (handler.param !== null && handler.param.type !== 'Identifier')) return undefined;
  const edits = new SourceEdits();
  let errorName = handler.param?.name;
  if (!errorName) {
    errorName = freeName('error', namesInUse(target.sourceCode));
    edits.insert(handler.body.range[0], `(${errorName}) `);
  }
  const rethrow = `throw ${errorName}${semicolon(target.sourceCode)}`;
  const last = handler.body.body.at(-1);
  // a closing `return fallbackValue` would make the rethrow unreachable: the rethrow takes its place
  if (last?.type === 'ReturnStatement') edits.replace(last.range, rethrow);
  else insertAtEndOfBlock(target.sourceCode, handler.body, [rethrow], edits);
  return edits;
}

/** The loop inside the try's block (same function) whose body holds the call: the outermost such loop. */
function loopAround(call: TSESTree.Node, statement: TSESTree.TryStatement): LoopStatement | undefined {
  let found: LoopStatement | undefined;
  for (let current = call.parent; current && current !== statement.block; current = current.parent) {
    if (isLoop(current) && contains(current.body, call) && inSameFunction(current, statement.block)) found = current;
  }
  return found;
}
