import type { TSESTree } from '@typescript-eslint/utils';
import type { RetriedRequest } from '../analysis/idempotency.js';
import { contains, isFunction } from '../analysis/loops.js';
import { importRuntime } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * `withRetry(() => octokit.rest.issues.createComment({ ... }))` becomes `withRetry(once(() => ...))`: the runtime's
 * `once` does the work on the first attempt and hands every later attempt that first outcome, so the retry can no
 * longer send the request again. Where the retried work is a function written in the retry's call (a helper's, or a
 * retry library's) that takes no argument of its own (an attempt number it reads would be lost).
 */
export function sendOnceThroughRetry(target: FixTarget, request: RetriedRequest): SourceEdits | undefined {
  const { retry } = request;
  if ((retry.kind !== 'helper' && retry.kind !== 'library') || retry.node.type !== 'CallExpression') return undefined;
  const work = retry.node.arguments.find((argument): argument is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression =>
    isFunction(argument) && contains(argument, request.call.node));
  if (!work || work.params.length > 0) return undefined;
  const edits = new SourceEdits();
  const names = importRuntime(target.sourceCode, target.runtimeModule, ['once'], edits);
  edits.replace(work.range, `${names.once}(${target.sourceCode.getText(work)})`);
  return edits;
}
