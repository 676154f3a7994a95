/**
 * What Babel-compiled front ends write that no standard parser takes, and how to read past it. Each repair blanks or
 * replaces text at the same offsets, so every position ESLint reports, and every fix, still lands on the file as written.
 * None of these spots can hold a call: a JSON document is data, a default re-export (Babel's export-default-from
 * proposal) names a module, a `>` or `}` in JSX text is text, a legacy decorator sets a class up, a bind operator
 * (`::this.save`) binds what it names.
 */

/** The error a parser of the espree family throws: its message and the offset it stopped at. */
interface ParseError {
  message: string;
  index: number;
}

/** The text with the Babel-only spot the parse error points at made standard, or undefined when it points at none. */
export function withoutBabelOnlySyntax(text: string, error: unknown): string | undefined {
  if (!isParseError(error)) return undefined;
  if (isJsonDocument(text)) return blanked(text, 0, text.length);
  // acorn-jsx's own wording for a character Babel's older releases took as JSX text
  if (/^Unexpected token `[>}]`\. Did you mean/.test(error.message)) {
    return `${text.slice(0, error.index)} ${text.slice(error.index + 1)}`;
  }
  const reExport = defaultReExportAt(text, error.index);
  if (reExport) return blanked(text, reExport.start, reExport.end);
  const decorator = decoratorAt(text, error.index);
  if (decorator) return blanked(text, decorator.start, decorator.end);
  // Babel's function-bind proposal, `onClick={::this.save}` (`this.save.bind(this)`): the method, unbound, reads the same
  if (text.startsWith('::', error.index) && /(?:^|[{(,=[!&|?:]\s*)$/.test(text.slice(Math.max(0, error.index - 20), error.index))) {
    return blanked(text, error.index, error.index + 2);
  }
  return undefined;
}

/**
 * `@withMixins([withTranslation])` before a class or a member (Babel's legacy decorators, as React apps of the MobX era
 * write them), when the parse stopped at its `@`: the name, dotted, and its arguments in balanced parentheses. What a
 * decorator runs is the class's set-up, never a request.
 */
function decoratorAt(text: string, index: number): { start: number; end: number } | undefined {
  if (text[index] !== '@') return undefined;
  const name = /^@[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*/.exec(text.slice(index));
  if (!name) return undefined;
  let end = index + name[0].length;
  const open = /^\s*\(/.exec(text.slice(end));
  if (!open) return { start: index, end };
  end += open[0].length;
  let depth = 1;
  let quote: string | undefined;
  for (; end < text.length && depth > 0; end++) {
    const char = text[end];
    if (quote) {
      if (char === '\\') end++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
  }
  return depth === 0 ? { start: index, end } : undefined;
}

function isParseError(error: unknown): error is ParseError {
  return error instanceof Error && typeof (error as Partial<ParseError>).index === 'number';
}

/** `{ "task": "migrate" }` saved as `.js` (a test event, a fixture): an object or array that JSON reads whole. */
function isJsonDocument(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `export DateInput from './DateInput';` (or `export v, { w } from '...'`), when the parse stopped at its name. */
function defaultReExportAt(text: string, index: number): { start: number; end: number } | undefined {
  const before = /\bexport\s+$/.exec(text.slice(Math.max(0, index - 40), index));
  if (!before) return undefined;
  const statement = /^[A-Za-z_$][\w$]*\s*(?:,\s*(?:\{[^}]*\}|\*\s+as\s+[A-Za-z_$][\w$]*)\s*)?from\s*(['"])[^'"\n]*\1\s*;?/.exec(text.slice(index));
  if (!statement) return undefined;
  return { start: index - before[0].length, end: index + statement[0].length };
}

/** Spaces in place of everything but line breaks, so lines and columns stay where they were. */
function blanked(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}
