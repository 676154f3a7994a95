import { ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import type { RetryConstruct } from '../analysis/retries.js';
import { promisedTimerCall } from '../analysis/promised-timers.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * A fixed wait this long between attempts is the code's own choice of how long to keep trying (a worker registering
 * ten times 30 s apart while its server starts): backoff from 100 ms would end that window sooner. What the wait lacks
 * is randomness, so clients that failed together retry together.
 */
export const LONG_WAIT_MS = 10_000;

/**
 * Spreads a long fixed wait of a hand-written retry at random, from half of it to one and a half times it: the mean,
 * and so how long the retry keeps trying, stays what the code chose. Undefined when the wait is not a call whose
 * duration reads as a number of at least `LONG_WAIT_MS` (`sleep(30 * 1000)`, `setTimeout(resolve, RETRY_MS)` of a
 * promise).
 */
export function spreadLongWait(target: FixTarget, retry: RetryConstruct): { edits: SourceEdits; seconds: string } | undefined {
  if (retry.delay !== 'constant' || (retry.kind !== 'loop' && retry.kind !== 'recursion')) return undefined;
  const duration = durationOf(target, retry.delayNode);
  if (!duration) return undefined;
  const ms = ASTUtils.getStaticValue(duration, target.sourceCode.getScope(duration))?.value;
  if (typeof ms !== 'number' || ms < LONG_WAIT_MS) return undefined;
  const text = target.sourceCode.getText(duration);
  const operand = /^[\w$.]+$/.test(text) ? text : `(${text})`;
  const edits = new SourceEdits();
  edits.replace(duration.range, `${operand} * (0.5 + Math.random())`);
  return { edits, seconds: String(Math.round(ms / 100) / 10) };
}

/** The duration of `sleep(ms)`-like calls and of `new Promise((resolve) => setTimeout(resolve, ms))`. */
function durationOf(target: FixTarget, wait: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const duration = wait?.type === 'NewExpression' ? promisedTimerCall(wait, target.sourceCode.visitorKeys)?.arguments[1]
    : wait?.type === 'CallExpression' ? wait.arguments[0] : undefined;
  return duration && duration.type !== 'SpreadElement' ? duration : undefined;
}
