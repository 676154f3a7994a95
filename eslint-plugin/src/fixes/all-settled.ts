import type { TSESTree } from '@typescript-eslint/utils';
import { indentOf, lineBreak, quoted, semicolon, throwingPlaceholder } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * `await Promise.all([a(), b()]);` becomes a wait for every call that then throws every failure together:
 * `const results = await Promise.allSettled([...])`, the rejected reasons gathered, and an `AggregateError` thrown
 * when there are any, so no call is left running unobserved and the caller still sees that something failed.
 */
export function settleEachThenThrow(target: FixTarget, promiseAll: TSESTree.CallExpression): SourceEdits | undefined {
  const { sourceCode } = target;
  const callee = promiseAll.callee;
  const awaited = promiseAll.parent;
  const statement = awaited?.parent;
  if (callee.type !== 'MemberExpression' || awaited?.type !== 'AwaitExpression' || statement?.type !== 'ExpressionStatement') return undefined;
  const list = promiseAll.arguments[0];
  if (list?.type !== 'ArrayExpression') return undefined;
  const names = settledNames(sourceCode);
  const edits = new SourceEdits();
  edits.insert(statement.range[0], `const ${names.results} = `);
  edits.replace(callee.property.range, 'allSettled');
  throwFailuresAfter(edits, sourceCode, statement, names, 'calls');
  return edits;
}

/** Names, free in the file, for the settled results and their rejected reasons. */
export function settledNames(sourceCode: FixTarget['sourceCode']): { results: string; failures: string } {
  const taken = namesInUse(sourceCode);
  const results = freeName('results', taken);
  taken.add(results);
  return { results, failures: freeName('failures', taken) };
}

/**
 * After `statement`, `const <results> = await Promise.allSettled(...)`: lines that gather the rejected reasons and
 * throw them together, so each item runs to its end and the caller still learns which failed.
 */
export function throwFailuresAfter(
  edits: SourceEdits,
  sourceCode: FixTarget['sourceCode'],
  statement: TSESTree.Statement,
  { results, failures }: { results: string; failures: string },
  what: string,
): void {
  const semi = semicolon(sourceCode);
  const rejected = quoted(sourceCode, 'rejected');
  const lines = [
    `const ${failures} = ${results}.flatMap((result) => (result.status === ${rejected} ? [result.reason] : []))${semi}`,
    `if (${failures}.length > 0) throw new AggregateError(${failures}, \`\${${failures}.length} of \${${results}.length} ${what} failed\`)${semi}`,
  ];
  const eol = lineBreak(sourceCode);
  const indent = indentOf(sourceCode, statement);
  edits.insert(statement.range[1], lines.map((line) => eol + indent + line).join(''));
}

/** Gives each call in the list its own fallback: `.catch(() => <placeholder>)`, so one failure loses only its own result. */
export function catchEachCall(target: FixTarget, promiseAll: TSESTree.CallExpression): SourceEdits | undefined {
  const list = promiseAll.arguments[0];
  if (list?.type !== 'ArrayExpression') return undefined;
  const edits = new SourceEdits();
  list.elements.forEach((element, index) => {
    if (element?.type !== 'CallExpression' || endsWithCatch(element)) return;
    edits.insert(element.range[1], `.catch(${throwingPlaceholder(target.sourceCode, `item ${index + 1}`)})`);
  });
  return edits;
}

function endsWithCatch(call: TSESTree.CallExpression): boolean {
  return call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier' && call.callee.property.name === 'catch';
}
