import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Each style question scans the whole file, and every suggestion of every finding asks them: answers are
 * kept per file.
 */
function memo<T>(compute: (sourceCode: SourceCode) => T): (sourceCode: SourceCode) => T {
  const cache = new WeakMap<TSESTree.Program, T>();
  return (sourceCode) => {
    if (cache.has(sourceCode.ast)) return cache.get(sourceCode.ast) as T;
    const value = compute(sourceCode);
    cache.set(sourceCode.ast, value);
    return value;
  };
}

/** The quote the file already uses for module specifiers (single when it has none). */
export const quoteOf = memo((sourceCode): "'" | '"' => {
  for (const statement of sourceCode.ast.body) {
    const specifier = statement.type === 'ImportDeclaration' ? statement.source : requireSpecifier(statement);
    if (specifier?.raw.startsWith('"')) return '"';
    if (specifier?.raw.startsWith("'")) return "'";
  }
  return "'";
});

/** `'text'` in the file's quote style. */
export function quoted(sourceCode: SourceCode, text: string): string {
  const quote = quoteOf(sourceCode);
  return quote + text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`) + quote;
}

/** Whether the file ends its statements with semicolons (decided by its top-level statements). */
export const usesSemicolons = memo((sourceCode): boolean => {
  let withSemicolon = 0;
  let without = 0;
  for (const statement of sourceCode.ast.body) {
    if (
      statement.type !== 'ImportDeclaration' &&
      statement.type !== 'VariableDeclaration' &&
      statement.type !== 'ExpressionStatement'
    ) {
      continue;
    }
    const last = sourceCode.getLastToken(statement);
    if (last?.value === ';') withSemicolon++;
    else without++;
  }
  return withSemicolon >= without;
});

export function semicolon(sourceCode: SourceCode): string {
  return usesSemicolons(sourceCode) ? ';' : '';
}

/**
 * The function a fix puts where only the user can choose a value (a fallback's result): it throws, saying what to
 * fill in, so a placeholder left as it is fails loudly the first time it is used instead of handing on `undefined`.
 * Its type is `never` in TypeScript, so the code around it keeps its types until it is filled in.
 */
export function throwingPlaceholder(sourceCode: SourceCode, what: string): string {
  return `() => { throw new Error(${quoted(sourceCode, `TODO: choose the value to use when ${what} fails`)})${semicolon(sourceCode)} }`;
}

export const lineBreak = memo((sourceCode): string => (sourceCode.text.includes('\r\n') ? '\r\n' : '\n'));

/** The whitespace that starts the line on which `node` starts. */
export function indentOf(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** One level of indentation as the file writes it: a tab, or the smallest step between indented lines. */
export const indentUnit = memo((sourceCode): string => {
  let smallest = Number.POSITIVE_INFINITY;
  for (const line of sourceCode.lines) {
    if (line.startsWith('\t')) return '\t';
    const spaces = /^ +(?=\S)/.exec(line)?.[0].length ?? 0;
    // Lines of a block comment continue with one space before `*`; they are not an indentation step.
    if (spaces > 1 && spaces < smallest && !line.trimStart().startsWith('*')) smallest = spaces;
  }
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
});

/** Whether the file is TypeScript, so generated code may carry type annotations. */
export function isTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}

/** The module specifier of `const … = require('x')` at the top level, if the statement is one. */
export function requireSpecifier(statement: TSESTree.ProgramStatement): TSESTree.StringLiteral | undefined {
  if (statement.type !== 'VariableDeclaration') return undefined;
  const init = statement.declarations[0]?.init;
  if (
    init?.type === 'CallExpression' &&
    init.callee.type === 'Identifier' &&
    init.callee.name === 'require' &&
    init.arguments[0]?.type === 'Literal' &&
    typeof init.arguments[0].value === 'string'
  ) {
    return init.arguments[0] as TSESTree.StringLiteral;
  }
  return undefined;
}
