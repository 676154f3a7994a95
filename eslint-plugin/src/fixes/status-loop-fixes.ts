import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { promisedTimerCall } from '../analysis/promised-timers.js';
import type { RetryConstruct } from '../analysis/retries.js';
import { indentOf, lineBreak, semicolon } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Fixes for a loop sending again on a failing status (status-retry-loops.ts), which has no catch to put them in: the
 * branch that sends again (`retry.retried[0]`) gets them.
 */

const MAX_ATTEMPTS = 3;

/** The fixed wait of a counted loop grows from its base with full jitter; with no counter, a growing wait of its own. */
export function backoffStatusLoop(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const { sourceCode } = target;
  const branch = retry.retried[0];
  const counter = countedBy(retry.node);
  const duration = retry.delay === 'constant' ? waitDuration(sourceCode, retry) : undefined;
  const edits = new SourceEdits();
  if (counter && duration) {
    const base = sourceCode.getText(duration);
    edits.replace(duration.range, `Math.random() * Math.min(30_000, ${/^[\w.]+$/.test(base) ? base : `(${base})`} * 2 ** ${counter})`);
    return edits;
  }
  if (retry.delay !== 'none' || branch?.type !== 'BlockStatement' || !branch.body[0]) return undefined;
  const semi = semicolon(sourceCode);
  const first = branch.body[0];
  let grown: string;
  if (counter) {
    grown = `await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** ${counter})))${semi}`;
  } else {
    const delay = freeName('retryDelayMs', namesInUse(sourceCode));
    edits.insert(retry.node.range[0], `let ${delay} = 100${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, retry.node)}`);
    grown = `await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, ${delay})))${semi} ${delay} *= 2${semi}`;
  }
  edits.insert(first.range[0], `${grown}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  return edits;
}

/**
 * A count of the times it sent again, ending the loop with the last answer after `MAX_ATTEMPTS`: in the loop's own
 * test (`while (res.status >= 500 && retries++ < 3)`), else first in the branch that sends again (`break`).
 */
export function boundStatusLoop(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const { sourceCode } = target;
  const loop = retry.node;
  const semi = semicolon(sourceCode);
  const name = freeName('retries', namesInUse(sourceCode));
  const edits = new SourceEdits();
  edits.insert(loop.range[0], `let ${name} = 0${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, loop)}`);
  const test = (loop.type === 'WhileStatement' || loop.type === 'DoWhileStatement') && retry.retried[0] === loop.body ? loop.test : undefined;
  if (test) {
    edits.replace(test.range, `(${sourceCode.getText(test)}) && ${name}++ < ${MAX_ATTEMPTS}`);
    return edits;
  }
  const branch = retry.retried[0];
  const first = branch?.type === 'BlockStatement' ? branch.body[0] : undefined;
  if (!first) return undefined;
  edits.insert(first.range[0], `if (++${name} > ${MAX_ATTEMPTS}) break${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  return edits;
}

/** `for (let tries = 0; ...; tries++)`: the counter the loop keeps. */
function countedBy(loop: TSESTree.Node): string | undefined {
  if (loop.type !== 'ForStatement' || loop.init?.type !== 'VariableDeclaration' || loop.init.declarations.length !== 1) return undefined;
  const id = loop.init.declarations[0]!.id;
  const update = loop.update;
  return id.type === 'Identifier' && update?.type === 'UpdateExpression' && update.argument.type === 'Identifier' && update.argument.name === id.name ? id.name : undefined;
}

/** How long the loop's wait lasts: `pause(ms)`'s argument, or the timer's in `new Promise((r) => setTimeout(r, ms))`. */
function waitDuration(sourceCode: SourceCode, retry: RetryConstruct): TSESTree.Node | undefined {
  const wait = retry.delayNode;
  const duration = wait?.type === 'NewExpression' ? promisedTimerCall(wait, sourceCode.visitorKeys)?.arguments[1]
    : wait?.type === 'CallExpression' ? wait.arguments[0] : undefined;
  return duration && duration.type !== 'SpreadElement' ? duration : undefined;
}
