import type { TSESTree } from '@typescript-eslint/utils';
import { indentOf, isTypeScript, lineBreak, quoted, semicolon } from './code-style.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/** The value used in place of a failed result until the user writes one (typed to fit, in TypeScript). */
function placeholder(target: FixTarget, what: string): string {
  const todo = `/* TODO: the value to use when ${what} fails */`;
  return isTypeScript(target.filename) ? `${todo} undefined as never` : `${todo} undefined`;
}

/**
 * `const [a, b] = await Promise.all([x, y])` becomes `Promise.allSettled` with each name taken from its own
 * result: `const a = aResult.status === 'fulfilled' ? aResult.value : <placeholder>`, so one failure no longer
 * loses the others and the code after keeps its names.
 */
export function toAllSettled(target: FixTarget, promiseAll: TSESTree.CallExpression): SourceEdits | undefined {
  const { sourceCode } = target;
  const callee = promiseAll.callee;
  const awaited = promiseAll.parent;
  const declarator = awaited?.parent;
  if (
    callee.type !== 'MemberExpression' ||
    awaited?.type !== 'AwaitExpression' ||
    declarator?.type !== 'VariableDeclarator' ||
    declarator.init !== awaited ||
    declarator.id.type !== 'ArrayPattern' ||
    declarator.id.typeAnnotation !== undefined ||
    declarator.parent.type !== 'VariableDeclaration' ||
    declarator.parent.declarations.length !== 1
  ) {
    return undefined;
  }
  const declaration = declarator.parent;
  const elements = declarator.id.elements;
  if (elements.some((element) => element !== null && element.type !== 'Identifier')) return undefined;

  const edits = new SourceEdits();
  edits.replace(callee.property.range, 'allSettled');
  const taken = namesInUse(sourceCode);
  const eol = lineBreak(sourceCode);
  const indent = indentOf(sourceCode, declaration);
  const semi = semicolon(sourceCode);
  const fulfilled = quoted(sourceCode, 'fulfilled');
  const lines: string[] = [];
  for (const element of elements) {
    if (element?.type !== 'Identifier') continue;
    const result = freeName(`${element.name}Result`, taken);
    taken.add(result);
    edits.replace(element.range, result);
    lines.push(
      `${declaration.kind} ${element.name} = ${result}.status === ${fulfilled} ? ${result}.value : ${placeholder(target, element.name)}${semi}`,
    );
  }
  edits.insert(declaration.range[1], lines.map((line) => eol + indent + line).join(''));
  return edits;
}

/** Gives each call in the list its own fallback: `.catch(() => <placeholder>)`, so one failure loses only its own result. */
export function catchEachCall(target: FixTarget, promiseAll: TSESTree.CallExpression): SourceEdits | undefined {
  const list = promiseAll.arguments[0];
  if (list?.type !== 'ArrayExpression') return undefined;
  const edits = new SourceEdits();
  list.elements.forEach((element, index) => {
    if (element?.type !== 'CallExpression' || endsWithCatch(element)) return;
    edits.insert(element.range[1], `.catch(() => ${placeholder(target, `item ${index + 1}`)})`);
  });
  return edits;
}

function endsWithCatch(call: TSESTree.CallExpression): boolean {
  return call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier' && call.callee.property.name === 'catch';
}
