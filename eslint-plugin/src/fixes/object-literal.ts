import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { indentOf, indentUnit } from './code-style.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface ObjectChanges {
  /** key -> value text; replaces the value of a property with this key, or adds one */
  readonly set?: readonly (readonly [string, string])[];
  /** keys whose properties are removed */
  readonly remove?: readonly string[];
}

export function propertyKey(property: TSESTree.ObjectLiteralElement): string | undefined {
  if (property.type !== 'Property' || property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  return property.key.type === 'Literal' ? String(property.key.value) : undefined;
}

export function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  return object.properties.find(
    (property): property is TSESTree.Property => property.type === 'Property' && propertyKey(property) === key,
  );
}

/**
 * The text of `object` with properties set and removed, keeping everything else as written. New properties
 * go after the last one, on their own line when the object spans several lines (at its properties' indent).
 */
export function objectTextWith(sourceCode: SourceCode, object: TSESTree.ObjectExpression, changes: ObjectChanges): string {
  const text = sourceCode.getText(object);
  const base = object.range[0];
  const edits: { start: number; end: number; text: string }[] = [];
  const remaining = object.properties.filter((property) => {
    const key = propertyKey(property);
    return key === undefined || !changes.remove?.includes(key);
  });
  if (remaining.length === 0) {
    const entries = (changes.set ?? []).map(([key, value]) => (key === value ? key : `${key}: ${value}`));
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  for (const property of object.properties) {
    if (remaining.includes(property)) continue;
    // remove the property with the comma after it (or before it, when it is last)
    const after = sourceCode.getTokenAfter(property);
    const before = sourceCode.getTokenBefore(property);
    const fileText = sourceCode.text;
    const lineStart = fileText.lastIndexOf('\n', property.range[0] - 1) + 1;
    const ownLine = fileText.slice(lineStart, property.range[0]).trim() === '' && lineStart > object.range[0];
    if (ownLine && after?.value === ',' && /^[ \t]*\r?\n/.test(fileText.slice(after.range[1]))) {
      edits.push({ start: lineStart, end: fileText.indexOf('\n', after.range[1]) + 1, text: '' });
      continue;
    }
    const start = after?.value === ',' ? property.range[0] : before?.value === ',' ? before.range[0] : property.range[0];
    const end = after?.value === ',' ? nextStart(sourceCode, after) : property.range[1];
    edits.push({ start, end, text: '' });
  }
  const added: string[] = [];
  for (const [key, value] of changes.set ?? []) {
    const existing = remaining.find((property) => propertyKey(property) === key) as TSESTree.Property | undefined;
    const entry = key === value ? key : `${key}: ${value}`;
    if (!existing) added.push(entry);
    else if (existing.shorthand) edits.push({ start: existing.range[0], end: existing.range[1], text: entry });
    else edits.push({ start: existing.value.range[0], end: existing.value.range[1], text: value });
  }
  if (added.length > 0) {
    const last = remaining.at(-1);
    if (last) {
      const multiline = object.loc.start.line !== object.loc.end.line;
      const indent = multiline
        ? last.loc.start.line !== object.loc.start.line
          ? indentOf(sourceCode, last)
          : indentOf(sourceCode, object) + indentUnit(sourceCode)
        : '';
      const separator = multiline ? `,\n${indent}` : ', ';
      const afterLast = sourceCode.getTokenAfter(last);
      const trailingComma = afterLast?.value === ',' && sourceCode.getTokenAfter(afterLast)?.range[0] === object.range[1] - 1;
      edits.push({
        start: last.range[1],
        end: trailingComma && afterLast ? afterLast.range[1] : last.range[1],
        text: separator + added.join(separator) + (trailingComma ? ',' : ''),
      });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.start - base) + edit.text + result.slice(edit.end - base);
  return result;
}

function nextStart(sourceCode: SourceCode, token: TSESTree.Token): number {
  const next = sourceCode.getTokenAfter(token, { includeComments: true });
  if (!next) return token.range[1];
  // keep the line break before the next property when properties sit on their own lines
  return next.loc.start.line === token.loc.end.line ? next.range[0] : token.range[1];
}
