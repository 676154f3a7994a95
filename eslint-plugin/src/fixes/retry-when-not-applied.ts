import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { RetriedRequest } from '../analysis/idempotency.js';
import { libraryOf } from '../libraries/index.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * For a library whose requests take no idempotency key (airtable.js): the retry that calls the function again from
 * its catch goes on only when the caught error says the request was not applied, `if (retries > 0)` becoming
 * `if (retries > 0 && error instanceof Airtable.Error && error.statusCode >= 500)`. Any other failure takes the
 * path the code already has for a failure it does not retry. Undefined when the self-call is not under an `if` of
 * the catch, or the catch names no error.
 */
export function retryOnlyWhenNotApplied(target: FixTarget, request: RetriedRequest): { edits: SourceEdits; condition: string } | undefined {
  const { retry } = request;
  if (retry.kind !== 'recursion') return undefined;
  const guard = guardingIf(retry.node);
  const error = guard?.handler.param;
  if (!guard || error?.type !== 'Identifier') return undefined;
  const condition = libraryOf(request.call.client)?.notAppliedCondition?.(error.name, target.sourceCode);
  if (!condition) return undefined;
  const test = guard.statement.test;
  const testText = target.sourceCode.getText(test);
  const kept = test.type === 'LogicalExpression' && test.operator !== '&&' || test.type === 'ConditionalExpression' || test.type === 'AssignmentExpression' ? `(${testText})` : testText;
  const edits = new SourceEdits();
  edits.replace(test.range, `${kept} && ${condition}`);
  return { edits, condition };
}

/** The self-call is already under the library's own test that the request was not applied (the fix above, applied). */
export function retriesOnlyWhenNotApplied(sourceCode: Readonly<TSESLint.SourceCode>, request: RetriedRequest): boolean {
  if (request.retry.kind !== 'recursion') return false;
  const guard = guardingIf(request.retry.node);
  const error = guard?.handler.param;
  if (!guard || error?.type !== 'Identifier') return false;
  const condition = libraryOf(request.call.client)?.notAppliedCondition?.(error.name, sourceCode);
  return condition !== undefined && sourceCode.getText(guard.statement.test).includes(condition);
}

/** The `if` of a catch clause whose consequent makes the self-call, innermost first, and that catch clause. */
function guardingIf(selfCall: TSESTree.Node): { statement: TSESTree.IfStatement; handler: TSESTree.CatchClause } | undefined {
  let statement: TSESTree.IfStatement | undefined;
  for (let child = selfCall, node = selfCall.parent; node; child = node, node = node.parent) {
    if (node.type === 'IfStatement' && node.consequent === child && !statement) statement = node;
    if (node.type === 'CatchClause') return statement && { statement, handler: node };
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') return undefined;
  }
  return undefined;
}
