import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { contains, inSameFunction, isLoop, walkSameFunction, type LoopStatement } from '../analysis/loops.js';
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
 * A while/do loop that advances in its body (`page++` after the call) keeps that step after the try/catch, so a
 * failed iteration still moves on rather than retrying the same item forever.
 */
export function moveTryIntoLoop(
  target: FixTarget,
  statement: TSESTree.TryStatement,
  call: TSESTree.CallExpression,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const handler = statement.handler;
  const loop = loopAround(call, statement);
  if (!handler || !loop) return undefined;
  // `catch (error) { log(error); return partial }` before `return partial` after the try: moved into the loop, the
  // catch goes on with the next item instead, and the function still returns the same at the end
  const last = handler.body.body.at(-1);
  const dropped = last?.type === 'ReturnStatement' && returnAfter(sourceCode, statement) === sourceCode.getText(last) ? last : undefined;
  // any other `return` (`catch { return false }`) would still end the loop at the first failure: moving it changes nothing
  if (handler.body.body.some((line) => line.type === 'ReturnStatement' && line !== dropped)) return undefined;
  const step = advancesInHead(loop) ? undefined : stepInBody(target, loop);
  if (!advancesInHead(loop) && !step) return undefined;
  const eol = lineBreak(sourceCode);
  const unit = indentUnit(sourceCode);
  const loopIndent = indentOf(sourceCode, loop);
  const tryIndent = indentOf(sourceCode, statement);
  const body = loop.body;

  const inner = body.type === 'BlockStatement' ? blockTextWithout(sourceCode.text, body, step, eol + loopIndent + unit) : sourceCode.getText(body);
  if (inner === '') return undefined;
  const innerText = body.type === 'BlockStatement' ? shiftIndent(inner, loopIndent + unit, loopIndent + unit + unit) : inner;
  const parameter = handler.param ? ` (${sourceCode.getText(handler.param)})` : '';
  const handlerInner = dropped ? blockTextWithout(sourceCode.text, handler.body, dropped, eol + tryIndent + unit) : undefined;
  const handlerBody = handlerInner === undefined ? sourceCode.getText(handler.body) : handlerInner === '' ? '{}' : `{${eol}${tryIndent}${unit}${handlerInner}${eol}${tryIndent}}`;
  const handlerText = shiftIndent(handlerBody, tryIndent, loopIndent + unit);
  const stepText = step ? `${eol}${loopIndent}${unit}${sourceCode.getText(step)}` : '';
  const newBody =
    `{${eol}${loopIndent}${unit}try {${eol}${loopIndent}${unit}${unit}${innerText}${eol}` +
    `${loopIndent}${unit}} catch${parameter} ${handlerText}${stepText}${eol}${loopIndent}}`;

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

/** The text of the `return` statement right after the try, in the same block, if that is what follows it. */
function returnAfter(sourceCode: FixTarget['sourceCode'], statement: TSESTree.TryStatement): string | undefined {
  const parent = statement.parent;
  if (parent?.type !== 'BlockStatement') return undefined;
  const next = parent.body[parent.body.indexOf(statement) + 1];
  return next?.type === 'ReturnStatement' ? sourceCode.getText(next) : undefined;
}

function advancesInHead(loop: LoopStatement): boolean {
  return loop.type === 'ForOfStatement' || loop.type === 'ForInStatement' || (loop.type === 'ForStatement' && loop.update !== null);
}

/** The text inside a block's braces, trimmed, leaving out one statement (joined where it stood by `separator`). */
function blockTextWithout(text: string, block: TSESTree.BlockStatement, left: TSESTree.Node | undefined, separator: string): string {
  if (!left) return text.slice(block.range[0] + 1, block.range[1] - 1).trim();
  const before = text.slice(block.range[0] + 1, left.range[0]).trim();
  const after = text.slice(left.range[1], block.range[1] - 1).trim();
  return before && after ? before + separator + after : before || after;
}

/**
 * `page++` (or `++index`, `i += 1`, `i = i + 1`), a statement of its own in the body of a while/do loop whose test
 * reads that counter: the step that moves the loop to its next item. It can go after the moved try/catch only when
 * the statements after it neither read the counter (they would see it one step behind) nor leave the iteration early
 * (a `continue` or `break` there used to come after the step), and the counter is a local of this function.
 */
function stepInBody(target: FixTarget, loop: LoopStatement): TSESTree.ExpressionStatement | undefined {
  if ((loop.type !== 'WhileStatement' && loop.type !== 'DoWhileStatement') || loop.body.type !== 'BlockStatement') return undefined;
  const { visitorKeys } = target.sourceCode;
  const steps = loop.body.body.filter((statement): statement is TSESTree.ExpressionStatement =>
    statement.type === 'ExpressionStatement' && counterStepped(statement.expression) !== undefined);
  if (steps.length !== 1) return undefined;
  const step = steps[0]!;
  const counter = counterStepped(step.expression)!;
  if (!mentionsName(loop.test, counter, visitorKeys) || !declaredInFunctionOf(target, loop, counter)) return undefined;
  const rest = loop.body.body.slice(loop.body.body.indexOf(step) + 1);
  for (const statement of rest) {
    if (mentionsName(statement, counter, visitorKeys)) return undefined;
    let leaves = false;
    walkSameFunction(statement, visitorKeys, (node) => {
      if (node.type === 'ContinueStatement' || node.type === 'BreakStatement') leaves = true;
    });
    if (leaves) return undefined;
  }
  return step;
}

/** The counter a `i++`, `++i`, `i--`, `i += 1`, `i -= 1` or `i = i + 1` moves by a constant, if that is what it is. */
function counterStepped(expression: TSESTree.Expression): string | undefined {
  if (expression.type === 'UpdateExpression') return expression.argument.type === 'Identifier' ? expression.argument.name : undefined;
  if (expression.type !== 'AssignmentExpression' || expression.left.type !== 'Identifier') return undefined;
  const name = expression.left.name;
  const right = expression.right;
  if (expression.operator === '+=' || expression.operator === '-=') return right.type === 'Literal' && typeof right.value === 'number' ? name : undefined;
  return expression.operator === '=' && right.type === 'BinaryExpression' && (right.operator === '+' || right.operator === '-')
    && right.left.type === 'Identifier' && right.left.name === name && right.right.type === 'Literal' && typeof right.right.value === 'number' ? name : undefined;
}

function mentionsName(root: TSESTree.Node, name: string, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  let found = false;
  walkSameFunction(root, visitorKeys, (node) => {
    if (node.type === 'Identifier' && node.name === name) found = true;
  });
  return found;
}

/** Whether `name`, as the loop sees it, is declared in the function the loop runs in (not shared with other code). */
function declaredInFunctionOf(target: FixTarget, loop: LoopStatement, name: string): boolean {
  let scope: TSESLint.Scope.Scope | null = target.sourceCode.getScope(loop);
  while (scope && !scope.set.has(name)) {
    if (scope.type === 'function') return false;
    scope = scope.upper;
  }
  return scope !== null && scope.type !== 'global' && scope.type !== 'module';
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
