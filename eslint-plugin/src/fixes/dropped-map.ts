import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { settledNames, throwFailuresAfter } from './all-settled.js';
import { indentOf, indentUnit, lineBreak, quoted, semicolon } from './code-style.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Array methods whose async callback makes one promise per item, returned in the array nobody else keeps. */
const PROMISE_PER_ITEM = new Set(['map', 'flatMap']);

/**
 * `items.map(async (item) => { await client.send(item) });` as a statement (or after `void`): the call inside
 * fails into one of the promises the map makes, and those are thrown away. Returns that map call when `dropped`
 * (the expression whose promise nobody keeps) is such a map around `call`, so the finding and its fix go there:
 * awaiting the map's promises is the fix, not handling the call inside.
 */
export function droppedMapAround(call: TSESTree.CallExpression, dropped: TSESTree.Node | undefined): TSESTree.CallExpression | undefined {
  if (dropped?.type !== 'CallExpression' || dropped === call || !statementOf(dropped)) return undefined;
  const callee = dropped.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !PROMISE_PER_ITEM.has(callee.property.name)) return undefined;
  const callback = dropped.arguments[0];
  if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return undefined;
  return callback.range[0] <= call.range[0] && call.range[1] <= callback.range[1] ? dropped : undefined;
}

/**
 * `(async () => { const rows = await repo.find(); ... })();` as a statement (or after `void`): the calls awaited
 * inside fail into the promise of the async function called at once, and that promise is thrown away. Returns that
 * call when `dropped` (the expression whose promise nobody keeps) is such a call around `call`, so one finding and its
 * fix go there, not one per awaited call.
 */
export function droppedAsyncCallAround(call: TSESTree.CallExpression, dropped: TSESTree.Node | undefined): TSESTree.CallExpression | undefined {
  if (dropped?.type !== 'CallExpression' || dropped === call || !statementOf(dropped)) return undefined;
  let callee: TSESTree.Node = dropped.callee;
  while (callee.type === 'TSAsExpression' || callee.type === 'TSNonNullExpression') callee = callee.expression;
  if ((callee.type !== 'ArrowFunctionExpression' && callee.type !== 'FunctionExpression') || !callee.async) return undefined;
  return callee.range[0] <= call.range[0] && call.range[1] <= callee.range[1] ? dropped : undefined;
}

/** `items.map(async ...)`, or `.map(async ...)` when what it maps over is long: how messages name the map. */
export function droppedMapLabel(sourceCode: SourceCode, map: TSESTree.CallExpression): string {
  return `${mapName(sourceCode, map)}(async ...)`;
}

/** `items.map`, or `.map` when what it maps over is long. */
function mapName(sourceCode: SourceCode, map: TSESTree.CallExpression): string {
  const callee = map.callee as TSESTree.MemberExpression;
  const method = (callee.property as TSESTree.Identifier).name;
  const items = sourceCode.getText(callee.object);
  return items.length <= 30 && !items.includes('\n') ? `${items}.${method}` : `.${method}`;
}

/** The expression statement the map is (`items.map(...);` or `void items.map(...);`), if it is one. */
function statementOf(map: TSESTree.CallExpression): TSESTree.ExpressionStatement | undefined {
  const parent = map.parent;
  if (parent?.type === 'ExpressionStatement') return parent;
  return parent?.type === 'UnaryExpression' && parent.operator === 'void' && parent.parent.type === 'ExpressionStatement' ? parent.parent : undefined;
}

/** Whether the map's statement sits directly in an async function, where `await` can be written. */
export function inAsyncFunction(map: TSESTree.CallExpression): boolean {
  for (let node: TSESTree.Node | undefined = map.parent; node; node = node.parent) {
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') return node.async;
  }
  return false;
}

/**
 * `keys.forEach(async (key) => { ...; items.map(async ...); })` as a statement of an async function: the map's
 * promises can only reach that function's caller if the `forEach` around them is awaited too. Returns that forEach.
 */
export function forEachAround(map: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const statement = statementOf(map);
  const callback = statement?.parent.type === 'BlockStatement' ? statement.parent.parent : undefined;
  if ((callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') || !callback.async) return undefined;
  const forEach = callback.parent;
  if (forEach?.type !== 'CallExpression' || forEach.arguments[0] !== callback || forEach.callee.type !== 'MemberExpression' || forEach.callee.computed
    || forEach.callee.property.type !== 'Identifier' || forEach.callee.property.name !== 'forEach') return undefined;
  return statementOf(forEach) && inAsyncFunction(forEach) ? forEach : undefined;
}

/**
 * `await Promise.all(items.map(...));`: the function waits for every item and rejects with the first failure. With
 * the `forEach` the map runs in (`forEachAround`), that becomes a map awaited the same way, so the failure goes on up.
 */
export function awaitEveryPromise(target: FixTarget, map: TSESTree.CallExpression, forEach?: TSESTree.CallExpression): SourceEdits | undefined {
  const { sourceCode } = target;
  const statement = statementOf(map);
  if (!statement || !inAsyncFunction(map)) return undefined;
  const awaited = `await Promise.all(${sourceCode.getText(map)})`;
  const edits = new SourceEdits();
  const outer = forEach && statementOf(forEach);
  if (!forEach || !outer) {
    edits.replace(statement.expression.range, awaited);
    return edits;
  }
  const text = (from: number, to: number): string => sourceCode.text.slice(from, to);
  const method = (forEach.callee as TSESTree.MemberExpression).property;
  edits.replace(outer.expression.range, `await Promise.all(${text(forEach.range[0], method.range[0])}map${text(method.range[1], statement.expression.range[0])}${awaited}${text(statement.expression.range[1], forEach.range[1])})`);
  return edits;
}

/**
 * `const results = await Promise.allSettled(items.map(...));` and every failure thrown together in an
 * `AggregateError`: each item runs to its end, and the caller still learns which failed.
 */
export function settleEveryPromiseThenThrow(target: FixTarget, map: TSESTree.CallExpression): SourceEdits | undefined {
  const { sourceCode } = target;
  const statement = statementOf(map);
  if (!statement || !inAsyncFunction(map)) return undefined;
  const names = settledNames(sourceCode);
  const edits = new SourceEdits();
  edits.replace(statement.expression.range, `const ${names.results} = await Promise.allSettled(${sourceCode.getText(map)})`);
  throwFailuresAfter(edits, sourceCode, statement, names, 'items');
  return edits;
}

/**
 * `void Promise.allSettled(items.map(...)).then(...)` logging each rejected item: no function needs to be async,
 * nothing waits, and every failure is seen rather than left unhandled (where awaiting would not reach a handler).
 */
export function logEveryFailure(target: FixTarget, map: TSESTree.CallExpression): SourceEdits | undefined {
  const { sourceCode } = target;
  const statement = statementOf(map);
  if (!statement) return undefined;
  const eol = lineBreak(sourceCode);
  const indent = indentOf(sourceCode, statement);
  const unit = indentUnit(sourceCode);
  const rejected = quoted(sourceCode, 'rejected');
  // the item's work may make several calls: the log names the map, not one of them
  const log = `console.error(${quoted(sourceCode, `${mapName(sourceCode, map)}: an item failed`)}, result.reason)${semicolon(sourceCode)}`;
  const handler = [
    '(results) => {',
    `${unit}for (const result of results) {`,
    `${unit}${unit}if (result.status === ${rejected}) ${log}`,
    `${unit}}`,
    '}',
  ].join(eol + indent);
  const edits = new SourceEdits();
  edits.replace(statement.expression.range, `void Promise.allSettled(${sourceCode.getText(map)}).then(${handler})`);
  return edits;
}
